"""`docgen init DIR`: a new application folder generated from docgen.form.spec.

cluster.yaml lists every field of the form in spec order, each preceded by the
form's label and instructions as comments, every value left empty so that a
fresh folder fails `docgen check` once per unfilled field. plan.md is the
outline of section 八. Existing files are never overwritten.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

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
)
from docgen.form.spec import SECTIONS
from docgen.form.text import INSTRUCTIONS
from docgen.plan import OUTLINE, PLAN_LIMIT
from docgen.schema import SCHEMA_FILE

INDENT = "  "

# The form's 填报说明 that bear on filling cluster.yaml (7 is about 主导产品, which the
# form does not ask for, so it is left out).
FORM_RULES = tuple(r for r in INSTRUCTIONS if not r.startswith("7."))

HOW_TO = (
    "冒号后空一格再写内容；缩进用空格，不要用 Tab。",
    "数字只写数字，不写单位和 % 号；所写数字按原样保存，生成申报表时保留小数点后2位。",
    "文字中含有“: ”“ #”等符号，或以 [ { * & ! % @ 等符号开头时，用英文双引号把整段括起来。",
    "年度数据按 2021、2022、2023 三年分别填写。",
    "勾选项列出了全部选项：未勾选写“否”；勾选写佐证材料路径（文件放在 evidence/ 中），"
    "多个文件写成 [evidence/甲.pdf, evidence/乙.pdf]。",
    "清单直接写成列表，或写同一文件夹下 CSV/XLSX 文件名；无则写“无”。表上要求的数量由清单得出，不另填。",
    "以 # 开头的行是说明，不影响内容。标“选填”的栏目已注释掉：docgen 可自动计算或起草，"
    "需要自己填写时去掉该行行首的“# ”。",
)

# Guidance added to a section's banner (the form's own words are in the fields).
SECTION_NOTES = {
    "发展目标": "规划正文写在 plan.md 中；这里只填“三年总体目标”的指标表",
    "汇总表": "附件1 推荐汇总表需要、申报表上没有的三项",
}

# The form's guidance under the parts of section 八 (the outline itself is docgen.plan.OUTLINE).
PLAN_GUIDANCE = {
    "basic": "包括总体情况、主导产业、产业集群相关政策制定与实施情况、优质市场主体培育、品牌打造、"
             "产业链供应链建设等方面近三年来发展情况、在行业中所处的地位等。",
    "results": "包括提升集群主导产业优势、激发集群创新活力、推进集群数字化升级、加快集群绿色低碳转型、"
               "深化集群开放合作、提升集群治理和服务能力等方面开展的工作和取得的成绩。",
    "overall": "集群须围绕主导产业、创新、数字化、绿色化、开放合作、治理和服务等方面设定清晰、可考核的发展目标，"
               "鼓励集群根据自身特色增加考核指标，不局限于以上方面。"
               "指标表（方向、指标、2023年基准值、2026年目标值）填在 cluster.yaml 的“发展目标 → 目标指标”中，生成时自动插入。",
}

_PLAIN = re.compile(r"[^\x00-\x7f]|[A-Za-z]")  # a safe first character for a plain scalar
_UNSAFE = re.compile(r"[\s:#\[\]{},\"'`|>&*!%@\\]")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _scalar(s: str) -> str:
    """`s` as a YAML scalar: plain when that reads back as the same string, else double-quoted."""
    if s and _PLAIN.match(s) and not _UNSAFE.search(s) and s.lower() not in _RESERVED:
        return s
    return json.dumps(s, ensure_ascii=False)


def _dec(d) -> str:
    return format(d.normalize(), "f") if d is not None else ""


def _number_note(n: Number, none_ok: bool = True) -> str:
    parts = ["整数" if n.integer else "数字"]
    if n.integer and n.unit == "个":
        pass  # "整数" says it; spec gives 个 even to counts of people or patents
    elif n.unit == "%":
        parts.append("单位：%（不写 % 号）")
    elif n.unit:
        parts.append(f"单位：{n.unit}（只写数字）")
    if n.minimum is not None and n.maximum is not None:
        parts.append(f"{_dec(n.minimum)}–{_dec(n.maximum)}")
    elif n.minimum is not None and n.minimum < 0:
        parts.append(f"可为负，不小于 {_dec(n.minimum)}")
    elif n.minimum is not None:
        parts.append(f"不小于 {_dec(n.minimum)}")
    if none_ok:
        parts.append(f"无则写“{NONE_TEXT}”")
    return "；".join(parts)


def _kind_note(f: Field) -> str:
    """One comment line saying what to write, from the field's kind."""
    if isinstance(f, YesNo):  # YesNoNA too
        labels = [k if k == lab else f"{k}（表上为“{lab}”）" for k, lab in f.options]
        return "填 " + " / ".join(labels)
    if isinstance(f, Choice):
        return "填其中之一：" + " / ".join(f.choices)
    if isinstance(f, Text):
        if f.limit:
            return f"{f.limit}字以内（按 Word 字数统计）；无相关情况写“{NONE_TEXT}”"
        return ""
    if isinstance(f, Number):
        return _number_note(f)
    if isinstance(f, YearSeries):
        return "每年填" + _number_note(f.item)
    if isinstance(f, DateField):
        return "日期，写作 YYYY-MM-DD" + ("（也可只写年月 YYYY-MM）" if f.month_only else "")
    if isinstance(f, Evidence):
        return "佐证材料文件路径（如 evidence/证明.pdf），多个写成 [evidence/甲.pdf, evidence/乙.pdf]"
    return ""


