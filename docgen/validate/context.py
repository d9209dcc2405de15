"""What a field check needs: where values are, where to report, what was cited."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Findings
from ..load.yamlfile import YamlDoc
from ..model import Loc


@dataclass
class EvidenceRef:
    """One citation of an evidence file, and what it is cited for."""

    path: str  # as the user wrote it
    label: str  # what it proves, e.g. the checkbox option's text
    loc: Loc


@dataclass
class CheckContext:
    """The state of one folder's check, shared by every field checker."""

    folder: Path
    display_dir: str  # the folder as shown in findings, with a trailing slash ("" for ".")
    doc: YamlDoc
    findings: Findings
    draft: bool = False
    locs: dict[tuple, Loc] = field(default_factory=dict)
    evidence_refs: list[EvidenceRef] = field(default_factory=list)
    # validate.paths: the folder's real path, each cited path's target and problem, real directories
    real_folder: Path | None = None
    located: dict[tuple[str, ...], tuple[Path, str | None]] = field(default_factory=dict)
    real_dirs: dict[Path, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.locs.update(self.doc.locs)

    @property
    def display(self) -> str:
        return self.show("cluster.yaml")

    def show(self, rel: str) -> str:
        """A file of the folder as named in findings."""
        return self.display_dir + rel

    def loc(self, path: tuple) -> Loc:
        p = tuple(path)
        while p:
            if p in self.locs:
                return self.locs[p]
            if p in self.doc.key_locs:
                return self.doc.key_locs[p]
            p = p[:-1]
        return Loc(self.display, 1, 1)

    def key_loc(self, path: tuple) -> Loc:
        return self.doc.key_locs.get(tuple(path)) or self.loc(path)

    def error(self, path: tuple, message: str, rule: str, loc: Loc | None = None) -> None:
        at = loc or self.loc(path)
        self.findings.error(at.file, at.line, at.col, message, rule)

    def warning(self, path: tuple, message: str, rule: str, loc: Loc | None = None) -> None:
        at = loc or self.loc(path)
        self.findings.warning(at.file, at.line, at.col, message, rule)

    def cite(self, path: str, label: str, loc: Loc) -> None:
        self.evidence_refs.append(EvidenceRef(path, label, loc))
