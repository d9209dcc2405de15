"""`docgen text`: one cell per line with its label path, stable when a row is added."""
from __future__ import annotations

import difflib

from test_import_labels import add_row_and_merge, edit_document
from test_import_roundtrip import ROOT, render

from docgen.importer.docx_read import read_docx
from docgen.textdump import text_lines


def lines_of(data: bytes, tmp_path, name: str) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return text_lines(read_docx(path))


def test_cells_by_label_path(tmp_path):
    first, _ = render(ROOT / "content" / "example")
    lines = lines_of(first, tmp_path, "a.docx")
    assert "二、主导产业情况 › 集群总产值（亿元） › 2021年: 186.42" in lines
    assert "四、数字化升级情况 › 工业软件采购金额（万元） › 2023年: 4236.40" in lines
    assert any(ln.endswith("标准数量情况（需提供清单） › 国际 › 2023年 › 参与数量: 1") for ln in lines)
    assert "集群内中小企业有效发明专利清单 › 1 › 专利号: ZL201110581247.3" in lines
    assert "一、基本情况 › 工业软件应用率稳步提升: ☑是　　□否" not in lines  # lives in 四
    assert "四、数字化升级情况 › 工业软件应用率稳步提升: ☑是　　□否" in lines


def test_an_added_row_changes_only_its_own_lines(tmp_path):
    first, _ = render(ROOT / "content" / "example")
    before = lines_of(first, tmp_path, "a.docx")
    after = lines_of(edit_document(first, add_row_and_merge), tmp_path, "b.docx")
    changed = [d for d in difflib.ndiff(before, after) if d[:2] in ("- ", "+ ")]
    assert changed == ["+ 二、主导产业情况 › 备注（手工添加的行） › 2021年: 数据来源：统计局"]
