"""Dates as people and spreadsheets write them: 2024-04-20, 2012/7/18, 2012.07.18, 2024年4月20日,
full-width digits, date cells (read as ISO text by the loader) and Excel's day numbers."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..form.kinds import DateField
from ..model import MISSING, Month
from .context import CheckContext

ISO_DATE = re.compile(r"^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")  # also Excel's 2012/7/18, 2012.07.18
HALF_WIDTH_DATE = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "－": "-", "／": "/", "．": "."})
CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
ISO_MONTH = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
CN_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")


def q(value: Any) -> str:
    text = str(value)
    return f"“{text[:30]}…”" if len(text) > 30 else f"“{text}”"


def _ymd(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def parse_date(value: Any, month_only: bool) -> date | Month | None:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip().translate(HALF_WIDTH_DATE)
    m = ISO_DATE.match(text)
    if m:
        return _ymd(m[1], m[3], m[4])
    m = CN_DATE.match(text)
    if m:
        return _ymd(m[1], m[2], m[3])
    if month_only:
        for rx in (ISO_MONTH, CN_MONTH):
            m = rx.match(text)
            if m and 1 <= int(m[2]) <= 12:
                return Month(int(m[1]), int(m[2]))
    return None


# Excel's day numbers (1900 date system) of 1955-01-01 … 2118-12-31: a number this size in a
# date column is a date cell that lost its format (a year or a day of the month is far smaller).
EXCEL_SERIALS = (20090, 80000)


def _excel_serial(ctx: CheckContext, value: Any, path: tuple, label: str) -> date | None:
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = Decimal(value.strip())  # a CSV saved from a sheet whose date cells lost their format
    if not isinstance(value, Decimal) or value != value.to_integral_value():
        return None
    if not EXCEL_SERIALS[0] <= value <= EXCEL_SERIALS[1]:
        return None
    d = date(1899, 12, 30) + timedelta(days=int(value))
    ctx.warning(path, f"“{label}”写的是 {value}，按 Excel 日期序号读作 {d.isoformat()}；"
                      "请核对，并建议把该列设为日期格式", "date-excel-serial")
    return d


def check_date(ctx: CheckContext, f: DateField, value: Any, path: tuple, label: str) -> Any:
    serial = _excel_serial(ctx, value, path, label)
    if serial is not None:
        return serial
    if isinstance(value, Decimal):
        value = ctx.doc.raw.get(path, str(value))
    d = parse_date(value, f.month_only)
    if d is None:
        form = "YYYY-MM 或 YYYY-MM-DD（如 2008-06）" if f.month_only else "YYYY-MM-DD（如 2024-04-20）"
        ctx.error(path, f"“{label}”应为日期，写作 {form}，现在是{q(value)}", "type-date")
        return MISSING
    return d
