"""docgen.load.xlsx reads exactly what openpyxl (read-only, values only) reads, or declines."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.load.xlsx import PLAIN_NUMBER_FORMATS, read_first_sheet

EXAMPLE_XLSX = Path(__file__).resolve().parents[1] / "content" / "example" / "绿色制造.xlsx"


def by_openpyxl(path: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def same_as_openpyxl(path: Path) -> list[tuple] | None:
    """The fast reader's rows, checked against openpyxl's when it does not decline."""
    rows = read_first_sheet(path)
    if rows is not None:
        assert [tuple(r) for r in rows] == by_openpyxl(path)
        assert all(type(a) is type(b) for r, o in zip(rows, by_openpyxl(path)) for a, b in zip(r, o))
    return rows


def test_plain_number_formats_are_openpyxl_non_dates():
    from openpyxl.styles.numbers import (
        BUILTIN_FORMATS,
        is_date_format,
        is_timedelta_format,
    )

    plain = {i for i, f in BUILTIN_FORMATS.items() if not is_date_format(f) and not is_timedelta_format(f)}
    assert PLAIN_NUMBER_FORMATS == plain


def test_the_example_list_is_read_without_openpyxl():
    assert same_as_openpyxl(EXAMPLE_XLSX) is not None


def test_a_workbook_written_by_openpyxl(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名称", "年份", "数量", "是否", "空"])
    ws.append([" 前后空格 ", 2021, 2.5, True, None])
    ws.append(["换行\n第二行", -3, 1e-7, False, "=不是公式"])
    ws.append([])
    ws.append(["x005F_x", 10**15, 0.1 + 0.2, None, "最后"])
    ws["H9"] = "远处的格"
    ws["B12"] = "=1+1"  # a formula without a cached value reads as None
    path = tmp_path / "w.xlsx"
    wb.save(path)
    assert same_as_openpyxl(path) is not None


def test_dates_are_left_to_openpyxl(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.active.append(["名称", "日期"])
    wb.active.append(["a", dt.date(2023, 5, 1)])
    path = tmp_path / "d.xlsx"
    wb.save(path)
    assert read_first_sheet(path) is None


# -- hand-written packages: what Excel and WPS write, and the odd cases ------------------------
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{sheets}</sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{t1}"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="176" formatCode="0.000"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
STRINGS = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">
<si><!-- a comment --><t>类别</t></si>
<si><t>名称</t><rPh sb="0" eb="2"><t>ミョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>
<si><r><rPr><b/><sz val="11"/></rPr><t>绿色</t></r><r><t xml:space="preserve"> 工厂 </t></r></si>
<si><t>_x005F_x000D_ a&amp;b &lt;c&gt;</t></si>
<si><t xml:space="preserve">  </t></si>
<si><t/></si>
</sst>"""
SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
{dimension}<sheetData>{rows}</sheetData></worksheet>"""
EXCEL_ROWS = (
    '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="inlineStr"><is><t>级别</t></is></c><c r="D1" s="1" t="s"><v>2</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>2021</v></c><c r="C2" t="b"><v>1</v></c>'
    '<c r="D2" t="str"><f>A1&amp;"x"</f><v>类别x</v></c></row>'
    '<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4"><v>1.5E3</v></c><c r="C4" t="e"><v>#N/A</v></c>'
    '<c r="D4" t="s"><v>5</v></c></row>'
    '<row><c t="inlineStr"><is><r><t>行</t></r><r><t>内</t></r></is></c><c><v></v></c><c><v>7</v></c></row>'
    '<row r="7"/>'
)


def package(tmp_path: Path, *, rows: str = EXCEL_ROWS, dimension: str = '<dimension ref="A1:D7"/>',
            sheets: str = '<sheet name="清单" sheetId="1" r:id="rId1"/><sheet name="二" sheetId="2" r:id="rId2"/>',
            target: str = "worksheets/sheet1.xml", skip: tuple[str, ...] = (), extra: dict | None = None) -> Path:
    parts = {
        "[Content_Types].xml": CT, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WB.format(sheets=sheets),
        "xl/_rels/workbook.xml.rels": WB_RELS.format(t1=target), "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": STRINGS,
        "xl/worksheets/sheet1.xml": SHEET.format(dimension=dimension, rows=rows),
        "xl/worksheets/sheet2.xml": SHEET.format(dimension="", rows='<row r="1"><c r="A1"><v>2</v></c></row>'),
        **(extra or {}),
    }
    path = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            if name not in skip:
                z.writestr(name, text)
    return path


def test_an_excel_style_package(tmp_path: Path):
    rows = same_as_openpyxl(package(tmp_path))
    assert rows is not None and rows[1][0] == "_x000D_ a&b <c>"


@pytest.mark.parametrize("dimension", ["", '<dimension ref="A1"/>', '<dimension ref="A1:B3"/>',
                                       '<dimension ref="B2:F12"/>', '<dimension ref="A1:D2"/>'])
def test_the_recorded_dimension_pads_and_cuts_as_openpyxl(tmp_path: Path, dimension: str):
    assert same_as_openpyxl(package(tmp_path, dimension=dimension)) is not None


@pytest.mark.parametrize("target", ["worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml",
                                    "./worksheets/../worksheets/sheet1.xml"])
def test_sheet_targets_resolve_as_in_openpyxl(tmp_path: Path, target: str):
    assert same_as_openpyxl(package(tmp_path, target=target)) is not None


def test_a_missing_first_sheet_part_means_the_next_sheet(tmp_path: Path):
    rows = same_as_openpyxl(package(tmp_path, skip=("xl/worksheets/sheet1.xml",)))
    assert rows == [(2,)]


@pytest.mark.parametrize("cells", [
    '<c r="A1" s="2"><v>45000</v></c>',  # a date format
    '<c r="A1" s="3"><v>1.5</v></c>',  # a custom format
    '<c r="A1" t="d"><v>2023-01-01T00:00:00</v></c>',
    '<c r="A1"><v>1</v></c><!-- a comment among the cells -->',
    '<c r="a1"><v>1</v></c>',
    '<c r="A2"><v>1</v></c>',  # not the row's own number
])
def test_what_it_does_not_model_goes_to_openpyxl(tmp_path: Path, cells: str):
    assert read_first_sheet(package(tmp_path, rows=f'<row r="1">{cells}</row>')) is None


def test_damaged_files_go_to_openpyxl(tmp_path: Path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert read_first_sheet(bad) is None
    assert read_first_sheet(package(tmp_path, skip=("xl/sharedStrings.xml",))) is None
    assert read_first_sheet(package(tmp_path, rows='<row r="1"><c r="A1" t="s"><v>99</v></c></row>')) is None


CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from([" ", "\n", "a\nb", "x005F_", "_x000D_", "无", "2021"]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(CELL, max_size=6), max_size=8))
def test_any_grid_written_by_openpyxl(tmp_path_factory, grid):
    wb = openpyxl.Workbook()
    for row in grid:
        wb.active.append(row)
    path = tmp_path_factory.mktemp("g") / "g.xlsx"
    wb.save(path)
    assert same_as_openpyxl(path) is not None
