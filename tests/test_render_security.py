"""User text is data: escaped, never template source; templates are sandboxed and strict."""
from __future__ import annotations

import io
import zipfile

import pytest
from conftest import make_app, render
from docx_text import paragraphs, tables

from docgen.render.context import RenderError
from docgen.render.engine import template_bytes


def _with_document_xml(template: bytes, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)
    return out.getvalue()


HOSTILE = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}x{% endfor %}",
    "</w:t></w:r><w:r><w:t>injected",
    "A & B < C > D \"E\" 'F'",
    "{{ ''.__class__.__mro__ }}",
    "第一行\n第二行",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_is_printed_literally(text):
    app = make_app()
    app.data["主导产业情况"]["产业链强链补链情况"] = text
    app.data["封面"]["集群名称"] = text.replace("\n", "")
    out = render(app)
    cells = [c for t in tables(out) for r in t for c in r]
    assert text in cells  # exactly as typed, in its own cell (a newline is a line break), not evaluated
    cover = tables(out)[0]
    assert cover[0][1] == text.replace("\n", "")


def test_unknown_name_in_template_fails_naming_it():
    tpl = _with_document_xml(template_bytes(), lambda x: x.replace("{{ 封面.集群名称 }}", "{{ 封面.集群名字 }}", 1))
    with pytest.raises(RenderError) as e:
        render(make_app(), template=tpl)
    assert "封面.集群名字" in str(e.value)


def test_unknown_top_level_name_fails():
    tpl = _with_document_xml(template_bytes(), lambda x: x.replace("{{ 封面.集群名称 }}", "{{ 不存在 }}", 1))
    with pytest.raises(RenderError) as e:
        render(make_app(), template=tpl)
    assert "不存在" in str(e.value)


def test_template_cannot_reach_python_internals():
    tpl = _with_document_xml(template_bytes(),
                             lambda x: x.replace("{{ 封面.集群名称 }}", "{{ 封面.__class__.__subclasses__() }}", 1))
    with pytest.raises(RenderError):
        render(make_app(), template=tpl)


def test_broken_tag_in_template_is_a_clear_error():
    tpl = _with_document_xml(template_bytes(), lambda x: x.replace("{{ 封面.集群名称 }}", "{{ 封面.集群名称 ", 1))
    with pytest.raises(RenderError) as e:
        render(make_app(), template=tpl)
    assert "模板" in str(e.value)


def test_an_edited_template_is_used():
    tpl = _with_document_xml(template_bytes(), lambda x: x.replace("填报说明", "填报说明（修订）", 1))
    out = render(make_app(), template=tpl)
    assert "填报说明（修订）" in paragraphs(out)
