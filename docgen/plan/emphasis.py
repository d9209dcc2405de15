"""CJK-friendly emphasis for markdown-it-py: `**加强组织领导。**健全…` is bold.

CommonMark's flanking rules treat 。，“（ like any punctuation, so a `**` with
Chinese punctuation inside and a Chinese character outside neither opens nor
closes, and the asterisks print. This plugin implements the amendment of the
"CommonMark CJK-friendly Amendments Specification" (tats-u/markdown-cjk-friendly,
section 6.2, the rule markdown-it's `markdown-it-cjk-friendly` follows):

- left-flanking: not followed by white space, and either not followed by a
  non-CJK punctuation character, or preceded by white space, a non-CJK
  punctuation sequence, a CJK sequence or an ideographic variation selector;
- right-flanking: not preceded by white space, and either not preceded by a
  non-CJK punctuation sequence, or followed by white space, a non-CJK
  punctuation character or a CJK character;
- a `_` run opens only when not right-flanking or preceded by punctuation
  (closing mirrored), as in CommonMark.

A "CJK character" is one of East Asian Width W, F or H that is not an emoji,
or Hangul; a "sequence" is such a character optionally followed by a standard
variation selector (U+FE00–U+FE0E). Texts without CJK characters parse exactly
as CommonMark.

Why not the PyPI package `mdit-py-cjk-friendly` (0.3.0): it replaces
`StateInline.scanDelims` for every parser in the process on import, stores a
private attribute on the MarkdownIt object, pins markdown-it-py < 4, and its CJK
set misses Hangul syllables and ideograph extensions C–H. This module uses only
the plugin API: it swaps the "emphasis" inline rule of one parser.
"""
from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Delimiter, StateInline

_EMOJI_RANGES = (  # East Asian Width W characters shown as emoji by default (not CJK text)
    (0x231A, 0x231B), (0x23E9, 0x23FA), (0x25FD, 0x25FE), (0x2600, 0x27BF),
    (0x2B1B, 0x2B55), (0x1F000, 0x1FAFF),
)
_HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= cp <= b for a, b in ranges)


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    if _in(cp, _HANGUL_RANGES):
        return True
    return unicodedata.east_asian_width(ch) in ("W", "F", "H") and not _in(cp, _EMOJI_RANGES)


def _is_punct(ch: str) -> bool:
    return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)


def _is_svs(ch: str) -> bool:
    return 0xFE00 <= ord(ch) <= 0xFE0E


def _is_ivs(ch: str) -> bool:
    return 0xE0100 <= ord(ch) <= 0xE01EF


def _flanking(src: str, start: int, end: int, limit: int) -> tuple[bool, bool, bool, bool]:
    """(left-flanking, right-flanking, preceded by punctuation, followed by punctuation)
    for the delimiter run src[start:end]; the line's start and end count as white space."""
    before = src[start - 1] if start > 0 else " "
    after = src[end] if end < limit else " "
    # a variation selector belongs to the character before it ("sequence" in the specification)
    base = src[start - 2] if _is_svs(before) and start > 1 else before

    before_ws = isWhiteSpace(ord(before))
    after_ws = isWhiteSpace(ord(after))
    before_punct = _is_punct(base)
    after_punct = _is_punct(after)
    before_non_cjk_punct = before_punct and not is_cjk(base)
    after_non_cjk_punct = after_punct and not is_cjk(after)

    left = not after_ws and (
        not after_non_cjk_punct or before_ws or before_non_cjk_punct or is_cjk(base) or _is_ivs(before)
    )
    right = not before_ws and (
        not before_non_cjk_punct or after_ws or after_non_cjk_punct or is_cjk(after)
    )
    return left, right, before_punct, after_punct


def _tokenize(state: StateInline, silent: bool) -> bool:
    """markdown-it-py's emphasis tokenizer with the CJK-friendly flanking rule."""
    start = state.pos
    marker = state.src[start]
    if silent or marker not in ("_", "*"):
        return False
    end = start
    while end < state.posMax and state.src[end] == marker:
        end += 1
    left, right, before_punct, after_punct = _flanking(state.src, start, end, state.posMax)
    if marker == "*":
        can_open, can_close = left, right
    else:
        can_open = left and (not right or before_punct)
        can_close = right and (not left or after_punct)
    length = end - start
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(marker=ord(marker), length=length, token=len(state.tokens) - 1,
                      end=-1, open=can_open, close=can_close)
        )
    state.pos = end
    return True


def cjk_friendly_emphasis(md: MarkdownIt) -> None:
    """Plugin: `MarkdownIt(...).use(cjk_friendly_emphasis)`; pairing (`balance_pairs`) and
    the emphasis post-processing stay markdown-it-py's own."""
    md.inline.ruler.at("emphasis", _tokenize)
