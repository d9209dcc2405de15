"""The first worksheet of an .xlsx file, row by row, through python-calamine.

An .xlsx is a zip of XML parts, and a small file can hold a huge part (290 KB → 2 GB) or
an XML entity bomb. Before calamine reads anything:
- every part's uncompressed size (the zip directory's figure, which zipfile also enforces
  while inflating) is checked against MAX_PART_BYTES;
- every XML part's prolog is checked for a DOCTYPE: spreadsheets never have one, and it is
  where entity definitions live. (calamine's XML parser, quick-xml, does not expand entities
  either.)
- a large sheet must record its size (<dimension>), as Excel, WPS and LibreOffice all do;
- calamine holds a sheet as a dense grid from its first to its last filled cell (32 bytes a
  cell): one cell at A1 and one at XFD6000 make 3 GB from a 5 KB file, and Rust aborts the
  process when that allocation fails. So the sheets are parsed once (lxml, events only, no
  values kept) for the cells that hold something, and a grid over MAX_GRID_CELLS is refused.
The caller's row limit then stops the rows that reach Python. It replaced openpyxl's read-only mode here because importing openpyxl took ~75 ms
of every build that keeps a list as .xlsx (benchmarks/README.md); openpyxl still writes the
汇总表's .xlsx.
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

MAX_PART_BYTES = 64 * 1024 * 1024  # one sheet of 10,000 rows × 20 columns is about 20 MB of XML
# The head of each XML part that is checked: the prolog (an XML declaration, perhaps a comment)
# and, in a sheet, the <dimension> that comes before the rows. No real part has more before them.
MAX_HEAD_BYTES = 64 * 1024
# A sheet without <dimension> is written by no spreadsheet program; allowed when this small (a
# hand-made or generated file), refused above it as crafted or damaged.
MAX_UNSIZED_SHEET_BYTES = 8 * 1024 * 1024
# A list of 10,000 rows × 50 columns is 500,000 cells; the grid is 32 bytes a cell in calamine.
MAX_GRID_CELLS = 4_000_000
# all worksheets together, inflated: each is parsed once for its extent
MAX_SHEETS_BYTES = 2 * MAX_PART_BYTES
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"([A-Z]{1,3})?([0-9]{1,7})$")
_PROLOG_END = re.compile(rb"<[A-Za-z_]")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


class XlsxProblem(Exception):
    """The file cannot be read safely; the message says why (Chinese)."""


def check_parts(path: Path) -> None:
    """Refuse a file whose parts are too large once inflated, declare a DTD (entities), or whose
    large sheet lacks the size every spreadsheet program records."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise XlsxProblem("不是有效的 XLSX 文件（无法按 zip 打开）；请用 Excel/WPS 打开后“另存为 .xlsx”"
                          "（设置了打开密码的文件请先取消密码）") from e
    again = "请把清单复制到新的工作簿中保存后再用"
    with archive:
        sheets = [i for i in archive.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
        if sum(i.file_size for i in sheets) > MAX_SHEETS_BYTES:
            raise XlsxProblem(f"XLSX 中的工作表解压后共有 {sum(i.file_size for i in sheets) // (1024 * 1024)} MB，"
                              f"超过 {MAX_SHEETS_BYTES // (1024 * 1024)} MB 的上限；{again}")
        for info in archive.infolist():
            if info.file_size > MAX_PART_BYTES:
                raise XlsxProblem(
                    f"XLSX 中的“{info.filename}”解压后有 {info.file_size // (1024 * 1024)} MB，"
                    f"超过 {MAX_PART_BYTES // (1024 * 1024)} MB 的上限；清单不会这么大，"
                    f"文件可能已损坏或被恶意构造。{again}")
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            head = _head(archive, info)
            root = _PROLOG_END.search(head)
            if (root is None and head.strip()) or (root and _DOCTYPE.search(head, 0, root.start())):
                raise XlsxProblem(f"XLSX 中的“{info.filename}”含有 DTD/实体定义（正常的表格不会有），"
                                  f"可能被恶意构造，已拒绝读取；{again}")
            if (info.filename.startswith("xl/worksheets/") and info.file_size > MAX_UNSIZED_SHEET_BYTES
                    and not _DIMENSION.search(head)):
                raise XlsxProblem(f"XLSX 中的工作表“{info.filename}”有 {info.file_size // (1024 * 1024)} MB，"
                                  f"却没有记录表格范围（Excel、WPS 保存的文件都有），无法逐行读取；{again}")
        for info in sheets:
            rows, cols = _grid(archive, info)
            if rows * cols > MAX_GRID_CELLS:
                raise XlsxProblem(f"XLSX 中的工作表“{info.filename}”的数据分布在 {rows} 行 × {cols} 列的范围内"
                                  f"（远处有零散的单元格？），超出读取上限；{again}")


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _grid(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Rows × columns from the first to the last cell that holds something (a child element: a
    value, inline text or a formula), with positions as calamine counts them: a cell's or row's
    `r` when given, else one after the previous one."""
    from lxml import etree

    first_row = first_col = 1 << 30
    last_row = last_col = 0
    row = col = 0
    try:
        with archive.open(info) as part:
            for event, el in etree.iterparse(part, events=("start", "end"), tag=(_SHEET_NS + "row", _SHEET_NS + "c"),
                                             resolve_entities=False, no_network=True):
                if el.tag == _SHEET_NS + "row":
                    if event == "start":
                        ref = el.get("r")
                        row = int(ref) if ref and ref.isdigit() else row + 1
                        col = 0
                    else:  # done with the row: drop it, and the rows before it, from the tree
                        el.clear()
                        while el.getprevious() is not None:
                            del el.getparent()[0]
                    continue
                if event == "start":
                    ref = _CELL_REF.match(el.get("r") or "")
                    if ref and ref.group(1):
                        col = _column(ref.group(1))
                        row = int(ref.group(2)) if ref.group(2) else row
                    else:
                        col += 1
                    continue
                if len(el):  # a cell with content
                    first_row, last_row = min(first_row, row), max(last_row, row)
                    first_col, last_col = min(first_col, col), max(last_col, col)
    except etree.XMLSyntaxError:
        return 0, 0  # calamine reports the damage
    if not last_row:
        return 0, 0
    return last_row - first_row + 1, last_col - first_col + 1


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The part's first MAX_HEAD_BYTES: its prolog (where a DTD would be) and first elements."""
    try:
        with archive.open(info) as part:
            return part.read(MAX_HEAD_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        raise XlsxProblem(f"XLSX 中的“{info.filename}”已损坏，无法解压；请用 Excel/WPS 重新保存") from e


def iter_first_sheet(path: Path) -> Iterator[tuple]:
    """The first worksheet's rows of cell values (Excel's row 1 first; each row up to its last
    non-empty cell; None for an empty cell), as openpyxl's read-only mode gave them except that
    a whole number is an int (calamine reads every number as a float).

    Raises XlsxProblem for a file that cannot be read safely; calamine's own errors for a
    damaged one (the caller reports both, located at the file).
    """
    check_parts(path)
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    wb = CalamineWorkbook.from_path(str(path))
    try:
        # the first worksheet in the workbook's order, hidden or not (chart sheets have no cells)
        index = next((i for i, m in enumerate(wb.sheets_metadata) if m.typ == SheetTypeEnum.WorkSheet), None)
        if index is None:
            raise XlsxProblem("XLSX 中没有工作表")
        sheet = wb.get_sheet_by_index(index)
        if sheet.start is None:  # no cell holds anything
            return
        # iter_rows yields Excel's rows from row 1 (blank ones as empty cells), but each row only
        # from the first column that holds something
        lead = (None,) * sheet.start[1]
        for row in sheet.iter_rows():
            yield lead + tuple(_value(v) for v in _trimmed(row))
    finally:
        wb.close()


def _trimmed(row: list) -> list:
    """The row without its empty cells at the end (calamine pads every row to the sheet's width)."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return row[:end]


def _value(v):
    if type(v) is float and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    return None if v == "" else v
