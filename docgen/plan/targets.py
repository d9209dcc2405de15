"""The target-indicator table of section 八 (三年总体目标): the one owner of its rows.

    read_target_rows   cluster.yaml's 发展目标.目标指标 → TargetRow (validate)
    settle_baselines   2023 baselines filled from, or checked against, the form's tables (derive)
    check_targets      the form's required indicators, 定性描述 text, numbers with units (check)
    target_table       the printed rows and cell texts (render)
    target_table_count Word's count of the printed table (count, the 3000-字 limit)

One function (`target_table`) decides the printed rows and cell texts; the renderer prints
them and the counter counts them, so both always agree. Which way each indicator's target
should go is checked by docgen.review; the indicators themselves are docgen.review.indicators.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from ..findings import Findings, Place
from ..form.kinds import TargetRows
from ..form.spec import QUALITATIVE_DIRECTIONS, REQUIRED_INDICATORS, TARGET_DIRECTIONS
from ..load.yamlfile import XML_ILLEGAL
from ..model import MISSING, Application, Loc, TargetRow
from ..numbers import format_decimal, number_text, read_number, round_half_up, sane_maximum, unit_key
from ..review.indicators import Figure, indicator_of
from ..review.units import parse_unit
from ..settings import MISSING_TEXT
from ..validate.context import CheckContext
from ..validate.values import is_blank, missing, q
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


# -- reading ---------------------------------------------------------------------------------------
ROW_KEYS = ("方向", "指标", "单位", "基准值", "目标值")


def _number_with_unit(ctx: CheckContext, value: str, unit: Any, path: tuple, label: str) -> Decimal | None:
    """A value written as a number, perhaps followed by the row's own unit (“9.8％”, “0.52吨/万元”):
    read as that number, so it is printed and cross-checked like one; each normalisation is a warning."""
    text = value.strip()
    unit_text = str(unit).strip() if isinstance(unit, str) else ""
    tail = re.match(r"^(.*?\d)\s*(\D+)$", text)
    if tail and unit_text and unit_key(tail.group(2)) == unit_key(unit_text):
        text = tail.group(1)
        ctx.warning(path, f"“{label}”写了单位“{tail.group(2)}”；单位已在“单位”列，这里按数字 {text} 读取",
                    "number-normalized")
    read = read_number(text)
    if read.value is None:
        return None
    for note in read.notes:
        ctx.warning(path, f"“{label}”：{note}；请核对", "number-normalized")
    return read.value


def read_target_rows(ctx: CheckContext, f: TargetRows, value: Any, path: tuple, label: str) -> Any:
    """Each row of 发展目标.目标指标 read and typed; every problem a located finding."""
    if not isinstance(value, list):
        ctx.error(path, f"“{label}”应为指标行的列表，每行写 方向、指标、单位、基准值、目标值", "type-targets")
        return MISSING
    rows: list[TargetRow] = []
    for i, row in enumerate(value):
        p = path + (i,)
        if not isinstance(row, dict):
            ctx.error(p, "每个指标行应写成 {方向: …, 指标: …, 单位: …, 基准值: …, 目标值: …}", "type-targets")
            continue
        for k in row:
            if k not in ROW_KEYS:
                ctx.error(p + (k,), f"指标行不认识的键“{k}”；可用：方向、指标、单位、基准值、目标值", "target-key")
        direction = row.get("方向")
        if direction not in f.directions:
            ctx.error(p + ("方向",), f"“方向”应为 {'、'.join(f.directions)} 之一，现在是{q(direction)}", "type-choice")
            continue
        indicator = row.get("指标")
        if is_blank(indicator):
            if direction in f.qualitative:
                indicator = QUALITATIVE
            else:
                missing(ctx, p + ("指标",), "指标", "指标" in row)
                continue
        values = []
        for k in ("基准值", "目标值"):
            v = row.get(k)
            number = _number_with_unit(ctx, v, row.get("单位"), p + (k,), k) if isinstance(v, str) else None
            if number is not None:
                v = number
            elif isinstance(v, str):
                v = v.strip()
                if XML_ILLEGAL.search(v):
                    ctx.error(p + (k,), f"“{k}”含有 Word 文档无法保存的控制字符，请删除", "text-control-char")
            elif v is not None and not isinstance(v, Decimal):
                ctx.error(p + (k,), f"“{k}”应为数字或文字，现在是{q(v)}", "type-targets")
                v = None
            if isinstance(v, Decimal):
                bound = sane_maximum(unit_key(str(row.get("单位") or "")))
                if abs(v) > bound:
                    ctx.error(p + (k,), f"指标“{indicator}”的{k}为 {number_text(v)}，超出合理范围（上限 {bound:,}）；"
                                        "请核对单位和小数点", "number-bound")
                    values.append(MISSING)
                    continue
            if v is None and (k == "目标值" or direction in f.qualitative) and not ctx.draft:
                missing(ctx, p + (k,), f"{direction}方向“{indicator}”的{k}", k in row)
            values.append(v if v is not None else MISSING)
        unit = row.get("单位")
        unit = "" if is_blank(unit) else str(ctx.doc.raw.get(p + ("单位",), unit)).strip()
        rows.append(TargetRow(direction, str(indicator).strip(), unit, values[0], values[1], ctx.loc(p)))
    return rows


# -- deriving: 2023 baselines from the form's tables ---------------------------------------------
BASELINE_TOLERANCE = Decimal("0.01")  # one unit of the printed second decimal


def baseline_figure(row: TargetRow, app: Application) -> tuple[Figure, Decimal, Decimal, Decimal] | None:
    """The form's own 2023 figure for a row's indicator, in the row's unit: (figure, value, low, high)."""
    ind = indicator_of(row.indicator, row.unit)
    fig = ind.figure(app, 2023) if ind is not None else None
    if fig is None:
        return None
    mine, theirs = parse_unit(row.unit), parse_unit(fig.unit)

    def conv(v: Decimal) -> Decimal:
        return theirs.convert(v, mine) if mine is not None and theirs is not None else v

    low = fig.low if fig.low is not None else fig.value
    high = fig.high if fig.high is not None else fig.value
    return fig, conv(fig.value), conv(low), conv(high)


