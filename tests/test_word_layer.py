"""The Word layer (docgen.word): named styles in the built example, package metadata, schema validity."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx_text import parts, q, root

from docgen import settings as S
from docgen.pipeline import load_application
from docgen.render.engine import default_template_path, render_application, template_bytes
from docgen.word import xml as wx
from docgen.word.package import finish_package

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "content" / "example"
WHEN = dt.datetime(2024, 4, 20, tzinfo=dt.timezone.utc)
JAPANESE = ("Mincho", "明朝", "ＭＳ", "Gothic", "ゴシック", "ja-JP", "Meiryo")


@pytest.fixture(scope="module", params=[False, True], ids=["final", "draft"])
def example(request) -> tuple[bytes, bool]:
    app, findings = load_application(EXAMPLE, draft=request.param)
    assert app is not None, findings.format_text()
    return render_application(app, template_bytes(), draft=request.param, when=WHEN), request.param


def test_paragraphs_carry_named_styles_and_runs_no_font_or_size(example):
    built, _ = example
    body = root(built)
    paragraphs = list(body.iter(q("p")))
    named = [p for p in paragraphs if p.find(f"{q('pPr')}/{q('pStyle')}") is not None]
    assert len(paragraphs) > 2000
    assert len(named) >= 0.95 * len(paragraphs), (len(named), len(paragraphs))
    for rf in body.iter(q("rFonts")):
        assert set(rf.attrib) == {q("hint")}, rf.attrib  # Word's own East Asian hint, no face named
    assert not list(body.iter(q("sz")))


def test_plan_headings_in_outline_styles_and_the_drafts_toc(example):
    built, draft = example
    xml = parts(built)["word/document.xml"].decode()
    for level in range(1, 5):
        assert f'<w:pStyle w:val="PlanHeading{level}"/>' in xml
    assert '<w:pStyle w:val="PlanHeading1"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>' \
           '<w:t xml:space="preserve">一、集群基本情况简介</w:t>' in xml
    toc = re.search(r'<w:instrText xml:space="preserve"> (TOC [^<]*) </w:instrText>', xml)
    if not draft:
        assert toc is None  # the official form has no 目录
        return
    assert toc.group(1) == 'TOC \\h \\z \\t "规划标题 1,1,规划标题 2,2,规划标题 3,3,规划标题 4,4"'
    cached = xml[toc.end():xml.index('w:fldCharType="end"', toc.end())]
    assert "一、集群基本情况简介" in cached and "（一）" in cached


def test_package_metadata_and_settings(example):
    built, draft = example
    p = parts(built)
    assert not [n for n in p if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")]
    core = docx.Document(io.BytesIO(built)).core_properties
    assert core.title == "泉山市青川县高端轴承特色产业集群 山东省特色产业集群申报表"
    assert core.author == "青川县工业和信息化局" and core.subject == "山东省特色产业集群申报表（附件2）"
    assert core.keywords == ("草稿" if draft else "")
    app_xml = p["docProps/app.xml"].decode()
    assert "<Application>docgen" in app_xml and "Macintosh" not in app_xml
    assert "<Words>0</Words>" not in app_xml and "<Pages>" not in app_xml
    settings_xml = p["word/settings.xml"].decode()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings_xml
    assert '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' in settings_xml
    for name, data in p.items():
        if name.endswith(".xml"):
            assert not any(j in data.decode() for j in JAPANESE), name


def test_finish_package_cleans_a_python_docx_default_document():
    d = docx.Document()
    d.add_paragraph("正文")
    buf = io.BytesIO()
    d.save(buf)
    raw = buf.getvalue()
    assert b"stylesWithEffects" in raw and b"thumbnail" in raw  # what python-docx starts from
    out = finish_package(raw, title="推荐汇总表", subject="附件1", author="泉山市工业和信息化局", when=WHEN)
    p = parts(out)
    assert "docProps/thumbnail.jpeg" not in p and "word/stylesWithEffects.xml" not in p
    assert not [n for n in p if n.startswith("customXml")]
    rels = b"".join(v for k, v in p.items() if k.endswith(".rels"))
    assert b"thumbnail" not in rels and b"stylesWithEffects" not in rels and b"customXml" not in rels
    for name, data in p.items():
        if name.endswith(".xml"):
            assert not any(j in data.decode() for j in JAPANESE), name
    assert b'<w:zoom w:percent="100"/>' in p["word/settings.xml"]
    core = docx.Document(io.BytesIO(out)).core_properties
    assert (core.title, core.subject, core.author) == ("推荐汇总表", "附件1", "泉山市工业和信息化局")
    assert finish_package(raw, title="推荐汇总表", when=WHEN) == finish_package(raw, title="推荐汇总表", when=WHEN)
    counted = parts(finish_package(raw, title="t", when=WHEN, count_words=True))["docProps/app.xml"].decode()
    assert "<Words>2</Words><Characters>2</Characters><Paragraphs>1</Paragraphs>" in counted


def test_writer_puts_property_children_in_schema_order():
    par = wx.paragraph(wx.run("文字", bold=True, italic=True, highlight="yellow"), "TableText", align="center",
                       keep_next=True, page_break=True, before_pt=6, outline=1)
    assert re.fullmatch(
        r'<w:p><w:pPr><w:pStyle w:val="TableText"/><w:keepNext/><w:pageBreakBefore/><w:spacing w:before="120"/>'
        r'<w:jc w:val="center"/><w:outlineLvl w:val="1"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/>'
        r'<w:b/><w:bCs/><w:i/><w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">文字</w:t></w:r></w:p>',
        par)
    cell = wx.cell(100, "<w:p/>", span=2, vmerge="restart")
    assert cell.index("tcW") < cell.index("gridSpan") < cell.index("vMerge") < cell.index("vAlign")


def test_user_text_keeps_docxtpl_markers_as_typed():
    assert wx.escape_text("a {_{ b }_} {_% %_} & <") == "a {&#95;{ b }&#95;} {&#95;% %&#95;} &amp; &lt;"


def _validator() -> Path | None:
    for candidate in (REPO.parent / "shared" / "ooxml" / "validate.py", Path("/work/shared/ooxml/validate.py")):
        if candidate.is_file():
            return candidate
    return None


def test_every_docx_validates_against_the_iso_schemas(example, tmp_path):
    """ISO/IEC 29500 transitional schemas (../shared/ooxml/validate.py beside the repository)."""
    script = _validator()
    if script is None:
        if os.environ.get("CI") == "true":
            pytest.fail("validate.py not found next to the repository (../shared/ooxml/validate.py)")
        pytest.skip("the OOXML schema validator is not installed here")
    built, draft = example
    files = [tmp_path / ("draft.docx" if draft else "final.docx"), default_template_path()]
    files[0].write_bytes(built)
    d = docx.Document()
    d.add_paragraph("x")
    buf = io.BytesIO()
    d.save(buf)
    files.append(tmp_path / "finished-default.docx")
    files[-1].write_bytes(finish_package(buf.getvalue(), title="t", when=WHEN))
    r = subprocess.run([sys.executable, str(script), *map(str, files)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_styles_name_east_asian_fonts_and_the_body_style_is_normal(example):
    built, _ = example
    styles = root(built, "word/styles.xml")
    for style in styles.iter(q("style")):
        if style.get(q("type")) == "paragraph":
            rf = style.find(f"{q('rPr')}/{q('rFonts')}")
            assert rf is not None and rf.get(q("eastAsia")), style.get(q("styleId"))
    normal = next(s for s in styles.iter(q("style")) if s.get(q("styleId")) == "Normal")
    assert normal.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == str(int(S.BODY.size_pt * 2))
    assert normal.find(f"{q('pPr')}/{q('ind')}").get(q("firstLineChars")) == "200"
