"""XLSX lists (read with python-calamine; the files here are written with openpyxl, as Excel or
WPS would save them): cells as Excel shows them, headers that hide data refused at
file:row:col, and files built to exhaust memory or expand entities refused before anything is
inflated."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from docgen.findings import Findings
from docgen.load.tables import MAX_ROWS, load_table
from docgen.load.xlsx import MAX_PART_BYTES

EXAMPLE_XLSX = Path(__file__).resolve().parents[1] / "content" / "example" / "绿色制造.xlsx"
COLUMNS = ["类别", "名称", "级别", "认定年份", "佐证"]
SHEET = "xl/worksheets/sheet1.xml"


def workbook(tmp_path: Path, rows: list[list], name: str = "t.xlsx", merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    path = tmp_path / name
    wb.save(path)
    return path


def replace_part(path: Path, name: str, data: bytes) -> None:
    """The same package with one part's bytes replaced (as a hand-edited or crafted file would be)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist() if i.filename != name}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in parts.items():
            z.writestr(n, d)
        z.writestr(name, data)


def read(path: Path, columns=COLUMNS):
    findings = Findings()
    table = load_table(path, "x/" + path.name, findings, columns)
    return table, findings


def test_the_example_list():
    table, findings = read(EXAMPLE_XLSX)
    assert not findings.errors
    assert table.rows and all(set(r) == set(COLUMNS) for r in table.rows)
    assert table.locs[0]["名称"].line == 2 and table.locs[0]["名称"].col == 2


def test_cells_as_excel_shows_them(tmp_path: Path):
    path = workbook(tmp_path, [COLUMNS, [" 绿色工厂 ", "甲", "省级", 2021, None],
                               [], ["绿色工厂", "乙", "国家级", 2.5, dt.datetime(2012, 7, 18)]])
    table, findings = read(path)
    assert not findings.items
    assert table.rows[0]["类别"] == "绿色工厂" and table.rows[0]["认定年份"] == Decimal(2021)
    assert table.rows[1]["认定年份"] == Decimal("2.5") and table.rows[1]["佐证"] == "2012-07-18"
    assert table.row_locs[1].line == 4  # the blank row is skipped, the row numbers stay Excel's


def test_whole_numbers_read_as_excel_shows_them(tmp_path: Path):
    """calamine reads every number as a float: 2021 must come back as 2021, not 2021.0."""
    path = workbook(tmp_path, [COLUMNS, ["绿色工厂", "甲", "省级", 2021, None], ["绿色工厂", "乙", "省级", -3.0, None],
                               ["绿色工厂", "丙", "省级", 0.1, None]])
    table, _ = read(path)
    assert [str(r["认定年份"]) for r in table.rows] == ["2021", "-3", "0.1"]


