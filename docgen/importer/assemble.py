"""Assemble an import: read (docx_read) → locate by labels (locate, lists) → section 八 to
Markdown (plan_md) → the cluster.yaml data, here → write the folder (write)."""
from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..form import kinds
from ..form.kinds import NONE_TEXT
from ..form.spec import SECTIONS
from .docx_read import Document, FormReadError, read_docx
from .labels import Reading, is_pending
from .lists import EVIDENCE_DIR, listed_name
from .locate import Locator
from .plan_md import PlanResult, plan_markdown
from .values import norm
from .write import cluster_yaml, create, csv_text

MIN_FIELDS = 8  # fewer labels than this found: not the form
CLUSTER_FILE, PLAN_FILE = "cluster.yaml", "plan.md"


@dataclass
class ImportReport:
    """What an import read, could not place, and had to interpret."""

    source: Path
    dest: Path
    hand_filled: bool = False
    fields_read: list[tuple[str, str, str]] = field(default_factory=list)  # (label path, place, value)
    unmapped: list[tuple[str, str]] = field(default_factory=list)  # (place, text)
    interpreted: list[tuple[str, str, str]] = field(default_factory=list)  # (place, label, note)
    not_on_form: list[str] = field(default_factory=list)  # fields left for the user
    missing_evidence: list[str] = field(default_factory=list)  # cited by the form, not in evidence/ yet
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    yaml_lines: dict[int, tuple] = field(default_factory=dict)  # cluster.yaml line → value path
    places: dict[tuple, str] = field(default_factory=dict)  # value path → 表N:行M
    plan_lines: dict[int, str] = field(default_factory=dict)  # plan.md line → place
    list_rows: dict[str, list[str]] = field(default_factory=dict)  # list key → place of each CSV row

    def format_text(self) -> str:
        src = self.source.name
        out = [f"读取《{src}》（{'手工填写' if self.hand_filled else 'docgen 生成'}）→ {self.dest.as_posix()}/"]
        out += [f"  已创建：{f}" for f in self.files]
        out.append(f"读取的栏目（{len(self.fields_read)} 项）：")
        out += [f"  {src}:{where}: {label}：{_short(value)}" for label, where, value in self.fields_read]
        out.append(f"按约定解读的值（{len(self.interpreted)} 处）：")
        out += [f"  {src}:{where}: {label}：{note}" for where, label, note in self.interpreted]
        out.append(f"未能对应到栏目的内容（{len(self.unmapped)} 处）：")
        out += [f"  {src}:{where}: {_short(text)}" for where, text in self.unmapped]
        if self.not_on_form:
            out.append(f"表上没有、需要补填的栏目（{len(self.not_on_form)} 项）：")
            out += [f"  {x}" for x in self.not_on_form]
        if self.missing_evidence:
            out.append(f"原文件引用、evidence/ 中还没有的佐证材料（{len(self.missing_evidence)} 个，请放入）：")
            out += [f"  {p}" for p in self.missing_evidence]
        out += [f"注意：{n}" for n in self.notes]
        return "\n".join(out)


def _short(text: str, n: int = 60) -> str:
    t = text.replace("\n", "↵")
    return t if len(t) <= n else t[: n - 1] + "…"


# ---------------------------------------------------------------------------------------------
# assemble


def _hand_filled(doc: Document, r: Reading) -> bool:
    """Filled by hand: typed the way docgen never prints (a unit after a number, √ for ☑), or
    without the 附表 and 佐证材料清单 docgen appends to every form it writes (the official Word
    file has none). Styles are not asked: another version of the template may name them otherwise."""
    return bool(r.interpreted) or not r.seen_docgen_tables


