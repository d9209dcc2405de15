"""Read cluster.yaml into plain values, keeping the line and column of each.

We compose ruamel.yaml's node graph ourselves instead of constructing Python
objects, because construction loses what we need: numbers keep their exact
text (Decimal('2.675'), never a binary float), duplicate keys are seen with
both lines, and anchors/aliases are refused before anything expands them.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import Reader

from ..findings import Findings
from ..model import Loc
from .yamlfold import rejoin
from .text import INVISIBLE_CHARS, decode_user_text, line_col, remove_invisible, remove_invisible_escaped
from .yamlerrors import GENERIC, likely_culprit, syntax_message

MAX_YAML_BYTES = 2 * 1024 * 1024  # a real cluster.yaml is ~30 KB; long lists go to CSV/XLSX

# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/F).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters a YAML file may not contain at all (YAML 1.2 c-printable): the above, DEL and C1
# controls but NEL. The YAML reader refuses them without a position, so we find them first.
YAML_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
TAG = "tag:yaml.org,2002:"


@dataclass
class YamlDoc:
    """Plain data (dict/list/str/Decimal/bool/None) and where each value was written."""

    data: Any
    locs: dict[tuple, Loc] = field(default_factory=dict)  # value positions by path
    key_locs: dict[tuple, Loc] = field(default_factory=dict)  # key positions by path
    raw: dict[tuple, str] = field(default_factory=dict)  # source text of plain numbers (0539… keeps its 0)


def check_xml_chars(text: str, display: str, findings: Findings, line0: int = 1, col0: int = 1,
                    pattern: re.Pattern = XML_ILLEGAL) -> bool:
    """Report each character that Word's XML (or YAML) cannot hold; True when the text is clean."""
    clean = True
    for m in pattern.finditer(text):
        line, col = line_col(text, m.start())
        if line == 1:
            col += col0 - 1
        findings.error(
            display,
            line0 + line - 1,
            col,
            f"含有不可打印的控制字符 U+{ord(m.group()):04X}，Word 文档无法保存，请删除该字符（常见于从网页或 PDF 复制的文字）",
            "text-control-char",
        )
        clean = False
    return clean


def read_text_file(path: Path, display: str, findings: Findings, max_bytes: int) -> str | None:
    """UTF-8 text of a user file, or None with a finding saying why not."""
    try:
        size = path.stat().st_size
    except OSError:
        findings.error(display, 1, 1, f"找不到文件 {path.name}，请确认文件存在", "file-missing")
        return None
    if size > max_bytes:
        findings.error(
            display, 1, 1,
            f"文件过大（{size // 1024} KB，上限 {max_bytes // 1024} KB）；长清单请放在 CSV/XLSX 文件中",
            "file-too-large",
        )
        return None
    try:
        raw = path.read_bytes()
    except OSError as e:
        findings.error(display, 1, 1, f"无法读取文件 {path.name}（{e.strerror or e}）；请检查文件权限", "file-unreadable")
        return None
    return decode_user_text(raw, display, findings)


_OPENING = re.compile(r"""^\s*(?:-\s+)?[^#'"\s][^:#]*:\s+(["'\[{])""")
_CLOSER = {'"': '"', "'": "'", "[": "]", "{": "}"}


def _unclosed_before(text: str, error_line: int) -> tuple[int, int, str] | None:
    """The nearest line at or above the error whose value opens a quote or bracket it never closes."""
    lines = text.splitlines()
    for n in range(min(error_line, len(lines)), 0, -1):
        line = lines[n - 1]
        m = _OPENING.match(line)
        if not m:
            continue
        opener = m.group(1)
        rest = line[m.end():]
        if _CLOSER[opener] in rest:
            continue
        what = "引号" if opener in "\"'" else "括号"
        return n, m.start(1) + 1, f"YAML 语法错误：这一行的{what}“{opener}”没有闭合；请在值的末尾补上“{_CLOSER[opener]}”"
    return None


def _tab_findings(text: str, display: str, findings: Findings) -> bool:
    found = False
    for n, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            findings.error(
                display, n, line.index("\t") + 1,
                "缩进中有制表符（Tab）；YAML 只能用空格缩进，请把 Tab 换成空格",
                "yaml-tab",
            )
            found = True
    return found


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag.replace(TAG, "") if isinstance(node.tag, str) else str(node.tag)
    value = node.value
    if tag in ("int", "float"):
        text = value.replace("_", "")
        try:
            d = Decimal(text)
        except InvalidOperation:
            return value  # .inf, .nan, 0x1F: kept as text, the number check refuses it
        return d if d.is_finite() else value
    if tag == "bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "null":
        return None
    return value  # str, timestamp (checked by the date field), binary…


def _key(node: Any) -> Any:
    if not isinstance(node, ScalarNode):
        return None
    v = _scalar(node)
    if isinstance(v, Decimal) and v == v.to_integral_value() and "." not in node.value:
        return int(v)
    return v if v is not None else ""


