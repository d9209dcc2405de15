"""The outline check and everything decided from it.

- Which heading is which official part; parts missing, out of order, repeated.
- Rendered level of every heading (official parts: fixed by the outline; extra
  headings: by their `#` depth relative to the official heading above them).
- The number printed before each list item (continuing the official hierarchy).
- Where the target-indicator table goes.
- 字数 per heading.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..findings import Findings
from ..wordcount import TextCount
from .model import (
    Block,
    Heading,
    MissingPart,
    Paragraph,
    Plan,
    SectionCount,
    Table,
    TargetTablePlace,
    circled,
    spans_text,
)
from .outline import (
    OUTLINE,
    SECTION_TITLE,
    Part,
    looks_like,
    match_part,
    normalise,
    number_agrees,
    part_index,
    resembles,
)

TABLE_MARKERS = ("[目标指标表]", "【目标指标表】")
TABLE_MARKER = TABLE_MARKERS[0]
PREAMBLE_TITLE = "（第一个标题前的文字）"
_NO_SPACE_HEADING = re.compile(r"^#{1,6}(?=[^\s#])")

def list_prefix(style: int, n: int) -> str:
    """The printed number of list item `n` in numbering style `style`
    (0 `1.`, 1 `（1）`, 2 `①`, 3 and deeper `1)`)."""
    if style <= 0:
        return f"{n}."
    if style == 1:
        return f"（{n}）"
    if style == 2 and circled(n):
        return circled(n)
    return f"{n})"


def _lis(seq: list[int]) -> set[int]:
    """Positions (into seq) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tails_pos: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_pos.append(i)
        else:
            tails[k] = v
            tails_pos[k] = i
        prev[i] = tails_pos[k - 1] if k > 0 else -1
    out: set[int] = set()
    i = tails_pos[-1] if tails_pos else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def _has_text(b: Block) -> bool:
    if isinstance(b, Paragraph):
        return bool(spans_text(b.spans).strip()) or bool(b.prefix)
    if isinstance(b, Table):
        return True
    return False


def _between(p: Part | None, q: Part | None) -> str:
    if p and q:
        return f"应在{p.label}之后、{q.label}之前"
    if p:
        return f"应在{p.label}之后"
    if q:
        return f"应在{q.label}之前"
    return ""


