"""plan.md → blocks, with markdown-it-py (CommonMark + GFM tables + footnotes).

Every block keeps its 1-based line and column so findings point at
`plan.md:line:col`. Raw HTML and images are refused here (HTML comments are
allowed: they are notes to the writer and print nothing). What the writer typed
is never dropped and no Markdown syntax prints:

- emphasis follows the CJK-friendly rule (emphasis.py): `**加强组织领导。**健全…` is bold;
- a line break inside a paragraph joins as the word counter's rule says
  (wordcount.line_joiner); a line that starts a point (一是 / 1、 / （1） / ① …) starts a
  new paragraph instead;
- footnotes `[^1]` print as a superscript ①, their text as a paragraph “注①：…” right
  after the paragraph (or table) that first refers to them;
- syntax that survived parsing (syntax.py), an unreferenced footnote and a link
  definition that would swallow its line are located errors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..findings import Findings
from ..wordcount import line_joiner
from .emphasis import cjk_friendly_emphasis
from .lines import POINT_START
from .model import Block, Heading, Paragraph, Span, Table, note_mark, spans_text
from .syntax import MASK, leftover_syntax

_COMMENTS_ONLY = re.compile(r"\s*(?:<!--.*?-->\s*)+", re.DOTALL)
_LEADING_SPACE = re.compile(r"^[ \t\u3000\u00a0]+")


def _markdown() -> MarkdownIt:
    # html on: raw HTML becomes tokens we can locate and refuse (off, it would print as text).
    # "code" (indented code blocks) off: writers often indent paragraphs with four spaces.
    # "text_join" off: escaped characters stay apart (text_special) so the syntax check skips them.
    md = MarkdownIt("commonmark", {"html": True}).enable("table").disable(["code", "text_join"])
    return md.use(cjk_friendly_emphasis).use(footnote_plugin, inline=False, move_to_end=False)


@dataclass
class _Segment:
    """The inline content of one source line (a paragraph has one per line)."""

    line: int
    col: int
    spans: list[Span]


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
        self.env: dict = {}
        self.block_notes: list[int] = []  # footnote ids first referred to in the block being read
        self.first_ref: dict[int, tuple[int, int]] = {}  # footnote id → (line, col) of its first mark
        self.link_hrefs: set[str] = set()

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

    def inline(self, token: Token) -> list[_Segment]:
        """The token's text as one segment per source line; reports syntax that would print."""
        loc = _Locator(self.lines, token)
        first_line, first_col = self._where(token)
        segments = [_Segment(first_line, first_col, [])]
        checked: list[str] = []  # the printed text, deliberate literals masked …
        where: list[tuple[int, int]] = []  # … and where each of its characters was typed
        bold = italic = 0

        def add(text: str, line: int, col: int, *, literal: bool = False, code: bool = False,
                superscript: bool = False) -> None:
            segments[-1].spans.append(Span(text, bold > 0, italic > 0, code=code, superscript=superscript))
            checked.append(MASK * len(text) if literal else text)
            where.extend((line, col + k) for k in range(len(text)))

        for c in token.children or []:
            t = c.type
            if t == "text":
                if c.content:
                    add(c.content, *loc.find(c.content))
            elif t == "text_special":  # an escape (\*) or an entity (&amp;): printed as asked
                add(c.content, *loc.find(c.markup or c.content), literal=True)
            elif t == "code_inline":
                add(c.content, *loc.find(c.content), literal=True, code=True)
            elif t == "softbreak":
                line, _ = loc.find("\n")
                segments.append(_Segment(line + 1, self._col(line), []))
                checked.append("\n")
                where.append((line, 1))
            elif t == "hardbreak":
                segments[-1].spans.append(Span("\n", brk=True))
                checked.append("\n")
                where.append((1, 1))
            elif t == "strong_open":
                bold += 1
            elif t == "strong_close":
                bold -= 1
            elif t == "em_open":
                italic += 1
            elif t == "em_close":
                italic -= 1
            elif t == "footnote_ref":
                note = c.meta["id"]
                line, col = loc.find(f"[^{c.meta['label']}]")
                add(note_mark(note + 1), line, col, literal=True, superscript=True)
                if note not in self.first_ref:
                    self.first_ref[note] = (line, col)
                    self.block_notes.append(note)
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
            elif t == "link_open":  # the link text prints, the address does not
                self.link_hrefs.add(c.attrGet("href") or "")
        for found in leftover_syntax("".join(checked)):
            line, col = where[found.pos]
            self.findings.error(self.display, line, col, found.message, found.rule)
        return segments

    def inline_spans(self, token: Token) -> list[Span]:
        """All of the token's lines as one run of spans (headings, table cells, notes)."""
        return _join(self.inline(token))

    # -- blocks ----------------------------------------------------------------------------------
    def parse(self) -> list[Block]:
        tokens = _markdown().parse(self.text, self.env)
        out: list[Block] = []
        notes: dict[str, list[Paragraph]] = {}  # footnote label → its paragraphs
        note_lines: dict[str, tuple[int, int]] = {}
        after: dict[int, list[int]] = {}  # index into out → footnote ids to print after that block
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

        def emit(block: Block) -> None:
            out.append(block)
            if self.block_notes:
                after.setdefault(len(out) - 1, []).extend(self.block_notes)
                self.block_notes = []

        i = 0
        n = len(tokens)
        while i < n:
            tok = tokens[i]
            typ = tok.type
            if typ == "heading_open":
                line, col = self._where(tok)
                spans = self.inline_spans(tokens[i + 1])
                if self.block_notes:  # an official heading prints the form's words: a mark would be lost
                    self.findings.error(self.display, *self.first_ref[self.block_notes[0]],
                                        "标题中不能加脚注；请把脚注标记写在标题下面的正文中", "plan-footnote")
                    self.block_notes = []
                flush_empty_item(line, col)
                source = spans_text([s for s in spans if not s.superscript]).replace("\n", " ").strip()
                emit(Heading(line, col, int(tok.tag[1:]), spans, source))
                i += 3
                continue
            if typ == "paragraph_open":
                depth, number = pending_prefix()
                for k, points in enumerate(_split_points(self.inline(tokens[i + 1]))):
                    spans = _strip_leading(_join(points))
                    emit(Paragraph(points[0].line, points[0].col, spans, list_depth=depth,
                                   list_number=number if k == 0 else 0))
                i += 3
                continue
            if typ == "footnote_reference_open":
                label = tok.meta["label"]
                line, col = self._where(tok)
                if label in note_lines:  # the plugin keeps the last text: an earlier one would vanish
                    first = note_lines[label][0]
                    self.findings.error(self.display, line, col,
                                        f"脚注说明“[^{label}]:”写了两次（另一处在第 {first} 行），只有一段会打印；"
                                        "请合并成一段，或给其中一个换一个编号", "plan-footnote")
                note_lines[label] = (line, col)
                j = i + 1
                paras: list[Paragraph] = []
                while tokens[j].type != "footnote_reference_close":
                    t = tokens[j]
                    if t.type == "inline":
                        spans = _strip_leading(self.inline_spans(t))
                        paras.append(Paragraph(t.map[0] + 1 if t.map else line, col, spans))
                    elif t.type in ("bullet_list_open", "ordered_list_open", "table_open", "heading_open",
                                    "fence", "blockquote_open"):
                        wline, wcol = self._where(t)
                        self.findings.error(self.display, wline, wcol,
                                            f"脚注“[^{label}]”的说明中只能写文字段落，不能写列表、表格、标题或代码",
                                            "plan-footnote")
                    j += 1
                notes[label] = paras
                i = j + 1
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
                emit(Paragraph(line, col, spans, list_depth=depth, list_number=number, code=True))
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
                emit(table)
                i = j + 1
                continue
            # hr, blockquote_open/close: no output of their own (a quote's paragraphs print as text)
            i += 1
        self._check_definitions(notes, note_lines)
        return _with_notes(out, after, notes, self.env)

    def _check_definitions(self, notes: dict[str, list[Paragraph]], note_lines: dict[str, tuple[int, int]]) -> None:
        """Footnote texts nobody refers to, and link definitions that swallow a line of text, would
        vanish from the document: both are errors at their line."""
        used = {v.get("label") for v in self.env.get("footnotes", {}).get("list", {}).values()}
        for label, (line, col) in note_lines.items():
            if label not in used:
                self.findings.error(self.display, line, col,
                                    f"脚注说明“[^{label}]:”在正文中没有被引用，不会打印；请在正文相应位置写上"
                                    f" [^{label}]，或删去这段说明", "plan-footnote")
        for label, ref in self.env.get("references", {}).items():
            href = ref.get("href", "")
            if href == "#" or href in self.link_hrefs:  # `[//]: # (提示)` is the usual comment line
                continue
            line0 = (ref.get("map") or [0])[0]
            self.findings.error(self.display, line0 + 1, self._col(line0),
                                "这一行是 Markdown 的链接定义（“[…]: …”），不会打印；如是正文，请去掉行首的方括号，"
                                "脚注请写成“[^1]: 说明文字”并在正文中写 [^1]", "plan-syntax")

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
                cell = self.inline_spans(tokens[j + 1]) if tokens[j + 1].type == "inline" else []
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