class _AnchorFound(Exception):
    def __init__(self, node):
        self.node = node


class _Builder:
    def __init__(self, display: str, findings: Findings, text: str = ""):
        self.display = display
        self.findings = findings
        self.text = text  # the source, to re-join values wrapped over several lines
        self.doc = YamlDoc(None)

    def loc(self, node) -> Loc:
        return Loc(self.display, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node, path: tuple) -> Any:
        if getattr(node, "anchor", None) is not None:
            raise _AnchorFound(node)
        self.doc.locs[path] = self.loc(node)
        if isinstance(node, MappingNode):
            out: dict = {}
            seen: dict = {}
            for knode, vnode in node.value:
                key = _key(knode)
                if key is None:
                    self.findings.error(
                        self.display, *self._lc(knode), "键必须是简单的文字，不能是列表或映射", "yaml-key"
                    )
                    continue
                if key == "<<":
                    self.findings.error(self.display, *self._lc(knode), "不支持合并键（<<）；请直接写出各项", "yaml-merge")
                    continue
                if key in seen:
                    first = seen[key]
                    self.findings.error(
                        self.display, *self._lc(knode),
                        f"键“{key}”重复：第 {first} 行已经写过；请删除其中一处，或合并两处内容",
                        "yaml-duplicate-key",
                    )
                    continue
                seen[key] = knode.start_mark.line + 1
                self.doc.key_locs[path + (key,)] = self.loc(knode)
                out[key] = self.build(vnode, path + (key,))
                if isinstance(vnode, ScalarNode) and vnode.value == "" and not vnode.style:
                    # an empty value's mark is the next token (often the next line): point at the key
                    self.doc.locs[path + (key,)] = self.loc(knode)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        value = _scalar(node)
        if isinstance(value, Decimal):
            self.doc.raw[path] = node.value
        elif isinstance(value, str):
            if self.text:
                value = rejoin(node, self.text, value)  # 集群围绕⏎“轴承… → 集群围绕“轴承…
            if INVISIBLE_CHARS.search(value):  # written as an escape (\u200b)
                value = remove_invisible_escaped(value, self.loc(node), self.findings)
        return value

    def _lc(self, node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1


class _CheckedTextReader(Reader):
    """ruamel's reader without its own printable-character check: parse_yaml_text has already
    refused exactly those characters (YAML_UNPRINTABLE), with their line and column, and the
    check compiles a large character class (~4 ms of every run) to find nothing."""

    def check_printable(self, data: Any) -> None:
        pass


def parse_yaml_text(text: str, display: str, findings: Findings) -> YamlDoc | None:
    """Parse YAML text; None (with findings) when it cannot be read safely."""
    bad_chars = not check_xml_chars(text, display, findings, pattern=YAML_UNPRINTABLE)
    if _tab_findings(text, display, findings) or bad_chars:
        return None
    # after the checks above, which locate characters in the text as written
    text = remove_invisible(text, display, findings)
    try:
        # Composing links an alias to its anchored node instead of copying it, so
        # even a "billion laughs" file composes in linear time; the builder then
        # refuses the first anchored node it meets, before anything is expanded.
        yaml = YAML(typ="safe", pure=True)
        yaml.Reader = _CheckedTextReader
        nodes = list(yaml.compose_all(io.StringIO(text)))
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # the parser noticed late: point at the line that opened a quote, or holds the usual mistake
        found = _unclosed_before(text, line) or likely_culprit(text, line)
        if found:
            findings.error(display, found[0], found[1], found[2], "yaml-syntax")
        else:
            findings.error(display, line, col, syntax_message(e), "yaml-syntax")
        return None
    except YAMLError:  # reader errors carry no mark
        findings.error(display, 1, 1, f"YAML 语法错误：{GENERIC}", "yaml-syntax")
        return None
    if len(nodes) > 1:
        findings.error(display, 1, 1, "文件中只能有一个 YAML 文档（不要使用 ---  分隔多个文档）", "yaml-multi-doc")
        return None
    if not nodes or nodes[0] is None:
        findings.error(display, 1, 1, "文件是空的；可运行 docgen init 生成带全部栏目的 cluster.yaml", "yaml-empty")
        return None
    builder = _Builder(display, findings, text)
    try:
        builder.doc.data = builder.build(nodes[0], ())
    except _AnchorFound as found:
        mark = found.node.start_mark
        findings.error(display, mark.line + 1, mark.column + 1,
                       "不支持锚点（&）和别名（*）；请把内容直接写在每一处", "yaml-alias")
        return None
    return builder.doc


def load_yaml_file(path: Path, display: str, findings: Findings) -> YamlDoc | None:
    text = read_text_file(path, display, findings, MAX_YAML_BYTES)
    if text is None:
        return None
    return parse_yaml_text(text, display, findings)
