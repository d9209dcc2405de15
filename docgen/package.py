"""`docgen package DIR... -o OUTDIR`: the city's submission folder, ready to print and to burn.

The notice asks each city for the 附件1 汇总表 and every 申报表 in three copies (正本1份、副本2份)
plus an electronic copy on disc. The folder holds:

    推荐文件-正本.docx (.pdf), 推荐文件-副本1/2   the city's letter (docgen/letter), marked in the header
    汇总表-正本.docx (.pdf), 汇总表-副本1/2       附件1, marked in the header
    01-<集群名称>/申报表-正本.docx (.pdf)      the cover marked 正本 in its top right corner
                 申报表-副本1.docx (.pdf)      … marked 副本
                 申报表-副本2.docx (.pdf)
                 佐证材料清单.docx (.pdf)       序号, file, what it proves (docgen/evidence_list.py)
                 佐证材料/01-<原文件名>.pdf …   numbered in the order of the 清单 (app.evidence)
    02-<集群名称>/…
    MANIFEST                                  size, SHA-256 and path of every file

Everything is built in a temporary folder next to OUTDIR and renamed at the end: when any
application fails check (or anything else fails) nothing is written, and an existing OUTDIR is
replaced only after success — and only when it is a previous package (it has a MANIFEST) or
empty. All PDFs come from ONE LibreOffice run. The .docx files are deterministic; PDFs are not.
With --iso, the folder is also written as an ISO 9660 disc image (Joliet and Rock Ridge names,
so the Chinese names survive), ready to burn.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import settings
from .city import show
from .disc import DiscError, volume_label, write_iso
from .docbase import TemplateMissing
from .evidence_doc import EVIDENCE_DIR, build_evidence_list
from .evidence_list import evidence_rows, numbered_name
from .model import Application
from .summary import Submission, build_docx, gather

MANIFEST = "MANIFEST"
LETTER_STEM = "推荐文件"
SUMMARY_STEM = "汇总表"
FORM_STEM = "申报表"
EVIDENCE_LIST = "佐证材料清单.docx"


def copy_names(stem: str) -> tuple[str, ...]:
    """正本1份、副本2份: 申报表-正本.docx, 申报表-副本1.docx, 申报表-副本2.docx."""
    return (f"{stem}-{settings.COPY_MARK_ORIGINAL}.docx",) + tuple(
        f"{stem}-{settings.COPY_MARK_COPY}{i}.docx" for i in range(1, settings.COPY_COUNT + 1))


ORIGINAL, *_copies = copy_names(FORM_STEM)
COPIES = tuple(_copies)
SUMMARY_DOCX = copy_names(SUMMARY_STEM)[0]
LETTER_DOCX = copy_names(LETTER_STEM)[0]

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class PackageError(Exception):
    """A problem reported to the user in Chinese (exit code 1)."""


def safe_name(name: str) -> str:
    """A file or folder name that every file system (and a burned disc) accepts."""
    s = _UNSAFE.sub("_", name).strip().strip(".")
    return s or "未命名"


def evidence_name(number: int, width: int, path: str) -> str:
    """佐证材料/01-原文件名.pdf: the 清单 number before the original name (its own leading number dropped)."""
    return safe_name(numbered_name(number, width, path))


def app_folder_name(index: int, app: Application) -> str:
    return f"{index:02d}-{safe_name(str(app.get('封面.集群名称')))}"


def app_when(app: Application) -> _dt.datetime:
    """The documents' created/modified time: the same as `docgen build` uses (申报时间)."""
    from .build import build_time

    return build_time(app)


# --- 正本 / 副本 ---------------------------------------------------------------------------------


