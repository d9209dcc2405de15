"""Markdown syntax that survived parsing and would print as typed.

After parsing, every character of the text that will print is known, with the
line and column it came from. A `**` that did not pair, a `~~`, a `[^1]` with
no note, `^1`, a `[文字](网址)` the parser did not accept: none of these is
what the writer meant to print, so each is an error at `plan.md:line:col`.
Escaped characters (`\\*`) and code spans (`` `**` ``) are what the writer asked
to print and are not checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "\ufffc"  # stands for a character that prints as typed on purpose (escape, code span)

# (pattern, rule, message); checked in this order, each match masked before the next pattern
_PATTERNS: tuple[tuple[re.Pattern, str, str], ...] = (
    (re.compile(r"\[\^[^\]\s]*\]"), "plan-footnote",
     "脚注标记“{m}”没有对应的脚注说明，会原样打印；请在这一段之后空一行，单独写一行“{m}: 说明文字”"),
    (re.compile(r"\^\["), "plan-footnote",
     "“^[…]”形式的行内脚注不支持，会原样打印；请在正文中写 [^1]，并在这一段之后单独一行写“[^1]: 说明文字”"),
    (re.compile(r"\^[0-9０-９]+"), "plan-footnote",
     "“{m}”会原样打印：脚注请写成 [^1]，并在这一段之后单独一行写“[^1]: 说明文字”；"
     "上标数字（如 m²）请直接输入上标字符"),
    (re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"), "plan-syntax",
     "链接“{m}”没有被识别，会原样打印（网址中不能有空格）；纸质申报表上网址无法点击，请只写文字"),
    (re.compile(r"\[[^\]\n]+\]\[[^\]\n]*\]"), "plan-syntax",
     "“{m}”会原样打印：引用式链接没有对应的定义；请只写文字"),
    (re.compile(r"\*\*[^*\n]{0,40}\*\*|\*\*+"), "plan-syntax",
     "“{m}”中的 ** 没有起作用，会原样打印：加粗请写成 **文字**，开头的 ** 之后、结尾的 ** 之前不要有空格，"
     "两处 ** 须在同一段内；要印出星号请写成 \\*"),
    (re.compile(r"__[^_\n]{0,40}__|__+"), "plan-syntax",
     "“{m}”会原样打印：加粗请写成 **文字**（紧挨汉字的 __ 不起作用）；要印出下划线请写成 \\_"),
    (re.compile(r"~~[^~\n]*~~|~~+"), "plan-syntax",
     "删除线“{m}”不能使用，会原样打印：申报表中不印删除线，请直接删去不要的文字"),
    (re.compile(r"\*[^*]{1,40}\*"), "plan-syntax",
     "“{m}”中的星号没有起作用，会原样打印：倾斜请写成 *文字*，星号紧贴文字；要印出星号请写成 \\*"),
)
_SHOW = 24  # characters of a match quoted in a message


@dataclass
class Leftover:
    pos: int  # index into the checked text
    rule: str
    message: str


def leftover_syntax(text: str) -> list[Leftover]:
    """Markdown syntax in `text` (the printed text of one paragraph, heading or cell, with
    deliberate literals replaced by MASK), in order of position."""
    found: list[Leftover] = []
    for pattern, rule, message in _PATTERNS:
        for m in pattern.finditer(text):
            shown = m.group()
            if len(shown) > _SHOW:
                shown = shown[:_SHOW] + "…"
            found.append(Leftover(m.start(), rule, message.format(m=shown)))
        text = pattern.sub(lambda m: MASK * len(m.group()), text)
    return sorted(found, key=lambda x: x.pos)
