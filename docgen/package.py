"""`docgen package DIR... -o OUTDIR`: the city's submission folder, ready to print and to burn.

The notice asks each city for the 附件1 汇总表 and every 申报表 in three copies (正本1份、副本2份)
plus an electronic copy on disc. The folder holds:

    汇总表.docx, 汇总表.pdf
    01-<集群名称>/申报表-正本.docx (.pdf)      the cover marked 正本 in its top right corner
                 申报表-副本1.docx (.pdf)      … marked 副本
                 申报表-副本2.docx (.pdf)
                 佐证材料清单.docx             序号, file, what it proves
                 佐证材料/01-<原文件名>.pdf …   numbered in the order of the 清单 (app.evidence)
    02-<集群名称>/…
    MANIFEST                                  size, SHA-256 and path of every file

Everything is built in a temporary folder next to OUTDIR and renamed at the end: when any
application fails check (or anything else fails) nothing is written, and an existing OUTDIR is
replaced only after success — and only when it is a previous package (it has a MANIFEST) or
empty. All PDFs come from ONE LibreOffice run. The .docx files are deterministic; PDFs are not.
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
from .model import Application
from .summary import Submission, build_docx, gather

MANIFEST = "MANIFEST"
SUMMARY_DOCX = "汇总表.docx"
ORIGINAL = "申报表-正本.docx"
COPIES = tuple(f"申报表-副本{i}.docx" for i in range(1, settings.COPY_COUNT + 1))
EVIDENCE_DIR = "佐证材料"
EVIDENCE_LIST = "佐证材料清单.docx"

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_OLD_NUMBER = re.compile(r"^\d{1,3}[-_.、 ]+")


class PackageError(Exception):
    """A problem reported to the user in Chinese (exit code 1)."""


def safe_name(name: str) -> str:
    """A file or folder name that every file system (and a burned disc) accepts."""
    s = _UNSAFE.sub("_", name).strip().strip(".")
    return s or "未命名"


def evidence_name(number: int, width: int, path: str) -> str:
    """佐证材料/01-原文件名.pdf: the 清单 number before the original name (its own leading number dropped)."""
    base = Path(path).name
    stem = _OLD_NUMBER.sub("", base) or base
    return f"{number:0{width}d}-{safe_name(stem)}"


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
    cover: the cover stays on one page.
    """
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from . import ooxml
    from .writer import deterministic_docx

    doc = Document(io.BytesIO(docx))
    body = doc.element.body
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    frame = OxmlElement("w:framePr")
    for k, v in (("w:wrap", "around"), ("w:vAnchor", "page"), ("w:hAnchor", "margin"),
                 ("w:xAlign", "right"), ("w:y", str(settings.COPY_MARK_TOP_TW))):
        frame.set(qn(k), v)
    ppr.append(frame)
    bdr = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:space"), "2")
        el.set(qn("w:color"), "000000")
        bdr.append(el)
    ppr.append(bdr)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:right"), "0")
    ind.set(qn("w:firstLine"), "0")
    ppr.append(ind)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "right")
    ppr.append(jc)
    p.append(ppr)
    body.insert(0, p)
    from docx.text.paragraph import Paragraph

    para = Paragraph(p, doc._body)
    ooxml.add_run(para, mark, settings.COPY_MARK_STYLE)
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic_docx(buf.getvalue(), when)


# --- 佐证材料清单 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    number: int
    name: str  # the numbered name in 佐证材料/
    source: str  # the path in the application folder
    proves: tuple[str, ...]


def evidence_items(app: Application) -> list[EvidenceItem]:
    width = max(2, len(str(len(app.evidence))))
    items = []
    for n, use in enumerate(app.evidence, 1):
        items.append(EvidenceItem(n, evidence_name(n, width, use.path), use.path, tuple(use.proves)))
    return items


def summarize_proves(proves: tuple[str, ...], keep: int = 3) -> list[str]:
    """What a file proves, one line per form item; long lists (patents, standards) shortened."""
    groups: dict[str, list[str]] = {}
    for label in proves:
        head, sep, tail = label.partition("：")
        groups.setdefault(head if sep else label, []).append(tail if sep else "")
    lines = []
    for head, tails in groups.items():
        tails = [t for t in tails if t]
        if not tails:
            lines.append(head)
        elif len(tails) <= keep:
            lines.append(f"{head}：{'；'.join(tails)}")
        else:
            lines.append(f"{head}：{'；'.join(tails[:keep])}等{len(tails)}项")
    return lines