def stamp_copy(docx: bytes, mark: str, when: _dt.datetime) -> bytes:
    """The 申报表 with `mark` (正本/副本) in a box in the top right corner of the cover.

    The mark is the first paragraph of the body, right-aligned, 黑体 三号 in a bordered box. It is
    a frame (w:framePr) anchored to the page inside the top margin, so it takes no room from the
    cover: the cover stays on one page. The copy is finished again with the 申报表's properties.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from .docbase import refinish
    from .word import elements

    doc = Document(io.BytesIO(docx))
    para = doc.add_paragraph()
    doc.element.body.insert(0, elements.element(para))  # moved from the end to the top of the cover
    ppr = elements.element(para).get_or_add_pPr()
    frame = elements.get_or_add(ppr, "w:framePr")
    for k, v in (("w:wrap", "around"), ("w:vAnchor", "page"), ("w:hAnchor", "margin"),
                 ("w:xAlign", "right"), ("w:y", str(settings.COPY_MARK_TOP_TW))):
        frame.set(qn(k), v)
    borders = elements.get_or_add(ppr, "w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        _line(elements.get_or_add(borders, f"w:{edge}"), space=2)
    pf = para.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.left_indent = pf.right_indent = pf.first_line_indent = Pt(0)
    # the body style may indent by characters (w:firstLineChars), which wins over w:firstLine
    elements.get_or_add(ppr, "w:ind").set(qn("w:firstLineChars"), "0")
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elements.add_run(para, mark, settings.COPY_MARK_STYLE)
    buf = io.BytesIO()
    doc.save(buf)
    return refinish(buf.getvalue(), docx, when=when)


def _line(border, *, space: int) -> None:
    """A border element (w:top, w:bdr …) as a single black 1 pt line, `space` pt from the text."""
    from docx.oxml.ns import qn

    for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", str(space)), ("w:color", "000000")):
        border.set(qn(k), v)


# --- 佐证材料清单 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    number: int
    name: str  # the numbered name in 佐证材料/
    source: str  # the path in the application folder
    statement: str  # what it proves (docgen/evidence_list.py)


def evidence_items(app: Application) -> list[EvidenceItem]:
    return [EvidenceItem(row.number, safe_name(row.file), use.path, row.statement)
            for row, use in zip(evidence_rows(app), app.evidence)]


# --- 推荐文件 and 汇总表 copies -------------------------------------------------------------------


def mark_copy(docx: bytes, mark: str) -> bytes:
    """The document with `mark` (正本/副本) boxed at the right of its page header, every page;
    finished again with the document's own properties."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .docbase import refinish
    from .word import elements

    doc = Document(io.BytesIO(docx))
    section = doc.sections[-1]
    headers = [section.header]
    if doc.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    for header in headers:
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = elements.add_run(p, mark, settings.COPY_MARK_STYLE)
        _line(elements.get_or_add(run.element.get_or_add_rPr(), "w:bdr"), space=1)
    buf = io.BytesIO()
    doc.save(buf)
    return refinish(buf.getvalue(), docx)


def write_copies(folder: Path, stem: str, docx: bytes) -> list[Path]:
    """正本 and 副本 of a document that carries no mark of its own; the paths written."""
    written = []
    for i, name in enumerate(copy_names(stem)):
        mark = settings.COPY_MARK_ORIGINAL if i == 0 else settings.COPY_MARK_COPY
        (folder / name).write_bytes(mark_copy(docx, mark))
        written.append(folder / name)
    return written


# --- the renderer ----------------------------------------------------------------------------


def renderer() -> Callable[[Application], bytes]:
    """The renderer's public function, bound to the built-in template: Application → .docx bytes."""
    from .build import build_time
    from .render.context import RenderError
    from .render.engine import render_application, template_bytes

    template = template_bytes(None)  # read (and compiled) once for every application

    def render(app: Application) -> bytes:
        try:
            return render_application(app, template, when=build_time(app))
        except RenderError as exc:
            raise PackageError(f"{app.get('封面.集群名称')}：{exc}") from exc

    return render


# --- the package -------------------------------------------------------------------------------


