"""Run the bad-input corpus: every case is refused with a located Chinese finding,
no traceback, and `build` writes nothing."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import CASES, apply, shown

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
        assert (out / "申报表.docx").read_bytes()[:2] == b"PK"
    else:
        assert built.exit_code == 1, built.output
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
