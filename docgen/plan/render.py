"""Plan → WordprocessingML paragraphs and tables, written as text.

Only direct formatting is used (fonts in all four slots, sizes, indents, line
spacing): the plan is pasted into the template's body and must not depend on
its styles.

The markup is written as strings, like the 附表 in docgen/render/fragments.py:
building it with python-docx's object API cost ~0.5 ms per table cell and made
this the slowest step of a build. The text is element for element, attribute
for attribute what the python-docx code produced (run text split at tabs and
line breaks, `xml:space="preserve"` when it starts or ends with white space,
property children in schema order), in lxml's serialised form: docgen/render/splice.py
puts it into document.xml without parsing it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from .. import settings as S
from ..model import TargetRow
from ..render.widths import column_widths
from ..wordcount import has_east_asian
from .model import Heading, MissingPart, Paragraph, Plan, Span, Table, TargetTablePlace
from .targets import HEADER, target_table

HEADING_ROLES = {1: S.HEADING_1, 2: S.HEADING_2, 3: S.HEADING_3, 4: S.HEADING_4}
TEXT_WIDTH_TW = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW  # 8844 twips = 156 mm
# 方向 | 指标 | 2023年基准值 | 2026年目标值 (twips; sums to the text width)
# 方向 fits 治理和服务 on one line; the value columns fit 0.36吨二氧化碳/万元 on one line (小四)
TARGET_COL_TW = (1450, 2300, 2547, 2547)  # the type width; the split is chosen by content
TARGET_TEXT = (S.FANGSONG, S.PT["五号"], False)  # 五号: a value with its unit fits its column
TARGET_HEADER = (S.HEI, S.PT["五号"], False)
SPACE_AFTER_TABLE_PT = 6  # air between a table and the paragraph below it
_ALIGN = {"left": "left", "center": "center", "right": "right", None: "left"}


# -- runs ------------------------------------------------------------------------------------------
def _attr(value: str) -> str:
    """An attribute value escaped as lxml writes it."""
    return (escape(value).replace("&#x27;", "'").replace("\n", "&#10;")
            .replace("\r", "&#13;").replace("\t", "&#9;"))


def _half_points(size_pt: float) -> int:
    """w:sz as python-docx computes it from Pt(size): whole EMUs, then truncated half-points."""
    return int(int(size_pt * 12700) / 12700 * 2)


@lru_cache(maxsize=128)
def _rpr(role: tuple, bold: bool, italic: bool, hint: bool, highlight: bool, superscript: bool = False) -> str:
    """Run properties in schema order: fonts in all four slots, bold, italic, size, highlight, vertAlign."""
    font, size, _ = role
    latin = _attr(font.latin)
    east_asian_hint = ' w:hint="eastAsia"' if hint else ""
    fonts = (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{_attr(font.east_asia)}" '
             f'w:cs="{latin}"{east_asian_hint}/>')
    b = "<w:b/>" if bold else '<w:b w:val="0"/>'
    i = "<w:i/>" if italic else ""
    hl = f'<w:highlight w:val="{S.MISSING_HIGHLIGHT}"/>' if highlight else ""
    sup = '<w:vertAlign w:val="superscript"/>' if superscript else ""
    return f'<w:rPr>{fonts}{b}{i}<w:sz w:val="{_half_points(size)}"/>{hl}{sup}</w:rPr>'


_SPECIAL = re.compile(r"([\t\r\n])")


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{escape(text, quote=False)}</w:t>"


def _run_content(text: str) -> str:
    """Text as run content: a tab is <w:tab/>, each line end (LF, CR or CRLF) a <w:br/>, the rest <w:t> pieces."""
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return _t(text) if text else ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a Windows line end is one break, not two
    out = []
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


def _run(text: str, role: tuple, *, bold: bool | None = None, italic: bool = False,
         highlight: bool = False, superscript: bool = False) -> str:
    """A run in a role's font and size; `w:hint="eastAsia"` when it holds Chinese, so that
    ambiguous characters such as “ ” … — · take the Chinese font, as typed in a Chinese Word."""
    rpr = _rpr(role, role[2] if bold is None else bold, italic, has_east_asian(text), highlight, superscript)
    return f"<w:r>{rpr}{_run_content(text)}</w:r>"


def _break_run(role: tuple) -> str:
    """A hard line break; the run carries the role's font and size too."""
    return f"<w:r>{_rpr(role, role[2], False, False, False)}<w:br/></w:r>"


