"""Building blocks of the template tool: Jinja tags, styled paragraphs and fixed-width bordered tables.

Part of the one-off tool that wrote the first templates/申报表模板.docx (see template_builder.py)."""
from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .. import settings as S
from ..form import kinds
from ..form.spec import section
from ..word import elements
from ..word import styles as st

TYPE_WIDTH = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW  # 8844 twips, 156 mm


# ---------------------------------------------------------------------------------------------
# tags


def ref(*keys) -> str:
    """A Jinja reference to a context value: 基本情况.集群占地面积, 主导产业情况.集群总产值[2021]."""
    out = str(keys[0])
    for k in keys[1:]:
        if isinstance(k, int):
            out += f"[{k}]"
        elif k.isidentifier():
            out += "." + k
        else:
            out += '["' + k + '"]'
    return out


@dataclass(frozen=True)
class Tag:
    path: tuple
    underline: bool = False
    checkbox: bool = False
    pad: bool = False  # spaces around the value, so an underlined blank looks like the form's ＿＿

    @property
    def text(self) -> str:
        t = "{{ " + ref(*self.path) + " }}"
        return f" {t} " if self.pad else t


def tag(*path, **kw) -> Tag:
    return Tag(tuple(path), **kw)


def box(*path) -> Tag:
    return Tag(tuple(path), checkbox=True)


def add_pieces(par, pieces) -> None:
    for piece in pieces:
        if isinstance(piece, Tag):
            r = par.add_run(piece.text)
            if piece.checkbox:
                rs = elements.insert_ordered(r.element.get_or_add_rPr(), OxmlElement("w:rStyle"))
                rs.set(qn("w:val"), st.CHECKBOX)
            if piece.underline:
                r.font.underline = True
        else:
            par.add_run(str(piece))


def set_style(par, style_id: str) -> None:
    ppr = elements.element(par).get_or_add_pPr()
    ps = ppr.find(qn("w:pStyle"))
    if ps is None:
        ps = elements.insert_ordered(ppr, OxmlElement("w:pStyle"))
    ps.set(qn("w:val"), style_id)


def para(container, style_id: str, *pieces, first: bool = False):
    """A paragraph in `container` (document or cell); `first` reuses a cell's empty paragraph."""
    par = container.paragraphs[0] if first else container.add_paragraph()
    set_style(par, style_id)
    add_pieces(par, pieces)
    return par


def set_ppr_flag(par, tag_name: str) -> None:
    elements.insert_ordered(elements.element(par).get_or_add_pPr(), OxmlElement(tag_name))


# ---------------------------------------------------------------------------------------------
# tables