def _resolve_evidence(r: Reading, report: ImportReport) -> None:
    data = r.data
    for s in SECTIONS:
        for f in s.fields:
            if isinstance(f, kinds.Checkboxes):
                boxes = data[s.key].get(f.key) or {}
                for o in f.options:
                    if boxes.get(o.key) == "是":
                        paths = r.proves.get(norm(f.label + o.label), [])
                        if paths:
                            boxes[o.key] = paths[0] if len(paths) == 1 else list(paths)
                        elif r.seen_docgen_tables:
                            report.notes.append(f"“{f.label}：{o.label}”已勾选，但佐证材料清单中没有它的文件")
            elif isinstance(f, kinds.Evidence):
                paths = r.proves.get(norm(f.label), [])
                if paths:
                    data[s.key][f.key] = list(paths)
    for key, rows in r.lists.items():
        for row in rows:
            ref = row.pop("_ref", None)
            if ref:
                nums = [int(n) for n in re.findall(r"\d+", ref)]
                paths = [r.evidence[n] for n in nums if n in r.evidence]
                if len(paths) < len(nums):
                    report.notes.append(f"{key}清单的佐证材料序号“{ref}”在佐证材料清单中找不到")
                if paths:
                    row["佐证"] = paths
            elif row.get("佐证"):
                row["佐证"] = [p.strip() for p in re.split(r"[;；\n]", row["佐证"]) if p.strip()]


def _fill_gaps(r: Reading, report: ImportReport) -> None:
    """Values the form prints only indirectly: the county (from the cluster name), 主导产业."""
    cover = r.data["封面"]
    name = cover.get("集群名称", "")
    city = cover.get("所属市", "")
    county = cover.pop("_县", None)
    if county:
        stem, where = county
        m = re.match(re.escape(city) + re.escape(stem) + r"([县市区])", name) if city else None
        value = stem + m.group(1) if m else (stem if stem[-1:] in "县市区" else stem + "县")
        r.data["封面"]["所属县"] = value
        r.places[("封面", "所属县")] = where
        r.read.append(("封面 · 所属地区（县（市、区））", where, value))
        if not m and not stem[-1:] in "县市区":
            r.interpreted.append((where, "所属县", f"表上印“{stem} 县(市、区)”，读作“{value}”，请核对"))
    contact = cover.pop("_联系", None)
    authority = r.data["基本情况"].setdefault("县级中小企业主管部门", {})
    parts = re.split(r"[\s\u3000]+", contact[0], maxsplit=1) if contact and contact[0] and not is_pending(contact[0]) else []
    if len(parts) == 2 and not any(k in authority for k in ("联系人", "联系方式")):
        for key, value in zip(("联系人", "联系方式"), parts):
            authority[key] = value
            r.places[("基本情况", "县级中小企业主管部门", key)] = contact[1]
            r.read.append((f"一、基本情况 · 县级行政区划中小企业主管部门 · {key}", contact[1], value))
        r.interpreted.append((contact[1], "联系人及联系电话",
                              f"一、基本情况中没有填写联系人，按封面的“{contact[0]}”读作联系人“{parts[0]}”、联系方式“{parts[1]}”"))
    if not authority:
        del r.data["基本情况"]["县级中小企业主管部门"]
    summary = r.data["汇总表"]
    m = re.match(r".*?[市].*?[县市区](.+?)特色产业集群$", name or "")
    if m and "主导产业" not in summary:
        summary["主导产业"] = m.group(1)
        where = r.places.get(("封面", "集群名称"), "")
        r.places[("汇总表", "主导产业")] = where
        r.interpreted.append((where, "汇总表 · 主导产业", f"申报表上没有此栏，从集群名称读作“{m.group(1)}”，请核对"))
    for s in SECTIONS:
        for f in s.fields:
            if f.key not in r.data[s.key] and f.required and not isinstance(f, kinds.ListField):
                report.not_on_form.append(f"{s.heading} · {f.label}")


