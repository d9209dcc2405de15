"""The city's Word templates (templates/推荐文件模板.docx, 汇总表模板.docx, 佐证材料清单模板.docx):
clean Word files that a person may edit, and the documents built on them."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from finished_docx import assert_finished, validate

from docgen import docbase
from docgen.docbase import EVIDENCE_TEMPLATE, LETTER_TEMPLATE, SUMMARY_TEMPLATE, template_path
from docgen.package import build_evidence_list, evidence_items
from docgen.pipeline import load_application

ROOT = Path(__file__).resolve().parent.parent
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
    out = tmp_path / name
    out.write_bytes(data)
    validate([out])


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
    # every paragraph has one of the template's named styles; no run carries a font or size
    doc = Document(io.BytesIO(data))
    cells = [p for row in doc.tables[0].rows for c in row.cells for p in c.paragraphs]
    assert [p.style.name for p in doc.paragraphs[:2]] == ["清单标题", "清单集群名称"]
    assert {p.style.name for p in cells} == {"清单栏目", "清单序号", "清单文字"}
    assert doc.styles["清单标题"].font.size == Pt(22) and doc.styles["清单集群名称"].font.size == Pt(16)
    for p in doc.paragraphs + cells:
        assert all(r.font.size is None and r.font.name is None for r in p.runs), p.text


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


# --- every .docx the city gets --------------------------------------------------------------------


def test_every_city_docx_is_a_finished_valid_word_file(tmp_path, monkeypatch):
    """汇总表, 推荐文件 (报告 and 函), and every document of the package (推荐文件, 汇总表, 申报表 in
    正本 + 2 副本, 佐证材料清单): schema-valid, compatibility mode 15, zh-CN, no Japanese fonts, no
    thumbnail, docgen's app.xml, a title, the right author, page numbers in the footers."""
    from rich.progress import Progress

    from docgen.letter import letter_docx
    from docgen.package import (COPIES, EVIDENCE_LIST, ORIGINAL, LETTER_STEM, SUMMARY_STEM, app_folder_name,
                                copy_names, mark_copy, renderer, write_documents)
    from docgen.summary import build_docx, gather

    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    folders = [content / "example", content / "linxi"]
    sub, code = gather(folders, None, err=io.StringIO())
    assert sub is not None, code
    city = sub.city.department
    made: dict[Path, str] = {}  # file → its expected author

    def write(name: str, data: bytes, author: str) -> None:
        (tmp_path / name).write_bytes(data)
        made[tmp_path / name] = author

    write("汇总表.docx", build_docx(sub), city)
    write("推荐文件-报告.docx", letter_docx(sub), city)
    (content / "city.yaml").write_text((content / "city.yaml").read_text(encoding="utf-8").replace(
        "文种: 报告", "文种: 函"), encoding="utf-8")
    sub_letter, _ = gather(folders, None, err=io.StringIO())
    assert sub_letter.city.letter.genre == "函"
    write("推荐文件-函.docx", letter_docx(sub_letter), city)
    # a 函 has no page number on its first page (its own first-page footer): the mark is there too
    marked = Document(io.BytesIO(mark_copy((tmp_path / "推荐文件-函.docx").read_bytes(), "副本")))
    section = marked.sections[-1]
    assert section.different_first_page_header_footer
    assert [h.paragraphs[0].text for h in (section.header, section.even_page_header, section.first_page_header)] \
        == ["副本"] * 3

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    with Progress(disable=True) as progress:
        written = write_documents(pkg, sub, renderer(), progress)
    for stem in (LETTER_STEM, SUMMARY_STEM):
        for name in copy_names(stem):
            made[pkg / name] = city
    for i, app in enumerate(sub.apps, 1):
        county = str(app.get("基本情况.县级中小企业主管部门.名称"))
        for name in (ORIGINAL, *COPIES, EVIDENCE_LIST):
            made[pkg / app_folder_name(i, app) / name] = county
    assert sorted(written) == sorted(p for p in made if p.is_relative_to(pkg))  # nothing left out
    assert len(made) == 3 + 3 + 3 + len(sub.apps) * 4

    titles = {}
    for path, author in made.items():
        try:
            assert_finished(path.read_bytes(), author=author)
        except AssertionError as exc:
            raise AssertionError(f"{path.relative_to(tmp_path)}: {exc}") from exc
        titles[path.name] = Document(io.BytesIO(path.read_bytes())).core_properties.title
    validate(sorted(made))
    # a stamped copy keeps the document's own title (and author, above)
    assert titles["推荐文件-正本.docx"] == titles["推荐文件-副本2.docx"] == titles["推荐文件-报告.docx"]
    assert titles["汇总表-正本.docx"] == titles["汇总表.docx"] == "2024年度山东省特色产业集群推荐汇总表"
    assert titles[ORIGINAL] == titles[COPIES[0]] and titles[ORIGINAL].endswith("山东省特色产业集群申报表")


def test_stamped_copies_are_deterministic(tmp_path):
    from docgen.package import mark_copy, stamp_copy

    src = tmp_path / "src.docx"
    doc = Document(str(template_path(EVIDENCE_TEMPLATE)))
    doc.add_paragraph("正文")
    doc.save(str(src))
    finished = docbase.finish_docx(Document(str(src)), title="标题", subject="", author="某局",
                                   when=docbase._dt.datetime(2024, 4, 22, tzinfo=docbase._dt.timezone.utc))
    assert mark_copy(finished, "正本") == mark_copy(finished, "正本") != mark_copy(finished, "副本")
    when = docbase._dt.datetime(2024, 4, 22, tzinfo=docbase._dt.timezone.utc)
    assert stamp_copy(finished, "副本", when) == stamp_copy(finished, "副本", when)
    core = _parts(mark_copy(finished, "副本"))["docProps/core.xml"]
    assert "<dc:title>标题</dc:title>" in core and "<dc:creator>某局</dc:creator>" in core
    assert "2024-04-22T00:00:00Z" in core


def test_a_style_deleted_from_a_template_is_named(tmp_path, monkeypatch, capsys):
    """A person deletes a style docgen fills the 汇总表 with: a Chinese error naming it, exit 1,
    nothing written."""
    from docgen.summary import run_summary

    edited = tmp_path / "templates"
    edited.mkdir()
    for name in TEMPLATES:
        shutil.copy(template_path(name), edited / name)
    doc = Document(str(edited / SUMMARY_TEMPLATE))
    doc.styles["汇总表标题"].delete()
    doc.save(str(edited / SUMMARY_TEMPLATE))
    monkeypatch.setattr(docbase, "REPO_TEMPLATES", edited)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    out = tmp_path / "汇总表.docx"
    assert run_summary([content / "example", content / "linxi"], out=out) == 1
    err = capsys.readouterr().err
    assert "汇总表模板.docx" in err and "“汇总表标题”" in err and "Traceback" not in err
    assert not out.exists()
