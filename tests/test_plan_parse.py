"""Reading and parsing plan.md: located refusals, lists, breaks, tables, the table marker."""
from __future__ import annotations

from pathlib import Path

import pytest

from docgen.findings import Findings
from docgen.plan import (
    OUTLINE,
    Paragraph,
    Table,
    TargetTablePlace,
    load_plan,
    parse_plan,
)


def full_plan(body: str = "正文内容。") -> str:
    out = []
    for p in OUTLINE:
        out.append("#" * p.level + " " + p.heading)
        if p.leaf:
            out.append(body)
    return "\n\n".join(out) + "\n"


def with_intro(extra: str) -> str:
    """A complete plan whose 一、 section is `extra` (starting on line 3)."""
    return full_plan().replace("# 一、集群基本情况简介\n\n正文内容。", "# 一、集群基本情况简介\n\n" + extra, 1)


def parse(text: str):
    f = Findings()
    return parse_plan(text, f, "plan.md"), f


def paragraphs(plan) -> list[str]:
    return [b.text for b in plan.blocks if isinstance(b, Paragraph)]


# -- reading ---------------------------------------------------------------------------------------
def test_load_plan_reads_file_with_bom_and_crlf(tmp_path: Path):
    p = tmp_path / "plan.md"
    p.write_bytes(("\ufeff" + full_plan()).replace("\n", "\r\n").encode("utf-8"))
    f = Findings()
    plan = load_plan(p, f, "申报/plan.md")
    assert plan is not None and f.items == []
    assert plan.display == "申报/plan.md"
    assert plan.part_heading("basic").line == 1


def test_missing_file(tmp_path: Path):
    f = Findings()
    assert load_plan(tmp_path / "plan.md", f) is None
    assert [(x.rule, x.line) for x in f.errors] == [("file-missing", 1)]


def test_not_utf8_is_located(tmp_path: Path):
    p = tmp_path / "plan.md"
    p.write_bytes("# 一、集群基本情况简介\n\n第二段".encode("utf-8") + "中文".encode("gbk"))
    f = Findings()
    assert load_plan(p, f) is None
    e = f.errors[0]
    assert (e.rule, e.line, e.col) == ("plan-encoding", 3, 4)
    assert "UTF-8" in e.message


def test_too_large(tmp_path: Path):
    p = tmp_path / "plan.md"
    p.write_text("字" * 400_000, encoding="utf-8")
    f = Findings()
    assert load_plan(p, f) is None
    assert f.errors[0].rule == "plan-too-large"


def test_control_characters_are_located_and_removed(tmp_path: Path):
    p = tmp_path / "plan.md"
    p.write_text(with_intro("集群\x0b规模\x01大。"), encoding="utf-8")
    f = Findings()
    plan = load_plan(p, f)
    errs = [(x.rule, x.line, x.col) for x in f.errors]
    assert errs == [("text-control-char", 3, 3), ("text-control-char", 3, 6)]
    assert "U+000B" in f.errors[0].message
    assert paragraphs(plan)[0] == "集群规模大。"


# -- refusals --------------------------------------------------------------------------------------
def test_html_block_is_refused_with_location():
    plan, f = parse(with_intro("<div>\n文字\n</div>"))
    assert [(x.rule, x.line, x.col) for x in f.errors] == [("plan-html", 3, 1)]
    assert f.errors[0].message.startswith("发展规划中不能使用 HTML 标签“<div>”")


def test_inline_html_is_refused_with_column():
    plan, f = parse(with_intro("第一句。<br>第二句。\n第三句<font color=red>红</font>"))
    got = [(x.rule, x.line, x.col) for x in f.errors]
    assert got == [("plan-html", 3, 5), ("plan-html", 4, 4), ("plan-html", 4, 21)]
    assert "换行请在行尾加反斜杠" in f.errors[0].message


