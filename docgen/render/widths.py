"""Column widths of a table chosen by its content, as a browser lays out an automatic table.

Used for the 附表 after the form and the target table of 八: short values (a year, a date,
“330亿元”) never wrap, long names share the rest of the line.
"""
from __future__ import annotations

import re

SHORT_VALUE_EM = 8  # values up to 8 字 wide (2012年12月18日) are kept on one line
# Counted with regular expressions: a 附表 of 5,000 rows measures every cell (bench_build.py).
_WIDE = re.compile(r"[\u2e80-\U0010ffff]+")


def text_em(text: str) -> float:
    """Width of `text` in em, generously: a Chinese character 1, a capital 0.65, a digit 0.6.

    Generous because the face that prints the Latin letters differs (Times New Roman in Word,
    a CJK face's Latin in the PDF preview); a value that fits only in one of them would wrap.
    """
    narrow = _WIDE.sub("", text)
    upper = sum(map(str.isupper, narrow))
    return (100 * (len(text) - len(narrow)) + 65 * upper + 60 * (len(narrow) - upper)) / 100


def _longest_word_em(text: str) -> float:
    """The widest piece a line may not break inside: a run of Latin letters and digits, or 2 字."""
    runs = re.findall(r"[\x21-\x7e]+", text)
    return max([text_em(r) for r in runs] + [min(text_em(text), 2.0)])


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def column_widths(header: list[str], rows: list[list[str]], total_tw: int, size_pt: float, *,
                  short_em: float = SHORT_VALUE_EM) -> list[int]:
    """Widths in twips summing to `total_tw`, for text of `size_pt`.

    A column's text width is its 90th percentile (a rare long value wraps, the column does
    not widen for it). Short values (up to `short_em`: a year, a date) never wrap; every other
    column gets at least its widest unbreakable piece (a patent number, 2 字 of a name). If
    all texts fit on one line each column gets its longest text and the rest is shared out;
    otherwise the room beyond the minimums goes to the columns in proportion to
    how much they would need to fit on one line, so long names wrap and short values never do.
    """
    pad = 2 * 85 + 120  # cell margins and some slack, twips
    em = size_pt * 20
    n = len(header)
    sample = rows[:2000]  # enough to know a column; a long list need not be read twice
    # a column's "long" text: its 90th percentile, so one long name does not widen a whole column
    ems = [[text_em(r[j]) for r in sample if j < len(r)] for j in range(n)]
    longest = [_percentile(e, 0.9) for e in ems]
    # a column of short values is as wide as its longest (they never wrap)
    most = [max(e + [0.0]) for e in ems]
    longest = [m if m <= short_em else w for w, m in zip(longest, most)]
    # a header may wrap onto three lines, never inside a 2-字 word
    natural = [max(longest[j], text_em(header[j]) / 3, 2.0) * em + pad for j in range(n)]
    # short values (a year, a date, 国家级) never wrap; longer ones not inside a Latin word
    minimum = [natural[j] if longest[j] <= short_em else
               max([_longest_word_em(r[j]) for r in sample if j < len(r)] + [2.0]) * em + pad for j in range(n)]
    if sum(natural) <= total_tw:
        extra = total_tw - sum(natural)
        widths = [w + extra * w / sum(natural) for w in natural]
    elif sum(minimum) >= total_tw:
        widths = [total_tw * w / sum(minimum) for w in minimum]
    else:
        room = total_tw - sum(minimum)
        need = [nat - mn for nat, mn in zip(natural, minimum)]
        widths = [mn + room * nd / sum(need) for mn, nd in zip(minimum, need)]
    out = [int(w) for w in widths]
    out[-1] += total_tw - sum(out)
    return out
