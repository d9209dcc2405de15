"""The outline of section 八: every part present, in order; numbering optional."""
from __future__ import annotations

import pytest

from docgen.findings import Findings, Severity
from docgen.plan import OUTLINE, Heading, MissingPart, parse_plan
from docgen.scaffold import plan_md_text


def full_plan(numbered: bool = True, body: str = "正文内容。", skip: tuple[str, ...] = ()) -> str:
    out = []
    for p in OUTLINE:
        if p.key in skip:
            continue
        out.append("#" * p.level + " " + (p.heading if numbered else p.title))
        if p.leaf:
            out.append(body)
    return "\n\n".join(out) + "\n"


def parse(text: str):
    f = Findings()
    plan = parse_plan(text, f, "plan.md")
    return plan, f


def rules(f: Findings) -> list[str]:
    return [x.rule for x in f.sorted()]


def line_of(text: str, needle: str) -> int:
    for k, ln in enumerate(text.split("\n"), 1):
        if needle in ln:
            return k
    raise AssertionError(needle)


@pytest.mark.parametrize("numbered", [True, False])
def test_complete_outline_has_no_findings(numbered):
    plan, f = parse(full_plan(numbered))
    assert f.items == []
    official = [h for h in plan.headings if h.official]
    assert [h.text for h in official] == [p.heading for p in OUTLINE]
    assert [h.level for h in official] == [p.level for p in OUTLINE]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("## （一）总体思路", "（一）总体思路"),
        ("## (一) 总体思路", "（一）总体思路"),
        ("## ( 一 )总体思路", "（一）总体思路"),
        ("## 总体思路", "（一）总体思路"),
        ("### 1. 三年总体目标", "1.三年总体目标"),
        ("### 1、三年总体目标", "1.三年总体目标"),
        ("### 1．三年总体目标", "1.三年总体目标"),
        ("### 三年总体目标", "1.三年总体目标"),
        ("# 二、发展成效", "二、发展成效"),
        ("## 发展成效", "二、发展成效"),
        ("#### (1) 2024 年度", "（1）2024年度"),
        ("#### （１）２０２４年度", "（1）2024年度"),
        ("# **三、存在的问题**", "三、存在的问题"),
    ],
)
def test_heading_spellings_are_recognised(typed, expected):
    part = next(p for p in OUTLINE if p.heading == expected)
    text = full_plan().replace("#" * part.level + " " + part.heading, typed)
    plan, f = parse(text)
    assert f.errors == []
    assert plan.part_heading(part.key).text == expected


def test_level_is_fixed_by_outline_not_by_hashes():
    text = full_plan().replace("## （一）总体思路", "# 总体思路").replace("#### （1）2024年度", "## 2024年度")
    plan, f = parse(text)
    assert f.errors == []
    assert plan.part_heading("approach").level == 2
    assert plan.part_heading("y2024").level == 4


@pytest.mark.parametrize("part", OUTLINE, ids=[p.key for p in OUTLINE])
def test_each_missing_part_is_an_error_naming_it(part):
    text = full_plan(skip=(part.key,))
    plan, f = parse(text)
    errs = [x for x in f.errors if x.rule == "plan-outline-missing"]
    assert len(errs) == 1, f.format_text()
    e = errs[0]
    assert f"缺少提纲标题{part.label}" in e.message
    idx = OUTLINE.index(part)
    if idx + 1 < len(OUTLINE):
        nxt = OUTLINE[idx + 1]
        assert "之前" in e.message and nxt.label in e.message
        assert e.line == line_of(text, nxt.heading)  # located where it should be inserted
    if idx > 0:
        assert OUTLINE[idx - 1].label in e.message
    assert any(isinstance(b, MissingPart) and b.part is part for b in plan.blocks)


def test_missing_message_exact():
    text = full_plan(skip=("goals",))
    _, f = parse(text)
    e = next(x for x in f.errors if x.rule == "plan-outline-missing")
    assert e.message == "缺少提纲标题“（二）发展目标”，应在“（一）总体思路”之后、“1. 三年总体目标”之前"
    assert (e.file, e.line, e.col) == ("plan.md", line_of(text, "1.三年总体目标"), 1)


def test_misplaced_part_is_an_order_error():
    # （四）保障措施 written before （三）重点任务
    text = full_plan()
    a = "## （三）重点任务\n\n正文内容。"
    b = "## （四）保障措施\n\n正文内容。"
    text = text.replace(a, "@@").replace(b, a).replace("@@", b)
    plan, f = parse(text)
    errs = [x for x in f.errors]
    assert [x.rule for x in errs] == ["plan-outline-order"]
    e = errs[0]
    assert e.line in (line_of(text, "（三）重点任务"), line_of(text, "（四）保障措施"))
    assert "位置不对" in e.message


def test_order_error_message_and_line():
    text = full_plan()
    moved = "# 三、存在的问题\n\n正文内容。\n\n"
    text = text.replace(moved, "")
    text = moved + text
    _, f = parse(text)
    assert [(x.rule, x.line) for x in f.errors] == [("plan-outline-order", 1)]
    assert f.errors[0].message == "提纲标题“三、存在的问题”位置不对：按申报表的顺序，它应在“二、发展成效”之后、“四、未来三年特色产业集群发展规划”之前"


