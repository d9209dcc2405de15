"""The official words of 附件1 and 附件2, parsed from the notice (tests/data/notice-and-form-2024.txt).

The notice is a text extraction of the official PDF: table cells are separated by tabs or
<p> elements, checkboxes are <input type="checkbox"/>, blanks to fill are runs of "_". This
module cuts it into the pieces a reader sees as one unit (a label, a checkbox option, a note,
an item of 填报说明) and writes each piece as docgen prints it:

- the documented punctuation-width choice (README, 约定与决定): ( ) : , ; in the form's
  words are printed full width — the official text mixes "(200 字以内)" and "（200字以内）";
- the extraction's spaces are removed where either side is Chinese ("2021 年" → "2021年");
  the form puts no space there, and our text rules forbid one.

Nothing else is changed: a piece must then appear in the built document exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

NOTICE = Path(__file__).resolve().parent / "data" / "notice-and-form-2024.txt"

FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK})[ \u00a0]+|[ \u00a0]+(?={_CJK})")
_NOTE = re.compile(r"[（(](注|如涉及|需提供)[^（()）]*[）)]$")
_BOX = "\x01"

# A page break of the PDF split one row of 二 over two lines of the extraction.
_SPLIT_ROW = ("集群已开展的产业链资源协", "同协作工作")


def official(text: str) -> str:
    """A piece of the form as docgen prints it (see the module docstring)."""
    return _SPACE_NEAR_CJK.sub("", text.strip().translate(FULL_WIDTH))


@dataclass(frozen=True)
class Piece:
    kind: str  # label | option | note
    text: str  # as printed (official())
    line: int  # line in the notice, for messages

    def __str__(self) -> str:
        return f"notice:{self.line} {self.kind} “{self.text}”"


def _attachment(lines: list[str], start: str, end: str | None) -> list[tuple[int, str]]:
    i = lines.index(start)
    j = lines.index(end) if end else len(lines)
    return [(n + 1, lines[n]) for n in range(i, j)]


def _cells(line: str) -> list[str]:
    line = re.sub(r'<input type="checkbox"\s*/>', _BOX, line)
    line = re.sub(r"</?p[^>]*>", "\t", line)
    return [c for c in line.split("\t")]


def _bits(part: str) -> list[str]:
    """A cell's text cut at its blanks ("数量：____个") and after a label's colon ("名称：（XX…）")."""
    out = []
    for bit in re.split(r"_{2,}", part.replace("↑", "")):  # ↑: an arrow drawn over a blank
        bit = bit.strip()
        if not bit or re.fullmatch(r"-+", bit):  # the extraction's table rules
            continue
        out.extend(b.strip() for b in re.split(r"(?<=[:：])\s*(?=[(（])|\s+(?=[^\s(（]\S*[:：]$)", bit))
    return out


def _pieces_of_cell(cell: str, n: int) -> list[Piece]:
    out: list[Piece] = []
    parts = cell.split(_BOX)
    for k, part in enumerate(parts):
        for bit in _bits(part):
            if not bit:
                continue
            note = _NOTE.search(bit)
            head = bit[: note.start()].strip() if note else bit
            if head:
                out.append(Piece("option" if k > 0 else "label", official(head), n))
            if note:
                out.append(Piece("note", official(note.group(0)), n))
    return out


def pieces(start: str, end: str | None = None) -> list[Piece]:
    """Every piece of the attachment that begins at the line `start` (e.g. "附件 2")."""
    lines = NOTICE.read_text(encoding="utf-8").splitlines()
    out: list[Piece] = []
    for n, line in _attachment(lines, start, end):
        if line.strip().startswith("- "):  # 2. 阶段性目标's items, listed as a Markdown list
            line = line.strip()[2:]
        for cell in _cells(line):
            out.extend(_pieces_of_cell(cell, n))
    joined: list[Piece] = []
    for p in out:
        if p.text == _SPLIT_ROW[1] and any(q.text == "".join(_SPLIT_ROW) for q in joined):
            continue
        if p.text == _SPLIT_ROW[0]:
            p = Piece(p.kind, "".join(_SPLIT_ROW), p.line)
        joined.append(p)
    return joined


def form_pieces() -> list[Piece]:
    """附件2, the 申报表."""
    return pieces("附件 2")


def summary_pieces() -> list[Piece]:
    """附件1, the 推荐汇总表."""
    return pieces("附件 1", "附件 2")
