"""What templates/申报表模板.docx must satisfy: it is a Word file people edit, not a generated artefact."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from docx_text import norm, paragraphs, parts, q, root, tables

from docgen import settings as S
from docgen.form import kinds
from docgen.form import text as T
from docgen.form.spec import SECTIONS
from docgen.pipeline import load_application
from docgen.render.context import build_context
from docgen.render.engine import default_template_path, jinja_env, render_application
from docgen.render.fragments import build_fragments
from docgen.render.template_kit import split_hint
from docgen.word import styles as ws

EXAMPLE = Path(__file__).resolve().parents[1] / "content" / "example"
WHEN = dt.datetime(2024, 4, 20, tzinfo=dt.timezone.utc)
# labels the form prints in another shape than the field's label
PRINTED_OTHERWISE = {"二氧化碳排放量计算公式"}  # as 计算公式： in the note cell (T.CO2_FORMULA_PREFIX)


def template() -> bytes:
    return default_template_path().read_bytes()


def template_text() -> str:
    xml = parts(template())["word/document.xml"].decode()
    return norm("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)))


@pytest.fixture(scope="module")
def example_app():
    app, findings = load_application(EXAMPLE)
    assert app is not None, findings.format_text()
    return app


def test_every_tag_resolves(example_app):
    xml = parts(template())["word/document.xml"].decode()
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
    tags = re.findall(r"\{\{p? (.*?) \}\}", text)
    assert len(tags) > 150
    ctx = build_context(example_app, build_fragments(example_app, draft=False), draft=False)
    env = jinja_env()
    for expr in tags:
        env.from_string("{{ " + expr + " }}").render(ctx)  # StrictUndefined: a missing name raises


def test_every_label_of_the_form_is_present():
    text = template_text()
    for fixed in (T.ATTACHMENT, T.TITLE, T.ISSUER, T.COVER_NAME, T.COVER_REGION, T.COVER_OPERATOR, T.COVER_DATE,
                  T.COVER_CONTACT, T.INSTRUCTIONS_TITLE, *T.INSTRUCTIONS):
        assert norm(fixed) in text, fixed
    for sec in SECTIONS:
        if not re.match(r"[一二三四五六七八九]、", sec.heading):
            continue  # the cover and the 汇总表's fields are not rows of the form
        assert norm(sec.heading) in text, sec.heading
        for f in sec.fields:
            if isinstance(f, (kinds.Evidence, kinds.TargetRows)) or f.key in PRINTED_OTHERWISE:
                continue
            label, _hint = split_hint(f.label)
            assert norm(label) in text, f"{sec.key}.{f.key}: {label}"


def test_styles_fonts_and_page():
    styles = root(template(), "word/styles.xml")
    ids = {s.get(q("styleId")): s for s in styles.iter(q("style"))}
    for sid in (ws.NORMAL, *ws.PLAN_HEADINGS.values(), ws.TABLE_TEXT, ws.TABLE_HEADER, ws.APPENDIX_TITLE,
                ws.APPENDIX_TABLE_TEXT, ws.APPENDIX_TABLE_HEADER, ws.TABLE_OPTION, ws.TABLE_HINT, ws.TABLE_GRID,
                *ws.TOC_LEVELS.values(), ws.TOC_HEADING):
        assert sid in ids, f"模板缺少样式 {sid}"
    for sid, style in ids.items():
        if style.get(q("type")) == "paragraph":
            rf = style.find(f"{q('rPr')}/{q('rFonts')}")
            assert rf is not None and rf.get(q("eastAsia")), sid
    assert "ja-JP" not in parts(template())["word/styles.xml"].decode()
    for sect in root(template()).iter(q("sectPr")):
        pg, m = sect.find(q("pgSz")), sect.find(q("pgMar"))
        assert (int(pg.get(q("w"))), int(pg.get(q("h")))) == (S.PAGE_WIDTH_TW, S.PAGE_HEIGHT_TW)
        assert [int(m.get(q(k))) for k in ("top", "bottom", "left", "right")] == \
            [S.MARGIN_TOP_TW, S.MARGIN_BOTTOM_TW, S.MARGIN_LEFT_TW, S.MARGIN_RIGHT_TW]


def _row_labels(built: bytes) -> list[str]:
    return [norm(row[0]) for t in tables(built) for row in t if row]


def test_a_template_edited_like_a_person_would_is_what_gets_built(example_app):
    """Change 正文's size and move one row of 一、基本情况 in python-docx, as in Word; build; see both."""
    d = docx.Document(io.BytesIO(template()))
    d.styles["Normal"].font.size = Pt(15)  # 小三
    area = norm("集群占地面积")
    table = next(t for t in d.tables if any(norm(r.cells[0].text).startswith(area) for r in t.rows))
    rows = list(table.rows)
    i = next(k for k, r in enumerate(rows) if norm(r.cells[0].text).startswith(area))
    below = norm(rows[i + 1].cells[0].text)
    rows[i + 1]._tr.addnext(rows[i]._tr)  # the row moves one down
    buf = io.BytesIO()
    d.save(buf)

    built = render_application(example_app, buf.getvalue(), when=WHEN)
    normal = next(s for s in root(built, "word/styles.xml").iter(q("style")) if s.get(q("styleId")) == "Normal")
    assert normal.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "30"
    body = root(built)
    plan_body = [p for p in body.iter(q("p"))
                 if (s := p.find(f"{q('pPr')}/{q('pStyle')}")) is not None and s.get(q("val")) == "Normal"]
    assert len(plan_body) > 20 and not any(p.find(f".//{q('sz')}") is not None for p in plan_body)
    labels = _row_labels(built)
    moved = next(k for k, label in enumerate(labels) if label.startswith(area))
    assert labels[moved - 1] == below
    original = _row_labels(render_application(example_app, template(), when=WHEN))
    assert sorted(labels) == sorted(original) and labels != original


