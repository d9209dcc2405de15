"""The city's Word documents (推荐文件, 汇总表, 佐证材料清单): their templates and their finish.

Each document starts from a Word file in templates/ that a person may edit in Word (styles,
margins, page numbers); docgen empties its body and fills it with paragraphs of the template's
named styles. `finish_docx` turns a filled document into the bytes we write through the Word
layer's finishing step (docgen.word.package), as every other .docx docgen writes; `refinish`
does it again after a finished document is changed (the 正本/副本 marks of docgen/package.py).
"""
from __future__ import annotations

import datetime as _dt
import io
import zipfile
from importlib import resources
from pathlib import Path

from .word.package import finish_package

LETTER_TEMPLATE = "推荐文件模板.docx"
SUMMARY_TEMPLATE = "汇总表模板.docx"
EVIDENCE_TEMPLATE = "佐证材料清单模板.docx"

REPO_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class TemplateMissing(Exception):
    """The template file, or a style docgen fills it with, is missing: said to the user in Chinese."""


def template_path(name: str) -> Path:
    """templates/<name> in a source checkout, else the copy installed with the package."""
    path = REPO_TEMPLATES / name
    if path.is_file():
        return path
    shipped = resources.files("docgen") / "templates" / name
    if shipped.is_file():
        return Path(str(shipped))
    raise TemplateMissing(f"找不到模板 templates/{name}；请重新安装 docgen，或从源代码的 templates/ 复制")


def open_template(name: str, styles: tuple[str, ...] = ()):
    """The template as a python-docx Document whose body holds only its section properties.
    `styles`: the paragraph and character styles docgen will use; each must be in the template."""
    from docx import Document

    doc = Document(str(template_path(name)))
    have = {style.name for style in doc.styles}
    missing = [s for s in styles if s not in have]
    if missing:
        names = "、".join(f"“{s}”" for s in missing)
        raise TemplateMissing(f"模板 templates/{name} 中没有样式 {names}；请在 Word 中恢复或重新建立这些样式"
                              f"（名称须完全相同，见 docs/city.md），或改用随 docgen 安装的模板")
    body = doc.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    return doc


def type_width(doc) -> int:
    """The width between the margins of the document's last section, in twips (as the template sets it)."""
    section = doc.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) // 635  # EMU → twips


def finish_docx(doc, *, title: str, subject: str, author: str, when: _dt.datetime) -> bytes:
    """The document's bytes, finished by the Word layer (docgen.word.package.finish_package, the
    last step of every .docx docgen writes): core properties (title, subject, author, date), app.xml
    describing this document with its 字数, compatibility mode 15, zh-CN, deterministic zip."""
    buf = io.BytesIO()
    doc.save(buf)
    return finish_package(buf.getvalue(), title=title, subject=subject, author=author, when=when,
                          count_words=True)


def refinish(edited: bytes, original: bytes, *, when: _dt.datetime | None = None) -> bytes:
    """`edited` (a finished document changed and saved again, e.g. a stamped 正本/副本) finished
    once more with the properties of `original`: its title, subject, author, keywords, description
    and date survive the edit, and the package is clean again."""
    from docx import Document

    props = Document(io.BytesIO(original)).core_properties
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        counted = b"<Words>" in z.read("docProps/app.xml") if "docProps/app.xml" in z.namelist() else False
    created = props.created
    if when is None and created is not None:
        when = created.replace(tzinfo=_dt.timezone.utc) if created.tzinfo is None else created
    return finish_package(edited, title=props.title or "", subject=props.subject or "",
                          author=props.author or "", keywords=props.keywords or "",
                          description=props.comments or "", when=when, count_words=counted)
