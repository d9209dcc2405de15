"""The 正式推荐文件 as a GB/T 9704-2012 公文, filled into templates/推荐文件模板.docx.

The template carries the page (A4, margins 37/28/26/35 mm, the 22 × 28 grid), the page numbers
("— 1 —", odd right, even left) and the named styles (发文机关标志, 发文字号, 公文标题, 主送机关,
公文正文, 附件说明, 发文机关署名, 成文日期, 附注, 版记); this module only adds paragraphs of those
styles, and direct formatting only where a value is computed (indents that centre the 署名 on
the date, a smaller 发文机关标志 for a long name, the 版记's lines, the blank lines that put the
版记 at the foot of an even page). Borders are set through the Word layer's element helpers
(docgen.word.elements), which put each child at its schema position.
"""
from __future__ import annotations

import datetime as _dt
import math

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from ..docbase import LETTER_TEMPLATE, finish_docx, open_template
from ..word import elements
from .content import Letter, width

LINES_PER_PAGE = 22  # GB/T 9704-2012 5.2.2
CHARS_PER_LINE = 28
CHAR_TW = 315  # one character: 156 mm / 28 (三号 set 0.25 pt tighter, as the template)
TYPE_WIDTH_TW = 8844  # 版心 156 mm
MARK_MAX_PT = 36  # 发文机关标志 as the template sets it (小初); smaller when a long name needs it
SEAL_GAP_LINES = 2  # blank lines between the text and the 署名: a 42 mm seal over 署名 and date
# reaches up into them and stays within one line of the text (GB/T 9704-2012 7.3.5.1)
HEAD_LINES = 10.5  # 版头 in grid lines: 3 + 2 (标志), 2 blank, 发文字号 with the red line, 2 blank
# (measured in LibreOffice's PDF: the title starts 10.5 lines below the type area's top)
LINE_TW = 579  # the grid's line pitch: 225 mm / 22
RECORD_CHAR_TW = 280  # one 四号 character
RECORD_CHARS = TYPE_WIDTH_TW // RECORD_CHAR_TW  # 31 a line
STYLES = ("发文机关标志", "发文字号", "签发人姓名", "公文标题", "主送机关", "公文正文", "附件说明", "发文机关署名",
          "成文日期", "附注", "版记")  # the template's, editable in Word (docs/city.md)
THICK, THIN = 8, 6  # 版记 lines in eighths of a point: 0.35 mm and 0.25 mm (GB/T 9704-2012 7.4.1)


def _lines(chars: float, first_indent: float = 0, indent: float = 0, per_line: int = CHARS_PER_LINE) -> int:
    """Lines a paragraph of this width takes."""
    first = per_line - first_indent
    if chars <= first:
        return 1
    return 1 + math.ceil((chars - first) / (per_line - indent))


