"""The one writer of WordprocessingML body markup: runs, paragraphs, tables, fields.

Everything docgen generates for a document body (the plan, the 附表, the 佐证材料清单,
the form's missing-value runs) is written by these functions, as text with the `w:`
prefix (declared on the document's root). Property children are joined in schema
order by construction (docgen.word.schema); formatting is by named style
(docgen.word.styles), so a person who changes a style in Word changes every
paragraph that uses it. Direct formatting is limited to what belongs to one place:
bold/italic emphasis, the yellow highlight of a draft's missing value, a paragraph's
alignment, keep-with-next and page break.

Strings, not python-docx objects: a plan or a long list has thousands of cells, and
python-docx's object API costs ~0.5 ms per cell.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape as _escape

from .schema import PPR, RPR, TBLPR, TCPR, TRPR, ordered

# docxtpl turns {_{ }_} {_% %_} in the rendered document into {{ }} {% %}; a character
# reference keeps such user text as typed (lxml reads &#95; back as "_").
_DOCXTPL_MARK = re.compile(r"(?<=[{%])_|_(?=[}%])")
_EAST_ASIAN = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
                         "\U00020000-\U0003ffff]")


def escape_text(text: str) -> str:
    """Text for a w:t element: & < > escaped, docxtpl's {_{ markers protected."""
    out = _escape(text, quote=False)
    if "_" in out:
        out = _DOCXTPL_MARK.sub("&#95;", out)
    return out


def escape_attr(value: str) -> str:
    """An attribute value for double quotes."""
    return _escape(value, quote=True).replace("&#x27;", "'")


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape_text(text)}</w:t>' if text else ""


_SPECIAL = re.compile(r"(\t|\r\n|\r|\n)")


def run_content(text: str) -> str:
    """Text as run content: a tab is <w:tab/>, each line end (LF, CR or CRLF) a <w:br/>."""
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return _t(text)
    out = []
    for piece in _SPECIAL.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r\n", "\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


@lru_cache(maxsize=256)  # a few combinations, thousands of runs
def rpr(*, style: str | None = None, bold: bool | None = None, italic: bool = False,
        highlight: str | None = None, east_asian: bool = False, superscript: bool = False) -> str:
    """Run properties; `east_asian` adds Word's w:hint so “ ” … — take the Chinese face (no font named)."""
    children = {
        "rStyle": f'<w:rStyle w:val="{style}"/>' if style else "",
        "rFonts": '<w:rFonts w:hint="eastAsia"/>' if east_asian else "",
        "b": "" if bold is None else ("<w:b/>" if bold else '<w:b w:val="0"/>'),
        "bCs": "" if bold is None else ("<w:bCs/>" if bold else '<w:bCs w:val="0"/>'),
        "i": "<w:i/>" if italic else "",
        "highlight": f'<w:highlight w:val="{highlight}"/>' if highlight else "",
        "vertAlign": '<w:vertAlign w:val="superscript"/>' if superscript else "",
    }
    inner = ordered(RPR, children)
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def run(text: str, *, style: str | None = None, bold: bool | None = None, italic: bool = False,
        highlight: str | None = None, superscript: bool = False) -> str:
    """A run of text (a character style, emphasis, a footnote mark's superscript and highlight are
    the only formatting)."""
    props = rpr(style=style, bold=bold, italic=italic, highlight=highlight,
                east_asian=bool(_EAST_ASIAN.search(text)), superscript=superscript)
    return f"<w:r>{props}{run_content(text)}</w:r>"


def line_break() -> str:
    return "<w:r><w:br/></w:r>"


@lru_cache(maxsize=256)  # a few combinations, thousands of paragraphs
def ppr(style: str | None = None, align: str | None = None, keep_next: bool = False, page_break: bool = False,
        before_pt: float | None = None, after_pt: float | None = None, outline: int | None = None) -> str:
    """Paragraph properties: the named style, and what differs in one place only (alignment,
    keep with next, page break before, space before/after, a 0-based outline level)."""
    spacing = ""
    if before_pt is not None or after_pt is not None:
        attrs = ""
        if before_pt is not None:
            attrs += f' w:before="{round(before_pt * 20)}"'
        if after_pt is not None:
            attrs += f' w:after="{round(after_pt * 20)}"'
        spacing = f"<w:spacing{attrs}/>"
    inner = ordered(PPR, {
        "pStyle": f'<w:pStyle w:val="{style}"/>' if style else "",
        "keepNext": "<w:keepNext/>" if keep_next else "",
        "pageBreakBefore": "<w:pageBreakBefore/>" if page_break else "",
        "spacing": spacing,
        "jc": f'<w:jc w:val="{align}"/>' if align else "",
        "outlineLvl": f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "",
    })
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def paragraph(content: str = "", style: str | None = None, **props) -> str:
    """A paragraph of runs (`content`: run markup) in a named style; `props`: see ppr."""
    return f"<w:p>{ppr(style, **props)}{content}</w:p>"


