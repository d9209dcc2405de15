"""The target-indicator table of section 八 (三年总体目标): checks and cell texts.

One function (`target_table`) decides the printed rows and cell texts; the
renderer prints them and the counter counts them, so both always agree.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..findings import Findings
from ..form.spec import QUALITATIVE_DIRECTIONS, REQUIRED_INDICATORS, TARGET_DIRECTIONS
from ..model import MISSING, Loc, TargetRow
from ..numbers import format_decimal
from ..records import Record
from ..settings import MISSING_TEXT
from ..wordcount import TextCount, count_text, is_east_asian

HEADER = ("方向", "指标", "2023年基准值", "2026年目标值")
QUALITATIVE = "定性描述"
NONE_TEXT = "无"
_UNIT_GLUED = ("%", "％", "‰", "℃", "°", "‱")


def format_number(d: Decimal) -> str:
    """Integers plain, any fraction with exactly two decimals, half up (docgen.numbers)."""
    return format_decimal(d)


def format_value(value: Decimal | str, unit: str) -> str:
    """A number with its unit as printed: `12%`, `9.80%`, `35家`, `0.52吨二氧化碳/万元`, `5 kWh`.

    Chinese units and %‰℃ follow the number directly (Chinese typesetting); a unit that starts
    with a Latin letter gets a space (SI style). Text (定性描述, 无) prints as written.
    """
    if isinstance(value, Decimal):
        text = format_number(value)
        unit = (unit or "").strip()
        if not unit:
            return text
        if unit.startswith(_UNIT_GLUED) or is_east_asian(unit[0]) or not unit[0].isalpha():
            return text + unit
        return f"{text} {unit}"
    return str(value).strip()


def _as_number(value) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, str):
        t = value.strip().replace(",", "")
        try:
            d = Decimal(t)
        except (InvalidOperation, ValueError):
            return None
        return d if d.is_finite() else None
    return None


def _key(s: str) -> str:
    return "".join(str(s).split())


# -- checks ----------------------------------------------------------------------------------------
def check_targets(rows: list[TargetRow], findings: Findings, loc: Loc | None = None) -> None:
    """The form's required indicators are present; 定性描述 rows hold text, others numbers + unit."""
    where = loc or (rows[0].loc if rows else Loc("cluster.yaml"))
    present: dict[tuple[str, str], TargetRow] = {}
    by_indicator: dict[str, TargetRow] = {}
    for r in rows:
        k = (r.direction, _key(r.indicator))
        if k in present and r.indicator != QUALITATIVE:
            findings.warning(r.loc.file, r.loc.line, r.loc.col,
                             f"指标“{r.indicator}”在方向“{r.direction}”下重复（第 {present[k].loc.line} 行已有）",
                             "target-duplicate")
        present.setdefault(k, r)
        by_indicator.setdefault(_key(r.indicator), r)

    for direction, indicator in REQUIRED_INDICATORS:
        if (direction, _key(indicator)) in present:
            continue
        other = by_indicator.get(_key(indicator))
        if other is not None:
            findings.error(other.loc.file, other.loc.line, other.loc.col,
                           f"指标“{indicator}”应放在方向“{direction}”下（现在写的是“{other.direction}”）",
                           "target-required")
        else:
            findings.error(where.file, where.line, where.col,
                           f"目标指标表缺少申报表要求的指标“{indicator}”（方向：{direction}）；"
                           f"请增加一行 {{方向: {direction}, 指标: {indicator}, 单位: …, 基准值: …, 目标值: …}}",
                           "target-required")
    for direction in QUALITATIVE_DIRECTIONS:
        if not any(r.direction == direction and _key(r.indicator) == QUALITATIVE for r in rows):
            findings.error(where.file, where.line, where.col,
                           f"目标指标表缺少“{direction}”方向的定性描述；请增加一行 "
                           f"{{方向: {direction}, 指标: 定性描述, 基准值: 现状（文字）, 目标值: 2026年目标（文字）}}",
                           "target-required")

    for r in rows:
        if _key(r.indicator) == QUALITATIVE:
            for label, v in (("基准值", r.baseline), ("目标值", r.target)):
                if v is MISSING or v is None:
                    continue
                if _as_number(v) is not None:
                    findings.error(r.loc.file, r.loc.line, r.loc.col,
                                   f"“{r.direction}”的定性描述，{label}应写成文字（如“与2个境外园区建立合作关系”），"
                                   f"不能只写数字 {v}", "target-qualitative")
                elif not str(v).strip():
                    findings.error(r.loc.file, r.loc.line, r.loc.col,
                                   f"“{r.direction}”的定性描述缺少{label}文字", "target-qualitative")
            continue
        if r.direction in QUALITATIVE_DIRECTIONS and not isinstance(r.baseline, Decimal) \
                and not isinstance(r.target, Decimal):
            # an extra indicator of 开放合作/治理和服务 written as text: allowed, like 定性描述
            continue
        for label, v in (("基准值", r.baseline), ("目标值", r.target)):
            if v is MISSING or v is None or isinstance(v, Decimal):
                continue
            if label == "基准值" and str(v).strip() == NONE_TEXT:
                continue  # a new indicator may have no 2023 value
            findings.error(r.loc.file, r.loc.line, r.loc.col,
                           f"指标“{r.indicator}”的{label}应为数字（单位写在“单位”里），现在是“{v}”",
                           "target-number")
        if not (r.unit or "").strip():
            findings.error(r.loc.file, r.loc.line, r.loc.col,
                           f"指标“{r.indicator}”缺少单位；请写“单位”，如 %、家、件、亿元、吨标准煤/万元",
                           "target-number")


