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
_PROLOG_END = re.compile(rb"<[A-Za-z_]")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


class XlsxProblem(Exception):
    """The file cannot be read safely; the message says why (Chinese)."""


def check_parts(path: Path) -> None:
    """Refuse a file whose parts are too large once inflated, or declare a DTD (entities)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise XlsxProblem("不是有效的 XLSX 文件（无法按 zip 打开）；请用 Excel/WPS 打开后“另存为 .xlsx”") from e
    with archive:
        for info in archive.infolist():
            if info.file_size > MAX_PART_BYTES:
                raise XlsxProblem(
                    f"XLSX 中的“{info.filename}”解压后有 {info.file_size // (1024 * 1024)} MB，"
                    f"超过 {MAX_PART_BYTES // (1024 * 1024)} MB 的上限；清单不会这么大，"
                    "文件可能已损坏或被恶意构造。请把清单复制到新的工作簿中保存后再用")
            if info.filename.endswith((".xml", ".rels", ".vml")) and _declares_dtd(archive, info):
                raise XlsxProblem(f"XLSX 中的“{info.filename}”含有 DTD/实体定义（正常的表格不会有），可能被恶意构造，已拒绝读取；"
                                  "请把清单复制到新的工作簿中保存后再用")


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when the part's prolog (everything before the root element) declares a DTD."""
    head = b""
    try:
        with archive.open(info) as part:
            while True:
                chunk = part.read(16384)
                if not chunk:
                    break
                head += chunk
                root = _PROLOG_END.search(head)
                if root:
                    head = head[: root.start()]
                    break
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        raise XlsxProblem(f"XLSX 中的“{info.filename}”已损坏，无法解压；请用 Excel/WPS 重新保存") from e
    return bool(_DOCTYPE.search(head))


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
