"""Re-join a YAML text value wrapped over several lines by the East Asian rule.

YAML folds the line break inside a plain, quoted or folded (`>`) value into a
space, so a narrative wrapped as

    产业链强链补链情况: 集群围绕
      “轴承钢材—锻件…”链条绘制产业链图谱

reads "集群围绕 “轴承钢材…" and prints a half-width space between Chinese
characters. We rebuild the value from the node's source lines, mark each fold,
and keep the result only when putting a space at every mark gives back exactly
the value ruamel.yaml read; each mark then becomes what
`wordcount.line_joiner` says (nothing where either side is East Asian, one space
between English words). Anything we cannot reproduce (escapes, comments, `|`
literals, odd indentation) keeps ruamel's value unchanged.
"""
from __future__ import annotations

import re

from ruamel.yaml.nodes import ScalarNode

from ..wordcount import line_joiner

_FOLD = "\x00"  # marks a folded line break while the value is rebuilt
_BLANK = " \t\r"


def _fold_lines(lines: list[str]) -> str:
    """Flow folding (plain and quoted values): a break between two lines is a fold, each
    empty line in between is a newline."""
    out: list[str] = []
    empty = 0
    for k, line in enumerate(lines):
        if not line:
            empty += 1
            continue
        if k and out:
            out.append("\n" * empty if empty else _FOLD)
        out.append(line)
        empty = 0
    return "".join(out)


def _flow_value(source: str, style: str | None) -> str | None:
    quote = style if style in ("'", '"') else ""
    if quote:
        if len(source) < 2 or source[0] != quote or source[-1] != quote:
            return None
        source = source[1:-1]
        if quote == '"' and "\\" in source:
            return None  # escapes (and escaped line breaks) are left to ruamel
    lines = source.split("\n")
    if not quote and re.search(r"\s#", source):
        return None  # a comment may end a plain value: not worth reproducing
    stripped = [lines[0].rstrip(_BLANK)] + [ln.strip(_BLANK) for ln in lines[1:-1]]
    if len(lines) > 1:
        last = lines[-1].lstrip(_BLANK)
        stripped.append(last if quote else last.rstrip(_BLANK))
    text = _fold_lines(stripped)
    return text.replace("''", "'") if quote == "'" else text


def _folded_block_value(source: str) -> str | None:
    """A `>` value without more-indented lines (those keep their breaks: left to ruamel)."""
    header, _, body = source.partition("\n")
    if not header.startswith(">") or any(ch.isdigit() for ch in header):
        return None
    lines = body.split("\n")
    content = [ln for ln in lines if ln.strip()]
    if not content:
        return None
    indent = len(content[0]) - len(content[0].lstrip(" "))
    if any(len(ln) - len(ln.lstrip(" ")) != indent for ln in content):
        return None
    text = _fold_lines([ln[indent:].rstrip(_BLANK) if ln.strip() else "" for ln in lines])
    trailing = "" if "-" in header else "\n"
    if "+" in header:
        return None
    return text.rstrip("\n") + trailing


def rejoin(node: ScalarNode, text: str, value: str) -> str:
    """`value` (what ruamel read for `node`) with each folded line break re-joined by the
    word counter's rule; `value` itself when the node is on one line or not reproducible."""
    if node.start_mark.line == node.end_mark.line or node.style == "|":
        return value
    source = text[node.start_mark.index:node.end_mark.index]
    if node.style == ">":
        rebuilt = _folded_block_value(source)
    elif node.style in (None, "", "'", '"'):
        rebuilt = _flow_value(source.rstrip("\n") if node.style else source.rstrip(" \t\n"), node.style)
    else:
        return value
    if rebuilt is None or _FOLD not in rebuilt or rebuilt.replace(_FOLD, " ") != value:
        return value
    pieces = rebuilt.split(_FOLD)
    out = pieces[0]
    for piece in pieces[1:]:
        out += line_joiner(out, piece) + piece
    return out
