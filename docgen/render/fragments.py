"""The parts of the document with no fixed shape, written as WordprocessingML text.

An `XmlFragment`'s `__html__` is body-level markup, which docxtpl puts in place of a
`{{p name }}` paragraph (or docgen/render/splice.py puts into the saved document.xml).
Every paragraph names a style of the template (docgen.word.styles), so the fonts, sizes
and spacing a person sets in the template's styles apply here too.
"""
from __future__ import annotations

from typing import Any

from .. import present
from .. import settings as S
from ..form import kinds
from ..form.spec import SECTIONS
from ..model import MISSING, Application
from ..form import text as T
from ..word import styles as ws
from ..word import xml as wx

TYPE_WIDTH = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW


class XmlFragment:
    """A subdocument kept as WordprocessingML text, in pieces (no python-docx objects at all).

    The text goes into the saved document.xml as it is (docgen/render/splice.py).
    """

    def __init__(self):
        self.parts: list[str] = []

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def __html__(self) -> str:
        return "".join(self.parts)

    def __str__(self) -> str:
        return self.__html__()


# ---------------------------------------------------------------------------------------------
# tables of the 附表 and the 清单 (docgen.word.xml writes the markup, docgen.word.styles names it)


def _cell_par(text: str, style: str, align: str | None = None) -> str:
    """A cell's paragraph; a draft's 【待填写】 is highlighted."""
    return wx.text_paragraph(str(text), style, align=align,
                             highlight=S.MISSING_HIGHLIGHT if present.is_pending(text) else None)


def table_xml(header: list[str], rows: list[list[str]], weights: list[float], *,
              aligns: list[str] | None = None, empty: str = kinds.NONE_TEXT,
              merge_first: bool = False) -> list[str]:
    """A bordered table: header row repeated on each page, rows that never split; no rows → 无.

    `merge_first`: equal values in column 1 of consecutive rows are merged vertically.
    The markup comes in pieces (start, each row, end): a long list's text is never
    copied into one string.
    """
    widths = wx.column_widths(TYPE_WIDTH, weights)
    aligns = aligns or ["center"] * len(header)
    # the style centres; only left-aligned columns say so
    aligns = [None if a == "center" else a for a in aligns]
    out = [
        wx.table_start(widths, style=ws.TABLE_GRID),
        wx.row([wx.cell(w, _cell_par(h, ws.APPENDIX_TABLE_HEADER)) for w, h in zip(widths, header)], header=True),
    ]
    if not rows:
        out.append(wx.row([wx.cell(TYPE_WIDTH, _cell_par(empty, ws.APPENDIX_TABLE_TEXT), span=len(widths))]))
    for i, values in enumerate(rows):
        cells = []
        for j, (w, text, align) in enumerate(zip(widths, values, aligns)):
            vmerge = None
            if merge_first and j == 0:
                if i > 0 and rows[i - 1][0] == text:
                    vmerge, text = "continue", ""
                elif i + 1 < len(rows) and rows[i + 1][0] == text:
                    vmerge = "restart"
            cells.append(wx.cell(w, _cell_par(text, ws.APPENDIX_TABLE_TEXT, align), vmerge=vmerge))
        out.append(wx.row(cells))
    out.append(wx.TABLE_END)
    return out


def simple_table(doc: XmlFragment, header: list[str], rows: list[list[str]], weights: list[float], **kw) -> None:
    doc.parts.extend(table_xml(header, rows, weights, **kw))


# ---------------------------------------------------------------------------------------------
# 附表: the lists the form asks for


