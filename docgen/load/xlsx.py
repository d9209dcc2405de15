"""The first worksheet's cell values of an .xlsx file, read directly with zipfile + lxml.

Importing openpyxl costs ~60 ms, more than a third of a whole build of the example,
only to read a few hundred cells. This reader gives exactly the values
`openpyxl.load_workbook(path, read_only=True, data_only=True).worksheets[0]
.iter_rows(values_only=True)` gives — the same choice of sheet and of part names,
the same text of shared, inline and rich-text strings, the same numbers, the same
padding of rows to the sheet's recorded dimension — for the files Excel, WPS,
LibreOffice and openpyxl write. Anything it does not model (dates and other styled
numbers, DTDs, comments among the cells, templates and macro workbooks, unusual
coordinates) makes it return None, and the caller reads the file with openpyxl as
before, which also reports a damaged file. tests/test_xlsx.py compares the two readers.
(lxml, which python-docx has already loaded, rather than importing ElementTree: 2 ms.)
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from lxml.etree import fromstring

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_OTHER_MAINS = (  # templates and macro workbooks: openpyxl would prefer these parts; let it
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
)
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
# Built-in number formats that openpyxl does not read as dates or durations (0 General … 49 @);
# a number in any other format may become a datetime there, so such a file goes to openpyxl.
PLAIN_NUMBER_FORMATS = frozenset({*range(0, 14), *range(37, 45), 48, 49})
_CELL_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]*)")
_RANGE_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]*)(?::([A-Z]{1,3})([1-9][0-9]*))?")


class _Unsupported(Exception):
    """A case left to openpyxl."""


def _xml(archive: zipfile.ZipFile, name: str):
    data = archive.read(name)
    if b"<!DOCTYPE" in data:
        raise _Unsupported(name)
    return fromstring(data)


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    if n > 18278:  # XFD… ZZZ: openpyxl's limit
        raise _Unsupported(letters)
    return n


def _text(node) -> str:
    """openpyxl's Text.content: the last plain <t>, then the <t> of each rich-text run."""
    plain = None
    runs = []
    for child in node:
        if child.tag == _MAIN + "t":
            plain = child.text
        elif child.tag == _MAIN + "r":
            t = None
            for part in child:
                if part.tag == _MAIN + "t":
                    t = part.text
            if t is not None:
                runs.append(t)
    return (plain or "") + "".join(runs)


def _first_worksheet(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, str | None]:
    """The first worksheet's part name and the shared strings' part name, as openpyxl finds them."""
    overrides = [(o.get("ContentType"), o.get("PartName") or "") for o in _xml(archive, "[Content_Types].xml")
                 if o.tag == _CT + "Override"]
    if any(ct in _OTHER_MAINS for ct, _ in overrides):
        raise _Unsupported("not a plain workbook")
    workbook = next((name[1:] for ct, name in overrides if ct == _XLSX_MAIN), None)
    if workbook is None:
        raise _Unsupported("workbook part")
    strings = next((name[1:] for ct, name in overrides if ct == _SHARED_STRINGS), None)
    folder, base = posixpath.split(workbook)
    rels = {}
    for rel in _xml(archive, posixpath.join(folder, "_rels", base + ".rels")):
        if rel.tag == _REL + "Relationship" and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            # as openpyxl's get_dependents: relative to the workbook's folder
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            rels[rel.get("Id")] = (rel.get("Type") or "", target)
    sheets = _xml(archive, workbook).find(_MAIN + "sheets")
    for sheet in sheets if sheets is not None else ():
        rid = sheet.get(_R_ID)
        if not rid:
            continue
        rtype, target = rels[rid]
        if target not in names:
            continue
        if rtype != _WORKSHEET_REL:
            raise _Unsupported(rtype)  # a chart sheet first, or something stranger
        return target, strings
    raise _Unsupported("no worksheet")


def _styled_number_ids(archive: zipfile.ZipFile, names: set[str]) -> set[int]:
    """Cell style indexes whose number format is not a plain built-in one."""
    if "xl/styles.xml" not in names:
        return set()
    xfs = _xml(archive, "xl/styles.xml").find(_MAIN + "cellXfs")
    if xfs is None:
        return set()
    return {i for i, xf in enumerate(xfs.findall(_MAIN + "xf"))
            if int(xf.get("numFmtId") or 0) not in PLAIN_NUMBER_FORMATS}