def test_html_comments_are_allowed_and_not_printed():
    plan, f = parse(with_intro("<!-- 写作提示 -->\n\n正文<!-- 行内提示 -->。\n\n[//]: # (另一种提示)"))
    assert f.items == []
    assert paragraphs(plan)[0] == "正文。"


@pytest.mark.parametrize("img", ["![产业链图谱](evidence/图谱.png)", "![](https://example.com/a.png)"])
def test_images_are_refused_even_inside_the_folder(img):
    plan, f = parse(with_intro(f"如图所示：{img}"))
    e = f.errors[0]
    assert (e.rule, e.line, e.col) == ("plan-image", 3, 6)
    assert "不能插入图片" in e.message and "evidence/" in e.message


def test_fenced_code_is_a_warning_and_prints_as_lines():
    plan, f = parse(with_intro("```\n第一行\n第二行\n```"))
    assert [(x.rule, x.line) for x in f.warnings] == [("plan-code", 3)]
    assert paragraphs(plan)[0] == "第一行\n第二行"


# -- text ------------------------------------------------------------------------------------------
def test_soft_breaks_join_east_asian_without_space_and_latin_with_one():
    # the word counter's rule: no space where either side is East Asian
    plan, _ = parse(with_intro("集群位于\n青川县，主营\nERP软件and\nMES系统，培育“链主”\n企业，占比80%\n以上"))
    assert paragraphs(plan)[0] == "集群位于青川县，主营ERP软件and MES系统，培育“链主”企业，占比80%以上"


def test_hard_breaks():
    plan, _ = parse(with_intro("第一行\\\n第二行  \n第三行"))
    para = next(b for b in plan.blocks if isinstance(b, Paragraph))
    assert [s.brk for s in para.spans] == [False, True, False, True, False]
    assert para.text == "第一行\n第二行\n第三行"


def test_bold_italic_spans():
    plan, _ = parse(with_intro("集群**始于1985年**，现有*企业326家*。"))
    para = next(b for b in plan.blocks if isinstance(b, Paragraph))
    assert [(s.text, s.bold, s.italic) for s in para.spans] == [
        ("集群", False, False), ("始于1985年", True, False), ("，现有", False, False),
        ("企业326家", False, True), ("。", False, False),
    ]


def test_leading_spaces_and_indented_paragraphs_are_plain_text():
    plan, _ = parse(with_intro("　　全角空格缩进的段落。\n\n    四个空格缩进的段落。"))
    assert paragraphs(plan)[:2] == ["全角空格缩进的段落。", "四个空格缩进的段落。"]


def test_links_print_their_text():
    plan, f = parse(with_intro("详见[工信部网站](https://www.miit.gov.cn)。"))
    assert f.items == [] and paragraphs(plan)[0] == "详见工信部网站。"


# -- lists -----------------------------------------------------------------------------------------
def test_list_numbering_follows_the_heading_hierarchy():
    text = full_plan().replace(
        "## （三）重点任务\n\n正文内容。",
        "## （三）重点任务\n\n- 任务甲\n  1. 细项一\n  2. 细项二\n     - 更细\n- 任务乙\n\n"
        "### 1. 强化创新\n\n- 子项一\n- 子项二",
    ).replace("#### （1）2024年度\n\n正文内容。", "#### （1）2024年度\n\n- 目标一\n- 目标二")
    plan, f = parse(text)
    assert f.items == []
    ps = paragraphs(plan)
    assert ["1.任务甲", "（1）细项一", "（2）细项二", "①更细", "2.任务乙"] == \
        [p for p in ps if "任务" in p or "细" in p]
    assert [p for p in ps if p.startswith("（") and "子项" in p] == ["（1）子项一", "（2）子项二"]
    assert [p for p in ps if "目标" in p and not p.startswith("正文")] == ["①目标一", "②目标二"]


