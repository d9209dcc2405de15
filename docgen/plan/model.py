"""The parsed plan: typed blocks, each with the line it came from.

Blocks are already *resolved*: official headings carry their part, level and
number; list paragraphs carry the number they will print with. Renderer and
counter read the same objects, so what is counted is exactly what is printed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..wordcount import TextCount, count_text
from .outline import Part


@dataclass
class Span:
    """A piece of inline text with its emphasis; `brk` marks a hard line break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    brk: bool = False
    superscript: bool = False  # a footnote mark (①)


_CIRCLED = [chr(c) for c in range(0x2460, 0x2474)] + [chr(c) for c in range(0x3251, 0x3260)] + [
    chr(c) for c in range(0x32B1, 0x32C0)
]  # ①–⑳ ㉑–㉟ ㊱–㊿


def circled(n: int) -> str | None:
    """①–㊿ for 1–50, None beyond."""
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else None


def note_mark(n: int) -> str:
    """The mark of footnote n as printed: ① … ㊿, then [51] …"""
    return circled(n) or f"[{n}]"


def spans_text(spans: list[Span]) -> str:
    return "".join("\n" if s.brk else s.text for s in spans)


@dataclass
class Heading:
    """A `#` heading; an official part of the outline when `part` is set."""

    line: int
    col: int
    depth: int  # number of `#` (1–6)
    spans: list[Span]
    source: str  # plain text as typed
    part: Part | None = None  # the official part, None for an extra heading
    typed_number: str = ""  # number the writer typed, e.g. "(二)"
    title: str = ""  # heading text without the typed number (official parts)
    level: int = 1  # rendered level 1–4 (font and, for official parts, number)
    doc_title: bool = False  # "# 八、未来三年特色产业集群发展规划": the form prints it; skipped
    misplaced: bool = False
    duplicate: bool = False

    @property
    def official(self) -> bool:
        return self.part is not None

    @property
    def text(self) -> str:
        """The heading as rendered."""
        if self.part is not None:
            return self.part.heading
        return self.source

    def count(self) -> TextCount:
        return TextCount() if self.doc_title else count_text(self.text)


@dataclass
class Paragraph:
    """A paragraph of text, or one list item (numbered by `prefix`)."""

    line: int
    col: int
    spans: list[Span]
    list_depth: int = 0  # 0 outside lists, 1 for a top-level list item, 2 nested …
    list_number: int = 0  # the item's number (its first paragraph only)
    prefix: str = ""  # number printed before the text, e.g. "1." or "（1）"
    code: bool = False  # from a fenced code block: printed as plain lines
    note: int = 0  # the text of footnote n (“注①：…”), printed after the paragraph that refers to it

    @property
    def text(self) -> str:
        return self.prefix + spans_text(self.spans)

    def count(self) -> TextCount:
        return count_text(self.text)


@dataclass
class Table:
    """A Markdown table: header cells, alignments, rows."""

    line: int
    col: int
    header: list[list[Span]]
    aligns: list[str | None]  # "left" / "center" / "right" / None per column
    rows: list[list[list[Span]]]
    row_lines: list[int] = field(default_factory=list)

    def count(self) -> TextCount:
        total = TextCount()
        for row in [self.header, *self.rows]:
            for cell in row:
                total += count_text(spans_text(cell))
        return total


@dataclass
class TargetTablePlace:
    """Where the target-indicator table from cluster.yaml is printed."""

    line: int
    col: int = 1
    explicit: bool = False  # a `[目标指标表]` line; False when placed after 1. 三年总体目标

    def count(self) -> TextCount:
        return TextCount()  # counted from the rows, see counting.plan_counts


@dataclass
class MissingPart:
    """An official part the plan lacks: printed only in a draft, marked 【待填写】."""

    part: Part
    line: int  # where it should have been (for messages)
    col: int = 1

    @property
    def level(self) -> int:
        return self.part.level

    def count(self) -> TextCount:
        return TextCount()


Block = Heading | Paragraph | Table | TargetTablePlace | MissingPart


@dataclass
class SectionCount:
    """The 字数 of one heading and the text under it (up to the next heading)."""

    title: str  # rendered heading, or "（标题前的文字）"
    line: int
    level: int
    count: TextCount
    official: bool = False


@dataclass
class Plan:
    """The resolved plan: its blocks in order, and the 字数 of each section."""

    display: str
    blocks: list[Block]
    line_count: int = 0
    sections: list[SectionCount] = field(default_factory=list)

    @property
    def count(self) -> TextCount:
        """Word's 字数/字符数 of the plan text as rendered (the target table not included)."""
        total = TextCount()
        for b in self.blocks:
            total += b.count()
        return total

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def part_heading(self, key: str) -> Heading | None:
        for h in self.headings:
            if h.part is not None and h.part.key == key and not h.duplicate:
                return h
        return None

    @property
    def table_place(self) -> TargetTablePlace | None:
        for b in self.blocks:
            if isinstance(b, TargetTablePlace):
                return b
        return None
