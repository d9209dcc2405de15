"""Round trip for generated applications: build → import → build gives the same text and values,
and the read-back of the first build finds the form printing what was written.

Hypothesis varies what a county writes — narratives with any punctuation (including Markdown's
own * _ ` [ # characters), numbers, choices, ticked and unticked boxes, list rows and a plan
paragraph with bold runs — starting from the example folder.
"""
from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from test_import_roundtrip import ROOT, comparable, copy_evidence, paragraphs, printed_names, render, tables

from docgen.findings import Findings
from docgen.form import kinds
from docgen.readback import read_back
from docgen.numbers import read_number
from docgen.form.spec import section
from docgen.importer import import_docx
from docgen.importer.plan_md import _escape

CJK = "集群产业链企业创新数字化绿色开放合作治理服务轴承风电机器人泉山青川"
PUNCT = "，。；：、“”（）《》—%！？"
ASCII = "ABCxyz0123456789-*_`[]#<>|\\/.+"

text = st.text(alphabet=CJK + PUNCT + ASCII, min_size=1, max_size=120).map(str.strip).filter(bool)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
share = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2)


def yaml_io():
    y = YAML()
    y.preserve_quotes = True
    return y


@st.composite
def edits(draw):
    return {
        "narrative": draw(text),
        "formula": draw(text),
        "area": draw(money),
        "shares": [draw(share) for _ in range(3)],
        "type": draw(st.sampled_from(("第一产业", "第二产业", "第三产业"))),
        "boxes": draw(st.lists(st.booleans(), min_size=8, max_size=8)),
        "platform": draw(text),
        "plan_bold": draw(text),
        "plan_text": draw(text),
        "second_line": draw(st.one_of(st.just(""), text)),
        # a text baseline; one that reads as a number (0.005) is a number, printed rounded to two
        # decimals with a warning, so it cannot come back as written
        "target_text": draw(text.filter(lambda t: read_number(t).value is None)),
        "patent": draw(text),
    }


def apply(folder: Path, e: dict) -> None:
    y = yaml_io()
    path = folder / "cluster.yaml"
    data = y.load(path.read_text(encoding="utf-8"))
    ind = data["主导产业情况"]
    ind["产业链强链补链情况"] = e["narrative"] + ("\n" + e["second_line"] if e.get("second_line") else "")
    for row in data["发展目标"]["目标指标"]:
        if row["方向"] == "开放合作":
            row["基准值"] = e.get("target_text", row["基准值"])
    data["绿色化转型情况"]["二氧化碳排放量计算公式"] = e["formula"]
    data["基本情况"]["集群占地面积"] = float(e["area"])  # two decimals: repr() prints them back
    data["基本情况"]["主导产业所属产业类型"] = e["type"]
    ind["中小企业产值占比"] = {y_: float(v) for y_, v in zip((2021, 2022, 2023), e["shares"])}
    boxes = section("主导产业情况").fields
    f = next(f for f in boxes if f.key == "产业链强链补链工作")
    assert isinstance(f, kinds.Checkboxes)
    for o, on in zip(f.options, e["boxes"]):
        ind[f.key][o.key] = "evidence/01-产业链图谱.pdf" if on else "否"
    data["创新能力情况"]["创新平台"][0]["名称"] = e["platform"]
    with path.open("w", encoding="utf-8") as fh:
        y.dump(data, fh)
    if e.get("patent"):
        import csv

        patents = folder / "有效发明专利.csv"
        rows = list(csv.reader(patents.read_text(encoding="utf-8-sig").splitlines()))
        rows[1][0] = e["patent"]
        with patents.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    plan = folder / "plan.md"
    extra = f"\n**{_escape(e['plan_bold'], False)}。** {_escape(e['plan_text'], False)}\n"
    text_ = plan.read_text(encoding="utf-8").replace("# 三、存在的问题\n", "# 三、存在的问题\n" + extra, 1)
    plan.write_text(text_, encoding="utf-8")


# No shrinking phase: one example builds two documents (~1 s); a failure prints its example as found.
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(edits())
@example({"narrative": "群川—", "formula": "：", "area": Decimal("0.89"),  # “计算公式：：” keeps its colon
          "shares": [Decimal("55.50"), Decimal("3.04"), Decimal("16.65")], "type": "第三产业",
          "boxes": [True, True, True, False, False, True, True, False], "platform": "B色*7理",
          "plan_bold": ">《y。x", "plan_text": "0", "second_line": "", "target_text": "x", "patent": ""})
def test_generated_applications_round_trip(e):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "src"
        shutil.copytree(ROOT / "content" / "example", src)
        apply(src, e)
        first, app1 = render(src)
        # what was written is what prints: the read-back finds no difference (docgen.readback)
        assert read_back(app1, Findings(), docx=first) == []
        docx = tmp / "申报表.docx"
        docx.write_bytes(first)
        out = tmp / "imported"
        report = import_docx(docx, out)
        copy_evidence(src, app1, out)
        second, app2 = render(out)
        assert tables(second) == tables(first)
        assert paragraphs(second) == paragraphs(first)
        assert comparable(app2.data) == comparable(app1.data, printed_names(app1))
        assert report.unmapped == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=CJK[:6] + PUNCT + "ABCxyz012()[].,:;!?'-", min_size=1, max_size=6),
                          st.booleans()), min_size=1, max_size=4))
def test_bold_runs_read_back_as_written(parts):
    """Runs → Markdown → docgen.plan's parser: the same text, no stray **, and bold stays bold
    wherever CJK-friendly emphasis can express it."""
    import html
    import re

    from markdown_it import MarkdownIt

    from docgen.importer.docx_read import Run
    from docgen.importer.plan_md import _inline
    from docgen.plan.emphasis import cjk_friendly_emphasis, is_cjk

    runs = [Run(t, bold=b) for t, b in parts]
    rendered = MarkdownIt("commonmark").use(cjk_friendly_emphasis).renderInline(_inline(runs))
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == "".join(t for t, _ in parts)
    for t, b in parts:
        if b and t.strip() and all(is_cjk(c) for c in t.strip()):
            assert "<strong>" in rendered  # a run of CJK characters (。，（ included) is always expressible
