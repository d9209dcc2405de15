"""Two loaded applications → their differences, walked along the form (docgen.form.spec).

Every change names its place as the form does ("二、主导产业情况 · 集群总产值 · 2023年") and
shows values as the form prints them (docgen.present), so 236.180 and 236.18 are the same
value and a changed 2023 figure reads "236.18 → 240.00".
"""
from __future__ import annotations

import hashlib
import re
from difflib import SequenceMatcher
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import present
from ..evidence_list import numbered_name
from ..form import kinds
from ..form.spec import SECTIONS
from ..model import MISSING, Application
from ..plan.targets import format_value
from ..wordcount import count_text
from .textdiff import inline

LONG_TEXT = 40
REWRITTEN = 0.5
RENAMED = 0.8  # a removed and an added row this alike are one row whose key was edited  # below this likeness a text is shown whole, before and after  # a text value longer than this is shown with its changes inline
SEP = " · "

# the column that names a row of a list, in order of preference (专利号 before 专利名称 …)
ROW_KEYS = ("专利号", "标准编号", "名称", "机构名称", "标准名称", "专利名称")


@dataclass
class Change:
    """One difference at a place of the form (`where`, the form's words from section to cell).

    kind: value | text (a long text; `detail` shows it inline) | box (old/new ☑ □ or "") |
    evidence (old: the path removed, or new: the path added) | file (an evidence file's
    content; old/new: its SHA-256, shortened) | row-added | row-removed | row-changed |
    target-added | target-removed | target-changed | plan-section[-added|-removed] (old/new:
    the section's 字数; `detail`: 增/删/改 lines, see docgen.diff.plan)."""

    kind: str
    where: list[str]
    old: str | None = None
    new: str | None = None
    detail: list[str] = field(default_factory=list)

    def text(self) -> str:
        place = SEP.join(self.where)
        head = f"{place}：{_describe(self)}"
        return "\n".join([head, *("    " + d for d in self.detail)])

    def as_dict(self) -> dict:
        return asdict(self)


def _describe(c: Change) -> str:
    k = c.kind
    if k == "value":
        return f"{_show(c.old)} → {_show(c.new)}"
    if k == "text":
        a, b = int(c.old or 0), int(c.new or 0)
        return f"修改（字数 {a} → {b}，{b - a:+d}）" if a != b else f"修改（字数 {a}，不变）"
    if k == "box":
        return "勾选 ☑" if c.new == "☑" else "取消勾选 □"
    if k == "evidence":
        return f"新增佐证材料 {c.new}" if c.new else f"删除佐证材料 {c.old}"
    if k == "file":
        return "文件内容已更改"
    if k in ("row-added", "target-added"):
        return f"新增一行：{c.new}"
    if k in ("row-removed", "target-removed"):
        return f"删除一行：{c.old}"
    if k in ("row-changed", "target-changed"):
        return f"修改：{c.new}"
    if k.startswith("plan-"):
        a, b = int(c.old or 0), int(c.new or 0)
        what = {"plan-section-added": "新增章节，", "plan-section-removed": "删除章节，"}.get(k, "")
        return f"{what}字数 {a} → {b}（{b - a:+d}）"
    return f"{_show(c.old)} → {_show(c.new)}"


def _show(v: str | None) -> str:
    return "（空）" if v in (None, "") else v


def short_label(label: str) -> str:
    """The form's label without its trailing notes: 集群总产值（亿元） → 集群总产值."""
    out = label
    while True:
        cut = re.sub(r"[（(][^（）()]*[）)]$", "", out).strip()
        if not cut or cut == out:
            return out
        out = cut


def _printed(f: kinds.Field, v: Any) -> str:
    if v is MISSING or v is None:
        return ""
    try:
        return present.value(f, v)
    except (TypeError, ValueError):
        return str(v)


