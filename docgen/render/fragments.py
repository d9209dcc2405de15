"""The parts of the document with no fixed shape, built with python-docx as subdocuments.

A `Fragment` is a python-docx `Document` proxy over a detached body that shares the
template's main part (so styles and numbering resolve against the template); its
`__html__` is the body's XML, which docxtpl puts in place of a `{{p name }}` paragraph.
Unlike docxtpl's `Subdoc` it does not load python-docx's default template for each
subdocument. All formatting here is direct (fonts from settings, East Asian slot set).
"""
from __future__ import annotations

import re
from typing import Any

from docx.document import Document as _DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
from lxml import etree

from .. import ooxml, present
from .. import settings as S
from ..form import kinds
from ..form.spec import SECTIONS
from ..model import MISSING, Application
from . import formtext as T

TYPE_WIDTH = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW

_EMPTY_BODY = (
    f"<w:document {nsdecls('w', 'r')}><w:body><w:sectPr>"
    f'<w:pgSz w:w="{S.PAGE_WIDTH_TW}" w:h="{S.PAGE_HEIGHT_TW}"/>'
    f'<w:pgMar w:top="{S.MARGIN_TOP_TW}" w:right="{S.MARGIN_RIGHT_TW}" w:bottom="{S.MARGIN_BOTTOM_TW}" '
    f'w:left="{S.MARGIN_LEFT_TW}" w:header="851" w:footer="{S.FOOTER_DISTANCE_TW}" w:gutter="0"/>'
    "</w:sectPr></w:body></w:document>"
)
_BODY_TAGS = re.compile(r"</?w:body[^>]*>")


class Fragment:
    """A subdocument: add paragraphs and tables to `.doc` (or to the fragment itself)."""

    def __init__(self, main_part):
        element = parse_xml(_EMPTY_BODY)
        self.doc = _DocxDocument(element, main_part)
        self._xml: str | None = None

    def __getattr__(self, name):  # lets render_plan treat a Fragment like a Document/Subdoc
        return getattr(self.doc, name)

    def __html__(self) -> str:
        if self._xml is None:
            body = self.doc.element.body
            sect = body.find(qn("w:sectPr"))
            if sect is not None:
                body.remove(sect)
            self._xml = _BODY_TAGS.sub("", etree.tostring(body, encoding="unicode"))
        return self._xml

    def __str__(self) -> str:
        return self.__html__()


# ---------------------------------------------------------------------------------------------
# small builders (direct formatting)


def add_par(container, text: str = "", role: tuple = S.TABLE_TEXT, *, align=None, page_break: bool = False,
            keep_next: bool = False, space_after_pt: float | None = None, line_pt: float | None = None,
            bold: bool | None = None):
    par = container.add_paragraph()
    pf = par.paragraph_format
    if page_break:
        pf.page_break_before = True
    if keep_next:
        pf.keep_with_next = True
    pf.space_before = Pt(0)
    pf.space_after = Pt(space_after_pt or 0)
    if line_pt:
        pf.line_spacing = Pt(line_pt)
    else:
        pf.line_spacing = 1.0
    if align is not None:
        par.alignment = align
    if text:
        add_text(par, text, role, bold=bold)
    return par


def add_text(par, text: str, role: tuple, *, bold: bool | None = None) -> None:
    """A run of text; a draft's 【待填写】 is highlighted."""
    run = ooxml.add_run(par, str(text), role, bold=bold)
    if present.is_pending(text):
        ooxml.set_highlight(run._r.get_or_add_rPr(), S.MISSING_HIGHLIGHT)


def _table(doc, widths: list[int]):
    table = doc.add_table(rows=0, cols=len(widths))
    tbl = table._tbl
    tblpr = tbl.tblPr
    for el in tblpr.findall(qn("w:tblW")):
        tblpr.remove(el)
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        tblpr.remove(look)
    w = OxmlElement("w:tblW")
    w.set(qn("w:w"), str(sum(widths)))
    w.set(qn("w:type"), "dxa")
    tblpr.append(w)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.set_table_borders(table)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    mar = OxmlElement("w:tblCellMar")
    for side, v in (("top", 28), ("left", 85), ("bottom", 28), ("right", 85)):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:w"), str(v))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblpr.append(mar)
    ooxml.sort_children(tblpr, _TBLPR_ORDER)
    for gc, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(width))
    return table


_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _fill_row(row, widths: list[int], texts: list[str], role: tuple, aligns: list) -> None:
    cells = row.cells  # once per row
    for c, w, text, align in zip(cells, widths, texts, aligns):
        ooxml.set_cell_width(c, w)
        ooxml.set_cell_valign(c, "center")
        par = c.paragraphs[0]
        par.paragraph_format.line_spacing = 1.0
        par.paragraph_format.space_after = Pt(0)
        par.alignment = align
        if text:
            add_text(par, text, role)
    ooxml.set_cant_split(row)


