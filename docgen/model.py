"""The validated application: what every stage after `validate` works from.

`Application.data` mirrors the layout of cluster.yaml (section key → field key
→ value) with normalized values:

| kind          | value                                                        |
|---------------|--------------------------------------------------------------|
| Text/Narrative| str (may be "无")                                            |
| YesNo/YesNoNA | "是" / "否" / "不适用"                                       |
| Choice        | str, one of the choices                                      |
| Number        | Decimal (exact, as written) or "无"                          |
| YearSeries    | {2021: Decimal|"无", 2022: …, 2023: …}                       |
| DateField     | datetime.date, or Month for a month-only value               |
| Checkboxes    | {option key: CheckState}                                     |
| Evidence      | tuple of relative paths (posix, inside the folder)           |
| Group         | dict of its fields                                           |
| ListField     | list of row dicts (column key → normalized value), [] for 无 |
| TargetRows    | list of TargetRow                                            |

In a draft build a missing value is the MISSING sentinel. Derived figures
(counts from lists, averages) live in `Application.derived`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any


class _Missing:
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True, init=False)
class Loc:
    """Where a value was written: a file (as shown to the user), line and column, 1-based."""

    file: str
    line: int = 1
    col: int = 1

    def __init__(self, file: str, line: int = 1, col: int = 1) -> None:
        # Written out: a frozen dataclass's own __init__ sets each field through
        # object.__setattr__, and a build makes ~3000 of these.
        fields = self.__dict__
        fields["file"], fields["line"], fields["col"] = file, line, col

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int


@dataclass(frozen=True, slots=True)
class CheckState:
    checked: bool
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetRow:
    """One row of the target-indicator table (发展目标.目标指标)."""

    direction: str  # 方向
    indicator: str  # 指标 (定性描述 for the qualitative rows)
    unit: str  # 单位, "" when none
    baseline: Decimal | str  # 2023年基准值: a number, or text for 定性描述
    target: Decimal | str  # 2026年目标值
    loc: Loc
    baseline_derived: bool = False  # True when docgen filled the baseline from the tables


@dataclass(frozen=True, slots=True)
class EvidenceUse:
    """One evidence file and every place of the form that cites it."""

    path: str  # relative posix path inside the folder
    proves: tuple[str, ...]  # labels of what it proves, in form order


@dataclass
class Application:
    """One checked application folder: its data, derived figures, locations, evidence, plan."""

    folder: Path
    data: dict[str, Any]
    derived: dict[str, Any] = field(default_factory=dict)
    locs: dict[tuple, Loc] = field(default_factory=dict)  # path tuple → where it was written
    evidence: list[EvidenceUse] = field(default_factory=list)
    plan: Any = None  # docgen.plan's parsed plan, when plan.md was read
    draft: bool = False

    @property
    def name(self) -> str:
        return self.folder.name

    def get(self, dotted: str, default: Any = MISSING) -> Any:
        """A value by dotted path, e.g. app.get('主导产业情况.集群总产值')."""
        node: Any = self.data
        for part in dotted.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, dict) and part.isdigit() and int(part) in node:
                node = node[int(part)]
            else:
                return default
        return node

    def loc(self, *path: Any) -> Loc | None:
        """Where a value was written, falling back to its nearest written parent."""
        p = tuple(path)
        while p:
            if p in self.locs:
                return self.locs[p]
            p = p[:-1]
        return None
