"""Figures the form lets us compute from others: derive them, or cross-check them.

Where the user left a derivable figure out, the computed value fills it; where
both exist and disagree beyond rounding, a finding gives both numbers. Counts
the form asks for (standards, platforms, patents, green, branches) always come
from the lists.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, localcontext
from typing import Any, Callable

from .findings import Findings
from .form.kinds import YEARS
from .form.spec import (
    GREEN_CATEGORIES,
    PLATFORM_LEVELS,
    QUALITATIVE_DIRECTIONS,
    STANDARD_CATEGORIES,
    STANDARD_ROLES,
)
from .model import MISSING, Application, Loc, TargetRow
from .numbers import format_decimal, round_half_up, unit_key

TOLERANCE = Decimal("0.01")  # one unit of the printed second decimal


def is_number(v: Any) -> bool:
    return isinstance(v, Decimal)


def geometric_mean_rate(rates: list[Decimal]) -> Decimal:
    """Average yearly growth in % from yearly growth rates in %: (∏(1+r))^(1/n) − 1."""
    with localcontext() as ctx:
        ctx.prec = 34
        product = Decimal(1)
        for r in rates:
            product *= 1 + r / 100
        if product <= 0:
            raise ValueError("growth below −100 %")
        return (product ** (Decimal(1) / len(rates)) - 1) * 100


def _rows(app: Application, dotted: str) -> list[dict]:
    rows = app.get(dotted)
    return rows if isinstance(rows, list) else []


def list_counts(app: Application) -> dict[str, Any]:
    """Counts of the lists, in the shapes the form prints them."""
    standards = {y: {c: {r: 0 for r in STANDARD_ROLES} for c in STANDARD_CATEGORIES} for y in YEARS}
    for row in _rows(app, "创新能力情况.标准"):
        y, c, r = row.get("年份"), row.get("类别"), row.get("角色")
        if is_number(y) and int(y) in standards and c in STANDARD_CATEGORIES and r in STANDARD_ROLES:
            standards[int(y)][c][r] += 1
    platforms = {level: [] for level in PLATFORM_LEVELS}
    for row in _rows(app, "创新能力情况.创新平台"):
        if row.get("级别") in platforms and isinstance(row.get("名称"), str):
            platforms[row["级别"]].append(row["名称"])
    green = {c: 0 for c in GREEN_CATEGORIES}
    for row in _rows(app, "绿色化转型情况.绿色制造"):
        if row.get("类别") in green:
            green[row["类别"]] += 1
    patents = app.get("创新能力情况.有效发明专利")
    branches = app.get("开放合作情况.境外分支机构")
    return {
        "标准数量": standards,
        "创新平台": platforms,
        "有效发明专利数量": len(patents) if isinstance(patents, list) else MISSING,
        "绿色制造数量": green,
        "境外分支机构数量": len(branches) if isinstance(branches, list) else MISSING,
    }


class Deriver:
    def __init__(self, app: Application, findings: Findings, display: str):
        self.app = app
        self.findings = findings
        self.display = display

    def _loc(self, *path) -> Loc:
        return self.app.loc(*path) or Loc(self.display)

    def settle(self, section: str, key: str, label: str, compute: Callable[[], Decimal | None], how: str) -> None:
        """Fill a derivable field, or check the written value against the computed one."""
        written = self.app.data.get(section, {}).get(key, MISSING)
        try:
            computed = compute()
        except (ValueError, ArithmeticError):
            computed = None
        if computed is None:
            return
        self.app.derived[key] = computed
        if written is MISSING or written is None:
            self.app.data[section][key] = round_half_up(computed)
            self.app.derived[f"{key}:filled"] = True
        elif is_number(written) and abs(round_half_up(written) - round_half_up(computed)) > TOLERANCE:
            at = self._loc(section, key)
            self.findings.error(
                at.file, at.line, at.col,
                f"“{label}”填写为 {format_decimal(written)}，但{how}得 {format_decimal(computed)}；"
                f"请核对后改正，或删去此项由 docgen 计算",
                "derived-mismatch",
            )

    def run(self) -> None:
        self.app.derived.update(list_counts(self.app))

        def growth() -> Decimal | None:
            rates = self.app.get("主导产业情况.主导产业产值增速")
            if not isinstance(rates, dict) or not all(is_number(rates.get(y)) for y in YEARS):
                return None
            return geometric_mean_rate([rates[y] for y in YEARS])

        self.settle("主导产业情况", "近三年主导产业产值年均增速", "近三年主导产业产值年均增速（%）", growth,
                    "按 2021—2023 年三年增速的几何平均计算")

        def per_10k() -> Decimal | None:
            n = self.app.derived.get("有效发明专利数量")
            staff = self.app.get("创新能力情况.中小企业从业人员数量")
            if not isinstance(n, int) or not is_number(staff) or staff == 0:
                return None
            return Decimal(n) / staff * 10000

        self.settle("创新能力情况", "每万人有效发明专利拥有量", "集群中小企业从业人员每万人有效发明专利拥有量", per_10k,
                    "按有效发明专利清单数 ÷ 中小企业从业人员数 × 10000 计算")
        self.check_counts()
        self.settle_baselines()

    def check_counts(self) -> None:
        """中小企业数量 ≤ 企业数量, year by year."""
        firms = self.app.get("主导产业情况.集群企业数量")
        smes = self.app.get("主导产业情况.集群中小企业数量")
        if not (isinstance(firms, dict) and isinstance(smes, dict)):
            return
        for y in YEARS:
            if is_number(firms.get(y)) and is_number(smes.get(y)) and smes[y] > firms[y]:
                at = self._loc("主导产业情况", "集群中小企业数量", y)
                self.findings.error(
                    at.file, at.line, at.col,
                    f"{y} 年集群中小企业数量（{smes[y]}）大于集群企业数量（{firms[y]}）；中小企业是集群企业的一部分，请核对",
                    "count-sme-exceeds",
                )

    def baseline_sources(self) -> dict[tuple[str, str], tuple[Any, str]]:
        """Target indicators whose 2023 baseline appears in the tables: (indicator, unit) → (value, where)."""
        co2 = self.app.get("绿色化转型情况.单位产值二氧化碳排放量")
        patents = self.app.derived.get("有效发明专利数量")
        return {
            ("有效发明专利数量", ""): (Decimal(patents) if isinstance(patents, int) else None, "有效发明专利清单的行数"),
            ("工业互联网普及率", "%"): (
                self.app.get("数字化升级情况.工业互联网平台应用普及率", None), "四、数字化升级情况中的工业互联网平台应用普及率"),
            ("二氧化碳排放量", "吨二氧化碳/万元"): (
                co2.get(2023) if isinstance(co2, dict) else None, "五、绿色化转型情况中 2023 年单位产值二氧化碳排放量"),
        }

    def settle_baselines(self) -> None:
        rows = self.app.get("发展目标.目标指标")
        if not isinstance(rows, list):
            return
        sources = self.baseline_sources()
        out: list[TargetRow] = []
        for row in rows:
            if row.direction in QUALITATIVE_DIRECTIONS:
                out.append(row)
                continue
            key = (row.indicator, "" if row.indicator == "有效发明专利数量" else unit_key(row.unit))
            value, where = sources.get(key, (None, ""))
            if not is_number(value):
                if row.baseline is MISSING and not self.app.draft:
                    self.findings.error(row.loc.file, row.loc.line, row.loc.col,
                                        f"指标“{row.indicator}”缺少 2023 年基准值", "field-missing")
                out.append(row)
                continue
            if row.baseline is MISSING:
                out.append(replace(row, baseline=value, baseline_derived=True))
            elif is_number(row.baseline) and abs(round_half_up(row.baseline) - round_half_up(value)) > TOLERANCE:
                self.findings.error(
                    row.loc.file, row.loc.line, row.loc.col,
                    f"指标“{row.indicator}”的 2023 年基准值为 {format_decimal(row.baseline)}，"
                    f"与{where}（{format_decimal(value)}）不一致；请改成一致，或删去基准值由 docgen 填写",
                    "target-baseline-mismatch",
                )
                out.append(row)
            else:
                out.append(row)
        self.app.data["发展目标"]["目标指标"] = out


def derive(app: Application, findings: Findings, display: str) -> None:
    Deriver(app, findings, display).run()
