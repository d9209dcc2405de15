"""Files that are not the form, broken or hostile: one Chinese line, exit 1, nothing written."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from docgen.cli import main


def run(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main(args)
    out, err = capsys.readouterr()
    return e.value.code, out, err


def one_line_error(code: int, err: str) -> str:
    assert code == 1
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("错误：")
    return lines[0]


def test_a_letter_is_not_the_form(tmp_path, capsys):
    d = docx.Document()
    d.add_paragraph("关于召开会议的通知")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "时间"
    t.cell(0, 1).text = "2024年5月1日"
    path = tmp_path / "通知.docx"
    d.save(path)
    line = one_line_error(*run(["import", str(path), "-o", str(tmp_path / "x")], capsys)[::2])
    assert "不是山东省特色产业集群申报表" in line
    assert not (tmp_path / "x").exists()


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_zip_bomb_refused(tmp_path, capsys):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(100):  # 100 MB of zeros, ~100 KB compressed
                fh.write(chunk)
    line = one_line_error(*run(["import", str(path), "-o", str(tmp_path / "x")], capsys)[::2])
    assert "过大" in line


def test_entity_expansion_refused(tmp_path, capsys):
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b'<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    path = _zip(tmp_path / "lol.docx", {"word/document.xml": lol})
    line = one_line_error(*run(["import", str(path), "-o", str(tmp_path / "x")], capsys)[::2])
    assert "DTD" in line


def test_missing_part_refused(tmp_path, capsys):
    path = _zip(tmp_path / "empty.docx", {"[Content_Types].xml": b"<Types/>"})
    line = one_line_error(*run(["import", str(path), "-o", str(tmp_path / "x")], capsys)[::2])
    assert "word/document.xml" in line


def test_not_a_zip_refused(tmp_path, capsys):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is text, not a Word file")
    line = one_line_error(*run(["import", str(path), "-o", str(tmp_path / "x")], capsys)[::2])
    assert "不是 .docx 文件" in line


def test_check_of_a_non_form_docx_is_one_finding(tmp_path, capsys):
    d = docx.Document()
    d.add_paragraph("会议纪要")
    path = tmp_path / "纪要.docx"
    d.save(path)
    code, out, err = run(["check", str(path)], capsys)
    assert code == 1
    assert out.count("\n") == 1 and "纪要.docx" in out and "不是山东省特色产业集群申报表" in out


def test_text_command(tmp_path, capsys):
    d = docx.Document()
    d.add_paragraph("一、基本情况")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "集群占地面积(平方公里)"
    t.cell(0, 1).text = "18.60\n（约）"
    path = tmp_path / "t.docx"
    d.save(path)
    code, out, _ = run(["text", str(path)], capsys)
    assert code == 0
    assert out.splitlines() == ["一、基本情况", "一、基本情况 › 集群占地面积(平方公里): 18.60⏎（约）"]


def test_encrypted_or_ole_file_refused(tmp_path, capsys):
    path = tmp_path / "加密.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    line = one_line_error(*run(["import", str(path), "-o", str(tmp_path / "x")], capsys)[::2])
    assert "加了密码" in line