def _spans(spans: list[Span], role: tuple) -> str:
    out = []
    for s in spans:
        if s.brk:
            out.append(_break_run(role))
        else:
            out.append(_run(s.text, role, bold=True if s.bold else role[2], italic=s.italic,
                            superscript=s.superscript))
    return "".join(out)


# -- paragraphs and tables -------------------------------------------------------------------------
_BODY_LINE = f'w:line="{S.BODY_LINE_SPACING_PT * 20}" w:lineRule="exact"'
_INDENT = (f'<w:ind w:firstLineChars="{S.FIRST_LINE_INDENT_CHARS * 100}" '
           f'w:firstLine="{S.FIRST_LINE_INDENT_CHARS * 320}"/>')  # twips fallback: 2 chars of 16 pt


def _body_p(content: str, align: str, *, keep_next: bool = False, before_pt: float = 0) -> str:
    """A body paragraph: exact line spacing, first line indented two characters."""
    keep = "<w:keepNext/>" if keep_next else ""
    return (f'<w:p><w:pPr>{keep}<w:spacing w:before="{int(before_pt * 20)}" w:after="0" {_BODY_LINE}/>'
            f'{_INDENT}<w:jc w:val="{align}"/></w:pPr>{content}</w:p>')


def _cell_p(content: str, align: str = "center", *, keep: bool = False) -> str:
    """A table cell's paragraph: single spacing, no indent (whatever the template's Normal says).

    `keep`: its row stays on the page of the next row (keep-with-next)."""
    keep_next = "<w:keepNext/>" if keep else ""
    return (f'<w:p><w:pPr>{keep_next}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="{align}"/></w:pPr>{content}</w:p>')


_BORDERS = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
             'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')