def manifest_text(root: Path, sub: Submission) -> str:
    files = sorted(
        (p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    lines = [
        f"# {settings.SUMMARY_TITLE.replace('推荐汇总表', '推荐材料')}：{sub.city.department}",
        f"# 集群 {len(sub.apps)} 个，文件 {len(files)} 个（不含本文件）",
        "# 每行：字节数  SHA-256  相对路径（按路径排序）；核对：sha256sum 或 certutil -hashfile <文件> SHA256",
    ]
    for p in files:
        with open(p, "rb") as fh:  # streamed: an evidence file may be hundreds of MB
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        lines.append(f"{p.stat().st_size}  {digest}  {p.relative_to(root).as_posix()}")
    return "\n".join(lines) + "\n"


def parse_manifest(text: str) -> list[tuple[int, str, str]]:
    """(size, sha256, path) of each line: what tests and checkers read back."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        size, sha, path = line.split("  ", 2)
        out.append((int(size), sha, path))
    return out


def _check_out(out: Path, sub: Submission) -> None:
    if out.exists() and not out.is_dir():
        raise PackageError(f"{show(out)} 已存在且不是文件夹；请换一个输出文件夹")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise PackageError(
            f"{show(out)} 已存在且不是 docgen 生成的报送材料文件夹（其中没有 MANIFEST），为免覆盖其他文件不予替换；"
            f"请换一个输出文件夹，或先把它移走"
        )
    rout = out.resolve()
    for app in sub.apps:
        rapp = app.folder.resolve()
        if rout == rapp or rout in rapp.parents or rapp in rout.parents:
            raise PackageError(f"输出文件夹 {show(out)} 不能是申报文件夹 {show(app.folder)}，也不能在其中或包含它")


@contextmanager
def _progress() -> Iterator[object]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as progress:
        yield progress


def write_documents(tmp: Path, sub: Submission, render: Callable[[Application], bytes], progress) -> list[Path]:
    """Every .docx of the package and the evidence files, in `tmp`; the .docx paths, each to
    become a PDF. `progress`: a rich Progress (Progress(disable=True) shows nothing)."""
    from .letter import letter_docx

    to_pdf: list[Path] = write_copies(tmp, LETTER_STEM, letter_docx(sub))
    to_pdf += write_copies(tmp, SUMMARY_STEM, build_docx(sub))
    n_files = sum(len(a.evidence) for a in sub.apps)
    task = progress.add_task("生成申报表正本、副本", total=len(sub.apps))
    copying = progress.add_task(f"复制佐证材料（{n_files} 个文件）", total=n_files)
    for i, app in enumerate(sub.apps, 1):
        folder = tmp / app_folder_name(i, app)
        folder.mkdir()
        when = app_when(app)
        docx = render(app)
        (folder / ORIGINAL).write_bytes(stamp_copy(docx, settings.COPY_MARK_ORIGINAL, when))
        to_pdf.append(folder / ORIGINAL)
        copy = stamp_copy(docx, settings.COPY_MARK_COPY, when)
        for name in COPIES:
            (folder / name).write_bytes(copy)
            to_pdf.append(folder / name)
        items = evidence_items(app)
        (folder / EVIDENCE_LIST).write_bytes(build_evidence_list(app, items))
        to_pdf.append(folder / EVIDENCE_LIST)
        if items:
            (folder / EVIDENCE_DIR).mkdir()
        for item in items:
            shutil.copyfile(app.folder / item.source, folder / EVIDENCE_DIR / item.name)
            progress.advance(copying)
        progress.advance(task)
    return to_pdf


def _build(tmp: Path, sub: Submission, render: Callable[[Application], bytes], progress) -> None:
    from .pdf import PdfError, convert_to_pdf

    to_pdf = write_documents(tmp, sub, render, progress)
    # ONE LibreOffice run for every PDF; names are made unique in a staging folder first
    # (every cluster has a 申报表-正本.docx), then each PDF goes next to its .docx.
    stage = tmp / ".pdf"
    stage_in, stage_out = stage / "in", stage / "out"
    stage_in.mkdir(parents=True)
    stage_out.mkdir()
    staged = []
    for k, src in enumerate(to_pdf):
        dst = stage_in / f"{k:03d}.docx"
        shutil.copyfile(src, dst)
        staged.append(dst)
    task = progress.add_task(f"转换 PDF（LibreOffice，{len(staged)} 个文件）", total=None)
    try:
        # absolute paths: soffice runs in its own working folder
        pdfs = convert_to_pdf([p.resolve() for p in staged], stage_out.resolve(), timeout=settings.SOFFICE_TIMEOUT_S + 20 * len(staged))
    except PdfError as exc:
        raise PackageError(str(exc).removeprefix("错误：")) from exc
    progress.update(task, total=len(staged), completed=len(staged))
    for src, pdf in zip(to_pdf, pdfs):  # convert_to_pdf returns the PDFs in input order
        if not Path(pdf).is_file():
            raise PackageError(f"LibreOffice 没有生成 {src.relative_to(tmp).as_posix()} 的 PDF")
        shutil.move(str(pdf), src.with_suffix(".pdf"))
    shutil.rmtree(stage)
    (tmp / MANIFEST).write_text(manifest_text(tmp, sub), encoding="utf-8", newline="\n")


def _swap(tmp: Path, out: Path) -> None:
    """Put the finished folder in place; the previous one is removed only after that."""
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _check_iso(iso: Path, out: Path) -> None:
    if iso.suffix.lower() != ".iso":
        raise PackageError(f"光盘映像文件应以 .iso 结尾：{show(iso)}")
    if iso.is_dir():
        raise PackageError(f"{show(iso)} 是一个文件夹；--iso 请给出 .iso 文件名")
    rout, riso = out.resolve(), iso.resolve()
    if rout in riso.parents:
        raise PackageError(f"光盘映像 {show(iso)} 不能放在报送材料文件夹 {show(out)} 之中")


def run_package(folders: list[Path], *, out: Path, city: Path | None = None, iso: Path | None = None) -> int:
    from .letter import require_keys

    sub, code = gather(list(folders), city)
    if sub is not None and not require_keys(sub):
        sub, code = None, 1
    if sub is None:
        print("未生成报送材料。", file=sys.stderr)
        return code
    for note in sub.notes:
        print(note, file=sys.stderr)
    out = Path(out)
    tmp: Path | None = None
    iso_tmp: Path | None = None
    try:
        _check_out(out, sub)
        if iso is not None:
            _check_iso(Path(iso), out)
        render = renderer()
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        with _progress() as progress:
            _build(tmp, sub, render, progress)
            if iso is not None:
                task = progress.add_task(f"写光盘映像 {show(Path(iso))}", total=None)
                Path(iso).parent.mkdir(parents=True, exist_ok=True)
                iso_tmp = Path(iso).parent / f".{Path(iso).name}.tmp-{os.getpid()}"
                write_iso(tmp, iso_tmp, volume_label(sub))
                progress.update(task, total=1, completed=1)
        _swap(tmp, out)
        tmp = None
        if iso_tmp is not None:
            os.replace(iso_tmp, iso)
            iso_tmp = None
    except (PackageError, DiscError, TemplateMissing) as e:
        print(f"错误：{e}\n未生成报送材料。", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"错误：无法写入报送材料（{e}）\n未生成报送材料。", file=sys.stderr)
        return 1
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if iso_tmp is not None and iso_tmp.exists():
            iso_tmp.unlink()
    n = len(parse_manifest((out / MANIFEST).read_text(encoding="utf-8")))
    print(f"已生成报送材料：{show(out)}（{len(sub.apps)} 个集群，{n} 个文件，见 {show(out / MANIFEST)}）", file=sys.stderr)
    if iso is not None:
        print(f"已生成光盘映像：{show(Path(iso))}（卷标“{volume_label(sub)}”，可直接刻录）", file=sys.stderr)
    return 0
