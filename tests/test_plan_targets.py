"""The target-indicator table: checks, printed values, row order."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from docgen.findings import Findings
from docgen.form.spec import REQUIRED_INDICATORS
from docgen.model import MISSING, Loc, TargetRow
from docgen.plan import check_targets, format_number, format_value, target_table


def loc(line: int) -> Loc:
    return Loc("cluster.yaml", line, 7)


def good_rows() -> list[TargetRow]:
    return [
        TargetRow("主导产业", "集群产值年均增速", "%", D("9.8"), D("12"), loc(50)),
        TargetRow("主导产业", "优质中小企业数量", "家", D("35"), D("60"), loc(51)),
        TargetRow("创新", "研发经费投入", "亿元", D("6.125"), D("9.5"), loc(52)),
        TargetRow("创新", "有效发明专利数量", "件", D("412"), D("600"), loc(53)),
        TargetRow("数字化", "工业互联网普及率", "%", D("45.3"), D("70"), loc(54)),
        TargetRow("绿色化", "二氧化碳排放量", "吨二氧化碳/万元", D("0.52"), D("0.45"), loc(55)),
        TargetRow("绿色化", "单位工业产值能耗", "吨标准煤/万元", D("0.081"), D("0.07"), loc(56)),
        TargetRow("开放合作", "定性描述", "", "与2个境外园区建立合作", "新增境外分支机构3家", loc(57)),
        TargetRow("治理和服务", "定性描述", "", "建成公共服务平台", "创建省级示范平台", loc(58)),
    ]


def check(rows, **kw) -> Findings:
    f = Findings()
    check_targets(rows, f, **kw)
    return f


def test_good_rows_pass():
    assert check(good_rows()).items == []


@pytest.mark.parametrize("direction, indicator", REQUIRED_INDICATORS)
def test_each_required_indicator(direction, indicator):
    rows = [r for r in good_rows() if r.indicator != indicator]
    f = check(rows)  # without a Loc argument: located at the first row
    assert [(x.rule, x.file, x.line) for x in f.errors] == [("target-required", "cluster.yaml", rows[0].loc.line)]
    assert f.errors[0].message.startswith(f"目标指标表缺少申报表要求的指标“{indicator}”（方向：{direction}）")


def test_required_location_can_be_passed():
    f = check([], loc=Loc("a/cluster.yaml", 200, 3))
    assert {(x.file, x.line, x.col) for x in f.errors} == {("a/cluster.yaml", 200, 3)}
    assert len(f.errors) == len(REQUIRED_INDICATORS) + 2  # + the two 定性描述 rows


def test_required_indicator_under_the_wrong_direction():
    rows = good_rows()
    rows[3] = TargetRow("数字化", "有效发明专利数量", "件", D("412"), D("600"), loc(53))
    f = check(rows)
    assert [(x.rule, x.line) for x in f.errors] == [("target-required", 53)]
    assert f.errors[0].message == "指标“有效发明专利数量”应放在方向“创新”下（现在写的是“数字化”）"


def test_missing_qualitative_row():
    rows = [r for r in good_rows() if r.direction != "治理和服务"]
    f = check(rows)
    assert [x.rule for x in f.errors] == ["target-required"]
    assert "“治理和服务”方向的定性描述" in f.errors[0].message


def test_qualitative_must_be_text():
    rows = good_rows()
    rows[7] = TargetRow("开放合作", "定性描述", "", D("2"), "新增3家", loc(57))
    f = check(rows)
    assert [(x.rule, x.line) for x in f.errors] == [("target-qualitative", 57)]
    assert "基准值应写成文字" in f.errors[0].message


def test_numeric_rows_need_numbers_and_unit():
    rows = good_rows()
    rows[0] = TargetRow("主导产业", "集群产值年均增速", "", "9.8%", D("12"), loc(50))
    f = check(rows)
    got = sorted((x.rule, x.line, x.message) for x in f.errors)
    assert got == [
        ("target-number", 50, "指标“集群产值年均增速”的基准值应为数字（单位写在“单位”里），现在是“9.8%”"),
        ("target-number", 50, "指标“集群产值年均增速”缺少单位；请写“单位”，如 %、家、件、亿元、吨标准煤/万元"),
    ]


def test_baseline_may_be_none_text_and_missing_values_are_left_to_the_validator():
    rows = good_rows() + [TargetRow("其它", "新增指标", "个", "无", D("3"), loc(60)),
                          TargetRow("其它", "另一指标", "个", MISSING, MISSING, loc(61))]
    assert check(rows).items == []


def test_duplicate_indicator_warns():
    rows = good_rows() + [TargetRow("主导产业", "集群产值年均增速", "%", D("1"), D("2"), loc(70))]
    f = check(rows)
    assert [(x.rule, x.line) for x in f.warnings] == [("target-duplicate", 70)]


# -- printed values -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, text",
    [("12", "12"), ("12.0", "12"), ("9.8", "9.80"), ("2.675", "2.68"), ("0.125", "0.13"),
     ("-1.005", "-1.01"), ("1000000", "1000000"), ("0.5", "0.50")],
)
def test_format_number(value, text):
    assert format_number(D(value)) == text


@pytest.mark.parametrize(
    "value, unit, text",
    [(D("12"), "%", "12%"), (D("9.8"), "%", "9.80%"), (D("35"), "家", "35家"),
     (D("0.52"), "吨二氧化碳/万元", "0.52吨二氧化碳/万元"), (D("5"), "kWh", "5 kWh"),
     (D("3"), "", "3"), ("与2个境外园区建立合作", "", "与2个境外园区建立合作"), ("无", "%", "无")],
)
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


# -- row order ------------------------------------------------------------------------------------
def test_groups_in_form_order_required_first_extras_keep_group():
    rows = list(reversed(good_rows())) + [
        TargetRow("其它", "品牌价值", "亿元", D("10"), D("20"), loc(80)),
        TargetRow("主导产业", "规上企业数量", "家", D("120"), D("150"), loc(81)),
    ]
    table = target_table(rows)
    assert [(r.direction, r.cells[0].text) for r in table] == [
        ("主导产业", "集群产值年均增速"), ("主导产业", "优质中小企业数量"), ("主导产业", "规上企业数量"),
        ("创新", "研发经费投入"), ("创新", "有效发明专利数量"),
        ("数字化", "工业互联网普及率"),
        ("绿色化", "二氧化碳排放量"), ("绿色化", "单位工业产值能耗"),
        ("开放合作", "定性描述"), ("治理和服务", "定性描述"), ("其它", "品牌价值"),
    ]
    assert [(r.first_of_group, r.group_size) for r in table[:3]] == [(True, 3), (False, 3), (False, 3)]
    assert table[2].cells[1].text == "120家"


def test_draft_fills_missing_required_rows():
    table = target_table([], draft=True)
    assert len(table) == len(REQUIRED_INDICATORS) + 2 + 1  # and the form's 其它 row, blank
    assert all(r.cells[1].missing and r.cells[2].missing for r in table[:-1])
    assert table[0].cells[1].text.startswith("【待填写")
    assert [(r.direction, [c.text for c in r.cells]) for r in target_table([], draft=False)] == [("其它", ["", "", ""])]
