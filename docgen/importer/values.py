"""Cell text → values, the way people type them into the form.

Each reader returns the value and, when it had to interpret the text (a unit typed after
a number, √ for a tick, a date written with dots), a note saying how — the import report
lists every such note so nothing is changed silently.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from ..form.kinds import NONE_TEXT

CHECKED, UNCHECKED = "☑", "□"
_CHECKED_CHARS = "☑■√✓✔☒⊠▣✅"
_UNCHECKED_CHARS = "□☐▢◻⬜"
_NONE_WORDS = {"无", "/", "／", "—", "——", "-", "--", "－", "空", "暂无", "没有"}


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_" (the re module's definition)


def norm(text: str) -> str:
    """Labels compared as a reader would: letters and digits only (full/half width alike).

    Spaces, line breaks, colons, brackets and other punctuation do not tell two labels apart,
    so a label that gained its official colon or lost a space still matches.
    """
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text))


def clean(text: str) -> str:
    """A typed value: spaces at the ends and around line breaks removed, inner spaces of a
    line kept (Latin text needs them), runs of blank lines collapsed."""
    if "\n" not in text and "\r" not in text:  # most cells: one line
        return text.strip(" \t\u3000\xa0")
    lines = [ln.strip(" \t\u3000\xa0") for ln in text.replace("\r", "\n").split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def glyphs(text: str) -> str:
    """Every kind of typed tick as ☑ and every empty box as □."""
    return "".join(CHECKED if c in _CHECKED_CHARS else UNCHECKED if c in _UNCHECKED_CHARS else c for c in text)


def typed_tick(text: str) -> str:
    """The first non-standard tick character typed in `text` ("" when only ☑ was used)."""
    for c in text:
        if c in _CHECKED_CHARS and c != CHECKED:
            return c
    return ""


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def number(text: str, unit: str = "") -> tuple[Decimal | str | None, str]:
    """(value, note): Decimal, 无, or None when no number can be read."""
    raw = clean(text)
    t = unicodedata.normalize("NFKC", raw).replace("−", "-").replace("－", "-")
    t = re.sub(r"(?<=\d)[,，](?=\d{3}\b)", "", t)  # 1,234 → 1234
    compact = re.sub(r"\s+", "", t)
    if not compact:
        return None, ""
    if compact in _NONE_WORDS:
        return NONE_TEXT, ("" if compact == NONE_TEXT else f"“{raw}”按“无”读取")
    found = _NUMBER.findall(compact)
    if len(found) != 1:
        return None, ""
    try:
        d = Decimal(found[0])
    except InvalidOperation:
        return None, ""
    if compact == found[0]:
        return d, ""
    rest = compact.replace(found[0], "", 1)
    note = f"“{raw}”读作 {found[0]}"
    u = unicodedata.normalize("NFKC", unit or "")
    if rest and u and rest != u and not (u == "%" and rest == "%") and not set(rest) <= set("个件家人项次约余多近"):
        note += f"（所写“{rest}”与表上的单位“{unit}”不同，未换算，请核对）"
    return d, note


def number_with_unit(text: str) -> tuple[Decimal | None, str]:
    """'13.45%' → (13.45, '%'); '0.36吨二氧化碳/万元' → (0.36, '吨二氧化碳/万元'); text → (None, '')."""
    t = unicodedata.normalize("NFKC", clean(text)).replace("−", "-")
    m = re.fullmatch(r"\s*([-+]?\d+(?:\.\d+)?)\s*(.*?)\s*", t, re.S)
    if not m or re.search(r"\d", m.group(2)) and not re.fullmatch(r"[^\d]*(/|每)?[^\d]*\d*[^\d]*", m.group(2)):
        return None, ""
    unit = m.group(2)
    if "\n" in unit:
        return None, ""
    return Decimal(m.group(1)), unit.replace("％", "%")


_DATE = [
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})"),
]
_MONTH = [re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?"), re.compile(r"(\d{4})\s*[-./／]\s*(\d{1,2})")]


def a_date(text: str, month_only: bool = False) -> tuple[date | str | None, str]:
    """(date, note); a month-only value as 'YYYY-MM'."""
    raw = clean(text)
    t = unicodedata.normalize("NFKC", raw)
    for rx in _DATE:
        m = rx.fullmatch(t.strip())
        if m:
            try:
                d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None, ""
            note = "" if "年" in t else f"“{raw}”读作 {d.isoformat()}"
            return d, note
    if month_only:
        for rx in _MONTH:
            m = rx.fullmatch(t.strip())
            if m and 1 <= int(m.group(2)) <= 12:
                return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}", ""
    return None, ""


def option_states(text: str, labels: list[str]) -> dict[str, bool | None]:
    """Each option label's state in a cell: True ticked, False a box left empty, None no box.

    The glyph is the box typed just before the label; when the boxes follow their options
    (the text ends with a box and does not start with one: “是□ 否√”), the one just after it. Labels are compared as `norm` does,
    longest first, so that one option's words inside another's are not taken for it.
    """
    t = glyphs(unicodedata.normalize("NFKC", text).replace("√", CHECKED))
    kept = "".join(c for c in t if c.isalnum() or c in (CHECKED, UNCHECKED))
    taken = [False] * len(kept)
    around: dict[str, tuple[str, str]] = {}
    for label in sorted(labels, key=lambda s: -len(norm(s))):
        key = norm(label)
        i = kept.find(key) if key else -1
        while i >= 0 and any(taken[i:i + len(key)]):
            i = kept.find(key, i + 1)
        if i < 0:
            around[label] = ("", "")
            continue
        for k in range(i, i + len(key)):
            taken[k] = True
        around[label] = (kept[i - 1] if i > 0 else "", kept[i + len(key)] if i + len(key) < len(kept) else "")
    boxes = (CHECKED, UNCHECKED)
    # boxes typed after their options (“是□ 否√”): the text ends with a box and does not start with one
    any_before = not (kept and kept[-1] in boxes and kept[0] not in boxes)
    out: dict[str, bool | None] = {}
    for label in labels:
        before, after = around.get(label, ("", ""))
        if any_before:
            out[label] = (before == CHECKED) if before in boxes else None
        else:
            out[label] = True if after == CHECKED else (False if after == UNCHECKED else None)
    return out
