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
