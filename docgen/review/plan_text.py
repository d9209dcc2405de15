"""Figures in plan.md tied to a known indicator and a year: what the plan says the data are.

Precision before recall: a figure is taken only when
- it follows the words of a known indicator in the same clause (clauses end at ，；、：。 …),
  joined only by a linking word (达到、为、突破、下降到 …) and not after a word of change
  (新增、增长、较、累计 …) or of level (国家级、省级 …) that makes it a different figure;
- a unit we know follows it, of the indicator's dimension (亿元/万元, %/％, 家/个 …);
- the nearest year before it in the same sentence (or, when the sentence names none, in its
  heading) is one clear year 2021–2026 or 近三年 — not a range, not 较2021年, not 2021年以来;
- it is not approximate (约、近、左右、余、多).
Everything else is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..plan.lines import COMMENT, FENCE
from . import MARKER
from .indicators import RECENT, Indicator, aliases
from .units import Unit, UNIT_AFTER_NUMBER, ascii_digits, parse_unit

YEARS = (2021, 2022, 2023, 2024, 2025, 2026)

_SENTENCE_END = "。！？!?"
_CLAUSE_END = "，,；;、：:（）()|[]【】"
_DROPPED = set("*`~“”\"'‘’「」『』 \t\u3000\u00a0")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)、])[ \t]+")
_LINK_NOTE = re.compile(r"^\s*\[//\]:\s*#")

_YEAR = re.compile(r"(?<![\d.])(\d{4})年(度|底|末)?|近三年|近3年|三年来")
_RANGE_BEFORE = re.compile(r"\d{4}年?[—–\-~～至到]$")
_AMBIGUOUS_AFTER = re.compile(r"^(?:以来|来|起|至今|开始|以前|以后|前|后|[—–\-~～至到]\d{4}|\d{1,2}月)")
_COMPARE_BEFORE = re.compile(r"(?:较|比|与|同|相比|相较|比较)$")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\d.A-Za-z])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d年月日])")

_YR = r"(?:\d{4}年(?:底|末)?的?)"
_LEVEL_VERBS = ("为|是|达|达到|达到了|已达|已达到|达至|有|共|共有|拥有|总数|总量|数量|规模|达|"
                "提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|增至|下降到|下降至|降至|降低到|降低至|"
                "减少到|减少至|到|至|保持在|稳定在|控制在")
_AT_LEAST = "突破|超过|超|逾|高于|不低于|不少于|大于"
_AT_MOST = "低于|不高于|不超过|少于|小于"
_ROUGHLY = "约|约为|近|接近|大约"
_LINK = re.compile(
    rf"^(?:在|于)?(?:由|从)?{_YR}?(?:力争|预计|计划|确保|争取|努力|将)?(?P<verb>{_AT_LEAST}|{_AT_MOST}|{_ROUGHLY}|{_LEVEL_VERBS})?(?:了)?{_YR}?$")
_CHAIN = re.compile(rf"^(?:下降|降低|提高|提升|增长|增加|减少|降|升)?(?:到|至){_YR}?$")
_LEVEL_MOVES = ("下降", "降低", "增长", "增加", "提高", "提升", "减少")
_AFTER_UNIT = re.compile(r"^(以上|以下|以内|左右|上下|余|多)")
_DELTA = re.compile(r"新[增设建认引获成开上招培]|增加|增长|增幅|减少|下降|降低|提高|提升|累计|净增|较|同比|翻番|翻一番|"
                    r"培育|引进|每年|平均|人均|户均")
_QUALIFIER_BEFORE = re.compile(r"(?:国家级|国家|省级|市级|县级|区级|规上|规模以上|规模以下|新增|其他|非|小微|重点|龙头|骨干)$")


@dataclass(frozen=True)
class Mention:
    """One figure of the plan, tied to an indicator and a year."""

    indicator: Indicator
    when: int | str  # 2021…2026, or 近三年
    value: Decimal
    decimals: int
    unit: Unit
    bound: str  # "=", ">=" (突破、以上 …) or "<=" (低于、以下 …)
    line: int
    col: int
    phrase: str  # the words as written, indicator to unit
    explained: bool  # the paragraph carries <!-- docgen: 不一致已说明 -->


@dataclass
class _Para:
    chars: list[str]
    places: list[tuple[int, int]]  # (line, col) of each char
    explained: bool
    heading: bool = False

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _paragraphs(text: str) -> list[_Para]:
    """plan.md's prose as paragraphs of located characters (markup, comments and code dropped)."""
    marked = {text.count("\n", 0, m.start()) + k
              for m in COMMENT.finditer(text) if MARKER.search(m.group())
              for k in range(m.group().count("\n") + 1)}
    blanked = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    paras: list[_Para] = []
    cur: _Para | None = None
    fence = False

    def close() -> None:
        nonlocal cur
        if cur is not None and cur.chars:
            paras.append(cur)
        cur = None

    for n, raw in enumerate(blanked.split("\n")):
        if FENCE.match(raw):
            fence = not fence
            close()
            continue
        if fence or _LINK_NOTE.match(raw) or not raw.strip():
            if cur is not None and n in marked:  # the marker on its own line right under the paragraph
                cur.explained = True
            close()
            continue
        start = 0
        heading = _HEADING.match(raw)
        listed = _LIST_MARK.match(raw)
        if heading or listed or raw.lstrip().startswith("|"):
            close()
            start = (heading or listed).end() if (heading or listed) else 0
        if cur is None:
            cur = _Para([], [], False, bool(heading))
        cur.explained = cur.explained or n in marked
        line = ascii_digits(raw)
        keep = [i for i in range(start, len(line)) if line[i] not in _DROPPED]
        cur.chars.extend(line[i] for i in keep)
        cur.places.extend((n + 1, i + 1) for i in keep)
        if heading:
            close()
    close()
    return paras