_CELL_MARGINS = ('<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                 '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')


def _table_start(widths: tuple[int, ...], *, margins: bool = False) -> str:
    """Centred, fixed layout, single black borders; tblLook as python-docx's new table has it.

    `margins`: air between the text and the borders (1.5 mm aside, 0.5 mm above and below).
    """
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    mar = _CELL_MARGINS if margins else ""
    return (f'<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>{mar}{_TBL_LOOK}</w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>")


def _tr(cells: list[str], *, header: bool = False) -> str:
    """A row that never splits across pages; a header row repeats on each page."""
    repeat = '<w:tblHeader w:val="true"/>' if header else ""
    return f'<w:tr><w:trPr><w:cantSplit w:val="true"/>{repeat}</w:trPr>{"".join(cells)}</w:tr>'


def _tc(width: int, paragraph: str, vmerge: str | None = None) -> str:
    """A vertically centred cell; vmerge "restart" starts a merged run, "continue" extends it."""
    merge = "" if vmerge is None else ('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>")
    return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{merge}<w:vAlign w:val="center"/></w:tcPr>'
            f"{paragraph}</w:tc>")


# -- blocks ----------------------------------------------------------------------------------------
class _Renderer:
    def __init__(self, targets: list[TargetRow], draft: bool):
        self.targets = targets
        self.draft = draft
        self.after_table = False
        self.out: list[str] = []

    def _par(self, content: str, align: str = "both", *, keep_next: bool = False) -> None:
        before = SPACE_AFTER_TABLE_PT if self.after_table else 0
        self.after_table = False
        self.out.append(_body_p(content, align, keep_next=keep_next, before_pt=before))

    def heading(self, h: Heading) -> None:
        role = HEADING_ROLES[h.level]
        if h.part is not None and not h.duplicate:
            content = _run(h.part.heading, role)
        else:
            content = _spans(h.spans, role)
        self._par(content, "left", keep_next=True)

    def missing(self, m: MissingPart) -> None:
        self._par(_run(m.part.heading, HEADING_ROLES[m.part.level]), "left", keep_next=True)
        if m.part.leaf:
            text = S.MISSING_TEXT.format(label=m.part.title)
            self.out.append(_body_p(_run(text, S.BODY, highlight=True), "both"))

    def paragraph(self, b: Paragraph) -> None:
        prefix = _run(b.prefix, S.BODY) if b.prefix else ""
        self._par(prefix + _spans(b.spans, S.BODY), "left" if b.code else "both")

    def table(self, t: Table) -> None:
        ncols = max([len(t.header)] + [len(r) for r in t.rows]) or 1
        base, extra = divmod(TEXT_WIDTH_TW, ncols)
        widths = tuple(base + (1 if k < extra else 0) for k in range(ncols))
        self.out.append(_table_start(widths))
        for k, row in enumerate([t.header, *t.rows]):
            header = k == 0
            role = S.TABLE_HEADER if header else S.TABLE_TEXT
            cells = []
            for j, w in enumerate(widths):
                spans = row[j] if j < len(row) else []
                align = "center" if header else _ALIGN[t.aligns[j] if j < len(t.aligns) else None]
                cells.append(_tc(w, _cell_p(_spans(spans, role), align)))
            self.out.append(_tr(cells, header=header))
        self.out.append("</w:tbl>")

    def target_table(self) -> None:
        rows = target_table(self.targets, draft=self.draft)
        # widths from the rows with numbers: a value with its unit (105.60千克标准煤/万元) stays on
        # one line; the 定性描述 texts wrap within them
        texts = [[r.direction, r.cells[0].text,
                  *("" if r.cells[0].text == "定性描述" else "\u3000" * 6 if c.missing else c.text
                    for c in r.cells[1:])] for r in rows]  # a draft's 【待填写】 sized as a short value
        widths = tuple(column_widths(list(HEADER), texts, sum(TARGET_COL_TW), TARGET_TEXT[1], short_em=12))
        self.out.append(_table_start(widths, margins=True))
        self.out.append(_tr([_tc(w, _cell_p(_run(text, TARGET_HEADER))) for w, text in zip(widths, HEADER)],
                            header=True))
        for k, r in enumerate(rows):
            direction = _run(r.direction, TARGET_TEXT) if r.first_of_group else ""
            vmerge = None
            if r.group_size > 1:
                vmerge = "restart" if r.first_of_group else "continue"
            # a 方向's rows stay on one page: its merged cell is never cut
            keep = k + 1 < len(rows) and not rows[k + 1].first_of_group
            cells = [_tc(widths[0], _cell_p(direction, keep=keep), vmerge)]
            qualitative = r.cells[0].text == "定性描述"
            for j, (w, value) in enumerate(zip(widths[1:], r.cells)):
                align = "left" if qualitative and j > 0 else "center"
                cells.append(_tc(w, _cell_p(_run(value.text, TARGET_TEXT, highlight=value.missing), align,
                                            keep=keep)))
            self.out.append(_tr(cells))
        self.out.append("</w:tbl>")

    def run(self, plan: Plan) -> str:
        for b in plan.blocks:
            if isinstance(b, Heading):
                if not b.doc_title:
                    self.heading(b)
            elif isinstance(b, Paragraph):
                self.paragraph(b)
            elif isinstance(b, (Table, TargetTablePlace)):
                if self.after_table:  # two tables in a row would join into one in Word
                    self._par("")
                if isinstance(b, Table):
                    self.table(b)
                else:
                    self.target_table()
                self.after_table = True
            elif isinstance(b, MissingPart) and self.draft:
                self.missing(b)
        return "".join(self.out)


def plan_xml(plan: Plan, targets: list[TargetRow] | None, *, draft: bool = False) -> str:
    """The plan's body-level markup (w:p and w:tbl elements, `w` prefix undeclared)."""
    return _Renderer(list(targets or []), draft).run(plan)


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
