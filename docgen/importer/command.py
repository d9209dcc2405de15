"""`docgen import 申报表.docx -o 文件夹`: the report on stdout, one Chinese line on failure (exit 1)."""
from __future__ import annotations

import sys
from pathlib import Path

from . import FormReadError, import_docx


def run_import(source: Path, out: Path | None) -> int:
    source = Path(source)
    dest = Path(out) if out is not None else source.with_suffix("")
    if dest.exists() and not dest.is_dir():
        print(f"错误：{dest.as_posix()} 已存在，但它是文件而不是文件夹；请用 -o 换一个文件夹名", file=sys.stderr)
        return 1
    try:
        report = import_docx(source, dest)
    except FormReadError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except OSError as e:
        from ..writer import write_error_message

        print(write_error_message(e, dest), file=sys.stderr)
        return 1
    print(report.format_text())
    shown = dest.as_posix()
    print(f"\n下一步：补齐佐证材料和上面列出的栏目后，运行 docgen check {shown}。")
    return 0
