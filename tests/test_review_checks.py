"""docgen.review on the example application: each in-form arithmetic check, each target
direction, unit normalisation, and the marker that explains a deliberate difference."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.pipeline import load_application

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example"
ROW = "    - {方向: 主导产业, 指标: 集群总产值, 单位: 亿元, 基准值: 236.18, 目标值: 330.00}\n"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    dst = tmp_path / "example"
    shutil.copytree(EXAMPLE, dst)
    return dst


def run(folder: Path, *edits: tuple[str, str]):
    """Findings of the example with each (old → new) replaced once in cluster.yaml."""
    p = folder / "cluster.yaml"
    text = p.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    p.write_text(text, encoding="utf-8")
    _, findings = load_application(folder, draft=True)
    return findings.items


def line_of(folder: Path, needle: str) -> int:
    lines = (folder / "cluster.yaml").read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def rules(items) -> list[str]:
    return sorted(f.rule for f in items)


def test_example_is_clean(example):
    assert run(example) == []


# -- arithmetic inside the form -------------------------------------------------------------------
@pytest.mark.parametrize("old, new, year", [
    ("主导产业产值增速: {2021: 12.37, 2022: 13.19, 2023: 14.80}", "主导产业产值增速: {2021: 12.37, 2022: 11.19, 2023: 14.80}", 2022),
    ("主导产业产值增速: {2021: 12.37, 2022: 13.19, 2023: 14.80}", "主导产业产值增速: {2021: 12.37, 2022: 13.19, 2023: 16.80}", 2023),
])
def test_lead_growth_against_totals_and_shares(example, old, new, year):
    items = run(example, (old, new))
    assert rules(items) == ["derived-mismatch", "review-growth-share"]  # the 近三年 average also moves
    (f,) = [f for f in items if f.rule == "review-growth-share"]
    assert f.rule == "review-growth-share" and f.severity.value == "警告"
    assert f.line == line_of(example, "主导产业产值增速:") and f"{year}年主导产业产值增速" in f.message
    assert {p.line for p in f.related} == {line_of(example, "集群总产值:"), line_of(example, "主导产业产值占比:")}


def test_lead_growth_within_rounding_is_accepted(example):
    # 236.18 × 84.27 % ÷ (208.75 × 83.05 %) − 1 = 14.802 %; the rounded inputs allow ± 0.02
    assert rules(run(example, ("2023: 14.80}", "2023: 14.81}"))) == []


def test_sme_count_above_firms_is_an_error(example):
    (f,) = run(example, ("集群中小企业数量: {2021: 274,", "集群中小企业数量: {2021: 999,"))
    assert f.rule == "count-sme-exceeds" and f.severity.value == "错误"
    assert f.related[0].line == line_of(example, "集群企业数量:")


def test_special_firms_above_firms(example):
    items = run(example, ("创新型中小企业数量: {2021: 63, 2022: 88, 2023: 112}", "创新型中小企业数量: {2021: 63, 2022: 88, 2023: 400}"))
    assert rules(items) == ["review-count-exceeds-firms", "review-quality-smes"]  # 优质 153 < 400 too
    (f,) = [f for f in items if f.rule == "review-count-exceeds-firms"]
    assert f.rule == "review-count-exceeds-firms" and "2023年创新型中小企业数量（400）" in f.message


@pytest.mark.parametrize("baseline, warned", [("100", True), ("160", True), ("112", False), ("140", False)])
def test_quality_smes_between_largest_part_and_sum(example, baseline, warned):
    items = run(example, ("指标: 优质中小企业数量, 单位: 家, 基准值: 153", f"指标: 优质中小企业数量, 单位: 家, 基准值: {baseline}"))
    assert rules(items) == (["review-quality-smes"] if warned else [])


def test_cluster_growth_baseline_formula(example):
    (f,) = run(example, ("基准值: 12.56, 目标值: 12.00", "基准值: 13.45, 目标值: 12.00"))
    assert f.rule == "target-baseline-formula" and "12.56%" in f.message and "13.45%" in f.message
    assert f.related[0].line == line_of(example, "集群总产值:")


def test_cluster_growth_baseline_filled_when_left_out(example):
    run(example, ("基准值: 12.56, 目标值: 12.00", "目标值: 12.00"))
    app, _ = load_application(example)
    row = next(r for r in app.get("发展目标.目标指标") if r.indicator == "集群产值年均增速")
    assert str(row.baseline) == "12.56" and row.baseline_derived


@pytest.mark.parametrize("row, rule", [
    ("    - {方向: 其它, 指标: 省级专精特新中小企业数量, 单位: 家, 基准值: 40, 目标值: 60}\n", "target-baseline-mismatch"),
    ("    - {方向: 其它, 指标: 集群企业数量, 单位: 家, 基准值: 338, 目标值: 400}\n", None),
    ("    - {方向: 其它, 指标: 制造业单项冠军企业数量, 单位: 家, 基准值: 2, 目标值: 3}\n", "target-baseline-mismatch"),
    ("    - {方向: 其它, 指标: 绿色工厂数量, 单位: 家, 基准值: 5, 目标值: 8}\n", None),
])
def test_count_baselines_against_sections(example, row, rule):
    items = run(example, (ROW, ROW + row))
    assert rules(items) == ([rule] if rule else [])


@pytest.mark.parametrize("old, new, rule", [
    ("基准值: 236.18, 目标值: 330.00", "基准值: 230, 目标值: 330.00", "target-baseline-mismatch"),
    ("单位: 亿元, 基准值: 236.18, 目标值: 330.00", "单位: 万元, 基准值: 2361800, 目标值: 3300000", None),
    ("单位: 亿元, 基准值: 236.18, 目标值: 330.00", "单位: 万元, 基准值: 236.18, 目标值: 3300000", "target-baseline-mismatch"),
    ("指标: 省级以上绿色工厂数量, 单位: 家, 基准值: 5", "指标: 省级以上绿色工厂数量, 单位: 家, 基准值: 6", "target-baseline-mismatch"),
    ("指标: 省级以上创新平台数量, 单位: 个, 基准值: 5", "指标: 省级以上创新平台数量, 单位: 个, 基准值: 4", "target-baseline-mismatch"),
    ('指标: 工业互联网普及率, 单位: "%", 基准值: 62.35', "指标: 工业互联网普及率, 单位: ％, 基准值: 62.35", None),
    ('指标: 企业上云比例, 单位: "%", 基准值: 78.60', '指标: 企业上云比例, 单位: "%", 基准值: 70', "target-baseline-mismatch"),
    ("单位: 吨二氧化碳/万元, 基准值: 0.36", "单位: 吨/万元, 基准值: 0.36", None),
    ("单位: 吨二氧化碳/万元, 基准值: 0.36", "单位: 吨/万元, 基准值: 0.40", "target-baseline-mismatch"),
])
def test_baselines_with_units_normalised(example, old, new, rule):
    items = run(example, (old, new))
    assert rules(items) == ([rule] if rule else [])
    for f in items:
        assert f.severity.value == "错误" and f.related and f.related[0].file.endswith("cluster.yaml")


# -- targets that make sense ----------------------------------------------------------------------
@pytest.mark.parametrize("old, new, rule, severity", [
    ("基准值: 312, 目标值: 480", "基准值: 312, 目标值: 300", "target-direction", "警告"),  # a count falls
    ("基准值: 236.18, 目标值: 330.00", "基准值: 236.18, 目标值: 200", "target-direction", "警告"),  # an output falls
    ("基准值: 62.35, 目标值: 80.00", "基准值: 62.35, 目标值: 60", "target-direction", "警告"),  # a share falls
    ("基准值: 0.36, 目标值: 0.31", "基准值: 0.36, 目标值: 0.40", "target-direction", "警告"),  # 二氧化碳 rises
    ("基准值: 105.60, 目标值: 92.00", "基准值: 105.60, 目标值: 110", "target-direction", "警告"),  # 能耗 rises
    ("基准值: 62.35, 目标值: 80.00", "基准值: 62.35, 目标值: 120", "target-share-range", "错误"),
    ("基准值: 153, 目标值: 220", "基准值: 153, 目标值: -5", "target-negative", "错误"),
    ("基准值: 12.56, 目标值: 12.00", "基准值: 12.56, 目标值: -2", "target-negative", "警告"),  # a rate may fall
    ("基准值: 12.56, 目标值: 12.00", "基准值: 12.56, 目标值: 11.50", None, None),  # growth: either way
])
def test_target_directions(example, old, new, rule, severity):
    items = [f for f in run(example, (old, new)) if f.rule != "target-direction" or rule]
    if rule is None:
        assert items == []
        return
    (f,) = [f for f in items if f.rule == rule]
    assert f.severity.value == severity and f.line == line_of(example, new)


@pytest.mark.parametrize("rate, warned", [("12.00", False), ("11.40", False), ("15.00", True), ("8", True)])
def test_output_target_agrees_with_growth_target(example, rate, warned):
    # 236.18 → 330 亿元 in three years: ((330 ÷ 236.18)^(1/3) − 1) × 100 = 11.80 %
    items = run(example, ("基准值: 12.56, 目标值: 12.00", f"基准值: 12.56, 目标值: {rate}"))
    assert rules(items) == (["review-target-growth"] if warned else [])
    for f in items:
        assert "11.80%" in f.message and f.related[0].value == "330亿元"


def test_unknown_count_indicator_below_baseline(example):
    extra = "    - {方向: 其它, 指标: 补链项目数量, 单位: 个, 基准值: 18, 目标值: 10}\n"
    (f,) = run(example, (ROW, ROW + extra))
    assert f.rule == "target-direction" and "补链项目数量" in f.message


def test_unknown_share_indicator_stays_within_100(example):
    extra = '    - {方向: 其它, 指标: 关键零部件本地配套率, 单位: "%", 基准值: 71, 目标值: 120}\n'
    (f,) = run(example, (ROW, ROW + extra))
    assert f.rule == "target-share-range" and f.severity.value == "错误"


def test_unknown_percent_indicator_is_not_judged(example):
    extra = '    - {方向: 其它, 指标: 高端产品产值占比, 单位: "%", 基准值: 30, 目标值: 25}\n'
    assert run(example, (ROW, ROW + extra)) == []


# -- explaining a deliberate difference -----------------------------------------------------------
def test_yaml_marker_silences_warning_not_error(example):
    old = "基准值: 312, 目标值: 480}"
    assert run(example, (old, "基准值: 312, 目标值: 300}  # docgen: 不一致已说明（按授权口径）")) == []
    items = run(example, ("基准值: 153, 目标值: 220}", "基准值: 153, 目标值: -5}  # docgen: 不一致已说明"))
    assert rules(items) == ["target-negative"]


def test_yaml_marker_on_the_other_place_silences_plan_warning(example):
    plan = example / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("达到236.18亿元", "达到186.42亿元"), encoding="utf-8")
    assert rules(run(example)) == ["review-plan-data"]
    assert run(example, ("集群总产值: {2021: 186.42, 2022: 208.75, 2023: 236.18}",
                         "集群总产值: {2021: 186.42, 2022: 208.75, 2023: 236.18}  # docgen: 不一致已说明")) == []
