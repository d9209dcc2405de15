"""Section 八 of a filled form → plan.md (Markdown) and the target-indicator rows.

With python-docx-level reading (docx_read), not pandoc: pandoc is on PyPI only inside
pypandoc_binary (a 30 MB wheel per platform), and the form's headings are plain paragraphs
whose level only the outline (docgen.plan.outline) knows, which pandoc cannot tell.

Official outline headings are written without their printed numbers (`## 总体思路`; the
build numbers them again); other headings by the font docgen gives each level, or a
paragraph all in bold that does not end a sentence; runs in bold or italic become ** and *;
a paragraph whose number is a run of its own (how docgen prints a list item) becomes a
list item; the 方向 | 指标 | 2023年基准值 | 2026年目标值 table becomes 发展目标.目标指标 and
any other table a Markdown table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar

from .. import settings as S
from ..form import text as T
from ..form.spec import QUALITATIVE_DIRECTIONS, TARGET_DIRECTIONS
from ..plan.emphasis import is_cjk
from ..plan.model import note_mark
from ..plan.outline import match_part
from ..plan.targets import HEADER, QUALITATIVE
from .docx_read import Para, Run, Table
from .labels import is_pending
from .values import clean, norm, number_with_unit

_LIST_NUMBER = re.compile(r"^\s*(\d+)[.．、]\s*$|^\s*[（(](\d+)[)）]\s*$")
_FONT_LEVEL = {}  # East Asian font → heading level, from docgen's own heading styles
for _lvl, _role in ((1, "HEADING_1"), (2, "HEADING_2"), (3, "HEADING_3"), (4, "HEADING_4")):
    _r = getattr(S, _role, None)
    if _r and isinstance(_r[0], object) and hasattr(_r[0], "east_asia") and _lvl <= 2:
        _FONT_LEVEL[_r[0].east_asia] = _lvl


_DIRECTIONS = {norm(d): d for d in TARGET_DIRECTIONS}  # 方向 as the form spells it, however typed


@dataclass
class PlanResult:
    markdown: str = ""
    targets: list[dict[str, Any]] | None = None
    target_places: list[str] = field(default_factory=list)
    line_places: dict[int, str] = field(default_factory=dict)  # plan.md line → 段落N / 表N:行M
    notes: list[tuple[str, str]] = field(default_factory=list)  # (place, note)


def _escape(text: str, at_start: bool) -> str:
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    if at_start:
        text = re.sub(r"^(\s*)([#>+-]|\d+[.)])", lambda m: m.group(1) + "\\" + m.group(2)
                      if not m.group(2)[0].isdigit() else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
    return text


def _is_punct(c: str) -> bool:
    """Punctuation as markdown-it judges a delimiter's neighbour (ASCII symbols included)."""
    return isMdAsciiPunct(ord(c)) or isPunctChar(c)


def _plain(c: str) -> bool:
    """A neighbour that keeps a `**` from opening or closing when non-CJK punctuation is on its
    inner side (docgen.plan.emphasis, the CJK-friendly rule): a letter or digit outside CJK."""
    return bool(c) and not c.isspace() and not _is_punct(c) and not is_cjk(c)


_NOTE_MARKS = {note_mark(n): n for n in range(1, 51)}


def note_number(mark: str) -> int | None:
    """The footnote a printed mark stands for: ① … ㊿, then [51] … (docgen.plan.model.note_mark)."""
    m = re.fullmatch(r"\[(\d+)\]", mark.strip())
    return int(m.group(1)) if m else _NOTE_MARKS.get(mark.strip())


def _non_cjk_punct(c: str) -> bool:
    return _is_punct(c) and not is_cjk(c)


def _opens(before: str, first: str) -> bool:
    """A `**` between `before` and `first` can open (left-flanking, CJK-friendly rule)."""
    return not first.isspace() and (not _non_cjk_punct(first) or before.isspace() or _non_cjk_punct(before)
                                     or is_cjk(before))


