"""The form's labels come in the form's order: sections, and the options of each checkbox group.

The labels are parsed from the official notice (tests/official_form.py), not copied here; that
each is printed exactly is tested in test_form_text.py.
"""
from __future__ import annotations

import re

from docx_text import paragraphs
from official_form import form_pieces

SECTION = re.compile(r"^[一二三四五六七八九]、")


def test_sections_appear_in_the_form_order(built_docx):
    flat = "\n".join(paragraphs(built_docx))
    headings = [p.text for p in form_pieces() if SECTION.match(p.text) and p.line < 233 and len(p.text) <= 20
                and p.text[2:] in ("基本情况", "主导产业情况", "创新能力情况", "数字化升级情况", "绿色化转型情况",
                                   "开放合作情况", "治理和服务水平", "未来三年特色产业集群发展规划", "真实性声明及推荐意见")]
    headings = [h for k, h in enumerate(headings) if h[2:] not in [x[2:] for x in headings[:k]]]  # 八's 四、
    assert len(headings) == 9, headings
    positions = [flat.find(h) for h in headings]
    assert all(p >= 0 for p in positions), headings
    assert positions == sorted(positions)


def test_checkbox_options_keep_the_form_order(built_docx):
    flat = "\n".join(paragraphs(built_docx))
    groups: dict[int, list[str]] = {}
    for p in form_pieces():
        if p.kind == "option" and p.text not in ("是", "否"):
            groups.setdefault(p.line, []).append(p.text)
    assert len(groups) >= 10
    for line, options in groups.items():
        pos = [flat.find(o) for o in options]
        assert all(x >= 0 for x in pos), (line, options)
        assert pos == sorted(pos), (line, options)
