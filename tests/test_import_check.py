"""`docgen check 申报表.docx`: the form imported in memory, findings located in the .docx."""
from __future__ import annotations

import json
import shutil

import pytest
from test_import_hostile import run
from test_import_roundtrip import ROOT, render


@pytest.fixture()
def built(tmp_path):
    src = ROOT / "content" / "example"
    first, _ = render(src)
    path = tmp_path / "泉山" / "申报表.docx"
    path.parent.mkdir()
    path.write_bytes(first)
    return path


def test_check_docx_with_evidence_beside_it(built, capsys):
    shutil.copytree(ROOT / "content" / "example" / "evidence", built.parent / "evidence")
    code, out, err = run(["check", str(built)], capsys)
    lines = out.splitlines()
    # the only gap: 集群成立时间 is a 附件1 column the 申报表 does not print
    assert len(lines) == 1 and lines[0].startswith("申报表.docx: 错误: “集群成立时间”未填写"), out
    assert "申报表上没有这一栏" in lines[0]
    assert code == 1 and "1 个错误" in err


def test_check_docx_locates_by_table_and_row(built, capsys):
    code, out, _ = run(["check", "--format", "json", str(built)], capsys)
    payload = json.loads(out)
    missing = [f for f in payload["findings"] if f["rule"] == "evidence-missing"]
    assert missing, payload
    places = {f["place"] for f in missing}
    assert "表3:行17" in places  # 集群已开展的产业链强链补链工作, ticked, its files not beside the .docx
    assert all(f["file"] == "申报表.docx" for f in payload["findings"])
    assert code == 1


def test_cross_check_names_both_places_in_the_docx(tmp_path, capsys):
    """A contradiction between two figures (docgen.review) is shown at the row of each in the .docx."""
    from conftest import render as render_app

    from docgen.pipeline import load_application

    src = tmp_path / "src"
    shutil.copytree(ROOT / "content" / "example", src)
    yaml = src / "cluster.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert text.count("集群中小企业数量: {2021: 274,") == 1
    yaml.write_text(text.replace("集群中小企业数量: {2021: 274,", "集群中小企业数量: {2021: 300,"), encoding="utf-8")
    app, _ = load_application(src, draft=True)
    doc = tmp_path / "县" / "申报表.docx"
    doc.parent.mkdir()
    doc.write_bytes(render_app(app))
    shutil.copytree(src / "evidence", doc.parent / "evidence")
    code, out, _ = run(["check", str(doc)], capsys)
    lines = out.splitlines()
    at = next(i for i, ln in enumerate(lines) if "[count-sme-exceeds]" in ln)
    assert lines[at].startswith("申报表.docx:表3:行8: 错误:")
    assert lines[at + 1] == "    另见 申报表.docx:表3:行7（286家）"
    assert code == 1