def build_evidence_list(app: Application, items: list[EvidenceItem]) -> bytes:
    """佐证材料清单.docx: 序号 | 文件 | 证明内容, A4 portrait, deterministic."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, Twips

    from . import ooxml
    from .summary import _east_asian_defaults, _finish_docx, fixed_widths

    doc = Document()
    _east_asian_defaults(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Twips(settings.PAGE_WIDTH_TW), Twips(settings.PAGE_HEIGHT_TW)
    sec.top_margin, sec.bottom_margin = Twips(settings.MARGIN_TOP_TW), Twips(settings.MARGIN_BOTTOM_TW)
    sec.left_margin, sec.right_margin = Twips(settings.MARGIN_LEFT_TW), Twips(settings.MARGIN_RIGHT_TW)

    def para(text: str, role: tuple, align=None, after: float = 0):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(after)
        if align is not None:
            p.alignment = align
        ooxml.add_run(p, text, role)
        return p

    para("佐证材料清单", settings.APPENDIX_TITLE, WD_ALIGN_PARAGRAPH.CENTER, 6)
    para(str(app.get("封面.集群名称")), settings.HEADING_2, WD_ALIGN_PARAGRAPH.CENTER, 12)
    total = settings.PAGE_WIDTH_TW - settings.MARGIN_LEFT_TW - settings.MARGIN_RIGHT_TW
    widths = [800, 3200]
    widths.append(total - sum(widths))
    headers = ("序号", f"文件（{EVIDENCE_DIR}/）", "证明内容")
    table = doc.add_table(rows=1 + max(1, len(items)), cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.set_table_borders(table)
    fixed_widths(table, widths)
    rows = table.rows
    ooxml.set_repeat_header(rows[0])

    def fill(cell, lines: list[str], role: tuple, w: int, align) -> None:
        ooxml.set_cell_width(cell, w)
        ooxml.set_cell_valign(cell, "center")
        for i, line in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.alignment = align
            p.paragraph_format.space_after = Pt(0)
            ooxml.add_run(p, line, role)

    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    for cell, text, w in zip(rows[0].cells, headers, widths):
        fill(cell, [text], settings.APPENDIX_TABLE_HEADER, w, center)
    if not items:
        for cell, w in zip(rows[1].cells, widths):
            fill(cell, ["无"], settings.APPENDIX_TABLE_TEXT, w, center)
    for row, item in zip(rows[1:], items):
        ooxml.set_cant_split(row)
        c = row.cells
        fill(c[0], [str(item.number)], settings.APPENDIX_TABLE_TEXT, widths[0], center)
        fill(c[1], [item.name], settings.APPENDIX_TABLE_TEXT, widths[1], left)
        fill(c[2], summarize_proves(item.proves), settings.APPENDIX_TABLE_TEXT, widths[2], left)
    buf = io.BytesIO()
    doc.save(buf)
    return _finish_docx(buf.getvalue(), app_when(app))


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


def _build(tmp: Path, sub: Submission, render: Callable[[Application], bytes], progress) -> None:
    from .pdf import PdfError, convert_to_pdf

    (tmp / SUMMARY_DOCX).write_bytes(build_docx(sub))
    to_pdf: list[Path] = [tmp / SUMMARY_DOCX]
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
        if items:
            (folder / EVIDENCE_DIR).mkdir()
        for item in items:
            shutil.copyfile(app.folder / item.source, folder / EVIDENCE_DIR / item.name)
            progress.advance(copying)
        progress.advance(task)

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


def run_package(folders: list[Path], *, out: Path, city: Path | None = None) -> int:
    sub, code = gather(list(folders), city)
    if sub is None:
        print("未生成报送材料。", file=sys.stderr)
        return code
    for note in sub.notes:
        print(note, file=sys.stderr)
    out = Path(out)
    tmp: Path | None = None
    try:
        _check_out(out, sub)
        render = renderer()
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        with _progress() as progress:
            _build(tmp, sub, render, progress)
        _swap(tmp, out)
        tmp = None
    except PackageError as e:
        print(f"错误：{e}\n未生成报送材料。", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"错误：无法写入报送材料（{e}）\n未生成报送材料。", file=sys.stderr)
        return 1
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    n = len(parse_manifest((out / MANIFEST).read_text(encoding="utf-8")))
    print(f"已生成报送材料：{show(out)}（{len(sub.apps)} 个集群，{n} 个文件，见 {show(out / MANIFEST)}）", file=sys.stderr)
    return 0