def test_lists_restart_and_respect_start():
    plan, _ = parse(with_intro("1. 甲\n2. 乙\n\n中间一段。\n\n1. 丙\n\n5. 丁\n\n又一段。\n\n3. 戊\n4. 己\n\n* 庚\n* 辛"))
    ps = paragraphs(plan)
    # a new list after a paragraph restarts at 1; later numbers of the same list do not matter
    # (Markdown); a list that begins with "3." starts at 3; a bullet list after an ordered one restarts
    assert ps == ["1.甲", "2.乙", "中间一段。", "1.丙", "2.丁", "又一段。", "3.戊", "4.己", "1.庚", "2.辛"] + ps[10:]


def test_loose_list_item_with_two_paragraphs():
    plan, _ = parse(with_intro("1. 第一段\n\n   第二段\n\n2. 下一项"))
    assert paragraphs(plan)[:3] == ["1.第一段", "第二段", "2.下一项"]


# -- tables ----------------------------------------------------------------------------------------
def test_markdown_table():
    plan, f = parse(with_intro("| 指标 | 2023年 |\n|:--|--:|\n| 产值 | 206.49亿元 |\n| 企业 | 326家 |"))
    assert f.items == []
    t = next(b for b in plan.blocks if isinstance(b, Table))
    assert t.line == 3 and t.aligns == ["left", "right"]
    assert [[s.text for c in r for s in c] for r in t.rows] == [["产值", "206.49亿元"], ["企业", "326家"]]
    assert t.count().words == 2 + 2 + 2 + 3 + 2 + 2  # 指标 2023年 产值 206.49亿元 企业 326家


# -- the target table marker -----------------------------------------------------------------------
def test_table_goes_after_overall_target_text_by_default():
    text = full_plan().replace("### 1.三年总体目标\n\n正文内容。", "### 1.三年总体目标\n\n目标一段。\n\n目标二段。")
    plan, _ = parse(text)
    blocks = plan.blocks
    k = next(i for i, b in enumerate(blocks) if isinstance(b, TargetTablePlace))
    assert blocks[k - 1].text == "目标二段。"
    assert blocks[k + 1].text == "2.阶段性目标"
    assert not blocks[k].explicit


def test_marker_places_the_table():
    text = full_plan().replace("（3）2026年度\n\n正文内容。", "（3）2026年度\n\n正文内容。\n\n[目标指标表]")
    plan, f = parse(text)
    assert f.items == []
    places = [b for b in plan.blocks if isinstance(b, TargetTablePlace)]
    assert len(places) == 1 and places[0].explicit
    k = plan.blocks.index(places[0])
    assert plan.blocks[k - 1].text == "正文内容。" and plan.blocks[k + 1].text == "（三）重点任务"
    assert "[目标指标表]" not in "".join(paragraphs(plan))


def test_marker_twice_or_in_a_list_is_an_error():
    text = with_intro("[目标指标表]\n\n【目标指标表】\n\n- [目标指标表]")
    plan, f = parse(text)
    assert [(x.rule, x.line) for x in f.errors] == [("plan-marker", 5), ("plan-marker", 7)]
    assert len([b for b in plan.blocks if isinstance(b, TargetTablePlace)]) == 1


# -- robustness -------------------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_md_alphabet = st.sampled_from(list("#-*_`|:![]()<>\\ \n\t1.、（）一二三四年度集群总体思路目标abc") + ["\n\n", "## ", "1. ", "- ", "| a | b |\n|---|---|\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_md_alphabet, max_size=60).map("".join))
def test_any_markdown_parses_counts_and_renders(text):
    from docx import Document

    from docgen.plan import check_plan_limit, render_plan

    f = Findings()
    plan = parse_plan(text, f)
    check_plan_limit(plan, [], f)
    assert plan.count.words >= 0
    render_plan(Document(), plan, [], draft=True)
    for x in f.items:
        assert x.line >= 1 and x.col >= 1 and x.message and x.rule


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses(text):
    parse_plan(text, Findings())
