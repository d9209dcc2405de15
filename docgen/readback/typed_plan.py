"""plan.md as the writer meant it: its paragraphs, headings, list items and notes, each with
its text, which characters are bold, and the line it starts on.

This reading is deliberately separate from docgen.plan (the renderer's CommonMark parser):
it is what a person reading plan.md in Notepad takes it to say, so that whatever the
renderer gets wrong (a `**` that does not become bold next to Chinese punctuation, points
typed one per line printed as one paragraph, a line break printed as a space) shows up as
a difference between the two. It reads leniently and never fails:

- a blank line ends a paragraph; a line that starts a point (一是 / 1、 / （1） / ① …) starts
  a new one; the lines of one paragraph join by the word counter's rule (wordcount.line_joiner);
- `#` headings, list items (`-`, `1.`), footnote texts (`[^1]: …`) are units of their own;
  tables, HTML comments, link definitions and fenced code are not compared (the target table
  is compared as values);
- `**…**`/`__…__` mark bold and `*…*` italic wherever they pair up, `\\*` is a literal
  star, `` `x` `` is x, `[text](address)` is its text and `[^1]` the note's mark.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..plan.lines import COMMENT, FENCE, POINT_START
from ..plan.model import note_mark
from ..wordcount import line_joiner

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,3}[.)])(?:[ \t]+(?=[^ \t])|[ \t]*$)")  # a marker alone: an empty item
_NOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:\s*\S")
_HARD_BREAK = re.compile(r"(?:  |(?<!\\)\\)[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass
class TypedUnit:
    """One paragraph, heading, list item or note as typed."""

    kind: str  # "para", "heading", "item", "note"
    line: int
    col: int
    text: str = ""
    bold: list[bool] = field(default_factory=list)  # per character of `text`
    note: str = ""  # a note's label ([^label]: …)
    mark: str = ""  # the mark it prints with (①), "" for a note nobody refers to
    source: str = ""  # the raw lines, for quoting


def typed_units(text: str) -> list[TypedUnit]:
    """The units of plan.md in reading order (see the module's docstring)."""
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    raw: list[tuple[str, int, int, list[str], str]] = []  # (kind, line, col, lines, note label)
    current: tuple[str, int, int, list[str], str] | None = None
    in_fence = False
    group = 0  # where the Markdown paragraph of the current unit began in `raw`
    for n, line in enumerate(lines, 1):
        if FENCE.match(line):
            in_fence, current = not in_fence, None
            continue
        stripped = line.strip(" \t\u3000")
        if current is not None and current[0] == "para" and not in_fence and _SETEXT.match(line):
            # the Markdown paragraph above (every point split from it) was a heading (=== / ---)
            merged = [ln for unit in raw[group:] for ln in unit[3]]
            raw[group:] = [("heading", raw[group][1], raw[group][2], merged, "")]
            current = None
            continue
        if in_fence or not stripped or _RULE.match(line) or line.lstrip().startswith("|") or _LINK_DEF.match(line):
            current = None
            continue
        line = re.sub(r"^ {0,3}>[ \t]?", "", line)
        m = _HEADING.match(line)
        if m:
            raw.append(("heading", n, m.start(2) + 1, [m.group(2)], ""))
            current = None
            continue
        m = _NOTE_DEF.match(line)
        if m:
            current = ("note", n, m.end() + 1, [line[m.end():]], m.group(1))
            raw.append(current)
            continue
        m = _ITEM.match(line)
        if m and current is not None and current[0] == "para" and _cannot_interrupt(line, m):
            m = None  # CommonMark: an empty item, or a numbered one not starting at 1, continues the paragraph
        if m:
            current = ("item", n, m.end() + 1, [line[m.end():]], "")
            raw.append(current)
            continue
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        after_break = current is not None and _HARD_BREAK.search(current[3][-1])  # a point after ↵ stays
        if current is not None and current[0] == "item" and not "".join(current[3]).strip() and not lead:
            current = None  # an empty item has no paragraph for the line to continue
        if current is not None and current[0] != "note" and (after_break or not POINT_START.match(line)) \
                or current is not None and current[0] == "note" and lead:
            current[3].append(line)
            continue
        if current is None or current[0] != "para":
            group = len(raw)  # a new Markdown paragraph (a point typed on its own line splits one)
        current = ("para", n, lead + 1, [line], "")
        raw.append(current)
    notes = _note_numbers(text)
    return [_unit(kind, line, col, body, label, notes) for kind, line, col, body, label in raw]


def _cannot_interrupt(line: str, m: re.Match) -> bool:
    marker = line[m.start(): m.end()].strip()
    return not line[m.end():].strip() or marker[0].isdigit() and marker[:-1].lstrip("0") != "1"


def _note_numbers(text: str) -> dict[str, int]:
    """Each footnote label's number: the order of first reference, as it prints (①, ②…)."""
    out: dict[str, int] = {}
    for m in re.finditer(r"\[\^([^\]\s]+)\](?!:)", text):
        out.setdefault(m.group(1), len(out) + 1)
    return out


def _unit(kind: str, line: int, col: int, body: list[str], label: str, notes: dict[str, int]) -> TypedUnit:
    joined = ""
    for k, piece in enumerate(body):
        # a hard break: two spaces or a backslash ending a line that is not the paragraph's last
        hard = k < len(body) - 1 and (piece.endswith("  ") or piece.rstrip(" \t").endswith("\\")
                                      and not piece.rstrip(" \t").endswith("\\\\"))
        piece = piece.strip(" \t\u3000")
        if hard:
            piece = piece.rstrip("\\").rstrip(" \t")
        if joined and not joined.endswith("\n"):
            joined += line_joiner(joined, piece)
        joined += piece + ("\n" if hard else "")
    text, bold = _inline(joined.rstrip("\n"), notes)
    mark = note_mark(notes[label]) if kind == "note" and label in notes else ""
    return TypedUnit(kind, line, col, text, bold, label, mark, "\n".join(body))


def _inline(src: str, notes: dict[str, int]) -> tuple[str, list[bool]]:
    """Markup removed: the characters that print, and which of them are bold."""
    tokens: list[tuple[str, str]] = []  # (kind, text): "t" text, "*"/"_" delimiter runs
    i = 0
    while i < len(src):
        c = src[i]
        if c == "\\" and i + 1 < len(src) and src[i + 1] in _ASCII_PUNCT:
            tokens.append(("t", src[i + 1]))
            i += 2
        elif c == "&" and _entity(src, i):
            entity = _entity(src, i)
            tokens.append(("t", html.unescape(entity)))  # &amp; is Markdown for &
            i += len(entity)
        elif c == "`":
            code = _code_span(src, i)
            if code is not None:
                tokens.append(("t", code[0]))
                i = code[1]
            else:
                run = len(src) - len(src[i:].lstrip("`")) - i
                tokens.append(("t", "`" * run))  # no closing run of the same length: literal
                i += run
        elif c == "[" and src.startswith("[^", i) and "]" in src[i:]:
            j = src.index("]", i)
            label = src[i + 2:j]
            if label in notes:
                tokens.append(("t", note_mark(notes[label])))
                i = j + 1
            else:
                tokens.append(("t", c))
                i += 1
        elif c == "[":
            m = re.match(r"\[([^\]]*)\]\([^)]*\)", src[i:])
            if m:
                tokens.append(("[", ""))
                inner = _inline(m.group(1), notes)
                tokens.append(("t", inner[0]))  # link text: emphasis inside is rare; kept as text
                i += m.end()
            else:
                tokens.append(("t", c))
                i += 1
        elif c in "*_":
            j = i
            while j < len(src) and src[j] == c:
                j += 1
            run = src[i:j]
            before = src[i - 1] if i else " "
            after = src[j] if j < len(src) else " "
            # opens when text follows it, closes when text precedes it (CommonMark's flanking); an
            # underscore never opens after a letter or digit nor closes before one (snake_case, _x_加)
            can_open = not after.isspace() and not (c == "_" and before.isalnum())
            can_close = not before.isspace() and not (c == "_" and after.isalnum())
            if can_open or can_close:
                tokens.append((c + ("o" if can_open else "") + ("c" if can_close else ""), run))
            else:
                tokens.append(("t", run))
            i = j
        else:
            tokens.append(("t", c))
            i += 1
    return _pair(tokens)


def _code_span(src: str, i: int) -> tuple[str, int] | None:
    """The code span opening at `i` (its text, the index after it), or None: a run of n
    backticks closes only with a run of exactly n (CommonMark)."""
    n = len(src[i:]) - len(src[i:].lstrip("`"))
    for m in re.finditer("`+", src[i + n:]):
        if len(m.group(0)) == n:
            text = src[i + n:i + n + m.start()].replace("\n", " ")
            if len(text) > 2 and text[0] == text[-1] == " " and text.strip(" "):
                text = text[1:-1]
            return text, i + n + m.end()
    return None


def _entity(src: str, i: int) -> str:
    """The HTML entity (&amp; &#20013;) at `i` that Markdown replaces by its character, or ""."""
    m = _ENTITY.match(src, i)
    return m.group(0) if m and html.unescape(m.group(0)) != m.group(0) else ""


def _pair(tokens: list[tuple[str, str]]) -> tuple[str, list[bool]]:
    """Delimiter runs matched as CommonMark's emphasis algorithm does: a closer takes the nearest
    opener of its character; two characters of each make bold, one italic; what a run has left
    over prints (`***~**` is “*” and a bold “~”); the rule of three keeps `*a**b*` apart."""
    left = [len(run) if kind[0] in "*_" else 0 for kind, run in tokens]
    strong = [False] * len(tokens)
    openers: list[int] = []
    for k, (kind, run) in enumerate(tokens):
        if kind[0] not in "*_":
            continue
        if "c" in kind[1:]:
            while left[k]:
                o = next((o for o in reversed(openers) if tokens[o][0][0] == kind[0] and left[o]
                          and not _rule_of_three(tokens[o], tokens[k])), None)
                if o is None:
                    break
                use = 2 if left[o] >= 2 and left[k] >= 2 else 1
                left[o] -= use
                left[k] -= use
                if use == 2:
                    for m in range(o + 1, k):
                        strong[m] = True
                openers = [x for x in openers if x <= o and left[x]]  # those inside can no longer match
        if "o" in kind[1:] and left[k]:
            openers.append(k)
    text: list[str] = []
    bold: list[bool] = []
    for k, (kind, run) in enumerate(tokens):
        piece = kind[0] * left[k] if kind[0] in "*_" else (run if kind != "[" else "")
        text.append(piece)
        bold += [strong[k]] * len(piece)
    return "".join(text), bold


def _rule_of_three(opener: tuple[str, str], closer: tuple[str, str]) -> bool:
    """CommonMark: when either run can both open and close, their lengths may not add up to a
    multiple of three unless both are multiples of three."""
    both = "oc" in opener[0] or "oc" in closer[0]
    a, b = len(opener[1]), len(closer[1])
    return both and (a + b) % 3 == 0 and not (a % 3 == 0 and b % 3 == 0)
