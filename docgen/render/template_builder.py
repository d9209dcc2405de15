"""Writes templates/申报表模板.docx: the form's fixed text with Jinja tags where values go.

    python -m docgen.render.template_builder [OUT.docx]

The template is an ordinary .docx a person can open and adjust in Word (move a line,
change a width, reword a note); `docgen build --template FILE` takes such a copy. Labels
and checkbox options come from docgen/form/spec.py, the other fixed text from
docgen/form/text.py, fonts and sizes from docgen/settings.py (through the styles in styles.py).

Tags name the data the way cluster.yaml does: `{{ 基本情况.集群占地面积 }}`,
`{{ 主导产业情况.集群总产值[2021] }}`, a checkbox `{{ 主导产业情况.产业链强链补链工作.绘制产业链图谱 }}`
(☑ or □). Parts with no fixed shape are subdocuments: `{{p 规划 }}`, `{{p 附表.标准 }}`,
`{{p 佐证材料清单 }}`. Every page's header holds `{{ 草稿 }}` (empty unless --draft).

The pages are in template_pages.py, their building blocks in template_kit.py.
The committed template is this script's output; tests/test_render_template.py checks
that they agree.
"""
from __future__ import annotations

import datetime as _dt
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips

from .. import ooxml
from .. import settings as S
from ..form import text as T
from . import styles as st
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
    ooxml.set_page(section, S.PAGE_WIDTH_TW, S.PAGE_HEIGHT_TW, S.MARGIN_TOP_TW, S.MARGIN_BOTTOM_TW,
                   S.MARGIN_LEFT_TW, S.MARGIN_RIGHT_TW, footer=S.FOOTER_DISTANCE_TW)


def _draft_header(header) -> None:
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
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
            r._r.append(fc)
        elif text == " PAGE ":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r._r.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r._r.append(t)
    p.add_run(" —")


def _empty_footer(footer) -> None:
    footer.is_linked_to_previous = False
    set_style(footer.paragraphs[0], st.FOOTER)


def _clean_package(doc) -> None:
    """Styles, theme, fonts and settings from docgen.settings; no Japanese defaults, no thumbnail."""
    styles_el = doc.styles.element
    for child in list(styles_el):
        styles_el.remove(child)
    new = parse_xml(st.styles_xml().encode("utf-8"))
    for child in list(new):
        styles_el.append(child)
    part = doc.part
    for rel in part.rels.values():
        if rel.reltype == RT.THEME:
            rel.target_part._blob = st.theme_xml().encode("utf-8")
        elif rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = st.font_table_xml().encode("utf-8")
    pkg = part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    for rid, rel in list(part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML or rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[rid]
    settings_el = doc.settings.element
    for el in settings_el.iter(qn("w:themeFontLang")):
        el.set(qn("w:val"), "en-US")
        el.set(qn("w:eastAsia"), "zh-CN")
    for tagname in ("w:attachedTemplate", "w:rsids", "w:defaultTabStop"):
        for el in settings_el.findall(qn(tagname)):
            settings_el.remove(el)
    doc.settings.odd_and_even_pages_header_footer = True
    cp = doc.core_properties
    cp.author = S.CORE_AUTHOR
    cp.last_modified_by = S.CORE_AUTHOR
    cp.title = T.TITLE
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = cp.modified = _dt.datetime(2024, 1, 1)


def build_document():
    doc = Document()
    _clean_package(doc)
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
    sectpr = main._sectPr
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    pgmar = sectpr.find(qn("w:pgMar"))
    pgmar.addnext(pg)
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


def build_template_bytes() -> bytes:
    """The template as deterministic bytes (what is committed in templates/)."""
    from ..writer import deterministic_docx

    doc = build_document()
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic_docx(buf.getvalue(), _dt.datetime(2024, 1, 1))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else REPO_TEMPLATES / S.TEMPLATE_FILE
    from ..writer import write_atomic

    write_atomic(out, build_template_bytes())
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
