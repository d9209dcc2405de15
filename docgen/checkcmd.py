"""`docgen check DIR...`: every finding of every folder, then a one-line verdict.

Each folder that passes is also rendered in memory and read back (docgen.readback): what
prints must be what was typed. Plain output: the findings of one place first (sorted by file:line:col), then, under the
heading “前后不一致”, the findings that compare two places (docgen.review), each followed
by the other place and the value written there. JSON: every finding, with `related`
places for the second kind.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .findings import Findings
from .importer import is_form_file, load_any  # a folder, or a filled 申报表.docx imported in memory
from .settings import CITY_FILE

CROSS_HEADING = "前后不一致"


def format_plain(findings: Findings) -> str:
    """Single-place findings, then the contradictions between two places under their heading."""
    single = [f for f in findings.sorted() if not f.related]
    cross = [f for f in findings.sorted() if f.related]
    lines = [f.format() for f in single]
    if cross:
        if lines:
            lines.append("")
        lines.append(f"{CROSS_HEADING}（{len(cross)} 处，两处数字须一致）：")
        for f in cross:
            lines.append(f.format())
            lines.extend(f"    另见 {p.format()}" for p in f.related)
    return "\n".join(lines)


def run_check(folders: list[Path], *, strict: bool = False, fmt: str = "text", readback: bool = True) -> int:
    all_findings = Findings()
    for folder in folders:
        if folder.is_file() and folder.name == CITY_FILE:
            continue  # `docgen check content/*` also names the city's file; summary/package read it

        app, findings = load_any(folder)
        if app is not None and readback and not is_form_file(folder):
            # what prints is compared with what was typed (a .docx given here is itself the print)
            from .readback import read_back_guarded

            read_back_guarded(app, findings)
        all_findings.extend(findings)
    failed = all_findings.has_errors(strict=strict)
    if fmt == "json":
        payload = json.loads(all_findings.format_json())
        payload["ok"] = not failed
        payload["strict"] = strict
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 1 if failed else 0
    if all_findings.items:
        print(format_plain(all_findings), flush=True)
    n_err, n_warn = len(all_findings.errors), len(all_findings.warnings)
    if failed:
        extra = "（--strict：警告按错误处理）" if strict and not n_err else ""
        print(f"检查未通过：{n_err} 个错误，{n_warn} 个警告{extra}。", file=sys.stderr)
        return 1
    print(f"检查通过：0 个错误，{n_warn} 个警告。", file=sys.stderr)
    return 0


