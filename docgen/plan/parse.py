"""plan.md → blocks, with markdown-it-py (CommonMark + GFM tables).

Every block keeps its 1-based line and column so findings point at
`plan.md:line:col`. Raw HTML and images are refused here (HTML comments are
allowed: they are notes to the writer and print nothing).
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..findings import Findings
from .model import Block, Heading, Paragraph, Span, Table, spans_text

_COMMENTS_ONLY = re.compile(r"\s*(?:<!--.*?-->\s*)+", re.DOTALL)
_LEADING_SPACE = re.compile(r"^[ \t\u3000\u00a0]+")
_SOFT = "\x00soft"  # placeholder for a soft line break until both neighbours are known


def _markdown() -> MarkdownIt:
    # html on: raw HTML becomes tokens we can locate and refuse (off, it would print as text).
    # "code" (indented code blocks) off: writers often indent paragraphs with four spaces.
    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("code")


class _Locator:
    """Finds the line:col of inline pieces (which markdown-it does not locate)."""

    def __init__(self, lines: list[str], token: Token):
        start, end = token.map if token.map else (0, 1)
        self.first_line = start
        self.segment = "\n".join(lines[start:end])
        self.cursor = 0

    def find(self, needle: str) -> tuple[int, int]:
        pos = self.segment.find(needle, self.cursor) if needle else -1
        if pos < 0:
            pos = self.cursor
        else:
            self.cursor = pos + len(needle)
        before = self.segment[:pos]
        line = self.first_line + before.count("\n") + 1
        col = pos - (before.rfind("\n") + 1) + 1
        return line, col


class Parser:
    def __init__(self, text: str, display: str, findings: Findings):
        self.text = text
        self.lines = text.split("\n")
        self.display = display
        self.findings = findings

    # -- helpers ---------------------------------------------------------------------------------
    def _col(self, line0: int) -> int:
        """Column of the first non-space character of a 0-based line."""
        if 0 <= line0 < len(self.lines):
            s = self.lines[line0]
            return len(s) - len(s.lstrip(" \t")) + 1
        return 1

    def _where(self, token: Token) -> tuple[int, int]:
        if token.map:
            return token.map[0] + 1, self._col(token.map[0])
        return 1, 1

    def inline(self, token: Token) -> list[Span]:
        spans: list[Span] = []
        bold = italic = 0
        loc = _Locator(self.lines, token)
        for c in token.children or []:
            t = c.type
            if t == "text":
                if c.content:
                    spans.append(Span(c.content, bold > 0, italic > 0))
                loc.find(c.content[:8])
            elif t == "code_inline":
                spans.append(Span(c.content, bold > 0, italic > 0, code=True))
            elif t == "softbreak":
                spans.append(Span(_SOFT))
            elif t == "hardbreak":
                spans.append(Span("\n", brk=True))
            elif t == "strong_open":
                bold += 1
            elif t == "strong_close":
                bold -= 1
            elif t == "em_open":
                italic += 1
            elif t == "em_close":
                italic -= 1
            elif t == "image":
                line, col = loc.find("![")
                alt = c.content or ""
                self.findings.error(
                    self.display, line, col,
                    f"发展规划中不能插入图片{('“' + alt + '”') if alt else ''}；申报表第八部分只收文字和表格。"
                    "图表请作为佐证材料放进 evidence/ 文件夹，正文中用文字说明",
                    "plan-image",
                )
            elif t == "html_inline":
                if _COMMENTS_ONLY.fullmatch(c.content):
                    loc.find(c.content)
                    continue
                line, col = loc.find(c.content)
                self.findings.error(self.display, line, col, _html_message(c.content), "plan-html")
            # link_open/link_close: the link text prints, the address does not
        return _join_soft(spans)

    # -- blocks ----------------------------------------------------------------------------------
    def parse(self) -> list[Block]:
        tokens = _markdown().parse(self.text)
        out: list[Block] = []
        # per open list: [counter]; per open item: [depth, number, prefix still to print]
        lists: list[list[int]] = []
        items: list[list] = []

        def pending_prefix() -> tuple[int, int]:
            if items and items[-1][2]:
                items[-1][2] = False
                return items[-1][0], items[-1][1]
            return (len(lists), 0) if lists else (0, 0)

        def flush_empty_item(line: int, col: int) -> None:
            # an item that starts with a nested list or table still prints its number
            if items and items[-1][2]:
                depth, number = pending_prefix()
                out.append(Paragraph(line, col, [], list_depth=depth, list_number=number))

        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            typ = tok.type
            if typ == "heading_open":
                line, col = self._where(tok)
                spans = self.inline(tokens[i + 1])
                flush_empty_item(line, col)
                source = spans_text(spans).replace("\n", " ").strip()
                out.append(Heading(line, col, int(tok.tag[1:]), spans, source))
                i += 3
                continue
            if typ == "paragraph_open":
                line, col = self._where(tok)
                spans = _strip_leading(self.inline(tokens[i + 1]))
                depth, number = pending_prefix()
                out.append(Paragraph(line, col, spans, list_depth=depth, list_number=number))
                i += 3
                continue
            if typ in ("bullet_list_open", "ordered_list_open"):
                line, col = self._where(tok)
                flush_empty_item(line, col)
                start = tok.attrGet("start") if typ == "ordered_list_open" else None
                lists.append([int(start) - 1 if start is not None else 0])
            elif typ in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif typ == "list_item_open":
                lists[-1][0] += 1
                items.append([len(lists), lists[-1][0], True])
            elif typ == "list_item_close":
                line, col = self._where(tok) if tok.map else (out[-1].line if out else 1, 1)
                flush_empty_item(line, col)
                items.pop()
            elif typ in ("fence", "code_block"):
                line, col = self._where(tok)
                flush_empty_item(line, col)
                spans = []
                for k, ln in enumerate(tok.content.rstrip("\n").split("\n")):
                    if k:
                        spans.append(Span("\n", brk=True))
                    if ln:
                        spans.append(Span(ln))
                depth, number = pending_prefix()
                out.append(Paragraph(line, col, spans, list_depth=depth, list_number=number, code=True))
                self.findings.warning(
                    self.display, line, col,
                    "代码块（``` 围起的文字）按普通正文逐行输出；如不需要，请去掉 ``` 行",
                    "plan-code",
                )
            elif typ == "html_block":
                if not _COMMENTS_ONLY.fullmatch(tok.content):
                    line, col = self._where(tok)
                    self.findings.error(self.display, line, col, _html_message(tok.content), "plan-html")
            elif typ == "table_open":
                line, col = self._where(tok)
                flush_empty_item(line, col)
                j, table = self._table(tokens, i, line, col)
                out.append(table)
                i = j + 1
                continue
            # hr, blockquote_open/close: no output of their own (a quote's paragraphs print as text)
            i += 1
        return out

    def _table(self, tokens: list[Token], i: int, line: int, col: int) -> tuple[int, Table]:
        header: list[list[Span]] = []
        aligns: list[str | None] = []
        rows: list[list[list[Span]]] = []
        row_lines: list[int] = []
        current: list[list[Span]] | None = None
        in_head = False
        j = i + 1
        while j < len(tokens) and tokens[j].type != "table_close":
            t = tokens[j]
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                current = []
                row_lines.append(t.map[0] + 1 if t.map else line)
            elif t.type == "tr_close":
                if in_head:
                    header = current or []
                else:
                    rows.append(current or [])
                current = None
            elif t.type in ("th_open", "td_open"):
                if in_head:
                    style = t.attrGet("style") or ""
                    m = re.search(r"text-align:\s*(left|center|right)", str(style))
                    aligns.append(m.group(1) if m else None)
                cell = self.inline(tokens[j + 1]) if tokens[j + 1].type == "inline" else []
                if current is not None:
                    current.append(_strip_leading(cell))
            j += 1
        return j, Table(line, col, header, aligns, rows, row_lines)


def _html_message(content: str) -> str:
    tag = content.strip().split("\n", 1)[0]
    if len(tag) > 30:
        tag = tag[:30] + "…"
    hint = ""
    if re.match(r"<\s*br\b", tag, re.I):
        hint = "；换行请在行尾加反斜杠 \\ 或两个空格，分段请空一行"
    elif re.match(r"<\s*img\b", tag, re.I):
        hint = "；发展规划中不能插入图片"
    elif re.match(r"<\s*(table|tr|td)\b", tag, re.I):
        hint = "；表格请用 Markdown 表格（| 列 | 列 |）书写"
    return f"发展规划中不能使用 HTML 标签“{tag}”{hint}；加粗用 **文字**，倾斜用 *文字*"


def _is_cjk_edge(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def _join_soft(spans: list[Span]) -> list[Span]:
    """A source line break inside a paragraph: nothing between two Chinese characters
    (a space would print and count), one space otherwise, as browsers and Word do."""
    out: list[Span] = []
    for k, s in enumerate(spans):
        if s.text != _SOFT or s.brk:
            out.append(s)
            continue
        prev = next((p.text for p in reversed(out) if p.text and not p.brk), "")
        nxt = next((p.text for p in spans[k + 1:] if p.text and p.text != _SOFT and not p.brk), "")
        if prev and nxt and not (_is_cjk_edge(prev[-1]) and _is_cjk_edge(nxt[0])):
            base = out[-1] if out and not out[-1].brk else Span("")
            out.append(Span(" ", base.bold, base.italic))
    return [s for s in out if s.text or s.brk]


def _strip_leading(spans: list[Span]) -> list[Span]:
    """Leading spaces (often two full-width ones typed to indent) go: the indent is formatting."""
    while spans and not spans[0].brk:
        stripped = _LEADING_SPACE.sub("", spans[0].text)
        if stripped:
            spans[0] = Span(stripped, spans[0].bold, spans[0].italic, spans[0].code)
            break
        spans = spans[1:]
    return spans
