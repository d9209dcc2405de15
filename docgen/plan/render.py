"""Plan → Word paragraphs and tables (python-docx), appended to a Document or Subdoc.

Only direct formatting is used (fonts in all four slots, sizes, indents, line
spacing): a docxtpl subdocument's styles do not travel into the main template.
"""
from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .. import settings as S
from ..model import TargetRow
from ..ooxml import (
    add_run,
    set_cant_split,
    set_cell_valign,
    set_cell_vmerge,
    set_cell_width,
    set_first_line_indent_chars,
    set_keep_with_next,
    set_repeat_header,
    set_table_borders,
)
from ..wordcount import has_east_asian
from .model import Heading, MissingPart, Paragraph, Plan, Span, Table, TargetTablePlace
from .targets import HEADER, target_table

HEADING_ROLES = {1: S.HEADING_1, 2: S.HEADING_2, 3: S.HEADING_3, 4: S.HEADING_4}
TEXT_WIDTH_TW = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW  # 8844 twips = 156 mm
# 方向 | 指标 | 2023年基准值 | 2026年目标值 (twips; sums to the text width)
# 方向 fits 治理和服务 on one line; the value columns fit 0.36吨二氧化碳/万元 on one line (小四)
TARGET_COL_TW = (1450, 2300, 2547, 2547)
SPACE_AFTER_TABLE_PT = 6  # air between a table and the paragraph below it
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, None: WD_ALIGN_PARAGRAPH.LEFT}


# -- low-level helpers -------------------------------------------------------------------------
def _east_asian_hint(run) -> None:
    """`w:hint="eastAsia"`: ambiguous characters such as “ ” … — · take the Chinese font,
    as they do when typed in a Chinese Word, instead of narrow Times New Roman glyphs."""
    if has_east_asian(run.text or ""):
        rpr = run._r.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is not None:
            rfonts.set(qn("w:hint"), "eastAsia")


def _run(p, text: str, role: tuple, *, bold: bool | None = None, italic: bool | None = None,
         highlight: bool = False):
    run = add_run(p, text, role, bold=bold, italic=italic, highlight=highlight)
    _east_asian_hint(run)
    return run


def _spans(p, spans: list[Span], role: tuple) -> None:
    role_bold = role[2]
    for s in spans:
        if s.brk:
            add_run(p, "", role).add_break()  # the break run carries the role's font and size too
            continue
        _run(p, s.text, role, bold=True if s.bold else role_bold, italic=s.italic or None)


def _text_paragraph(container, *, indent: bool = True, spacing_pt: float = S.BODY_LINE_SPACING_PT,
                    align=WD_ALIGN_PARAGRAPH.JUSTIFY):
    p = container.add_paragraph()
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(spacing_pt)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if indent:  # before jc: w:ind precedes w:jc in pPr
        set_first_line_indent_chars(p, S.FIRST_LINE_INDENT_CHARS)
    pf.alignment = align
    return p


def _cell_paragraph(cell, align=WD_ALIGN_PARAGRAPH.CENTER):
    """The cell's (first, empty) paragraph, formatted for table text: single spacing, no indent."""
    p = cell.paragraphs[0]
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = S.TABLE_LINE_SPACING
    pf.first_line_indent = Pt(0)  # whatever the template's Normal style says
    p._p.pPr.find(qn("w:ind")).set(qn("w:firstLineChars"), "0")
    pf.alignment = align
    return p


_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
                "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
_TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark")


def _schema_order(el, order: tuple[str, ...]) -> None:
    """Put property children in the order the OOXML schema requires (Word refuses some files
    whose tblPr/tcPr children are out of sequence)."""
    rank = {qn(f"w:{name}"): k for k, name in enumerate(order)}
    children = list(el)
    children.sort(key=lambda c: rank.get(c.tag, len(order)))  # stable
    for c in children:
        el.remove(c)
        el.append(c)


def _table(container, rows: int, widths: tuple[int, ...]):
    table = container.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.set(qn("w:w"), str(w))
    set_table_borders(table)
    _schema_order(tbl_pr, _TBLPR_ORDER)
    return table


def _fill_row(row, widths: tuple[int, ...]):
    cells = row.cells  # read once per row, before any vMerge (Table.cell() is quadratic)
    for c, w in zip(cells, widths):
        set_cell_width(c, w)
        set_cell_valign(c, "center")
    set_cant_split(row)
    return cells


