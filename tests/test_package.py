"""docgen package: the submission folder (正本/副本, evidence, MANIFEST) and its refusals."""
from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from docgen.package import (
    COPIES,
    EVIDENCE_DIR,
    EVIDENCE_LIST,
    MANIFEST,
    ORIGINAL,
    evidence_items,
    evidence_name,
    parse_manifest,
    run_package,
    LETTER_STEM,
    SUMMARY_STEM,
    copy_names,
    safe_name,
    stamp_copy,
    write_iso,
)
from docgen.pipeline import load_application

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
EXAMPLE_NAME = "泉山市青川县高端轴承特色产业集群"
LINXI_NAME = "泉山市临溪区智能农机装备特色产业集群"
CITY_TEXT = ('市级中小企业主管部门: 泉山市工业和信息化局\n联系人: 王立群\n手机: "13805390000"\n'
             "发文字号: 泉工信发〔2024〕12号\n签发人: 李建国\n成文日期: 2024-04-22\n")

HAS_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))


@pytest.fixture
def content(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "content"
    root.mkdir()
    shutil.copytree(CONTENT / "example", root / "example")
    shutil.copytree(CONTENT / "linxi", root / "linxi")
    (root / "city.yaml").write_text(CITY_TEXT, encoding="utf-8")
    return root


def patch(folder: Path, old: str, new: str) -> None:
    f = folder / "cluster.yaml"
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


def package(capsys, args, out, **kw) -> tuple[int, str]:
    code = run_package([Path(a) for a in args], out=Path(out), **kw)
    return code, capsys.readouterr().err


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if p.name.startswith(".")]


# --- pieces ------------------------------------------------------------------------------------


def test_stamp_is_first_paragraph_in_a_frame():
    doc = Document()
    doc.add_paragraph("附件2")
    doc.add_paragraph("山东省特色产业集群申报表")
    buf = io.BytesIO()
    doc.save(buf)
    import datetime as dt

    when = dt.datetime(2024, 4, 20, tzinfo=dt.UTC)
    stamped = stamp_copy(buf.getvalue(), "副本", when)
    assert stamped == stamp_copy(buf.getvalue(), "副本", when)  # deterministic
    back = Document(io.BytesIO(stamped))
    paras = back.paragraphs
    assert [p.text for p in paras] == ["副本", "附件2", "山东省特色产业集群申报表"]
    ppr = paras[0]._p.pPr
    frame = ppr.find(qn("w:framePr"))
    assert frame is not None and frame.get(qn("w:xAlign")) == "right"  # out of the flow: no room taken
    assert ppr.find(qn("w:pBdr")) is not None
    assert paras[0].alignment == 2  # right
    run = paras[0].runs[0]
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert run.font.size.pt == 16  # 三号


def test_evidence_names():
    assert evidence_name(1, 2, "evidence/01-产业链图谱.pdf") == "01-产业链图谱.pdf"
    assert evidence_name(15, 2, "evidence/55-标准制修订证明汇编.pdf") == "15-标准制修订证明汇编.pdf"
    assert evidence_name(3, 2, "evidence/sub/2023-年报.pdf") == "03-2023-年报.pdf"  # a year is not a number prefix
    assert evidence_name(7, 3, "evidence/图谱.pdf") == "007-图谱.pdf"
    assert safe_name('a/b:c*?"<>|') == "a_b_c______"


def test_evidence_items_follow_the_list_order(content):
    app, findings = load_application(content / "linxi")
    assert app is not None, findings.format_text()
    items = evidence_items(app)
    assert [i.source for i in items] == [u.path for u in app.evidence]
    assert [i.number for i in items] == list(range(1, len(items) + 1))
    assert items[0].name.startswith("01-")
    assert len({i.name for i in items}) == len(items)


def test_evidence_items_carry_the_list_statements(content):
    app, findings = load_application(content / "example")
    assert app is not None, findings.format_text()
    items = evidence_items(app)
    standards = next(i for i in items if "标准制修订证明汇编" in i.name)
    assert standards.statement == "附表1 第1–22项 标准制修订证明（主持13项、参与9项）"
    assert all("/" not in i.name for i in items)