def _split_points(segments: list[_Segment]) -> list[list[_Segment]]:
    """Lines of one paragraph grouped into paragraphs: a line that starts a point
    (一是… / 1、… / （1）… / ①…) after another line starts a new paragraph."""
    groups: list[list[_Segment]] = []
    for seg in segments:
        text = spans_text(seg.spans)
        if groups and POINT_START.match(text) and any(spans_text(s.spans).strip() for s in groups[-1]):
            groups.append([seg])
        elif groups:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return groups


def _join(segments: list[_Segment]) -> list[Span]:
    """The lines of one paragraph as one run of spans, joined by the word counter's rule."""
    out: list[Span] = []
    for seg in segments:
        spans = [s for s in seg.spans if s.text or s.brk]
        if out and spans and not out[-1].brk:
            spans = _strip_leading(spans)  # a continuation line's indent (often 　　) is not text
        if out and spans:
            before = next((s for s in reversed(out) if s.text and not s.brk), None)
            first = next((s for s in spans if s.text and not s.brk), None)
            if before is not None and first is not None and not out[-1].brk and not spans[0].brk:
                joiner = line_joiner(before.text, first.text)
                if joiner:
                    out.append(Span(joiner, before.bold and first.bold, before.italic and first.italic))
        out.extend(spans)
    return _merged(out)


