"""Plan → WordprocessingML paragraphs and tables, through docgen.word.xml.

Every paragraph names a style of the template: 规划正文 (PlanBody, the 正文 style with the
first line indented), 规划标题 1–4 (PlanHeading1–4: 一、 （一） 1. （1）, outline levels 2–5
under the form's 八 heading, so Word's navigation pane and a TOC field list them), 表格文字 and
表头 in tables. Runs carry no font or size: a person who changes 正文 in the template
changes the plan. Emphasis (bold, italic) and a draft's highlight are the only run formatting.
"""
from __future__ import annotations

from .. import settings as S
from ..model import TargetRow
from ..render.widths import column_widths
from ..word import styles as ws
from ..word import xml as wx
from .model import Heading, MissingPart, Paragraph, Plan, Span, Table, TargetTablePlace
from .targets import HEADER, target_table

TEXT_WIDTH_TW = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW  # 8844 twips = 156 mm
# 方向 | 指标 | 2023年基准值 | 2026年目标值 (twips; sums to the text width)
# 方向 fits 治理和服务 on one line; the value columns fit 0.36吨二氧化碳/万元 on one line (小四)
TARGET_COL_TW = (1450, 2300, 2547, 2547)  # the type width; the split is chosen by content
SPACE_AFTER_TABLE_PT = 6  # air between a table and the paragraph below it
_ALIGN = {"left": "left", "center": "center", "right": "right", None: None}
TOC_TITLE = "目录"
TOC_PLACEHOLDER = "（目录：在 Word 中右键“更新域”生成）"


def _spans(spans: list[Span]) -> str:
    out = []
    for s in spans:
        if s.brk:
            out.append(wx.line_break())
        else:
            out.append(wx.run(s.text, bold=True if s.bold else None, italic=s.italic,
                              superscript=s.superscript))
    return "".join(out)


