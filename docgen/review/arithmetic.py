"""The form's own arithmetic: figures of sections 二 and 八 that follow from each other.

- 主导产业产值增速 of 2022 and 2023 against 集群总产值 × 主导产业产值占比 of consecutive years;
- 集群中小企业数量 ≤ 集群企业数量 (error), and each count of special firms ≤ 集群企业数量;
- the target table's 优质中小企业数量 baseline between the largest and the sum of the 2023
  counts of 创新型中小企业, 省级专精特新中小企业 and 专精特新“小巨人”企业.
Formulas and tolerances: docs/review.md.
"""
from __future__ import annotations

from decimal import Decimal

from ..findings import Findings, Place
from ..model import Application, Loc
from ..numbers import format_decimal
from .indicators import HALF_CENT, indicator_of

S2 = "主导产业情况"
FIRM_COUNTS = ("省级专精特新中小企业数量", "专精特新小巨人企业数量", "制造业单项冠军企业数量", "高新技术企业数量",
               "创新型中小企业数量")
QUALITY_PARTS = ("创新型中小企业数量", "省级专精特新中小企业数量", "专精特新小巨人企业数量")


def _series(app: Application, key: str) -> dict:
    v = app.get(f"{S2}.{key}")
    return v if isinstance(v, dict) else {}


def _num(v) -> Decimal | None:
    return v if isinstance(v, Decimal) else None


def _loc(app: Application, *path) -> Loc:
    return app.loc(*path) or Loc("cluster.yaml")


def _place(app: Application, value: Decimal, unit: str, *path) -> Place:
    at = _loc(app, *path)
    return Place(at.file, at.line, at.col, f"{format_decimal(value)}{unit}")


def lead_output_growth(a0: Decimal, s0: Decimal, a1: Decimal, s1: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Growth in % of 主导产业产值 (集群总产值 × 占比) from one year to the next: (value, low, high).

    low/high: the growth when each of the four figures is off by its rounding (± 0.005)."""
    h = HALF_CENT
    value = (a1 * s1) / (a0 * s0) * 100 - 100
    low = ((a1 - h) * (s1 - h)) / ((a0 + h) * (s0 + h)) * 100 - 100
    high = ((a1 + h) * (s1 + h)) / ((a0 - h) * (s0 - h)) * 100 - 100
    return value, low, high


def check_growth_vs_shares(app: Application, findings: Findings) -> None:
    totals, shares, growth = _series(app, "集群总产值"), _series(app, "主导产业产值占比"), _series(app, "主导产业产值增速")
    for y in (2022, 2023):
        a0, s0, a1, s1, g = (_num(totals.get(y - 1)), _num(shares.get(y - 1)), _num(totals.get(y)),
                             _num(shares.get(y)), _num(growth.get(y)))
        if None in (a0, s0, a1, s1, g) or a0 <= HALF_CENT or s0 <= HALF_CENT:
            continue
        value, low, high = lead_output_growth(a0, s0, a1, s1)
        if low - HALF_CENT <= g <= high + HALF_CENT:
            continue
        at = _loc(app, S2, "主导产业产值增速", y)
        lead0, lead1 = a0 * s0 / 100, a1 * s1 / 100
        findings.warning(
            at.file, at.line, at.col,
            f"{y}年主导产业产值增速填写为 {format_decimal(g)}%，但按集群总产值 × 主导产业产值占比，主导产业产值由"
            f"{y - 1}年的 {format_decimal(lead0)}亿元增至{y}年的 {format_decimal(lead1)}亿元，增速应为 "
            f"{format_decimal(value)}%；请核对这三项数据",
            "review-growth-share",
            (_place(app, a1, "亿元", S2, "集群总产值", y), _place(app, s1, "%", S2, "主导产业产值占比", y)),
        )


def check_firm_counts(app: Application, findings: Findings) -> None:
    firms, smes = _series(app, "集群企业数量"), _series(app, "集群中小企业数量")
    for y in (2021, 2022, 2023):
        total = _num(firms.get(y))
        if total is None:
            continue
        sme = _num(smes.get(y))
        if sme is not None and sme > total:
            at = _loc(app, S2, "集群中小企业数量", y)
            findings.error(
                at.file, at.line, at.col,
                f"{y} 年集群中小企业数量（{sme}）大于集群企业数量（{total}）；中小企业是集群企业的一部分，请核对",
                "count-sme-exceeds", (_place(app, total, "家", S2, "集群企业数量", y),))
        for key in FIRM_COUNTS:
            n = _num(_series(app, key).get(y))
            if n is not None and n > total:
                at = _loc(app, S2, key, y)
                findings.warning(
                    at.file, at.line, at.col,
                    f"{y}年{key}（{n}）大于集群企业数量（{total}）；这些企业都是集群企业，请核对",
                    "review-count-exceeds-firms", (_place(app, total, "家", S2, "集群企业数量", y),))


def check_quality_smes(app: Application, findings: Findings) -> None:
    rows = app.get("发展目标.目标指标")
    if not isinstance(rows, list):
        return
    parts = {k: _num(_series(app, k).get(2023)) for k in QUALITY_PARTS}
    if None in parts.values():
        return
    low, high = max(parts.values()), sum(parts.values())
    for row in rows:
        ind = indicator_of(row.indicator, row.unit)
        if ind is None or ind.name != "优质中小企业数量" or not isinstance(row.baseline, Decimal):
            continue
        if low <= row.baseline <= high:
            continue
        detail = "、".join(f"{k.removesuffix('数量')} {format_decimal(v)}" for k, v in parts.items())
        findings.warning(
            row.loc.file, row.loc.line, row.loc.col,
            f"优质中小企业数量的 2023 年基准值为 {format_decimal(row.baseline)}，但二、主导产业情况中 2023 年{detail}家，"
            f"优质中小企业应在 {format_decimal(low)}（其中最多的一类）到 {format_decimal(high)}（三类之和）家之间；请核对",
            "review-quality-smes",
            tuple(_place(app, v, "家", S2, k, 2023) for k, v in parts.items()),
        )


def check_arithmetic(app: Application, findings: Findings) -> None:
    check_growth_vs_shares(app, findings)
    check_firm_counts(app, findings)
    check_quality_smes(app, findings)
