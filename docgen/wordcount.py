"""Word-compatible counting: 字数 and 字符数(不计空格).

The form limits its free-text cells by Word's 字数 ("200字以内", "3000字以内"), so
docgen counts exactly as Word's 字数统计 does for Chinese text:

- 字数 (words): every East Asian character counts one; every maximal run of
  other characters that are not white space counts one "word".
  ``2023年`` → 2, ``206.49亿元`` → 3, ``7.6%`` → 1, ``7.6％`` → 2,
  ``5G网络`` → 3, ``Hello、World。`` → 4.
- 字符数(不计空格) (chars): every character except white space (spaces, tabs,
  line and paragraph breaks). ``2023`` → 4.

"East Asian" here is Han (all blocks: unified, extensions A–H, compatibility
ideographs, radicals, strokes), kana, Hangul, Bopomofo, Yi, the CJK Symbols and
Punctuation block (U+3001–U+303F), enclosed CJK letters, CJK compatibility forms,
vertical forms, small form variants and the Halfwidth and Fullwidth Forms block,
plus the punctuation Chinese text borrows from general blocks and that Word
treats as East Asian in Chinese text: “ ” ‘ ’ (U+201C/D, U+2018/9), … (U+2026),
— (U+2014), · (U+00B7) and ※ (U+203B). The en dash – (U+2013) of ``2021–2023``
stays Latin (one word).

White space is every character Python's ``str.isspace`` accepts, which includes
the ideographic space U+3000 (Word does not count a full-width space as a 字) and
no-break spaces.

Pure standard library; linear time (two regular-expression scans).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Code point ranges treated as East Asian (each character counts as one 字).
EAST_ASIAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x00B7, 0x00B7),  # · middle dot (间隔号)
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2014, 0x2014),  # — (破折号; the en dash – of 2021–2023 stays Latin)
    (0x2018, 0x2019),  # ‘ ’
    (0x201C, 0x201D),  # “ ”
    (0x2026, 0x2026),  # … (省略号)
    (0x203B, 0x203B),  # ※
    (0x2E80, 0x2FDF),  # CJK Radicals Supplement, Kangxi Radicals
    (0x2FF0, 0x2FFF),  # Ideographic Description Characters
    (0x3001, 0x303F),  # CJK Symbols and Punctuation (U+3000, the ideographic space, is white space)
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0x3190, 0x31FF),  # Kanbun, Bopomofo Extended, CJK Strokes, Katakana Phonetic Extensions
    (0x3200, 0x33FF),  # Enclosed CJK Letters and Months, CJK Compatibility
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xA000, 0xA4CF),  # Yi Syllables, Yi Radicals
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7FF),  # Hangul Syllables, Hangul Jamo Extended-B
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE6F),  # CJK Compatibility Forms, Small Form Variants
    (0xFF01, 0xFFEF),  # Halfwidth and Fullwidth Forms (full-width ０-９ Ａ-Ｚ ％ （ ） …)
    (0x16FE0, 0x16FFF),  # Ideographic Symbols and Punctuation
    (0x1B000, 0x1B16F),  # Kana Supplement, Kana Extended-A, Small Kana Extension
    (0x1F200, 0x1F2FF),  # Enclosed Ideographic Supplement
    (0x20000, 0x2FA1F),  # CJK Unified Ideographs Extensions B–F, Compatibility Ideographs Supplement
    (0x30000, 0x323AF),  # CJK Unified Ideographs Extensions G–H
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    def esc(cp: int) -> str:
        return f"\\U{cp:08x}"

    return "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in ranges)


_EA = _char_class(EAST_ASIAN_RANGES)
_EA_RE = re.compile(f"[{_EA}]")  # compiling this class takes ~3 ms: it is compiled once
_NON_SPACE_RUN = re.compile(r"\S+")
_SPACE_RE = re.compile(r"\s")


def is_east_asian(ch: str) -> bool:
    """True when Word counts this one character as one 字 on its own."""
    return bool(_EA_RE.match(ch))


def has_east_asian(text: str) -> bool:
    """True when the text holds at least one East Asian character."""
    return bool(_EA_RE.search(text))


def word_count(text: str) -> int:
    """Word's 字数: East Asian characters + runs of other non-space characters."""
    if not text:
        return 0
    # A non-East-Asian "word" is a maximal run of characters that are neither white space nor
    # East Asian: with each East Asian character turned into a space, a run of non-space.
    spaced, east_asian = _EA_RE.subn(" ", text)
    return east_asian + len(_NON_SPACE_RUN.findall(spaced))


def char_count(text: str) -> int:
    """Word's 字符数(不计空格): every character except white space."""
    if not text:
        return 0
    return len(text) - len(_SPACE_RE.findall(text))


@dataclass(frozen=True)
class TextCount:
    """Word's two numbers for a text: 字数 and 字符数(不计空格)."""

    words: int = 0  # 字数
    chars: int = 0  # 字符数(不计空格)

    def __add__(self, other: "TextCount") -> "TextCount":
        if not isinstance(other, TextCount):
            return NotImplemented
        return TextCount(self.words + other.words, self.chars + other.chars)


def count_text(text: str) -> TextCount:
    """Both of Word's numbers for one text (pieces counted separately may simply be added:
    a paragraph or table-cell boundary always ends a word)."""
    return TextCount(word_count(text), char_count(text))


# -- joining lines ---------------------------------------------------------------------------------
# One rule for every place where a line break typed inside a paragraph or a YAML value disappears
# (plan.md soft breaks, YAML plain/folded scalars): no space where either side is East Asian in the
# sense of `is_east_asian` (so “链主”⏎企业 and 80%⏎以上 join tight), one space between two other
# characters (English words). With this rule a joined text counts exactly as its lines counted apart.
def line_joiner(before: str, after: str) -> str:
    """What a line break between `before` (text up to the break) and `after` becomes: "" or " "."""
    if not before or not after or before[-1].isspace() or after[0].isspace():
        return ""
    if is_east_asian(before[-1]) or is_east_asian(after[0]):
        return ""
    return " "


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph joined by `line_joiner` (each line stripped of surrounding blanks)."""
    out = ""
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        out = out + line_joiner(out, piece) + piece if out else piece
    return out
