"""附表 and the target table laid out by content (fast: read from the .docx XML)."""
from __future__ import annotations

import re

from conftest import make_app
from docx_text import q, style_property, style_size_pt, tables

from docgen import settings as S
from docgen.render.engine import template_bytes
from docgen.render.fragments import XmlFragment, appendix
from docgen.render.widths import column_widths, text_em


def _appendix_xml(app, key: str, number: int) -> str:
    evidence_no = {use.path: i for i, use in enumerate(app.evidence, 1)}
    return str(appendix(XmlFragment(), app, key, number, evidence_no))


def test_short_values_never_wrap_and_long_names_share_the_rest():
    header = ["序号", "专利名称", "专利号", "授权日期"]
    rows = [[str(i), "一种用于工业机器人RV减速器轴承的高度分选装置", f"ZL20121065939{i}.X", "2014年12月28日"]
            for i in range(1, 300)]
    widths = column_widths(header, rows, 8844, 9)
    assert sum(widths) == 8844
    em = 9 * 20
    pad = 2 * 85
    assert widths[2] - pad >= text_em("ZL201210659399.X") * em  # a patent number is one word
    assert widths[3] - pad >= text_em("2014年12月28日") * em  # a date never wraps
    assert widths[1] == max(widths)  # the name takes the rest


def test_everything_fits_on_one_line_when_it_can():
    widths = column_widths(["序号", "名称"], [["1", "国家企业技术中心"]], 8844, 9)
    assert all(w - 170 >= text_em(t) * 180 for w, t in zip(widths, ["1", "国家企业技术中心"]))


def test_appendix_title_says_whose_attachment_it_is():
    app = make_app()
    xml = _appendix_xml(app, "有效发明专利", 3)
    assert "附表3　集群内中小企业有效发明专利清单" in xml
    assert "（《山东省特色产业集群申报表》附表）" in xml
    assert "<w:sz " not in xml  # sizes come from the styles, which a person may change in Word
    template = template_bytes()
    table = xml[xml.index("<w:tbl>"):]
    cell_styles = set(re.findall(r'<w:pStyle w:val="(\w+)"/>', table))
    assert cell_styles  # every cell paragraph is styled …
    for sid in cell_styles:  # … at 小五, so a patent's row takes one or two lines
        assert style_size_pt(template, sid) == S.PT["小五"], sid
    title_style = re.search(r'<w:pStyle w:val="(\w+)"/></w:pPr><w:r>(?:(?!</w:p>).)*（《山东省', xml).group(1)
    assert style_property(template, title_style, "w:pPr/w:jc").get(q("val")) == "center"


def test_one_evidence_file_for_every_row_is_said_once():
    app = make_app()
    rows = app.data["创新能力情况"]["有效发明专利"]
    same = rows[0]["佐证"]
    for r in rows:
        r["佐证"] = same
    xml = _appendix_xml(app, "有效发明专利", 3)
    assert "佐证材料序号" not in xml
    n = {use.path: i for i, use in enumerate(app.evidence, 1)}[same[0]]
    assert f"佐证材料：本表各项均见佐证材料清单第{n}项" in xml


def test_different_evidence_keeps_its_column():
    xml = _appendix_xml(make_app(), "有效发明专利", 3)
    assert "佐证材料序号" in xml and "本表各项均见" not in xml


def test_first_and_last_rows_stay_together(built_docx):
    from docx_text import root

    body = root(built_docx).find(q("body"))
    patents = next(t for t in body.findall(q("tbl")) if "专利号" in "".join(t.find(q("tr")).itertext()))
    rows = patents.findall(q("tr"))
    keeps = [r.find(f".//{q('keepNext')}") is not None for r in rows]
    assert keeps[0] and keeps[1]  # header and first row go with the next
    assert keeps[-2] and not keeps[-1]
    if len(rows) > 8:
        assert not keeps[len(rows) // 2]


def test_target_table_has_cell_margins_and_unit_values_fit(built_docx):
    from docx_text import root

    body = root(built_docx).find(q("body"))
    table = next(t for t in body.findall(q("tbl")) if "".join(t.find(q("tr")).itertext()).startswith("方向指标"))
    table_style = table.find(f"{q('tblPr')}/{q('tblStyle')}").get(q("val"))
    margins = {side: int(style_property(built_docx, table_style, f"w:tblPr/w:tblCellMar/w:{side}").get(q("w")))
               for side in ("top", "left", "bottom", "right")}
    assert margins["left"] >= 85 and margins["right"] >= 85  # 1.5 mm: text never touches a border
    assert margins["top"] > 0 and margins["bottom"] > 0
    text_styles = {p.get(q("val")) for p in table.iter(q("pStyle"))}
    size = max(style_size_pt(built_docx, sid) for sid in text_styles)
    assert size == S.PT["五号"]
    assert not list(table.iter(q("sz")))
    grid = [int(g.get(q("w"))) for g in table.find(q("tblGrid")).findall(q("gridCol"))]
    rows = [r for t in tables(built_docx) if t and t[0][:2] == ["方向", "指标"] for r in t][1:]
    for r in rows:
        if r[1] != "定性描述":
            for value, w in zip(r[2:], grid[2:]):
                assert text_em(value) * size * 20 <= w - margins["left"] - margins["right"], (value, w)