# -- the printed table ----------------------------------------------------------------------------
class Cell(Record):
    text: str
    missing: bool = False  # a draft placeholder, printed highlighted


class TableRow(Record):
    direction: str
    cells: tuple[Cell, Cell, Cell]  # 指标, 2023年基准值, 2026年目标值
    first_of_group: bool
    group_size: int


def _cell(value, unit: str, label: str, draft: bool) -> Cell:
    if value is MISSING or value is None or (isinstance(value, str) and not value.strip()):
        return Cell(MISSING_TEXT.format(label=label), True) if draft else Cell(NONE_TEXT)
    return Cell(format_value(value, unit))


def _direction_rank(d: str) -> int:
    return TARGET_DIRECTIONS.index(d) if d in TARGET_DIRECTIONS else len(TARGET_DIRECTIONS)


def target_table(rows: list[TargetRow], *, draft: bool = False) -> list[TableRow]:
    """Printed rows, grouped by 方向 in the form's order (主导产业 … 其它).

    Within a group the form's required indicators come first, in the form's order, then the
    writer's extra indicators in the order written. In a draft, required rows that are missing
    print with 【待填写】.
    """
    required_rank = {(d, _key(i)): k for k, (d, i) in enumerate(REQUIRED_INDICATORS)}
    groups: dict[str, list[tuple[tuple, TargetRow | None, str]]] = {}
    for n, r in enumerate(rows):
        rank = required_rank.get((r.direction, _key(r.indicator)))
        key = (0, rank, n) if rank is not None else (1, 0, n)
        groups.setdefault(r.direction, []).append((key, r, r.indicator))
    if draft:
        for k, (d, ind) in enumerate(REQUIRED_INDICATORS):
            if not any(_key(r.indicator) == _key(ind) and r.direction == d for r in rows):
                groups.setdefault(d, []).append(((0, k, -1), None, ind))
        for d in QUALITATIVE_DIRECTIONS:
            if not any(r.direction == d and _key(r.indicator) == QUALITATIVE for r in rows):
                groups.setdefault(d, []).append(((0, 0, -1), None, QUALITATIVE))

    other = TARGET_DIRECTIONS[-1]  # the form's 其它 row: printed blank when the county has none
    if other not in groups:
        groups[other] = [((2, 0, 0), None, "")]

    out: list[TableRow] = []
    for d in sorted(groups, key=lambda x: (_direction_rank(x), x)):
        items = sorted(groups[d], key=lambda t: t[0])
        for k, (_, r, ind) in enumerate(items):
            if r is None and not ind:
                cells = (Cell(""), Cell(""), Cell(""))
            elif r is None:
                cells = (Cell(ind), Cell(MISSING_TEXT.format(label="基准值"), True),
                         Cell(MISSING_TEXT.format(label="目标值"), True))
            else:
                cells = (Cell(r.indicator or QUALITATIVE),
                         _cell(r.baseline, r.unit, f"{r.indicator}基准值", draft),
                         _cell(r.target, r.unit, f"{r.indicator}目标值", draft))
            out.append(TableRow(d, cells, k == 0, len(items)))
    return out


def target_table_count(rows: list[TargetRow], *, draft: bool = False) -> TextCount:
    """Word's count of the printed table: header, each 方向 once (merged cell), every other cell."""
    total = TextCount()
    for h in HEADER:
        total += count_text(h)
    for row in target_table(rows, draft=draft):
        if row.first_of_group:
            total += count_text(row.direction)
        for c in row.cells:
            if not c.missing:
                total += count_text(c.text)
    return total
