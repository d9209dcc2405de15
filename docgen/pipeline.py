"""load → validate → derive → review: one application folder into an `Application`.

Every stage adds to the same Findings; later stages (present, render) only see
the Application, never the raw YAML. `review` (docgen.review) makes the
cross-checks a reviewer makes once every figure is known.
"""
from __future__ import annotations

import os
from pathlib import Path

from .derive import derive
from .findings import Findings
from .form.spec import SECTIONS
from .load.yamlfile import load_yaml_file
from .model import Application
from .review import review
from .validate.context import CheckContext
from .validate.evidence import check_evidence_files
from .validate.fields import check_sections
from .validate.rules import check_rules

CLUSTER_FILE = "cluster.yaml"
PLAN_FILE = "plan.md"


def display_dir(folder: Path) -> str:
    """The folder as the user will recognise it in `file:line:col` (relative when possible)."""
    try:
        rel = os.path.relpath(folder, Path.cwd())
    except ValueError:  # another drive on Windows
        rel = str(folder)
    if rel == ".":
        return ""
    shown = rel if not rel.startswith("..") else str(folder)
    return shown.replace(os.sep, "/").rstrip("/") + "/"


def load_application(folder: Path, *, draft: bool = False) -> tuple[Application | None, Findings]:
    """The checked application, or None when there are errors (in draft mode: whenever it can be read)."""
    findings = Findings()
    shown = display_dir(folder)
    if not folder.exists():
        findings.error(shown.rstrip("/") or ".", 1, 1, "申报文件夹不存在；请检查路径，或先运行 docgen init 新建", "folder-missing")
        return None, findings
    if not folder.is_dir():
        findings.error(shown.rstrip("/"), 1, 1, "这是一个文件，不是申报文件夹；请给出包含 cluster.yaml 的文件夹", "folder-not-dir")
        return None, findings
    cluster = folder / CLUSTER_FILE
    if not cluster.is_file():
        findings.error(shown + CLUSTER_FILE, 1, 1, _missing_cluster_message(folder), "file-missing")
        return None, findings
    doc = load_yaml_file(cluster, shown + CLUSTER_FILE, findings)
    if doc is None:
        return None, findings

    ctx = CheckContext(folder=folder, display_dir=shown, doc=doc, findings=findings, draft=draft)
    data = check_sections(ctx, SECTIONS)
    check_rules(ctx, SECTIONS, data)
    app = Application(folder=folder, data=data, locs=ctx.locs, draft=draft)
    app.evidence = check_evidence_files(ctx)
    derive(app, findings, ctx.display)
    plan_text = _load_plan(app, ctx, findings)
    review(app, findings, ctx.show, plan_text)

    if findings.has_errors() and not draft:
        return None, findings
    return app, findings


def _missing_cluster_message(folder: Path) -> str:
    """Windows hides known extensions: a file shown as "cluster.yaml" may be cluster.yaml.txt."""
    near = sorted(p.name for p in folder.glob("cluster.*") if p.is_file() and p.name.lower() != CLUSTER_FILE)
    near += sorted(p.name for p in folder.iterdir() if p.name.lower() in (CLUSTER_FILE, "cluster.yml")
                   and p.name != CLUSTER_FILE and p.is_file())
    if near:
        name = near[0]
        extra = "文件名多了 .txt（Windows 默认隐藏扩展名，记事本保存时会加上 .txt）；" if name.lower().endswith(".txt") else ""
        return (f"找不到 cluster.yaml，但有“{name}”：{extra}请把它改名为 cluster.yaml"
                "（资源管理器中先勾选“查看”→“文件扩展名”）")
    return "找不到 cluster.yaml；可运行 docgen init 生成带全部栏目的模板"


def _load_plan(app: Application, ctx: CheckContext, findings: Findings) -> str | None:
    """Check the target rows, read plan.md into app.plan; its text (for docgen.review), or None."""
    from . import plan as plan_mod
    from .plan.load import read_plan_text

    targets = app.data.get("发展目标", {}).get("目标指标")
    if isinstance(targets, list):
        plan_mod.check_targets(targets, findings, loc=app.loc("发展目标", "目标指标"))
    path = app.folder / PLAN_FILE
    if not path.is_file():
        findings.error(ctx.show(PLAN_FILE), 1, 1,
                       "找不到 plan.md（八、未来三年特色产业集群发展规划）；可运行 docgen init 生成提纲", "file-missing")
        return None
    app.plan = plan_mod.load_plan(path, findings, ctx.show(PLAN_FILE))
    if app.plan is None:
        return None
    plan_mod.check_plan_limit(app.plan, targets if isinstance(targets, list) else [], findings, ctx.show(PLAN_FILE))
    # the source text again (a few KB, already reported on): review locates figures in it
    return read_plan_text(path, Findings(), ctx.show(PLAN_FILE))