def _lists(r: Reading, report: ImportReport) -> dict[str, Any]:
    """Each list: its CSV rows, 无, or (a hand-filled form prints only counts) left for the user."""
    out: dict[str, Any] = {}
    for s in SECTIONS:
        for f in s.fields:
            if not isinstance(f, kinds.ListField):
                continue
            rows = r.lists.get(f.key)
            printed = r.list_counts.get(f.key)
            if rows:
                out[f.key] = rows
                continue
            if f.key == "创新平台" and isinstance(printed, dict):
                rows = [{"名称": n, "级别": lv} for lv, (_, names, _) in printed.items() for n in names]
                if rows:
                    out[f.key] = rows
                    report.notes.append("创新平台清单只有表上的名称和级别，请在 创新平台.csv 中补填依托单位和佐证材料")
                    continue
            total = sum(printed.values()) if isinstance(printed, dict) and f.key == "绿色制造" else \
                sum((v[0] or 0) for v in printed.values()) if isinstance(printed, dict) else printed
            if total == 0 and printed is not None:
                r.data[s.key][f.key] = NONE_TEXT
            elif total:
                report.notes.append(f"“{f.label}”表上填写了数量 {total}，但没有清单；请在 {f.key}.csv 中补填清单")
    return out


@dataclass
class Imported:
    data: dict[str, Any]
    lists: dict[str, list[dict[str, Any]]]
    plan: PlanResult
    report: ImportReport
    plan_blocks: list = field(default_factory=list)  # section 八 as printed (paragraphs, tables)


def read_form(src: Path, dest: Path) -> Imported:
    """Everything an import needs, read from `src` (FormReadError when it is not the form)."""
    return read_document(read_docx(src), src, dest)


def read_document(doc: Document, src: Path, dest: Path) -> Imported:
    """`read_form` of a document already read (the read-back check reads one from memory)."""
    r = Locator(doc).run()
    report = ImportReport(source=src, dest=dest)
    n_found = sum(1 for sec in r.data.values() for v in sec.values() if v is not None)
    if n_found < MIN_FIELDS:
        raise FormReadError(f"{src.name}：不是山东省特色产业集群申报表（只认出 {n_found} 个栏目）；"
                            "请给出按官方表格填写的申报表 .docx")
    plan = plan_markdown(r.plan_blocks)
    if plan.targets is not None:
        r.data["发展目标"]["目标指标"] = plan.targets
        r.places[("发展目标", "目标指标")] = plan.target_places[0] if plan.target_places else r.plan_place
        for i, w in enumerate(plan.target_places):
            r.places[("发展目标", "目标指标", i)] = w
        r.read.append(("八、未来三年特色产业集群发展规划 · 目标指标", r.plan_place, f"{len(plan.targets)} 行"))
    r.interpreted += [(w, "八、未来三年特色产业集群发展规划", n) for w, n in plan.notes]
    report.hand_filled = _hand_filled(doc, r)
    _resolve_evidence(r, report)
    lists = _lists(r, report)
    _fill_gaps(r, report)
    report.fields_read, report.unmapped, report.interpreted = r.read, r.unmapped, r.interpreted
    report.notes += r.conflicts
    report.places = dict(r.places)
    report.list_rows = {k: r.list_places.get(k, []) for k in lists}
    report.plan_lines = plan.line_places
    return Imported(r.data, lists, plan, report, r.plan_blocks)


def _write_folder(imp: Imported, dest: Path) -> None:
    data = {k: dict(v) for k, v in imp.data.items()}
    names: list[tuple[str, str]] = []
    for s in SECTIONS:
        for f in s.fields:
            if isinstance(f, kinds.ListField) and f.key in imp.lists:
                data[s.key][f.key] = f"{f.key}.csv"
                names.append((f"{f.key}.csv", csv_text(f, imp.lists[f.key])))
    yw = cluster_yaml(data, imp.report.source.name, imp.report.places, imp.report.hand_filled)
    imp.report.yaml_lines = yw.line_of
    files = [(CLUSTER_FILE, yw.text()), (PLAN_FILE, imp.plan.markdown or "")] + names
    existing = [n for n, _ in files if (dest / n).exists()]
    if existing:
        raise FormReadError(f"{dest.as_posix()} 中已有 {'、'.join(existing)}，不覆盖；请换一个新的文件夹")
    dest.mkdir(parents=True, exist_ok=True)
    for n, text in files:
        create(dest / n, text, "utf-8-sig" if n.endswith(".csv") else "utf-8")
        imp.report.files.append(n)
    (dest / "evidence").mkdir(exist_ok=True)
    imp.report.files.append("evidence/")
    imp.report.missing_evidence = sorted({p for p in _cited(data, imp.lists)})