def _column_note(c: Column) -> str:
    k = c.kind
    extra = []
    if isinstance(k, Choice):
        extra.append("/".join(k.choices))
    elif isinstance(k, Number):
        extra.append(_number_note(k, none_ok=False))
    elif isinstance(k, DateField):
        extra.append("YYYY-MM-DD")
    if k.hint:
        extra.append(k.hint)
    if not c.required:
        extra.append("可不填")
    return c.key + (f"（{'；'.join(extra)}）" if extra else "")


def _column_example(c: Column) -> str:
    k = c.kind
    if isinstance(k, Choice):
        v = k.choices[0]
    elif isinstance(k, Number):
        lo, hi = k.minimum, k.maximum
        v = "2023" if (lo is None or lo <= 2023) and (hi is None or hi >= 2023) else _dec(hi or lo)
    elif isinstance(k, DateField):
        v = "2023-06-30"
    elif isinstance(k, Evidence):
        v = "evidence/….pdf"
    else:
        v = "…"
    return f"{_scalar(c.key)}: {v}"


def _comments(f: Field) -> list[str]:
    lines = [f.label]
    if f.hint:
        lines.append(f.hint)
    note = _kind_note(f)
    if note:
        lines.append(note)
    return lines


def _field(f: Field, depth: int) -> list[str]:
    pad = INDENT * depth
    out = [f"{pad}# {c}" for c in _comments(f)]
    if isinstance(f, Checkboxes):
        out.append(f"{pad}# {f.note}")
    elif isinstance(f, ListField):
        out += _list_comments(f, pad)
    elif isinstance(f, TargetRows):
        out += _target_comments(f, pad)
    key = _scalar(f.key)
    if not f.required:
        out.append(f"{pad}# 选填：需要自己填写时，去掉下一行行首的“# ”。")
        return out + [f"{pad}# {key}:"]
    out.append(f"{pad}{key}:")
    inner = INDENT * (depth + 1)
    if isinstance(f, Group):
        for sub in f.fields:
            out += _field(sub, depth + 1)
    elif isinstance(f, YearSeries):
        out += [f"{inner}{y}:" for y in f.years]
    elif isinstance(f, Checkboxes):
        if f.intro:
            out.append(f"{inner}# {f.intro}")
        for o in f.options:
            out += [f"{inner}# □ {o.label}", f"{inner}{_scalar(o.key)}: 否"]
    elif isinstance(f, TargetRows):
        out += _target_rows(f, depth + 1)
    return out


def _list_comments(f: ListField, pad: str) -> list[str]:
    example = ", ".join(_column_example(c) for c in f.columns)
    return [
        f"{pad}# 列：" + "、".join(_column_note(c) for c in f.columns),
        f"{pad}# 写法一：直接写成列表，每项一行，例如",
        f"{pad}#   - {{{example}}}",
        f"{pad}# 写法二：写同一文件夹下的 CSV/XLSX 文件名（第一行为上述列名），例如 {f.key}.csv",
        f"{pad}# 没有则写“{NONE_TEXT}”",
    ]


def _target_comments(f: TargetRows, pad: str) -> list[str]:
    return [
        f"{pad}# 方向：" + " / ".join(f.directions),
        f"{pad}# 已列出的指标是表上必须有的，请保留并填写；可在对应方向下增加行（复制一行 - 方向: … 改写）",
        f"{pad}# 基准值、目标值只写数字，单位写在“单位”中；"
        + "、".join(f.qualitative) + "两行的基准值、目标值写文字（定性描述）",
    ]


def _target_rows(f: TargetRows, depth: int) -> list[str]:
    pad = INDENT * depth
    rows: list[tuple[str, str, bool]] = []  # (方向, 指标, has 单位)
    for d in f.directions:
        rows += [(d, i, True) for dd, i in f.required_indicators if dd == d]
        if d in f.qualitative:
            rows.append((d, "定性描述", False))
    out = []
    for d, i, unit in rows:
        out += [f"{pad}- 方向: {_scalar(d)}", f"{pad}  指标: {_scalar(i)}"]
        if unit:
            out.append(f"{pad}  单位:")
        out += [f"{pad}  基准值:", f"{pad}  目标值:"]
    return out


