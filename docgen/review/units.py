"""Units as people write them (％, %, 吨/万元, 吨二氧化碳/万元, 万元, 亿元, 家, 个 …), made comparable.

A unit is a dimension and a factor to that dimension's base: 亿元 is money × 10⁸, 万元 money
× 10⁴; ％ and % are the same percent; 吨二氧化碳/万元 and 吨/万元 are the same intensity (a
substance named on only one side is taken as the same substance). Two figures are compared
only when their units have the same dimension; a unit we do not know is never compared.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Full-width digits, point, percent and slash (as typed with a Chinese input method) → ASCII.
_FULL_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULL_WIDTH.update({"．": ".", "％": "%", "／": "/"})


_TO_ASCII = str.maketrans(_FULL_WIDTH)


def ascii_digits(text: str) -> str:
    """The same text, one character for one character, with full-width digits, ．％／ in ASCII."""
    return text.translate(_TO_ASCII)


@dataclass(frozen=True)
class Unit:
    dim: str  # money, usd, percent, permille, count, persons, times, mass, area, mass/money …
    factor: Decimal  # multiply a figure in this unit by factor to get the dimension's base
    substance: str = ""  # 二氧化碳 / 标准煤 for masses, "" when not said

    def compatible(self, other: "Unit") -> bool:
        if self.dim != other.dim:
            return False
        return not (self.substance and other.substance and self.substance != other.substance)

    def convert(self, value: Decimal, to: "Unit") -> Decimal:
        """`value` in this unit, expressed in `to` (same dimension)."""
        return value * self.factor / to.factor


_SIMPLE: dict[str, tuple[str, Decimal]] = {
    "元": ("money", Decimal(1)), "千元": ("money", Decimal(10) ** 3), "万元": ("money", Decimal(10) ** 4),
    "亿元": ("money", Decimal(10) ** 8), "万亿元": ("money", Decimal(10) ** 12),
    "美元": ("usd", Decimal(1)), "万美元": ("usd", Decimal(10) ** 4), "亿美元": ("usd", Decimal(10) ** 8),
    "%": ("percent", Decimal(1)), "‰": ("percent", Decimal("0.1")),
    "个百分点": ("points", Decimal(1)),
    "家次": ("times", Decimal(1)), "人次": ("times", Decimal(1)), "次": ("times", Decimal(1)),
    "平方公里": ("area", Decimal(10) ** 6), "平方米": ("area", Decimal(1)), "亩": ("area", Decimal("666.67")),
    "公顷": ("area", Decimal(10) ** 4),
}
_COUNT_WORDS = "家个件项户座所款种套台条"
_PERSON_WORDS = "人名位"
_MASS: dict[str, Decimal] = {"万吨": Decimal(10) ** 7, "吨": Decimal(1000), "千克": Decimal(1), "公斤": Decimal(1),
                             "kg": Decimal(1), "t": Decimal(1000)}
_SUBSTANCE = {"二氧化碳": "二氧化碳", "co2": "二氧化碳", "co₂": "二氧化碳", "标准煤": "标准煤", "标煤": "标准煤",
              "ce": "标准煤"}
_MONEY_BELOW = {"元": Decimal(1), "万元": Decimal(10) ** 4, "亿元": Decimal(10) ** 8}

_MASS_RX = "|".join(sorted(map(re.escape, _MASS), key=len, reverse=True))
_SUBST_RX = "|".join(sorted(map(re.escape, _SUBSTANCE), key=len, reverse=True))
_INTENSITY = re.compile(rf"(?P<mass>{_MASS_RX})(?P<subst>{_SUBST_RX})?(?:/|每)(?P<money>万元|亿元|元)", re.I)
_SIMPLE_RX = "|".join(sorted(map(re.escape, _SIMPLE), key=len, reverse=True))
# What may follow a figure in running text: the longest unit first.
UNIT_AFTER_NUMBER = re.compile(
    rf"{_INTENSITY.pattern}|(?:{_SIMPLE_RX})|万[{_COUNT_WORDS}{_PERSON_WORDS}]|[{_COUNT_WORDS}{_PERSON_WORDS}]"
    rf"|(?:{_MASS_RX})(?:{_SUBST_RX})?",
    re.I,
)


def parse_unit(text: str) -> Unit | None:
    """The unit written in a 单位 cell or after a figure; None when it is not one we know."""
    t = ascii_digits("".join(str(text or "").split())).lower()
    if not t:
        return None
    if t in _SIMPLE:
        dim, factor = _SIMPLE[t]
        return Unit(dim, factor)
    m = _INTENSITY.fullmatch(t)
    if m:
        subst = _SUBSTANCE.get((m["subst"] or "").lower(), "")
        return Unit("mass/money", _MASS[m["mass"].lower()] / _MONEY_BELOW[m["money"]], subst)
    big = Decimal(10) ** 4 if t.startswith("万") and len(t) == 2 else Decimal(1)
    word = t[-1] if len(t) == 1 or big != 1 else ""
    if word and word in _COUNT_WORDS:
        return Unit("count", big)
    if word and word in _PERSON_WORDS:
        return Unit("persons", big)
    m = re.fullmatch(rf"(?P<mass>{_MASS_RX})(?P<subst>{_SUBST_RX})?", t, re.I)
    if m:
        return Unit("mass", _MASS[m["mass"].lower()], _SUBSTANCE.get((m["subst"] or "").lower(), ""))
    return None


# A unit and the next smaller one people use in its place, with the factor between them.
_FINER = (("万亿元", "亿元", 10 ** 4), ("亿美元", "万美元", 10 ** 4), ("亿元", "万元", 10 ** 4),
          ("万美元", "美元", 10 ** 4), ("万元", "元", 10 ** 4), ("万吨", "吨", 10 ** 4), ("吨", "千克", 10 ** 3),
          ("千克", "克", 10 ** 3), ("公斤", "克", 10 ** 3), ("平方公里", "公顷", 100), ("公顷", "平方米", 10 ** 4),
          ("万人", "人", 10 ** 4), ("万个", "个", 10 ** 4), ("万件", "件", 10 ** 4))


def finer_unit(unit: str, value: Decimal, places: int = 2) -> tuple[str, Decimal] | None:
    """A smaller unit in which `value` needs at most `places` decimals, and the value in it:
    ("吨标准煤/万元", 0.052) → ("千克标准煤/万元", 52); None when no such unit is known. Only
    the unit's leading word changes (吨 of 吨/万元), so an intensity keeps its denominator."""
    current, v = "".join(str(unit or "").split()), value
    for _ in range(3):
        step = next(((big, small, k) for big, small, k in _FINER if current.startswith(big)), None)
        if step is None:
            return None
        big, small, k = step
        current, v = small + current[len(big):], v * k
        if v == v.quantize(Decimal(1).scaleb(-places)):
            return current, v
    return None
