"""Small helpers every field checker shares: blank values, quoting, numbers, evidence paths."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..model import MISSING
from .context import CheckContext

NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
EVIDENCE_SEPARATOR = re.compile(r"[;；]")


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
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and NUMBER_TEXT.match(value.strip().replace(",", "")):
        try:
            return Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return None
    return None


def evidence_list(ctx: CheckContext, value: Any, path: tuple, label: str, proves: str) -> tuple[str, ...] | None:
    """Paths from a string, a `;`-separated string or a list; None when malformed."""
    if isinstance(value, str):
        items = [p.strip() for p in EVIDENCE_SEPARATOR.split(value) if p.strip()]
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
