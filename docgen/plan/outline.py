"""The outline of section 八 (附件2): the parts a plan must have, in order.

A writer may type a heading with or without its number, with half-width or
full-width parentheses and with or without spaces; `match_part` recognises all
of them. The level of an official part, and so its number and font in the
rendered document, is fixed here and never taken from the number of `#`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Part:
    key: str  # stable id
    level: int  # 1 一、 · 2 （一） · 3 1. · 4 （1）
    number: str  # the official number as printed, e.g. "一、", "（一）", "1.", "（1）"
    title: str  # the official title
    aliases: tuple[str, ...] = ()  # other accepted titles (compared after normalising)
    leaf: bool = True  # False for parts whose text lives in their sub-parts
    warn_empty: bool = True  # warn when a leaf part has no text

    @property
    def heading(self) -> str:
        """The heading as rendered: official number + title."""
        return f"{self.number}{self.title}"

    @property
    def label(self) -> str:
        """How messages name the part: “1. 三年总体目标”."""
        sep = " " if self.number.endswith(".") else ""
        return f"“{self.number}{sep}{self.title}”"


OUTLINE: tuple[Part, ...] = (
    Part("basic", 1, "一、", "集群基本情况简介", aliases=("基本情况简介", "集群基本情况")),
    Part("results", 1, "二、", "发展成效"),
    Part("problems", 1, "三、", "存在的问题", aliases=("存在问题",)),
    Part("plan", 1, "四、", "未来三年特色产业集群发展规划",
         aliases=("未来三年发展规划",), leaf=False),
    Part("approach", 2, "（一）", "总体思路"),
    Part("goals", 2, "（二）", "发展目标", leaf=False),
    Part("overall", 3, "1.", "三年总体目标", warn_empty=False),  # the target table lives here
    Part("stages", 3, "2.", "阶段性目标", leaf=False),
    Part("y2024", 4, "（1）", "2024年度", aliases=("2024年", "2024年度目标", "2024年目标")),
    Part("y2025", 4, "（2）", "2025年度", aliases=("2025年", "2025年度目标", "2025年目标")),
    Part("y2026", 4, "（3）", "2026年度", aliases=("2026年", "2026年度目标", "2026年目标")),
    Part("tasks", 2, "（三）", "重点任务"),
    Part("safeguards", 2, "（四）", "保障措施"),
)

SECTION_TITLE = "未来三年特色产业集群发展规划"  # 八's own title (printed by the form, not by the plan)

# Numbers a writer may type in front of a heading (removed before matching).
_CN_NUM = "一二三四五六七八九十"
_TYPED_NUMBER = re.compile(
    rf"""^\s*(
        [{_CN_NUM}]+\s*[、.．，,]        # 一、  一.
      | [（(]\s*[{_CN_NUM}]+\s*[）)]     # （一） (一)
      | [（(]\s*[0-9０-９]+\s*[）)]      # （1） (1)
      | [0-9０-９]+\s*(?:[、，,]|[.．](?![0-9０-９]))   # 1.  1、 (not 1.5)
      | [①-⑳]
    )\s*""",
    re.VERBOSE,
)
_TRAILING = re.compile(r"[\s:：。．.；;]+$")


def split_typed_number(text: str) -> tuple[str, str]:
    """('（二）', '发展目标') from '(二) 发展目标'; ('', text) when no number is typed."""
    m = _TYPED_NUMBER.match(text)
    if not m:
        return "", text.strip()
    return m.group(1).strip(), text[m.end():].strip()


def normalise(text: str) -> str:
    """Comparable form: NFKC (full-width → half-width), no white space, no trailing colon or stop."""
    t = unicodedata.normalize("NFKC", text)
    t = _TRAILING.sub("", t)
    return re.sub(r"\s+", "", t)


def normalise_number(number: str) -> str:
    t = normalise(number)
    return t.replace("、", ".").replace(",", ".").replace("，", ".").rstrip(".")


_INDEX: dict[str, Part] = {}
for _p in OUTLINE:
    for _t in (_p.title, *_p.aliases):
        _INDEX[normalise(_t)] = _p


def match_part(text: str) -> tuple[Part | None, str, str]:
    """(official part or None, typed number, title without the number) for one heading text."""
    number, title = split_typed_number(text)
    part = _INDEX.get(normalise(title))
    if part is None and number:
        # a heading that is only a number plus text the index does not know: try the whole text
        whole = _INDEX.get(normalise(text))
        if whole is not None:
            return whole, "", text.strip()
    return part, number, title


def number_agrees(part: Part, typed: str) -> bool:
    """Whether a typed number is the official one (spelling of brackets and dots aside)."""
    return not typed or normalise_number(typed) == normalise_number(part.number)


def looks_like(part: Part, text: str) -> bool:
    """A near miss: the official title appears inside a longer heading or paragraph."""
    n = normalise(split_typed_number(text)[1])
    return normalise(part.title) in n and len(n) <= len(normalise(part.title)) + 12


def part_index(part: Part) -> int:
    return OUTLINE.index(part)


def resembles(part: Part, text: str) -> bool:
    """A shortened or reworded official title (“1.总体目标”, “三、存在的主要问题”): the typed
    number, if any, is the part's own, and the titles share most of their characters."""
    from difflib import SequenceMatcher  # only needed when a part is missing

    number, title = split_typed_number(text)
    if number and not number_agrees(part, number):
        return False
    a, b = normalise(title), normalise(part.title)
    if not a:
        return False
    return SequenceMatcher(None, a, b).ratio() >= (0.6 if number else 0.75)
