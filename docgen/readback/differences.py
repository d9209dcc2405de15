"""A difference between what was typed and what prints, and how it is quoted to the user."""
from __future__ import annotations

from dataclasses import dataclass

from ..wordcount import is_east_asian

RULE = "print-differs"


@dataclass(frozen=True)
class Difference:
    """One place where the printed form says something other than its source."""

    file: str
    line: int
    col: int
    message: str


def excerpt_pair(typed: str, printed: str, context: int = 10) -> tuple[str, str]:
    """The two texts around their first difference, each cut to a few characters either side
    (“…集群 产值…”), so that a long paragraph's difference can be seen at once."""
    if len(typed) <= 2 * context + 8 and len(printed) <= 2 * context + 8:
        return _visible(typed), _visible(printed)
    start = 0
    while start < min(len(typed), len(printed)) and typed[start] == printed[start]:
        start += 1
    end = 0
    while (end < min(len(typed), len(printed)) - start
           and typed[len(typed) - 1 - end] == printed[len(printed) - 1 - end]):
        end += 1
    lo = max(0, start - context)

    def cut(s: str) -> str:
        hi = min(len(s), len(s) - end + context)
        return ("…" if lo else "") + _visible(s[lo:hi]) + ("…" if hi < len(s) else "")

    return cut(typed), cut(printed)


def _visible(text: str) -> str:
    return text.replace("\n", "↵")


def space_note(typed: str, printed: str) -> str:
    """Why two texts differ when the printed one only has half-width spaces more beside Chinese
    (a line break printed as a space), or "" when that is not it."""
    if typed.replace(" ", "") != printed.replace(" ", "") or printed.count(" ") <= typed.count(" "):
        return ""
    return "（多了一个半角空格：多半是换行处被印成了空格；请把这两行接成一行）"


def stray_spaces(printed: str, source_text: str) -> list[str]:
    """Half-width spaces beside an East Asian character in `printed` that the source file never
    has in that place (“集 产” is looked for as typed): each as a short quote."""
    out: list[str] = []
    for i, c in enumerate(printed):
        if c != " " or i == 0 or i == len(printed) - 1:
            continue
        before, after = printed[i - 1], printed[i + 1]
        if not (is_east_asian(before) or is_east_asian(after)) or before.isspace() or after.isspace():
            continue
        if before + " " + after not in source_text:
            out.append(printed[max(0, i - 6):i + 7])
    return out
