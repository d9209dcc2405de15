"""Reading plan.md: bytes → text → blocks → resolved Plan, with located findings."""
from __future__ import annotations

from pathlib import Path

from ..findings import Findings
from ..load.yamlfile import XML_ILLEGAL  # characters an XML 1.0 document (a .docx) cannot hold
from .model import Plan
from .parse import Parser
from .resolve import resolve

MAX_BYTES = 1_000_000  # a 3000-字 plan is ~10 KB; anything near 1 MB is a wrong file
MAX_CONTROL_REPORTS = 20


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


def read_plan_text(path: Path, findings: Findings, display: str) -> str | None:
    try:
        size = path.stat().st_size
    except OSError:
        findings.error(display, 1, 1, "找不到 plan.md（八、未来三年特色产业集群发展规划）；可运行 docgen init 生成提纲",
                       "file-missing")
        return None
    if path.is_dir():
        findings.error(display, 1, 1, "plan.md 是一个文件夹，应为 Markdown 文件", "plan-unreadable")
        return None
    if size > MAX_BYTES:
        findings.error(display, 1, 1, f"plan.md 太大（{size // 1024} KB，上限 {MAX_BYTES // 1000} KB）；"
                                      "发展规划限 3000 字，请检查是否放错了文件", "plan-too-large")
        return None
    try:
        data = path.read_bytes()
    except OSError as e:
        findings.error(display, 1, 1, f"无法读取 plan.md：{e.strerror or e}", "plan-unreadable")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        prefix = data[: e.start].decode("utf-8-sig", "replace")
        line, col = _line_col(prefix, len(prefix))
        findings.error(display, line, col, "plan.md 不是 UTF-8 编码；请在编辑器中以 UTF-8 保存"
                                           "（如记事本“另存为”时选择编码 UTF-8）", "plan-encoding")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = list(XML_ILLEGAL.finditer(text))
    for k, m in enumerate(bad):
        if k == MAX_CONTROL_REPORTS:
            findings.error(display, *_line_col(text, m.start()),
                           f"还有 {len(bad) - k} 处控制字符未列出", "text-control-char")
            break
        line, col = _line_col(text, m.start())
        findings.error(display, line, col,
                       f"第 {line} 行第 {col} 列有 Word 文档无法保存的控制字符（U+{ord(m.group()):04X}），请删除",
                       "text-control-char")
    if bad:
        text = XML_ILLEGAL.sub("", text)
    return text


def parse_plan(text: str, findings: Findings, display: str = "plan.md") -> Plan:
    """A Plan from Markdown text (parse, check the outline, number, place the table)."""
    blocks = Parser(text, display, findings).parse()
    return resolve(blocks, display, findings, text.rstrip("\n").count("\n") + 1)  # the last written line


def load_plan(path: Path, findings: Findings, display: str = "plan.md") -> Plan | None:
    """Read and check plan.md; None when it cannot be read at all.

    Findings: file-missing, plan-too-large, plan-encoding, text-control-char, plan-html,
    plan-image, plan-code (warning), plan-empty, plan-outline-missing, plan-outline-order,
    plan-outline-duplicate, plan-outline-number (warning), plan-section-empty (warning),
    plan-heading-space (warning), plan-marker, plan-syntax, plan-footnote. The 3000-字 limit is `check_plan_limit` (it needs the target rows).
    """
    text = read_plan_text(Path(path), findings, display)
    if text is None:
        return None
    return parse_plan(text, findings, display)
