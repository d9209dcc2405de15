"""JSON Schema (draft 2020-12) of cluster.yaml, generated from docgen.form.spec.

The schema serves editors that check YAML as you type (yaml-language-server).
It checks shape only — keys, kinds, enums, ranges; the rules across fields
(sums, derived figures, evidence files existing) belong to `docgen check`.
A copy lives in docgen/resources/cluster.schema.json; a test keeps it in step.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.form.kinds import (
    NONE_TEXT,
    Checkboxes,
    Choice,
    Column,
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
    YesNoNA,
)
from docgen.form.spec import SECTIONS

SCHEMA_ID = "https://docgen.invalid/cluster.schema.json"
SCHEMA_FILE = Path(__file__).parent / "resources" / "cluster.schema.json"

# A path relative to the application folder: not absolute, no drive letter, no `..` segment.
_REL_PATH = r"^(?![/\\])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$)).+"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MONTH = r"^[0-9]{4}-[0-9]{2}$"

DEFS: dict[str, Any] = {
    "无": {"const": NONE_TEXT, "description": "无相关情况"},
    "path": {
        "type": "string",
        "pattern": _REL_PATH + "$",
        "description": "佐证材料文件，相对于申报文件夹的路径（如 evidence/图谱.pdf），不得为绝对路径或含 ..",
    },
    "evidence": {
        "description": "佐证材料：一个文件路径，或文件路径列表",
        "anyOf": [
            {"$ref": "#/$defs/path"},
            {"type": "array", "items": {"$ref": "#/$defs/path"}, "minItems": 1},
        ],
    },
    "checkbox": {
        "description": "未勾选写“否”；勾选写佐证材料路径（一个或列表）",
        "anyOf": [
            {"enum": ["否", "是"]},
            {"$ref": "#/$defs/evidence"},
        ],
    },
    "listFile": {
        "type": "string",
        "pattern": _REL_PATH + r"\.([cC][sS][vV]|[xX][lL][sS][xX])$",
        "description": "同一文件夹下的 CSV 或 XLSX 清单文件名（第一行为列名）",
    },
}


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _annotate(schema: dict[str, Any], f: Field) -> dict[str, Any]:
    return {"title": f.label, "description": f.description, **schema}


def _number(f: Number, allow_none: bool = True) -> dict[str, Any]:
    num: dict[str, Any] = {"type": "integer" if f.integer else "number"}
    if f.minimum is not None:
        num["minimum"] = _num(f.minimum)
    if f.maximum is not None:
        num["maximum"] = _num(f.maximum)
    sign = "-?" if f.minimum is None or f.minimum < 0 else ""
    frac = "" if f.integer else r"(\.[0-9]+)?"
    text = {"type": "string", "pattern": f"^{sign}[0-9]+{frac}$"}
    alts: list[dict[str, Any]] = [num, text]
    if allow_none:
        alts.append({"$ref": "#/$defs/无"})
    out: dict[str, Any] = {"anyOf": alts}
    if f.unit:
        out["x-unit"] = f.unit  # editors ignore x-*; kept for humans reading the schema
    return out


def _date(f: DateField) -> dict[str, Any]:
    day = {"type": "string", "format": "date", "pattern": _DATE}
    if f.month_only:
        return {"anyOf": [day, {"type": "string", "pattern": _MONTH}]}
    return day


def _text(f: Text) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "maxLength": f.max_chars}


def _column(c: Column) -> dict[str, Any]:
    k = c.kind
    if isinstance(k, Evidence):
        body: dict[str, Any] = {"$ref": "#/$defs/evidence"}
    elif isinstance(k, Number):
        body = _number(k, allow_none=False)
    else:
        body = _kind(k)
    return _annotate(body, k)


def _list(f: ListField) -> dict[str, Any]:
    row = {
        "type": "object",
        "properties": {c.key: _column(c) for c in f.columns},
        "required": [c.key for c in f.columns if c.required],
        "additionalProperties": False,
    }
    return {
        "anyOf": [
            {"$ref": "#/$defs/无"},
            {"$ref": "#/$defs/listFile"},
            {"type": "array", "items": row},
        ]
    }


def _targets(f: TargetRows) -> dict[str, Any]:
    value = {"anyOf": [{"type": "number"}, {"type": "string", "minLength": 1}]}
    row = {
        "type": "object",
        "properties": {
            "方向": {"title": "方向", "description": "方向", "enum": list(f.directions)},
            "指标": {"title": "指标", "description": "指标名称；开放合作、治理和服务两行写“定性描述”",
                   "type": "string", "minLength": 1},
            "单位": {"title": "单位", "description": "指标的单位，如 %、亿元、件", "type": "string"},
            "基准值": {"title": "2023年基准值", "description": "2023年基准值：数字，定性描述行写文字", **value},
            "目标值": {"title": "2026年目标值", "description": "2026年目标值：数字，定性描述行写文字", **value},
        },
        "required": ["方向", "指标", "基准值", "目标值"],
        "additionalProperties": False,
    }
    # Each indicator the form prints must have its row.
    must = [
        {
            "contains": {
                "type": "object",
                "properties": {"方向": {"const": d}, "指标": {"const": i}},
                "required": ["方向", "指标"],
            }
        }
        for d, i in f.required_indicators
    ]
    out: dict[str, Any] = {"type": "array", "items": row, "minItems": 1}
    if must:
        out["allOf"] = must
    return out


def _kind(f: Field) -> dict[str, Any]:
    if isinstance(f, (YesNo, YesNoNA)):
        return {"enum": [k for k, _ in f.options]}
    if isinstance(f, Choice):
        return {"enum": list(f.choices)}
    if isinstance(f, Text):
        return _text(f)
    if isinstance(f, Number):
        return _number(f)
    if isinstance(f, YearSeries):
        item = _number(f.item)
        props = {
            str(y): {"title": f"{y}年", "description": f"{f.label}，{y}年", **item} for y in f.years
        }
        return {
            "type": "object",
            "properties": props,
            "required": [str(y) for y in f.years],
            "additionalProperties": False,
        }
    if isinstance(f, DateField):
        return _date(f)
    if isinstance(f, Checkboxes):
        props = {
            o.key: {"title": o.label, "description": f"□ {o.label}。{DEFS['checkbox']['description']}",
                    "$ref": "#/$defs/checkbox"}
            for o in f.options
        }
        return {
            "type": "object",
            "properties": props,
            "required": [o.key for o in f.options],
            "additionalProperties": False,
        }
    if isinstance(f, Evidence):
        return {"$ref": "#/$defs/evidence"}
    if isinstance(f, Group):
        return _object(f.fields)
    if isinstance(f, ListField):
        return _list(f)
    if isinstance(f, TargetRows):
        return _targets(f)
    raise TypeError(f"no schema for field kind {type(f).__name__} ({f.key})")


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.key: _annotate(_kind(f), f) for f in fields},
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }


def _section(s: Section) -> dict[str, Any]:
    body = _object(s.fields)
    if not body["required"]:
        # Every field optional (e.g. 九): init leaves them commented out, so the key holds null.
        body["type"] = ["object", "null"]
    return {"title": s.heading, "description": f"申报表 {s.heading}", **body}


def build_schema() -> dict[str, Any]:
    sections = {s.key: _section(s) for s in SECTIONS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "山东省特色产业集群申报表 cluster.yaml",
        "description": "docgen 申报数据文件。键为申报表上的文字；由 docgen schema 生成，勿手工修改。",
        "type": "object",
        "properties": sections,
        "required": [s.key for s in SECTIONS if any(f.required for f in s.fields)],
        "additionalProperties": False,
        "$defs": DEFS,
    }


def schema_json() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2)


def write_schema_file(path: Path = SCHEMA_FILE) -> Path:
    """Regenerate the packaged copy (run after changing spec.py)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_json() + "\n", encoding="utf-8", newline="\n")
    return path


if __name__ == "__main__":  # python -m docgen.schema
    print(write_schema_file())