def _section(s: Section) -> list[str]:
    bar = "# " + "=" * 60
    out = ["", bar, f"# {s.heading}"]
    if s.key in SECTION_NOTES:
        out.append(f"# {SECTION_NOTES[s.key]}")
    out += [bar, f"{_scalar(s.key)}:"]
    for f in s.fields:
        out += _field(f, 1)
    return out


def cluster_yaml_text() -> str:
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE.resolve().as_uri()}",
        "#",
        "# 山东省特色产业集群申报表 —— 申报数据（docgen）",
        "#",
        "# 本文件包含申报表（附件2）的全部栏目，每栏上方的注释是表上的文字和填写要求。",
        "# 填好后运行 docgen check <文件夹>，按提示改正；再运行 docgen build <文件夹> 生成申报表.docx。",
        "#",
        "# 第一行让编辑器（如 VS Code 的 YAML 插件）边写边检查。它指向本机 docgen 安装目录中的",
        "# JSON Schema；文件夹换到别的电脑后，在本文件夹运行",
        "#     docgen schema > cluster.schema.json",
        "# 并把第一行改为：# yaml-language-server: $schema=cluster.schema.json",
        "#",
        "# 填报说明（摘自申报表）：",
        *(f"# {r}" for r in FORM_RULES),
        "#",
        "# 写法：",
        *(f"# - {h}" for h in HOW_TO),
    ]
    for s in SECTIONS:
        lines += _section(s)
    return "\n".join(lines) + "\n"


def plan_md_text() -> str:
    def note(text: str) -> list[str]:
        # A link reference definition renders nothing, so the guidance never reaches the form.
        text = text.replace("(", "\\(").replace(")", "\\)")
        return [f"[//]: # ({text})", ""]

    out = note(f"八、未来三年特色产业集群发展规划，全文{PLAN_LIMIT}字以内（按 Word 字数统计，可运行 "
               "docgen count plan.md 统计）。以“[//]: #”开头的行是填写提示，不会打印，可以删除。")
    for part in OUTLINE:
        sep = " " if part.number.endswith(".") else ""
        out += ["#" * part.level + " " + part.number + sep + part.title, ""]
        if part.key in PLAN_GUIDANCE:
            out += note(PLAN_GUIDANCE[part.key])
    return "\n".join(out).rstrip("\n") + "\n"


def _create(path: Path, text: str, shown: str) -> bool:
    """Write `text` unless `path` exists; True when created."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        print(f"已存在，保留原文件（未覆盖）：{shown}")
        return False
    print(f"已创建：{shown}")
    return True


def run_init(folder: Path) -> int:
    folder = Path(folder)
    shown = folder.as_posix().rstrip("/") or "."
    if folder.exists() and not folder.is_dir():
        print(f"错误：{shown} 已存在，但它是文件而不是文件夹。请换一个文件夹名，例如 {shown}-申报。",
              file=sys.stderr)
        return 2
    for name in ("cluster.yaml", "plan.md"):
        if (folder / name).is_dir():
            print(f"错误：{shown}/{name} 是一个文件夹，应为文件。请改名或移走后再运行 docgen init。",
                  file=sys.stderr)
            return 2
    if (folder / "evidence").exists() and not (folder / "evidence").is_dir():
        print(f"错误：{shown}/evidence 是一个文件，应为存放佐证材料的文件夹。请改名或移走后再运行 docgen init。",
              file=sys.stderr)
        return 2
    try:
        if not folder.exists():
            folder.mkdir(parents=True)
            print(f"已创建文件夹：{shown}/")
        _create(folder / "cluster.yaml", cluster_yaml_text(), f"{shown}/cluster.yaml")
        _create(folder / "plan.md", plan_md_text(), f"{shown}/plan.md")
        evidence = folder / "evidence"
        if evidence.is_dir():
            print(f"已存在，保留原文件夹：{shown}/evidence/")
        else:
            evidence.mkdir()
            print(f"已创建：{shown}/evidence/（存放佐证材料）")
    except OSError as e:
        print(f"错误：无法在 {shown} 中创建文件：{e.strerror or e}", file=sys.stderr)
        return 2
    print()
    print("下一步：")
    print(f"  1. 按注释填写 {shown}/cluster.yaml，在 {shown}/plan.md 中写发展规划，佐证材料放进 {shown}/evidence/；")
    arg = f'"{shown}"' if any(c.isspace() for c in shown) else shown
    print(f"  2. 运行 docgen check {arg}，按提示逐项改正。")
    return 0
