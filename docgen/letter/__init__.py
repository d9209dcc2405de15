"""`docgen letter DIR... [-o 推荐文件.docx] [--pdf]`: the city's 正式推荐文件 (GB/T 9704-2012).

The words come from city.yaml (docs/city.md) and the applications, checked as for `summary`;
docgen/letter/content.py derives them, docgen/letter/docx.py lays them out. `docgen package`
writes the same letter in 正本 + 2 副本.
"""
from __future__ import annotations

import datetime as _dt
import sys
import tempfile
from pathlib import Path

from ..city import require_letter_keys, show
from ..findings import Findings
from ..summary import Submission, gather
from .content import Attachment, Letter, attachments, letter_for

DEFAULT_OUT = Path("build") / "推荐文件.docx"

__all__ = ["Attachment", "Letter", "attachments", "letter_for", "letter_docx", "require_keys", "run_letter"]


def require_keys(sub: Submission, err=None) -> bool:
    """The city's letter keys are present; prints located errors when not."""
    findings = Findings()
    if require_letter_keys(sub.city, findings):
        return True
    print(findings.format_text(), file=err or sys.stderr)
    print(f"未生成：{len(findings.errors)} 个错误（请在 {sub.city.file} 中补写，格式见 docs/city.md）。",
          file=err or sys.stderr)
    return False


def letter_when(sub: Submission) -> _dt.datetime:
    """The document's date: SOURCE_DATE_EPOCH, else the 成文日期."""
    from ..writer import source_date_epoch

    d = sub.city.letter.date
    return source_date_epoch() or _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.UTC)


def letter_docx(sub: Submission) -> bytes:
    from .docx import build_letter

    return build_letter(letter_for(sub), when=letter_when(sub), author=sub.city.department)


def run_letter(folders: list[Path], *, out: Path | None = None, pdf: bool = False, city: Path | None = None) -> int:
    from ..writer import commit_together, docx_target, write_atomic, write_error_message

    try:
        target = docx_target(out, DEFAULT_OUT)
    except ValueError as e:
        print(f"用法错误：{e}", file=sys.stderr)
        return 2
    sub, code = gather(list(folders), city)
    if sub is None:
        return code
    if not require_keys(sub):
        return 1
    from ..docbase import TemplateMissing

    try:
        data = letter_docx(sub)  # (the 汇总表's drafted-简介 notes do not concern the letter)
    except TemplateMissing as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    written = [target]
    try:
        if pdf:
            from ..pdf import PdfError, convert_to_pdf

            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / target.name
                src.write_bytes(data)
                try:
                    (made,) = convert_to_pdf([src], Path(tmp) / "pdf")
                except PdfError as e:
                    print(str(e), file=sys.stderr)
                    return 1
                pdf_bytes = Path(made).read_bytes()
            commit_together([(target, data), (target.with_suffix(".pdf"), pdf_bytes)])  # both or neither
            written.append(target.with_suffix(".pdf"))
        else:
            write_atomic(target, data)
    except OSError as e:
        print(write_error_message(e, target), file=sys.stderr)
        return 1
    print(f"已生成推荐文件（{len(sub.rows)} 个集群）：{'、'.join(show(p) for p in written)}", file=sys.stderr)
    return 0
