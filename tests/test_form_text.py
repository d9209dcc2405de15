"""The form's words, exactly: every label, checkbox option and note of 附件2 and 附件1.

The official pieces are parsed from the notice itself (tests/official_form.py), written
with the one documented punctuation-width choice (full-width （）：，). Each must be a whole
unit of the built document — a paragraph, a run, or the text beside a checkbox — character for
character; and every label, header and option docgen prints must be one of them.
"""
from __future__ import annotations

import re

import pytest
from docx_text import parts, q
from lxml import etree
from official_form import Piece, form_pieces, official, summary_pieces

from docgen.form import text as T
from docgen.word import styles as st

BOXES = "□☑☐☒"

# Guidance for the writer of 八, not printed (README, 约定与决定): `docgen init` puts it into
# plan.md's outline; the county's own text stands under each heading.
NOT_PRINTED = (
    "包括总体情况、",
    "包括提升集群主导产业优势、",
    "（集群须围绕主导产业、",
)
# Parts of 八 that come from the county's plan.md (headings of the official outline, printed
# when the plan has them) and of the target table (printed from the county's rows): checked in
# test_plan_render / test_plan_targets, and here only when the test application has them.
PLAN_OUTLINE = re.compile(r"^([一二三四]、|（[一二三四]）|[12]\.|（[123]）)")


def _unit(text: str) -> str:
    """A printed unit as compared: the layout's ideographic spaces (年　月　日) do not count."""
    return text.replace("\u3000", "").replace("\n", "").strip()


def _style(p) -> str:
    ps = p.find(f"{q('pPr')}/{q('pStyle')}")
    return ps.get(q("val")) if ps is not None else ""


def _runs(p) -> list[tuple[str, str]]:
    out = []
    for r in p.iter(q("r")):
        rs = r.find(f"{q('rPr')}/{q('rStyle')}")
        out.append(("".join(t.text or "" for t in r.iter(q("t"))), rs.get(q("val")) if rs is not None else ""))
    return out


def _form_paragraphs(docx: bytes):
    """The paragraphs of 附件2, up to its first 附表."""
    body = etree.fromstring(parts(docx)["word/document.xml"]).find(q("body"))
    for p in body.iter(q("p")):
        text = "".join(t.text or "" for t in p.iter(q("t")))
        if text.startswith("附表"):
            return
        yield p


def printed_units(docx: bytes) -> set[str]:
    units: set[str] = set()
    for p in _form_paragraphs(docx):
        runs = _runs(p)
        units.add(_unit("".join(t for t, _ in runs)))
        units.update(_unit(t) for t, _ in runs)
        for segment in re.split(f"[{BOXES}]", "".join(t for t, _ in runs))[1:]:
            units.add(_unit(segment))
    units.discard("")
    return units


LABEL_STYLES = {st.TABLE_LABEL, st.TABLE_HEADER, st.TABLE_HINT, st.SECTION_HEADING, st.COVER_LABEL,
                st.COVER_TITLE, st.COVER_FIELD, st.COVER_HINT, st.COVER_FOOT, st.INSTRUCTIONS_TITLE,
                st.INSTRUCTIONS_TEXT, st.PLAN_NOTE, st.TABLE_TEXT, st.TABLE_NUMBER, st.DECLARATION,
                st.DECLARATION_PARAGRAPH, st.DECLARATION_SIGN, st.DECLARATION_DATE, st.DECLARATION_SEAL,
                st.TABLE_PARAGRAPH}


def template_labels(template: bytes) -> list[tuple[str, ...]]:
    """Every fixed label, header, note and checkbox option of the template, as (text, its runs…).

    A paragraph's fixed text is cut at its Jinja tags; a piece printed in two runs (a label
    broken over two lines, an option followed by its note) is official if the whole or each
    run is.
    """
    out = []
    for p in _form_paragraphs(template):
        runs = _runs(p)
        if _style(p) in LABEL_STYLES:
            segment: list[str] = []
            for t, _ in [*runs, ("{{ end }}", "")]:
                if "{{" in t or "{%" in t:
                    if _unit("".join(segment)):
                        out.append((_unit("".join(segment)), *[_unit(x) for x in segment if _unit(x)]))
                    segment = []
                elif not any(b in t for b in BOXES):
                    segment.append(t)
        for k, (t, style) in enumerate(runs):
            if style == st.CHECKBOX and k + 1 < len(runs):
                out.append((_unit(runs[k + 1][0]),))
    return [t for t in out if t[0]]


