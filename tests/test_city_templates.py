"""The city's Word templates (templates/推荐文件模板.docx, 汇总表模板.docx, 佐证材料清单模板.docx):
clean Word files that a person may edit, and the documents built on them."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from docgen import docbase
from docgen.docbase import EVIDENCE_TEMPLATE, LETTER_TEMPLATE, SUMMARY_TEMPLATE, template_path
from docgen.package import build_evidence_list, evidence_items
from docgen.pipeline import load_application

ROOT = Path(__file__).resolve().parent.parent
VALIDATE = Path("/work/shared/ooxml/validate.py")
TEMPLATES = (LETTER_TEMPLATE, SUMMARY_TEMPLATE, EVIDENCE_TEMPLATE)


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def _assert_clean(data: bytes, *, page_numbers: bool = True) -> None:
    parts = _parts(data)
    names = set(parts)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n or "stylesWithEffects" in n]
    text = "".join(parts.values())
    for bad in ("ja-JP", "ＭＳ", "MS Mincho", "MS Gothic", "python-docx", "Macintosh"):
        assert bad not in text, bad
    settings = parts["word/settings.xml"]
    assert 'w:name="compatibilityMode"' in settings and 'w:val="15"' in settings
    assert 'w:eastAsia="zh-CN"' in settings and 'w:percent="100"' in settings
    if page_numbers:
        assert any("PAGE" in parts[n] for n in names if n.startswith("word/footer"))


def _validate(data: bytes, tmp_path: Path, name: str) -> None:
    if not VALIDATE.is_file():
        pytest.skip("needs the OOXML schemas")
    out = tmp_path / name
    out.write_bytes(data)
    r = subprocess.run([sys.executable, str(VALIDATE), str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_are_clean_and_valid(name, tmp_path):
    data = template_path(name).read_bytes()
    _assert_clean(data)
    _validate(data, tmp_path, name)
    doc = Document(io.BytesIO(data))
    for style in doc.styles:  # every paragraph style names its East Asian font
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None:
            assert rpr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_evidence_list_is_clean_numbered_and_valid(tmp_path):
    app, findings = load_application(ROOT / "content" / "example")
    assert app is not None, findings.format_text()
    data = build_evidence_list(app, evidence_items(app))
    _assert_clean(data)
    _validate(data, tmp_path, "佐证材料清单.docx")
    core = _parts(data)["docProps/core.xml"]
    assert "佐证材料清单" in core and "青川县工业和信息化局" in core


def test_summary_is_clean_and_valid(tmp_path, monkeypatch):
    from docgen.summary import build_docx, gather

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    sub, code = gather([content / "example", content / "linxi"], None, err=io.StringIO())
    assert sub is not None, code
    data = build_docx(sub)
    _assert_clean(data)
    _validate(data, tmp_path, "汇总表.docx")
    assert "2024年度山东省特色产业集群推荐汇总表" in _parts(data)["docProps/core.xml"]


def test_a_template_edited_in_word_changes_the_letter(tmp_path, monkeypatch):
    """A person changes the body style's size and the red head's font in Word: the letter follows."""
    from docgen.letter import letter_docx
    from docgen.summary import gather

    edited = tmp_path / "templates"
    edited.mkdir()
    doc = Document(str(template_path(LETTER_TEMPLATE)))
    doc.styles["公文正文"].font.size = Pt(15)
    doc.save(str(edited / LETTER_TEMPLATE))
    monkeypatch.setattr(docbase, "REPO_TEMPLATES", edited)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    sub, _ = gather([content / "example"], None, err=io.StringIO())
    letter = Document(io.BytesIO(letter_docx(sub)))
    assert letter.styles["公文正文"].font.size == Pt(15)
    body = [p for p in letter.paragraphs if p.style.name == "公文正文"]
    assert body and all(r.font.size is None for p in body for r in p.runs)  # no direct size to override it


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_letter_template_resaved_by_libreoffice_still_builds(tmp_path, monkeypatch):
    from docgen.letter import letter_docx
    from docgen.summary import gather

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(template_path(LETTER_TEMPLATE), src / LETTER_TEMPLATE)
    out = tmp_path / "templates"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src / LETTER_TEMPLATE)],
                   check=True, capture_output=True, timeout=180)
    monkeypatch.setattr(docbase, "REPO_TEMPLATES", out)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    sub, _ = gather([content / "example", content / "linxi"], None, err=io.StringIO())
    letter = Document(io.BytesIO(letter_docx(sub)))
    styles = [p.style.name for p in letter.paragraphs]
    for name in ("发文机关标志", "发文字号", "公文标题", "主送机关", "公文正文", "附件说明", "发文机关署名", "成文日期",
                 "附注", "版记"):
        assert name in styles, name
    assert [p.text for p in letter.paragraphs if p.style.name == "成文日期"] == ["2024年4月22日"]
