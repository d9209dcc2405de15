"""Read a list kept as CSV or XLSX beside cluster.yaml.

Rows come back as plain dicts of text (the field validator converts them), and
each cell's location is `file:row:col` so a bad row is reported where the user
can find it in a spreadsheet.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..findings import Findings
from ..model import Loc
from .text import INVISIBLE, INVISIBLE_CHARS, INVISIBLE_REPLACE
from .xlsx import XlsxProblem, iter_first_sheet
from .yamlfile import read_text_file

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000  # ~0.7 GB of memory to build; real clusters list hundreds
IGNORED_COLUMNS = frozenset({"序号", "备注"})  # kept in many spreadsheets, not printed on the form


@dataclass
class Table:
    """A list file's rows (column → value) and where each row and cell is."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    locs: list[dict[str, Loc]] = field(default_factory=list)  # per row: column → cell location
    row_locs: list[Loc] = field(default_factory=list)


def _cell_text(value: Any) -> Any:
    """Spreadsheet cells to the loader's value types (exact decimals, ISO dates)."""
    if type(value) is str:  # every CSV cell, most XLSX cells
        value = value.strip()
        return value if value else None
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # a fraction (whole numbers come as int); repr() is the shortest text that round-trips, i.e. what Excel shows
        return Decimal(repr(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text if text else None


def _header(record, rownum: int, display: str, findings: Findings, allowed: list[str]) -> list[str] | None:
    """Column names ("" for a column docgen ignores), or None when a name is unknown."""
    header = [_clean_cell(c, display, rownum, i + 1, findings) for i, c in enumerate(record)]
    header = [str(h).strip() if h is not None else "" for h in header]
    unknown = False
    for i, h in enumerate(header):
        if not h or h in allowed:
            continue
        if h in IGNORED_COLUMNS:
            findings.note(display, rownum, i + 1, f"“{h}”列不印在申报表上，已忽略", "list-column-ignored")
            header[i] = None  # type: ignore[call-overload]  # ignored on purpose, unlike a blank name
            continue
        findings.error(display, rownum, i + 1, f"未知的列名“{h}”；可用的列：{'、'.join(allowed)}"
                       f"（“{'”“'.join(sorted(IGNORED_COLUMNS))}”列可以保留，不印在表上）", "list-column")
        unknown = True
    return None if unknown else header


def _clean_cell(value: Any, display: str, row: int, col: int, findings: Findings) -> Any:
    """A text cell without invisible characters (each named in a warning at the cell)."""
    if type(value) is str and INVISIBLE_CHARS.search(value):
        names = "、".join(dict.fromkeys(INVISIBLE[ch][0] for ch in INVISIBLE_CHARS.findall(value)))
        findings.warning(display, row, col, f"这个单元格中有看不见的字符（{names}），已删除；"
                         "这类字符常随从 Word 或网页复制的文字带入", "text-invisible-char")
        value = value.translate(INVISIBLE_REPLACE)
    return value


def _from_records(records, display: str, findings: Findings, allowed: list[str]) -> Table | None:
    table = Table()
    header: list[str] | None = None
    reported_blank: set[int] = set()
    for rownum, record in records:
        if header is None:
            header = _header(record, rownum, display, findings, allowed)
            if header is None:
                return None
            continue
        values = [_cell_text(_clean_cell(c, display, rownum, i + 1, findings)) for i, c in enumerate(record)]
        if all(v is None for v in values):
            continue  # blank line in the sheet
        if len(values) > len(header) and any(v is not None for v in values[len(header):]):
            findings.error(display, rownum, len(header) + 1, "这一行的数据比表头多出若干列；请检查分隔符或多余的逗号", "list-row")
        row: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        for i, name in enumerate(header):
            if not name:
                if name == "" and i < len(values) and values[i] is not None and i not in reported_blank:
                    reported_blank.add(i)
                    findings.error(display, rownum, i + 1,
                                   f"第 {i + 1} 列有数据，但表头（第 1 行）这一列是空的（常因表头合并了单元格）；"
                                   "请取消合并，把列名分别写在每一列的第 1 行", "list-column-unnamed")
                continue
            row[name] = values[i] if i < len(values) else None
            locs[name] = Loc(display, rownum, i + 1)
        table.rows.append(row)
        table.locs.append(locs)
        table.row_locs.append(Loc(display, rownum, 1))
        if len(table.rows) > MAX_ROWS:
            findings.error(display, rownum, 1, f"清单超过 {MAX_ROWS} 行，超出 docgen 的处理上限；请核对是否误把其他数据放入清单", "list-too-long")
            return None
    if header is None:
        findings.error(display, 1, 1, "清单文件是空的：第一行应为列名", "list-empty-file")
        return None
    return table


def load_table(path: Path, display: str, findings: Findings, allowed: list[str]) -> Table | None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = read_text_file(path, display, findings, MAX_TABLE_BYTES)
        if text is None:
            return None
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            records = list(enumerate(reader, 1))
        except csv.Error as e:
            findings.error(display, reader.line_num or 1, 1, f"CSV 格式错误（{e}）；请用 Excel/WPS 打开后重新保存为 CSV",
                           "list-csv")
            return None
        return _from_records(records, display, findings, allowed)
    if suffix == ".xlsx":
        if path.stat().st_size > MAX_TABLE_BYTES:
            findings.error(display, 1, 1, f"XLSX 文件过大（上限 {MAX_TABLE_BYTES // (1024 * 1024)} MB）", "file-too-large")
            return None
        try:
            return _from_records(enumerate(iter_first_sheet(path), 1), display, findings, allowed)
        except XlsxProblem as e:
            findings.error(display, 1, 1, str(e), "list-xlsx")
        except MemoryError:
            findings.error(display, 1, 1, "XLSX 文件太大，内存不足以读取；请把清单复制到新的工作簿中保存后再用", "list-xlsx")
        except Exception as e:  # noqa: BLE001 - calamine raises several kinds for a damaged file
            findings.error(display, 1, 1, f"无法读取 XLSX 文件（{type(e).__name__}）；请用 Excel/WPS 打开后“另存为 .xlsx”",
                           "list-xlsx")
        return None
    if suffix in (".xls", ".et", ".ods", ".numbers"):
        findings.error(display, 1, 1, f"清单文件是 {suffix} 格式；请在 Excel/WPS 中“另存为”.xlsx 或 CSV UTF-8，"
                       "并把 cluster.yaml 中的文件名改成新文件名", "list-file-type")
        return None
    findings.error(display, 1, 1, "清单文件只支持 .csv 或 .xlsx", "list-file-type")
    return None
