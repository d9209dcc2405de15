"""The 3000-字 limit of section 八.

Decision (docs/plan.md): the limit covers everything the plan prints in section 八 —
headings with their official numbers, body text, list numbers, Markdown tables
**and the target-indicator table** (its header, each 方向 once, every cell) —
because a reviewer who selects section 八 in Word gets exactly that count. The
form's own title line (八、未来三年特色产业集群发展规划 / (3000字以内)) is not the
writer's text and is not counted; neither are HTML comments and `[//]: #` notes.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import Findings
from ..model import TargetRow
from ..wordcount import TextCount
from .model import Plan, SectionCount, TargetTablePlace
from .targets import target_table_count

PLAN_LIMIT = 3000  # 字 (Word 字数), the form's "(3000 字以内)"
TABLE_TITLE = "目标指标表"


@dataclass
class PlanCount:
    """The plan's 字数 by section, the target table's, and the total against the limit."""

    sections: list[SectionCount]
    table: TextCount
    total: TextCount
    limit: int = PLAN_LIMIT

    @property
    def over(self) -> int:
        return max(0, self.total.words - self.limit)


def plan_counts(plan: Plan, targets: list[TargetRow] | None) -> PlanCount:
    """Per-heading counts, the target table's count and the total against the limit."""
    table = target_table_count(targets) if targets is not None else TextCount()
    return PlanCount(list(plan.sections), table, plan.count + table)


def check_plan_limit(plan: Plan, targets: list[TargetRow] | None, findings: Findings,
                     display: str | None = None) -> None:
    """Error `plan-over-limit` when section 八 is over 3000 字, located where the text
    crosses the limit (the target table counted at its printed place)."""
    display = display or plan.display
    counts = plan_counts(plan, targets)
    if counts.total.words <= PLAN_LIMIT:
        return
    running = 0
    line, col = 1, 1
    for b in plan.blocks:
        running += counts.table.words if isinstance(b, TargetTablePlace) else b.count().words
        if running > PLAN_LIMIT:
            line, col = b.line, getattr(b, "col", 1)
            break
    table_note = f"，其中目标指标表 {counts.table.words} 字" if counts.table.words else ""
    findings.error(
        display, line, col,
        f"发展规划共 {counts.total.words} 字（按 Word 字数统计，含标题编号{table_note}），"
        f"超过 {PLAN_LIMIT} 字的限制，需删减 {counts.over} 字；从这里起超出",
        "plan-over-limit",
    )
