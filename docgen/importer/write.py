"""The imported values as an application folder: cluster.yaml commented like `docgen init`'s,
one CSV per list, plan.md and an empty evidence/. Files are created, never overwritten.
"""
from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..form import kinds
from ..form.spec import SECTIONS
from ..scaffold import FORM_RULES, HOW_TO, INDENT, SCHEMA_FILE, SECTION_NOTES, _comments, _scalar  # init's wording

EVIDENCE_JOIN = "; "


def yaml_value(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(yaml_value(x) for x in v) + "]"
    s = str(v)
    if len(s) == 7 and s[4] == "-" and s[:4].isdigit():  # YYYY-MM
        return s
    return _scalar(s)


class YamlWriter:
    """cluster.yaml text, remembering the line of every value (for locating findings)."""

    def __init__(self, source: str, places: dict[tuple, str]):
        self.lines: list[str] = []
        self.line_of: dict[int, tuple] = {}  # line number → value path
        self.source = source
        self.places = places

    def add(self, text: str, path: tuple | None = None) -> None:
        self.lines.append(text)
        if path is not None:
            self.line_of[len(self.lines)] = path

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def header(self, hand_filled: bool) -> None:
        how = "手工填写的申报表" if hand_filled else "docgen 生成的申报表"
        for ln in (
            f"# yaml-language-server: $schema={SCHEMA_FILE.resolve().as_uri()}",
            "#",
            "# 山东省特色产业集群申报表 —— 申报数据（docgen）",
            "#",
            f"# 由 docgen import 从《{self.source}》（{how}）读取生成。每栏上方的注释是表上的文字和填写要求，",
            "# “来源”指出该值在原文件中的位置（表N:行M 按 Word 中表格和行的顺序计数）。",
            "# 留空的栏目在原文件中没有找到或没有填写，请补填；填好后运行 docgen check <文件夹>。",
            "#",
            "# 填报说明（摘自申报表）：",
            *(f"# {r}" for r in FORM_RULES),
            "#",
            "# 写法：",
            *(f"# - {h}" for h in HOW_TO),
        ):
            self.add(ln)

    def section(self, s: kinds.Section, data: dict[str, Any]) -> None:
        bar = "# " + "=" * 60
        self.add("")
        self.add(bar)
        self.add(f"# {s.heading}")
        if s.key in SECTION_NOTES:
            self.add(f"# {SECTION_NOTES[s.key]}")
        self.add(bar)
        self.add(f"{_scalar(s.key)}:", (s.key,))
        for f in s.fields:
            self.field(f, data.get(f.key), (s.key, f.key), 1)

    def field(self, f: kinds.Field, v: Any, path: tuple, depth: int) -> None:
        pad = INDENT * depth
        for c in _comments(f):
            self.add(f"{pad}# {c}")
        where = self.places.get(path)
        if where:
            self.add(f"{pad}# 来源：{where}")
        key = _scalar(f.key)
        if v is None or v == {} or v == []:
            if not f.required:
                self.add(f"{pad}# 选填：需要自己填写时，去掉下一行行首的“# ”。")
                self.add(f"{pad}# {key}:")
                return
            self.add(f"{pad}# 申报表上没有找到此栏的内容，请补填。")
            if isinstance(f, kinds.Group):
                self.add(f"{pad}{key}:", path)
                for sub in f.fields:
                    self.field(sub, None, path + (sub.key,), depth + 1)
                return
            self.add(f"{pad}{key}:", path)
            return
        if isinstance(f, kinds.Group):
            self.add(f"{pad}{key}:", path)
            for sub in f.fields:
                self.field(sub, v.get(sub.key), path + (sub.key,), depth + 1)
        elif isinstance(f, kinds.YearSeries):
            inner = INDENT * (depth + 1)
            self.add(f"{pad}{key}:", path)
            for y in f.years:
                item = v.get(y)
                self.add(f"{inner}{y}:" + (f" {yaml_value(item)}" if item is not None else ""), path + (y,))
        elif isinstance(f, kinds.Checkboxes):
            inner = INDENT * (depth + 1)
            self.add(f"{pad}# {f.note}")
            self.add(f"{pad}{key}:", path)
            if f.intro:
                self.add(f"{inner}# {f.intro}")
            for o in f.options:
                item = v.get(o.key)
                self.add(f"{inner}# {'☑' if item not in (None, '否') else '□'} {o.label}")
                if item is None:
                    self.add(f"{inner}# 原文件中没有读到这一项的勾选，请补填（未勾选写“否”）。")
                self.add(f"{inner}{_scalar(o.key)}:" + (f" {yaml_value(item)}" if item is not None else ""),
                         path + (o.key,))
        elif isinstance(f, kinds.TargetRows):
            inner = INDENT * (depth + 1)
            self.add(f"{pad}{key}:", path)
            for i, row in enumerate(v):
                items = ", ".join(f"{_scalar(k)}: {yaml_value(x)}" for k, x in row.items())
                self.add(f"{inner}- {{{items}}}", path + (i,))
        else:
            self.add(f"{pad}{key}: {yaml_value(v)}", path)


def csv_text(f: kinds.ListField, rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    keys = [c.key for c in f.columns]
    w.writerow(keys)
    for r in rows:
        cells = []
        for k in keys:
            v = r.get(k)
            if v is None:
                cells.append("")
            elif isinstance(v, (list, tuple)):
                cells.append(EVIDENCE_JOIN.join(v))
            elif isinstance(v, Decimal):
                cells.append(format(v, "f"))
            elif isinstance(v, date):
                cells.append(v.isoformat())
            else:
                cells.append(str(v))
        w.writerow(cells)
    return buf.getvalue()


def cluster_yaml(data: dict[str, Any], source: str, places: dict[tuple, str], hand_filled: bool) -> YamlWriter:
    yw = YamlWriter(source, places)
    yw.header(hand_filled)
    for s in SECTIONS:
        yw.section(s, data.get(s.key, {}))
    return yw


def create(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write a new file; FileExistsError when it is already there (never overwritten)."""
    with path.open("x", encoding=encoding, newline="") as fh:
        fh.write(text)