_WEIGHTS = {  # relative column widths of the 附表 (序号 0.7, 佐证材料序号 1.0)
    "标准名称": 3.2, "标准编号": 2.4, "类别": 1.0, "角色": 1.0, "年份": 1.2, "企业": 2.6,
    "名称": 3.2, "级别": 1.1, "依托单位": 2.6, "专利名称": 2.8, "专利号": 2.9, "类型": 1.2,
    "权利人": 1.8, "授权日期": 1.8, "认定年份": 1.2, "机构名称": 2.6, "国家或地区": 1.4, "设立年份": 1.2,
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


def _title_block(doc: XmlFragment, label: str | None, title: str, app: Application) -> None:
    name = present.text(app.get("封面.集群名称"), "集群名称")
    xml = ""
    if label:
        xml += wx.text_paragraph(label, ws.APPENDIX_LABEL, page_break=True)
    xml += wx.text_paragraph(title, ws.APPENDIX_TITLE, page_break=not label)
    xml += wx.text_paragraph(f"集群名称：{name}", ws.APPENDIX_NOTE,
                             highlight=S.MISSING_HIGHLIGHT if present.is_pending(name) else None)
    doc.add(xml)


def appendix(frag: XmlFragment, app: Application, key: str, number: int,
             evidence_no: dict[str, int]) -> XmlFragment:
    f = list_field(key)
    doc = frag
    _title_block(doc, f"附表{number}", T.APPENDIX_TITLES[key], app)
    cols = [c for c in f.columns if not isinstance(c.kind, kinds.Evidence)]
    ev_cols = [c for c in f.columns if isinstance(c.kind, kinds.Evidence)]
    header = [T.SERIAL] + [c.kind.label for c in cols] + ([T.EVIDENCE_REF] if ev_cols else [])
    weights = [0.7] + [_WEIGHTS.get(c.key, 1.5) for c in cols] + ([1.0] if ev_cols else [])
    aligns = ["center"] + ["left" if isinstance(c.kind, kinds.Text) else "center" for c in cols] + \
        (["center"] if ev_cols else [])
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


def evidence_list(frag: XmlFragment, app: Application) -> XmlFragment:
    doc = frag
    _title_block(doc, None, T.EVIDENCE_TITLE, app)
    rows = [[str(i), use.path, "；".join(use.proves)] for i, use in enumerate(app.evidence, 1)]
    simple_table(doc, list(T.EVIDENCE_COLUMNS), rows, [0.8, 4.2, 5.0], aligns=["center", "left", "left"])
    return frag


# ---------------------------------------------------------------------------------------------
# 八: the plan


def _targets(app: Application) -> list:
    rows = app.get("发展目标.目标指标")
    return rows if isinstance(rows, list) else []


def plan(app: Application, draft: bool, toc: bool = False) -> XmlFragment:
    """Section 八's body: the parsed plan through docgen.plan (a plain fallback without one)."""
    frag = XmlFragment()
    if app.plan is not None and hasattr(app.plan, "blocks"):
        from ..plan.render import plan_xml

        frag.add(plan_xml(app.plan, _targets(app), draft=draft, toc=toc))
    else:
        fallback_plan(frag, app, draft)
    return frag


def _body_par(doc: XmlFragment, text: str, style: str = ws.PLAN_BODY) -> None:
    doc.add(wx.text_paragraph(text, style, highlight=S.MISSING_HIGHLIGHT if present.is_pending(text) else None))


def fallback_plan(doc, app: Application, draft: bool) -> None:
    """Without a parsed plan: a draft marker (or the plain text), then the target table."""
    blocks = getattr(app.plan, "blocks", None)
    if blocks is None:
        if app.plan is None:
            if draft:
                _body_par(doc, present.pending("未来三年特色产业集群发展规划（plan.md）"))
        elif isinstance(app.plan, str):
            for line in app.plan.splitlines():
                if line.strip():
                    _body_par(doc, line.strip().lstrip("#").strip())
        target_table(doc, _targets(app), draft)
        return
    placed = False
    headings = ws.PLAN_HEADINGS
    for b in blocks:
        kind = type(b).__name__
        if kind == "Heading":
            if not getattr(b, "doc_title", False):
                _body_par(doc, b.text, headings.get(getattr(b, "level", 1), ws.PLAN_BODY))
        elif kind == "Paragraph":
            _body_par(doc, b.text)
        elif kind == "MissingPart":
            _body_par(doc, b.part.heading, headings.get(b.level, ws.PLAN_BODY))
            _body_par(doc, present.pending(b.part.title))
        elif kind == "TargetTablePlace":
            target_table(doc, _targets(app), draft)
            placed = True
    if not placed:
        target_table(doc, _targets(app), draft)


def target_table(doc, rows: list, draft: bool) -> None:
    """方向 | 指标 | 2023年基准值 | 2026年目标值, 方向 merged down its rows."""
    from ..plan.targets import HEADER, format_value

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
    simple_table(doc, list(HEADER), data, [1.4, 2.6, 2.0, 2.0], merge_first=True)


def build_fragments(app: Application, *, draft: bool, toc: bool = False) -> dict[str, Any]:
    evidence_no = {use.path: i for i, use in enumerate(app.evidence, 1)}
    appendices = {}
    for n, key in enumerate(T.APPENDIX_TITLES, 1):
        appendices[key] = appendix(XmlFragment(), app, key, n, evidence_no)
    return {
        "规划": plan(app, draft, toc),
        "附表": appendices,
        "佐证材料清单": evidence_list(XmlFragment(), app),
    }