@dataclass(frozen=True)
class _Year:
    start: int
    end: int
    when: int | str | None  # None: a year that does not name one comparable year


def _years(s: str) -> list[_Year]:
    out = []
    for m in _YEAR.finditer(s):
        if m.group(1):
            y = int(m.group(1))
            ok = y in YEARS and not _AMBIGUOUS_AFTER.match(s[m.end():]) \
                and not _RANGE_BEFORE.search(s[:m.start()]) and not _COMPARE_BEFORE.search(s[:m.start()])
            out.append(_Year(m.start(), m.end(), y if ok else None))
        else:
            ok = not _COMPARE_BEFORE.search(s[:m.start()])
            out.append(_Year(m.start(), m.end(), RECENT if ok else None))
    return out


def _heading_year(s: str) -> int | str | None:
    found = {y.when for y in _years(s)}
    return found.pop() if len(found) == 1 and None not in found else None


class _AliasIndex:
    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[str, Indicator]]] = {}
        for word, ind in sorted(aliases().items(), key=lambda kv: -len(kv[0])):
            self.by_first.setdefault(word[0], []).append((word, ind))

    def find(self, s: str) -> list[tuple[int, int, Indicator, bool]]:
        """Leftmost-longest indicator words in s: (start, end, indicator, qualified-away)."""
        out, i = [], 0
        while i < len(s):
            for word, ind in self.by_first.get(s[i], ()):
                # 单位工业产值能耗下降到92: the verb belongs to the link, the name is the shorter word
                if s.startswith(word, i) and not (s.startswith(_LEVEL_MOVES, i + len(word) - 2)
                                                  and s.startswith(("到", "至"), i + len(word))):
                    out.append((i, i + len(word), ind, bool(_QUALIFIER_BEFORE.search(s[:i]))))
                    i += len(word)
                    break
            else:
                i += 1
        return out


@lru_cache(maxsize=1)
def _index() -> _AliasIndex:
    return _AliasIndex()


def _clauses(s: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(s):
        if ch in _CLAUSE_END:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(s)))
    return [(a, b) for a, b in spans if b > a]


