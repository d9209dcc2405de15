"""Values as the form prints them — the one place for it (申报表 and 汇总表 alike).

- A number with a fractional part: exactly two decimals, rounded half up on the exact
  Decimal (2.675 → 2.68, 0.125 → 0.13); a whole number stays plain (12); a count is an int.
- `无` where the user wrote 无 (填报说明 2).
- Dates `2024年4月20日`, months `2008年6月` (no zero padding, GB/T 9704).
- Checkboxes `☑`/`□` from settings.
- In a draft, a missing value becomes `【待填写：<label>】`, a `Pending` string that the
  renderers highlight.

Every function here returns text; nothing here knows about Word.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Iterable

from . import settings
from .form import kinds
from .form.kinds import NONE_TEXT
from .model import MISSING, Month
from .numbers import format_decimal


class Pending(str):
    """The text shown for a value that a draft still lacks (highlighted when rendered)."""

    __slots__ = ()


def pending(label: str) -> Pending:
    return Pending(settings.MISSING_TEXT.format(label=label))


def is_pending(value: Any) -> bool:
    return isinstance(value, Pending)


def is_missing(value: Any) -> bool:
    return value is MISSING or value is None


def number(value: Any, label: str = "") -> str:
    """Decimal/int → form text; 无 stays 无; MISSING → the draft marker."""
    if is_missing(value):
        return pending(label)
    if isinstance(value, bool):  # never print True/False as 1/0
        raise TypeError(f"{label}: 不是数字：{value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{label}: 不是有限的数：{value}")
        text = format_decimal(value)
        if text.startswith("-") and not text.strip("-0."):  # −0.001 rounds to 0.00, not −0.00
            text = text[1:]
        return text
    if isinstance(value, str):
        return value  # 无, or text the validator already accepted
    raise TypeError(f"{label}: 不是数字：{value!r}")


def text(value: Any, label: str = "") -> str:
    if is_missing(value):
        return pending(label)
    if isinstance(value, Decimal):
        return number(value, label)
    return str(value)


def date(value: Any, label: str = "") -> str:
    """2024-04-20 → 2024年4月20日; a Month → 2008年6月."""
    if is_missing(value):
        return pending(label)
    if isinstance(value, Month):
        return f"{value.year}年{value.month}月"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def month(value: Any, label: str = "") -> str:
    """A founding date printed to the month: 2008年6月 (a full date keeps its day)."""
    return date(value, label)


def checkbox(checked: bool) -> str:
    return settings.CHECKED if checked else settings.UNCHECKED


def join_names(names: Iterable[str], empty: str = NONE_TEXT) -> str:
    names = [str(n) for n in names]
    return "、".join(names) if names else empty


def count(value: Any, label: str = "") -> str:
    """A count derived from a list: 0 is 0 (not 无)."""
    return number(value, label)


def contact(name: Any, phone: Any, label: str = "联系人及联系电话") -> str:
    parts = [text(name, label + "（联系人）"), text(phone, label + "（联系电话）")]
    return "　".join(parts)


_NO_STRIP = ("新区", "开发区", "园区", "示范区", "高新区", "工业区", "自治县")


def region_stem(name: Any, suffixes: str) -> str:
    """The part of 泉山市 that goes on the form's blank before its printed 市.

    The form prints `__市__县(市、区)`: the blank holds the name without its last
    character when that character is what the form prints after the blank. Names
    such as 高新区 keep their full text (the form's 县(市、区) then follows them).
    """
    if is_missing(name):
        return name
    s = str(name).strip()
    if len(s) >= 2 and s[-1] in suffixes and not s.endswith(_NO_STRIP):
        return s[:-1]
    return s


def region(city: Any, county: Any) -> tuple[str, str]:
    """(city blank, county blank) for the cover's 所属地区 line."""
    c = region_stem(city, "市")
    k = region_stem(county, "县市区")
    return (
        pending("所属地区（市）") if is_missing(c) else c,
        pending("所属地区（县（市、区））") if is_missing(k) else k,
    )


def options(field: kinds.Field) -> tuple[tuple[str, str], ...]:
    """(key, printed label) of each box of a YesNo, YesNoNA, Choice or Checkboxes field."""
    if isinstance(field, kinds.Checkboxes):
        return tuple((o.key, o.label) for o in field.options)
    if isinstance(field, kinds.YesNo):  # YesNoNA included
        return field.options
    if isinstance(field, kinds.Choice):
        return tuple((c, c) for c in field.choices)
    raise TypeError(field)


def boxes(field: kinds.Field, value: Any) -> dict[str, str]:
    """Option key → glyph. A missing answer: all □, the first one preceded by the marker."""
    opts = options(field)
    marked = Pending(pending(field.label) + settings.UNCHECKED)
    if is_missing(value):  # the whole answer is missing: one marker, before the first box
        return {key: (marked if i == 0 else settings.UNCHECKED) for i, (key, _) in enumerate(opts)}
    if isinstance(field, kinds.Checkboxes):
        out = {}
        for key, _ in opts:
            st = value.get(key, MISSING) if isinstance(value, dict) else MISSING
            out[key] = marked if is_missing(st) else checkbox(bool(getattr(st, "checked", st)))
        return out
    return {key: checkbox(value == key) for key, _ in opts}


def value(field: kinds.Field, v: Any) -> str:
    """Any single-cell field by its kind."""
    label = field.label
    if isinstance(field, kinds.Number):
        return number(v, label)
    if isinstance(field, kinds.DateField):
        return date(v, label)
    if isinstance(field, kinds.Evidence):
        if is_missing(v):
            return pending(label)
        return join_names(v)
    if isinstance(field, kinds.Text):  # Narrative included
        return text(v, label)
    if isinstance(field, (kinds.YesNo, kinds.Choice)):
        return text(v, label)
    raise TypeError(f"{label}: 这一类栏目没有单值文字：{type(field).__name__}")