def _merged(spans: list[Span]) -> list[Span]:
    """Neighbouring spans of the same kind as one (one Word run each)."""
    out: list[Span] = []
    for s in spans:
        if out and not s.brk and replace(out[-1], text="") == replace(s, text=""):
            out[-1] = replace(out[-1], text=out[-1].text + s.text)
        else:
            out.append(s)
    return out


def _with_notes(blocks: list[Block], after: dict[int, list[int]], notes: dict[str, list[Paragraph]],
                env: dict) -> list[Block]:
    """Each footnote's text as paragraphs “注①：…” right after the block that first refers to it."""
    if not after:
        return blocks
    labels = {k: v.get("label") for k, v in env.get("footnotes", {}).get("list", {}).items()}
    out: list[Block] = []
    for k, block in enumerate(blocks):
        out.append(block)
        for note in after.get(k, []):
            paras = notes.get(labels.get(note) or "", [])
            for m, p in enumerate(paras):
                head = [Span(f"注{note_mark(note + 1)}：")] if m == 0 else []
                out.append(Paragraph(p.line, p.col, head + p.spans, note=note + 1))
    return out


def _strip_leading(spans: list[Span]) -> list[Span]:
    """Leading spaces (often two full-width ones typed to indent) go: the indent is formatting."""
    while spans and not spans[0].brk:
        stripped = _LEADING_SPACE.sub("", spans[0].text)
        if stripped:
            spans[0] = replace(spans[0], text=stripped)
            break
        spans = spans[1:]
    return spans
