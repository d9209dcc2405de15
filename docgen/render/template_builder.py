"""One-off tool: writes a fresh templates/申报表模板.docx from the form's definition.

    python -m docgen.render.template_builder [OUT.docx]

The template in templates/ is the source, a Word file that people own: change fonts,
spacing, a label or a row in Word (docs/rendering.md says how and what must stay).
This tool made the first version from docgen/form/spec.py (labels, options),
docgen/form/text.py (fixed text) and docgen/word/styles.py (named styles). Running it
again overwrites every edit made in Word, so use it only to start over, and compare
the result with the committed template before replacing it. No build reads it.

Tags name the data the way cluster.yaml does: `{{ 基本情况.集群占地面积 }}`,
`{{ 主导产业情况.集群总产值[2021] }}`, a checkbox `{{ 主导产业情况.产业链强链补链工作.绘制产业链图谱 }}`
(☑ or □). Parts with no fixed shape are subdocuments: `{{p 规划 }}`, `{{p 附表.标准 }}`,
`{{p 佐证材料清单 }}`. Every page's header holds `{{ 草稿 }}` (empty unless --draft).

The pages are in template_pages.py, their building blocks in template_kit.py.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from .. import settings as S
from ..form import text as T
from ..word import elements
from ..word import styles as st
from ..word.package import finish_entries, read_entries
from .template_kit import set_style
from .template_pages import (
    appendices,
    basic,
    cover,
    declaration,
    digital,
    governance,
    green,
    industry,
    innovation,
    instructions,
    openness,
    plan,
)

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


# ---------------------------------------------------------------------------------------------
# page setup, headers and footers


def _page(section) -> None:
    elements.set_page(section, S.PAGE_WIDTH_TW, S.PAGE_HEIGHT_TW, S.MARGIN_TOP_TW, S.MARGIN_BOTTOM_TW,
                   S.MARGIN_LEFT_TW, S.MARGIN_RIGHT_TW, footer=S.FOOTER_DISTANCE_TW)


def _draft_header(header) -> None:
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    for r in list(p.runs):
        r.element.getparent().remove(r.element)
    set_style(p, st.HEADER)
    p.add_run("{{ 草稿 }}")


def _page_number(footer, odd: bool) -> None:
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    set_style(p, st.FOOTER)
    one_char = int(S.PAGE_NUMBER[1] * 20)
    if odd:
        p.alignment = 2
        p.paragraph_format.right_indent = Twips(one_char)
    else:
        p.alignment = 0
        p.paragraph_format.left_indent = Twips(one_char)
    p.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = p.add_run()
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r.element.append(fc)
        elif text == " PAGE ":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r.element.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r.element.append(t)
    p.add_run(" —")


def _empty_footer(footer) -> None:
    footer.is_linked_to_previous = False
    set_style(footer.paragraphs[0], st.FOOTER)


def build_document():
    doc = Document()
    doc.settings.odd_and_even_pages_header_footer = True
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _page(doc.sections[0])
    cover(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)  # the cover's sectPr moves into the last cover paragraph
    cover_section, main = doc.sections[0], doc.sections[1]
    _page(main)
    # the cover: draft header, no page number
    for h in (cover_section.header, cover_section.even_page_header):
        _draft_header(h)
    for f in (cover_section.footer, cover_section.even_page_footer):
        _empty_footer(f)
    # the form: draft header, — N — from 1, odd right / even left
    for h in (main.header, main.even_page_header):
        _draft_header(h)
    _page_number(main.footer, odd=True)
    _page_number(main.even_page_footer, odd=False)
    instructions(doc)
    basic(doc)
    industry(doc)
    innovation(doc)
    digital(doc)
    green(doc)
    openness(doc)
    governance(doc)
    plan(doc)
    declaration(doc)
    appendices(doc)
    return doc


def _finish(document_xml: bytes) -> bytes:
    """Each section: the 公文 grid; the form's section numbers its pages from 1."""
    root = etree.fromstring(document_xml)
    sections = list(root.iter(qn("w:sectPr")))
    grid = etree.fromstring(f'<w:docGrid xmlns:w="{st.W_NS}" {st.doc_grid_xml()[len("<w:docGrid "):-2]}/>')
    for sect in sections:
        old = sect.find(qn("w:docGrid"))
        if old is not None:
            sect.remove(old)
        elements.insert_ordered(sect, etree.fromstring(etree.tostring(grid)), SECTPR)
    pg = etree.SubElement(sections[-1], qn("w:pgNumType"))
    sections[-1].remove(pg)
    pg.set(qn("w:start"), "1")
    elements.insert_ordered(sections[-1], pg, SECTPR)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


SECTPR = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
          "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
          "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def build_template_bytes() -> bytes:
    """The template as deterministic bytes: python-docx builds the body; styles, theme, font
    table and package metadata are docgen's (docgen.word)."""
    doc = build_document()
    buf = io.BytesIO()
    doc.save(buf)
    entries = read_entries(buf.getvalue())
    entries["word/styles.xml"] = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                                  + st.styles_xml()).encode("utf-8")
    entries["word/fontTable.xml"] = st.font_table_xml().encode("utf-8")
    for name in entries:
        if name.startswith("word/theme/"):
            entries[name] = st.theme_xml().encode("utf-8")
    entries["word/document.xml"] = _finish(entries["word/document.xml"])
    return finish_entries(entries, title=T.TITLE, subject="山东省特色产业集群申报表（附件2）模板", count_words=False)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else REPO_TEMPLATES / S.TEMPLATE_FILE
    from ..writer import write_atomic

    write_atomic(out, build_template_bytes())
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