def test_iso_keeps_chinese_names_and_bytes(tmp_path):
    import pycdlib

    root = tmp_path / "报送材料"
    (root / "01-泉山市青川县高端轴承特色产业集群" / "佐证材料").mkdir(parents=True)
    files = {
        "汇总表-正本.docx": b"docx" * 1000,
        "01-泉山市青川县高端轴承特色产业集群/申报表-正本.pdf": b"%PDF" + bytes(range(256)) * 40,
        "01-泉山市青川县高端轴承特色产业集群/佐证材料/01-产业链图谱.pdf": b"",
    }
    for rel, data in files.items():
        (root / rel).write_bytes(data)
    lines = [f"{len(d)}  {hashlib.sha256(d).hexdigest()}  {rel}" for rel, d in sorted(files.items())]
    (root / MANIFEST).write_text("# test\n" + "\n".join(lines) + "\n", encoding="utf-8")
    image = tmp_path / "报送材料.iso"
    write_iso(root, image, "泉山市2024年报送材料")
    _assert_iso_matches_manifest(image, root)
    iso = pycdlib.PyCdlib()
    iso.open(str(image))
    try:
        assert iso.has_joliet() and iso.has_rock_ridge()
        names = [c.file_identifier().decode("utf-16-be") for c in iso.list_children(joliet_path="/")
                 if not (c.is_dot() or c.is_dotdot())]
        assert "01-泉山市青川县高端轴承特色产业集群" in names and "汇总表-正本.docx" in names
    finally:
        iso.close()
    with open(image, "rb") as fh:  # the Joliet volume label (UCS-2) in the supplementary descriptor
        fh.seek(17 * 2048)
        svd = fh.read(2048)
    assert svd[0] == 2 and svd[40:72].decode("utf-16-be").rstrip() == "泉山市2024年报送材料"


def _assert_iso_matches_manifest(image: Path, root: Path) -> None:
    """Every file of the MANIFEST, read back from the image, has its size and SHA-256."""
    import pycdlib

    entries = parse_manifest((root / MANIFEST).read_text(encoding="utf-8"))
    assert entries
    iso = pycdlib.PyCdlib()
    iso.open(str(image))
    try:
        for size, sha, rel in entries:
            buf = io.BytesIO()
            iso.get_file_from_iso_fp(buf, joliet_path=f"/{rel}")
            assert len(buf.getvalue()) == size, rel
            assert hashlib.sha256(buf.getvalue()).hexdigest() == sha, rel
            buf = io.BytesIO()
            iso.get_file_from_iso_fp(buf, rr_path=f"/{rel}")
            assert hashlib.sha256(buf.getvalue()).hexdigest() == sha, rel
        buf = io.BytesIO()
        iso.get_file_from_iso_fp(buf, joliet_path=f"/{MANIFEST}")
        assert buf.getvalue() == (root / MANIFEST).read_bytes()
    finally:
        iso.close()


# --- refusals: nothing written ----------------------------------------------------------------


def test_failing_application_writes_nothing(content, tmp_path, capsys):
    patch(content / "linxi", "  集群占地面积: 12.4\n", "")
    out = tmp_path / "build" / "submission"
    code, err = package(capsys, sorted(content.iterdir()), out)
    assert code == 1
    assert "集群占地面积" in err and "未生成报送材料" in err
    assert not out.exists()
    assert not (tmp_path / "build").exists() or not leftovers(tmp_path / "build")


def test_refusal_keeps_the_previous_package(content, tmp_path, capsys):
    out = tmp_path / "submission"
    out.mkdir()
    (out / MANIFEST).write_text("# old\n", encoding="utf-8")
    (out / "old.txt").write_text("old", encoding="utf-8")
    other = content / "other"
    shutil.copytree(content / "linxi", other)
    patch(other, "所属市: 泉山市", "所属市: 青山市")
    patch(other, f"集群名称: {LINXI_NAME}", "集群名称: 青山市临溪区智能农机装备特色产业集群")
    code, err = package(capsys, [content / "example", other], out)
    assert code == 1 and "青山市" in err
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "old.txt"]
    assert not leftovers(tmp_path)