def simple_table(doc, header: list[str], rows: list[list[str]], weights: list[float], *,
                 aligns: list | None = None, empty: str = kinds.NONE_TEXT):
    """Header row (repeated on each page) and data rows; no rows → one 无 row across."""
    total = TYPE_WIDTH
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    table = _table(doc, widths)
    center = WD_ALIGN_PARAGRAPH.CENTER
    aligns = aligns or [center] * len(header)
    hrow = table.add_row()
    _fill_row(hrow, widths, header, S.APPENDIX_TABLE_HEADER, [center] * len(header))
    ooxml.set_repeat_header(hrow)
    ooxml.sort_children(hrow._tr.trPr, ooxml.TRPR_ORDER)
    for values in rows:
        _fill_row(table.add_row(), widths, values, S.APPENDIX_TABLE_TEXT, aligns)
    if not rows:
        row = table.add_row()
        cells = row.cells
        merged = cells[0].merge(cells[-1])
        ooxml.set_cell_width(merged, total)
        par = merged.paragraphs[0]
        par.alignment = center
        add_text(par, empty, S.APPENDIX_TABLE_TEXT)
        ooxml.set_cant_split(row)
    return table


# ---------------------------------------------------------------------------------------------
# 附表: the lists the form asks for


_WEIGHTS = {
    "标准名称": 3.2, "标准编号": 2.0, "类别": 1.1, "角色": 0.9, "年份": 1.0, "企业": 2.6,
    "名称": 3.2, "级别": 1.0, "依托单位": 2.6, "专利名称": 3.0, "专利号": 2.2, "类型": 1.5,
    "权利人": 2.4, "授权日期": 1.9, "认定年份": 1.1, "机构名称": 2.6, "国家或地区": 1.4, "设立年份": 1.1,
}
_LIST_SECTIONS = {"标准": "创新能力情况", "创新平台": "创新能力情况", "有效发明专利": "创新能力情况",
                  "绿色制造": "绿色化转型情况", "境外分支机构": "开放合作情况"}


def list_field(key: str) -> kinds.ListField:
    for sec in SECTIONS:
        if sec.key == _LIST_SECTIONS[key]:
            for f in sec.fields:
                if f.key == key:
                    return f
    raise KeyError(key)


def _cell_text(col: kinds.Column, v: Any, evidence_no: dict[str, int]) -> str:
    kind = col.kind
    if isinstance(kind, kinds.Evidence):
        if present.is_missing(v) or not v:
            return "" if not col.required else present.pending(kind.label)
        return "、".join(str(evidence_no.get(p, p)) for p in v)
    if present.is_missing(v):
        return "" if not col.required else present.pending(kind.label)
    if isinstance(kind, kinds.Number):
        return present.number(v, kind.label)
    if isinstance(kind, kinds.DateField):
        return present.date(v, kind.label)
    return str(v)


def _title_block(doc, label: str, title: str, app: Application) -> None:
    add_par(doc, label, S.APPENDIX_LABEL, page_break=True, keep_next=True, line_pt=S.BODY_LINE_SPACING_PT)
    add_par(doc, title, S.APPENDIX_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True,
            line_pt=S.BODY_LINE_SPACING_PT * 1.3, space_after_pt=6)
    name = app.get("封面.集群名称")
    add_par(doc, f"集群名称：{present.text(name, '集群名称')}", S.TABLE_TEXT, keep_next=True, space_after_pt=6)


def appendix(frag: Fragment, app: Application, key: str, number: int, evidence_no: dict[str, int]) -> Fragment:
    f = list_field(key)
    doc = frag.doc
    _title_block(doc, f"附表{number}", T.APPENDIX_TITLES[key], app)
    cols = [c for c in f.columns if not isinstance(c.kind, kinds.Evidence)]
    ev_cols = [c for c in f.columns if isinstance(c.kind, kinds.Evidence)]
    header = [T.SERIAL] + [c.kind.label for c in cols] + ([T.EVIDENCE_REF] if ev_cols else [])
    weights = [0.8] + [_WEIGHTS.get(c.key, 1.5) for c in cols] + ([1.2] if ev_cols else [])
    left, center = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
    aligns = [center] + [left if isinstance(c.kind, kinds.Text) else center for c in cols] + \
        ([center] if ev_cols else [])
    data = app.get(f"{_LIST_SECTIONS[key]}.{key}")
    rows: list[list[str]] = []
    if data is MISSING:
        rows.append([""] + [present.pending(f.label.split("（")[0] + "清单")] + [""] * (len(header) - 2))
    elif isinstance(data, list):
        for i, item in enumerate(data, 1):
            row = [str(i)] + [_cell_text(c, item.get(c.key, MISSING), evidence_no) for c in cols]
            if ev_cols:
                row.append(_cell_text(ev_cols[0], item.get(ev_cols[0].key, ()), evidence_no))
            rows.append(row)
    simple_table(doc, header, rows, weights, aligns=aligns)
    return frag


