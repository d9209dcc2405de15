"""The plan against the data (docgen.review): seeded contradictions are found, correct
statements of the same shapes are not flagged (precision before recall)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.findings import Findings
from docgen.pipeline import load_application
from docgen.review.plan_check import check_plan_figures
from docgen.review.plan_text import mentions

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example"

# content/example: 集群总产值 2021 186.42 / 2023 236.18 亿元; 集群企业 338, 中小企业 324 (2023);
# 小巨人 3; 企业上云 78.60 %; 普及率 62.35 %; CO₂ 2021 0.42 / 2023 0.36 吨/万元; 有效发明专利 312 件;
# 近三年主导产业产值年均增速 13.45 %; targets: 集群总产值 330, 普及率 80, CO₂ 0.31, 有效发明专利 480.
CONTRADICTIONS = [
    "2023年集群总产值达到186.42亿元。",  # the example: vs 236.18
    "2023年，集群企业338家，中小企业328家。",  # year in another clause; vs 324
    "到2026年，集群总产值突破350亿元。",  # at least 350, the table says 330
    "2023年集群总产值达到２４６．１８亿元。",  # full-width digits
    "2023年集群总产值达到2461800万元。",  # 万元 against 亿元
    "2023年企业上云比例达到７８．９％。",  # full-width ％
    "到2026年，工业互联网平台应用普及率达到85%。",  # wording: 工业互联网平台应用普及率 = 工业互联网普及率
    "到2026年，单位产值二氧化碳排放量下降到0.29吨二氧化碳/万元。",  # vs 0.31
    "2021年单位产值碳排放量为0.45吨/万元。",  # wording and unit 吨/万元; vs 0.42
    "2024年，有效发明专利达到520件。",  # a stage target beyond the 2026 target 480
    "2023年专精特新“小巨人”企业5家。",  # quotes in the name; vs 3
    "近三年主导产业产值年均增长14.45%。",  # 近三年; vs 13.45
]

CORRECT = [
    "2023年集群总产值达到236.18亿元。",
    "2023年，集群企业338家，中小企业324家。",
    "到2026年，集群总产值突破320亿元。",
    "2023年集群总产值达到２３６．１８亿元。",
    "2023年集群总产值达到2361800万元。",
    "2023年企业上云比例达到７８．６０％。",
    "到2026年，工业互联网平台应用普及率达到80%。",
    "到2026年，单位产值二氧化碳排放量下降到0.31吨二氧化碳/万元。",
    "2021年单位产值碳排放量为0.42吨/万元。",
    "2024年，有效发明专利达到360件。",
    "2023年专精特新“小巨人”企业3家。",
    "近三年主导产业产值年均增长13.45%。",
    "2023年集群总产值236亿元。",  # rounded as written: agrees
    "2023年集群总产值约240亿元。",  # approximate: left alone
    "与2021年相比，集群总产值增长26.69%。",  # a change, not a level
    "2023年新增省级专精特新中小企业9家。",  # a change
    "2023年，集群拥有国家级绿色工厂2家。",  # 国家级 makes it another figure
    "2021年以来，集群中小企业增加50家。",  # no single year
    "到2026年，有效发明专利达到480件以上。",
    "近三年集群总产值年均增长12.56%。",  # ((236.18 ÷ 186.42)^(1/2) − 1) × 100
]

# Sentences a county writes that a careless reader would misread; none is a contradiction.
MORE_CORRECT = [
    "集群企业数量由2021年的286家增加到2023年的338家。",
    "2023年集群总产值由186.42亿元增长到236.18亿元。",  # a "from" figure without its own year
    "2022年、2023年集群总产值分别为208.75亿元、236.18亿元。",
    "2023年，集群中小企业324家，占集群企业总数95.86%。",
    "2023年，集群单位产值能耗0.1056吨标准煤/万元。",  # 105.60 千克标准煤/万元
    "到2026年，单位工业产值能耗下降到92千克标准煤/万元以下。",
    "到2026年，集群企业上云比例提高到90%以上。",
    "2023年，集群拥有省级以上创新平台5个、省级以上绿色工厂5家。",
    "到2026年，集群总产值达到330亿元，年均增长12%左右。",
    "2025年集群总产值力争达到297亿元。",
    "2024年1月，集群企业达到350家。",  # a month, not the year 2024
    "近三年，集群研发经费年均增长21.3%。",
]


@pytest.fixture(scope="module")
def app():
    application, findings = load_application(EXAMPLE)
    assert application is not None, findings.format_text()
    return application


def _warnings(app, statements: list[str]) -> dict[int, str]:
    """Finding message by statement index (each statement is its own paragraph)."""
    text = "\n\n".join(statements) + "\n"
    findings = Findings()
    check_plan_figures(app, mentions(text), "plan.md", findings)
    return {(f.line - 1) // 2: f.message for f in findings.items}


def test_seeded_contradictions_are_found(app):
    found = _warnings(app, CONTRADICTIONS)
    missed = [s for k, s in enumerate(CONTRADICTIONS) if k not in found]
    assert len(found) >= 10, f"missed: {missed}"


def test_correct_statements_give_no_warning(app):
    found = _warnings(app, CORRECT)
    assert found == {}, [CORRECT[k] + " → " + m for k, m in found.items()]


def test_more_correct_statements_give_no_warning(app):
    found = _warnings(app, MORE_CORRECT)
    assert found == {}, [MORE_CORRECT[k] + " → " + m for k, m in found.items()]


def test_every_seeded_contradiction_is_found(app):
    """Stronger than the issue's ≥ 10: each kind above is caught today."""
    assert sorted(_warnings(app, CONTRADICTIONS)) == list(range(len(CONTRADICTIONS)))