@pytest.fixture(scope="module")
def template() -> bytes:
    from docgen.render.template_builder import build_template_bytes

    return build_template_bytes()


@pytest.fixture(scope="module")
def example_docx(template) -> bytes:
    """The example application (content/example), built with the template of this checkout."""
    from conftest import ROOT, render

    from docgen.pipeline import load_application

    app, findings = load_application(ROOT / "content" / "example")
    assert app is not None, findings
    return render(app, template=template)


def _expected(pieces: list[Piece], docx_units: set[str]) -> list[Piece]:
    return [p for p in pieces if not p.text.startswith(NOT_PRINTED)
            and not (PLAN_OUTLINE.match(p.text) and p.line > 186 and p.text not in docx_units)]


@pytest.fixture(scope="module")
def units(example_docx) -> set[str]:
    return printed_units(example_docx)


def test_every_official_piece_of_the_form_is_printed_exactly(units):
    missing = [str(p) for p in _expected(form_pieces(), units) if p.text not in units]
    assert not missing, "附件2 的原文没有逐字印出：\n" + "\n".join(missing)


def test_the_plan_outline_in_the_test_application_is_the_official_one(units):
    outline = [p for p in form_pieces() if PLAN_OUTLINE.match(p.text) and p.line > 186]
    assert len([p for p in outline if p.text in units]) >= 8


def test_every_printed_label_and_option_is_official(template):
    official_texts = {p.text for p in form_pieces()}
    # docgen's own words, documented in README: 计算公式： heads the formula the note asks for, and a
    # cell whose list is printed after the form points to it (详见附表N)
    official_texts |= {T.CO2_FORMULA_PREFIX} | {T.see_appendix(k) for k in T.APPENDIX_TITLES}
    extra = [t[0] for t in template_labels(template)
             if t[0] not in official_texts and not all(r in official_texts for r in t[1:])]
    assert not extra, "申报表上有原文没有的标签或选项：\n" + "\n".join(extra)


def test_the_target_table_prints_the_other_row_when_unused(template):
    from conftest import make_app, render
    from docx_text import tables

    app = make_app()
    assert not any(r.direction == "其它" for r in app.get("发展目标.目标指标"))
    built_docx = render(app, template=template)
    rows = [r for t in tables(built_docx) if t and t[0][:2] == ["方向", "指标"] for r in t]
    assert rows, "八 的目标指标表不在文中"
    other = [r for r in rows if r[0] == "其它"]
    assert other and all(c == "" for c in other[0][1:]), other


def test_summary_labels_are_official():
    from conftest import ROOT

    from docgen.summary import build_docx, gather

    sub, code = gather([ROOT / "content" / "example"], ROOT / "content" / "city.yaml")
    assert sub is not None, code
    units = printed_units(build_docx(sub))
    guidance = summary_pieces()[-1]
    assert guidance.text.startswith("（集群主导产业链条描述")  # the 简介 cell's guidance: a hint, not printed
    missing = [str(p) for p in summary_pieces()[:-1] if p.text not in units]
    assert not missing, "附件1 的原文没有逐字印出：\n" + "\n".join(missing)


def test_official_normalisation_is_only_width_and_spacing():
    assert official("集群名称: _____") == "集群名称：_____"
    assert official("(200 字以内)") == "（200字以内）"
    assert official("PCT 国际专利") == "PCT国际专利"
    assert official("ISO 9001") == "ISO 9001"


def test_each_list_cell_points_to_its_appendix(example_docx):
    text = "".join("".join(t.text or "" for t in p.iter(q("t"))) for p in _form_paragraphs(example_docx))
    body = etree.fromstring(parts(example_docx)["word/document.xml"])
    titles = ["".join(t.text or "" for t in p.iter(q("t"))) for p in body.iter(q("p"))]
    for n, key in enumerate(T.APPENDIX_TITLES, 1):
        assert f"（详见附表{n}）" in text, key
        assert f"附表{n}　{T.APPENDIX_TITLES[key]}" in titles
