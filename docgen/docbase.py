"""The city's Word documents (推荐文件, 汇总表, 佐证材料清单): their templates and their finish.

Each document starts from a Word file in templates/ that a person may edit in Word (styles,
margins, page numbers); docgen empties its body and fills it with paragraphs of the template's
named styles. `finish_docx` is the ONE place that turns a filled document into the bytes we
write (core and app properties, deterministic zip): swap it for the shared Word layer's
finishing function when that lands (docgen/word/).
"""
from __future__ import annotations

import datetime as _dt
import io
import zipfile
from importlib import resources
from pathlib import Path

from lxml import etree

LETTER_TEMPLATE = "推荐文件模板.docx"
SUMMARY_TEMPLATE = "汇总表模板.docx"
EVIDENCE_TEMPLATE = "佐证材料清单模板.docx"

REPO_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
_APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


class TemplateMissing(Exception):
    pass


def template_path(name: str) -> Path:
    """templates/<name> in a source checkout, else the copy installed with the package."""
    path = REPO_TEMPLATES / name
    if path.is_file():
        return path
    shipped = resources.files("docgen") / "templates" / name
    if shipped.is_file():
        return Path(str(shipped))
    raise TemplateMissing(f"找不到模板 templates/{name}；请重新安装 docgen，或从源代码的 templates/ 复制")


def open_template(name: str):
    """The template as a python-docx Document whose body holds only its section properties."""
    from docx import Document

    doc = Document(str(template_path(name)))
    body = doc.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    return doc


def finish_docx(doc, *, title: str, subject: str, author: str, when: _dt.datetime,
                company: str = "") -> bytes:
    """The document's bytes: core properties (title, subject, author, date), app.xml naming docgen
    and the author's organisation, zip entries in a fixed order with fixed dates."""
    from .writer import deterministic_zip, fix_core_properties

    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.language = "zh-CN"
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin:
        entries = {i.filename: zin.read(i) for i in zin.infolist() if not i.is_dir()}
    entries["docProps/core.xml"] = fix_core_properties(entries["docProps/core.xml"], when, author=author)
    if "docProps/app.xml" in entries:
        entries["docProps/app.xml"] = _app_xml(entries["docProps/app.xml"], company or author)
    return deterministic_zip(entries)


def _app_xml(xml: bytes, company: str) -> bytes:
    root = etree.fromstring(xml)
    order = ("Template", "Manager", "Company", "Pages", "Words", "Characters", "PresentationFormat", "Lines",
             "Paragraphs", "Slides", "Notes", "TotalTime", "HiddenSlides", "MMClips", "ScaleCrop",
             "HeadingPairs", "TitlesOfParts", "LinksUpToDate", "CharactersWithSpaces", "SharedDoc",
             "HyperlinkBase", "HLinks", "HyperlinksChanged", "DigSig", "Application", "AppVersion", "DocSecurity")
    values = {etree.QName(c).localname: c.text for c in root}
    values["Company"] = company
    values["Application"] = "docgen"
    for stale in ("Pages", "Words", "Characters", "Lines", "Paragraphs", "CharactersWithSpaces", "TotalTime"):
        values.pop(stale, None)  # Word recounts them on opening; a wrong figure is worse than none
    for c in list(root):
        root.remove(c)
    for name in order:
        if values.get(name) is not None:
            etree.SubElement(root, f"{{{_APP_NS}}}{name}").text = values[name]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