def test_too_many_and_duplicates_refused(content, tmp_path, capsys):
    out = tmp_path / "submission"
    code, err = package(capsys, [content / "example", content / "example"], out)
    assert code == 1 and "重复" in err
    folders = []
    for i, tag in enumerate("甲乙丙丁戊", 1):
        f = content / f"c{i}"
        shutil.copytree(content / "example", f)
        patch(f, f"集群名称: {EXAMPLE_NAME}", f"集群名称: 泉山市青川县高端轴承{tag}特色产业集群")
        folders.append(f)
    code, err = package(capsys, folders, out)
    assert code == 1 and "每个市择优推荐不超过4个集群" in err
    assert not out.exists()


def test_will_not_replace_a_folder_it_did_not_make(content, tmp_path, capsys):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "mine.docx").write_text("keep", encoding="utf-8")
    code, err = package(capsys, sorted(content.iterdir()), out)
    assert code == 1 and "MANIFEST" in err
    assert (out / "mine.docx").read_text(encoding="utf-8") == "keep"
    code, err = package(capsys, sorted(content.iterdir()), content)
    assert code == 1


# --- the whole folder (LibreOffice) -------------------------------------------------------------


def _first_paragraph(path: Path) -> str:
    return Document(str(path)).paragraphs[0].text


@pytest.mark.slow
@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice (soffice)")
def test_package_folder(content, tmp_path, capsys):
    # relative paths, as typed: docgen package content/* -o build/submission (city.yaml among them)
    args = sorted(Path("content").iterdir())
    code, err = package(capsys, args, Path("build") / "submission", iso=Path("build") / "报送材料.iso")
    assert code == 0, err
    out = tmp_path / "build" / "submission"
    assert not leftovers(out.parent)

    # the layout: the letter and the summary in 正本 + 2 副本, each with its PDF
    dirs = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert dirs == [f"01-{EXAMPLE_NAME}", f"02-{LINXI_NAME}"]
    assert (out / MANIFEST).is_file()
    for stem in (LETTER_STEM, SUMMARY_STEM):
        for i, name in enumerate(copy_names(stem)):
            assert (out / name).is_file() and (out / name).with_suffix(".pdf").read_bytes().startswith(b"%PDF")
            header = Document(str(out / name)).sections[0].header.paragraphs[0].text
            assert header == ("正本" if i == 0 else "副本")
    assert [p.name for p in out.glob("*.docx")] and not (out / "汇总表.docx").exists()

    # the letter's 附件说明 names exactly the attachments in the folder, each in 正本 + 2 副本
    import io as _io
    import re as _re

    from docgen.letter import attachments
    from docgen.summary import gather

    sub, _ = gather([Path(a) for a in args], None, err=_io.StringIO())
    letter = Document(str(out / copy_names(LETTER_STEM)[0]))
    listed = [_re.sub(r"^(附件：)?\d+．\t", "", p.text) for p in letter.paragraphs if p.style.name == "附件说明"]
    assert listed == [a.title for a in attachments(sub)]
    for att in attachments(sub):
        assert len(att.files) == 3
        for stem in att.files:
            assert (out / f"{stem}.docx").is_file() and (out / f"{stem}.pdf").is_file(), stem

    # the disc image holds every file of the MANIFEST, byte for byte
    _assert_iso_matches_manifest(tmp_path / "build" / "报送材料.iso", out)
    for d in dirs:
        folder = out / d
        for docx in (ORIGINAL, *COPIES):
            assert (folder / docx).is_file() and (folder / docx).with_suffix(".pdf").is_file()
            assert (folder / docx).with_suffix(".pdf").read_bytes().startswith(b"%PDF")
        assert (folder / EVIDENCE_LIST).is_file() and (folder / EVIDENCE_LIST).with_suffix(".pdf").is_file()
        # 正本 / 副本 marks: the first paragraph of each copy
        assert _first_paragraph(folder / ORIGINAL) == "正本"
        for docx in COPIES:
            assert _first_paragraph(folder / docx) == "副本"
        # the cover is still the first paragraphs after the mark
        assert Document(str(folder / ORIGINAL)).paragraphs[1].text.startswith("附件2")

    # evidence: numbered in the order of the 清单, same bytes as the originals
    app, _ = load_application(content / "linxi")
    ev = sorted((out / dirs[1] / EVIDENCE_DIR).iterdir())
    assert len(ev) == len(app.evidence)
    for n, (f, use) in enumerate(zip(ev, app.evidence), 1):
        assert f.name.startswith(f"{n:02d}-")
        assert f.read_bytes() == (content / "linxi" / use.path).read_bytes()
    listed = Document(str(out / dirs[1] / EVIDENCE_LIST)).tables[0]
    assert [r.cells[1].text for r in listed.rows[1:]] == [f.name for f in ev]

    # the manifest lists every file with its size and hash
    text = (out / MANIFEST).read_text(encoding="utf-8")
    assert text.startswith("#")
    entries = parse_manifest(text)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert [e[2] for e in entries] == files
    assert [e[2] for e in entries] == sorted(e[2] for e in entries)
    for size, sha, rel in entries:
        data = (out / rel).read_bytes()
        assert size == len(data)
        assert sha == hashlib.sha256(data).hexdigest()

    # the cover with its mark is one page: page 1 holds the mark and the cover's foot
    if shutil.which("pdftotext"):
        for docx in (ORIGINAL, COPIES[0]):
            pdf = out / dirs[0] / Path(docx).with_suffix(".pdf")
            page1 = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=False,
                                   capture_output=True, text=True).stdout
            assert ("正本" if docx == ORIGINAL else "副本") in page1
            assert "山东省工业和信息化厅" in page1

    # a second run replaces the package; the .docx files are byte-identical
    before = {rel: (out / rel).read_bytes() for rel in files if rel.endswith(".docx")}
    (out / "stray.txt").write_text("x", encoding="utf-8")
    code, err = package(capsys, args, out)
    assert code == 0, err
    assert not (out / "stray.txt").exists()
    for rel, data in before.items():
        assert (out / rel).read_bytes() == data, rel


