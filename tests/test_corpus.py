"""Run the bad-input corpus: every case is refused with a located Chinese finding,
no traceback, and `build` writes nothing."""
from __future__ import annotations

import errno
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import CASES, ENV_CASES, apply, shown

from docgen.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "content" / "example"
FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告|提示): (?P<msg>.+) \[(?P<rule>[\w-]+)\]$",
                     re.M)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+")  # a parser's English leaking through
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


def _previous_output(out: Path) -> dict[str, bytes]:
    """What an earlier build left: a failed build must not change a byte of it."""
    out.mkdir(parents=True)
    files = {"申报表.docx": b"previous docx", "申报表.pdf": b"previous pdf"}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return files


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_with_its_location(case, tmp_path: Path, monkeypatch):
    work = tmp_path / "work"
    shutil.copytree(EXAMPLE, work / "example")
    given, line = apply(case, work / "example")
    monkeypatch.chdir(work)
    rel = os.path.relpath(given, work)
    runner = CliRunner()
    accepted = case.severity != "错误"  # read as the user meant: with a warning, a note, or silently

    checked = runner.invoke(app, ["check", *case.check_extra, rel])
    assert checked.exit_code == (0 if accepted else 1), checked.output
    assert checked.exception is None or isinstance(checked.exception, SystemExit), checked.exception
    assert "Traceback" not in checked.output and "内部错误" not in checked.output
    if accepted and case.rule != "print-differs":  # read as meant, so printed as written (docgen.readback)
        assert "[print-differs]" not in checked.output and "[readback-failed]" not in checked.output, checked.output
    if case.severity == "无":
        assert not FINDING.search(checked.output), checked.output
        built = runner.invoke(app, ["build", rel, "-o", "out"])
        assert built.exit_code == 0 and (work / "out" / "申报表.docx").is_file(), built.output
        return
    hits = [m for m in FINDING.finditer(checked.output) if m["rule"] == case.rule and m["sev"] == case.severity]
    assert hits, f"[{case.rule}] not reported as {case.severity}:\n{checked.output}"
    expected_file = shown(work / "example", case.file)
    assert any(m["file"] == expected_file for m in hits), (expected_file, [m["file"] for m in hits])
    if line:
        assert any(int(m["line"]) == line for m in hits if m["file"] == expected_file), (line, checked.output)
    assert all(CJK.search(m["msg"]) for m in hits)
    assert all(not ENGLISH_SENTENCE.search(m["msg"]) for m in hits), checked.output
    if case.says:
        assert any(case.says in m["msg"] for m in hits), (case.says, checked.output)

    out = work / "out"
    before = _previous_output(out)
    built = runner.invoke(app, ["build", rel, "-o", str(out)])
    assert built.exception is None or isinstance(built.exception, SystemExit), repr(built.exception)
    assert "Traceback" not in built.output and "内部错误" not in built.output
    if case.severity != "提示":  # notes are for `check`; build prints errors and warnings
        assert any(m["rule"] == case.rule for m in FINDING.finditer(built.output)), built.output
    if accepted:
        assert built.exit_code == 0, built.output
        assert case.rule == "print-differs" or "[print-differs]" not in built.output, built.output
        assert (out / "申报表.docx").read_bytes()[:2] == b"PK"
    else:
        assert built.exit_code == 1, built.output
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before


FAKE_SOFFICE = """#!{python}
import os, sys
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
for a in args:
    if a.endswith(".docx"):
        with open(os.path.join(out, os.path.basename(a)[:-5] + ".pdf"), "wb") as f:
            f.write(b"%PDF-1.4 fake")
"""


def _simulate(fault: str, out: Path, monkeypatch) -> None:
    from docgen import writer

    if fault in ("EACCES", "EROFS"):
        if fault == "EACCES" and os.geteuid() != 0:
            out.chmod(0o555)  # the real thing where permissions bind
            return
        code = getattr(errno, fault)

        def refuse(*a, **k):
            raise OSError(code, os.strerror(code), str(out))

        monkeypatch.setattr(writer.tempfile, "mkstemp", refuse)
    elif fault.startswith("ENOSPC"):
        fail_on = 2 if fault == "ENOSPC-PDF" else 1  # the PDF, after the new .docx was written
        real, calls = os.fsync, []

        def fsync(fd):
            calls.append(fd)
            if len(calls) == fail_on:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(fd)

        monkeypatch.setattr(writer.os, "fsync", fsync)


@pytest.mark.parametrize("case", ENV_CASES, ids=[c.name for c in ENV_CASES])
def test_the_machine_refusing_to_write_is_reported(case, tmp_path: Path, monkeypatch):
    work = tmp_path / "work"
    shutil.copytree(EXAMPLE, work / "example")
    monkeypatch.chdir(work)
    out = case.out(work)
    before = {}
    if out.parent.is_dir():
        before = _previous_output(out) if not out.exists() else {}
        if not before:
            before = {"申报表.docx": b"previous docx"}
            (out / "申报表.docx").write_bytes(before["申报表.docx"])
    args = ["build", "example", "-o", str(out)]
    if case.pdf:
        soffice = tmp_path / "soffice"
        soffice.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
        soffice.chmod(0o755)
        monkeypatch.setenv("DOCGEN_SOFFICE", str(soffice))
        args.append("--pdf")
    _simulate(case.fault, out, monkeypatch)
    try:
        built = CliRunner().invoke(app, args)
    finally:
        if out.is_dir():
            out.chmod(0o755)
    assert built.exit_code == 1, built.output
    assert built.exception is None or isinstance(built.exception, SystemExit), repr(built.exception)
    assert "Traceback" not in built.output and "内部错误" not in built.output
    assert case.says in built.output and CJK.search(built.output), built.output
    assert str(out if case.fault else out.parent) in built.output, built.output
    if before:
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_summary_xlsx_writes_text_never_formulas(tmp_path: Path, monkeypatch):
    """A 主导产业 of =HYPERLINK(…) is text in the spreadsheet, not a live formula."""
    import openpyxl

    work = tmp_path / "work"
    shutil.copytree(EXAMPLE, work / "example")
    y = work / "example" / "cluster.yaml"
    formula = '=HYPERLINK("http://example.invalid/x","点击查看")'
    y.write_text(y.read_text(encoding="utf-8").replace("  主导产业: 高端轴承", f"  主导产业: '{formula}'"), encoding="utf-8")
    (work / "city.yaml").write_text("市级中小企业主管部门: 泉山市工业和信息化局\n联系人: 王立群\n手机: '13805390000'\n",
                                    encoding="utf-8")
    monkeypatch.chdir(work)
    result = CliRunner().invoke(app, ["summary", "example", "-o", "汇总表.docx", "--xlsx", "--city", "city.yaml"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(work / "汇总表.xlsx") as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in x or b"<f " in x for x in sheets)
    ws = openpyxl.load_workbook(work / "汇总表.xlsx").active
    cells = [c for row in ws.iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)
