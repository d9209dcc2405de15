"""`docgen diff OLD NEW [--format json] [--docx 修订稿.docx]`.

Exit 0 when the two versions are the same as the form shows them, 1 when they differ
(like diff(1)), 2 when a side cannot be read or the command is misused.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import sys
from pathlib import Path

from .changes import Change, form_changes
from .plan import plan_changes, words
from .sides import IMPORTED, SideError, materialise
from .tracked import TrackedError, tracked_docx

ROLES = ("旧版本", "新版本")


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def _load(folder: Path, spec: str, role: str):
    from ..pipeline import load_application

    app, findings = load_application(folder, draft=True)
    if app is None:
        text = findings.format_text()
        if text:
            _err(text)
        raise SideError(f"无法读取{role}“{spec}”：见上面的问题")
    report = IMPORTED.get(folder.resolve())
    if report is not None:  # a .docx side: the 附件1 fields it cannot carry do not make it a draft
        from ..importer.locations import not_on_form

        n = sum(1 for f in findings.errors if not not_on_form(f, report))
    else:
        n = len(findings.errors)
    app.draft = bool(n)  # rendered as the build would: a draft only while errors remain
    if n:
        _err(f"提示：{role}“{spec}”有 {n} 个错误（运行 docgen check 查看）；仍按已写的内容比较。")
    return app


def compare(old_app, new_app) -> list[Change]:
    return form_changes(old_app, new_app, _unread(old_app) | _unread(new_app)) + \
        plan_changes(old_app.plan, new_app.plan)


def _unread(app) -> frozenset[tuple[str, str]]:
    """The fields a .docx side cannot tell (the 附件1 fields the 申报表 does not print, such as
    集群成立时间): compared as “（空）” they would read as deleted."""
    report = IMPORTED.get(Path(app.folder).resolve())
    if report is None:
        return frozenset()
    from ..form.spec import SUMMARY

    return frozenset((SUMMARY.key, f.key) for f in SUMMARY.fields if (SUMMARY.key, f.key) not in report.places)


def run_diff(old: str, new: str, *, fmt: str = "text", docx: Path | None = None, author: str = "docgen") -> int:
    if docx is not None and docx.suffix.lower() != ".docx":
        _err(f"用法错误：--docx 应给出 .docx 文件名（如“修订稿.docx”），而不是 {docx}")
        return 2
    if docx is not None and docx.is_dir():
        _err(f"用法错误：--docx 应是文件，但 {docx} 是文件夹")
        return 2
    try:
        with contextlib.ExitStack() as stack:
            old_dir = stack.enter_context(materialise(old, ROLES[0]))
            new_dir = stack.enter_context(materialise(new, ROLES[1]))
            old_app = _load(old_dir, old, ROLES[0])
            new_app = _load(new_dir, new, ROLES[1])
            changes = compare(old_app, new_app)
            revisions = _write_tracked(old_app, new_app, docx, author) if docx is not None else None
    except SideError as exc:
        _err(f"错误：{exc}")
        return 2
    except TrackedError as exc:
        _err(f"docgen 内部错误：{exc}；修订稿未生成。这是 docgen 的缺陷，请把两个版本报告给维护者。")
        return 3
    _report(old, new, changes, old_app, new_app, fmt, docx, revisions)
    return 1 if changes else 0


def _report(old, new, changes, old_app, new_app, fmt, docx, revisions) -> None:
    a, b = words(old_app.plan), words(new_app.plan)
    if fmt == "json":
        payload = {
            "old": old,
            "new": new,
            "equal": not changes,
            "changes": [{**c.as_dict(), "text": c.text()} for c in changes],
            "plan_words": {"old": a, "new": b},
        }
        if docx is not None:
            payload["docx"] = {"path": str(docx), "revisions": revisions}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for c in changes:
        print(c.text())
    if a != b:
        print(f"八、规划全文字数：{a} → {b}（{b - a:+d}）")
    if docx is not None:
        _err(f"已生成修订稿 {docx}：{revisions} 处修订（在 Word 中“审阅 → 修订”查看、接受或拒绝）。")
    if changes:
        _err(f"“{old}”→“{new}”：共 {len(changes)} 处不同。")
    else:
        _err(f"“{old}”与“{new}”相同（按申报表所示内容比较）。")


def _write_tracked(old_app, new_app, docx: Path, author: str) -> int:
    """Render both 申报表 with the same template and write NEW with tracked changes; the
    number of revisions. A template that cannot render is a SideError (nothing is written)."""
    from ..build import build_time
    from ..render.context import RenderError
    from ..render.engine import render_application, template_bytes
    from ..writer import source_date_epoch, write_atomic

    template = template_bytes(None)
    when = build_time(new_app)
    try:
        old_doc = render_application(old_app, template, draft=old_app.draft, when=when)
        new_doc = render_application(new_app, template, draft=new_app.draft, when=when)
    except RenderError as exc:
        raise SideError(f"无法生成申报表：{exc}") from exc
    revised = source_date_epoch() or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    result = tracked_docx(old_doc, new_doc, author=author, when=revised)
    write_atomic(docx, result.docx)
    return result.revisions