def test_cells_keep_their_places_after_blank_rows_and_columns(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B1"], ws["C1"] = "名称", "认定年份"
    ws["B2"] = "甲"
    ws["C4"] = dt.date(2020, 1, 2)
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    table, findings = read(path, ["名称", "认定年份"])
    assert not findings.items
    assert table.rows == [{"名称": "甲", "认定年份": None}, {"名称": None, "认定年份": "2020-01-02"}]
    assert [r.line for r in table.row_locs] == [2, 4] and table.locs[1]["认定年份"].col == 3


def test_rows_count_from_excels_row_1(tmp_path: Path):
    """A sheet whose first row is blank: that blank row is the header, and the errors name the
    rows as Excel numbers them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A2"], ws["A3"] = "名称", "甲"
    path = tmp_path / "low.xlsx"
    wb.save(path)
    _, findings = read(path, ["名称"])
    assert [(f.rule, f.line, f.col) for f in findings.errors] == [("list-row", 2, 1), ("list-row", 3, 1)]


def test_the_first_sheet_is_read_even_when_hidden(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.active.append(["名称"])
    wb.active.append(["看得见"])
    hidden = wb.create_sheet("隐藏", 0)
    hidden.sheet_state = "hidden"
    hidden.append(["名称"])
    hidden.append(["隐藏的"])
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    table, _ = read(path, ["名称"])
    assert table.rows == [{"名称": "隐藏的"}]


def test_formula_cells_give_their_cached_value(tmp_path: Path):
    path = workbook(tmp_path, [["名称", "认定年份"], ["甲", "=2000+21"]])
    with zipfile.ZipFile(path) as z:
        sheet = z.read(SHEET)
    assert b"<f>" in sheet
    replace_part(path, SHEET, sheet.replace(b"<f>2000+21</f><v></v>", b"<f>2000+21</f><v>2021</v>")
                 .replace(b"<f>2000+21</f><v/>", b"<f>2000+21</f><v>2021</v>")
                 .replace(b"<f>2000+21</f></c>", b"<f>2000+21</f><v>2021</v></c>"))
    table, findings = read(path, ["名称", "认定年份"])
    assert not findings.errors and table.rows[0]["认定年份"] == Decimal(2021)


def test_merged_header_hides_no_data(tmp_path: Path):
    """A header merged over B1:C1 leaves C1 blank; the data under it is an error at its cell."""
    path = workbook(tmp_path, [["类别", "名称", None, "认定年份"], ["绿色工厂", "甲", "省级", 2021]], merge="B1:C1")
    _, findings = read(path)
    [f] = [f for f in findings.errors if f.rule == "list-column-unnamed"]
    assert (f.file, f.line, f.col) == ("x/t.xlsx", 2, 3)
    assert "合并" in f.message and "第 3 列" in f.message


def test_blank_header_column_without_data_is_fine(tmp_path: Path):
    path = workbook(tmp_path, [["类别", None, "名称"], ["绿色工厂", None, "甲"]])
    table, findings = read(path)
    assert not findings.errors and table.rows[0]["名称"] == "甲"


def test_number_and_remark_columns_are_ignored_with_a_note(tmp_path: Path):
    path = workbook(tmp_path, [["序号", "类别", "名称", "备注"], [1, "绿色工厂", "甲", "已复核"]])
    table, findings = read(path)
    assert not findings.errors and not findings.warnings
    assert table.rows == [{"类别": "绿色工厂", "名称": "甲"}]
    assert sorted((f.col, f.rule) for f in findings.items) == [(1, "list-column-ignored"), (4, "list-column-ignored")]


def test_invisible_characters_in_cells_are_removed_with_a_warning(tmp_path: Path):
    path = workbook(tmp_path, [["类别", "名称"], ["绿色\u200b工厂", "甲\u00a0乙"]])
    table, findings = read(path, ["类别", "名称"])
    assert table.rows[0] == {"类别": "绿色工厂", "名称": "甲 乙"}
    assert sorted((f.line, f.col) for f in findings.warnings) == [(2, 1), (2, 2)]
    assert "零宽空格" in findings.warnings[0].message


@pytest.mark.parametrize("part", [SHEET, "xl/sharedStrings.xml"])
def test_entity_expansion_is_refused(tmp_path: Path, part: str):
    path = workbook(tmp_path, [["类别", "名称"], ["绿色工厂", "甲"]])
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">{lol}]>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            '<si><t>&l9;</t></si></sst>')
    if part == SHEET:
        bomb = bomb.replace("<sst", "<worksheet").replace("</sst>", "</worksheet>")
    replace_part(path, part, bomb.encode())
    table, findings = read(path, ["类别", "名称"])
    assert table is None
    [f] = findings.errors
    assert f.rule == "list-xlsx" and "DTD" in f.message and (f.line, f.col) == (1, 1)


@pytest.mark.parametrize("with_refs", [True, False])
def test_a_far_cell_that_would_make_a_huge_grid_is_refused(tmp_path: Path, with_refs: bool):
    """calamine holds the sheet as a dense grid: A1 plus one cell at XFD6000 would be 3 GB from a 5 KB
    file. Refused before calamine reads it, whether the far cell's place is written as `r` or
    reached by cells and rows without it."""
    path = workbook(tmp_path, [["名称"], ["甲"]])
    if with_refs:
        far = b'<row r="6000"><c r="XFD6000" t="inlineStr"><is><t>x</t></is></c></row>'
    else:
        far = b"<row>" + b"<c/>" * 16383 + b'<c t="inlineStr"><is><t>x</t></is></c></row>'
        far = b"<row/>" * 5997 + far
    with zipfile.ZipFile(path) as z:
        sheet = z.read(SHEET)
    replace_part(path, SHEET, sheet.replace(b"</sheetData>", far + b"</sheetData>"))
    assert path.stat().st_size < 20_000
    table, findings = read(path, ["名称"])
    assert table is None
    [f] = findings.errors
    assert f.rule == "list-xlsx" and "6000 行 × 16384 列" in f.message


def test_calamine_does_not_expand_entities(tmp_path: Path):
    """The second line of defence behind the DTD check: the reader itself (calamine's XML parser)
    refuses an entity it would have to expand."""
    import python_calamine

    path = workbook(tmp_path, [["名称"], ["甲"]])
    replace_part(path, SHEET, (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&l1;</t></is></c></row></sheetData></worksheet>').encode())
    with pytest.raises(python_calamine.CalamineError, match="entity"):
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)


def test_openpyxl_parses_with_defusedxml():
    """openpyxl (which writes the 汇总表's .xlsx, and which tests use to read it back) parses with
    defusedxml: entities refused."""
    assert openpyxl.DEFUSEDXML is True


def _sheet_xml(rows: int, dimension: bool = True):
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:  # as Excel, WPS and LibreOffice write it
        yield b'<dimension ref="A1:A%d"/>' % (rows + 1)
    yield b"<sheetData>"
    yield (b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\x90\x8d\xe7\xa7\xb0</t></is></c></row>')  # 名称
    chunk = []
    for r in range(2, rows + 2):
        chunk.append(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>row %d</t></is></c></row>' % (r, r, r))
        if len(chunk) == 10000:
            yield b"".join(chunk)
            chunk = []
    yield b"".join(chunk) + b"</sheetData></worksheet>"


def _huge_sheet(tmp_path: Path, rows: int, repetitive: bool = False, dimension: bool = True) -> Path:
    """A list whose sheet part is written by hand: `rows` numbered rows, or (repetitive) the same
    row over and over, which deflates ~1000:1 like the bombs seen in the wild."""
    path = workbook(tmp_path, [["名称"]], name="huge.xlsx")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist() if i.filename != SHEET}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9 if repetitive else 1) as z:
        for n, d in parts.items():
            z.writestr(n, d)
        with z.open(SHEET, "w", force_zip64=True) as out:
            if repetitive:
                block = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20000
                out.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                          b'spreadsheetml/2006/main"><sheetData>')
                for _ in range(rows // 20000):
                    out.write(block)
                out.write(b"</sheetData></worksheet>")
            else:
                for block in _sheet_xml(rows, dimension):
                    out.write(block)
    return path


MEASURE = textwrap.dedent("""
    import resource, sys, time
    from pathlib import Path
    from docgen.findings import Findings
    from docgen.load.tables import load_table
    start = time.perf_counter()
    f = Findings()
    t = load_table(Path(sys.argv[1]), "huge.xlsx", f, ["名称"])
    secs = time.perf_counter() - start
    try:  # this process's own peak (ru_maxrss may include the parent's at fork time)
        status = open("/proc/self/status").read()
        peak_mb = int(status.split("VmHWM:")[1].split()[0]) // 1024
    except (OSError, IndexError):
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(secs, peak_mb, t is None, ",".join(x.rule for x in f.errors))
""")


def _measure(path: Path) -> tuple[float, int, bool, str]:
    p = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    secs, mb, refused, rules = p.stdout.split()
    return float(secs), int(mb), refused == "True", rules


def test_a_zip_bomb_is_refused_before_inflating(tmp_path: Path):
    """A part that inflates past the cap (here ~4× it; the issue's file: 290 KB → 2 GB) is refused
    from the zip directory, in < 5 s and < 300 MB."""
    path = _huge_sheet(tmp_path, rows=4 * MAX_PART_BYTES // 50, repetitive=True)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo(SHEET).file_size > MAX_PART_BYTES
    assert path.stat().st_size < MAX_PART_BYTES // 10
    secs, mb, refused, rules = _measure(path)
    assert refused and rules == "list-xlsx"
    assert secs < 5 and mb < 300, (secs, mb)


def test_rows_are_streamed_and_the_row_limit_stops_reading(tmp_path: Path):
    """Under the size cap, a sheet of 200,000 rows stops at the row limit without reading the rest."""
    path = _huge_sheet(tmp_path, rows=200_000)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo(SHEET).file_size < MAX_PART_BYTES
    secs, mb, refused, rules = _measure(path)
    assert refused and rules == "list-too-long"
    assert secs < 5 and mb < 300, (secs, mb)
    assert MAX_ROWS < 200_000


def test_a_large_sheet_without_its_size_is_refused_before_parsing(tmp_path: Path):
    """Without <dimension> openpyxl would parse the whole sheet before the first row."""
    path = _huge_sheet(tmp_path, rows=200_000, dimension=False)
    secs, mb, refused, rules = _measure(path)
    assert refused and rules == "list-xlsx"
    assert secs < 5 and mb < 300, (secs, mb)
    table, findings = read(path, ["名称"])
    assert "表格范围" in findings.errors[0].message


def test_a_small_sheet_without_its_size_is_read(tmp_path: Path):
    path = _huge_sheet(tmp_path, rows=50, dimension=False)
    table, findings = read(path, ["名称"])
    assert not findings.errors and len(table.rows) == 50 and table.rows[-1]["名称"] == "row 51"


def test_a_damaged_file_is_a_located_error(tmp_path: Path):
    path = tmp_path / "d.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    table, findings = read(path)
    assert table is None and [f.rule for f in findings.errors] == ["list-xlsx"]


def test_an_xls_file_says_how_to_convert(tmp_path: Path):
    path = tmp_path / "旧.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    table, findings = read(path)
    assert table is None and "另存为" in findings.errors[0].message
