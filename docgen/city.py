"""The city file (city.yaml): who sends the 附件1 汇总表 and the submission.

A few lines of YAML, written once per city and kept beside the application folders
(e.g. content/city.yaml); see docs/city.md:

    市级中小企业主管部门: 泉山市工业和信息化局
    联系人: 王立群
    手机: "13805390000"
    所属市: 泉山市          # optional: when given, every application must belong to it
    # for the 正式推荐文件 (docgen letter, docgen package)
    文种: 报告              # 报告 (default) | 请示 | 函
    发文字号: 泉工信发〔2024〕12号
    签发人: 李建国          # 报告 and 请示 are 上行文: GB/T 9704 prints the 签发人
    成文日期: 2024-04-22
    抄送: [泉山市人民政府办公室]   # optional
    印发日期: 2024-04-22    # optional, default the 成文日期

Every problem is a located Chinese finding (file:line:col), never a traceback.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
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

# The 正式推荐文件's keys: optional for `summary`, required by `letter` and `package` (except 抄送,
# 印发日期, and 签发人 for a 函). key → (what it is, example)
LETTER_KEYS = {
    "文种": ("推荐文件的文种：报告、请示或函（不写时为“报告”）", "报告"),
    "发文字号": ("推荐文件的发文字号，年份用六角括号〔〕", "泉工信发〔2024〕12号"),
    "签发人": ("签发人姓名（报告、请示是上行文，版头须印签发人）", "李建国"),
    "成文日期": ("推荐文件的成文日期（领导签发的日期）", "2024-04-22"),
    "抄送": ("抄送机关，可写多个（可不写）", "[泉山市人民政府办公室]"),
    "印发日期": ("印发日期（可不写，默认与成文日期相同）", "2024-04-22"),
    "印发机关": ("版记中的印发机关（可不写，默认为“市级中小企业主管部门”加“办公室”）", "泉山市工业和信息化局办公室"),
}
MAX_LETTER_CHARS = 40
GENRES = ("报告", "请示", "函")
DEFAULT_GENRE = "报告"  # a city answering the province's notice reports to its 上级主管部门
UPWARD = ("报告", "请示")  # 上行文: the 签发人 is printed in the 版头 (GB/T 9704-2012 7.2.4)
_DOC_NUMBER = re.compile(r"^(?P<org>[^〔〕\[\]（）()【】\s]+)〔(?P<year>\d{4})〕(?P<num>[1-9]\d*)号$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


@dataclass(frozen=True)
class LetterKeys:
    """What city.yaml says about the 推荐文件; None where a key is not written."""

    genre: str = DEFAULT_GENRE  # 文种
    number: str | None = None  # 发文字号, 泉工信发〔2024〕12号
    signer: str | None = None  # 签发人
    date: _dt.date | None = None  # 成文日期
    copy_to: tuple[str, ...] = ()  # 抄送
    issue_date: _dt.date | None = None  # 印发日期 (None: the 成文日期)
    issuer: str | None = None  # 印发机关 (None: the department's 办公室)


@dataclass(frozen=True)
class City:
    department: str  # 市级中小企业主管部门
    contact: str  # 联系人
    phone: str  # 手机
    name: str | None  # 所属市, when written
    file: str  # as shown in findings
    locs: dict[str, Loc]
    letter: LetterKeys = field(default_factory=LetterKeys)

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
    letter = _letter_keys(doc, display, findings, locs)
    ok = ok and letter is not None
    for key in doc.data:
        if key not in REQUIRED and key not in OPTIONAL and key not in LETTER_KEYS:
            at = doc.key_locs.get((key,)) or Loc(display, 1, 1)
            known = "、".join(list(REQUIRED) + list(OPTIONAL) + list(LETTER_KEYS))
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
        letter=letter or LetterKeys(),
    )


def _date(value: str) -> _dt.date | None:
    m = _DATE_ISO.match(value) or _DATE_CN.match(value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _letter_keys(doc: YamlDoc, display: str, findings: Findings, locs: dict[str, Loc]) -> LetterKeys | None:
    """The 推荐文件's keys, each checked where it is written; None when any is wrong."""
    ok = True
    got: dict[str, object] = {}

    def bad(key: str, message: str) -> None:
        nonlocal ok
        loc = locs[key]
        findings.error(loc.file, loc.line, loc.col, message, "city-letter-key")
        ok = False

    for key, (what, example) in LETTER_KEYS.items():
        locs[key] = doc.locs.get((key,)) or Loc(display, 1, 1)
        if key not in doc.data:
            continue
        value = _text(doc, key)
        if key == "抄送":
            items = value if isinstance(value, list) else [value]
            if value is None or not all(isinstance(v, str) and v.strip() and "\n" not in v.strip() for v in items):
                bad(key, f"“抄送”应为一个或几个机关名称，例如 抄送: {example}；不抄送时删去这一行")
                continue
            got[key] = tuple(v.strip().rstrip("。，、；") for v in items)  # the 版记 adds “，” and “。”
            continue
        if isinstance(value, bool) or not isinstance(value, str) or not value.strip():
            bad(key, f"“{key}”应为一行文字：{what}，例如 {key}: {example}")
            continue
        value = value.strip()
        if key == "文种":
            if value not in GENRES:
                bad(key, f"文种“{value}”不可用；推荐文件的文种只能是 {'、'.join(GENRES)}（不写时为“{DEFAULT_GENRE}”）")
                continue
        elif key == "发文字号":
            if not _DOC_NUMBER.match(value):
                hint = ""
                if re.search(r"[\[\]【】()（）]", value):
                    hint = "年份应放在六角括号〔〕中（不是方括号、圆括号），"
                elif re.search(r"〔\d{4}〕0", value):
                    hint = "序号不编虚位（写“12号”，不写“012号”），"
                bad(key, f"发文字号“{value}”的写法不对：{hint}应为 机关代字〔年份〕序号号，例如 发文字号: {example}")
                continue
        elif key in ("成文日期", "印发日期"):
            day = _date(value)
            if day is None:
                bad(key, f"{key}“{value}”不是有效日期；请写成 {key}: 2024-04-22 或 {key}: 2024年4月22日")
                continue
            value = day
        elif len(value) > MAX_LETTER_CHARS or "\n" in value:
            bad(key, f"“{key}”应为一行、不超过 {MAX_LETTER_CHARS} 个字符")
            continue
        got[key] = value
    if not ok:
        return None
    keys = LetterKeys(
        genre=str(got.get("文种", DEFAULT_GENRE)),
        number=got.get("发文字号"),  # type: ignore[arg-type]
        signer=got.get("签发人"),  # type: ignore[arg-type]
        date=got.get("成文日期"),  # type: ignore[arg-type]
        copy_to=got.get("抄送", ()),  # type: ignore[arg-type]
        issue_date=got.get("印发日期"),  # type: ignore[arg-type]
        issuer=got.get("印发机关"),  # type: ignore[arg-type]
    )
    if keys.number and keys.date and int(_DOC_NUMBER.match(keys.number)["year"]) != keys.date.year:
        bad("发文字号", f"发文字号“{keys.number}”的年份与成文日期（{keys.date.year}年）不一致")
    if keys.issue_date and keys.date and keys.issue_date < keys.date:
        bad("印发日期", "印发日期早于成文日期；公文签发后才能印发")
    return keys if ok else None


def require_letter_keys(city: City, findings: Findings) -> bool:
    """The keys the 推荐文件 cannot do without, each missing one reported at city.yaml:1:1."""
    keys = city.letter
    needed = ["发文字号", "成文日期"] + (["签发人"] if keys.genre in UPWARD else [])
    missing = [k for k in needed if {"发文字号": keys.number, "成文日期": keys.date, "签发人": keys.signer}[k] is None]
    for key in missing:
        what, example = LETTER_KEYS[key]
        why = f"（文种为“{keys.genre}”）" if key == "签发人" else ""
        findings.error(city.file, 1, 1, f"生成推荐文件需要“{key}”{why}：{what}，例如 {key}: {example}",
                       "city-letter-missing")
    return not missing


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
