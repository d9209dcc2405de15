"""`docgen text FILE.docx`: the document's text in reading order, one cell per line with its label path.

Made for reading and for diffs (also as a git textconv: `*.docx diff=docgen` in .gitattributes and
`git config diff.docgen.textconv "docgen text"`). A line names where the text is by the form's
own words — section › row label › column header — never by table or row number, so a row
added above does not change every line below it. Line breaks inside a cell print as ⏎.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .form import text as T
from .importer.docx_read import Document, FormReadError, Para, Row, Table, read_docx
from .importer.labels import APPENDIX_HEADINGS, FIXED, SECTION_HEADINGS, SEE_APPENDIX, YEAR_CELL
from .importer.values import norm
from .plan.targets import HEADER as TARGET_HEADER
from .wordcount import join_lines

SEP = " › "
BREAK = "⏎"


def one_line(text: str) -> str:
    lines = [ln.strip() for ln in text.replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return BREAK.join(lines)


_PART_TITLES = {norm(t): t for t in (T.EVIDENCE_TITLE, T.INSTRUCTIONS_TITLE)}


def _column_path(headers: list[dict[tuple[int, int], str]], col: int, span: int) -> list[str]:
    """The header texts above a cell: the newest header row with a cell of the same position and
    width, and any older, wider header cell that spans it (2021年 › 主持数量)."""
    for i in range(len(headers) - 1, -1, -1):
        if (col, span) in headers[i]:
            outer = [t for h in headers[:i] for (c, s), t in h.items() if c <= col < c + s and s > span]
            return outer[-1:] + [headers[i][(col, span)]]
    return []


_TARGET_HEADER = [norm(h) for h in TARGET_HEADER]


def label_text(text: str) -> str:
    """A label cell as one label: its lines joined by the East Asian rule (the form breaks a long
    label only to fit the column), without the “（详见附表3）” pointer docgen adds under it."""
    lines = [ln for ln in text.replace("\r", "\n").split("\n") if norm(ln) not in SEE_APPENDIX]
    return join_lines(lines)


def _table_lines(tbl: Table, where: str) -> list[str]:
    """A row's first cell is its label; a row whose other cells are all the form's fixed words
    (年度 | 2021年 | …, 类别 | 主持数量 | …, or a 附表's 序号 | … header) heads the columns below it.
    In the target table (方向 | 指标 | 2023年基准值 | 2026年目标值) a row is named by 方向 and 指标."""
    out: list[str] = []
    headers: list[dict[tuple[int, int], str]] = []
    labels: dict[int, str] = {}  # grid column → text of the cell a vertical merge continues
    targets = bool(tbl.rows) and [norm(c.text) for c in tbl.rows[0].cells] == _TARGET_HEADER
    for i, row in enumerate(tbl.rows):
        texts = []
        for j, c in enumerate(row.cells):
            t = labels.get(c.col, "") if c.continues else label_text(c.text) if j == 0 else one_line(c.text)
            if not c.continues:
                labels[c.col] = t
            texts.append(t)
        if targets and i > 0 and len(texts) > 2:  # 主导产业 › 集群产值年均增速 › 2023年基准值: 12.56%
            texts = [SEP.join(t for t in texts[:2] if t), *texts[2:]]
            row = Row([row.cells[0], *row.cells[2:]], row.number)
        rest = [(c, t) for c, t in zip(row.cells[1:], texts[1:]) if not c.continues and t]
        if len(rest) >= 2 and (i == 0 and norm(texts[0]) in (norm(T.SERIAL), _TARGET_HEADER[0])
                               or all(norm(t) in FIXED or YEAR_CELL.match(t) for _, t in rest)):
            headers.append({(c.col, c.span): t for c, t in rest})
            out.append(SEP.join(p for p in (where, texts[0]) if p) + SEP + " | ".join(t for _, t in rest))
            continue
        row_label = texts[0] if row.cells else ""
        if len(row.cells) == 1 and row_label:
            out.append(where + SEP + row_label)
            continue
        sub = ""
        for c, t in zip(row.cells[1:], texts[1:]):
            if c.continues or not t:
                continue
            cols = _column_path(headers, c.col, c.span)
            if norm(t) in FIXED and (not cols or norm(cols[-1]) in ("类别",) or YEAR_CELL.match(cols[-1])):
                sub = t
                continue
            path = [where, row_label, sub, *(x for x in cols if x != t)]
            out.append(SEP.join(p for p in path if p) + ": " + t)
            if not cols:
                sub = ""
    return out


def text_lines(doc: Document) -> list[str]:
    out: list[str] = []
    where = ""
    for b in doc.blocks:
        if isinstance(b, Para):
            t = one_line(b.text)
            if not t:
                continue
            key = norm(t)
            if key in APPENDIX_HEADINGS:  # 附表3　集群内…清单 (or 附表3 alone): lines name the list
                where = T.APPENDIX_TITLES[APPENDIX_HEADINGS[key]]
                out.append(t)
            elif key in SECTION_HEADINGS or key in _PART_TITLES:
                where = t
                out.append(t)
            else:
                out.append((where + SEP if where else "") + t)
        else:
            out += _table_lines(b, where or "表")
    return out


def run_text(path: Path) -> int:
    try:
        doc = read_docx(Path(path))
    except FormReadError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    sys.stdout.write("\n".join(text_lines(doc)) + "\n")
    return 0