def test_finding_names_both_places_and_values(app):
    text = "2023年集群总产值达到186.42亿元。\n"
    findings = Findings()
    check_plan_figures(app, mentions(text), "plan.md", findings)
    (f,) = findings.items
    assert (f.file, f.line, f.col, f.rule) == ("plan.md", 1, 13, "review-plan-data")
    assert "186.42亿元" in f.message and "236.18亿元" in f.message
    (place,) = f.related
    assert place.file.endswith("cluster.yaml") and place.line > 1 and place.value == "236.18亿元"


def test_marker_in_paragraph_explains_a_difference(app):
    text = "2023年集群总产值达到186.42亿元（按规上企业口径）。<!-- docgen: 不一致已说明 -->\n"
    findings = Findings()
    check_plan_figures(app, mentions(text), "plan.md", findings)
    assert findings.items == []


def test_marker_on_the_line_under_the_paragraph(app):
    text = "2023年集群总产值达到186.42亿元。\n<!-- docgen: 不一致已说明 -->\n\n2023年集群总产值达到180亿元。\n"
    findings = Findings()
    check_plan_figures(app, mentions(text), "plan.md", findings)
    assert [f.line for f in findings.items] == [4]  # the next paragraph is not explained


def test_heading_year_scopes_stage_paragraphs(app):
    text = "#### （1）2024年度\n\n集群总产值达到400亿元；有效发明专利达到360件。\n"
    findings = Findings()
    check_plan_figures(app, mentions(text), "plan.md", findings)
    (f,) = findings.items
    assert f.rule == "review-plan-stage" and f.line == 3 and "330亿元" in f.message


def test_check_prints_contradictions_under_heading(tmp_path, capsys, monkeypatch):
    from docgen.checkcmd import CROSS_HEADING, run_check

    folder = tmp_path / "ex"
    shutil.copytree(EXAMPLE, folder)
    plan = folder / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("2023年集群总产值达到236.18亿元",
                                                             "2023年集群总产值达到186.42亿元"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_check([Path("ex")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(CROSS_HEADING)
    assert out[1].startswith("ex/plan.md:5:") and out[1].endswith("[review-plan-data]")
    assert out[2].strip().startswith("另见 ex/cluster.yaml:") and "236.18亿元" in out[2]
    assert run_check([Path("ex")], fmt="json") == 0
    import json

    payload = json.loads(capsys.readouterr().out)
    (f,) = payload["findings"]
    assert f["file"] == "ex/plan.md" and f["related"][0]["file"] == "ex/cluster.yaml"
    assert f["related"][0]["value"] == "236.18亿元"


@pytest.mark.parametrize("folder", ["example", "linxi"])
def test_shipped_applications_have_no_warnings(folder):
    app, findings = load_application(ROOT / "content" / folder)
    assert app is not None and findings.items == [], findings.format_text()


@pytest.mark.parametrize("statement, word", [
    ("2024年，集群总产值达到200亿元。", "落后于"),  # below the 2023 figure of a rising indicator
    ("2025年，单位产值二氧化碳排放量下降到0.38吨/万元。", "落后于"),  # above the 2023 figure of a falling one
    ("2025年，单位产值二氧化碳排放量下降到0.30吨/万元。", "超出了"),  # past the 2026 target
])
def test_stage_targets_between_baseline_and_target(app, statement, word):
    (message,) = _warnings(app, [statement]).values()
    assert word in message
