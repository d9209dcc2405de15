"""Element-level helpers on python-docx objects, for code that builds a document with python-docx
(the template tool, the 汇总表, the 清单, stamped copies) rather than as text (docgen.word.xml).

python-docx has no East Asian font API, no vertical merge by hand, no "repeat header row" or
"cannot split" switches; these helpers set those properties, inserting each child at its
schema position (docgen.word.schema) so nothing needs sorting afterwards.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..settings import Font
from . import schema

_ORDERS = {"pPr": schema.PPR, "rPr": schema.RPR, "tblPr": schema.TBLPR, "trPr": schema.TRPR,
           "tcPr": schema.TCPR, "tblBorders": schema.BORDERS, "tcBorders": schema.BORDERS,
           "settings": schema.SETTINGS}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def insert_ordered(parent, child, order: tuple[str, ...] | None = None):
    """Insert `child` into `parent` before the first sibling that the schema puts after it."""
    order = order or _ORDERS.get(_local(parent.tag), ())
    name = _local(child.tag)
    if name in order:
        later = set(order[order.index(name) + 1:])
        for i, sibling in enumerate(parent):
            if _local(sibling.tag) in later:
                parent.insert(i, child)
                return child
    parent.append(child)
    return child


def element(proxy):
    """The oxml element behind a python-docx proxy: CT_P of a Paragraph, CT_Tbl of a Table, CT_Tc
    of a _Cell, CT_Row of a _Row (a Run's is public: `run.element`).

    python-docx 1.2 gives Paragraph, Table, _Cell and _Row no public accessor for their element,
    yet its oxml classes (get_or_add_pPr, tblPr, tr_lst, tc_lst) are the documented way to set what
    the proxies cannot (East Asian fonts, merges, header rows, borders). Every proxy constructor
    stores the element as `_element`; this is the one place docgen reads that private attribute.
    """
    public = getattr(proxy, "element", None)
    return public if public is not None else proxy._element


def get_or_add(parent, tag: str):
    """The child `tag` (e.g. "w:vMerge"), created at its schema position."""
    el = parent.find(qn(tag))
    if el is not None:
        return el
    return insert_ordered(parent, OxmlElement(tag))


def set_rfonts(rpr, font: Font) -> None:
    """Name all four font slots; w:eastAsia is what Chinese text uses."""
    rfonts = get_or_add(rpr, "w:rFonts")
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    rfonts.set(qn("w:ascii"), font.latin)
    rfonts.set(qn("w:hAnsi"), font.latin)
    rfonts.set(qn("w:eastAsia"), font.east_asia)
    rfonts.set(qn("w:cs"), font.latin)


def style_run(run, font: Font, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Direct formatting of one run: fonts in all slots, size, bold."""
    set_rfonts(run.element.get_or_add_rPr(), font)
    if size_pt is not None:
        run.font.size = Pt(size_pt)
    if bold is not None:
        run.font.bold = bold


def style_font(style, font: Font, size_pt: float | None = None, bold: bool | None = None) -> None:
    """The same for a paragraph or character style."""
    set_rfonts(style.element.get_or_add_rPr(), font)
    if size_pt is not None:
        style.font.size = Pt(size_pt)
    if bold is not None:
        style.font.bold = bold


def add_run(paragraph, text: str, role: tuple, *, bold: bool | None = None, italic: bool | None = None,
            highlight: bool = False):
    """Append a run with a role from settings (font, size, bold)."""
    font, size, role_bold = role
    run = paragraph.add_run(text)
    style_run(run, font, size, role_bold if bold is None else bold)
    if italic:
        run.font.italic = True
    if highlight:
        from docx.enum.text import WD_COLOR_INDEX

        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def set_cell_vmerge(cell, restart: bool) -> None:
    """Vertical merge: the first cell restarts, the cells below continue."""
    tcpr = element(cell).get_or_add_tcPr()
    vm = get_or_add(tcpr, "w:vMerge")
    if restart:
        vm.set(qn("w:val"), "restart")
    elif vm.get(qn("w:val")) is not None:
        del vm.attrib[qn("w:val")]


def set_repeat_header(row) -> None:
    """Repeat this row at the top of each page the table runs onto."""
    trpr = element(row).get_or_add_trPr()
    get_or_add(trpr, "w:tblHeader").set(qn("w:val"), "true")


def set_cant_split(row) -> None:
    """Keep a row on one page."""
    trpr = element(row).get_or_add_trPr()
    get_or_add(trpr, "w:cantSplit").set(qn("w:val"), "true")


def set_table_borders(table, size_eighths: int = 4) -> None:
    """Single black borders on every edge and inside line."""
    tblpr = element(table).tblPr
    borders = get_or_add(tblpr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = get_or_add(borders, f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size_eighths))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")


def set_cell_width(cell, twips: int) -> None:
    tcpr = element(cell).get_or_add_tcPr()
    w = get_or_add(tcpr, "w:tcW")
    w.set(qn("w:w"), str(twips))
    w.set(qn("w:type"), "dxa")


def set_cell_width_tc(tc, twips: int) -> None:
    """The same on a w:tc element."""
    w = get_or_add(tc.get_or_add_tcPr(), "w:tcW")
    w.set(qn("w:w"), str(twips))
    w.set(qn("w:type"), "dxa")


def set_cell_valign(cell, val: str = "center") -> None:
    tcpr = element(cell).get_or_add_tcPr()
    get_or_add(tcpr, "w:vAlign").set(qn("w:val"), val)


def set_keep_with_next(paragraph, on: bool = True) -> None:
    paragraph.paragraph_format.keep_with_next = on


def set_first_line_indent_chars(paragraph, chars: int) -> None:
    """Indent by characters (w:firstLineChars), so it follows the font size as Word does."""
    ppr = element(paragraph).get_or_add_pPr()
    ind = get_or_add(ppr, "w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    # a twips fallback for readers that ignore *Chars (16 pt body → 2 chars = 640 twips)
    ind.set(qn("w:firstLine"), str(chars * 320))


def set_highlight(rpr, color: str = "yellow") -> None:
    """Highlight a run."""
    get_or_add(rpr, "w:highlight").set(qn("w:val"), color)


def set_cell_border(cell, edge: str = "bottom", size_eighths: int = 6) -> None:
    """One border of one cell (the ruled lines of the cover)."""
    tcpr = element(cell).get_or_add_tcPr()
    borders = get_or_add(tcpr, "w:tcBorders")
    el = get_or_add(borders, f"w:{edge}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size_eighths))
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), "000000")


def set_page(section, width: int, height: int, top: int, bottom: int, left: int, right: int,
             header: int = 851, footer: int = 851) -> None:
    """Page size and margins of a python-docx section, all in twips (header/footer: distance from the edge)."""
    from docx.shared import Twips

    section.page_width = Twips(width)
    section.page_height = Twips(height)
    section.top_margin = Twips(top)
    section.bottom_margin = Twips(bottom)
    section.left_margin = Twips(left)
    section.right_margin = Twips(right)
    section.header_distance = Twips(header)
    section.footer_distance = Twips(footer)
    section.gutter = Twips(0)
