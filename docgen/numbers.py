"""Exact decimal rounding as the form wants it (填报说明 2: 保留小数点后2位).

Half up, as people round by hand (2.675 → 2.68), on Decimals built from the
text the user wrote, never on binary floats and never banker's rounding.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def round_half_up(d: Decimal, places: Decimal = TWO_PLACES) -> Decimal:
    return d.quantize(places, rounding=ROUND_HALF_UP)


def is_whole(d: Decimal) -> bool:
    return d == d.to_integral_value()


def format_decimal(d: Decimal) -> str:
    """Integers plain ('12'), anything with a fraction with exactly two decimals ('2.68')."""
    if is_whole(d):
        return f"{d.to_integral_value():f}"
    r = round_half_up(d)
    return f"{r:f}"
