"""Targets that make sense: each known indicator's 2026 target goes its way from the baseline.

Directions and kinds come from docgen.review.indicators. An impossible value (a negative
count or amount, a share above 100 %) is an error; a target that goes the wrong way is a
warning. An indicator docgen does not know is checked only when its unit is a count
(家、个、件、项 …): a count target below its baseline is a warning; or when its name says it
is a share (…占比, …配套率 …) and its unit is %: above 100 is an error.
"""
from __future__ import annotations

from decimal import Decimal

from ..findings import Findings, Place
from ..form.spec import QUALITATIVE_DIRECTIONS
from ..model import Application, TargetRow
from ..numbers import round_half_up
from ..plan.targets import baseline_figure, format_value
from .indicators import COUNT, EITHER, FALL, RATE, RISE, SHARE, cagr, indicator_of
from .units import parse_unit

# Names of a share: 本地配套率 can never pass 100 %, unlike a 增长率.
SHARE_ENDINGS = ("占比", "比例", "比重", "普及率", "覆盖率", "配套率", "利用率", "达标率", "认证率", "上云率")


def _warn(findings: Findings, row: TargetRow, message: str, rule: str, error: bool = False) -> None:
    add = findings.error if error else findings.warning
    add(row.loc.file, row.loc.line, row.loc.col, message, rule)


def check_target_row(row: TargetRow, findings: Findings) -> None:
    if row.direction in QUALITATIVE_DIRECTIONS and not isinstance(row.target, Decimal):
        return
    base = row.baseline if isinstance(row.baseline, Decimal) else None
    goal = row.target if isinstance(row.target, Decimal) else None
    ind = indicator_of(row.indicator, row.unit)
    unit = parse_unit(row.unit)
    if ind is not None:
        kind, direction = ind.kind, ind.direction
    else:  # an indicator of the county's own: a count rises; a share stays within 0–100
        kind = COUNT if unit is not None and unit.dim == "count" else \
            SHARE if str(row.indicator).strip().endswith(SHARE_ENDINGS) else ""
        direction = RISE if kind == COUNT else EITHER
    name = f"指标“{row.indicator}”"
    for label, v in (("2023年基准值", base), ("2026年目标值", goal)):
        if v is None or v >= 0 or not kind:
            continue
        if kind == RATE and label == "2023年基准值":
            continue  # a rate that fell in 2021—2023 is a fact, not a plan
        if kind == RATE:
            _warn(findings, row, f"{name}的{label}为负数（{format_value(v, row.unit)}）；若确实预计下降请在发展规划中说明",
                  "target-negative")
        else:
            _warn(findings, row, f"{name}的{label}不能为负数（现在是 {format_value(v, row.unit)}）", "target-negative", True)
    if kind == SHARE and unit is not None and unit.dim == "percent":
        for label, v in (("2023年基准值", base), ("2026年目标值", goal)):
            if v is not None and v > 100:
                _warn(findings, row, f"{name}是占比，{label}不能超过 100%（现在是 {format_value(v, row.unit)}）",
                      "target-share-range", True)
    if base is None or goal is None or direction == EITHER:
        return
    shown = f"2023年基准值 {format_value(base, row.unit)}，2026年目标值 {format_value(goal, row.unit)}"
    if direction == RISE and goal < base:
        what = "数量目标不应低于基准值" if kind == COUNT else "应越高越好，目标不应低于基准值"
        _warn(findings, row, f"{name}{what}：{shown}；请核对是否写反", "target-direction")
    elif direction == FALL and goal > base:
        _warn(findings, row, f"{name}应越低越好，目标不应高于基准值：{shown}；请核对是否写反", "target-direction")


GROWTH_TOLERANCE = Decimal("0.5")  # percentage points: a planned rate is often a whole number (12%)


def check_output_target_growth(app: Application, rows: list[TargetRow], findings: Findings) -> None:
    """集群总产值's 2026 target against its 2023 figure and the 集群产值年均增速 target:
    the implied growth ((target ÷ 2023 figure)^(1/3) − 1) × 100 within ± 0.5 points of the rate.
    The 2023 figure is section 二's when there is one (a wrong baseline is reported on its own)."""
    by_name = {}
    for r in rows:
        ind = indicator_of(r.indicator, r.unit)
        if ind is not None:
            by_name.setdefault(ind.name, r)
    output, rate = by_name.get("集群总产值"), by_name.get("集群产值年均增速")
    if output is None or rate is None:
        return
    found = baseline_figure(output, app)
    base = found[1] if found is not None else output.baseline
    goal, r = output.target, rate.target
    if not all(isinstance(v, Decimal) for v in (base, goal, r)) or base <= 0 or goal <= 0:
        return
    implied = cagr(base, goal, 3)
    if abs(implied - r) <= GROWTH_TOLERANCE:
        return
    findings.warning(
        rate.loc.file, rate.loc.line, rate.loc.col,
        f"集群产值年均增速的 2026 年目标值为 {format_value(r, rate.unit)}，但集群总产值由 2023 年的 "
        f"{format_value(round_half_up(base), output.unit)}到 2026 年的 {format_value(goal, output.unit)}，三年年均增长 "
        f"{format_value(round_half_up(implied), '%')}；两个目标应一致（允许相差 0.5 个百分点）",
        "review-target-growth",
        (Place(output.loc.file, output.loc.line, output.loc.col, format_value(goal, output.unit)),),
    )


def check_target_directions(app: Application, findings: Findings) -> None:
    rows = app.get("发展目标.目标指标")
    if isinstance(rows, list):
        for row in rows:
            check_target_row(row, findings)
        check_output_target_growth(app, rows, findings)
