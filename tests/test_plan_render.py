"""Rendering the plan with python-docx: official numbering, fonts, indents, the target table."""
from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from plan_samples import EXTRA_ROW, REQUIRED_ROWS

from docgen import settings as S
from docgen.findings import Findings
from docgen.plan import OUTLINE, parse_plan, render_plan
from docgen.render.engine import template_bytes

ROWS = [*REQUIRED_ROWS[:2], EXTRA_ROW, *REQUIRED_ROWS[2:]]  # an extra indicator keeps its group

PLAN = """# 八、未来三年特色产业集群发展规划

# 集群基本情况简介

集群**始于1985年**，现有*企业326家*，“小巨人”企业3家。\\
第二行。

## 发展成效

- 主导产业优势提升
- 创新活力增强
  - 研发投入增长

| 指标 | 2023年 |
|:--|--:|
| 产值 | 206.49亿元 |

# 三、存在的问题

问题。

# 四、未来三年特色产业集群发展规划

## (一) 总体思路

思路。

## （二）发展目标

### 1、三年总体目标

到2026年，集群产值突破300亿元。

### 2. 阶段性目标

#### （1）2024年度

目标。

#### （2）2025年度

目标。

#### （3）2026年度

目标。

## （三）重点任务

### 强化创新驱动

任务。

## （四）保障措施

措施。
"""


def render(text: str = PLAN, rows=ROWS, draft: bool = False):
    f = Findings()
    plan = parse_plan(text, f)
    doc = Document(io.BytesIO(template_bytes()))  # the template, for its named styles, without its body
    body = doc.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    render_plan(doc, plan, rows, draft=draft)
    buf = io.BytesIO()
    doc.save(buf)  # must serialise
    buf.seek(0)
    return Document(buf), f


def _styles_of(paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def east_asia(paragraph) -> str:
    """The East Asian face a paragraph's text takes from its style chain."""
    for style in _styles_of(paragraph):
        rpr = style.element.rPr
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            return rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    raise AssertionError("no font in the style chain")


def size_pt(paragraph) -> float:
    return next(s.font.size.pt for s in _styles_of(paragraph) if s.font.size is not None)


def no_direct_font(paragraph) -> bool:
    return not paragraph._p.xpath(".//w:rPr/w:sz | .//w:rPr/w:rFonts[@w:eastAsia]")


def para(doc, text: str):
    return next(p for p in doc.paragraphs if p.text == text)


@pytest.fixture(scope="module")
def doc():
    d, f = render()
    assert f.errors == [], f.format_text()
    return d


def test_headings_carry_official_numbering(doc):
    texts = [p.text for p in doc.paragraphs]
    for part in OUTLINE:
        assert part.heading in texts
    assert "八、未来三年特色产业集群发展规划" not in texts  # the form prints 八 itself
    order = [texts.index(p.heading) for p in OUTLINE]
    assert order == sorted(order)
    assert "强化创新驱动" in texts  # an extra heading: as written, no invented number


@pytest.mark.parametrize(
    "text, font, bold",
    [("一、集群基本情况简介", "黑体", False), ("（一）总体思路", "楷体", False),
     ("1.三年总体目标", "仿宋", True), ("（1）2024年度", "仿宋", False), ("强化创新驱动", "仿宋", True)],
)
def test_heading_fonts(doc, text, font, bold):
    p = para(doc, text)
    assert p.style.name.startswith("规划标题 ")
    assert east_asia(p) == font and size_pt(p) == 16 and no_direct_font(p)
    assert bool(p.style.font.bold) == bold or all(r.font.bold for r in p.runs)
    assert p.style.paragraph_format.keep_with_next is True
    outline = p.style.element.pPr.find(qn("w:outlineLvl"))
    assert outline is not None and 1 <= int(outline.get(qn("w:val"))) <= 4


def test_body_paragraph_format(doc):
    p = next(p for p in doc.paragraphs if p.text.startswith("集群始于"))
    assert p.style.style_id == "Normal"  # 正文: a person's change to it reaches the plan
    ppr = p.style.element.pPr
    assert ppr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    sp = ppr.find(qn("w:spacing"))
    assert sp.get(qn("w:line")) == str(S.BODY_LINE_TW) and sp.get(qn("w:lineRule")) == "exact"
    assert east_asia(p) == "仿宋" and size_pt(p) == 16 and no_direct_font(p)


def test_bold_italic_and_hard_break(doc):
    p = next(p for p in doc.paragraphs if p.text.startswith("集群始于"))
    runs = {r.text: r for r in p.runs if r.text}
    assert runs["始于1985年"].font.bold and not runs["集群"].font.bold
    assert runs["企业326家"].font.italic
    assert p._p.xpath(".//w:br")
    assert p.text.endswith("企业3家。\n第二行。")
    # curly quotes take the Chinese font: w:hint="eastAsia"
    quoted = next(r for r in p.runs if "“" in r.text)
    assert quoted._r.rPr.find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia"


def test_lists_are_numbered_not_bulleted(doc):
    texts = [p.text for p in doc.paragraphs]
    assert "1.主导产业优势提升" in texts and "2.创新活力增强" in texts and "（1）研发投入增长" in texts
    assert not any(p._p.pPr is not None and p._p.pPr.find(qn("w:numPr")) is not None for p in doc.paragraphs)


def test_markdown_table_is_bordered(doc):
    t = doc.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["指标", "2023年"]
    assert [c.text for c in t.rows[1].cells] == ["产值", "206.49亿元"]
    borders = t.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")  # the table style Table Grid
    assert borders is not None and borders.find(qn("w:insideH")).get(qn("w:val")) == "single"
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert east_asia(t.rows[0].cells[0].paragraphs[0]) == "黑体"
    assert east_asia(t.rows[1].cells[0].paragraphs[0]) == "仿宋"
    assert t.rows[1].cells[1].paragraphs[0].alignment == 2  # right, from --:


def target_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "方向")


