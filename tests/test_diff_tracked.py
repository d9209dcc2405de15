"""`docgen diff OLD NEW --docx 修订稿.docx`: NEW's 申报表 with Word tracked changes against OLD."""
from __future__ import annotations

import datetime as _dt
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from diff_cases import EXAMPLE, copy_example, edit, ten_edits
from lxml import etree

from docgen.diff.command import run_diff
from docgen.diff.revisions import DEL, INS, accept_all, count_revisions, document_text, reject_all, w
from docgen.diff.tracked import tracked_docx
from docgen.pipeline import load_application
from docgen.render.engine import render_application, template_bytes

WHEN = _dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=_dt.timezone.utc)


def rendered(folder: Path) -> bytes:
    app, findings = load_application(folder)
    assert app is not None, findings.format_text()
    return render_application(app, template_bytes(None), when=WHEN)


def document(docx: bytes):
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


@pytest.fixture(scope="module")
def ten(tmp_path_factory):
    """(OLD .docx, NEW .docx, tracked .docx) for the example and its ten known edits."""
    new = ten_edits(tmp_path_factory.mktemp("diff") / "ten")
    old_doc, new_doc = rendered(EXAMPLE), rendered(new)
    result = tracked_docx(old_doc, new_doc, author="审核人", when=WHEN)
    return old_doc, new_doc, result


def test_ten_edits_are_ten_revisions(ten):
    _, _, result = ten
    assert result.revisions == 10
    assert count_revisions(document(result.docx)) == 10


def test_accepting_all_gives_the_new_text(ten):
    _, new_doc, result = ten
    root = document(result.docx)
    accept_all(root)
    assert document_text(root) == document_text(document(new_doc))
    assert not list(root.iter(INS)) and not list(root.iter(DEL))


def test_rejecting_all_gives_the_old_text(ten):
    old_doc, _, result = ten
    root = document(result.docx)
    reject_all(root)
    assert document_text(root) == document_text(document(old_doc))


def test_every_mark_has_author_date_and_its_own_id(ten):
    _, _, result = ten
    root = document(result.docx)
    marks = [*root.iter(INS), *root.iter(DEL)]
    assert marks
    assert {m.get(w("author")) for m in marks} == {"审核人"}
    assert {m.get(w("date")) for m in marks} == {"2024-05-06T07:08:09Z"}
    ids = [e.get(w("id")) for e in root.iter() if e.get(w("id")) is not None]
    assert len(ids) == len(set(ids))


def test_changed_places_hold_old_and_new_text(ten):
    _, _, result = ten
    root = document(result.docx)
    deleted = {"".join(t.text for t in d.iter(w("delText"))) for d in root.iter(DEL)}
    inserted = {"".join(t.text for t in i.iter(w("t"))) for i in root.iter(INS)}
    assert {"周", "6.08"} <= deleted
    assert {"王", "股份", "6.50"} <= inserted
    assert any("人才队伍不断壮大" in t for t in inserted)
    assert any("加强人才支撑" in t for t in deleted)


def _validator() -> Path | None:
    for base in (os.environ.get("DOCGEN_SHARED"), ROOT.parent / "shared", ROOT.parent.parent / "shared", "/work/shared"):
        if base and (Path(base) / "ooxml" / "validate.py").is_file():
            return Path(base) / "ooxml" / "validate.py"
    return None


def test_tracked_document_validates_against_the_schemas(ten, tmp_path):
    validator = _validator()
    if validator is None:
        pytest.skip("shared/ooxml/validate.py not found")
    _, _, result = ten
    path = tmp_path / "修订稿.docx"
    path.write_bytes(result.docx)
    r = subprocess.run([sys.executable, str(validator), str(path)], capture_output=True, text=True)
    # only the part this command writes; the others come unchanged from the renderer
    parts = {line.strip()[3:] for line in r.stdout.splitlines() if line.strip().startswith("-- ")}
    assert "word/document.xml" not in parts, r.stdout


def test_equal_versions_give_no_revisions():
    doc = rendered(EXAMPLE)
    result = tracked_docx(doc, doc, author="docgen", when=WHEN)
    assert result.revisions == 0
    assert not list(document(result.docx).iter(INS))


def test_rows_added_and_removed_in_a_list_table(tmp_path):
    new = copy_example(tmp_path / "new")
    csv = new / "标准.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[3]
    csv.write_text("".join(lines), encoding="utf-8")
    old_doc, new_doc = rendered(EXAMPLE), rendered(new)
    root = document(tracked_docx(old_doc, new_doc, author="docgen", when=WHEN).docx)
    deleted_rows = [tr for tr in root.iter(w("tr")) if tr.find(f"{w('trPr')}/{DEL}") is not None]
    assert len(deleted_rows) == 1
    accept_all(root)
    assert document_text(root) == document_text(document(new_doc))