def _vmerge(cell, restart: bool) -> None:
    set_cell_vmerge(cell, restart)
    _schema_order(cell._tc.tcPr, _TCPR_ORDER)


# -- blocks ----------------------------------------------------------------------------------------
class _Renderer:
    def __init__(self, container, targets: list[TargetRow], draft: bool):
        self.c = container
        self.targets = targets
        self.draft = draft
        self.after_table = False

    def _par(self, **kw):
        p = _text_paragraph(self.c, **kw)
        if self.after_table:
            p.paragraph_format.space_before = Pt(SPACE_AFTER_TABLE_PT)
            self.after_table = False
        return p

    def heading(self, h: Heading) -> None:
        p = self._par(align=WD_ALIGN_PARAGRAPH.LEFT)
        set_keep_with_next(p)
        role = HEADING_ROLES[h.level]
        if h.part is not None and not h.duplicate:
            _run(p, h.part.heading, role)
        else:
            _spans(p, h.spans, role)

    def missing(self, m: MissingPart) -> None:
        p = self._par(align=WD_ALIGN_PARAGRAPH.LEFT)
        set_keep_with_next(p)
        _run(p, m.part.heading, HEADING_ROLES[m.part.level])
        if m.part.leaf:
            body = _text_paragraph(self.c)
            _run(body, S.MISSING_TEXT.format(label=m.part.title), S.BODY, highlight=True)

    def paragraph(self, b: Paragraph) -> None:
        p = self._par(align=WD_ALIGN_PARAGRAPH.LEFT if b.code else WD_ALIGN_PARAGRAPH.JUSTIFY)
        if b.prefix:
            _run(p, b.prefix, S.BODY)
        _spans(p, b.spans, S.BODY)

    def table(self, t: Table) -> None:
        ncols = max([len(t.header)] + [len(r) for r in t.rows]) or 1
        base, extra = divmod(TEXT_WIDTH_TW, ncols)
        widths = tuple(base + (1 if k < extra else 0) for k in range(ncols))
        table = _table(self.c, 0, widths)
        for k, row in enumerate([t.header, *t.rows]):
            tr = table.add_row()
            cells = _fill_row(tr, widths)
            header = k == 0
            if header:
                set_repeat_header(tr)
            for j in range(ncols):
                spans = row[j] if j < len(row) else []
                align = WD_ALIGN_PARAGRAPH.CENTER if header else _ALIGN[t.aligns[j] if j < len(t.aligns) else None]
                _spans(_cell_paragraph(cells[j], align), spans, S.TABLE_HEADER if header else S.TABLE_TEXT)

    def target_table(self) -> None:
        rows = target_table(self.targets, draft=self.draft)
        widths = TARGET_COL_TW
        table = _table(self.c, 0, widths)
        head = table.add_row()
        cells = _fill_row(head, widths)
        set_repeat_header(head)
        for c, text in zip(cells, HEADER):
            _run(_cell_paragraph(c), text, S.TABLE_HEADER)
        for r in rows:
            cells = _fill_row(table.add_row(), widths)
            if r.first_of_group:
                _run(_cell_paragraph(cells[0]), r.direction, S.TABLE_TEXT)
            else:
                _cell_paragraph(cells[0])
            if r.group_size > 1:
                _vmerge(cells[0], restart=r.first_of_group)
            qualitative = r.cells[0].text == "定性描述"
            for cell, value in zip(cells[1:], r.cells):
                align = WD_ALIGN_PARAGRAPH.LEFT if qualitative and cell is not cells[1] else WD_ALIGN_PARAGRAPH.CENTER
                _run(_cell_paragraph(cell, align), value.text, S.TABLE_TEXT, highlight=value.missing)

    def run(self, plan: Plan) -> None:
        for b in plan.blocks:
            if isinstance(b, Heading):
                if not b.doc_title:
                    self.heading(b)
            elif isinstance(b, Paragraph):
                self.paragraph(b)
            elif isinstance(b, (Table, TargetTablePlace)):
                if self.after_table:  # two tables in a row would join into one in Word
                    self._par()
                if isinstance(b, Table):
                    self.table(b)
                else:
                    self.target_table()
                self.after_table = True
            elif isinstance(b, MissingPart) and self.draft:
                self.missing(b)


def render_plan(container, plan: Plan, targets: list[TargetRow] | None, *, draft: bool = False) -> None:
    """Append the plan to `container` (a python-docx Document or a docxtpl Subdoc)."""
    _Renderer(container, list(targets or []), draft).run(plan)
