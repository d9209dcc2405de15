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
from ..form.spec import SECTIONS, TARGET_DIRECTIONS
from ..model import MISSING, Application
from ..form import text as T
from ..word import styles as ws
from ..word import xml as wx
from .widths import column_widths

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


def _cell_par(text: str, style: str, align: str | None = None, keep_next: bool = False) -> str:
    """A cell's paragraph; a draft's 【待填写】 is highlighted."""
    return wx.text_paragraph(str(text), style, align=align, keep_next=keep_next,
                             highlight=S.MISSING_HIGHLIGHT if present.is_pending(text) else None)


def table_xml(header: list[str], rows: list[list[str]], weights: list[float], *,
              aligns: list[str] | None = None, empty: str = kinds.NONE_TEXT,
              merge_first: bool = False, styles: tuple[str, str] = (ws.APPENDIX_TABLE_HEADER, ws.APPENDIX_TABLE_TEXT),
              keep_last: int = 0) -> list[str]:
    """A bordered table: header row repeated on each page, rows that never split; no rows → 无.

    `merge_first`: equal values in column 1 of consecutive rows are merged vertically
    (方向 of the target table). `styles`: (header, body) paragraph styles. `keep_last`: the
    first and the last `keep_last` rows stay together (keep-with-next), so a page never holds
    only one row of a list. The markup comes in pieces (start, each row, end): a long list's
    text is never copied into one string.
    """
    widths = wx.column_widths(TYPE_WIDTH, weights)
    head_style, body_style = styles
    aligns = aligns or ["center"] * len(header)
    # the style centres; only left-aligned columns say so
    aligns = [None if a == "center" else a for a in aligns]
    out = [
        wx.table_start(widths, style=ws.TABLE_GRID),
        wx.row([wx.cell(w, _cell_par(h, head_style, keep_next=bool(keep_last))) for w, h in zip(widths, header)],
               header=True),
    ]
    if not rows:
        out.append(wx.row([wx.cell(TYPE_WIDTH, _cell_par(empty, body_style), span=len(widths))]))
    keep_from = len(rows) - keep_last if keep_last and len(rows) > keep_last else len(rows)
    for i, values in enumerate(rows):
        # the first and the last `keep_last` rows go together: a list never starts or ends a page
        # with a row or two alone
        keep = (keep_from - 1 <= i or i < keep_last - 1) and i < len(rows) - 1
        cells = []
        for j, (w, text, align) in enumerate(zip(widths, values, aligns)):
            vmerge = None
            if merge_first and j == 0:
                if i > 0 and rows[i - 1][0] == text:
                    vmerge, text = "continue", ""
                elif i + 1 < len(rows) and rows[i + 1][0] == text:
                    vmerge = "restart"
            cells.append(wx.cell(w, _cell_par(text, body_style, align, keep_next=keep), vmerge=vmerge))
        out.append(wx.row(cells))
    out.append(wx.TABLE_END)
    return out


def simple_table(doc: XmlFragment, header: list[str], rows: list[list[str]], weights: list[float], **kw) -> None:
    doc.parts.extend(table_xml(header, rows, weights, **kw))


# ---------------------------------------------------------------------------------------------
# 附表: the lists the form asks for


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


DRAFT_SIZE = "\u3000" * 6  # the width a placeholder counts for when columns are sized
KEEP_LAST_ROWS = 3  # a list never starts or ends a page with fewer rows


def _title_block(doc: XmlFragment, title: str, app: Application, *, page_break: bool = True,
                 subtitle: str | None = None, evidence: str | None = None) -> None:
    """A list's title, what it is attached to, and the cluster's name.

    A 附表 is the application's own attachment, not one of the notice's 附件: its number goes
    into the centred title (附表3　…清单) with the form it belongs to below, never as a
    黑体 label at the top left as the notice prints 附件1/附件2.
    """
    name = present.text(app.get("封面.集群名称"), "集群名称")
    xml = "" if page_break else wx.text_paragraph("", ws.APPENDIX_NOTE)  # a line of air after the last table
    xml += wx.text_paragraph(title, ws.APPENDIX_TITLE, page_break=page_break)
    if subtitle:
        xml += wx.text_paragraph(subtitle, ws.APPENDIX_OF)
    xml += wx.text_paragraph(f"集群名称：{name}", ws.APPENDIX_NOTE,
                             highlight=S.MISSING_HIGHLIGHT if present.is_pending(name) else None)
    if evidence:
        xml += wx.text_paragraph(evidence, ws.APPENDIX_NOTE)
    doc.add(xml)


def appendix(frag: XmlFragment, app: Application, key: str, number: int,
             evidence_no: dict[str, int]) -> XmlFragment:
    f = list_field(key)
    doc = frag
    cols = [c for c in f.columns if not isinstance(c.kind, kinds.Evidence)]
    ev_cols = [c for c in f.columns if isinstance(c.kind, kinds.Evidence)]
    header = [T.SERIAL] + [c.kind.label for c in cols] + ([T.EVIDENCE_REF] if ev_cols else [])
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
    common = _common_evidence(rows) if ev_cols else None
    if common:  # one file proves every row: said once above the table, not in a column of equal numbers
        header, aligns, rows = header[:-1], aligns[:-1], [r[:-1] for r in rows]
    _title_block(doc, T.appendix_title(number, key), app, page_break=number == 1, subtitle=T.APPENDIX_OF,
                 evidence=T.EVIDENCE_FOR_ALL.format(numbers=common) if common else None)
    # a draft's 【待填写：…】 is sized as a short value: it wraps, the columns stay as for real data
    sizing = [[DRAFT_SIZE if present.is_pending(c) else c for c in r] for r in rows]
    widths = column_widths(header, sizing, TYPE_WIDTH, S.APPENDIX_TABLE_TEXT.size_pt)
    simple_table(doc, header, rows, widths, aligns=aligns, keep_last=KEEP_LAST_ROWS)
    return frag


def _common_evidence(rows: list[list[str]]) -> str | None:
    """The evidence reference shared by every row of a list (several rows), or None."""
    refs = {r[-1] for r in rows}
    if len(rows) > 1 and len(refs) == 1 and next(iter(refs)) and not present.is_pending(next(iter(refs))):
        return next(iter(refs))
    return None


def evidence_list(frag: XmlFragment, app: Application) -> XmlFragment:
    doc = frag
    _title_block(doc, T.EVIDENCE_TITLE, app)
    from ..evidence_list import evidence_rows  # the rows' content: docgen/evidence_list.py

    rows = [[str(r.number), r.file, r.statement] for r in evidence_rows(app)]
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
    if not any(r[0] == TARGET_DIRECTIONS[-1] for r in data):  # the form's 其它 row, blank when unused
        data.append([TARGET_DIRECTIONS[-1], "", "", ""])
    # as docgen.plan.render lays it out: 五号, widths from the rows with numbers
    sizing = [r[:2] + (["", ""] if r[1] == "定性描述" else r[2:]) for r in data]
    widths = column_widths(list(HEADER), sizing, TYPE_WIDTH, S.TARGET_TEXT.size_pt, short_em=12)
    simple_table(doc, list(HEADER), data, widths, merge_first=True, styles=(ws.TARGET_HEADER, ws.TARGET_TEXT))


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