class _Renderer:
    def __init__(self, targets: list[TargetRow], draft: bool):
        self.targets = targets
        self.draft = draft
        self.after_table = False
        self.out: list[str] = []
        self.headings: list[tuple[str, int]] = []

    def _par(self, content: str, style: str, *, align: str | None = None) -> None:
        before = SPACE_AFTER_TABLE_PT if self.after_table else None
        self.after_table = False
        self.out.append(wx.paragraph(content, style, align=align, before_pt=before))

    def heading(self, h: Heading) -> None:
        if h.part is not None and not h.duplicate:
            text, content = h.part.heading, wx.run(h.part.heading)
        else:
            text, content = h.text, _spans(h.spans)
        self.headings.append((text, h.level))
        self._par(content, ws.PLAN_HEADINGS[h.level])

    def missing(self, m: MissingPart) -> None:
        self.headings.append((m.part.heading, m.part.level))
        self._par(wx.run(m.part.heading), ws.PLAN_HEADINGS[m.part.level])
        if m.part.leaf:
            text = S.MISSING_TEXT.format(label=m.part.title)
            self.out.append(wx.paragraph(wx.run(text, highlight=S.MISSING_HIGHLIGHT), ws.PLAN_BODY))

    def paragraph(self, b: Paragraph) -> None:
        prefix = wx.run(b.prefix) if b.prefix else ""
        self._par(prefix + _spans(b.spans), ws.PLAN_BODY, align="left" if b.code else None)

    def table(self, t: Table) -> None:
        ncols = max([len(t.header)] + [len(r) for r in t.rows]) or 1
        base, extra = divmod(TEXT_WIDTH_TW, ncols)
        widths = tuple(base + (1 if k < extra else 0) for k in range(ncols))
        self.out.append(wx.table_start(widths, style=ws.TABLE_GRID))
        for k, row in enumerate([t.header, *t.rows]):
            header = k == 0
            cells = []
            for j, w in enumerate(widths):
                spans = row[j] if j < len(row) else []
                if header:
                    par = wx.paragraph(_spans(spans), ws.TABLE_HEADER)
                else:
                    align = _ALIGN[t.aligns[j] if j < len(t.aligns) else None] or "left"
                    par = wx.paragraph(_spans(spans), ws.TABLE_TEXT, align=align)
                cells.append(wx.cell(w, par))
            self.out.append(wx.row(cells, header=header))
        self.out.append(wx.TABLE_END)

    def target_table(self) -> None:
        rows = target_table(self.targets, draft=self.draft)
        # widths from the rows with numbers: a value with its unit (105.60千克标准煤/万元) stays on
        # one line; the 定性描述 texts wrap within them
        texts = [[r.direction, r.cells[0].text,
                  *("" if r.cells[0].text == "定性描述" else "\u3000" * 6 if c.missing else c.text
                    for c in r.cells[1:])] for r in rows]  # a draft's 【待填写】 sized as a short value
        widths = tuple(column_widths(list(HEADER), texts, sum(TARGET_COL_TW), S.TARGET_TEXT.size_pt, short_em=12))
        self.out.append(wx.table_start(widths, style=ws.TABLE_GRID))
        self.out.append(wx.row([wx.cell(w, wx.text_paragraph(text, ws.TARGET_HEADER))
                                for w, text in zip(widths, HEADER)], header=True))
        for k, r in enumerate(rows):
            # a 方向's rows stay on one page: its merged cell is never cut
            keep = k + 1 < len(rows) and not rows[k + 1].first_of_group
            direction = wx.text_paragraph(r.direction if r.first_of_group else "", ws.TARGET_TEXT, keep_next=keep)
            vmerge = None
            if r.group_size > 1:
                vmerge = "restart" if r.first_of_group else "continue"
            cells = [wx.cell(widths[0], direction, vmerge=vmerge)]
            qualitative = r.cells[0].text == "定性描述"
            for j, (w, value) in enumerate(zip(widths[1:], r.cells)):
                align = "left" if qualitative and j > 0 else None
                hl = S.MISSING_HIGHLIGHT if value.missing else None
                cells.append(wx.cell(w, wx.text_paragraph(value.text, ws.TARGET_TEXT, align=align, highlight=hl,
                                                          keep_next=keep)))
            self.out.append(wx.row(cells))
        self.out.append(wx.TABLE_END)

    def run(self, plan: Plan) -> str:
        for b in plan.blocks:
            if isinstance(b, Heading):
                if not b.doc_title:
                    self.heading(b)
            elif isinstance(b, Paragraph):
                self.paragraph(b)
            elif isinstance(b, (Table, TargetTablePlace)):
                if self.after_table:  # two tables in a row would join into one in Word
                    self._par("", ws.PLAN_BODY)
                if isinstance(b, Table):
                    self.table(b)
                else:
                    self.target_table()
                self.after_table = True
            elif isinstance(b, MissingPart) and self.draft:
                self.missing(b)
        return "".join(self.out)

    def toc(self) -> str:
        """目录 and a TOC field over the four plan heading styles (cached result: the headings)."""
        names = {s.style_id: s.name for s in ws.paragraph_styles()}
        styles = [(names[ws.PLAN_HEADINGS[level]], level) for level in ws.PLAN_HEADINGS]
        return (wx.text_paragraph(TOC_TITLE, ws.TOC_HEADING)
                + wx.toc_field(styles, self.headings, entry_styles=ws.TOC_LEVELS, placeholder=TOC_PLACEHOLDER))


def plan_xml(plan: Plan, targets: list[TargetRow] | None, *, draft: bool = False, toc: bool = False) -> str:
    """The plan's body-level markup (w:p and w:tbl elements, `w` prefix undeclared);
    `toc`: a 目录 with a TOC field of the plan's headings before it."""
    r = _Renderer(list(targets or []), draft)
    body = r.run(plan)
    return r.toc() + body if toc else body


def render_plan(container, plan: Plan, targets: list[TargetRow] | None, *, draft: bool = False) -> None:
    """Append the plan to `container` (a python-docx Document, or a proxy of one such as a
    docxtpl Subdoc), before its final section properties."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    wrapper = parse_xml(f"<w:body {nsdecls('w')}>{plan_xml(plan, targets, draft=draft)}</w:body>")
    body = container.element.body
    sect = body.find(qn("w:sectPr"))
    for el in list(wrapper):
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)
