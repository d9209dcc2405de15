"""The city file (city.yaml): who sends the 附件1 汇总表 and the submission.

A few lines of YAML, written once per city and kept beside the application folders
(e.g. content/city.yaml); see docs/city.md:

    市级中小企业主管部门: 泉山市工业和信息化局
    联系人: 王立群
    手机: "13805390000"
    所属市: 泉山市          # optional: when given, every application must belong to it

Every problem is a located Chinese finding (file:line:col), never a traceback.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import Findings
from .load.yamlfile import YamlDoc, load_yaml_file
from .model import Loc
from .settings import CITY_FILE

MAX_CITY_BYTES = 64 * 1024

# key → (what it is, example); the order is the order of the messages and of docs/city.md
REQUIRED = {
    "市级中小企业主管部门": ("市级中小企业主管部门的全称（汇总表“市级中小企业主管部门：”后的文字）", "泉山市工业和信息化局"),
    "联系人": ("汇总表“联系人和手机：”中的联系人姓名", "王立群"),
    "手机": ("联系人的手机号码（写在引号中）", '"13805390000"'),
}
OPTIONAL = {
    "所属市": ("本市名称；写了就核对每个集群的“封面.所属市”", "泉山市"),
}
MAX_CHARS = {"市级中小企业主管部门": 60, "联系人": 30, "手机": 40, "所属市": 20}


@dataclass(frozen=True)
class City:
    department: str  # 市级中小企业主管部门
    contact: str  # 联系人
    phone: str  # 手机
    name: str | None  # 所属市, when written
    file: str  # as shown in findings
    locs: dict[str, Loc]

    @property
    def contact_line(self) -> str:
        """What follows “联系人和手机：”."""
        return f"{self.contact}  {self.phone}"


def show(path: Path) -> str:
    """A path as the user recognises it (relative to the working folder when inside it)."""
    try:
        rel = os.path.relpath(path, Path.cwd())
    except ValueError:
        return str(path)
    return (str(path) if rel.startswith("..") else rel).replace(os.sep, "/")


def is_city_file(path: Path) -> bool:
    """An argument that is the city file rather than an application folder."""
    return path.name == CITY_FILE and path.is_file()


def default_city_path(first_folder: Path) -> Path:
    """city.yaml in the parent folder of the first application (content/linxi → content/city.yaml)."""
    return first_folder.resolve().parent / CITY_FILE


def _text(doc: YamlDoc, key: str) -> Any:
    value = doc.data.get(key)
    raw = doc.raw.get((key,))
    if raw is not None:  # a phone written without quotes: keep what was written (0539…)
        return raw
    return value


def load_city(path: Path, findings: Findings, *, how: str = "") -> City | None:
    """Read and check a city file; None (with findings) when it cannot be used."""
    display = show(path)
    if not path.exists():
        findings.error(
            display, 1, 1,
            f"找不到市级信息文件 city.yaml{how}；请新建该文件，写明 市级中小企业主管部门、联系人、手机"
            f"（格式见 docs/city.md），或用 --city 指定文件",
            "city-missing",
        )
        return None
    if path.is_dir():
        findings.error(display, 1, 1, "这是一个文件夹，不是市级信息文件；--city 请给出 city.yaml 文件", "city-missing")
        return None
    doc = load_yaml_file(path, display, findings)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        findings.error(
            display, 1, 1,
            "市级信息文件应为“键: 值”的形式，例如“市级中小企业主管部门: 泉山市工业和信息化局”（格式见 docs/city.md）",
            "city-shape",
        )
        return None
    ok = True
    values: dict[str, str | None] = {}
    locs: dict[str, Loc] = {}
    for key in list(REQUIRED) + list(OPTIONAL):
        required = key in REQUIRED
        what, example = (REQUIRED | OPTIONAL)[key]
        loc = doc.locs.get((key,)) or Loc(display, 1, 1)
        locs[key] = loc
        if key not in doc.data:
            if required:
                findings.error(display, 1, 1, f"缺少“{key}”：{what}，例如 {key}: {example}", "city-key-missing")
                ok = False
            values[key] = None
            continue
        value = _text(doc, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                findings.error(loc.file, loc.line, loc.col, f"“{key}”是空的：请写出{what}，例如 {key}: {example}",
                               "city-key-empty")
                ok = False
            values[key] = None
            continue
        if not isinstance(value, str) or isinstance(value, bool):
            findings.error(
                loc.file, loc.line, loc.col,
                f"“{key}”应为一行文字，例如 {key}: {example}", "city-key-type",
            )
            ok = False
            continue
        value = value.strip()
        if "\n" in value:
            findings.error(loc.file, loc.line, loc.col, f"“{key}”只能写一行", "city-key-type")
            ok = False
            continue
        if len(value) > MAX_CHARS[key]:
            findings.error(loc.file, loc.line, loc.col,
                           f"“{key}”过长（{len(value)} 个字符，上限 {MAX_CHARS[key]}）", "city-key-long")
            ok = False
            continue
        values[key] = value
    for key in doc.data:
        if key not in REQUIRED and key not in OPTIONAL:
            at = doc.key_locs.get((key,)) or Loc(display, 1, 1)
            known = "、".join(list(REQUIRED) + list(OPTIONAL))
            findings.error(at.file, at.line, at.col, f"不认识的键“{key}”；市级信息文件只有这些键：{known}", "city-key-unknown")
            ok = False
    if not ok:
        return None
    return City(
        department=values["市级中小企业主管部门"] or "",
        contact=values["联系人"] or "",
        phone=values["手机"] or "",
        name=values.get("所属市"),
        file=display,
        locs=locs,
    )


def split_city_args(args: list[Path], city_opt: Path | None) -> tuple[list[Path], Path | None, str | None]:
    """Application folders, the city file to use, and a usage error (or None).

    An argument that is a city.yaml file (content/* expands to it) is the city file.
    """
    folders: list[Path] = []
    given: list[Path] = []
    for a in args:
        if is_city_file(a):
            if not any(_same(a, g) for g in given):
                given.append(a)
        else:
            folders.append(a)
    if city_opt is not None:
        others = [g for g in given if not _same(g, city_opt)]
        if others:
            return folders, None, (
                f"同时给出了 --city {show(city_opt)} 和 {show(others[0])}；请只给出一个市级信息文件"
            )
        return folders, city_opt, None
    if len(given) > 1:
        return folders, None, f"给出了多个市级信息文件（{show(given[0])}、{show(given[1])}）；请只给出一个，或用 --city 指定"
    if given:
        return folders, given[0], None
    if folders:
        return folders, default_city_path(folders[0]), None
    return folders, None, None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