class Resolver:
    def __init__(self, blocks: list[Block], display: str, findings: Findings, line_count: int):
        self.blocks = blocks
        self.display = display
        self.findings = findings
        self.line_count = max(1, line_count)

    def err(self, line: int, col: int, msg: str, rule: str) -> None:
        self.findings.error(self.display, line, col, msg, rule)

    def warn(self, line: int, col: int, msg: str, rule: str) -> None:
        self.findings.warning(self.display, line, col, msg, rule)

    # -----------------------------------------------------------------------------------------
    def run(self) -> Plan:
        has_text = any(_has_text(b) for b in self.blocks)
        if not has_text:
            self.err(1, 1, "发展规划（plan.md）还没有正文；请按提纲“一、集群基本情况简介”至“（四）保障措施”"
                           "逐项填写，全文 3000 字以内", "plan-empty")
        self._match_parts()
        self._check_order(report=has_text)
        self._heading_space()
        self._levels()
        self._list_prefixes()
        self._place_table()
        if has_text:
            self._empty_parts()
        plan = Plan(self.display, self.blocks, self.line_count)
        plan.sections = section_counts(self.blocks)
        return plan

    # -- outline -----------------------------------------------------------------------------
    def _match_parts(self) -> None:
        headings = [b for b in self.blocks if isinstance(b, Heading)]
        seen: dict[str, Heading] = {}
        first_official = True
        for k, h in enumerate(headings):
            part, typed, title = match_part(h.source)
            if part is None:
                continue
            if first_official and part.key == "plan" and self._is_doc_title(h, typed, headings[k + 1:]):
                h.doc_title = True
                h.title = title
                continue
            first_official = False
            if part.key in seen:
                h.duplicate = True
                self.err(h.line, h.col, f"提纲标题{part.label}重复出现（第 {seen[part.key].line} 行已有）；"
                                        "请合并两处的内容，或把这一个标题改成别的文字", "plan-outline-duplicate")
                continue
            seen[part.key] = h
            h.part, h.typed_number, h.title = part, typed, title
            if not number_agrees(part, typed):
                self.warn(h.line, h.col, f"标题编号“{typed}”与申报表不符：这是{part.label}，"
                                         f"生成时按申报表编号为“{part.number}”", "plan-outline-number")

    @staticmethod
    def _is_doc_title(h: Heading, typed: str, rest: list[Heading]) -> bool:
        """`# 八、未来三年特色产业集群发展规划` at the top is the section's own title, not part 四."""
        if normalise(typed).startswith("八"):
            return True
        if normalise(h.source) != normalise(SECTION_TITLE):
            return False
        return any(match_part(r.source)[0] is not None and match_part(r.source)[0].key == "plan" for r in rest)

    def _check_order(self, report: bool) -> None:
        official = [h for h in self.blocks if isinstance(h, Heading) and h.part is not None and not h.duplicate]
        seq = [part_index(h.part) for h in official]
        keep = _lis(seq)
        in_order = [h for k, h in enumerate(official) if k in keep]
        for k, h in enumerate(official):
            if k in keep:
                continue
            h.misplaced = True
            idx = part_index(h.part)
            prev_part = OUTLINE[idx - 1] if idx > 0 else None
            next_part = OUTLINE[idx + 1] if idx + 1 < len(OUTLINE) else None
            if report:
                where = _between(prev_part, next_part)
                self.err(h.line, h.col, f"提纲标题{h.part.label}位置不对：按申报表的顺序，它{where}",
                         "plan-outline-order")

        present = {h.part.key for h in official}
        # each missing part goes before the next official part that is in order
        for idx, part in enumerate(OUTLINE):
            if part.key in present:
                continue
            after = next((h for h in in_order if part_index(h.part) > idx), None)
            before_parts = [h for h in in_order if part_index(h.part) < idx]
            prev_present = before_parts[-1].part if before_parts else None
            next_present = after.part if after else None
            line = after.line if after else self.line_count
            if after is not None:
                pos = self.blocks.index(after)
            else:
                pos = len(self.blocks)
            # several missing in a row stay in outline order: each goes right before `after`
            self.blocks.insert(pos, MissingPart(part, line))
            if report:
                where = _between(prev_present, next_present)
                near = self._near_miss(part)
                col = 1
                hint = ""
                if near is not None:  # point at the line the writer meant as this heading
                    line, col, hint = near
                self.err(line, col, f"缺少提纲标题{part.label}" + (f"，{where}" if where else "") + hint,
                         "plan-outline-missing")

    def _near_miss(self, part: Part) -> tuple[int, int, str] | None:
        """(line, col, hint) of a heading or paragraph the writer probably meant as `part`."""
        expected = f"{'#' * part.level} {part.heading}"
        for b in self.blocks:
            if isinstance(b, Heading) and b.part is None and not b.doc_title and (
                    looks_like(part, b.source) or resembles(part, b.source)):
                return b.line, b.col, (f"。第 {b.line} 行的标题“{b.source}”与之相近，但提纲标题须与申报表一致，"
                                       f"请写成“{expected}”")
            if not isinstance(b, Paragraph) or b.code:
                continue
            text = spans_text(b.spans)
            hashes = _NO_SPACE_HEADING.match(text)
            if hashes and match_part(text[hashes.end():])[0] is part:
                return b.line, b.col, (f"。第 {b.line} 行“{text}”的 # 号后缺少空格，按正文打印了；"
                                       f"请写成“{expected}”")
            if normalise(text) and match_part(text)[0] is part:
                what = "列表项（以“1.”开头的行在 Markdown 中是列表）" if b.list_depth else "正文"
                return b.line, b.col, (f"。第 {b.line} 行的“{text}”写成了{what}，"
                                       f"请在行首加 # 号写成标题，如“{expected}”")
        return None

    def _heading_space(self) -> None:
        """`##标题` (no space after #) prints as a paragraph: say so at its line."""
        for b in self.blocks:
            if isinstance(b, Paragraph) and not b.code and not b.list_depth:
                text = spans_text(b.spans)
                m = _NO_SPACE_HEADING.match(text)
                if m and match_part(text[m.end():])[0] is None:
                    self.warn(b.line, b.col, f"这一行以 {m.group()} 开头，但 # 号后没有空格，会按正文原样打印；"
                                             f"如是标题，请写成“{m.group()} {text[m.end():].strip()}”", "plan-heading-space")

    # -- levels and numbers --------------------------------------------------------------------
    def _levels(self) -> None:
        depths = [b.depth for b in self.blocks if isinstance(b, Heading) and not b.doc_title]
        min_depth = min(depths) if depths else 1
        anchor: Heading | None = None
        for b in self.blocks:
            if not isinstance(b, Heading) or b.doc_title:
                continue
            if b.part is not None and not b.duplicate:
                b.level = b.part.level
                anchor = b
            elif anchor is not None:
                b.level = max(1, min(4, anchor.level + b.depth - anchor.depth))
            else:
                b.level = max(1, min(4, b.depth - min_depth + 1))

    def _list_prefixes(self) -> None:
        context = 0  # level of the heading the list sits under
        for b in self.blocks:
            if isinstance(b, Heading) and not b.doc_title:
                context = b.level
            elif isinstance(b, MissingPart):
                context = b.level
            elif isinstance(b, Paragraph) and b.list_depth and b.list_number:
                base = max(0, context - 2)  # under 一、/（一）: 1. ; under 1.: （1） ; under （1）: ①
                b.prefix = list_prefix(base + b.list_depth - 1, b.list_number)

    # -- the target table -----------------------------------------------------------------------
    def _place_table(self) -> None:
        markers = [b for b in self.blocks if isinstance(b, Paragraph) and not b.code
                   and spans_text(b.spans).strip() in TABLE_MARKERS]
        chosen: Paragraph | None = None
        for m in markers:
            if m.list_depth:
                self.err(m.line, m.col, f"目标指标表的标记“{TABLE_MARKER}”须单独成一段，不能写在列表中",
                         "plan-marker")
            elif chosen is not None:
                self.err(m.line, m.col, f"目标指标表的标记“{TABLE_MARKER}”只能出现一次（第 {chosen.line} 行已有）；"
                                        "请删去这一个", "plan-marker")
            else:
                chosen = m
        for m in markers:
            if m is chosen:
                self.blocks[self.blocks.index(m)] = TargetTablePlace(m.line, m.col, explicit=True)
            elif not m.list_depth:
                self.blocks.remove(m)
        if chosen is not None:
            return
        # after the text of 1. 三年总体目标: before the next heading of level ≤ 3
        start = None
        for k, b in enumerate(self.blocks):
            if (isinstance(b, Heading) and b.part is not None and b.part.key == "overall" and not b.duplicate) or \
                    (isinstance(b, MissingPart) and b.part.key == "overall"):
                start = k
                break
        if start is None:
            self.blocks.append(TargetTablePlace(self.line_count))
            return
        pos = len(self.blocks)
        for k in range(start + 1, len(self.blocks)):
            b = self.blocks[k]
            if (isinstance(b, Heading) and not b.doc_title and b.level <= 3) or \
                    (isinstance(b, MissingPart) and b.level <= 3):
                pos = k
                break
        prev = self.blocks[pos - 1]
        self.blocks.insert(pos, TargetTablePlace(getattr(prev, "line", self.line_count)))

    # -- parts without text ---------------------------------------------------------------------
    def _empty_parts(self) -> None:
        for k, b in enumerate(self.blocks):
            if not (isinstance(b, Heading) and b.part is not None and not b.duplicate):
                continue
            if not (b.part.leaf and b.part.warn_empty):
                continue
            has = False
            for nb in self.blocks[k + 1:]:
                if isinstance(nb, MissingPart) or (isinstance(nb, Heading) and nb.part is not None):
                    break
                if _has_text(nb) or isinstance(nb, TargetTablePlace):
                    has = True
                    break
            if not has:
                self.warn(b.line, b.col, f"{b.part.label}下面还没有内容", "plan-section-empty")


def section_counts(blocks: list[Block]) -> list[SectionCount]:
    """字数 of each heading with the text under it; text before the first heading is its own row."""
    out: list[SectionCount] = []
    current: SectionCount | None = None
    for b in blocks:
        if isinstance(b, Heading) and not b.doc_title:
            current = SectionCount(b.text, b.line, b.level, b.count(), official=b.part is not None and not b.duplicate)
            out.append(current)
        elif isinstance(b, (Paragraph, Table)):
            if current is None:
                current = SectionCount(PREAMBLE_TITLE, b.line, 1, TextCount())
                out.append(current)
            current.count = current.count + b.count()
    return out


def resolve(blocks: list[Block], display: str, findings: Findings, line_count: int) -> Plan:
    return Resolver(blocks, display, findings, line_count).run()
