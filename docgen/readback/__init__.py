"""The read-back check: what you typed is what prints.

`check` and `build` render the form in memory, read it back with the importer
(docgen.importer, the reader of `docgen import`) and compare it with the sources:

    Application ──render──▶ .docx bytes ──importer──▶ printed values + section 八
         │                                                   │
         └──── values_compare (cluster.yaml, lists) ◀────────┤
         └──── plan_compare (plan.md as typed_plan reads it) ◀┘

Each difference is a warning `print-differs` at the source's file:line:col, quoting both
sides. The presentation rules that are not differences are listed in docs/readback.md.
"""
from __future__ import annotations

from pathlib import Path

from ..findings import Findings
from ..model import Application
from .differences import RULE, Difference

__all__ = ["FAILED_RULE", "RULE", "Difference", "read_back", "read_back_guarded"]
FAILED_RULE = "readback-failed"

SUPERSEDED = {"number-decimals"}  # the read-back says the same, with what prints and a better unit


def read_back(app: Application, findings: Findings, docx: bytes | None = None,
              template: bytes | None = None) -> list[Difference]:
    """Compare the printed form (`docx`, or the form rendered now from `template`) with the
    application's sources; every difference is added to `findings` and returned."""
    from ..importer.assemble import read_document
    from ..importer.docx_read import FormReadError, read_docx_bytes
    from ..pipeline import PLAN_FILE, display_dir
    from .plan_compare import compare_plan, printed_units
    from .values_compare import ValueComparer

    shown = display_dir(app.folder)
    if docx is None:
        docx = render_form(app, template)
    try:
        printed = read_document(read_docx_bytes(docx), Path("申报表.docx"), app.folder)
    except FormReadError as e:
        findings.warning(shown + "cluster.yaml", 1, 1, f"生成的申报表无法读回比对：{e}", RULE)
        return []
    diffs = ValueComparer(app, printed.data, printed.lists).run()
    if app.plan is not None:
        diffs += compare_plan(_typed_units(app.folder / PLAN_FILE), *printed_units(printed.plan_blocks),
                              shown + PLAN_FILE, _plan_title())
    _report(diffs, findings)
    return diffs


def read_back_guarded(app: Application, findings: Findings, docx: bytes | None = None) -> list[Difference]:
    """`read_back` for `check` and `build`: a defect of the comparison itself becomes a warning
    (the check's other findings and the build still stand) unless DOCGEN_DEBUG is set."""
    import os

    from ..pipeline import display_dir

    try:
        return read_back(app, findings, docx=docx)
    except Exception as e:  # noqa: BLE001 - a defect of this extra check must not stop check or build
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        findings.warning(display_dir(app.folder) + "cluster.yaml", 1, 1,
                         f"读回比对未能完成（{type(e).__name__}: {e}）；这是 docgen 的缺陷，其余检查结果不受影响。"
                         "请设置环境变量 DOCGEN_DEBUG=1 重新运行并报告给维护者；可加 --no-readback 跳过", FAILED_RULE)
        return []


def render_form(app: Application, template: bytes | None = None) -> bytes:
    """The final (not draft) 申报表 as `build` writes it, in memory."""
    import datetime as _dt

    from ..render.engine import render_application, template_bytes

    when = _dt.datetime(1980, 1, 1, tzinfo=_dt.timezone.utc)  # the dates in properties are not compared
    return render_application(app, template if template is not None else template_bytes(None), draft=False, when=when)


def _typed_units(path: Path):
    from ..load.text import decode_user_text
    from .typed_plan import typed_units

    text = decode_user_text(path.read_bytes(), path.name, Findings()) if path.is_file() else None
    return typed_units(text or "")


def _plan_title() -> str:
    from ..form.spec import SECTIONS

    return next(s.title for s in SECTIONS if s.key == "发展目标")


def _report(diffs: list[Difference], findings: Findings) -> None:
    places = {(d.file, d.line, d.col) for d in diffs}
    findings.items = [f for f in findings.items
                      if not (f.rule in SUPERSEDED and (f.file, f.line, f.col) in places)]
    for d in diffs:
        findings.warning(d.file, d.line, d.col, d.message, RULE)
