"""--draft: every missing value marked and highlighted, 草稿 on every page."""
from __future__ import annotations

from conftest import DRAFT_DROPS, make_app, render
from docx_text import norm, par_text, paragraphs, parts, q, root

from docgen import settings as S
from docgen.form.spec import field_at


def test_each_missing_value_is_marked_with_its_label(draft_docx):
    text = norm("\n".join(paragraphs(draft_docx)))
    for dotted in DRAFT_DROPS:
        label = field_at(dotted).label
        assert norm(S.MISSING_TEXT.format(label=label)) in text or \
            norm(S.MISSING_TEXT.format(label=f"{label} 2021年")) in text or \
            norm(label.split("（")[0]) in text and "待填写" in text, dotted
    assert norm("【待填写：申报时间】") in text
    assert norm("【待填写：集群总产值（亿元） 2021年】") in text


def test_markers_are_highlighted(draft_docx):
    body = root(draft_docx)
    marked = [r for r in body.iter(q("r")) if "【待填写" in "".join(t.text or "" for t in r.iter(q("t")))]
    assert marked
    for r in marked:
        assert r.find(f"{q('rPr')}/{q('highlight')}").get(q("val")) == S.MISSING_HIGHLIGHT


def test_every_header_says_draft(draft_docx):
    headers = [n for n in parts(draft_docx) if n.startswith("word/header")]
    assert len(headers) == 4  # cover and form, odd and even pages
    for name in headers:
        assert "草稿" in "".join(par_text(p) for p in root(draft_docx, name).iter(q("p")))
    d = root(draft_docx)
    for sect in d.iter(q("sectPr")):
        kinds = {r.get(q("type")) for r in sect.findall(q("headerReference"))}
        assert {"default", "even"} <= kinds


def test_a_normal_build_has_no_draft_mark(built_docx):
    for name in parts(built_docx):
        if name.startswith("word/header"):
            assert "草稿" not in "".join(par_text(p) for p in root(built_docx, name).iter(q("p")))


def test_draft_without_plan_and_targets_still_renders():
    app = make_app(draft=True, drop=["发展目标.目标指标", "真实性声明及推荐意见.市级推荐意见"])
    out = render(app, draft=True)
    text = "\n".join(paragraphs(out))
    assert "【待填写：未来三年特色产业集群发展规划（plan.md）】" in text
    assert "推荐单位" in text  # the opinion cell stays, blank for handwriting
