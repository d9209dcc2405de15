"""Check each value against its field kind and normalize it (see model.py).

One function per kind, dispatched on the kind's class. Every problem becomes a
located finding; the value returned is normalized, or MISSING when it cannot
be used (so one bad cell never hides the findings of the others).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..form.kinds import (
    NONE_TEXT,
    Checkboxes,
    Choice,
    DateField,
    Evidence,
    Field,
    Group,
    ListField,
    Number,
    Section,
    TargetRows,
    Text,
    YearSeries,
    YesNo,
)
from ..load.yamlfile import XML_ILLEGAL
from ..model import MISSING, CheckState
from ..numbers import format_decimal, number_text, read_number, sane_maximum
from ..plan.targets import read_target_rows
from ..wordcount import word_count
from .context import CheckContext
from .dates import check_date
from .dispatch import checker_for, register
from .lists import check_list
from .values import evidence_list, is_blank, missing, q



def _close_matches(word: str, candidates: list[str], n: int, cutoff: float) -> list[str]:
    from difflib import get_close_matches  # only for a misspelt key: not imported on every run

    return get_close_matches(word, candidates, n=n, cutoff=cutoff)


# Columns that hold identifiers: text even when they look like numbers (Excel shows a long
# number as 2.01111E+11 and a CSV saved from it keeps only those digits).
IDENTIFIER_KEYS = frozenset({"专利号", "标准编号"})
SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")


def check_identifier(ctx: CheckContext, value: Any, path: tuple, label: str) -> Any:
    """An identifier cell as text; a number that Excel turned into scientific notation is refused."""
    if isinstance(value, Decimal) and path not in ctx.doc.raw:  # a number cell of a spreadsheet
        text = f"{value.to_integral_value():f}" if value == value.to_integral_value() else f"{value:f}"
        ctx.warning(path, f"“{label}”是数字格式的单元格，已按文字“{text}”读取；"
                          "建议在 Excel/WPS 中把该列设为“文本”格式", "identifier-number")
        return text
    if isinstance(value, Decimal):
        value = ctx.doc.raw.get(path, str(value))
    if isinstance(value, str) and SCIENTIFIC.match(value.strip()):
        ctx.error(path, f"“{label}”为“{value.strip()}”，是 Excel 的科学计数法显示，原来的号码已丢失；"
                        "请在 Excel/WPS 中把该列设为“文本”格式，重新输入完整号码后再保存", "identifier-scientific")
        return MISSING
    return value


def check_text(ctx: CheckContext, f: Text, value: Any, path: tuple, label: str) -> Any:
    if f.key in IDENTIFIER_KEYS:
        value = check_identifier(ctx, value, path, label)
        if value is MISSING:
            return MISSING
    if isinstance(value, Decimal):  # 联系方式: 05391234567 → keep the digits as written
        value = ctx.doc.raw.get(path, str(value))
    if isinstance(value, bool) or not isinstance(value, str):
        ctx.error(path, f"“{label}”应为文字，现在是{q(value)}", "type-text")
        return MISSING
    if XML_ILLEGAL.search(value):  # before strip(): Python counts \x1c–\x1f as white space
        ctx.error(path, f"“{label}”含有 Word 文档无法保存的控制字符，请删除", "text-control-char")
        return MISSING
    value = value.strip()
    if f.limit:
        n = word_count(value)
        if n > f.limit:
            ctx.error(
                path,
                f"“{label}”共 {n} 字，超过 {f.limit} 字的限制（按 Word 字数统计）；请删减 {n - f.limit} 字",
                "text-too-long",
            )
    elif len(value) > f.max_chars:
        ctx.error(path, f"“{label}”过长（{len(value)} 个字符，上限 {f.max_chars}）", "text-too-long")
    return value


def check_yesno(ctx: CheckContext, f: YesNo, value: Any, path: tuple, label: str) -> Any:
    allowed = {k: k for k, _ in f.options}
    allowed.update({printed: k for k, printed in f.options})  # the full box label is accepted too
    if isinstance(value, str) and value.strip() in allowed:
        return allowed[value.strip()]
    choices = "、".join(f"“{k}”" for k, _ in f.options)
    hint = "（YAML 的 true/false 不能用）" if isinstance(value, bool) else ""
    ctx.error(path, f"“{label}”应填 {choices} 之一{hint}，现在是{q(value)}", "type-yesno")
    return MISSING


def check_choice(ctx: CheckContext, f: Choice, value: Any, path: tuple, label: str) -> Any:
    if isinstance(value, Decimal):
        value = ctx.doc.raw.get(path, str(value))
    if isinstance(value, str) and value.strip() in f.choices:
        return value.strip()
    ctx.error(path, f"“{label}”应为 {'、'.join(f.choices)} 之一，现在是{q(value)}", "type-choice")
    return MISSING


def read_value(ctx: CheckContext, value: Any, path: tuple, label: str) -> tuple[Decimal | None, str]:
    """(number, "") or (None, why not); each normalisation of the text is a located warning."""
    if isinstance(value, Decimal):
        raw = ctx.doc.raw.get(path, "")
        if "e" in raw.lower() and not raw.lower().startswith("0x"):
            ctx.warning(path, f"“{label}”写的是“{raw}”，按科学计数法读作 {number_text(value)}", "number-normalized")
        return value, ""
    if not isinstance(value, str):
        return None, f"现在是{q(value)}"
    read = read_number(value)
    if read.value is None:
        return None, read.problem
    for note in read.notes:
        ctx.warning(path, f"“{label}”：{note}；请核对", "number-normalized")
    return read.value, ""


def check_number(ctx: CheckContext, f: Number, value: Any, path: tuple, label: str) -> Any:
    if isinstance(value, str) and value.strip() == NONE_TEXT:
        return NONE_TEXT
    d, problem = read_value(ctx, value, path, label)
    unit = f"（单位：{f.unit}）" if f.unit and f.unit != "个" else ""
    if d is None:
        hint = ""
        if isinstance(value, str) and re.search(r"[一二三四五六七八九十百千万亿]", value) and not re.search(r"\d", value):
            hint = "；请用阿拉伯数字，如 12.5，单位不写"
        ctx.error(path, f"“{label}”应为数字{unit}：{problem}{hint}；无相关情况时填写“无”", "type-number")
        return MISSING
    if f.integer and d != d.to_integral_value():
        ctx.error(path, f"“{label}”应为整数，现在是{q(value)}", "type-integer")
        return MISSING
    if f.minimum is not None and d < f.minimum:
        what = "不能为负数" if f.minimum == 0 else f"不能小于 {f.minimum}"
        ctx.error(path, f"“{label}”{what}，现在是 {number_text(d)}", "number-range")
        return MISSING
    if f.maximum is not None and d > f.maximum:
        ctx.error(path, f"“{label}”不能大于 {f.maximum}，现在是 {number_text(d)}", "number-range")
        return MISSING
    bound = sane_maximum(f.unit)
    if f.maximum is None and abs(d) > bound:
        ctx.error(path, f"“{label}”为 {number_text(d)}，超出合理范围（上限 {bound:,}{f.unit or ''}）；"
                        "请核对单位和小数点", "number-bound")
        return MISSING
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        ctx.warning(
            path,
            f"“{label}”有 {-exponent} 位小数；申报表保留 2 位小数，将按四舍五入印为 {format_decimal(d)}",
            "number-decimals",
        )
    return d


def check_years(ctx: CheckContext, f: YearSeries, value: Any, path: tuple, label: str) -> Any:
    if isinstance(value, str) and value.strip() == NONE_TEXT:
        return {y: NONE_TEXT for y in f.years}
    if not isinstance(value, dict):
        ctx.error(path, f"“{label}”应按年份填写：2021、2022、2023 各一项，如 {{2021: 1.5, 2022: 2, 2023: 2.5}}", "type-years")
        return MISSING
    out: dict[int, Any] = {}
    by_year = {}
    for k in value:
        try:
            by_year[int(str(k))] = k
        except ValueError:
            ctx.error(path + (k,), f"“{label}”中的“{k}”不是年份；只填 2021、2022、2023 三年", "type-years")
    for y in by_year:
        if y not in f.years:
            ctx.error(path + (by_year[y],), f"“{label}”只填 2021、2022、2023 三年，多出了 {y} 年", "type-years")
    for y in f.years:
        ylabel = f"{label}{y}年"
        if y not in by_year:
            ctx.error(path, f"“{label}”缺少 {y} 年的数据；无相关情况时填写“无”", "field-missing")
            out[y] = MISSING
            continue
        key = by_year[y]
        v = value[key]
        out[y] = missing(ctx, path + (key,), ylabel, True) if is_blank(v) else check_number(ctx, f.item, v, path + (key,), ylabel)
    return out




def check_evidence(ctx: CheckContext, f: Evidence, value: Any, path: tuple, label: str) -> Any:
    if is_blank(value) or value == NONE_TEXT or value == []:
        return ()
    return evidence_list(ctx, value, path, label, label) or ()


def check_checkboxes(ctx: CheckContext, f: Checkboxes, value: Any, path: tuple, label: str) -> Any:
    if not isinstance(value, dict):
        ctx.error(path, f"“{label}”应列出全部选项：未勾选写“否”，勾选写佐证材料路径", "type-checkboxes")
        return MISSING
    keys = {o.key for o in f.options}
    for k in value:
        if k not in keys:
            close = _close_matches(str(k), list(keys), n=1, cutoff=0.3)
            hint = f"；是否想写“{close[0]}”？" if close else ""
            ctx.error(path + (k,), f"“{label}”没有选项“{k}”{hint}", "checkbox-unknown")
    out: dict[str, Any] = {}
    for opt in f.options:
        p = path + (opt.key,)
        if opt.key not in value:
            ctx.error(path, f"“{label}”缺少选项“{opt.key}”（{opt.label}）；未勾选请写“否”", "checkbox-missing")
            out[opt.key] = MISSING
            continue
        v = value[opt.key]
        if v == "否":
            out[opt.key] = CheckState(False)
        elif is_blank(v) or v == "是" or v == [] or v is True:
            if v is None:
                out[opt.key] = missing(ctx, p, opt.label, True)
                continue
            ctx.error(p, f"已勾选“{opt.label}”，但没有写佐证材料；勾选需提供佐证材料，请写出文件路径，或改为“否”", "checkbox-evidence")
            out[opt.key] = CheckState(True)
        elif v is False:
            ctx.error(p, f"“{opt.label}”请写“否”或佐证材料路径（YAML 的 false 不能用）", "type-checkboxes")
            out[opt.key] = MISSING
        else:
            files = evidence_list(ctx, v, p, opt.label, f"{label}：{opt.label}")
            out[opt.key] = CheckState(True, files) if files is not None else MISSING
    return out


def check_group(ctx: CheckContext, f: Group, value: Any, path: tuple, label: str) -> Any:
    return check_mapping(ctx, f.fields, value, path, label)


def _repeated_labels() -> set[str]:
    from collections import Counter

    from ..form.spec import SECTIONS

    seen: Counter = Counter()

    def walk(fields):
        for f in fields:
            seen[f.label] += 1
            walk(getattr(f, "fields", ()))

    for s in SECTIONS:
        walk(s.fields)
    return {label for label, n in seen.items() if n > 1}


REPEATED_LABELS = _repeated_labels()

CHECKERS = [
    (TargetRows, read_target_rows),
    (Checkboxes, check_checkboxes),
    (YearSeries, check_years),
    (ListField, check_list),
    (Group, check_group),
    (Evidence, check_evidence),
    (YesNo, check_yesno),
    (Choice, check_choice),
    (DateField, check_date),
    (Number, check_number),
    (Text, check_text),
]
register(CHECKERS)


def check_value(ctx: CheckContext, f: Field, value: Any, path: tuple, label: str | None = None) -> Any:
    label = label or f.label
    if is_blank(value) and not isinstance(f, Evidence):
        if not f.required:
            return MISSING
        return missing(ctx, path, label, True)
    return checker_for(type(f))(ctx, f, value, path, label)


def field_label(parent: str, f: Field) -> str:
    """The label a message names: the form's words, made unique where the form repeats them."""
    if f.label in REPEATED_LABELS:
        return f"{parent}：{f.label}" if parent and not parent[0] in "一二三四五六七八九" else f"{f.label}（{f.key}）"
    return f.label


