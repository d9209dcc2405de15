"""The plan against the data: each figure plan.md ties to an indicator, compared with the form.

2021–2023 and 近三年: with sections 二–五 (or, for an indicator only the target table has, with
its 2023 baseline); 2026: with the target table's 2026 target; 2024 and 2025 (阶段性目标):
between the 2023 baseline and the 2026 target. Tolerance: the plan's figure as rounded
(236亿元 agrees with 236.18; 186.42 does not agree with 170.05), at least two decimals.
"""
from __future__ import annotations

from decimal import Decimal

from ..findings import Findings, Place
from ..model import Application, TargetRow
from ..numbers import round_half_up
from ..plan.targets import format_value
from .indicators import FALL, HALF_CENT, RECENT, RISE, Figure, indicator_of
from .plan_text import Mention
from .units import parse_unit

HOW_TO_EXPLAIN = "若口径确有不同，在该段加注释 <!-- docgen: 不一致已说明 -->"


def _rows_by_indicator(app: Application) -> dict[str, TargetRow]:
    rows = app.get("发展目标.目标指标")
    out: dict[str, TargetRow] = {}
    for r in rows if isinstance(rows, list) else []:
        ind = indicator_of(r.indicator, r.unit)
        if ind is not None:
            out.setdefault(ind.name, r)
    return out


def _tolerance(m: Mention) -> Decimal:
    return max(Decimal(1).scaleb(-m.decimals) / 2, HALF_CENT)


def _in_plan_unit(m: Mention, fig: Figure) -> tuple[Decimal, Decimal, Decimal] | None:
    theirs = parse_unit(fig.unit)
    if theirs is None or not theirs.compatible(m.unit):
        return None
    low = fig.low if fig.low is not None else fig.value
    high = fig.high if fig.high is not None else fig.value
    return tuple(theirs.convert(v, m.unit) for v in (fig.value, low, high))  # type: ignore[return-value]


def _agrees(m: Mention, low: Decimal, high: Decimal) -> bool:
    tol = _tolerance(m)
    if m.bound == ">=":
        return high + tol >= m.value
    if m.bound == "<=":
        return low - tol <= m.value
    return low - tol <= m.value <= high + tol


def _when(m: Mention) -> str:
    return RECENT if m.when == RECENT else f"{m.when}年"


def _report(findings: Findings, display: str, m: Mention, fig: Figure, message: str, rule: str) -> None:
    at = fig.loc
    shown = format_value(round_half_up(fig.value), fig.unit)
    related = (Place(at.file, at.line, at.col, shown),) if at is not None else ()
    findings.warning(display, m.line, m.col, message, rule, related)


def check_plan_figures(app: Application, mentions: list[Mention], display: str, findings: Findings) -> None:
    rows = _rows_by_indicator(app)
    for m in mentions:
        if m.explained:
            continue
        row = rows.get(m.indicator.name)
        if m.when in (2021, 2022, 2023, RECENT):
            fig = m.indicator.figure(app, m.when)
            if fig is None and m.when == 2023 and row is not None and isinstance(row.baseline, Decimal):
                fig = Figure(row.baseline, row.unit, row.loc, f"目标指标表“{row.indicator}”的2023年基准值")
        elif m.when == 2026 and row is not None and isinstance(row.target, Decimal):
            fig = Figure(row.target, row.unit, row.loc, f"目标指标表“{row.indicator}”的2026年目标值")
        elif m.when in (2024, 2025) and row is not None:
            _check_stage(app, m, row, display, findings)
            continue
        else:
            continue
        if fig is None:
            continue
        converted = _in_plan_unit(m, fig)
        if converted is None or _agrees(m, converted[1], converted[2]):
            continue
        shown = format_value(round_half_up(fig.value), fig.unit)
        _report(findings, display, m, fig,
                f"发展规划写“{m.phrase}”（{_when(m)}），而{fig.where}为 {shown}；请改成一致。{HOW_TO_EXPLAIN}",
                "review-plan-data")


def _check_stage(app: Application, m: Mention, row: TargetRow, display: str, findings: Findings) -> None:
    """A 2024/2025 stage figure lies between the 2023 baseline and the 2026 target."""
    direction = m.indicator.direction
    if m.bound != "=" or direction not in (RISE, FALL) or not isinstance(row.target, Decimal):
        return
    goal = Figure(row.target, row.unit, row.loc, f"目标指标表“{row.indicator}”的2026年目标值")
    base = m.indicator.figure(app, 2023)
    if base is None and isinstance(row.baseline, Decimal):
        base = Figure(row.baseline, row.unit, row.loc, f"目标指标表“{row.indicator}”的2023年基准值")
    tol = _tolerance(m)
    sign = 1 if direction == RISE else -1
    for fig, beyond, word in ((goal, 1, "超出了"), (base, -1, "落后于")):
        converted = _in_plan_unit(m, fig) if fig is not None else None
        if converted is None:
            continue
        gap = (m.value - converted[0]) * sign * beyond
        if gap > tol:
            shown = format_value(round_half_up(fig.value), fig.unit)
            _report(findings, display, m, fig,
                    f"发展规划的{_when(m)}阶段目标“{m.phrase}”{word}{fig.where} {shown}；阶段目标应在 2023 年基准值与 "
                    f"2026 年目标值之间。{HOW_TO_EXPLAIN}", "review-plan-stage")
