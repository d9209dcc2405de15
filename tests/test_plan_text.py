"""plan.md text as Chinese officials type it: CJK emphasis, footnotes, points one per line,
Markdown syntax that would print (issue 10)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from docgen.findings import Findings
from docgen.plan import Paragraph, parse_plan
from docgen.plan.emphasis import cjk_friendly_emphasis
from test_plan_parse import paragraphs, with_intro


def parse(text: str):
    f = Findings()
    return parse_plan(text, f, "plan.md"), f


def first(plan) -> Paragraph:
    return next(b for b in plan.blocks if isinstance(b, Paragraph))


def styled(p: Paragraph) -> list[tuple[str, str]]:
    """(text, "b"/"i"/"bi"/"") per span."""
    return [(s.text, ("b" if s.bold else "") + ("i" if s.italic else "")) for s in p.spans]


# -- emphasis next to Chinese punctuation -----------------------------------------------------------
@pytest.mark.parametrize(
    "typed, spans",
    [
        ("**加强组织领导。**健全工作机制。", [("加强组织领导。", "b"), ("健全工作机制。", "")]),
        ("**一是强化创新驱动。**加快建设。", [("一是强化创新驱动。", "b"), ("加快建设。", "")]),
        ("培育**“链主”**企业。", [("培育", ""), ("“链主”", "b"), ("企业。", "")]),
        ("*（试行）*办法。", [("（试行）", "i"), ("办法。", "")]),
        ("产值**206.49亿元**，增长7.6%。", [("产值", ""), ("206.49亿元", "b"), ("，增长7.6%。", "")]),
        ("***重点。***其余。", [("重点。", "bi"), ("其余。", "")]),
    ],
)
def test_emphasis_next_to_chinese_punctuation(typed, spans):
    plan, f = parse(with_intro(typed))
    assert f.items == []
    assert styled(first(plan)) == spans


_ascii = st.text(alphabet="ab *_.,!( )\n", max_size=24)


@settings(max_examples=300, deadline=None)
@given(_ascii)
def test_text_without_cjk_parses_exactly_as_commonmark(text):
    plain = MarkdownIt("commonmark")
    cjk = MarkdownIt("commonmark").use(cjk_friendly_emphasis)
    assert cjk.render(text) == plain.render(text)


# -- points typed one per line ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "lines",
    [
        ["一是强化创新；", "二是扩大开放；", "三是优化服务。"],
        ["1、建设平台；", "2、培育企业。"],
        ["（1）建设平台；", "（2）培育企业。"],
        ["①建设平台；", "②培育企业。"],
        ["第一，建设平台；", "第二，培育企业。"],
    ],
)
def test_points_one_per_line_stay_separate_paragraphs(lines):
    plan, f = parse(with_intro("重点抓好以下工作：\n" + "\n".join(lines)))
    assert f.items == []
    assert paragraphs(plan)[: len(lines) + 1] == ["重点抓好以下工作："] + lines
    assert [b.line for b in plan.blocks if isinstance(b, Paragraph)][: len(lines) + 1] == \
        list(range(3, 4 + len(lines)))


def test_a_wrapped_sentence_is_not_split():
    plan, _ = parse(with_intro("集群产值2.5\n亿元，其中\n1.5亿元来自出口。"))
    assert paragraphs(plan)[0] == "集群产值2.5亿元，其中1.5亿元来自出口。"


# -- footnotes ----------------------------------------------------------------------------------------
def test_footnotes_print_a_mark_and_their_text_after_the_paragraph():
    plan, f = parse(with_intro("产值206亿元[^1]，增长7%[^src]。\n\n下一段[^1]。\n\n"
                               "[^1]: 数据来源：县统计局。\n[^src]: 县工信局测算。"))
    assert f.items == []
    ps = [b for b in plan.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in ps[:4]] == ["产值206亿元①，增长7%②。", "注①：数据来源：县统计局。",
                                        "注②：县工信局测算。", "下一段①。"]
    marks = [s for s in ps[0].spans if s.superscript]
    assert [s.text for s in marks] == ["①", "②"]
    assert (ps[1].note, ps[1].line) == (1, 7)
    assert plan.count.words > 0 and "县统计局" in "".join(p.text for p in ps)


def test_footnote_without_text_and_text_without_mark_are_located_errors():
    plan, f = parse(with_intro("产值206亿元[^9]。\n\n[^x]: 没人引用的说明。"))
    assert [(x.rule, x.line, x.col) for x in f.errors] == [("plan-footnote", 3, 8), ("plan-footnote", 5, 1)]
    assert "[^9]: 说明文字" in f.errors[0].message and "没有被引用" in f.errors[1].message


def test_link_definition_that_would_swallow_a_line_is_an_error():
    plan, f = parse(with_intro("正文。\n\n[1]: 国家统计局数据\n\n[//]: # (写作提示)"))
    assert [(x.rule, x.line) for x in f.errors] == [("plan-syntax", 5)]


# -- Markdown syntax that would print ---------------------------------------------------------------
@pytest.mark.parametrize(
    "typed, rule, col, words",
    [
        ("加强** 组织领导。**健全", "plan-syntax", 3, "没有起作用"),
        ("加强__组织__领导", "plan-syntax", 3, "__"),
        ("删去~~旧目标~~。", "plan-syntax", 3, "删除线"),
        ("产值206亿元^1。", "plan-footnote", 8, "[^1]"),
        ("详见[网站]( http://a b)。", "plan-syntax", 3, "链接"),
        ("重点* 加强 *管理", "plan-syntax", 3, "星号"),
        ("见^[行内说明]。", "plan-footnote", 2, "行内脚注"),
    ],
)
def test_markdown_syntax_that_would_print_is_a_located_error(typed, rule, col, words):
    _, f = parse(with_intro(typed))
    assert [(x.rule, x.line, x.col) for x in f.errors] == [(rule, 3, col)]
    assert words in f.errors[0].message


@pytest.mark.parametrize("typed", ["转义\\*\\*星号", "代码`**`照印", "单个星号*注：数据", "a_b_c 变量名"])
def test_deliberate_literals_are_not_errors(typed):
    _, f = parse(with_intro(typed))
    assert f.errors == []


def test_footnote_in_a_heading_is_an_error():
    from test_plan_parse import full_plan

    text = full_plan().replace("## （一）总体思路", "## （一）总体思路[^1]") + "\n[^1]: 说明。\n"
    _, f = parse(text)
    assert [x.rule for x in f.errors] == ["plan-footnote"] and "标题中不能加脚注" in f.errors[0].message


def test_escaped_and_plain_text_make_one_span():
    plan, _ = parse(with_intro("费用\\*合计 &amp; 其他"))
    assert [(s.text, s.bold) for s in first(plan).spans] == [("费用*合计 & 其他", False)]


_pieces = st.sampled_from(list("*_~^[]()!\\` \n。，“”（）：加强ab1") + ["**", "[^1]", "[^1]: 注", "\n\n", "一是", "1、"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_without_errors_no_markdown_syntax_prints(typed):
    plan, f = parse(with_intro(typed))
    if f.errors or "\\" in typed or "`" in typed:  # escapes and code spans print as typed on purpose
        return
    printed = "\n".join(b.text for b in plan.blocks if isinstance(b, Paragraph))
    for syntax in (r"\*\*", "__", "~~", r"\[\^[^\]\s]*\]", r"\^1", r"\[[^\]\n]*\]\([^)\n]*\)", r"\*[^*\n]+\*"):
        assert not re.search(syntax, printed), (typed, printed)
