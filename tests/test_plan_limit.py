"""The 3000-字 limit of section 八: what counts, 3000 passes, 3001 fails."""
from __future__ import annotations

from decimal import Decimal as D

from plan_samples import REQUIRED_ROWS, L, plan_text

from docgen.findings import Findings
from docgen.model import TargetRow
from docgen.plan import (
    OUTLINE,
    PLAN_LIMIT,
    check_plan_limit,
    parse_plan,
    plan_counts,
    target_table_count,
)
from docgen.wordcount import count_text

ROWS = REQUIRED_ROWS


def plan_of(words: int, rows):
    """A complete plan whose section 八 (plan + target table) has exactly `words` 字."""
    base = parse_plan(plan_text(""), Findings())
    fixed = plan_counts(base, rows).total.words
    text = plan_text("集" * (words - fixed))
    plan = parse_plan(text, Findings())
    assert plan_counts(plan, rows).total.words == words
    return plan, text


def test_headings_count_with_their_official_numbers():
    plan = parse_plan("## 发展成效\n\n好。\n", Findings())
    assert plan.sections[0].title == "二、发展成效"
    assert plan.sections[0].count.words == count_text("二、发展成效").words + 2 == 8


def test_markdown_syntax_does_not_count():
    plan = parse_plan("# 一、集群基本情况简介\n\n**加粗**和*倾斜*，[链接](http://x.cn)\n\n- 项\n\n<!-- 注释 -->\n", Findings())
    body = "加粗和倾斜，链接"
    assert plan.count.words == count_text("一、集群基本情况简介").words + count_text(body).words + count_text("1.项").words


def test_target_table_counts():
    # header 方向 指标 2023年基准值 2026年目标值 = 2 + 2 + 5 + 5, and the form's 其它 row (printed blank)
    assert target_table_count([]) == count_text("方向指标") + count_text("2023年基准值") + count_text("2026年目标值") \
        + count_text("其它")
    one = [TargetRow("主导产业", "集群产值年均增速", "%", D("9.8"), D("12"), L)]
    # + 主导产业 (4) + 集群产值年均增速 (8) + 9.80% (1) + 12% (1)
    assert target_table_count(one).words == 14 + 4 + 8 + 1 + 1 + 2  # and 其它
    # the merged 方向 cell counts once
    two = one + [TargetRow("主导产业", "优质中小企业数量", "家", D("35"), D("60"), L)]
    assert target_table_count(two).words == 28 + 2 + 8 + 2 + 2


def test_3000_passes():
    plan, _ = plan_of(PLAN_LIMIT, ROWS)
    f = Findings()
    check_plan_limit(plan, ROWS, f)
    assert f.items == []


def test_3001_fails_located_where_it_crosses():
    plan, text = plan_of(PLAN_LIMIT + 1, ROWS)
    f = Findings()
    check_plan_limit(plan, ROWS, f, "申报/plan.md")
    assert len(f.errors) == 1
    e = f.errors[0]
    table = target_table_count(ROWS).words
    assert (e.file, e.rule) == ("申报/plan.md", "plan-over-limit")
    # the last paragraph (under （四）保障措施) is where the running count passes 3000
    assert e.line == len(text.rstrip("\n").split("\n"))
    assert e.message == (f"发展规划共 3001 字（按 Word 字数统计，含标题编号，其中目标指标表 {table} 字），"
                         "超过 3000 字的限制，需删减 1 字；从这里起超出")


def test_the_table_tips_a_plan_over():
    plan, _ = plan_of(PLAN_LIMIT, ROWS)
    extra = ROWS + [TargetRow("其它", "新增指标", "个", D("1"), D("2"), L)]
    f = Findings()
    check_plan_limit(plan, extra, f)
    assert [x.rule for x in f.errors] == ["plan-over-limit"]


def test_crossing_point_is_early_when_a_section_is_long():
    text = plan_text("集" * 3100)
    plan = parse_plan(text, Findings())
    f = Findings()
    check_plan_limit(plan, None, f)
    assert f.errors[0].line == 3  # the long paragraph under 一、


def test_section_counts_add_up_to_the_total():
    plan, _ = plan_of(2500, ROWS)
    pc = plan_counts(plan, ROWS)
    s = sum(x.count.words for x in pc.sections)
    assert s + pc.table.words == pc.total.words == 2500
    assert [x.title for x in pc.sections if x.official] == [p.heading for p in OUTLINE]
