"""Numbers as people type them, and exact decimal rounding as the form wants it.

Reading (`read_number`): the value a person means, or a reason in Chinese — never another
number. Full-width digits and signs (１８．６) are read as half-width, well-formed thousands
groups (31,460 / 1,234.56) and exponents (1.5e3) are accepted, each with a note saying how
the text was read; a comma anywhere else ("18,6", "236,18") is refused with what was
probably meant, because removing it would silently make 18.6 into 186.

Bounds (`sane_maximum`): the form sets no upper limit on most figures, but a figure beyond
these is a typing error (a wrong unit or a lost decimal point), and far beyond them it
would print as hundreds of digits.

Rounding (填报说明 2: 保留小数点后2位): half up, as people round by hand (2.675 → 2.68), on
Decimals built from the text the user wrote, never on binary floats.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TWO_PLACES = Decimal("0.01")

# Full-width digits, point, signs, comma, exponent letter; the minus sign and dashes people paste.
_HALF_WIDTH = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "＋": "+", "－": "-", "−": "-", "–": "-", "，": ",", "Ｅ": "E", "ｅ": "e",
})
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_EXPONENT = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))[eE]([+-]?\d{1,6})")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNIT_TAIL = re.compile(r"^([+-]?[\d.,]+)\s*([^\d\s.,+-].*)$")

# Upper bounds by unit, for figures whose field sets none (README 限制 lists them).
UNIT_MAXIMUM: dict[str, Decimal] = {
    "亿元": Decimal(100_000),  # 10 万亿元: more than any province's output
    "万元": Decimal(1_000_000_000),  # the same in 万元
    "平方公里": Decimal(20_000),  # larger than any county of Shandong
    "人": Decimal(10_000_000),
    "个": Decimal(1_000_000),
    "件": Decimal(1_000_000),
    "%": Decimal(10_000),  # growth rates may exceed 100 %, not 100 times
    "吨二氧化碳/万元": Decimal(1_000),
}
DEFAULT_MAXIMUM = Decimal(1_000_000_000_000)


def sane_maximum(unit: str) -> Decimal:
    return UNIT_MAXIMUM.get(unit, DEFAULT_MAXIMUM)


@dataclass(frozen=True)
class ReadNumber:
    """A number read from text: the value, or why not; and notes on how it was read."""

    value: Decimal | None
    problem: str = ""  # Chinese, when value is None
    notes: tuple[str, ...] = ()  # Chinese, what was normalised (shown as warnings)


def read_number(text: str) -> ReadNumber:
    """The number `text` means, or a problem naming the value and what was probably meant."""
    raw = text.strip()
    s = raw.translate(_HALF_WIDTH)
    notes: list[str] = []
    if s != raw:
        notes.append(f"全角数字或符号“{raw}”已按半角读作“{s}”")
    if not s:
        return ReadNumber(None, "没有数字")
    if "," in s:
        if _THOUSANDS.fullmatch(s):
            plain = s.replace(",", "")
            notes.append(f"“{raw}”中的逗号按千分位读作 {plain}")
            s = plain
        else:
            return ReadNumber(None, _comma_problem(raw, s))
    m = _EXPONENT.fullmatch(s)
    if m:
        try:
            d = Decimal(s)
        except InvalidOperation:
            return ReadNumber(None, f"“{raw}”不是有效的数字")
        plain = number_text(d)
        notes.append(f"“{raw}”按科学计数法读作 {plain}")
        return ReadNumber(d, notes=tuple(notes))
    if _PLAIN.fullmatch(s):
        return ReadNumber(Decimal(s), notes=tuple(notes))
    unit = _UNIT_TAIL.match(s)
    if unit:
        return ReadNumber(None, f"“{raw}”的数字后面写了“{unit.group(2)}”；只写数字，单位不写")
    return ReadNumber(None, f"“{raw}”不是数字")


def number_text(d: Decimal) -> str:
    """A Decimal without exponent, short enough for a message (huge ones by their digit count)."""
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and abs(exp) > 30:
        return f"一个 {len(d.as_tuple().digits) + max(exp, 0)} 位的数" if exp > 0 else "一个极小的数"
    return f"{d:f}"


def _comma_problem(raw: str, s: str) -> str:
    parts = s.lstrip("+-").split(",")
    head = f"“{raw}”中的逗号位置不对（逗号只能用作千分位，每三位一个，如 31,460 或 1,234.56）"
    if len(parts) == 2 and parts[1].isdigit() and len(parts[1]) != 3 and "." not in s:
        return f"{head}；如果是 {s.replace(',', '.')}，小数点请用“.”"
    return f"{head}；请只写数字和小数点“.”，不写逗号"


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


_UNIT_ALIASES = {"吨/万元": "吨二氧化碳/万元", "tCO2/万元": "吨二氧化碳/万元", "％": "%", "百分比": "%"}


def unit_key(unit: str) -> str:
    """A unit as compared (never as printed): full-width and spaced forms, and short names, alike."""
    u = "".join(str(unit or "").translate(_HALF_WIDTH).replace("％", "%").split())
    return _UNIT_ALIASES.get(u, u)