class FormDiff:
    """Walks the form's sections and fields, comparing OLD and NEW value by value."""

    def __init__(self, old: Application, new: Application, unread: frozenset[tuple[str, str]] = frozenset()):
        self.old, self.new = old, new
        self.unread = unread  # (section, field) a .docx side cannot tell: not compared
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        for sec in SECTIONS:
            head = sec.heading
            od, nd = self.old.data.get(sec.key, {}), self.new.data.get(sec.key, {})
            labels = [short_label(f.label) for f in sec.fields]
            for i, f in enumerate(sec.fields):
                if (sec.key, f.key) in self.unread:
                    continue
                where = [head]
                if i and labels.count(labels[i]) > 1:
                    # the form repeats e.g. 是否高于行业平均水平 under two figures: name the figure
                    where.append(labels[i - 1])
                self.field(f, _get(od, f.key), _get(nd, f.key), where)
        self.evidence_files()
        return self.changes

    def add(self, kind: str, where: list[str], old=None, new=None, detail=None) -> None:
        self.changes.append(Change(kind, where, old, new, detail or []))

    def field(self, f: kinds.Field, o: Any, n: Any, where: list[str]) -> None:
        label = short_label(f.label)
        parent = where[-1]
        if len(where) > 1 and label.startswith(parent) and len(label) > len(parent):
            label = label[len(parent):]  # 集群运营管理机构 · 集群运营管理机构名称 → … · 名称
        here = [*where, label]
        if isinstance(f, kinds.Group):
            for g in f.fields:
                self.field(g, _get(o, g.key), _get(n, g.key), here)
        elif isinstance(f, kinds.YearSeries):
            for y in f.years:
                self.scalar(f.item, _get(o, y), _get(n, y), [*here, f"{y}年"])
        elif isinstance(f, kinds.Checkboxes):
            self.boxes(f, o, n, here)
        elif isinstance(f, kinds.Evidence):
            self.files(_paths(o), _paths(n), here)
        elif isinstance(f, kinds.ListField):
            self.rows(f, o, n, here)
        elif isinstance(f, kinds.TargetRows):
            self.targets(o, n, here)
        else:
            self.scalar(f, o, n, here)

    def scalar(self, f: kinds.Field, o: Any, n: Any, where: list[str]) -> None:
        a, b = _printed(f, o), _printed(f, n)
        if a == b:
            return
        if len(a) > LONG_TEXT or len(b) > LONG_TEXT:
            if SequenceMatcher(None, a, b, autojunk=False).ratio() >= REWRITTEN:
                detail = [inline(a, b)]
            else:  # rewritten: the changes inline would be harder to read than both texts
                detail = [f"原：{a}", f"新：{b}"]
            self.add("text", where, str(count_text(a).words), str(count_text(b).words), detail)
        else:
            self.add("value", where, a, b)

    def boxes(self, f: kinds.Checkboxes, o: Any, n: Any, where: list[str]) -> None:
        for opt in f.options:
            so, sn = _get(o, opt.key), _get(n, opt.key)
            here = [*where, opt.label]
            co, cn = _checked(so), _checked(sn)
            if co != cn:
                self.add("box", here, _glyph(co), _glyph(cn))
            self.files(_paths(getattr(so, "evidence", ())), _paths(getattr(sn, "evidence", ())), here)

    def files(self, old: list[str], new: list[str], where: list[str]) -> None:
        kept_old, kept_new = {listed_name(p) for p in new}, {listed_name(p) for p in old}
        for p in old:
            if listed_name(p) not in kept_old:
                self.add("evidence", where, p, None)
        for p in new:
            if listed_name(p) not in kept_new:
                self.add("evidence", where, None, p)

    def rows(self, f: kinds.ListField, o: Any, n: Any, where: list[str]) -> None:
        cols = [c.kind for c in f.columns]
        key_col = next((k for k in ROW_KEYS if any(c.key == k for c in f.columns)), f.columns[0].key)
        old_rows, new_rows = _keyed(o, key_col), _keyed(n, key_col)
        gone = [k for k in old_rows if k not in new_rows]
        came = [k for k in new_rows if k not in old_rows]
        renamed = _renamed(gone, came, old_rows, new_rows, cols)
        for key in gone:
            if key not in renamed:
                self.add("row-removed", where, _row_text(old_rows[key], cols), None)
        for key, row in new_rows.items():
            before = old_rows.get(key)
            if before is None:
                was = next((k for k, v in renamed.items() if v == key), None)
                if was is None:
                    self.add("row-added", where, None, _row_text(row, cols))
                    continue
                before = old_rows[was]
            diffs = []
            for c in cols:
                a, b = _printed(c, before.get(c.key)), _printed(c, row.get(c.key))
                if isinstance(c, kinds.Evidence) and _listed(before.get(c.key)) == _listed(row.get(c.key)):
                    continue
                if a != b:
                    diffs.append(f"{short_label(c.label)}“{_show(a)}”→“{_show(b)}”")
            if diffs:
                name = str(before.get(key_col, "")).strip() or key[0]
                self.add("row-changed", [*where, name], _row_text(before, cols), "；".join(diffs))

    def targets(self, o: Any, n: Any, where: list[str]) -> None:
        def keyed(rows) -> dict:
            return {(r.direction, r.indicator if r.indicator != "定性描述" else r.direction): r
                    for r in (rows if isinstance(rows, list) else [])}

        def shown(r) -> str:
            return f"{r.direction}｜{r.indicator}｜{format_value(r.baseline, r.unit)}｜{format_value(r.target, r.unit)}"

        old, new = keyed(o), keyed(n)
        for k, r in old.items():
            if k not in new:
                self.add("target-removed", where, shown(r))
        for k, r in new.items():
            if k not in old:
                self.add("target-added", where, None, shown(r))
                continue
            before = old[k]
            diffs = []
            for label, a, b in (("2023年基准值", format_value(before.baseline, before.unit), format_value(r.baseline, r.unit)),
                                ("2026年目标值", format_value(before.target, before.unit), format_value(r.target, r.unit))):
                if a != b:
                    diffs.append(f"{label}“{a}”→“{b}”")
            if diffs:
                self.add("target-changed", [*where, f"{r.direction}｜{r.indicator}"], shown(before), "；".join(diffs))

    def evidence_files(self) -> None:
        """An evidence file cited by both versions whose content changed (folders only)."""
        old = {u.path for u in self.old.evidence}
        for use in self.new.evidence:
            if use.path not in old:
                continue
            a, b = _digest(self.old.folder / use.path), _digest(self.new.folder / use.path)
            if a and b and a != b:  # old/new: the start of each version's SHA-256
                self.add("file", ["佐证材料清单", use.path], a[:12], b[:12])


