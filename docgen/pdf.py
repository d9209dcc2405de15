"""PDF through LibreOffice (headless), with the official font names mapped onto free CJK faces.

- One soffice run converts many files (the city package step converts every 申报表 at once).
- Each run has its own LibreOffice profile in a TemporaryDirectory, so parallel builds never
  share (or wait on) a profile, and a timeout ends a hung soffice with its whole process group.
- FONTCONFIG_FILE points soffice at docgen/resources/fonts.conf: it maps 宋体/黑体/楷体/仿宋/
  方正小标宋简体 onto Noto Serif CJK SC / Noto Sans CJK SC / AR PL UKai CN / AR PL UMing CN
  (settings.FONT_SUBSTITUTES), then includes the system configuration, so Chinese text is
  set in a face of the right family and never falls back to boxes.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from . import settings as S

INSTALL_COMMAND = "apt-get install libreoffice-writer fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming"
FONTS_CONF = Path(__file__).resolve().parent / "resources" / "fonts.conf"
SYSTEM_FONTS_CONF = "/etc/fonts/fonts.conf"
# Latin text is Times New Roman in the document; prefer its metric twins when installed.
LATIN_SERIF = ("Liberation Serif", "Tinos", "Noto Serif CJK SC")


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to do (Chinese)."""


def find_soffice() -> str | None:
    """The LibreOffice program: $DOCGEN_SOFFICE, else soffice / libreoffice on PATH."""
    explicit = os.environ.get("DOCGEN_SOFFICE")
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_soffice_message() -> str:
    return (
        "错误：生成 PDF 需要 LibreOffice，但找不到 soffice 命令。\n"
        f"请先安装 LibreOffice 和中文字体：sudo {INSTALL_COMMAND}\n"
        "（Windows / macOS 请从 LibreOffice 官网安装，并确认 soffice 在 PATH 中；也可去掉 --pdf 只生成 .docx）"
    )


def missing_cjk_fonts_message() -> str | None:
    """A Chinese message when fontconfig knows no Chinese font (the PDF would show boxes), else None.

    Only where fontconfig exists (Linux); elsewhere LibreOffice uses the system's own fonts.
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    if out.strip():
        return None
    return (
        "错误：系统中没有中文字体，LibreOffice 生成的 PDF 中文字会显示为方框或错误的字体。\n"
        f"请先安装中文字体：sudo {INSTALL_COMMAND}\n"
        "（.docx 不受影响：在 Word/WPS 中打开时使用电脑上的宋体、黑体、仿宋等字体；可去掉 --pdf 只生成 .docx）"
    )


def fonts_conf_xml() -> str:
    """fontconfig rules for the PDF preview, from settings.FONT_SUBSTITUTES (+ the system config)."""
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<!-- Written by docgen (docgen/pdf.py, fonts_conf_xml) from docgen/settings.py; do not edit by hand.",
        "     The official font names of the document, mapped onto free CJK faces for the LibreOffice PDF. -->",
        "<fontconfig>",
    ]
    subs = {**S.FONT_SUBSTITUTES, **S.EXTRA_FONT_SUBSTITUTES}
    for name, face in subs.items():
        lines += [
            '  <match target="pattern">',
            f'    <test qual="any" name="family"><string>{escape(name)}</string></test>',
            f'    <edit name="family" mode="assign" binding="strong"><string>{escape(face)}</string></edit>',
            "  </match>",
        ]
    lines += [
        "  <alias binding=\"same\">",
        "    <family>Times New Roman</family>",
        "    <prefer>" + "".join(f"<family>{escape(f)}</family>" for f in LATIN_SERIF) + "</prefer>",
        "  </alias>",
        f'  <include ignore_missing="yes">{SYSTEM_FONTS_CONF}</include>',
        "</fontconfig>",
        "",
    ]
    return "\n".join(lines)


def soffice_env(profile_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env.setdefault("HOME", str(profile_dir))
    env.pop("SAL_USE_VCLPLUGIN", None)
    return env


def convert_to_pdf(docx_paths: list[Path], outdir: Path, timeout: float = S.SOFFICE_TIMEOUT_S) -> list[Path]:
    """Convert every .docx to outdir/<stem>.pdf in ONE soffice run; the PDFs, in input order.

    The stems must differ (LibreOffice names each PDF after its input). Raises PdfError
    with a Chinese message when soffice is missing, times out or produces no file.
    """
    docx_paths = [Path(p) for p in docx_paths]
    if not docx_paths:
        return []
    stems = [p.stem for p in docx_paths]
    if len(set(stems)) != len(stems):
        raise ValueError("convert_to_pdf: 输入文件名（不含扩展名）必须互不相同")
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(missing_soffice_message())
    no_fonts = missing_cjk_fonts_message()
    if no_fonts:
        raise PdfError(no_fonts)
    outdir = Path(outdir).resolve()  # soffice runs in its profile folder: a relative --outdir would land there
    outdir.mkdir(parents=True, exist_ok=True)
    expected = [outdir / f"{s}.pdf" for s in stems]
    for p in expected:  # never mistake an old PDF for a new one
        if p.exists():
            p.unlink()
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as profile:
        profile_dir = Path(profile)
        cmd = [
            soffice,
            f"-env:UserInstallation={profile_dir.as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(outdir),
            *[str(p.resolve()) for p in docx_paths],
        ]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=soffice_env(profile_dir), start_new_session=True, cwd=profile)
        except OSError as exc:
            raise PdfError(f"错误：无法启动 LibreOffice（{soffice}）：{exc}\n{missing_soffice_message()}") from exc
        try:
            with _terminate_as_interrupt():
                out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise PdfError(
                f"错误：LibreOffice 转换 PDF 超过 {int(timeout)} 秒仍未完成，已终止。"
                "请关闭正在运行的 LibreOffice 后重试，或去掉 --pdf 只生成 .docx。"
            ) from None
        except BaseException:  # Ctrl-C, a closed window: LibreOffice must not outlive us
            _kill_group(proc)
            raise
    missing = [p for p in expected if not p.is_file() or p.stat().st_size == 0]
    if proc.returncode != 0 or missing:
        tail = (err or out or b"").decode("utf-8", "replace").strip().splitlines()[-5:]
        names = "、".join(p.name for p in missing) or "（无）"
        raise PdfError(
            f"错误：LibreOffice 未能生成 PDF（退出码 {proc.returncode}，缺少：{names}）。"
            + ("\nLibreOffice 输出：" + " / ".join(tail) if tail else "")
        )
    return expected


@contextlib.contextmanager
def _terminate_as_interrupt():
    """While LibreOffice runs, SIGTERM and SIGHUP (a closed terminal) raise KeyboardInterrupt like
    Ctrl-C does, so its process group is ended and the temporary folders are removed on the way out.
    (soffice runs in its own session: Ctrl-C in the terminal reaches only docgen.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = {}
    for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if sig is not None:
            previous[sig] = signal.signal(sig, interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def write_fonts_conf() -> Path:
    """Regenerate docgen/resources/fonts.conf from settings (python -m docgen.pdf)."""
    from .writer import write_atomic

    write_atomic(FONTS_CONF, fonts_conf_xml().encode("utf-8"))
    return FONTS_CONF


if __name__ == "__main__":
    print(write_fonts_conf())
