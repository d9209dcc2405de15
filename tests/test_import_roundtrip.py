"""build → import → build: the same text cell for cell, and equal cluster.yaml values."""
from __future__ import annotations

import datetime
import io
import zipfile
import shutil
from pathlib import Path

import pytest
from docx_text import paragraphs, tables

from docgen.evidence_list import evidence_rows
from docgen.importer import import_docx
from docgen.model import CheckState
from docgen.pipeline import load_application
from docgen.render.engine import render_application, template_bytes

ROOT = Path(__file__).resolve().parents[1]
WHEN = datetime.datetime(2024, 4, 20, 9, 0)
NOT_ON_FORM = "汇总表"  # the 附件1 fields: the 申报表 does not print them


def render(folder: Path) -> tuple[bytes, object]:
    app, findings = load_application(folder, draft=True)
    assert app is not None, findings.format_text()
    return render_application(app, template_bytes(None), draft=False, when=WHEN), app


def printed_names(app) -> dict[str, str]:
    """Each evidence file's path → the path an import gives it: the 佐证材料清单 prints the file
    under its 清单 number (evidence/55-标准….pdf is listed 16th: 16-标准….pdf, as in the package)."""
    return {row_use.path: f"evidence/{row.file}" for row, row_use in zip(evidence_rows(app), app.evidence)}


def _renamed(v, names: dict[str, str]):
    if isinstance(v, str):
        return names.get(v, v)
    if isinstance(v, (list, tuple)):
        return type(v)(_renamed(x, names) for x in v)
    if isinstance(v, dict):
        return {k: _renamed(x, names) for k, x in v.items()}
    if isinstance(v, CheckState):
        return CheckState(v.checked, _renamed(v.evidence, names))
    return v


def comparable(data: dict, names: dict[str, str] | None = None) -> dict:
    out = {}
    for sec, fields in data.items():
        if sec == NOT_ON_FORM:
            continue
        for k, v in fields.items():
            if isinstance(v, list) and v and hasattr(v[0], "loc"):  # TargetRow carries where it was written
                v = [(r.direction, r.indicator, r.unit, r.baseline, r.target) for r in v]
            out[(sec, k)] = _renamed(v, names or {})
    return out


def copy_evidence(src: Path, app, out: Path) -> None:
    """Import lists cited evidence as missing; the build needs the files, under the names printed."""
    for path, printed in printed_names(app).items():
        shutil.copy(src / path, out / printed)


def round_trip(src: Path, tmp: Path) -> tuple[bytes, bytes, object, object, object]:
    first, app1 = render(src)
    docx = tmp / "申报表.docx"
    docx.write_bytes(first)
    out = tmp / "imported"
    report = import_docx(docx, out)
    copy_evidence(src, app1, out)
    second, app2 = render(out)
    return first, second, app1, app2, report


@pytest.mark.parametrize("name", ["example", "linxi"])
def test_round_trip_same_text_and_values(name, tmp_path):
    first, second, app1, app2, report = round_trip(ROOT / "content" / name, tmp_path)
    assert paragraphs(second) == paragraphs(first)
    assert tables(second) == tables(first)
    assert comparable(app2.data) == comparable(app1.data, printed_names(app1))
    assert report.unmapped == []
    assert not report.hand_filled


def test_import_writes_commented_yaml_csv_plan_and_empty_evidence(tmp_path):
    first, _ = render(ROOT / "content" / "example")
    docx = tmp_path / "申报表.docx"
    docx.write_bytes(first)
    report = import_docx(docx, tmp_path / "new")
    out = tmp_path / "new"
    yaml_text = (out / "cluster.yaml").read_text(encoding="utf-8")
    assert "# 集群总产值（亿元）" in yaml_text and "# 来源：表3:行2" in yaml_text
    assert "标准: 标准.csv" in yaml_text
    assert (out / "有效发明专利.csv").read_text(encoding="utf-8-sig").count("\n") == 313
    plan = (out / "plan.md").read_text(encoding="utf-8")
    assert "# 集群基本情况简介" in plan and "# 一、" not in plan  # printed numbers left to the build
    assert "**总体规模稳步扩大。**2023年" in plan
    assert "1. 大兆瓦风电主轴轴承长寿命设计与制造技术；" in plan
    assert list((out / "evidence").iterdir()) == []
    assert "evidence/01-产业链图谱.pdf" in report.missing_evidence
    # listed under its 佐证材料清单 number (the file is evidence/56-… in the folder the form was built from)
    assert "  evidence/24-有效发明专利证书汇编.pdf" in report.format_text().splitlines()
    text = report.format_text()
    assert "申报表.docx:表3:行2: 二、主导产业情况 · 集群总产值（亿元） · 2021年：186.42" in text


