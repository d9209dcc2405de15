"""Check a list field: rows inline in cluster.yaml or in a CSV/XLSX file beside it."""
from __future__ import annotations

from typing import Any

from ..findings import Finding, Findings
from ..form.kinds import NONE_TEXT, Evidence, ListField
from ..load.tables import load_table
from ..model import MISSING
from .context import CheckContext
from .dispatch import checker_for
from .paths import resolve_inside
from .values import evidence_list, is_blank, q

GROUP_AFTER = 3  # more findings than this of one rule in one column are reported as one


def _rows_from_file(ctx: CheckContext, f: ListField, name: str, path: tuple):
    target = resolve_inside(ctx, name, path, f.label, purpose="清单文件")
    if target is None:
        return None
    table = load_table(target, ctx.show(name), ctx.findings, [c.key for c in f.columns])
    if table is None:
        return None
    rows = []
    for i, (row, locs) in enumerate(zip(table.rows, table.locs)):
        rpath = path + (i,)
        ctx.locs[rpath] = table.row_locs[i]
        for col, loc in locs.items():
            ctx.locs[rpath + (col,)] = loc
        rows.append(row)
    return rows


def check_list(ctx: CheckContext, f: ListField, value: Any, path: tuple, label: str) -> Any:
    if isinstance(value, str) and value.strip() == NONE_TEXT:
        return []
    if isinstance(value, str) and value.strip().lower().endswith((".csv", ".xlsx", ".xls", ".et", ".ods")):
        rows = _rows_from_file(ctx, f, value.strip(), path)
        if rows is None:
            return MISSING
    elif isinstance(value, list):
        rows = value
    else:
        ctx.error(
            path,
            f"“{label}”应为清单：逐行写出，或写同一文件夹下的 CSV/XLSX 文件名；无则写“无”，现在是{q(value)}",
            "type-list",
        )
        return MISSING

    if isinstance(value, list):
        return _check_rows(ctx, f, rows, path, label)
    own, ctx.findings = ctx.findings, Findings()  # a file's findings are grouped by column
    try:
        return _check_rows(ctx, f, rows, path, label)
    finally:
        own.extend(group_by_column(ctx.findings))
        ctx.findings = own


def _ranges(lines: list[int]) -> str:
    """[2, 3, 4, 7, 9, 10] → "2–4、7、9–10"."""
    out: list[str] = []
    start = prev = lines[0]
    for n in lines[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return "、".join(out)


def group_by_column(findings: Findings) -> Findings:
    """Many findings of one rule in one column of a file become one, at the first row, naming the
    rows ("第 2–313 行"): a list exported with one systematic mistake gives one message, not 312."""
    groups: dict[tuple, list[Finding]] = {}
    for f in findings.items:
        groups.setdefault((f.file, f.col, f.rule, f.severity), []).append(f)
    out = Findings()
    for f in findings.items:
        same = groups[(f.file, f.col, f.rule, f.severity)]
        if len(same) <= GROUP_AFTER:
            out.items.append(f)
        elif f is same[0]:
            lines = sorted({g.line for g in same})
            out.add(f.file, f.line, f.col, f.severity,
                    f"{f.message}（这一列共 {len(lines)} 行有同类问题：第 {_ranges(lines)} 行）", f.rule)
    return out


def _check_rows(ctx: CheckContext, f: ListField, rows: list, path: tuple, label: str) -> Any:
    allowed = {c.key for c in f.columns}
    list_label = label.split("（")[0]
    columns = [(col, isinstance(col.kind, Evidence), checker_for(type(col.kind))) for col in f.columns]
    out: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        rpath = path + (i,)
        if not isinstance(row, dict):
            ctx.error(rpath, f"“{label}”第 {i + 1} 行应写成 {{{'、'.join(sorted(allowed))}}} 形式的键值对", "type-list")
            continue
        for k in row:
            if k not in allowed:
                ctx.error(rpath + (k,), f"“{label}”的行中没有列“{k}”；可用的列：{'、'.join(c.key for c in f.columns)}", "list-column")
        normalized: dict[str, Any] = {}
        for col, is_evidence, check in columns:
            v = row.get(col.key)
            cpath = rpath + (col.key,)
            clabel = f"{list_label}第 {i + 1} 行的“{col.kind.label}”"
            if is_evidence:
                if is_blank(v) or v == NONE_TEXT:
                    normalized[col.key] = ()
                else:
                    name = normalized.get(f.columns[0].key)  # as normalized (stripped), like its cell
                    proves = f"{list_label}：{name if isinstance(name, str) else ''}"
                    normalized[col.key] = evidence_list(ctx, v, cpath, clabel, proves) or ()
                continue
            if is_blank(v):
                if col.required:
                    ctx.error(cpath, f"{clabel}未填写", "list-cell-missing")
                normalized[col.key] = MISSING
                continue
            normalized[col.key] = check(ctx, col.kind, v, cpath, clabel)  # check_value, v being non-blank
        out.append(normalized)
    if f.needs_evidence and out and not any(r.get("佐证") for r in out):
        ctx.warning(path, f"“{label}”需提供佐证材料：请在清单的“佐证”列写出证明文件", "list-evidence")
    return out
