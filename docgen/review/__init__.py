"""Cross-checks a reviewer makes, on the derived application (after validate and derive).

    review(app, findings, show)   every check below; findings that name two places carry both

- arithmetic: the form's own figures that follow from each other (docgen.review.arithmetic);
- targets: each 2026 target goes its indicator's way (docgen.review.targets);
- the plan against the data: figures plan.md ties to an indicator and a year
  (docgen.review.plan_text finds them, docgen.review.plan_check compares them).

A deliberate difference is explained with the marker `docgen: 不一致已说明` — in plan.md as
an HTML comment in the paragraph, in cluster.yaml as a `#` comment on the line of either
figure — which silences the warning (never an error). User documentation: docs/review.md.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from ..findings import Findings, Severity
from ..model import Application

MARKER = re.compile(r"docgen\s*[:：]\s*不一致已说明")

# Warnings the marker may silence (errors never are: they are impossible values).
EXPLAINABLE = frozenset({
    "review-growth-share", "review-count-exceeds-firms", "review-quality-smes", "target-baseline-formula",
    "target-direction", "target-negative", "review-plan-data", "review-plan-stage", "review-target-growth",
})
_YAML_COMMENT = re.compile(r"#.*$")


def review(app: Application, findings: Findings, show: Callable[[str], str], plan_text: str | None = None) -> None:
    """Run every cross-check; then drop the explainable warnings a marker explains."""
    # imported here: docgen.plan.targets reads docgen.review.indicators, and these read plan.targets
    from .arithmetic import check_arithmetic
    from .plan_check import check_plan_figures
    from .plan_text import mentions
    from .targets import check_target_directions

    check_arithmetic(app, findings)
    check_target_directions(app, findings)
    if plan_text is not None:
        check_plan_figures(app, mentions(plan_text), show("plan.md"), findings)
    _drop_explained(app.folder / "cluster.yaml", show("cluster.yaml"), findings)


def explained_lines(path: Path) -> set[int]:
    """Lines of a YAML file whose `#` comment carries the marker."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return set()
    if not MARKER.search(text):
        return set()
    out = set()
    for n, line in enumerate(text.split("\n"), 1):
        comment = _YAML_COMMENT.search(line)
        if comment and MARKER.search(comment.group()):
            out.add(n)
    return out


def _drop_explained(path: Path, display: str, findings: Findings) -> None:
    lines = explained_lines(path)
    if not lines:
        return

    def explained(f) -> bool:
        if f.severity is not Severity.WARNING or f.rule not in EXPLAINABLE:
            return False
        places = [(f.file, f.line)] + [(p.file, p.line) for p in f.related]
        return any(file == display and line in lines for file, line in places)

    findings.items = [f for f in findings.items if not explained(f)]