@pytest.mark.slow
def test_the_template_saved_by_libreoffice_builds_the_same_text(example_app, tmp_path):
    from docgen.pdf import find_soffice, soffice_env

    soffice = find_soffice()
    assert soffice, "LibreOffice (soffice) is needed"
    src = tmp_path / "in" / S.TEMPLATE_FILE
    src.parent.mkdir()
    src.write_bytes(template())
    out = tmp_path / "out"
    profile = tmp_path / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=S.SOFFICE_TIMEOUT_S, env=soffice_env(profile))
    resaved = (out / S.TEMPLATE_FILE).read_bytes()
    assert resaved != template()
    with zipfile.ZipFile(io.BytesIO(resaved)) as z:
        assert "word/document.xml" in z.namelist()

    def text(docx_bytes: bytes) -> list[str]:
        return [t for t in (unicodedata.normalize("NFKC", p).strip() for p in paragraphs(docx_bytes)) if t]

    expected = text(render_application(example_app, template(), when=WHEN))
    built = render_application(example_app, resaved, when=WHEN)
    assert text(built) == expected
    _assert_styles_resolve(built)


def _assert_styles_resolve(built: bytes) -> None:
    """Every style reference names a style of the package, and the plan's headings keep theirs."""
    styles = {s.get(q("styleId")): s.find(q("name")).get(q("val"))
              for s in root(built, "word/styles.xml").iter(q("style"))}
    used = [p.get(q("val")) for tag in ("pStyle", "rStyle", "tblStyle") for p in root(built).iter(q(tag))]
    assert all(u in styles for u in used), sorted(set(used) - set(styles))
    names = {styles[u].casefold() for u in used}
    assert {"规划标题 1", "规划标题 2", "附表标题", "附表文字", "表格文字", "勾选框"} <= names


def _with_styles_xml(edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(template()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/styles.xml":
                data = edit(data.decode()).encode()
            out.writestr(item, data)
    return buf.getvalue()


def test_styles_are_found_by_name_whatever_their_ids(example_app):
    """Another program may give the styles other ids (LibreOffice: 规划标题 1 → "1", 附表文字 → "Style34")."""
    renamed = _with_styles_xml(lambda x: x.replace('w:styleId="PlanHeading1"', 'w:styleId="1"')
                               .replace('w:styleId="AppendixTableText"', 'w:styleId="Style34"')
                               .replace('w:val="AppendixTableText"', 'w:val="Style34"'))
    built = render_application(example_app, renamed, when=WHEN)
    _assert_styles_resolve(built)
    xml = parts(built)["word/document.xml"].decode()
    assert 'w:val="PlanHeading1"' not in xml and '<w:pStyle w:val="1"/>' in xml


def test_a_template_without_a_needed_style_is_refused_by_name(example_app):
    from docgen.render.context import RenderError

    broken = _with_styles_xml(lambda x: x.replace('<w:name w:val="规划标题 2"/>', '<w:name w:val="我的标题"/>'))
    with pytest.raises(RenderError, match="模板缺少样式：规划标题 2"):
        render_application(example_app, broken, when=WHEN)


def test_only_the_styles_of_generated_parts_are_required(example_app):
    """The cover's and 九's styles belong to the template's own pages: renamed, the build follows."""
    renamed = _with_styles_xml(lambda x: x.replace('<w:name w:val="封面栏目值"/>', '<w:name w:val="我的封面值"/>')
                               .replace('<w:name w:val="声明日期"/>', '<w:name w:val="我的日期"/>'))
    built = render_application(example_app, renamed, when=WHEN)
    assert norm("泉山市青川县高端轴承特色产业集群") in norm("".join(paragraphs(built)))
    assert set(ws.style_names()).isdisjoint(ws.FORM_PAGE_STYLES)


@pytest.mark.slow
def test_the_wheel_ships_the_templates(tmp_path):
    """`pip install .` (not editable) must build from the shipped templates: the wheel holds them."""
    import sys

    root_dir = Path(__file__).resolve().parents[1]
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                        "-w", str(tmp_path), str(root_dir)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    wheel = next(tmp_path.glob("docgen-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        shipped = {n: z.read(n) for n in z.namelist() if n.startswith("docgen/templates/")}
    expected = {f"docgen/templates/{p.name}": p.read_bytes() for p in (root_dir / "templates").glob("*.docx")}
    assert shipped == expected and f"docgen/templates/{S.TEMPLATE_FILE}" in shipped