def settle_baselines(app: Application, findings: Findings) -> None:
    """Fill each missing 2023 baseline the form's tables give; check a written one against them.

    A baseline that is the same figure as a table's (集群总产值, the counts, 普及率 …) must agree
    after rounding to two decimals (error `target-baseline-mismatch`); one computed by a formula
    (集群产值年均增速) must lie in the range the rounded inputs allow (warning, docs/review.md).
    """
    rows = app.get("发展目标.目标指标")
    if not isinstance(rows, list):
        return
    out: list[TargetRow] = []
    for row in rows:
        found = baseline_figure(row, app) if row.direction not in QUALITATIVE_DIRECTIONS else None
        if found is None:
            if row.direction not in QUALITATIVE_DIRECTIONS and row.baseline is MISSING and not app.draft:
                findings.error(row.loc.file, row.loc.line, row.loc.col,
                               f"指标“{row.indicator}”缺少 2023 年基准值", "field-missing")
            out.append(row)
            continue
        fig, value, low, high = found
        if row.baseline is MISSING:
            out.append(replace(row, baseline=round_half_up(value) if fig.low is not None else value,
                               baseline_derived=True))
            continue
        out.append(row)
        if not isinstance(row.baseline, Decimal):
            continue
        written = row.baseline
        computed = fig.low is not None
        if computed:
            ok = low - Decimal("0.005") <= written <= high + Decimal("0.005")
        else:
            ok = abs(round_half_up(written) - round_half_up(value)) <= BASELINE_TOLERANCE
        if ok:
            continue
        shown = format_value(round_half_up(value), row.unit)
        at = fig.loc or row.loc
        place = (Place(at.file, at.line, at.col, shown),)
        if computed:
            findings.warning(
                row.loc.file, row.loc.line, row.loc.col,
                f"指标“{row.indicator}”的 2023 年基准值为 {format_value(written, row.unit)}，"
                f"但按{fig.where}应为 {shown}；请改成一致，或删去基准值由 docgen 填写",
                "target-baseline-formula", place)
        else:
            findings.error(
                row.loc.file, row.loc.line, row.loc.col,
                f"指标“{row.indicator}”的 2023 年基准值为 {format_value(written, row.unit)}，"
                f"与{fig.where}（{shown}）不一致；请改成一致，或删去基准值由 docgen 填写",
                "target-baseline-mismatch", place)
    app.data["发展目标"]["目标指标"] = out


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
@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    missing: bool = False  # a draft placeholder, printed highlighted


@dataclass(frozen=True, slots=True)
class TableRow:
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
