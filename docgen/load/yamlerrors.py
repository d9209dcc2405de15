"""YAML syntax errors in Chinese, on the line the user has to change.

The parser notices many mistakes a line or two late (a full-width colon makes the *next*
line "could not find expected ':'"), and words them for YAML experts. Here each of its
problems has a Chinese explanation with the fix, and the lines above the error are looked
at for the usual culprits: a full-width colon, a colon without a space, a dash that is not
"-", a quote or bracket left open.
"""
from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

PROBLEMS = [  # (the parser's words, what to do) — first match wins
    ("found character '\\t'", "此处有制表符（Tab）；YAML 只能用空格缩进，请把 Tab 换成空格"),
    ("found a tab character", "此处有制表符（Tab）；YAML 只能用空格缩进，请把 Tab 换成空格"),
    ("that cannot start any token", "值不能以 @、`、% 等符号开头；请给整个值加引号"),
    ("mapping values are not allowed", "冒号位置不对：键值对写作“键: 值”，值中含“: ”时请给整个值加引号"),
    ("sequence entries are not allowed", "列表项（以“- ”开头的行）不能写在这里：它应单独成行，比上一级的键多缩进，"
                                         "且上一级的键后面不写值"),
    ("could not find expected ':'", "缺少冒号：键值对写作“键: 值”（英文冒号，冒号后要有空格）"),
    ("did not find expected key", "缩进不一致：同一层的键必须对齐，请检查这一行的缩进"),
    ("did not find expected '-'", "缩进不一致：同一列表的各项（“- ”）必须对齐，请检查这一行的缩进"),
    ("expected <block end>", "缩进不一致：同一层的键必须对齐，请检查这一行的缩进"),
    ("found undefined alias", "使用了未定义的别名（*）；请直接写出值"),
    ("found duplicate anchor", "不支持锚点（&）和别名（*）；请把内容直接写在每一处"),
    ("expected alphabetic or numeric character", "“&”“*”在 YAML 中有特殊含义；值以它们开头时请给整个值加引号"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("found unknown escape character", "双引号中有无效的转义符（\\）；路径请用“/”分隔，或改用单引号"),
    ("expected escape sequence", "双引号中的“\\x”“\\u”后面应是十六进制数字；路径请用“/”分隔，或改用单引号"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("while parsing a flow", "方括号或花括号没有闭合，或其中缺少逗号（用英文逗号“,”）"),
    ("expected ',' or", "方括号或花括号中缺少英文逗号“,”，或没有闭合"),
    ("found unexpected ':'", "冒号位置不对：值中含冒号时请给整个值加引号"),
    ("expected a comment or a line break", "值的后面多了内容：# 前要有空格，引号外不能再写文字"),
    ("while scanning a block scalar", "“|”或“>”后面只能换行，文字写在下一行并缩进"),
    ("expected chomping or indentation", "“|”或“>”后面只能换行，文字写在下一行并缩进"),
    ("while scanning a directive", "以“%”开头的行不是 YAML 的内容；请删去或加引号"),
    ("tag", "“!”在 YAML 中有特殊含义；值以“!”开头时请给整个值加引号"),
    ("expected the node content", "这里缺少值，或值以特殊符号开头；请给值加引号"),
    ("while parsing a block", "缩进不一致：同一层的键必须对齐，请检查这一行和上一行的缩进"),
]
GENERIC = "这一行无法解析；请检查缩进（同一层对齐，只用空格）、冒号（英文冒号，后面加空格）和引号（成对）"


def syntax_message(err: MarkedYAMLError) -> str:
    problem = f"{err.context or ''} {err.problem or ''}"
    for needle, chinese in PROBLEMS:
        if needle in problem:
            return f"YAML 语法错误：{chinese}"
    return f"YAML 语法错误：{GENERIC}"


_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?[^\s#'\"][^#]*?:(?:\s|$)")
_FULL_WIDTH_COLON = re.compile(r"^(\s*)(?:-\s+)?([^\s#:'\"\-][^:#：]*?)\s*：")
_NO_SPACE_COLON = re.compile(r"^(\s*)(?:-\s+)?([^\s#:'\"\-/][^\s:#]*?):(?=[^\s/:])")
_DASH_MARKER = re.compile(r"^(\s*)([—－–])\s*\S")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def likely_culprit(text: str, error_line: int) -> tuple[int, int, str] | None:
    """(line, col, message) for a usual mistake at or just above the parser's error line."""
    lines = text.splitlines()
    first = max(1, error_line - 3)
    for n in range(min(error_line, len(lines)), first - 1, -1):
        line = lines[n - 1]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _DASH_MARKER.match(line)
        if m and (n == 1 or _sibling_of_key(lines, n)):
            return n, len(m.group(1)) + 1, (f"YAML 语法错误：列表项要以英文短横线加空格“- ”开头，这一行用的是“{m.group(2)}”；"
                                           f"请改为“- ”")
        if _KEY_LINE.match(line):
            continue
        if n > 1 and not _sibling_of_key(lines, n):
            continue  # a continuation line of a longer value: its colons are text
        m = _FULL_WIDTH_COLON.match(line)
        if m:
            col = line.index("：") + 1
            return n, col, (f"YAML 语法错误：“{m.group(2).strip()}”后面用了中文冒号“：”；键和值之间要用英文冒号加空格，"
                            f"如“{m.group(2).strip()}: …”")
        m = _NO_SPACE_COLON.match(line)
        if m and not re.match(r"^\s*(?:-\s+)?https?:", line):
            col = line.index(":") + 1
            return n, col, f"YAML 语法错误：冒号后面缺少空格；请写作“{m.group(2)}: …”（英文冒号后加一个空格）"
    return None


def _sibling_of_key(lines: list[str], n: int) -> bool:
    """True when line n sits where a key would: not deeper than the key line above it."""
    for k in range(n - 1, 0, -1):
        above = lines[k - 1]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        if _KEY_LINE.match(above):
            value = above.split(":", 1)[1].strip()
            if value in ("|", ">", "|-", ">-", "|+", ">+"):
                return False  # inside a block of text
            return _indent(lines[n - 1]) <= _indent(above) or (value == "" and _indent(lines[n - 1]) > _indent(above))
        return _indent(lines[n - 1]) <= _indent(above)
    return True