def test_target_table_placed_after_overall_targets(doc):
    body = list(doc.element.body)
    tbl = target_table(doc)._tbl
    k = body.index(tbl)
    prev = body[k - 1].xpath("string(.)")
    nxt = body[k + 1].xpath("string(.)")
    assert prev == "到2026年，集群产值突破300亿元。" and nxt == "2.阶段性目标"


def test_target_table_header_and_values(doc):
    t = target_table(doc)
    trs = t._tbl.tr_lst
    cells = [[tc.xpath("string(.)") for tc in tr.tc_lst] for tr in trs]
    assert cells[0] == ["方向", "指标", "2023年基准值", "2026年目标值"]
    assert cells[1] == ["主导产业", "集群产值年均增速", "9.80%", "12%"]
    assert cells[2] == ["", "优质中小企业数量", "35家", "60家"]
    assert cells[3] == ["", "规上企业数量", "120家", "150家"]
    assert cells[4] == ["创新", "研发经费投入", "6.13亿元", "9.50亿元"]
    assert cells[7] == ["绿色化", "二氧化碳排放量", "0.52吨二氧化碳/万元", "0.45吨二氧化碳/万元"]
    assert cells[9] == ["开放合作", "定性描述", "与2个境外园区建立合作", "新增境外分支机构3家"]
    assert cells[10] == ["治理和服务", "定性描述", "建成公共服务平台", "创建省级示范平台"]
    assert cells[11] == ["其它", "", "", ""]  # the form's row, blank when unused
    assert len(cells) == 12
    assert trs[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in trs)


def test_direction_cells_are_merged_vertically(doc):
    t = target_table(doc)
    vm = []
    for tr in t._tbl.tr_lst[1:]:
        tc = tr.tc_lst[0]
        el = tc.tcPr.find(qn("w:vMerge"))
        vm.append(None if el is None else (el.get(qn("w:val")) or "continue"))
        if el is not None:
            # tcPr children in schema order: tcW before vMerge before vAlign
            tags = [c.tag.split("}")[1] for c in tc.tcPr]
            assert tags.index("tcW") < tags.index("vMerge") < tags.index("vAlign")
    assert vm == ["restart", "continue", "continue",  # 主导产业 ×3
                  "restart", "continue",  # 创新 ×2
                  None,  # 数字化
                  "restart", "continue",  # 绿色化 ×2
                  None, None, None]  # 开放合作, 治理和服务, 其它 (the form's row)
    # python-docx sees one merged cell
    assert t.rows[1].cells[0]._tc is t.rows[3].cells[0]._tc