class Grid:
    """A bordered table with fixed column widths; rows are added with spans."""

    def __init__(self, doc, widths: list[int], *, borders: bool = True):
        assert sum(widths) <= TYPE_WIDTH, (sum(widths), TYPE_WIDTH)
        self.widths = widths
        self.table = doc.add_table(rows=0, cols=len(widths))
        tbl = elements.element(self.table)
        tblpr = tbl.tblPr
        sty = tblpr.find(qn("w:tblStyle"))
        if borders:
            sty = sty if sty is not None else elements.insert_ordered(tblpr, OxmlElement("w:tblStyle"))
            sty.set(qn("w:val"), st.TABLE_GRID)
        elif sty is not None:
            tblpr.remove(sty)
        for tag_name, attrs in (("w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"}),
                                ("w:jc", {"w:val": "center"}), ("w:tblLayout", {"w:type": "fixed"})):
            el = elements.get_or_add(tblpr, tag_name)
            for k, v in attrs.items():
                el.set(qn(k), v)
        if not borders:
            b = elements.get_or_add(tblpr, "w:tblBorders")
            for e in ("top", "left", "bottom", "right", "insideH", "insideV"):
                elements.get_or_add(b, f"w:{e}").set(qn("w:val"), "nil")
        look = tblpr.find(qn("w:tblLook"))
        if look is not None:
            tblpr.remove(look)
        grid = tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
            gc.set(qn("w:w"), str(w))
        self.rows = []

    def row(self, spans: list[int] | None = None, *, header: bool = False, cant_split: bool = True,
            min_height_tw: int | None = None):
        spans = spans or [1] * len(self.widths)
        assert sum(spans) == len(self.widths), spans
        row = self.table.add_row()
        cells = row.cells  # one lookup per row (python-docx Table.cell is quadratic)
        out, i = [], 0
        for span in spans:
            c = cells[i]
            if span > 1:
                c = c.merge(cells[i + span - 1])
            out.append(c)
            i += span
        for c in out:
            elements.set_cell_valign(c, "center")
        if header:
            elements.set_repeat_header(row)
        if cant_split:
            elements.set_cant_split(row)
        if min_height_tw:
            h = elements.insert_ordered(elements.element(row).get_or_add_trPr(), OxmlElement("w:trHeight"))
            h.set(qn("w:val"), str(min_height_tw))
            h.set(qn("w:hRule"), "atLeast")
        self.rows.append(row)
        return out

    def keep_together(self, first_row: int, last_row: int) -> None:
        """Rows first_row..last_row stay on one page (keep-with-next on all but the last)."""
        for row in self.rows[first_row:last_row]:
            for tc in elements.element(row).tc_lst:
                for p in tc.iter(qn("w:p")):
                    ppr = p.get_or_add_pPr()
                    if ppr.find(qn("w:keepNext")) is None:
                        elements.insert_ordered(ppr, OxmlElement("w:keepNext"))

    def vmerge(self, first_row: int, last_row: int, col: int):
        """Merge a column's cells from first_row to last_row (indexes into self.rows)."""
        top = self.rows[first_row].cells[col]
        return top.merge(self.rows[last_row].cells[col])

    def finish(self) -> None:
        """Cell widths from the grid (Word and LibreOffice both read tcW); the empty paragraph a
        merge leaves in a covered cell takes the table's text style, not 正文's line height."""
        for p in elements.element(self.table).iter(qn("w:p")):
            if p.pPr is None or p.pPr.pStyle is None:
                set_style(Paragraph(p, None), st.TABLE_TEXT)
        for tr in elements.element(self.table).tr_lst:
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                elements.set_cell_width_tc(tc, sum(self.widths[col: col + span]))
                col += span


def label_cell(cell, text: str, hint: str = "") -> None:
    para(cell, st.TABLE_LABEL, text, first=True)
    if hint:
        para(cell, st.TABLE_HINT, hint)


def number_cell(cell, *path) -> None:
    para(cell, st.TABLE_NUMBER, tag(*path), first=True)


def text_cell(cell, *path, indent: bool = False) -> None:
    para(cell, st.TABLE_PARAGRAPH if indent else st.TABLE_TEXT, tag(*path), first=True)


def split_hint(label: str) -> tuple[str, str]:
    """'X（需提供清单及佐证材料）' → ('X', '（需提供清单及佐证材料）'): the form prints the hint in the value cell."""
    for marker in ("（需提供", "（注："):
        i = label.rfind(marker)
        if i > 0 and label.endswith("）"):
            return label[:i], label[i:]
    return label, ""


def field(sec_key: str, key: str) -> kinds.Field:
    for f in section(sec_key).fields:
        if f.key == key:
            return f
    raise KeyError(f"{sec_key}.{key}")


def options_inline(cell, sec_key: str, f: kinds.Field, *, first: bool = True, tail: str = "") -> None:
    """□是　□否 … on one line."""
    pieces: list = []
    from ..present import options

    for i, (key, label) in enumerate(options(f)):
        if i:
            pieces.append("　　")
        pieces += [box(sec_key, f.key, key), label]
    if tail:
        pieces.append(tail)
    para(cell, st.TABLE_TEXT, *pieces, first=first)


def checkbox_cell(cell, sec_key: str, f: kinds.Checkboxes, *, first: bool = True, per_line: int = 1) -> None:
    """The options of a checkbox group, one per line (or `per_line` a line), then its note."""
    if f.intro:
        para(cell, st.TABLE_TEXT, f.intro, first=first)
        first = False
    opts = list(f.options)
    for i in range(0, len(opts), per_line):
        pieces: list = []
        for j, o in enumerate(opts[i: i + per_line]):
            if j:
                pieces.append("　")
            pieces += [box(sec_key, f.key, o.key), o.label]
        para(cell, st.TABLE_OPTION if per_line == 1 else st.TABLE_TEXT, *pieces, first=first)
        first = False
    if f.note:
        para(cell, st.TABLE_TEXT, f.note)


def heading(doc, sec_key: str, *, page_break: bool = False):
    p = para(doc, st.SECTION_HEADING, section(sec_key).heading)
    if page_break:
        set_ppr_flag(p, "w:pageBreakBefore")
    return p