def test_command_writes_the_tracked_copy(capsys, tmp_path):
    new = copy_example(tmp_path / "new")
    edit(new, "cluster.yaml", "集群占地面积: 18.6", "集群占地面积: 19.2")
    out = tmp_path / "修订稿.docx"
    assert run_diff(str(EXAMPLE), str(new), docx=out, author="县工信局") == 1
    err = capsys.readouterr().err
    assert "已生成修订稿" in err and "1 处修订" in err
    root = document(out.read_bytes())
    assert count_revisions(root) == 1
    assert {m.get(w("author")) for m in root.iter(INS)} == {"县工信局"}


def test_accept_and_reject_on_hand_written_xml():
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = f"""<w:document xmlns:w="{W}"><w:body>
      <w:p><w:r><w:t>甲</w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>乙</w:delText></w:r></w:del><w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>丙</w:t></w:r></w:ins></w:p>
      <w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr><w:del w:id="4" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删去的段</w:delText></w:r></w:del></w:p>
      <w:p><w:r><w:t>丁</w:t></w:r></w:p>
      <w:tbl><w:tr><w:trPr><w:ins w:id="5" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:trPr><w:tc><w:p><w:ins w:id="6" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>新行</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>
      <w:sectPr/></w:body></w:document>"""
    root = etree.fromstring(xml)
    assert count_revisions(root) == 3
    accept_all(root)
    assert document_text(root) == ["甲丙", "丁", "新行"]
    root = etree.fromstring(xml)
    reject_all(root)
    assert document_text(root) == ["甲乙", "删去的段", "丁"]


@pytest.mark.slow
def test_libreoffice_lists_and_accepts_the_changes(ten, tmp_path):
    """LibreOffice opens the tracked copy with its changes listed; accepting them all there
    gives exactly the text of NEW's document."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from lo_accept import LibreOffice

    _, new_doc, result = ten
    (tmp_path / "修订稿.docx").write_bytes(result.docx)
    (tmp_path / "新版.docx").write_bytes(new_doc)
    lo = LibreOffice(tmp_path / "lo")
    before, after, accepted = lo.text(tmp_path / "修订稿.docx", accept=True)
    assert before >= result.revisions == 10  # LibreOffice lists a deletion and an insertion apart
    assert after == 0
    _, _, expected = lo.text(tmp_path / "新版.docx", accept=False)
    assert accepted == expected


def _tick_box(app: Path) -> None:
    (app / "evidence" / "66-人力资源共享协议.pdf").write_bytes(b"%PDF-1.4\n")
    edit(app, "cluster.yaml", "人力资源共享: 否", "人力资源共享: evidence/66-人力资源共享协议.pdf")


def _patent_rows(app: Path) -> None:
    csv = app / "有效发明专利.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[5]
    lines.insert(9, "一种轴承游隙自动检测装置,ZL202310000001.1,发明专利,青川精工轴承有限公司,2013-06-01,"
                    "evidence/56-有效发明专利证书汇编.pdf\n")
    csv.write_text("".join(lines), encoding="utf-8")


def _plan_section_and_table(app: Path) -> None:
    plan = app / "plan.md"
    text = plan.read_text(encoding="utf-8").replace(
        "## （四）保障措施\n",
        "### 5.加强宣传推广\n\n| 年度 | 活动 |\n|---|---|\n| 2024 | 推介会 |\n\n每年举办轴承产业推介会。\n\n## （四）保障措施\n")
    plan.write_text(text.replace("**优质主体梯次成长。**", "**优质企业梯次成长。**"), encoding="utf-8")


def _many_plan_edits(app: Path) -> None:
    plan = app / "plan.md"
    text = plan.read_text(encoding="utf-8")
    for old, new in (("一是高端产品占比偏低", "一是高端产品比重偏低"), ("三是数字化转型不均衡，", ""),
                     ("**实施绿色低碳工程。**", "**实施绿色低碳提升工程。**")):
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("change", [_tick_box, _patent_rows, _plan_section_and_table, _many_plan_edits])
def test_accept_gives_new_and_reject_gives_old(tmp_path, change):
    new = copy_example(tmp_path / "new")
    change(new)
    old_doc, new_doc = rendered(EXAMPLE), rendered(new)
    result = tracked_docx(old_doc, new_doc, author="docgen", when=WHEN)
    assert result.revisions > 0
    accepted, rejected = document(result.docx), document(result.docx)
    accept_all(accepted)
    reject_all(rejected)
    assert document_text(accepted) == document_text(document(new_doc))
    assert document_text(rejected) == document_text(document(old_doc))


def test_a_faithless_tracked_copy_is_not_written(capsys, tmp_path, monkeypatch):
    from docgen.diff import command
    from docgen.diff.tracked import TrackedError

    def broken(*args, **kwargs):
        raise TrackedError("修订稿接受全部修订后与新版本的文字不一致")

    monkeypatch.setattr(command, "tracked_docx", broken)
    out = tmp_path / "修订稿.docx"
    assert run_diff(str(EXAMPLE), str(EXAMPLE), docx=out) == 3
    assert not out.exists()
    assert "内部错误" in capsys.readouterr().err
