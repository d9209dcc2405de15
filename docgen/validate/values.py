"""Small helpers every field checker shares: blank values, quoting, numbers, evidence paths."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..model import MISSING
from ..numbers import read_number
from .context import CheckContext

EVIDENCE_SEPARATOR = re.compile(r"[;；]")
# 、，, between two paths: only after a file extension, since a file name may hold 、 or ，itself
EVIDENCE_LIST_COMMA = re.compile(r"(?<=\.[A-Za-z0-9]{2})[、，,]|(?<=\.[A-Za-z0-9]{3})[、，,]|(?<=\.[A-Za-z0-9]{4})[、，,]")


def q(value: Any) -> str:
    """A user value quoted for a message, shortened."""
    text = str(value)
    return f"“{text[:30]}…”" if len(text) > 30 else f"“{text}”"


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing(ctx: CheckContext, path: tuple, label: str, present: bool) -> Any:
    if present:
        msg = f"“{label}”未填写；必填栏目不得空缺，无相关情况时请填写“无”"
    else:
        msg = f"缺少栏目“{label}”（键“{path[-1]}”）；必填栏目不得空缺，无相关情况时请填写“无”"
    ctx.error(path, msg, "field-missing")
    return MISSING


def to_decimal(value: Any) -> Decimal | None:
    """The number a value means, or None (see docgen.numbers.read_number for the forms read)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        return read_number(value).value
    return None


def evidence_list(ctx: CheckContext, value: Any, path: tuple, label: str, proves: str) -> tuple[str, ...] | None:
    """Paths from a string, a `;`-separated string or a list; None when malformed."""
    if isinstance(value, str):
        items = [p.strip() for part in EVIDENCE_SEPARATOR.split(value)
                 for p in EVIDENCE_LIST_COMMA.split(part) if p.strip()]
        locs = [ctx.loc(path)] * len(items)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [v.strip() for v in value if v.strip()]
        locs = [ctx.loc(path + (i,)) for i, v in enumerate(value) if v.strip()]
    else:
        ctx.error(path, f"“{label}”的佐证材料应写文件路径，或路径的列表，现在是{q(value)}", "type-evidence")
        return None
    for p, at in zip(items, locs):
        ctx.cite(p, proves, at)
    return tuple(items)
