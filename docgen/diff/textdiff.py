"""A token diff of two texts, for showing changes inline and marking Word revisions.

Tokens are what a reader sees as one unit: a number with its decimals (236.18), a Latin
word, one CJK character, one punctuation mark or space. Changes separated by only a
short unchanged stretch are joined, so "☑是　　□否" → "□是　　☑否" or a two-digit edit is
one change, not several.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[A-Za-z]+(?:['-][A-Za-z]+)*|\s|.", re.S)
MERGE_GAP = 3  # an unchanged stretch of at most this many tokens between two changes is absorbed


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class Piece:
    """One stretch of the diff: `op` is "equal", "delete", "insert" or "replace"."""

    op: str
    old: str
    new: str


def diff_pieces(old: str, new: str, *, merge_gap: int = MERGE_GAP) -> list[Piece]:
    """The two texts as alternating unchanged and changed stretches (concatenating
    the `old` of every piece gives `old`; the `new`, `new`)."""
    a, b = tokens(old), tokens(new)
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    merged: list[list] = []  # [tag, i1, i2, j1, j2]
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal" and merged and merged[-1][0] != "equal":
            merged[-1][2], merged[-1][4] = i2, j2
        elif (tag == "equal" and merged and merged[-1][0] != "equal" and i2 - i1 <= merge_gap
              and i2 < len(a) and j2 < len(b)):
            # a short unchanged stretch between two changes: part of one change
            merged[-1][2], merged[-1][4] = i2, j2
        else:
            merged.append([tag, i1, i2, j1, j2])
    pieces = []
    for tag, i1, i2, j1, j2 in merged:
        o, n = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag != "equal":
            tag = "replace" if o and n else ("delete" if o else "insert")
        pieces.append(Piece(tag, o, n))
    return pieces


def inline(old: str, new: str) -> str:
    """NEW with each change shown in place: 〔删：x〕, 〔增：y〕, 〔x→y〕."""
    out = []
    for p in diff_pieces(old, new):
        if p.op == "equal":
            out.append(p.new)
        elif p.op == "delete":
            out.append(f"〔删：{p.old}〕")
        elif p.op == "insert":
            out.append(f"〔增：{p.new}〕")
        else:
            out.append(f"〔{p.old}→{p.new}〕")
    return "".join(out)


_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def sentences(text: str) -> list[str]:
    """The text cut after 。！？； (closing quotes stay with their sentence)."""
    return [s for s in _SENTENCE.findall(text) if s]