def test_duplicate_part():
    text = full_plan() + "\n## （四）保障措施\n\n更多。\n"
    _, f = parse(text)
    e = next(x for x in f.errors)
    assert e.rule == "plan-outline-duplicate"
    assert e.line == line_of(text, "更多") - 2
    assert "重复出现（第 " in e.message


def test_wrong_typed_number_is_a_warning_and_official_number_prints():
    text = full_plan().replace("## （一）总体思路", "## （二）总体思路")
    plan, f = parse(text)
    assert f.errors == []
    w = f.warnings[0]
    assert (w.rule, w.line) == ("plan-outline-number", line_of(text, "总体思路"))
    assert "生成时按申报表编号为“（一）”" in w.message
    assert plan.part_heading("approach").text == "（一）总体思路"


def test_extra_headings_are_fine_and_take_relative_levels():
    text = full_plan().replace(
        "## （三）重点任务\n\n正文内容。",
        "## （三）重点任务\n\n### 1. 强化创新驱动\n\n内容。\n\n#### 建设平台\n\n内容。\n\n### 2. 推进数字化\n\n内容。",
    )
    plan, f = parse(text)
    assert f.items == []
    extra = {h.text: h.level for h in plan.headings if not h.official}
    assert extra == {"1. 强化创新驱动": 3, "建设平台": 4, "2. 推进数字化": 3}


def test_section_title_at_the_top_is_not_part_four():
    for title in ("# 八、未来三年特色产业集群发展规划", "# 未来三年特色产业集群发展规划"):
        text = title + "\n\n" + full_plan().replace("# ", "## ").replace("## ", "# ", 0)
        plan, f = parse(text)
        assert f.errors == [], f.format_text()
        first = plan.headings[0]
        assert first.doc_title and first.count().words == 0


def test_near_miss_heading_hint():
    text = full_plan().replace("## （一）总体思路", "## （一）总体思路和发展定位")
    _, f = parse(text)
    e = next(x for x in f.errors if x.rule == "plan-outline-missing")
    assert "与之相近" in e.message and "总体思路和发展定位" in e.message


def test_heading_typed_as_list_item_hint():
    text = full_plan().replace("### 1.三年总体目标", "1. 三年总体目标")
    _, f = parse(text)
    e = next(x for x in f.errors if x.rule == "plan-outline-missing")
    assert "写成了列表项" in e.message and "### 1.三年总体目标" in e.message


def test_extra_headings_do_not_hide_missing_parts():
    text = "# 概述\n\n内容。\n"
    _, f = parse(text)
    missing = [x for x in f.errors if x.rule == "plan-outline-missing"]
    assert len(missing) == len(OUTLINE)


def test_empty_plan():
    for text in ("", "\n\n   \n", plan_md_text()):
        _, f = parse(text)
        assert rules(f) == ["plan-empty"], f.format_text()
        assert f.errors[0].line == 1
        assert f.errors[0].severity is Severity.ERROR


def test_empty_leaf_part_warns():
    text = full_plan().replace("# 三、存在的问题\n\n正文内容。", "# 三、存在的问题")
    _, f = parse(text)
    assert [(x.rule, x.line) for x in f.items] == [("plan-section-empty", line_of(text, "三、存在的问题"))]
    assert f.warnings[0].message == "“三、存在的问题”下面还没有内容"


def test_parent_parts_may_be_empty():
    _, f = parse(full_plan())
    assert f.items == []  # 四、/（二）/2. have no text of their own in full_plan()


def test_headings_are_objects_with_lines():
    text = full_plan()
    plan, _ = parse(text)
    h = plan.part_heading("tasks")
    assert isinstance(h, Heading)
    assert h.line == line_of(text, "（三）重点任务") and h.col == 1


def test_missing_last_part_is_located_at_the_last_line():
    text = full_plan(skip=("safeguards",))
    _, f = parse(text)
    e = next(x for x in f.errors if x.rule == "plan-outline-missing")
    assert e.line == len(text.rstrip("\n").split("\n"))
    assert e.message == "缺少提纲标题“（四）保障措施”，应在“（三）重点任务”之后"


# -- the error is at the heading the writer meant, with the heading to write (issue 11) -------------
@pytest.mark.parametrize(
    "official, typed, expected",
    [
        ("## （一）总体思路", "##（一）总体思路", "## （一）总体思路"),
        ("# 二、发展成效", "#二、发展成效", "# 二、发展成效"),
        ("### 1.三年总体目标", "### 1.总体目标", "### 1.三年总体目标"),
        ("# 三、存在的问题", "# 三、存在的主要问题", "# 三、存在的问题"),
    ],
)
def test_outline_error_points_at_the_offending_heading(official, typed, expected):
    text = full_plan().replace(official, typed)
    _, f = parse(text)
    assert [x.rule for x in f.errors] == ["plan-outline-missing"]
    e = f.errors[0]
    assert (e.line, e.col) == (line_of(text, typed), 1)
    assert f"请写成“{expected}”" in e.message and typed.lstrip("# ") in e.message


def test_hash_without_space_on_an_extra_heading_warns():
    text = full_plan().replace("## （三）重点任务\n\n正文内容。", "## （三）重点任务\n\n###强化创新\n\n正文内容。")
    _, f = parse(text)
    assert f.errors == []
    w = next(x for x in f.warnings if x.rule == "plan-heading-space")
    assert w.line == line_of(text, "###强化创新") and "### 强化创新" in w.message