def _cited(data: dict, lists: dict) -> list[str]:
    out = []
    for sec in data.values():
        for v in sec.values():
            if isinstance(v, dict):
                for x in v.values():
                    out += [x] if isinstance(x, str) and x.startswith("evidence/") else (x if isinstance(x, list) else [])
            elif isinstance(v, list) and v and isinstance(v[0], str):
                out += v
    for rows in lists.values():
        for row in rows:
            out += row.get("佐证", []) or []
    return [p for p in out if isinstance(p, str) and "/" in p]


def import_docx(src: Path, dest: Path) -> ImportReport:
    """Write a new application folder `dest` from the filled form `src`; FormReadError on failure."""
    src, dest = Path(src), Path(dest)
    imp = read_form(src, dest)
    _write_folder(imp, dest)
    return imp.report


_TEMP_DIRS: list[str] = []


@atexit.register
def _cleanup() -> None:
    for d in _TEMP_DIRS:
        shutil.rmtree(d, ignore_errors=True)


def import_to_temp(src: Path) -> tuple[Path, ImportReport]:
    """The form imported into a temporary folder (removed when the process ends)."""
    tmp = tempfile.mkdtemp(prefix="docgen-import-")
    _TEMP_DIRS.append(tmp)
    dest = Path(tmp) / Path(src).stem
    report = import_docx(src, dest)
    return dest, report


def load_form_application(src: Path, *, draft: bool = False):
    """(Application | None, Findings) for a filled form, every finding located in the .docx.

    The one call `check`, `summary` and `package` make for a .docx argument.
    """
    from ..findings import Findings
    from ..pipeline import load_application
    from .locations import relocate

    try:
        folder, report = import_to_temp(Path(src))
    except FormReadError as e:
        f = Findings()
        f.error(Path(src).name, 1, 1, str(e).split("：", 1)[-1], "form-unreadable")
        return None, f
    link_evidence_beside(Path(src), folder, report.missing_evidence)
    app, findings = load_application(folder, draft=draft)
    return app, relocate(findings, folder, report)


def link_evidence_beside(src: Path, folder: Path, cited: list[str]) -> None:
    """The evidence/ folder next to the .docx (as counties send it), hard-linked (or copied)
    into the imported folder so that the evidence checks see the files. Hard links are plain
    files inside the folder; a symbolic link out of it would be refused by those checks.

    The form cites each file by its 清单 number (16-标准汇编.pdf); the folder beside it may
    keep the county's own numbers (55-标准汇编.pdf): a file not cited under its own name takes
    the cited name it matches without the number, when exactly one does."""
    import os

    beside = src.parent / "evidence"
    if not beside.is_dir():
        return
    by_name: dict[str, list[str]] = {}
    for p in cited:
        by_name.setdefault(listed_name(p), []).append(p)
    cited_set = set(cited)
    for f in sorted(beside.rglob("*")):
        if not f.is_file() or f.is_symlink():
            continue
        rel = f"{EVIDENCE_DIR}/{f.relative_to(beside).as_posix()}"
        if rel not in cited_set:
            match = by_name.get(listed_name(rel), [])
            if len(match) == 1 and not (folder / match[0]).exists():
                rel = match[0]
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            continue
        try:
            os.link(f, target)
        except OSError:
            shutil.copy2(f, target)
