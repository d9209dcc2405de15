"""Section 八 of the form: plan.md (the 未来三年特色产业集群发展规划) and its target table.

    load_plan(path, findings, display)            read, parse, check the outline → Plan | None
    check_plan_limit(plan, targets, findings)     the 3000-字 rule (target table included)
    check_targets(rows, findings, loc=None)       required indicators, 定性描述 text, numbers + unit
    plan_xml(plan, targets, draft)                the plan as WordprocessingML text (what a build uses)
    render_plan(container, plan, targets, draft)  the same, appended to a python-docx Document / Subdoc

User documentation: docs/plan.md.
"""
from __future__ import annotations

from .counting import PLAN_LIMIT, PlanCount, check_plan_limit, plan_counts
from .load import load_plan, parse_plan
from .model import Heading, MissingPart, Paragraph, Plan, SectionCount, Span, Table, TargetTablePlace
from .outline import OUTLINE, Part
from .render import plan_xml, render_plan
from .resolve import TABLE_MARKER
from .targets import check_targets, format_number, format_value, target_table, target_table_count

__all__ = [
    "OUTLINE",
    "PLAN_LIMIT",
    "TABLE_MARKER",
    "Heading",
    "MissingPart",
    "Paragraph",
    "Part",
    "Plan",
    "PlanCount",
    "SectionCount",
    "Span",
    "Table",
    "TargetTablePlace",
    "check_plan_limit",
    "check_targets",
    "format_number",
    "format_value",
    "load_plan",
    "parse_plan",
    "plan_counts",
    "plan_xml",
    "render_plan",
    "target_table",
    "target_table_count",
]