def test_target_table_fonts(doc):
    t = target_table(doc)
    assert east_asia(t.rows[0].cells[0].paragraphs[0]) == "黑体"
    assert east_asia(t.rows[1].cells[1].paragraphs[0]) == "仿宋"
    assert all(no_direct_font(c.paragraphs[0]) for r in t.rows for c in r.cells)


def test_marker_moves_the_table():
    text = PLAN.replace("措施。", "措施。\n\n[目标指标表]")
    d, _ = render(text)
    body = list(d.element.body)
    k = body.index(target_table(d)._tbl)
    assert body[k - 1].xpath("string(.)") == "措施。"
    assert "[目标指标表]" not in [p.text for p in d.paragraphs]


def test_draft_marks_missing_parts_and_rows():
    text = PLAN.replace("# 三、存在的问题\n\n问题。\n\n", "")
    d, f = render(text, rows=ROWS[:1], draft=True)
    assert [x.rule for x in f.errors] == ["plan-outline-missing"]
    texts = [p.text for p in d.paragraphs]
    k = texts.index("三、存在的问题")
    assert texts[k + 1] == "【待填写：存在的问题】"
    assert texts[k + 2] == "四、未来三年特色产业集群发展规划"
    placeholder = d.paragraphs[k + 1].runs[0]
    assert placeholder.font.highlight_color is not None
    t = target_table(d)
    assert any("【待填写" in tc.xpath("string(.)") for tr in t._tbl.tr_lst for tc in tr.tc_lst)


def test_final_build_does_not_print_missing_parts():
    text = PLAN.replace("# 三、存在的问题\n\n问题。\n\n", "")
    d, _ = render(text)
    assert "三、存在的问题" not in [p.text for p in d.paragraphs]


def test_adjacent_tables_are_kept_apart_and_the_next_paragraph_has_air():
    text = PLAN.replace("到2026年，集群产值突破300亿元。", "| a | b |\n|---|---|\n| 1 | 2 |")
    d, _ = render(text)
    body = list(d.element.body)
    tbls = [k for k, el in enumerate(body) if el.tag == qn("w:tbl")]
    assert len(tbls) == 3
    assert all(b - a > 1 for a, b in zip(tbls, tbls[1:]))  # a paragraph between any two tables
    after = d.paragraphs[[p._p for p in d.paragraphs].index(body[tbls[-1] + 1])]
    assert after.text == "2.阶段性目标" and after.paragraph_format.space_before.pt == 6


_ORDER = {
    "pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
            "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
            "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
            "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"),
    "rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
            "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
            "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"),
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "tblPr": ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
              "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"),
}


def test_property_elements_follow_the_schema_order():
    """Word rejects some files whose property children are out of sequence."""
    d, _ = render(PLAN.replace("措施。", "措施。\n\n[目标指标表]"), draft=True)
    for tag, order in _ORDER.items():
        rank = {name: k for k, name in enumerate(order.split())}
        for el in d.element.body.iter(qn(f"w:{tag}")):
            names = [c.tag.split("}")[1] for c in el]
            assert all(n in rank for n in names), (tag, names)
            assert names == sorted(names, key=rank.get), (tag, names)


def test_table_cells_have_no_first_line_indent(doc):
    t = target_table(doc)
    p = t.rows[1].cells[1].paragraphs[0]
    ind = next(s.element.pPr.find(qn("w:ind")) for s in _styles_of(p)
               if s.element.pPr is not None and s.element.pPr.find(qn("w:ind")) is not None)
    assert ind.get(qn("w:firstLine")) == "0" and ind.get(qn("w:firstLineChars")) == "0"


def test_renders_into_a_subdocument_like_proxy():
    """docxtpl's Subdoc and docgen's render Fragment forward add_paragraph/add_table to a Document."""

    class Proxy:
        def __init__(self):
            self.doc = Document()

        def __getattr__(self, name):
            return getattr(self.doc, name)

    f = Findings()
    plan = parse_plan(PLAN, f)
    proxy = Proxy()
    render_plan(proxy, plan, ROWS)
    assert "一、集群基本情况简介" in [p.text for p in proxy.doc.paragraphs]
    assert len(proxy.doc.tables) == 2