def _get(node: Any, key: Any) -> Any:
    if isinstance(node, dict):
        return node.get(key, MISSING)
    return MISSING


def _checked(state: Any) -> bool | None:
    if state is MISSING or state is None:
        return None
    return bool(getattr(state, "checked", state))


def _glyph(checked: bool | None) -> str:
    return {True: "☑", False: "□", None: ""}[checked]


def _paths(v: Any) -> list[str]:
    if isinstance(v, (list, tuple)):
        return [str(p) for p in v]
    return []


def listed_name(path: str) -> str:
    """An evidence file as the 佐证材料清单 names it, without the 清单 number before it: the
    form prints evidence/55-标准汇编.pdf as 16-标准汇编.pdf, and a form read back cites
    evidence/16-标准汇编.pdf. Citations are compared by this name, so a folder and the form
    built from it cite the same files, and a number shifted by a file added earlier is no change."""
    return numbered_name(0, 1, path).split("-", 1)[1]


def _listed(v: Any) -> list[str]:
    return [listed_name(p) for p in _paths(v)]


def _keyed(rows: Any, key_col: str) -> dict[tuple[str, int], dict]:
    """Rows by (key, occurrence): two rows with the same 名称 stay two rows."""
    out: dict[tuple[str, int], dict] = {}
    seen: dict[str, int] = {}
    for row in rows if isinstance(rows, list) else []:
        k = str(row.get(key_col, "")).strip()
        seen[k] = seen.get(k, 0) + 1
        out[(k, seen[k])] = row
    return out


def _renamed(gone: list, came: list, old_rows: dict, new_rows: dict, cols: list) -> dict:
    """Rows whose key itself was edited: a removed and an added row that are otherwise alike."""
    out: dict = {}
    texts = {c: _row_text(new_rows[c], cols) for c in came}
    free = list(came)
    for g in gone:
        sm = SequenceMatcher(None, autojunk=False)
        sm.set_seq2(_row_text(old_rows[g], cols))
        best, best_r = None, RENAMED
        for c in free:
            sm.set_seq1(texts[c])
            # the cheap upper bounds first: most pairs are far apart
            if sm.real_quick_ratio() < best_r or sm.quick_ratio() < best_r:
                continue
            r = sm.ratio()
            if r >= best_r:
                best, best_r = c, r
        if best is not None:
            out[g] = best
            free.remove(best)
    return out


def _row_text(row: dict, cols: list[kinds.Field]) -> str:
    return "｜".join(t for t in (_printed(c, row.get(c.key)) for c in cols if not isinstance(c, kinds.Evidence)) if t)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def form_changes(old: Application, new: Application,
                 unread: frozenset[tuple[str, str]] = frozenset()) -> list[Change]:
    return FormDiff(old, new, unread).run()