def check_mapping(ctx: CheckContext, fields: tuple[Field, ...], value: Any, path: tuple, label: str) -> Any:
    if value is None:
        value = {}  # an empty section or group: each required field is reported on its own
    if not isinstance(value, dict):
        hint = ""
        if isinstance(value, str) and "：" in value:
            hint = "；键和值之间用了中文冒号“：”，请改成英文冒号加空格“: ”"
        elif isinstance(value, str) and re.search(r"\S:\S", value):
            hint = "；冒号后面缺少空格，请写作“键: 值”"
        ctx.error(path, f"“{label}”下应写各个栏目（键: 值），现在是{q(value)}{hint}", "type-mapping")
        return {f.key: MISSING for f in fields}
    known = {f.key for f in fields}
    for k in value:
        if k not in known:
            close = _close_matches(str(k), list(known), n=1, cutoff=0.4)
            hint = f"是否想写“{close[0]}”？" if close else f"可用的栏目：{'、'.join(sorted(known))}"
            ctx.error(path + (k,), f"“{label}”下没有栏目“{k}”；{hint}", "field-unknown")
    out: dict[str, Any] = {}
    for f in fields:
        if f.key not in value:
            if f.required and not isinstance(f, Evidence):
                out[f.key] = missing(ctx, path + (f.key,), field_label(label, f), False)
            else:
                out[f.key] = () if isinstance(f, Evidence) else MISSING
            continue
        out[f.key] = check_value(ctx, f, value[f.key], path + (f.key,), field_label(label, f))
    return out


def check_sections(ctx: CheckContext, sections: tuple[Section, ...]) -> dict[str, Any]:
    data = ctx.doc.data
    if not isinstance(data, dict):
        ctx.error((), "cluster.yaml 的最外层应是各部分（封面、基本情况……），现在不是键值对", "type-mapping")
        data = {}
    known = {s.key for s in sections}
    for k in data:
        if k not in known:
            close = _close_matches(str(k), list(known), n=1, cutoff=0.4)
            hint = f"是否想写“{close[0]}”？" if close else f"可用的部分：{'、'.join(s.key for s in sections)}"
            ctx.error((k,), f"没有名为“{k}”的部分；{hint}", "field-unknown")
    out: dict[str, Any] = {}
    for s in sections:
        if s.key not in data:
            ctx.error((s.key,), f"缺少“{s.heading}”部分（键“{s.key}”）；可运行 docgen init 查看完整模板", "field-missing")
            out[s.key] = {f.key: MISSING for f in s.fields}
            continue
        out[s.key] = check_mapping(ctx, s.fields, data[s.key], (s.key,), s.heading)
    return out
