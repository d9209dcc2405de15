"""`docgen count FILE|DIR`: Word's 字数 and 字符数(不计空格) against each limit.

FILE: a Markdown file (normally plan.md), per heading and in total against the
3000-字 limit; when a cluster.yaml sits beside it, its target table is counted
too (it prints inside section 八). DIR: an application folder: plan.md as above,
then every text field of cluster.yaml that has a 字 limit.

Exit 0 when nothing is over, 1 when something is, 2 when the path does not exist
or cannot be read.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Findings
from ..form.kinds import Field, Group, Text
from ..form.spec import SECTIONS
from ..model import Application, TargetRow
from ..wordcount import TextCount, count_text
from .counting import TABLE_TITLE, PlanCount, plan_counts
from .load import parse_plan, read_plan_text

PLAN_FILE = "plan.md"
CLUSTER_FILE = "cluster.yaml"


@dataclass
class FieldCount:
    path: str  # 主导产业情况.产业链强链补链情况
    label: str  # 二、主导产业情况 · 产业链强链补链情况 (section heading · YAML key)
    count: TextCount
    limit: int
    filled: bool

    @property
    def over(self) -> int:
        return max(0, self.count.words - self.limit)


# -- reading ---------------------------------------------------------------------------------------
def _application(folder: Path, errors: list[str]) -> Application | None:
    """The folder read by the same pipeline as `check` and `build` (in draft mode, so an
    unfinished application still counts); None, with the reason in `errors`, when its
    cluster.yaml cannot be read at all."""
    from ..pipeline import load_application

    app, findings = load_application(folder, draft=True)
    if app is None:
        errors.extend(f.format() for f in findings.errors)
    return app


def _text_fields(fields: tuple[Field, ...], prefix: tuple[str, ...]):
    for f in fields:
        if isinstance(f, Group):
            yield from _text_fields(f.fields, prefix + (f.key,))
        elif isinstance(f, Text) and f.limit:
            yield prefix + (f.key,), f


def field_counts(data: Any) -> list[FieldCount]:
    out: list[FieldCount] = []
    for s in SECTIONS:
        for path, f in _text_fields(s.fields, (s.key,)):
            node: Any = data
            for k in path:
                node = node.get(k) if isinstance(node, dict) else None
            filled = isinstance(node, str) and node.strip() != ""
            text = node if filled else ""
            out.append(FieldCount(".".join(path), f"{s.heading} · {' · '.join(path[1:])}", count_text(text),
                                  f.limit, filled))
    return out


# -- output ----------------------------------------------------------------------------------------
def _status(words: int, limit: int | None) -> str:
    if limit is None:
        return "—"
    if words > limit:
        return f"超出 {words - limit} 字"
    return "未超"


def _plan_json(display: str, pc: PlanCount, has_table: bool) -> dict:
    return {
        "file": display,
        "sections": [
            {"title": s.title, "line": s.line, "level": s.level, "words": s.count.words, "chars": s.count.chars}
            for s in pc.sections
        ],
        "target_table": {"words": pc.table.words, "chars": pc.table.chars} if has_table else None,
        "total": {"words": pc.total.words, "chars": pc.total.chars},
        "limit": pc.limit,
        "over": pc.total.words > pc.limit,
    }


def _print_text(plan: tuple[str, PlanCount, bool] | None, fields: list[FieldCount] | None,
                notes: list[str]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    if plan is not None:
        display, pc, has_table = plan
        t = Table(title=f"{display}（八、未来三年特色产业集群发展规划）", box=box.SIMPLE_HEAVY,
                  title_justify="left", show_footer=True)
        t.add_column("部分", footer="合计")
        t.add_column("字数", justify="right", footer=str(pc.total.words))
        t.add_column("字符数(不计空格)", justify="right", footer=str(pc.total.chars))
        t.add_column("限制", justify="right", footer=str(pc.limit))
        t.add_column("状态", footer=_status(pc.total.words, pc.limit))
        for s in pc.sections:
            t.add_row("　" * (s.level - 1) + s.title, str(s.count.words), str(s.count.chars), "", "")
        if has_table:
            t.add_row(f"{TABLE_TITLE}（cluster.yaml）", str(pc.table.words), str(pc.table.chars), "", "")
        console.print(t)
    if fields is not None:
        t = Table(title="cluster.yaml 中有字数限制的栏目", box=box.SIMPLE_HEAVY, title_justify="left")
        t.add_column("栏目")
        t.add_column("字数", justify="right")
        t.add_column("字符数(不计空格)", justify="right")
        t.add_column("限制", justify="right")
        t.add_column("状态")
        for fc in fields:
            status = _status(fc.count.words, fc.limit) if fc.filled else "未填写"
            t.add_row(fc.label, str(fc.count.words), str(fc.count.chars), str(fc.limit), status)
        console.print(t)
    for n in notes:
        console.print(n)


# -- the command -----------------------------------------------------------------------------------
def run_count(target: Path, fmt: str = "text") -> int:
    target = Path(target)
    shown = target.as_posix()
    if not target.exists():
        print(f"错误：找不到 {shown}；请给出 plan.md 等 Markdown 文件，或申报文件夹", file=sys.stderr)
        return 2

    notes: list[str] = []
    errors: list[str] = []
    plan_path: Path | None
    yaml_path: Path | None
    if target.is_dir():
        plan_path = target / PLAN_FILE if (target / PLAN_FILE).is_file() else None
        yaml_path = target / CLUSTER_FILE if (target / CLUSTER_FILE).is_file() else None
        if plan_path is None and yaml_path is None:
            print(f"错误：{shown} 中没有 plan.md 和 cluster.yaml；请给出申报文件夹或 Markdown 文件", file=sys.stderr)
            return 2
        if plan_path is None:
            notes.append(f"（{shown} 中没有 plan.md，只统计 cluster.yaml）")
    else:
        plan_path = target
        beside = target.parent / CLUSTER_FILE
        yaml_path = beside if beside.is_file() and target.name == PLAN_FILE else None

    app = _application(yaml_path.parent, errors) if yaml_path is not None else None
    rows = app.get("发展目标.目标指标") if app is not None else None
    targets: list[TargetRow] | None = rows if isinstance(rows, list) else None
    data = app.data if app is not None else None

    plan_result = None
    if plan_path is not None:
        findings = Findings()
        display = plan_path.as_posix() if not target.is_dir() else f"{shown.rstrip('/')}/{PLAN_FILE}"
        if app is not None and app.plan is not None and plan_path.name == PLAN_FILE \
                and plan_path.parent.resolve() == app.folder.resolve():
            plan = app.plan  # the folder's plan.md, already read by the pipeline
        else:
            text = read_plan_text(plan_path, findings, display)
            if text is None:
                for f in findings.errors:
                    print(f.format(), file=sys.stderr)
                return 2
            plan = parse_plan(text, Findings(), display)
        pc = plan_counts(plan, targets)
        plan_result = (display, pc, targets is not None)
        if targets is not None:
            notes.append("目标指标表印在第八部分，计入 3000 字（见 docs/plan.md）。")

    fields = field_counts(data) if (target.is_dir() and data is not None) else None
    over = bool(plan_result and plan_result[1].total.words > plan_result[1].limit) or \
        any(fc.over for fc in fields or [])

    for e in errors:
        print(e, file=sys.stderr)
    if fmt == "json":
        out = {
            "plan": _plan_json(*plan_result) if plan_result else None,
            "fields": [
                {"path": fc.path, "label": fc.label, "words": fc.count.words, "chars": fc.count.chars,
                 "limit": fc.limit, "filled": fc.filled, "over": fc.over > 0}
                for fc in fields
            ] if fields is not None else None,
            "over": over,
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print_text(plan_result, fields, notes)
        print("有内容超出字数限制。" if over else "全部在字数限制以内。")
    if errors and not over:
        return 1
    return 1 if over else 0