def test_import_never_overwrites(tmp_path):
    from docgen.importer import FormReadError

    first, _ = render(ROOT / "content" / "example")
    docx = tmp_path / "申报表.docx"
    docx.write_bytes(first)
    dest = tmp_path / "old"
    dest.mkdir()
    (dest / "cluster.yaml").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(FormReadError, match="不覆盖"):
        import_docx(docx, dest)
    assert (dest / "cluster.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (dest / "plan.md").exists()


def with_styles_of(template: bytes, source: bytes) -> bytes:
    """`template` with the styles of `source` it lacks (by name), as a user copies them in Word
    (管理样式 ▸ 导入/导出) when the build asks for them; its own styles and pages stay as they were."""
    import io
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def styles(docx: bytes):
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            return etree.fromstring(z.read("word/styles.xml"))

    mine, theirs = styles(template), styles(source)
    names = {st.find(f"{w}name").get(f"{w}val") for st in mine.iter(f"{w}style") if st.find(f"{w}name") is not None}
    ids = {st.get(f"{w}styleId") for st in mine.iter(f"{w}style")}
    for st in theirs.iter(f"{w}style"):
        name = st.find(f"{w}name")
        if name is not None and name.get(f"{w}val") not in names:
            assert st.get(f"{w}styleId") not in ids, st.get(f"{w}styleId")
            mine.append(st)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = etree.tostring(mine, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if item.filename == "word/styles.xml" else zin.read(item.filename)
            zout.writestr(item, data)
    return out.getvalue()


def test_old_template_from_history(tmp_path):
    """A form built with the template of commit e04f5ee (before other helpers' changes: half-width
    brackets in labels, no （详见附表N）) still imports. That template lacks the styles the plan and
    the 附表 are now written with; they are added to it, as the build's message asks a user to."""
    import subprocess

    try:
        old = subprocess.run(["git", "-C", str(ROOT), "show", "e04f5ee:templates/申报表模板.docx"],
                             capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git history not available")
    app, _ = load_application(ROOT / "content" / "example", draft=True)
    docx = tmp_path / "old.docx"
    docx.write_bytes(render_application(app, with_styles_of(old, template_bytes(None)), draft=False, when=WHEN))
    report = import_docx(docx, tmp_path / "o")
    app2, _ = load_application(tmp_path / "o", draft=True)
    assert comparable(app2.data) == comparable(app.data, printed_names(app))
    assert report.unmapped == []


def _resave_with_libreoffice(src: Path, out_dir: Path) -> Path:
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    profile = out_dir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out_dir / "resaved"), str(src)],
                   check=True, capture_output=True, timeout=300)
    return out_dir / "resaved" / src.name


@pytest.mark.slow
@pytest.mark.parametrize("name", ["example", "linxi"])
def test_round_trip_after_libreoffice_resave(name, tmp_path):
    src = ROOT / "content" / name
    first, app1 = render(src)
    docx = tmp_path / "申报表.docx"
    docx.write_bytes(first)
    resaved = _resave_with_libreoffice(docx, tmp_path)
    out = tmp_path / "imported"
    report = import_docx(resaved, out)
    copy_evidence(src, app1, out)
    second, app2 = render(out)
    assert comparable(app2.data) == comparable(app1.data, printed_names(app1))
    assert paragraphs(second) == paragraphs(first)
    assert tables(second) == tables(first)
    assert report.unmapped == []


@pytest.mark.slow
def test_doc_file_through_libreoffice(tmp_path):
    """An old-format .doc (here: the example saved as .doc by LibreOffice) imports through conversion."""
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    src = ROOT / "content" / "example"
    first, app1 = render(src)
    docx = tmp_path / "申报表.docx"
    docx.write_bytes(first)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(tmp_path / "doc"), str(docx)],
                   check=True, capture_output=True, timeout=300)
    report = import_docx(tmp_path / "doc" / "申报表.doc", tmp_path / "out")
    app2, _ = load_application(tmp_path / "out", draft=True)
    assert comparable(app2.data) == comparable(app1.data, printed_names(app1))
    assert report.unmapped == []


def test_footnotes_come_back_as_footnotes(tmp_path):
    """A plan footnote prints as a superscript ① and a paragraph “注①：…”; the import writes
    [^1] and its text again, so the rebuilt form prints the same superscript mark."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "content" / "example", src)
    plan = src / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "建立产业链链长制。\n", "建立产业链链长制[^1]。\n\n[^1]: 链长由县级领导担任，见青政发〔2022〕5号。\n", 1),
        encoding="utf-8")
    first, second, app1, app2, report = round_trip(src, tmp_path)
    md = (tmp_path / "imported" / "plan.md").read_text(encoding="utf-8")
    assert "建立产业链链长制[^1]。" in md and "\n[^1]: 链长由县级领导担任，见青政发〔2022〕5号。\n" in md
    assert "注①：链长由县级领导担任，见青政发〔2022〕5号。" in paragraphs(second)
    assert paragraphs(second) == paragraphs(first)
    assert b'w:vertAlign w:val="superscript"' in zipfile.ZipFile(io.BytesIO(second)).read("word/document.xml")
    assert report.unmapped == []


def test_bold_edges_read_back_as_bold():
    """Punctuation at the edge of a bold run stays inside it (CJK-friendly emphasis), except
    non-CJK punctuation next to a Latin letter or digit, which moves just outside."""
    from markdown_it import MarkdownIt

    from docgen.importer.docx_read import Run
    from docgen.importer.plan_md import _inline
    from docgen.plan.emphasis import cjk_friendly_emphasis

    md = MarkdownIt("commonmark").use(cjk_friendly_emphasis)
    cases = [
        ([Run("加强人才支撑。", bold=True), Run("支持企业")], "**加强人才支撑。**支持企业", "加强人才支撑。"),
        ([Run("ABC"), Run("(注)", bold=True), Run("x")], "ABC(**注**)x", "注"),
        ([Run("见"), Run("“链主”", bold=True), Run("企业")], "见**“链主”**企业", "“链主”"),
    ]
    for runs, want, bold in cases:
        got = _inline(runs)
        assert got == want
        assert f"<strong>{bold}</strong>" in md.render(got)