def _bound(verb: str | None, after: str) -> str | None:
    """"=", ">=", "<=", or None for an approximate figure."""
    tail = _AFTER_UNIT.match(after)
    if (verb and re.fullmatch(_ROUGHLY, verb)) or (tail and tail.group(1) in ("左右", "上下", "余", "多")):
        return None
    if (verb and re.fullmatch(_AT_LEAST, verb)) or (tail and tail.group(1) == "以上"):
        return ">="
    if (verb and re.fullmatch(_AT_MOST, verb)) or (tail and tail.group(1) in ("以下", "以内")):
        return "<="
    return "="


def _phrase(p: _Para, a: int, b: int, source_lines: list[str]) -> str:
    (l1, c1), (l2, c2) = p.places[a], p.places[b - 1]
    if l1 == l2:
        return source_lines[l1 - 1][c1 - 1:c2].strip()
    return "".join(p.chars[a:b])


def mentions(text: str) -> list[Mention]:
    """Every figure of the plan that can be tied to a known indicator and one year."""
    lines = text.split("\n")
    out: list[Mention] = []
    context_year: int | str | None = None
    for p in _paragraphs(text):
        s = p.text
        if p.heading:
            context_year = _heading_year(s)
            continue
        start = 0
        for end in [i + 1 for i, ch in enumerate(s) if ch in _SENTENCE_END] + [len(s)]:
            if end > start and _DIGIT.search(s, start, end):
                out.extend(_sentence(p, start, end, context_year, lines))
            start = end
    return out


def _sentence(p: _Para, s0: int, s1: int, context_year, lines: list[str]) -> list[Mention]:
    s = p.text[s0:s1]
    years = _years(s)
    found: list[Mention] = []
    for a, b in _clauses(s):
        clause = s[a:b]
        if not _DIGIT.search(clause):
            continue
        words = _index().find(clause)
        if not words:
            continue
        prev_end: int | None = None  # end of the last figure tied in this clause, and its word
        prev_word = None
        for m in _NUMBER.finditer(clause):
            if any(y.start <= a + m.start() < y.end for y in years):
                continue
            before = [w for w in words if w[1] <= m.start()]
            if not before:
                continue
            w_start, w_end, ind, qualified = before[-1]
            link = clause[w_end:m.start()]
            verb = None
            # the year must be named after the figure before it (由2021年的 A 下降到2023年的 B); a "from"
            # figure without its own year (由 A 增长到 B) is a start value, not the sentence's year
            year_from = w_end
            if prev_word == before[-1] and prev_end is not None and _CHAIN.match(clause[prev_end:m.start()]):
                year_from = prev_end
            else:
                lm = _LINK.match(link)
                if lm is None:
                    continue
                verb = lm.group("verb")
                if link.startswith(("由", "从")):
                    year_from = w_end
                else:
                    year_from = -1
            unit_m = UNIT_AFTER_NUMBER.match(clause, m.end())
            if qualified or unit_m is None or _DELTA.search(clause[:w_start]):
                continue
            unit = parse_unit(unit_m.group())
            theirs = ind.parsed_unit
            if unit is None or theirs is None or not unit.compatible(theirs):
                continue
            bound = _bound(verb, clause[unit_m.end():])
            prev_end, prev_word = unit_m.end(), before[-1]
            if bound is None:
                continue
            usable = [y for y in years if y.end <= a + m.start()]
            if year_from >= 0:  # a 由/从 figure or a chained one: its year is named right before it
                usable = [y for y in usable if y.start >= a + year_from]
                if not usable:
                    continue
            when = usable[-1].when if usable else context_year
            if when is None:
                continue
            number = m.group(1).replace(",", "") + (m.group(2) or "")
            pos = s0 + a + m.start()
            line, col = p.places[pos]
            found.append(Mention(ind, when, Decimal(number), len(m.group(2) or ".") - 1, unit, bound, line, col,
                                 _phrase(p, s0 + a + w_start, s0 + a + unit_m.end(), lines), p.explained))
    return found
