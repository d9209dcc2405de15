"""Section 八's target-indicator rows in cluster.yaml → TargetRow (方向, 指标, 单位, 基准值, 目标值).

The rules about which indicators must be there live in docgen.plan.targets;
here each row is only read and typed.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..form.kinds import TargetRows
from ..load.yamlfile import XML_ILLEGAL
from ..model import MISSING, TargetRow
from ..numbers import number_text, read_number, sane_maximum, unit_key
from .context import CheckContext


def _number_with_unit(ctx: CheckContext, value: str, unit: Any, path: tuple, label: str) -> Decimal | None:
    """A value written as a number, perhaps followed by the row's own unit (“9.8％”, “0.52吨/万元”):
    read as that number, so it is printed and cross-checked like one; each normalisation is a warning."""
    text = value.strip()
    unit_text = str(unit).strip() if isinstance(unit, str) else ""
    tail = re.match(r"^(.*?\d)\s*(\D+)$", text)
    if tail and unit_text and unit_key(tail.group(2)) == unit_key(unit_text):
        text = tail.group(1)
        ctx.warning(path, f"“{label}”写了单位“{tail.group(2)}”；单位已在“单位”列，这里按数字 {text} 读取",
                    "number-normalized")
    read = read_number(text)
    if read.value is None:
        return None
    for note in read.notes:
        ctx.warning(path, f"“{label}”：{note}；请核对", "number-normalized")
    return read.value


def check_targets(ctx: CheckContext, f: TargetRows, value: Any, path: tuple, label: str) -> Any:
    from .fields import is_blank, missing, q  # cycle: fields dispatches here

    if not isinstance(value, list):
        ctx.error(path, f"“{label}”应为指标行的列表，每行写 方向、指标、单位、基准值、目标值", "type-targets")
        return MISSING
    rows: list[TargetRow] = []
    allowed = {"方向", "指标", "单位", "基准值", "目标值"}
    for i, row in enumerate(value):
        p = path + (i,)
        if not isinstance(row, dict):
            ctx.error(p, "每个指标行应写成 {方向: …, 指标: …, 单位: …, 基准值: …, 目标值: …}", "type-targets")
            continue
        for k in row:
            if k not in allowed:
                ctx.error(p + (k,), f"指标行不认识的键“{k}”；可用：方向、指标、单位、基准值、目标值", "target-key")
        direction = row.get("方向")
        if direction not in f.directions:
            ctx.error(p + ("方向",), f"“方向”应为 {'、'.join(f.directions)} 之一，现在是{q(direction)}", "type-choice")
            continue
        indicator = row.get("指标")
        if is_blank(indicator):
            if direction in f.qualitative:
                indicator = "定性描述"
            else:
                missing(ctx, p + ("指标",), "指标", "指标" in row)
                continue
        values = []
        for k in ("基准值", "目标值"):
            v = row.get(k)
            number = _number_with_unit(ctx, v, row.get("单位"), p + (k,), k) if isinstance(v, str) else None
            if number is not None:
                v = number
            elif isinstance(v, str):
                v = v.strip()
                if XML_ILLEGAL.search(v):
                    ctx.error(p + (k,), f"“{k}”含有 Word 文档无法保存的控制字符，请删除", "text-control-char")
            elif v is not None and not isinstance(v, Decimal):
                ctx.error(p + (k,), f"“{k}”应为数字或文字，现在是{q(v)}", "type-targets")
                v = None
            if isinstance(v, Decimal):
                bound = sane_maximum(unit_key(str(row.get("单位") or "")))
                if abs(v) > bound:
                    ctx.error(p + (k,), f"指标“{indicator}”的{k}为 {number_text(v)}，超出合理范围（上限 {bound:,}）；"
                                        "请核对单位和小数点", "number-bound")
                    values.append(MISSING)
                    continue
            if v is None and (k == "目标值" or direction in f.qualitative) and not ctx.draft:
                missing(ctx, p + (k,), f"{direction}方向“{indicator}”的{k}", k in row)
            values.append(v if v is not None else MISSING)
        unit = row.get("单位")
        unit = "" if is_blank(unit) else str(ctx.doc.raw.get(p + ("单位",), unit)).strip()
        rows.append(TargetRow(direction, str(indicator).strip(), unit, values[0], values[1], ctx.loc(p)))
    return rows