def test_iso_refuses_names_joliet_cannot_hold(tmp_path):
    from docgen.disc import DiscError

    root = tmp_path / "pkg"
    root.mkdir()
    (root / ("很长的文件名" * 11 + ".pdf")).write_bytes(b"x")
    with pytest.raises(DiscError, match="超过 64 个字符"):
        write_iso(root, tmp_path / "x.iso", "泉山市2024年报送材料")
    assert not (tmp_path / "x.iso").exists()


def test_iso_option_checked_before_anything_is_written(content, tmp_path, capsys):
    code, err = package(capsys, [content / "example"], tmp_path / "out", iso=tmp_path / "out" / "disc.iso")
    assert code == 1 and "不能放在报送材料文件夹" in err
    code, err = package(capsys, [content / "example"], tmp_path / "out", iso=tmp_path / "disc.img")
    assert code == 1 and "应以 .iso 结尾" in err
    assert not (tmp_path / "out").exists()


def test_package_needs_the_letter_keys(content, tmp_path, capsys):
    (content / "city.yaml").write_text(CITY_TEXT.replace("签发人: 李建国\n", ""), encoding="utf-8")
    code, err = package(capsys, [content / "example"], tmp_path / "out")
    assert code == 1
    assert "需要“签发人”" in err and "未生成报送材料" in err
    assert not (tmp_path / "out").exists()


def test_volume_label(content):
    import io as _io

    from docgen.package import volume_label
    from docgen.summary import gather

    sub, _ = gather([content / "example"], None, err=_io.StringIO())
    assert volume_label(sub) == "泉山市2024年报送材料"
