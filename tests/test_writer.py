"""docgen.writer: reproducible zips, fixed core properties, atomic replacement."""
from __future__ import annotations

import datetime as dt
import errno
import io
import os
import zipfile
from pathlib import Path

import pytest

from docgen import writer


def _zip(entries: list[tuple[str, bytes]], date=(2023, 5, 6, 7, 8, 10)) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=date), data)
    return buf.getvalue()


CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<dc:creator>someone</dc:creator><cp:revision>7</cp:revision>"
    b'<dcterms:modified xsi:type="dcterms:W3CDTF">2031-01-01T10:00:00Z</dcterms:modified>'
    b"<cp:lastPrinted>2020-01-01T00:00:00Z</cp:lastPrinted></cp:coreProperties>"
)
WHEN = dt.datetime(2024, 4, 20, tzinfo=dt.timezone.utc)


def test_same_content_same_bytes_whatever_the_zip_metadata(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = _zip([("word/document.xml", b"<d/>"), ("[Content_Types].xml", b"<t/>"), ("docProps/core.xml", CORE)])
    b = _zip([("docProps/core.xml", CORE), ("[Content_Types].xml", b"<t/>"), ("word/document.xml", b"<d/>")],
             date=(2030, 1, 1, 0, 0, 0))
    out_a, out_b = writer.deterministic_docx(a, WHEN), writer.deterministic_docx(b, WHEN)
    assert out_a == out_b
    with zipfile.ZipFile(io.BytesIO(out_a)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["[Content_Types].xml", "docProps/core.xml", "word/document.xml"]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        core = z.read("docProps/core.xml").decode()
    assert "<dc:creator>docgen</dc:creator>" in core
    assert "<cp:revision>1</cp:revision>" in core
    assert "2024-04-20T00:00:00Z" in core and "2031" not in core
    assert "lastPrinted" not in core


def test_source_date_epoch_dates_the_entries(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1713571200")  # 2024-04-20 00:00:00 UTC
    out = writer.deterministic_docx(_zip([("a.xml", b"<a/>")]), WHEN)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.infolist()[0].date_time == (2024, 4, 20, 0, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    out = writer.deterministic_docx(_zip([("a.xml", b"<a/>")]), WHEN)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path):
    target = tmp_path / "out" / "申报表.docx"
    writer.write_atomic(target, b"first")
    writer.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["申报表.docx"]
    mode = target.stat().st_mode & 0o777
    assert mode & 0o600 == 0o600


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "申报表.docx"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        writer.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["申报表.docx"]


# -- docx and PDF of one build: together or neither; the machine's refusals in Chinese ---------
def _fail_fsync_on(call: int, err: int, monkeypatch) -> None:
    """os.fsync raises `err` on its `call`-th use (1-based), as a disk that fills up midway."""
    real, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == call:
            raise OSError(err, os.strerror(err))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_commit_together_full_disk_on_the_second_file_changes_neither(tmp_path: Path, monkeypatch):
    docx, pdf = tmp_path / "申报表.docx", tmp_path / "申报表.pdf"
    docx.write_bytes(b"old docx")
    pdf.write_bytes(b"old pdf of another cluster")
    _fail_fsync_on(2, errno.ENOSPC, monkeypatch)
    with pytest.raises(OSError):
        writer.commit_together([(docx, b"new docx"), (pdf, b"new pdf")])
    assert docx.read_bytes() == b"old docx" and pdf.read_bytes() == b"old pdf of another cluster"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["申报表.docx", "申报表.pdf"]


def test_commit_together_a_failed_rename_restores_the_first(tmp_path: Path, monkeypatch):
    docx, pdf = tmp_path / "申报表.docx", tmp_path / "申报表.pdf"
    docx.write_bytes(b"old docx")
    pdf.write_bytes(b"old pdf")
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if Path(dst) == pdf and len(calls) == 2:
            raise OSError(errno.EIO, "I/O error")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        writer.commit_together([(docx, b"new docx"), (pdf, b"new pdf")])
    assert docx.read_bytes() == b"old docx" and pdf.read_bytes() == b"old pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["申报表.docx", "申报表.pdf"]


def test_commit_together_copies_a_file_source(tmp_path: Path):
    src = tmp_path / "made.pdf"
    src.write_bytes(b"%PDF" + b"x" * 3_000_000)
    writer.commit_together([(tmp_path / "o" / "申报表.pdf", src)])
    assert (tmp_path / "o" / "申报表.pdf").read_bytes() == src.read_bytes()


@pytest.mark.parametrize("err, words", [(errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "没有写入权限"),
                                        (errno.EROFS, "只读")])
def test_write_error_message_names_path_cause_and_fix(tmp_path: Path, err: int, words: str):
    msg = writer.write_error_message(OSError(err, os.strerror(err), str(tmp_path / "o")), tmp_path / "o")
    assert words in msg and str(tmp_path / "o") in msg and "-o" in msg and "原有文件保持不变" in msg


EXAMPLE = Path(__file__).resolve().parents[1] / "content" / "example"
FAKE_SOFFICE = """#!{python}
# LibreOffice stand-in: writes a small PDF per input into --outdir (or, with FAKE_SOFFICE_HANG,
# starts a child and waits, recording both process ids).
import os, subprocess, sys, time
args = sys.argv[1:]
if os.environ.get("FAKE_SOFFICE_HANG"):
    child = subprocess.Popen(["sleep", "300"])
    with open(os.environ["FAKE_SOFFICE_HANG"], "w") as f:
        f.write(f"{{os.getpid()}} {{child.pid}}")
    time.sleep(300)
out = args[args.index("--outdir") + 1]
for a in args:
    if a.endswith(".docx"):
        with open(os.path.join(out, os.path.basename(a)[:-5] + ".pdf"), "wb") as f:
            f.write(b"%PDF-1.4 fake")
"""


def fake_soffice(tmp_path: Path) -> Path:
    import sys

    path = tmp_path / "fake-soffice"
    path.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    path.chmod(0o755)
    return path


def _build(args: list[str]):
    from click.testing import CliRunner

    from docgen.cli import app

    return CliRunner().invoke(app, ["build", *args])


def test_build_pdf_on_a_full_disk_leaves_the_previous_pair(tmp_path: Path, monkeypatch):
    """The issue's case: a new 申报表.docx beside the old 申报表.pdf of another cluster."""
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake_soffice(tmp_path)))
    out = tmp_path / "out"
    out.mkdir()
    (out / "申报表.docx").write_bytes(b"old docx")
    (out / "申报表.pdf").write_bytes(b"old pdf")
    real = writer.commit_together

    def full_after_the_docx(files):
        _fail_fsync_on(2, errno.ENOSPC, monkeypatch)
        return real(files)

    monkeypatch.setattr(writer, "commit_together", full_after_the_docx)
    result = _build([str(EXAMPLE), "-o", str(out), "--pdf"])
    assert result.exit_code == 1, result.output
    assert "磁盘空间不足" in result.output and str(out) in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert (out / "申报表.docx").read_bytes() == b"old docx" and (out / "申报表.pdf").read_bytes() == b"old pdf"
    assert sorted(p.name for p in out.iterdir()) == ["申报表.docx", "申报表.pdf"]


def test_build_pdf_writes_the_pair(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake_soffice(tmp_path)))
    out = tmp_path / "out"
    result = _build([str(EXAMPLE), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert (out / "申报表.pdf").read_bytes() == b"%PDF-1.4 fake"
    assert (out / "申报表.docx").read_bytes()[:2] == b"PK"


def test_build_with_o_under_a_file(tmp_path: Path):
    (tmp_path / "报告.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "报告.txt" / "out"
    result = _build([str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "路径中有一段是文件而不是文件夹" in result.output and "报告.txt" in result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output


def test_build_into_a_read_only_folder(tmp_path: Path, monkeypatch):
    out = tmp_path / "只读"
    out.mkdir()
    (out / "申报表.docx").write_bytes(b"old")
    out.chmod(0o555)
    try:
        if os.geteuid() == 0:  # root writes anywhere: the refusal is the file system's, simulated
            def refuse(*a, **k):
                raise PermissionError(errno.EACCES, "Permission denied", str(out))

            monkeypatch.setattr(writer.tempfile, "mkstemp", refuse)
        result = _build([str(EXAMPLE), "-o", str(out)])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert "没有写入权限" in result.output and str(out) in result.output
    assert (out / "申报表.docx").read_bytes() == b"old"
