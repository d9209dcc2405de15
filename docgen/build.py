"""`docgen build DIR... [-o OUTDIR] [--pdf] [--draft] [--template FILE]`.

One application → OUTDIR/申报表.docx (default build/<DIR's name>/); several → build/<name>/
or OUTDIR/<name>/ each, in one process with the template read and compiled once.
Before writing, the rendered document is read back and compared with the sources
(docgen.readback); each difference is a warning. Without --draft a folder with errors is refused: its findings are printed, nothing is
written, exit 1. Outputs are deterministic and replaced atomically; with --pdf the PDF
is made first (in a temporary folder) and both files are put in place only when both
exist, so a failed build leaves the previous files as they were.
"""
from __future__ import annotations

import datetime as _dt
import sys
import tempfile
import zipfile
from pathlib import Path

from . import settings as S
from .findings import Findings
from .model import Application
from .writer import write_error_message

DEFAULT_ROOT = Path("build")


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def load_application(folder: Path, *, draft: bool = False):
    """docgen.pipeline.load_application (imported late: `docgen --help` stays fast)."""
    from .pipeline import load_application as load

    return load(folder, draft=draft)


def build_time(app: Application) -> _dt.datetime:
    """The document's created/modified time: SOURCE_DATE_EPOCH, else the 申报时间, else 1980-01-01."""
    from .writer import source_date_epoch

    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    d = app.get("封面.申报时间", None)
    if isinstance(d, _dt.datetime):
        return d
    if isinstance(d, _dt.date):
        return _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.timezone.utc)
    return _dt.datetime(1980, 1, 1, tzinfo=_dt.timezone.utc)


def output_dirs(folders: list[Path], out: Path | None) -> list[Path]:
    if len(folders) == 1:
        return [out if out is not None else DEFAULT_ROOT / _name(folders[0])]
    root = out if out is not None else DEFAULT_ROOT
    return [root / _name(f) for f in folders]


def _name(folder: Path) -> str:
    return folder.resolve().name or "application"


def _read_template(template: Path | None) -> tuple[bytes, str] | None:
    from .render.engine import default_template_path, template_bytes

    if template is None:
        return template_bytes(None), default_template_path().name
    if not template.is_file():
        _err(f"错误：找不到模板文件 {template}；--template 应给出一个 .docx 文件（可从 templates/{S.TEMPLATE_FILE} 复制后修改）")
        return None
    if not zipfile.is_zipfile(template):
        _err(f"错误：模板 {template} 不是 .docx 文件（Word 2007 及以后的格式）；请在 Word 中“另存为 .docx”后再用")
        return None
    return template_bytes(template), template.name


def _print_findings(findings: Findings) -> None:
    text = findings.format_text()
    if text:
        _err(text)


def run_build(folders, out: Path | None = None, pdf: bool = False, draft: bool = False,
              template: Path | None = None, readback: bool = True) -> int:
    """Build each folder; 0 when all were written, 1 when any was refused or failed, 2 on usage errors."""
    from .render.context import RenderError
    from .render.engine import render_application

    # `docgen build content/*` also names the city's file, which is not an application
    folders = [Path(f) for f in folders if not (Path(f).is_file() and Path(f).name == S.CITY_FILE)]
    if not folders:
        _err("用法错误：请给出至少一个申报文件夹")
        return 2
    if out is not None and out.exists() and not out.is_dir():
        _err(f"用法错误：-o 应是一个文件夹，但 {out} 是文件")
        return 2
    dirs = output_dirs(folders, out)
    seen: dict[Path, Path] = {}
    for f, d in zip(folders, dirs):
        key = d.resolve()
        if key in seen:
            _err(f"用法错误：{seen[key]} 和 {f} 的文件夹名相同，输出会互相覆盖；请改名或分两次生成")
            return 2
        seen[key] = f
    tpl = _read_template(template)
    if tpl is None:
        return 2
    template_data, template_name = tpl

    status = 0
    rendered: list[tuple[Path, bytes]] = []  # (output folder, docx bytes)
    for folder, outdir in zip(folders, dirs):
        app, findings = load_application(folder, draft=draft)
        _print_findings(findings)
        if app is None:
            n = len(findings.errors)
            _err(f"未生成 {folder}：有 {n} 个错误。请按上面的提示修改后重新运行；"
                 "或加 --draft 先生成草稿（缺项以【待填写】标出）。")
            status = 1
            continue
        try:
            data = render_application(app, template_data, draft=draft, when=build_time(app),
                                      template_name=template_name)
        except RenderError as exc:
            _err(f"错误：{exc}")
            _err(f"未生成 {folder}。")
            status = 1
            continue
        if readback and not draft:  # a draft holds a table of contents and 【待填写】 marks
            _read_back(app, data)
        rendered.append((outdir, data))

    if not pdf:
        for outdir, data in rendered:
            path = outdir / S.OUTPUT_DOCX
            if _commit([(path, data)]):
                print(path)
            else:
                status = 1
        return status
    if not rendered:
        return status

    from .pdf import PdfError, convert_to_pdf

    try:
        with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
            tmpdir = Path(tmp)
            sources = []
            for i, (_, data) in enumerate(rendered):
                src = tmpdir / f"{i:04d}.docx"
                src.write_bytes(data)
                sources.append(src)
            try:
                pdfs = convert_to_pdf(sources, tmpdir / "pdf")
            except PdfError as exc:
                _err(str(exc))
                for outdir, _ in rendered:
                    _err(f"未生成 {outdir / S.OUTPUT_DOCX}：PDF 未能生成，原有文件保持不变。")
                return 1
            for (outdir, data), pdf_path in zip(rendered, pdfs):
                docx_out, pdf_out = outdir / S.OUTPUT_DOCX, outdir / S.OUTPUT_PDF
                if _commit([(docx_out, data), (pdf_out, pdf_path)]):  # both, or neither
                    print(docx_out)
                    print(pdf_out)
                else:
                    status = 1
    except OSError as exc:  # the system's temporary folder itself (full, or not writable)
        _err(write_error_message(exc, Path(tempfile.gettempdir())))
        _err("未生成任何文件。")
        return 1
    return status


def _read_back(app: Application, data: bytes) -> None:
    """Warn, before writing, where the document prints something other than what was typed."""
    from .readback import read_back_guarded

    differences = Findings()
    read_back_guarded(app, differences, docx=data)
    _print_findings(differences)


def _commit(files: list[tuple[Path, bytes | Path]]) -> bool:
    """Put one build's files in place together; False (with a Chinese message) when the
    machine does not let us (read-only folder, full disk, -o under a file)."""
    from .writer import commit_together

    try:
        commit_together(files)
    except OSError as exc:
        _err(write_error_message(exc, files[0][0].parent))
        _err(f"未生成 {'、'.join(str(p) for p, _ in files)}。")
        return False
    return True
