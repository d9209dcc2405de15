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
from .xlsx import read_first_sheet
from .yamlfile import read_text_file

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000  # ~0.7 GB of memory to build; real clusters list hundreds


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
        # openpyxl gives floats; repr() is the shortest text that round-trips, i.e. what Excel shows
        return Decimal(repr(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text if text else None


def _openpyxl():
    """Import openpyxl without numpy: openpyxl only uses numpy to recognise numpy
    cell types (never in a file it reads), and importing numpy doubles the import
    time of every build that has an XLSX list."""
    import sys

    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        import openpyxl

        return openpyxl
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail fast
    try:
        import openpyxl
    finally:
        del sys.modules["numpy"]
    return openpyxl


def _from_records(records, display: str, findings: Findings, allowed: list[str]) -> Table | None:
    table = Table()
    header: list[str] | None = None
    for rownum, record in records:
        cells = list(record)
        if header is None:
            header = [str(c).strip() if c is not None else "" for c in cells]
            unknown = [h for h in header if h and h not in allowed]
            for h in unknown:
                findings.error(
                    display, rownum, header.index(h) + 1,
                    f"未知的列名“{h}”；可用的列：{'、'.join(allowed)}",
                    "list-column",
                )
            if unknown:
                return None
            continue
        values = [_cell_text(c) for c in cells]
        if all(v is None for v in values):
            continue  # blank line in the sheet
        if len(values) > len(header) and any(v is not None for v in values[len(header):]):
            findings.error(display, rownum, len(header) + 1, "这一行的数据比表头多出若干列；请检查分隔符或多余的逗号", "list-row")
        row: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        for i, name in enumerate(header):
            if not name:
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
            findings.error(display, reader.line_num or 1, 1, f"CSV 格式错误：{e}", "list-csv")
            return None
        return _from_records(records, display, findings, allowed)
    if suffix == ".xlsx":
        if path.stat().st_size > MAX_TABLE_BYTES:
            findings.error(display, 1, 1, "XLSX 文件过大", "file-too-large")
            return None
        rows = read_first_sheet(path)  # None: a file for openpyxl (slow to import)
        if rows is None:
            try:
                wb = _openpyxl().load_workbook(path, read_only=True, data_only=True)
            except Exception as e:  # openpyxl raises many kinds for a damaged file
                findings.error(display, 1, 1, f"无法读取 XLSX 文件（{type(e).__name__}）；请用 Excel/WPS 重新保存",
                               "list-xlsx")
                return None
            try:
                rows = list(wb.worksheets[0].iter_rows(values_only=True))
            finally:
                wb.close()
        return _from_records(list(enumerate(rows, 1)), display, findings, allowed)
    findings.error(display, 1, 1, "清单文件只支持 .csv 或 .xlsx", "list-file-type")
    return None
