"""Findings: what `check` reports, each located as file:line:col.

Every stage appends to one `Findings` collector instead of raising, so the user
sees every problem at once (the way mkdocs reports its config errors).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum


@dataclass(frozen=True, order=True)
class Place:
    """The other place a cross-check compares with: where it is and what is written there."""

    file: str
    line: int
    col: int
    value: str = ""  # the figure as written there, e.g. "170.05亿元"

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" + (f"（{self.value}）" if self.value else "")


class Severity(str, Enum):
    ERROR = "错误"
    WARNING = "警告"
    NOTE = "提示"  # how the input was read; never fails a check, not even with --strict


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located as file:line:col, with its rule id."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str
    rule: str
    related: tuple[Place, ...] = ()  # the other places a contradiction involves (docgen.review)

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity.value}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(self.severity, "note")
        if not self.related:
            del d["related"]
        return d


@dataclass
class Findings:
    """Every finding of a run, in the order found (each reported once)."""

    items: list[Finding] = field(default_factory=list)

    def add(self, file: str, line: int, col: int, severity: Severity, message: str, rule: str,
            related: tuple[Place, ...] = ()) -> None:
        f = Finding(file, max(1, int(line)), max(1, int(col)), severity, message, rule, tuple(related))
        if f not in self.items:  # the same finding reached twice is reported once
            self.items.append(f)

    def error(self, file: str, line: int, col: int, message: str, rule: str,
              related: tuple[Place, ...] = ()) -> None:
        self.add(file, line, col, Severity.ERROR, message, rule, related)

    def warning(self, file: str, line: int, col: int, message: str, rule: str,
                related: tuple[Place, ...] = ()) -> None:
        self.add(file, line, col, Severity.WARNING, message, rule, related)

    def note(self, file: str, line: int, col: int, message: str, rule: str) -> None:
        self.add(file, line, col, Severity.NOTE, message, rule)

    def extend(self, other: "Findings") -> None:
        for f in other.items:
            if f not in self.items:
                self.items.append(f)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.WARNING]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Finding]:
        return sorted(self.items, key=lambda f: (f.file, f.line, f.col, f.rule, f.message))

    def format_text(self) -> str:
        return "\n".join(f.format() for f in self.sorted())

    def format_json(self) -> str:
        return json.dumps(
            {
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "findings": [f.as_dict() for f in self.sorted()],
            },
            ensure_ascii=False,
            indent=2,
        )


class DocgenError(Exception):
    """A failure that is reported to the user as findings, never as a traceback."""

    def __init__(self, findings: Findings):
        super().__init__(findings.format_text())
        self.findings = findings
