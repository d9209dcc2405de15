"""The command line: `docgen init|check|build|count|summary|package|schema`.

Each command is a thin shell over a module that does the work; exit codes:
0 fine, 1 findings with errors (or over a limit), 2 usage error.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="山东省特色产业集群申报表生成工具（docgen）",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("init")
def init_cmd(folder: Path = typer.Argument(..., help="新建的申报文件夹")) -> None:
    """新建申报文件夹：cluster.yaml（全部栏目及填报说明）、plan.md 提纲、evidence/。"""
    from docgen.scaffold import run_init

    raise typer.Exit(run_init(folder))


@app.command("check")
def check_cmd(
    folders: List[Path] = typer.Argument(..., help="一个或多个申报文件夹"),
    strict: bool = typer.Option(False, "--strict", help="警告也按错误处理"),
    fmt: str = typer.Option("text", "--format", help="输出格式：text 或 json"),
) -> None:
    """检查申报文件夹，一次列出全部问题。"""
    from docgen.checkcmd import run_check

    if fmt not in ("text", "json"):
        typer.echo("错误：--format 只能是 text 或 json", err=True)
        raise typer.Exit(2)
    raise typer.Exit(run_check(folders, strict=strict, fmt=fmt))


@app.command("build")
def build_cmd(
    folders: List[Path] = typer.Argument(..., help="申报文件夹（可多个）"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件夹（默认 build/<文件夹名>/）"),
    pdf: bool = typer.Option(False, "--pdf", help="同时生成 PDF（需要 LibreOffice）"),
    draft: bool = typer.Option(False, "--draft", help="草稿：允许未填完，缺项以【待填写】标出"),
    template: Optional[Path] = typer.Option(None, "--template", help="自定义 .docx 模板"),
) -> None:
    """生成 申报表.docx（及 PDF）。"""
    from docgen.build import run_build

    raise typer.Exit(run_build(folders, out=out, pdf=pdf, draft=draft, template=template))


@app.command("count")
def count_cmd(
    target: Path = typer.Argument(..., help="Markdown 文件或申报文件夹"),
    fmt: str = typer.Option("text", "--format", help="输出格式：text 或 json"),
) -> None:
    """按 Word 规则统计字数和字符数（不计空格），并对照字数限制。"""
    from docgen.plan.countcmd import run_count

    if fmt not in ("text", "json"):
        typer.echo("错误：--format 只能是 text 或 json", err=True)
        raise typer.Exit(2)
    raise typer.Exit(run_count(target, fmt=fmt))


@app.command("summary")
def summary_cmd(
    folders: List[Path] = typer.Argument(..., help="同一市的申报文件夹（按推荐顺序）"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出 .docx 文件"),
    xlsx: bool = typer.Option(False, "--xlsx", help="同时输出 .xlsx 表格"),
    city: Optional[Path] = typer.Option(None, "--city", help="市级信息文件 city.yaml"),
) -> None:
    """生成附件1 推荐汇总表。"""
    from docgen.summary import run_summary

    raise typer.Exit(run_summary(folders, out=out, xlsx=xlsx, city=city))


@app.command("package")
def package_cmd(
    folders: List[Path] = typer.Argument(..., help="同一市的申报文件夹（按推荐顺序）"),
    out: Path = typer.Option(..., "-o", "--output", help="报送材料输出文件夹"),
    city: Optional[Path] = typer.Option(None, "--city", help="市级信息文件 city.yaml"),
) -> None:
    """生成完整报送材料文件夹（汇总表、正副本、佐证材料、MANIFEST）。"""
    from docgen.package import run_package

    raise typer.Exit(run_package(folders, out=out, city=city))


@app.command("schema")
def schema_cmd() -> None:
    """输出 cluster.yaml 的 JSON Schema（draft 2020-12）。"""
    from docgen.schema import schema_json

    typer.echo(schema_json())


def main() -> None:
    try:
        rc = app(standalone_mode=False)  # returns the Exit code instead of raising it
        sys.exit(rc if isinstance(rc, int) else 0)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("已中止。", err=True)
        sys.exit(130)
    except Exception as e:  # click's errors (typer vendors its own copy of click)
        kinds = {c.__name__ for c in type(e).__mro__}
        if "UsageError" in kinds:
            typer.echo(f"用法错误：{_usage_message(e)}\n运行 docgen --help 或 docgen 命令 --help 查看用法。", err=True)
            sys.exit(2)
        if "ClickException" in kinds:
            typer.echo(f"错误：{e.format_message()}", err=True)
            sys.exit(getattr(e, "exit_code", 1))
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        typer.echo(
            f"docgen 内部错误：{type(e).__name__}: {e}\n"
            "这是 docgen 的缺陷，不是您的输入问题。请设置环境变量 DOCGEN_DEBUG=1 重新运行，把完整输出报告给维护者。",
            err=True,
        )
        sys.exit(3)


_USAGE_WORDS = [
    ("Missing parameter", "缺少参数"),
    ("Missing argument", "缺少参数"),
    ("Missing option", "缺少选项"),
    ("No such option", "没有这个选项"),
    ("No such command", "没有这个命令"),
    ("Got unexpected extra argument", "多余的参数"),
    ("Invalid value for", "参数值无效："),
    ("requires an argument", "需要一个值"),
]


def _usage_message(e: Exception) -> str:
    msg = e.format_message() if hasattr(e, "format_message") else str(e)
    for en, zh in _USAGE_WORDS:
        msg = msg.replace(en, zh)
    return msg
