"""Word's 字数 and 字符数(不计空格) (formatting.md, "How Word counts 字数")."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.wordcount import (
    TextCount,
    char_count,
    count_text,
    is_east_asian,
    word_count,
)


# -- the examples in formatting.md -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, words",
    [
        ("2023年", 2),
        ("206.49亿元", 3),
        ("7.6%", 1),
        ("7.6％", 2),  # full-width ％ is East Asian
        ("5G网络", 3),
        ("Hello、World。", 4),
        ("2023", 1),
    ],
)
def test_formatting_md_word_examples(text, words):
    assert word_count(text) == words


def test_formatting_md_char_example():
    assert char_count("2023") == 4


@pytest.mark.parametrize("ch", list("，。、“”《》（）：；！？") + ["０", "９", "Ａ", "Ｚ", "％"])
def test_listed_punctuation_and_fullwidth_count_one_each(ch):
    assert is_east_asian(ch)
    assert word_count(ch) == 1
    assert word_count(ch * 3) == 3


# -- mixed Chinese / English / numbers ------------------------------------------------------------
@pytest.mark.parametrize(
    "text, words, chars",
    [
        ("集群2023年产值206.49亿元，同比增长7.6%。", 16, 27),  # 2+1+3+1+2+1+4+1+1
        ("ISO 9001质量管理体系", 8, 13),  # ISO, 9001, 质量管理体系(6)
        ("引进 ERP、MES 系统", 7, 11),  # 引 进 ERP 、 MES 系 统
        ("Hello World", 2, 10),
        ("e-mail: a@b.cn", 2, 13),
        ("第1名", 3, 3),
        ("1,234.5万元", 3, 9),
        ("２０２３年", 5, 5),  # full-width digits: one 字 each
        ("  \t\n", 0, 0),
        ("", 0, 0),
    ],
)
def test_mixed_text(text, words, chars):
    assert word_count(text) == words
    assert char_count(text) == chars
    assert count_text(text) == TextCount(words, chars)


def test_curly_quotes_are_east_asian():
    # decision (docs/plan.md): “ ” ‘ ’ count like the Chinese punctuation they are in Chinese text
    assert word_count("“小巨人”") == 5
    assert word_count("“ERP”") == 3
    assert word_count("‘A’") == 3


def test_ellipsis_dash_middle_dot():
    assert word_count("等等……") == 4
    assert word_count("产业——集群") == 6
    assert word_count("马克·吐温") == 5
    # the en dash of a year range stays Latin: one word
    assert word_count("2021–2023年") == 2


def test_ideographic_space_is_white_space():
    assert word_count("　　集群") == 2
    assert char_count("　　集群") == 2
    assert word_count("ABC　DEF") == 2  # a full-width space ends a Latin word


def test_han_extensions_and_compatibility_ideographs():
    assert word_count("\U00020000\u3400\uf900") == 3  # ext. B, ext. A, compatibility ideograph
    assert word_count("ひらがなカタカナ한국어") == 11


def test_line_and_paragraph_breaks_end_words():
    assert word_count("abc\ndef") == 2
    assert char_count("abc\r\ndef\u2029") == 6


def test_textcount_adds():
    assert count_text("2023年") + count_text("Hello") == TextCount(3, 10)


# -- properties ---------------------------------------------------------------------------------
cjk = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=50)
latin_word = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=10)
anything = st.text(max_size=200)


@given(cjk)
def test_pure_chinese_words_equal_chars(s):
    assert word_count(s) == char_count(s) == len(s)


@given(anything, anything)
def test_space_separated_pieces_add_up(a, b):
    assert word_count(a + " " + b) == word_count(a) + word_count(b)
    assert char_count(a + " " + b) == char_count(a) + char_count(b)


@given(st.lists(latin_word, max_size=20))
def test_latin_words_are_counted_once_each(words):
    assert word_count(" ".join(words)) == len(words)


@given(anything)
def test_words_never_exceed_chars(s):
    assert 0 <= word_count(s) <= char_count(s) <= len(s)


def test_long_text_is_fast():
    import time

    text = ("集群2023年产值206.49亿元，ISO 9001认证企业35家。" * 20000)  # ~700k characters
    t = time.perf_counter()
    assert word_count(text) == 20000 * word_count("集群2023年产值206.49亿元，ISO 9001认证企业35家。")
    assert time.perf_counter() - t < 2.0


# -- joining lines: one rule shared by plan.md soft breaks and YAML folding -------------------------
@pytest.mark.parametrize(
    "lines, joined",
    [
        (["培育“链主”", "企业"], "培育“链主”企业"),
        (["占比达80%", "以上"], "占比达80%以上"),
        (["集群围绕", "“轴承"], "集群围绕“轴承"),
        (["增长7.6％", "，"], "增长7.6％，"),
        (["省略……", "其余"], "省略……其余"),
        (["破折号——", "说明"], "破折号——说明"),
        (["间隔号·", "名"], "间隔号·名"),
        (["采用", "ISO 9001"], "采用ISO 9001"),
        (["ISO", "9001"], "ISO 9001"),
        (["smart", "factory"], "smart factory"),
        (["  缩进  ", "", "　下一行"], "缩进下一行"),
    ],
)
def test_join_lines_follows_the_east_asian_rule(lines, joined):
    from docgen.wordcount import join_lines

    assert join_lines(lines) == joined


@given(st.lists(st.text(alphabet="ab 1%年，“”—", max_size=6), min_size=1, max_size=5))
def test_joined_lines_count_as_the_lines_apart(lines):
    from docgen.wordcount import join_lines

    assert word_count(join_lines(lines)) == sum(word_count(line) for line in lines)
