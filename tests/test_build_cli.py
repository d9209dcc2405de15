"""`docgen build`: output paths, refusal on errors, determinism, atomic replacement."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, make_app
from docx_text import paragraphs

from docgen import build
from docgen.findings import Findings
from docgen.render import engine

EXAMPLE = ROOT / "content" / "example"


@pytest.fixture
def fake_loader(monkeypatch):
    """load_application → make_app() for any folder whose name does not start with 'bad'."""
    calls = []

    def load(folder: Path, *, draft: bool = False):
        calls.append((folder, draft))
        f = Findings()
        if folder.name.startswith("bad"):
            f.error(f"{folder.name}/cluster.yaml", 3, 5, "“集群名称”不能为空；请填写", "field-missing")
            if not draft:
                return None, f
        f.warning(f"{folder.name}/cluster.yaml", 9, 1, "示例警告", "example-warning")
        return make_app(folder=folder, draft=draft), f

    monkeypatch.setattr(build, "load_application", load)
    return calls


def test_default_output_folder_and_printed_path(tmp_path, monkeypatch, capsys, fake_loader):
    monkeypatch.chdir(tmp_path)
    assert build.run_build([Path("apps/泉山")]) == 0
    out = Path("build/泉山/申报表.docx")
    assert out.is_file()
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out)
    assert "示例警告" in captured.err  # warnings are shown, the build goes on
    assert zipfile.is_zipfile(out)


def test_o_names_a_folder(tmp_path, capsys, fake_loader):
    assert build.run_build([tmp_path / "泉山"], out=tmp_path / "出件") == 0
    assert (tmp_path / "出件" / "申报表.docx").is_file()
    (tmp_path / "file").write_text("x")
    assert build.run_build([tmp_path / "泉山"], out=tmp_path / "file") == 2


def test_several_folders_each_to_its_own_name(tmp_path, monkeypatch, capsys, fake_loader):
    monkeypatch.chdir(tmp_path)
    assert build.run_build([Path("a/甲"), Path("b/乙")]) == 0
    assert Path("build/甲/申报表.docx").is_file() and Path("build/乙/申报表.docx").is_file()
    assert build.run_build([Path("a/甲"), Path("b/乙")], out=Path("全市")) == 0
    assert Path("全市/甲/申报表.docx").is_file() and Path("全市/乙/申报表.docx").is_file()
    assert build.run_build([Path("a/甲"), Path("c/甲")]) == 2  # same name twice
    assert "文件夹名相同" in capsys.readouterr().err


def test_errors_refuse_the_build_and_keep_the_old_file(tmp_path, capsys, fake_loader):
    out = tmp_path / "out"
    out.mkdir()
    (out / "申报表.docx").write_bytes(b"previous build")
    assert build.run_build([tmp_path / "bad1"], out=out) == 1
    err = capsys.readouterr().err
    assert "bad1/cluster.yaml:3:5: 错误: “集群名称”不能为空；请填写 [field-missing]" in err
    assert "--draft" in err
    assert (out / "申报表.docx").read_bytes() == b"previous build"
    assert sorted(p.name for p in out.iterdir()) == ["申报表.docx"]


def test_draft_builds_what_it_can(tmp_path, capsys, fake_loader):
    assert build.run_build([tmp_path / "bad2"], out=tmp_path / "o", draft=True) == 0
    assert fake_loader[-1][1] is True
    text = "".join(paragraphs((tmp_path / "o" / "申报表.docx").read_bytes()))
    assert "草稿" in "".join(
        zipfile.ZipFile(tmp_path / "o" / "申报表.docx").read("word/header1.xml").decode())
    assert "{{" not in text


def test_two_builds_are_byte_identical(tmp_path, monkeypatch, fake_loader):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build.run_build([tmp_path / "a"], out=tmp_path / "1")
    build.run_build([tmp_path / "a"], out=tmp_path / "2")
    one, two = (tmp_path / "1/申报表.docx").read_bytes(), (tmp_path / "2/申报表.docx").read_bytes()
    assert one == two
    with zipfile.ZipFile(tmp_path / "1/申报表.docx") as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert z.namelist()[1:] == sorted(z.namelist()[1:])
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2024-04-20T00:00:00Z" in core  # 申报时间
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 2024-06-01
    build.run_build([tmp_path / "a"], out=tmp_path / "3")
    with zipfile.ZipFile(tmp_path / "3/申报表.docx") as z:
        assert z.infolist()[0].date_time[:3] == (2024, 6, 1)
        assert "2024-06-01T00:00:00Z" in z.read("docProps/core.xml").decode()


def test_a_failed_render_leaves_the_previous_file(tmp_path, capsys, fake_loader):
    out = tmp_path / "o"
    assert build.run_build([tmp_path / "a"], out=out) == 0
    before = (out / "申报表.docx").read_bytes()
    bad = tmp_path / "bad-template.docx"
    src = zipfile.ZipFile(engine.default_template_path())
    with zipfile.ZipFile(bad, "w") as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace("{{ 封面.申报时间 }}".encode(), "{{ 封面.申报日期 }}".encode())
            z.writestr(info, data)
    assert build.run_build([tmp_path / "a"], out=out, template=bad) == 1
    err = capsys.readouterr().err
    assert "封面.申报日期" in err
    assert (out / "申报表.docx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["申报表.docx"]


def test_template_option_checks_the_file(tmp_path, capsys, fake_loader):
    assert build.run_build([tmp_path / "a"], out=tmp_path / "o", template=tmp_path / "none.docx") == 2
    assert "找不到模板文件" in capsys.readouterr().err
    (tmp_path / "t.docx").write_text("not a zip")
    assert build.run_build([tmp_path / "a"], out=tmp_path / "o", template=tmp_path / "t.docx") == 2
    custom = tmp_path / "mine.docx"
    custom.write_bytes(engine.default_template_path().read_bytes())
    assert build.run_build([tmp_path / "a"], out=tmp_path / "o", template=custom) == 0


def test_pdf_failure_writes_nothing(tmp_path, monkeypatch, capsys, fake_loader):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "o"
    assert build.run_build([tmp_path / "a"], out=out, pdf=True) == 1
    err = capsys.readouterr().err
    assert "apt-get install libreoffice-writer fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming" in err
    assert not out.exists() or not any(out.iterdir())


# ---- the real pipeline on the shipped example ----------------------------------------------


@pytest.mark.skipif(not (EXAMPLE / "cluster.yaml").is_file(), reason="content/example 尚未提供")
def test_example_builds_through_the_cli(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "docgen", "build", str(EXAMPLE), "-o", str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "申报表.docx"
    assert proc.stdout.strip() == str(out)
    text = "\n".join(paragraphs(out.read_bytes()))
    for bad in ("{{", "{%", "【待填写", "None"):
        assert bad not in text
    for heading in ("一、集群基本情况简介", "（一）总体思路", "1.三年总体目标", "九、真实性声明及推荐意见"):
        assert heading.replace(" ", "") in text.replace(" ", "")
