"""Section 八 as printed against plan.md as typed (typed_plan): paragraph by paragraph.

Not differences (presentation rules, docs/readback.md): the numbers the build gives headings
(一、 （一） 1. （1）) and list items, the indent, and the form's own “（3000字以内）”. Each
other difference is one `Difference` located at the paragraph's line in plan.md: text that
differs (an unconverted `**`, a stray space where a line was joined), points typed one per
line printed as one paragraph (or one paragraph split), bold that differs, a paragraph that
did not print, and one printed that was not typed.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..form import text as T
from ..importer.docx_read import Para
from ..importer.values import norm
from ..plan.resolve import TABLE_MARKERS
from .differences import Difference, excerpt_pair, space_note
from .typed_plan import TypedUnit

_NUMBER = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十0-9]{1,3}[)）]"
                     r"|[0-9]{1,3}(?:[.．、)](?![0-9])))[ \t\u3000]*")
_LIST_NUMBER = re.compile(r"^\s*(?:\d+[.．、)]|[（(]\d+[)）]|[•·▪◦])\s*$")
_BLANKS_AT_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
_NOTE = re.compile(r"^注(.{1,4}?)：")
_MARKUP = re.compile(r"\*\*|__|(?<![*\\])\*(?!\*)|`")


@dataclass
class PrintedUnit:
    text: str
    bold: list[bool]


def printed_units(blocks: list) -> tuple[list[PrintedUnit], dict[str, PrintedUnit]]:
    """The printed paragraphs of section 八 (tables left out) and its notes by their mark."""
    units: list[PrintedUnit] = []
    notes: dict[str, PrintedUnit] = {}
    limit = norm(T.PLAN_LIMIT)
    for b in blocks:
        if not isinstance(b, Para):
            continue
        runs = b.runs
        if len(runs) > 1 and _LIST_NUMBER.match(runs[0].text):
            runs = runs[1:]  # a list item's number, printed as a run of its own
        text = "".join(r.text for r in runs)
        if not text.strip() or norm(text) == limit:
            continue
        bold = [r.bold for r in runs for _ in r.text]
        m = _NOTE.match(text)
        unit = PrintedUnit(text, bold)
        if m:
            notes[m.group(1)] = unit
        else:
            units.append(unit)
    return units, notes


def _keyed(text: str, bold: list[bool] | None = None) -> tuple[str, tuple[int, ...]]:
    """A paragraph as compared, and which of its characters are bold: the numbers the build adds
    and the blanks at its ends and around a line break (which print as nothing one can see) left out."""
    marks = list(bold) if bold is not None else [False] * len(text)
    for m in reversed(list(_BLANKS_AT_BREAK.finditer(text))):
        text = text[:m.start()] + "\n" + text[m.end():]
        marks[m.start():m.end()] = [False]
    for cut in (lambda t: t.lstrip(" \t\u3000"), lambda t: _NUMBER.sub("", t, count=1),
                lambda t: t.lstrip(" \t\u3000")):
        rest = cut(text)
        marks, text = marks[len(text) - len(rest):], rest
    rest = text.rstrip(" \t\u3000")
    return rest, tuple(i for i, b in enumerate(marks[:len(rest)]) if b)


def _key(text: str) -> str:
    return _keyed(text)[0]


def compare_plan(typed: list[TypedUnit], printed: list[PrintedUnit], printed_notes: dict[str, PrintedUnit],
                 file: str, title: str) -> list[Difference]:
    """Every difference between the typed and the printed paragraphs of the plan."""
    out: list[Difference] = []
    form_heading = norm("八、" + title)  # typed above the plan, printed by the form itself
    body = [u for u in typed if u.kind != "note" and not (u.kind == "heading" and norm(u.text) == form_heading)
            and u.text.strip() not in TABLE_MARKERS  # where the target table goes: compared as values
            and _key(u.text)]  # a paragraph of blanks (or an empty item) prints nothing to compare
    printed = [p for p in printed if _key(p.text)]
    a = [_key(u.text) for u in body]
    b = [_key(p.text) for p in printed]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for u, p in zip(body[i1:i2], printed[j1:j2]):
                if u.kind != "heading":
                    _compare_bold(u, p, file, out)
        elif op == "replace":
            _replaced(body[i1:i2], printed[j1:j2], file, out)
        elif op == "delete":
            for u in body[i1:i2]:
                out.append(Difference(file, u.line, u.col, f"这一段没有印出来：“{_short(u.text)}”"))
        else:  # insert: printed, never typed
            at = body[i1 - 1] if i1 else (body[0] if body else None)
            for p in printed[j1:j2]:
                line, col = (at.line, at.col) if at else (1, 1)
                out.append(Difference(file, line, col, f"印出了所写没有的一段：“{_short(p.text)}”"))
    for u in typed:
        if u.kind == "note":
            _compare_note(u, printed_notes, file, out)
    return out


def _replaced(typed: list[TypedUnit], printed: list[PrintedUnit], file: str, out: list[Difference]) -> None:
    ta = [_key(u.text) for u in typed]
    pb = [_key(p.text) for p in printed]
    if len(printed) == 1 and len(typed) > 1 and _joined_equal(ta, pb[0]):
        first = typed[0]
        out.append(Difference(file, first.line, first.col,
                              f"分行写的 {len(typed)} 段（第 {first.line}–{typed[-1].line} 行）印成了一段："
                              f"“{_short(printed[0].text)}”"))
        return
    if len(typed) == 1 and len(printed) > 1 and _joined_equal(pb, ta[0]):
        u = typed[0]
        out.append(Difference(file, u.line, u.col, f"这一段印成了 {len(printed)} 段：“{_short(u.text)}”"))
        return
    for k in range(max(len(typed), len(printed))):
        if k < len(typed) and k < len(printed):
            u, p = typed[k], printed[k]
            out.append(Difference(file, u.line, u.col, _text_message(ta[k], pb[k])))
        elif k < len(typed):
            u = typed[k]
            out.append(Difference(file, u.line, u.col, f"这一段没有印出来：“{_short(u.text)}”"))
        else:
            u = typed[-1] if typed else None
            line, col = (u.line, u.col) if u else (1, 1)
            out.append(Difference(file, line, col, f"印出了所写没有的一段：“{_short(printed[k].text)}”"))


def _joined_equal(parts: list[str], whole: str) -> bool:
    squeeze = re.compile(r"[\s\u3000]+")
    return squeeze.sub("", "".join(parts)) == squeeze.sub("", whole) or \
        squeeze.sub("", "".join(parts)) == squeeze.sub("", _NUMBER.sub("", whole))


def _text_message(typed: str, printed: str) -> str:
    typed_part, printed_part = excerpt_pair(typed, printed)
    why = ""
    if _MARKUP.search(printed) and not _MARKUP.search(typed):
        why = "（Markdown 符号没有生效，按原样印了出来；加粗请写 **文字**，两侧不要留空格）"
    else:
        why = space_note(typed, printed)
    return f"印出来与所写不同：所写“{typed_part}”，印为“{printed_part}”{why}"


def _compare_bold(u: TypedUnit, p: PrintedUnit, file: str, out: list[Difference]) -> None:
    mine = _keyed(u.text, u.bold)[1]
    theirs = _keyed(p.text, p.bold)[1]
    if mine == theirs:
        return
    key = _key(u.text)
    typed_bold = _spans(key, set(mine)) or "（无）"
    printed_bold = _spans(_key(p.text), set(theirs)) or "（无）"
    out.append(Difference(file, u.line, u.col, f"加粗与所写不同：所写加粗“{typed_bold}”，印出来加粗的是“{printed_bold}”"))


def _spans(text: str, marks: set[int]) -> str:
    parts: list[str] = []
    current = ""
    for i, c in enumerate(text):
        if i in marks:
            current += c
        elif current:
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return "”“".join(_short(p, 16) for p in parts)


def _compare_note(u: TypedUnit, notes: dict[str, PrintedUnit], file: str, out: list[Difference]) -> None:
    mark = u.mark if u.mark in notes else None
    if mark is None:
        if not u.mark:
            return  # a note nobody refers to: check reports it (plan-footnote)
        out.append(Difference(file, u.line, u.col, f"注释没有印出来：“{_short(u.text)}”"))
        return
    printed = _NOTE.sub("", notes[mark].text, count=1).strip()
    if printed != u.text.strip():
        out.append(Difference(file, u.line, u.col, "注释" + _text_message(u.text.strip(), printed)))


def _short(text: str, n: int = 30) -> str:
    t = text.replace("\n", "↵").strip()
    return t if len(t) <= n else t[: n - 1] + "…"
