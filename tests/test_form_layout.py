"""Layout rules of 附件2 a reviewer would notice, read from the template's XML (fast).

The PDF itself is measured in test_pdf_layout.py (slow); these catch a regression early.
"""
from __future__ import annotations

import pytest
from docx_text import q, root, style_size_pt

from docgen import settings as S
from docgen.form import text as T

PAD_TW = 2 * 85  # cell margins


@pytest.fixture(scope="module")
def template() -> bytes:
    from docgen.render.engine import template_bytes

    return template_bytes()  # the shipped template, whoever last edited it


@pytest.fixture(scope="module")
def body(template):
    return root(template).find(q("body"))


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(q("t")))


def test_checkbox_groups_never_split_across_pages(body):
    rows = [tr for tr in body.iter(q("tr")) if tr.find(f".//{q('rStyle')}[@{q('val')}='CheckboxGlyph']") is not None]
    assert len(rows) >= 15
    for tr in rows:
        assert tr.find(f"{q('trPr')}/{q('cantSplit')}") is not None, _text(tr)[:40]


def test_basic_label_column_holds_the_authority_on_one_line(body):
    table = next(t for t in body.findall(q("tbl")) if "联系方式" in _text(t))  # 一、基本情况
    first_col = int(table.find(q("tblGrid")).find(q("gridCol")).get(q("w")))
    assert first_col - PAD_TW >= len("县级行政区划中小企业主管部门") * S.TABLE_TEXT[1] * 20


def test_cover_values_are_printed_at_sihao(body, template):
    """A value on the cover's ruled line is 四号 (a 20-字 name stays on its line), set by its style."""
    cover = body.find(q("tbl"))
    value_paragraphs = [p for p in cover.iter(q("p")) if "{{" in _text(p)]
    assert len(value_paragraphs) == 6
    assert not [sz for p in value_paragraphs for sz in p.iter(q("sz"))]
    sizes = {style_size_pt(template, p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val"))) for p in value_paragraphs}
    assert sizes == {S.PT["四号"]}


def test_signature_label_breaks_before_its_own_line(body):
    p = next(p for p in body.iter(q("p")) if _text(p) == T.SIGNATURE)
    assert p.find(f".//{q('br')}") is not None
    after_break = _text(p)[len(_text(p).split("负责人")[0]):]
    assert after_break == "负责人（签字）："