def _cell_value(c, strings: list[str], styled: set[int]) -> Any:
    """openpyxl's WorkSheetParser.parse_cell with data_only=True, values only."""
    kind = c.get("t", "n")
    style = int(c.get("s") or 0)
    if kind == "inlineStr":
        inline = c.find(_MAIN + "is")
        return _text(inline) if inline is not None else None
    value = c.findtext(_MAIN + "v", None) or None
    if value is None:
        return None
    if kind == "n":
        if style in styled:
            raise _Unsupported("a number with a date-like format")
        return float(value) if ("." in value or "E" in value or "e" in value) else int(value)
    if kind == "s":
        return strings[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind in ("str", "e"):
        return value
    raise _Unsupported(kind)  # "d" (ISO dates) and unknown types


def _rows(sheet, strings: list[str], styled: set[int]):
    """(row number, {column: value}) per <row>, numbered as openpyxl numbers them."""
    data = sheet.find(_MAIN + "sheetData")
    if data is None:
        raise _Unsupported("no sheetData")
    row_counter = 0
    for row in data:
        if row.tag != _MAIN + "row":
            raise _Unsupported(row.tag)
        r = row.get("r")
        row_counter = int(r) if r is not None else row_counter + 1
        col_counter = 0
        cells = {}
        for c in row:
            if c.tag != _MAIN + "c":
                raise _Unsupported(c.tag)
            ref = c.get("r")
            if ref:
                m = _CELL_REF.fullmatch(ref)
                if m is None or int(m[2]) != row_counter:
                    raise _Unsupported(ref)
                col_counter = _column(m[1])
            else:
                col_counter += 1
            cells[col_counter] = _cell_value(c, strings, styled)  # a repeated column: the last wins
        yield row_counter, cells, col_counter


def _dimension(sheet) -> tuple[int | None, int | None]:
    """(max column, max row) from <dimension ref="A1:E10">, None when absent."""
    for child in sheet:
        if child.tag == _MAIN + "sheetData":
            return None, None
        if child.tag == _MAIN + "dimension":
            m = _RANGE_REF.fullmatch(child.get("ref") or "")
            if m is None:
                raise _Unsupported("dimension")
            if m[3] is None:
                return _column(m[1]), int(m[2])
            return _column(m[3]), int(m[4])
    return None, None


def read_first_sheet(path: Path) -> list[tuple] | None:
    """The rows openpyxl's read-only `iter_rows(values_only=True)` yields, or None: use openpyxl."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            sheet_name, strings_name = _first_worksheet(archive, names)
            strings = []
            if strings_name is not None:
                strings = [_text(si).replace("x005F_", "") for si in _xml(archive, strings_name)
                           if si.tag == _MAIN + "si"]
            styled = _styled_number_ids(archive, names)
            sheet = _xml(archive, sheet_name)
            max_col, max_row = _dimension(sheet)
            return _padded(_rows(sheet, strings, styled), max_col, max_row)
    except Exception:  # noqa: BLE001 - unsupported or damaged: openpyxl decides
        return None


def _padded(rows, max_col: int | None, max_row: int | None) -> list[tuple]:
    """ReadOnlyWorksheet._cells_by_row: rows padded to the recorded width, gaps filled, cut at
    the recorded height (and, when a row lies beyond it, filled up to it)."""
    empty = (None,) * max_col if max_col is not None else ()
    out: list[tuple] = []
    counter = idx = 1
    for idx, cells, last_col in rows:
        if max_row is not None and idx > max_row:
            break
        while counter < idx:
            counter += 1
            out.append(empty)
        if counter <= idx:
            width = max_col if max_col is not None else last_col
            out.append(tuple(cells.get(k) for k in range(1, width + 1)) if (cells or max_col) else ())
            counter += 1
    if max_row is not None and max_row < idx:
        out.extend(empty for _ in range(counter, max_row + 1))
    return out
