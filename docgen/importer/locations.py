"""Findings on an imported folder, located in the .docx they came from (`申报表.docx:表3:行5: …`)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, Findings, Place

NOT_ON_FORM_NOTE = "（申报表上没有这一栏，附件1 汇总表需要它；请用 docgen import 导入后在 cluster.yaml 中补填）"
HAND_NOTE = "（此表为手工填写：官方表格上没有佐证材料清单和附表，佐证材料和清单须另行提供）"


@dataclass(frozen=True, order=True)
class FormFinding(Finding):
    """A finding located by table and row (or paragraph) of a .docx instead of line:col."""

    place: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.place}" if self.place else self.file
        return f"{where}: {self.severity.value}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict:
        d = super().as_dict()
        d["place"] = self.place
        return d


@dataclass(frozen=True, order=True)
class FormPlace(Place):
    """The other place of a cross-check (docgen.review), located in the .docx."""

    place: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.place}" if self.place else self.file
        return where + (f"（{self.value}）" if self.value else "")


def _nearest(lines: dict[int, object], line: int):
    keys = sorted(lines)
    i = bisect.bisect_right(keys, line) - 1
    return lines[keys[i]] if i >= 0 else None


def _yaml_path(file: str, line: int, report) -> tuple | None:
    if Path(file).name != "cluster.yaml":
        return None
    return report.yaml_lines.get(line) or _nearest(report.yaml_lines, line)


def _place(file: str, line: int, report) -> str:
    """Where file:line of the imported folder was read from: 表N:行M or 段落N ("" when unknown)."""
    name = Path(file).name
    if name == "cluster.yaml":
        path = _yaml_path(file, line, report)
        while path:
            if path in report.places:
                return report.places[path]
            path = path[:-1]
        return ""
    if name == "plan.md":
        return _nearest(report.plan_lines, line) or ""
    if name.endswith(".csv"):
        rows = report.list_rows.get(name[:-4], [])
        i = line - 2  # line 1 is the header
        return rows[i] if 0 <= i < len(rows) else ""
    return ""


def _explained_by_hand(f: Finding) -> bool:
    return "evidence" in f.rule or "佐证" in f.message or "清单" in f.message


def not_on_form(f: Finding, report) -> bool:
    """A finding about a 附件1 field the 申报表 does not print (集群成立时间): the form cannot carry it."""
    path = _yaml_path(f.file, f.line, report)
    return bool(path) and path[0] == "汇总表" and path not in report.places


def relocate(findings: Findings, folder: Path, report) -> Findings:
    out = Findings()
    shown = report.source.name
    for f in findings.items:
        msg = f.message
        if report.hand_filled and _explained_by_hand(f):
            msg += HAND_NOTE
        if not_on_form(f, report):
            msg += NOT_ON_FORM_NOTE
        related = tuple(FormPlace(shown, p.line, p.col, p.value, _place(p.file, p.line, report)) for p in f.related)
        out.items.append(FormFinding(shown, f.line, f.col, f.severity, msg, f.rule, related,
                                     place=_place(f.file, f.line, report)))
    return out