def text_paragraph(text: str, style: str | None = None, *, highlight: str | None = None, **props) -> str:
    """A paragraph holding one run of `text`."""
    return paragraph(run(text, highlight=highlight) if text else "", style, **props)


# -- fields ----------------------------------------------------------------------------------------
def field(instruction: str, result: str = "", *, dirty: bool = False) -> str:
    """A complex field (PAGE, TOC …): runs for begin, instruction, separate, the cached result, end.
    `dirty` asks Word to update it when the document opens."""
    d = ' w:dirty="true"' if dirty else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"{d}/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape_text(instruction)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def toc_field(styles: list[tuple[str, int]], entries: list[tuple[str, int]], *, entry_styles: dict[int, str],
              placeholder: str) -> str:
    """A table of contents over the paragraphs in `styles` (style name, TOC level), as paragraphs.

    The cached result lists `entries` (text, level) without page numbers, so the headings are
    readable before the field is updated; Word updates it on opening (dirty), LibreOffice with
    Tools ▸ Update. The instruction names the styles (\\t), so any heading a person adds in those
    styles joins the TOC.
    """
    spec = ",".join(f"{name},{level}" for name, level in styles)
    instr = f'TOC \\h \\z \\t "{spec}"'
    lines = entries or [(placeholder, 1)]
    out = []
    for k, (text, level) in enumerate(lines):
        content = run(text)
        if k == 0:
            begin = field(instr, "", dirty=True)
            content = begin[: begin.index('<w:r><w:fldChar w:fldCharType="end"/>')] + content
        if k == len(lines) - 1:
            content += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        out.append(paragraph(content, entry_styles.get(level)))
    return "".join(out)


# -- tables ----------------------------------------------------------------------------------------
def table_start(widths: tuple[int, ...] | list[int], *, style: str, align: str = "center") -> str:
    """A fixed-layout table in a table style (borders, cell margins) with these column widths (twips)."""
    tblpr = ordered(TBLPR, {
        "tblStyle": f'<w:tblStyle w:val="{style}"/>',
        "tblW": f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>',
        "jc": f'<w:jc w:val="{align}"/>',
        "tblLayout": '<w:tblLayout w:type="fixed"/>',
        "tblLook": ('<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
                    'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'),
    })
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"


TABLE_END = "</w:tbl>"


def row(cells: list[str] | str, *, header: bool = False, cant_split: bool = True) -> str:
    """A table row; a header row repeats on every page the table runs onto."""
    body = cells if isinstance(cells, str) else "".join(cells)
    return f"<w:tr>{_trpr(header, cant_split)}{body}</w:tr>"


@lru_cache(maxsize=4)
def _trpr(header: bool, cant_split: bool) -> str:
    trpr = ordered(TRPR, {
        "cantSplit": "<w:cantSplit/>" if cant_split else "",
        "tblHeader": "<w:tblHeader/>" if header else "",
    })
    return f"<w:trPr>{trpr}</w:trPr>" if trpr else ""


def cell(width: int, paragraphs: str, *, span: int = 1, vmerge: str | None = None, valign: str = "center") -> str:
    """A table cell; `vmerge` "restart" starts a vertical merge, "continue" extends it."""
    return f"<w:tc>{_tcpr(width, span, vmerge, valign)}{paragraphs or '<w:p/>'}</w:tc>"


@lru_cache(maxsize=256)
def _tcpr(width: int, span: int, vmerge: str | None, valign: str) -> str:
    tcpr = ordered(TCPR, {
        "tcW": f'<w:tcW w:w="{width}" w:type="dxa"/>',
        "gridSpan": f'<w:gridSpan w:val="{span}"/>' if span > 1 else "",
        "vMerge": "" if vmerge is None else ('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"),
        "vAlign": f'<w:vAlign w:val="{valign}"/>' if valign else "",
    })
    return f"<w:tcPr>{tcpr}</w:tcPr>"


def column_widths(total: int, weights: list[float]) -> list[int]:
    """Whole-twip widths in proportion to `weights`, summing exactly to `total`."""
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths
