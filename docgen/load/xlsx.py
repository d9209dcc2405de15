"""The first worksheet of an .xlsx file, row by row, through openpyxl's read-only mode.

An .xlsx is a zip of XML parts, and a small file can hold a huge part (290 KB → 2 GB) or
an XML entity bomb. Before openpyxl reads anything:
- every part's uncompressed size (the zip directory's figure, which zipfile also enforces
  while inflating) is checked against MAX_PART_BYTES;
- every XML part's prolog is checked for a DOCTYPE: spreadsheets never have one, and it is
  where entity definitions live. (openpyxl also parses with defusedxml when it is
  installed, which refuses entities; docgen depends on it.)
Rows are then streamed (`iter_rows` in read-only mode), so the caller's row limit stops
the reading early instead of after the whole sheet is in memory.
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
# openpyxl reads a sheet without <dimension> through once to size it before streaming its rows:
# allowed for a sheet this small (about 1 s), refused above it.
MAX_UNSIZED_SHEET_BYTES = 8 * 1024 * 1024
_PROLOG_END = re.compile(rb"<[A-Za-z_]")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


class XlsxProblem(Exception):
    """The file cannot be read safely; the message says why (Chinese)."""


def check_parts(path: Path) -> None:
    """Refuse a file whose parts are too large once inflated, declare a DTD (entities), or whose
    large sheet lacks the size openpyxl needs to stream it."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise XlsxProblem("不是有效的 XLSX 文件（无法按 zip 打开）；请用 Excel/WPS 打开后“另存为 .xlsx”"
                          "（设置了打开密码的文件请先取消密码）") from e
    again = "请把清单复制到新的工作簿中保存后再用"
    with archive:
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


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The part's first MAX_HEAD_BYTES: its prolog (where a DTD would be) and first elements."""
    try:
        with archive.open(info) as part:
            return part.read(MAX_HEAD_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        raise XlsxProblem(f"XLSX 中的“{info.filename}”已损坏，无法解压；请用 Excel/WPS 重新保存") from e


def iter_first_sheet(path: Path) -> Iterator[tuple]:
    """The first worksheet's rows of cell values (Excel's row 1 first), streamed.

    Raises XlsxProblem for a file that cannot be read safely; openpyxl's own errors for a
    damaged one (the caller reports both, located at the file).
    """
    check_parts(path)
    import openpyxl  # ~60 ms: only when a list is kept as .xlsx

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if not wb.worksheets:
            raise XlsxProblem("XLSX 中没有工作表")
        ws = wb.worksheets[0]
        # the sheet's recorded size may be anything (A1:XFD1048576): read the cells that are there
        ws.reset_dimensions()
        yield from ws.iter_rows(values_only=True)
    finally:
        wb.close()
