"""The 佐证材料清单's rows: one per evidence file, in the order of the form, each with a short,
true statement of what the file proves.

A file cited by rows of a list (标准, 创新平台, 有效发明专利, 绿色制造, 境外分支机构) is described
by the 附表 rows it proves, counted from those rows ("附表1 第1–22项 标准制修订证明（主持13项、
参与9项）"); a file cited by checkbox options or fields keeps the form's words ("集群已开展的
质量品牌建设工作：勾选“开展了质量诊断服务”"). The same numbering serves the 申报表's 清单, the
附表' 佐证材料序号 column and the package's 佐证材料/ folder. Used by the 申报表 (render/fragments.py)
and by `docgen package` (package.py).
"""
from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from .form import text as T
from .form.kinds import Evidence
from .model import Application, MISSING

MAX_STATEMENT_CHARS = 300  # the limit for one cell: a reviewer reads a statement, not a list
_OLD_NUMBER = re.compile(r"^\d{1,3}[-_.、 ]+")

# per 附表 (in the order of form.text.APPENDIX_TITLES): what the file proves, the column naming a
# row, the columns qualifying it, the column whose values break many rows down, the counting word
_LISTS = {
    "标准": ("标准制修订证明", "标准名称", ("角色",), "角色", "项"),
    "创新平台": ("创新平台认定证明", "名称", ("级别",), "级别", "个"),
    "有效发明专利": ("有效发明专利证明", "专利名称", ("类型",), "类型", "件"),
    "绿色制造": ("绿色制造体系认定证明", "名称", ("级别", "类别"), "类别", "项"),
    "境外分支机构": ("境外分支机构设立证明", "机构名称", ("国家或地区",), "国家或地区", "个"),
}


@dataclass(frozen=True)
class EvidenceRow:
    number: int  # 序号: the one numbering of the application's evidence files
    file: str  # the file's name as numbered in the package (no folders)
    statement: str  # what it proves


def numbered_name(number: int, width: int, path: str) -> str:
    """01-原文件名.pdf: the 清单 number before the file's own name (its leading number dropped)."""
    base = PurePosixPath(path).name
    stem = _OLD_NUMBER.sub("", base) or base
    return f"{number:0{width}d}-{stem}"


def _key(path: str) -> str:
    return posixpath.normpath(path.strip().replace("\\", "/"))


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5, 7, 8] → 1–3、5、7–8."""
    parts, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return "、".join(parts)


def _list_label(key: str) -> str:
    from .render.fragments import list_field

    return list_field(key).label.split("（")[0]  # as validate/lists.py labels a list row's citation


def _value(v) -> str:
    return "" if v is None or v is MISSING else str(v).strip()


def _list_statements(app: Application) -> dict[str, list[str]]:
    """file → the 附表 statements of every list row that cites it."""
    from .render.fragments import _LIST_SECTIONS, list_field

    out: dict[str, list[str]] = {}
    for number, key in enumerate(T.APPENDIX_TITLES, 1):
        rows = app.get(f"{_LIST_SECTIONS[key]}.{key}")
        if not isinstance(rows, list):
            continue
        ev_cols = [c.key for c in list_field(key).columns if isinstance(c.kind, Evidence)]
        first = list_field(key).columns[0].key
        cited: dict[str, list[int]] = {}
        for i, row in enumerate(rows, 1):
            for col in ev_cols:
                for p in row.get(col) or ():
                    cited.setdefault(_key(p), [])
                    if i not in cited[_key(p)]:
                        cited[_key(p)].append(i)
        noun, name_col, detail_cols, by, unit = _LISTS[key]
        for path, items in cited.items():
            if len(items) == 1:
                row = rows[items[0] - 1]
                what = _value(row.get(name_col)) or _value(row.get(first))
                detail = "".join(_value(row.get(c)) for c in detail_cols)
                text = f"附表{number} 第{items[0]}项 {noun}：{what}{f'（{detail}）' if detail else ''}"
            else:
                counts = Counter(str(rows[i - 1].get(by)) for i in items if rows[i - 1].get(by) not in (None, MISSING))
                if len(counts) > 1:
                    detail = "、".join(f"{k}{v}{unit}" for k, v in counts.items())
                else:
                    detail = f"共{len(items)}{unit}"
                text = f"附表{number} 第{_ranges(items)}项 {noun}（{detail}）"
            out.setdefault(path, []).append(text)
    return out


def _form_statements(proves: tuple[str, ...], list_prefixes: tuple[str, ...]) -> list[str]:
    """The form's own words for checkbox options and fields: “组：勾选“甲”“乙””."""
    groups: dict[str, list[str]] = {}
    for label in proves:
        if label.startswith(list_prefixes):
            continue  # described from the 附表 rows instead
        head, sep, option = label.partition("：")
        groups.setdefault(head if sep else label, [])
        if sep and option not in groups[head]:
            groups[head].append(option)
    return [f"{head}：勾选{'、'.join(f'“{_inner(o)}”' for o in options)}" if options else head
            for head, options in groups.items()]


def _inner(text: str) -> str:
    """Quotes inside quotes become single quotes, as Chinese nests them."""
    return text.replace("“", "‘").replace("”", "’")


def _fit(parts: list[str]) -> str:
    """The statements joined, cut at a whole statement before MAX_STATEMENT_CHARS."""
    text = "；".join(parts)
    if len(text) <= MAX_STATEMENT_CHARS:
        return text
    kept: list[str] = []
    for p in parts:
        tail = f"；等共{len(parts)}处"
        if len("；".join(kept + [p])) + len(tail) > MAX_STATEMENT_CHARS:
            break
        kept.append(p)
    if not kept:
        return parts[0][: MAX_STATEMENT_CHARS - 1] + "…"
    return "；".join(kept) + f"；等共{len(parts)}处"


def evidence_rows(app: Application) -> list[EvidenceRow]:
    """One row per evidence file in app.evidence (the order of the form)."""
    width = max(2, len(str(len(app.evidence))))
    lists = _list_statements(app)
    prefixes = tuple(f"{_list_label(k)}：" for k in _LISTS)
    rows = []
    for n, use in enumerate(app.evidence, 1):
        parts = lists.get(_key(use.path), []) + _form_statements(use.proves, prefixes)
        rows.append(EvidenceRow(n, numbered_name(n, width, use.path), _fit(parts) or "无"))
    return rows