def _closes(last: str, after: str) -> bool:
    """A `**` between `last` and `after` can close (right-flanking, CJK-friendly rule)."""
    return not last.isspace() and (not _non_cjk_punct(last) or after.isspace() or _non_cjk_punct(after)
                                    or is_cjk(after))


def _inline(runs: list[Run]) -> str:
    """Runs → Markdown, bold as **…** and italic as *…*, read back by docgen.plan's CJK-friendly
    emphasis: punctuation stays inside the span as written (`**加强人才支撑。**支持…`), except
    non-CJK punctuation at an edge next to a Latin letter or digit outside, which the rule
    would not let the `**` pass; that one character moves just outside the span. A span that
    still could not open or close (a lone “(” between letters) is written without emphasis."""
    merged: list[list] = []
    for r in runs:
        note = note_number(r.text) if r.superscript else None
        if note is not None:  # a footnote's superscript ① → [^1]
            merged.append([(False, False), f"[^{note}]", True])
            continue
        style = (r.bold, r.italic)
        if merged and merged[-1][0] == style and not merged[-1][2]:
            merged[-1][1] += r.text
        else:
            merged.append([style, r.text, False])
    out: list[str] = []
    for i, ((bold, italic), text, ref) in enumerate(merged):
        if ref:
            out.append(text)
            continue
        mark = "**" if bold else "*" if italic else ""
        if not mark or not text.strip():
            out.append(_escape(text, not out))
            continue
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        core = text.strip()
        before = " " if lead or not out or not out[-1] else out[-1][-1]
        after = " " if trail or i + 1 == len(merged) else merged[i + 1][1][:1] or " "
        if i + 1 < len(merged) and not trail and (any(merged[i + 1][0]) and merged[i + 1][1].strip()
                                                  or merged[i + 1][2]):
            after = "*"  # the next span starts with its own mark (or is a footnote's [^1])
        pre = post = ""
        if len(core) > 1 and _non_cjk_punct(core[0]) and _plain(before):
            pre, core = core[0], core[1:]
        if len(core) > 1 and _non_cjk_punct(core[-1]) and _plain(after):
            post, core = core[-1], core[:-1]
        if not (_opens(pre[-1:] or before, core[0]) and _closes(core[-1], post[:1] or after)):
            out.append(_escape(text, not out))  # a lone mark such as “C(x” cannot be emphasised: kept as text
            continue
        out.append(" " * lead + _escape(pre, not out) + mark + _escape(core, False) + mark + _escape(post, False)
                   + " " * trail)
    return "".join(out)


def _heading_level(p: Para) -> tuple[int, str] | None:
    """(level, title) when the paragraph is a heading."""
    text = clean(p.text)
    if not text or "\n" in text or len(text) > 60:
        return None
    part, _typed, title = match_part(text)
    if part is not None and norm(title) == norm(part.title) or part is not None and not title:
        return part.level, part.title
    m = re.match(r"(?i)^(heading|标题)\s*(\d)$", p.style)
    if m:
        return int(m.group(2)), text
    runs = [r for r in p.runs if r.text.strip()]
    if not runs or text[-1] in "。；！？：，":
        return None
    fonts = {r.font for r in runs}
    if len(fonts) == 1 and next(iter(fonts)) in _FONT_LEVEL:
        return _FONT_LEVEL[next(iter(fonts))], text
    if all(r.bold for r in runs):
        return 3, text
    return None