def evidence_list(frag: Fragment, app: Application) -> Fragment:
    doc = frag.doc
    add_par(doc, T.EVIDENCE_TITLE, S.APPENDIX_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=True,
            keep_next=True, line_pt=S.BODY_LINE_SPACING_PT * 1.3, space_after_pt=6)
    name = app.get("封面.集群名称")
    add_par(doc, f"集群名称：{present.text(name, '集群名称')}", S.TABLE_TEXT, keep_next=True, space_after_pt=6)
    rows = [[str(i), use.path, "；".join(use.proves)] for i, use in enumerate(app.evidence, 1)]
    left, center = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
    simple_table(doc, list(T.EVIDENCE_COLUMNS), rows, [0.8, 4.2, 5.0], aligns=[center, left, left])
    return frag


# ---------------------------------------------------------------------------------------------
# 八: the plan


def _targets(app: Application) -> list:
    rows = app.get("发展目标.目标指标")
    return rows if isinstance(rows, list) else []


def plan(frag: Fragment, app: Application, draft: bool) -> Fragment:
    """Section 八's body through docgen.plan.render_plan (a plain fallback until it exists)."""
    render_plan = None
    try:
        from ..plan import render_plan  # type: ignore[attr-defined]  # noqa: F811
    except ImportError:
        render_plan = None
    if app.plan is not None and render_plan is not None:
        render_plan(frag.doc, app.plan, _targets(app), draft=draft)
        return frag
    fallback_plan(frag.doc, app, draft)
    return frag


def _body_par(doc, text: str, role: tuple = S.BODY, *, indent: bool = True):
    par = add_par(doc, "", role, line_pt=S.BODY_LINE_SPACING_PT)
    par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        ooxml.set_first_line_indent_chars(par, S.FIRST_LINE_INDENT_CHARS)
    add_text(par, text, role)
    return par


def fallback_plan(doc, app: Application, draft: bool) -> None:
    """Headings and paragraphs as plain text, the target table where the plan places it."""
    blocks = getattr(app.plan, "blocks", None)
    if app.plan is None or blocks is None:
        if app.plan is None:
            _body_par(doc, present.pending("未来三年特色产业集群发展规划（plan.md）") if draft else "")
        elif isinstance(app.plan, str):
            for line in app.plan.splitlines():
                if line.strip():
                    _body_par(doc, line.strip().lstrip("#").strip())
        target_table(doc, _targets(app), draft)
        return
    placed = False
    roles = {1: S.HEADING_1, 2: S.HEADING_2, 3: S.HEADING_3, 4: S.HEADING_4}
    for b in blocks:
        kind = type(b).__name__
        if kind == "Heading":
            if getattr(b, "doc_title", False):
                continue
            p = _body_par(doc, b.text, roles.get(getattr(b, "level", 1), S.BODY))
            p.paragraph_format.keep_with_next = True
        elif kind == "Paragraph":
            _body_par(doc, b.text)
        elif kind == "MissingPart":
            _body_par(doc, b.part.heading, roles.get(b.level, S.BODY))
            _body_par(doc, present.pending(b.part.title))
        elif kind == "TargetTablePlace":
            target_table(doc, _targets(app), draft)
            placed = True
        elif kind == "Table":
            from ..plan.model import spans_text

            simple_table(doc, [spans_text(c) for c in b.header], [[spans_text(c) for c in r] for r in b.rows],
                         [1.0] * len(b.header))
    if not placed:
        target_table(doc, _targets(app), draft)


def target_table(doc, rows: list, draft: bool) -> None:
    """方向 | 指标 | 2023年基准值 | 2026年目标值, 方向 merged down its rows."""
    from ..plan.targets import HEADER, format_value

    header = list(HEADER)
    data = []
    for r in rows:
        unit = getattr(r, "unit", "")
        base = r.baseline if r.baseline is not MISSING else present.pending(f"{r.indicator} 2023年基准值")
        goal = r.target if r.target is not MISSING else present.pending(f"{r.indicator} 2026年目标值")
        data.append([
            r.direction,
            r.indicator,
            base if present.is_pending(base) else format_value(base, unit),
            goal if present.is_pending(goal) else format_value(goal, unit),
        ])
    if not rows and draft:
        data.append([present.pending("发展目标.目标指标"), "", "", ""])
    table = simple_table(doc, header, data, [1.4, 2.6, 2.0, 2.0])
    # merge 方向 down its run of rows
    trs = table.rows
    start = 1
    for i in range(1, len(data) + 2):
        if i == len(data) + 1 or data[i - 1][0] != data[start - 1][0]:
            if i - start > 1:
                top = trs[start].cells[0]
                bottom = trs[i - 1].cells[0]
                for r in range(start + 1, i):
                    for par in trs[r].cells[0].paragraphs:
                        for run in list(par.runs):
                            run._r.getparent().remove(run._r)
                top.merge(bottom)
            start = i


def build_fragments(app: Application, main_part, *, draft: bool) -> dict[str, Any]:
    evidence_no = {use.path: i for i, use in enumerate(app.evidence, 1)}
    appendices = {}
    for n, key in enumerate(T.APPENDIX_TITLES, 1):
        appendices[key] = appendix(Fragment(main_part), app, key, n, evidence_no)
    return {
        "规划": plan(Fragment(main_part), app, draft),
        "附表": appendices,
        "佐证材料清单": evidence_list(Fragment(main_part), app),
    }