def build_letter(letter: Letter, *, when: _dt.datetime, author: str) -> bytes:
    doc = open_template(LETTER_TEMPLATE, STYLES)
    used = HEAD_LINES

    def par(text: str = "", style: str = "Normal"):
        return doc.add_paragraph(text, style=style)

    # 版头
    mark = par(letter.mark, "发文机关标志")
    size = min(MARK_MAX_PT, math.floor(TYPE_WIDTH_TW / 20 / max(width(letter.mark), 1)))
    if size < MARK_MAX_PT:
        mark.runs[0].font.size = Pt(size)
    par()
    par()
    number = par(style="发文字号")
    if letter.upward:  # 发文字号 left, 签发人 right, each one character in (7.2.4); tabs rather
        # than indents, so that the red line under them keeps the type area's full width
        pf = number.paragraph_format
        pf.alignment = 0  # left
        pf.tab_stops.add_tab_stop(Twips(CHAR_TW), WD_TAB_ALIGNMENT.LEFT)
        pf.tab_stops.add_tab_stop(Twips(TYPE_WIDTH_TW - CHAR_TW), WD_TAB_ALIGNMENT.RIGHT)
        number.add_run(f"\t{letter.number}\t签发人：")
        number.add_run(letter.signer or "", style="签发人姓名")
    else:
        number.add_run(letter.number)
        if letter.genre == "函":  # 信函格式 (10.1): a red double line under the 标志, the number at
            # the right below it, no page number on the first page
            _border(mark, "bottom", "thickThinMediumGap", 18, "FF0000", space=11)
            _border(number, "bottom", "nil")
            number.paragraph_format.alignment = 2  # right
            doc.sections[-1].different_first_page_header_footer = True
    par()
    par()

    # 主体
    title = par(style="公文标题")
    for i, line in enumerate(letter.title_lines):
        run = title.add_run(line)
        if i < len(letter.title_lines) - 1:
            run.add_break()
    used = math.ceil(used + len(letter.title_lines))  # the grid resumes on the next whole line
    par()
    par(letter.addressee, "主送机关")
    used += 2
    for text in letter.paragraphs:
        par(text, "公文正文")
        used += _lines(width(text), 2)
    par()
    used += 1
    for i, att in enumerate(letter.attachments, 1):
        p = par(style="附件说明")
        p.add_run(f"{'附件：' if i == 1 else ''}{i}．\t{att.title}")
        if i > 1:  # the number under the first number; wrapped lines under the first character
            p.paragraph_format.first_line_indent = Twips(round(-1.5 * CHAR_TW))
        used += _lines(6.5 + width(att.title), 0, 6.5)
    for _ in range(SEAL_GAP_LINES):
        par()
    signature = par(letter.signature, "发文机关署名")
    # the 署名 centred on the date, which stands four characters in from the right (7.3.5.1)
    right = 4 + (width(letter.date) - width(letter.signature)) / 2
    signature.paragraph_format.right_indent = Twips(round(max(0.0, right) * CHAR_TW))
    par(letter.date, "成文日期")
    par(letter.note, "附注")
    used += SEAL_GAP_LINES + 2 + _lines(width(letter.note), 2)

    # 版记 at the foot of an even page (7.4.1): the page the text ends on when it is even and
    # has room, else the next even page; blank lines fill the page above it
    record = 1 + (_lines(4 + width("，".join(letter.copy_to) + "。"), 0, 4, RECORD_CHARS) if letter.copy_to else 0)
    page = math.ceil(used / LINES_PER_PAGE)
    room = page * LINES_PER_PAGE - used
    new_page = not (page % 2 == 0 and room >= record + 1)
    # a new page by “page break before” (not a break character, whose paragraph mark Word
    # carries over to the next page and LibreOffice does not); when the text ends on an even
    # page without room, the next (odd) page stays blank
    if new_page and page % 2 == 0:
        par().paragraph_format.page_break_before = True
    fillers = [par() for _ in range((LINES_PER_PAGE if new_page else room) - record)]
    first_record = _record(doc, letter)
    if new_page:
        (fillers[0] if fillers else first_record).paragraph_format.page_break_before = True
    return finish_docx(doc, title=letter.title, subject=letter.number, author=author, when=when)


def _border(paragraph, edge: str, val: str, size: int = 0, color: str = "auto", *, space: int = 0) -> None:
    """A paragraph border set directly (over the style's): `val` "nil" removes the style's line."""
    bdr = elements.get_or_add(elements.element(paragraph).get_or_add_pPr(), "w:pBdr")
    line = elements.get_or_add(bdr, f"w:{edge}")
    line.set(qn("w:val"), val)
    if val != "nil":
        for k, v in (("w:sz", str(size)), ("w:space", str(space)), ("w:color", color)):
            line.set(qn(k), v)


def _record(doc, letter: Letter):
    """版记 (GB/T 9704-2012 7.4): 抄送 (when any), then 印发机关 and 印发日期, between lines as wide
    as the type area (first and last thick, the middle thin). Each is one grid line high, less
    the lines' widths, so that after the filler lines the last line lies on the type area's
    lower edge. Returns the first paragraph."""
    rows = []
    if letter.copy_to:
        rows.append(f"\t抄送：{'，'.join(letter.copy_to)}。")
    rows.append(f"\t{letter.issuer}\t{letter.issue_date}印发")
    paragraphs = []
    for i, text in enumerate(rows):
        p = doc.add_paragraph(text, style="版记")
        paragraphs.append(p)
        if text.startswith("\t抄送"):  # wrapped lines under the first name after “抄送：”
            p.paragraph_format.left_indent = Twips(4 * RECORD_CHAR_TW)
            p.paragraph_format.first_line_indent = Twips(-4 * RECORD_CHAR_TW)
        lines = (THICK if i == 0 else THIN) + (THICK if i == len(rows) - 1 else 0)  # eighths of a point
        p.paragraph_format.line_spacing = Twips(LINE_TW - math.ceil(lines * 20 / 8) - 2)
        bdr = elements.get_or_add(elements.element(p).get_or_add_pPr(), "w:pBdr")
        for edge, size in (("top", THICK), ("bottom", THICK), ("between", THIN)):
            el = elements.get_or_add(bdr, f"w:{edge}")
            for k, v in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "0"), ("w:color", "000000")):
                el.set(qn(k), v)
    return paragraphs[0]