def _targets(tbl: Table, res: PlanResult) -> None:
    rows: list[dict[str, Any]] = []
    direction = ""
    for row in tbl.rows[1:]:
        cells = row.cells
        where = f"表{tbl.number}:行{row.number}"
        texts = ["" if c.continues else clean(c.text) for c in cells]
        if len(texts) < 4:
            res.notes.append((where, "目标指标表的这一行少于 4 格，未读取：" + " | ".join(texts)))
            continue
        direction = _DIRECTIONS.get(norm(texts[0]), texts[0]) or direction
        indicator, base, goal = (("" if is_pending(t) else t) for t in texts[1:4])
        if not any((indicator, base, goal)):
            continue
        row_out: dict[str, Any] = {"方向": direction, "指标": indicator}
        if direction in QUALITATIVE_DIRECTIONS or indicator == QUALITATIVE:
            row_out.update({k: v for k, v in (("基准值", base), ("目标值", goal)) if v})
        else:
            b, bu = number_with_unit(base)
            g, gu = number_with_unit(goal)
            unit = bu or gu
            if b is not None and g is not None and bu and gu and bu != gu:
                res.notes.append((where, f"“{indicator}”基准值单位“{bu}”与目标值单位“{gu}”不同，单位按“{bu}”"))
            if unit:
                row_out["单位"] = unit
            for k, num, text in (("基准值", b, base), ("目标值", g, goal)):
                if num is not None or text:
                    row_out[k] = num if num is not None else text
        rows.append(row_out)
        res.target_places.append(where)
    res.targets = rows


def _note_text(p: Para, referred: set[int]) -> tuple[int, str] | None:
    """(n, Markdown) for a paragraph “注①：…” whose mark ① was printed (superscript) above it."""
    m = re.match(r"^注(\S+?)[：:]", p.text)
    n = note_number(m.group(1)) if m else None
    if n is None or n not in referred:
        return None
    md = _inline(p.runs).strip()
    head = re.match(r"^注\S+?[：:]\s*", md)
    return (n, md[head.end():]) if head else None


def _table_md(tbl: Table) -> list[str]:
    lines = []
    for i, row in enumerate(tbl.rows):
        cells = [_escape(clean(c.text).replace("\n", " "), False) if not c.continues else "" for c in row.cells]
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * len(cells))
    return lines


def plan_markdown(blocks: list) -> PlanResult:
    res = PlanResult()
    lines: list[str] = []
    in_list = False
    referred: set[int] = set()  # footnotes whose superscript mark has been read

    def emit(new: list[str], where: str, tight: bool = False) -> None:
        nonlocal lines
        if lines and not tight:
            lines.append("")
        for ln in new:
            lines.append(ln)
            res.line_places[len(lines)] = where

    for b in blocks:
        if isinstance(b, Table):
            if b.rows and [norm(c.text) for c in b.rows[0].cells[:4]] == [norm(h) for h in HEADER]:
                _targets(b, res)
            else:
                emit(_table_md(b), f"表{b.number}:行1")
            in_list = False
            continue
        text = clean(b.text)
        where = f"段落{b.number}"
        if not text or norm(text) == norm(T.PLAN_LIMIT) or norm(text) == norm(T.TITLE):
            continue
        note = _note_text(b, referred)
        if note is not None:  # “注①：…” after the paragraph that refers to it → [^1]: …
            emit([f"[^{note[0]}]: {note[1]}"], where)
            in_list = False
            continue
        referred.update(n for r in b.runs if r.superscript for n in [note_number(r.text)] if n is not None)
        h = _heading_level(b)
        if h is not None:
            emit(["#" * h[0] + " " + _escape(h[1], False)], where)
            in_list = False
            continue
        first = b.runs[0].text if b.runs else ""
        m = _LIST_NUMBER.match(first)
        if m and len(b.runs) > 1:
            n = m.group(1) or m.group(2)
            body = _inline(b.runs[1:]).strip()
            emit([f"{n}. {body}"], where, tight=in_list)
            in_list = True
            continue
        in_list = False
        md = _inline(b.runs).strip()
        md = md.replace("\n", "\\\n")  # a line break inside the paragraph stays one
        emit(md.split("\n"), where)
    res.markdown = "\n".join(lines).rstrip() + "\n" if lines else ""
    return res
