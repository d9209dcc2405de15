"""PDF through LibreOffice: A4 pages, the cover on page 1, the declaration on the last form page,
real CJK faces. The slow tests run wherever soffice exists (CI installs it) and fail in CI
when it is missing; elsewhere they are skipped."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import DRAFT_DROPS, make_app, render

from docgen import pdf
from docgen.pdf import PdfError, convert_to_pdf, find_soffice

HAVE_SOFFICE = find_soffice() is not None and shutil.which("pdftotext") and shutil.which("pdfinfo")
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE and not os.environ.get("CI"),
                                   reason="LibreOffice/poppler 未安装（CI 中必须运行）")


def pdftext(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> tuple[Path, Path]:
    """The fixture's normal and draft 申报表, converted in ONE soffice run."""
    d = tmp_path_factory.mktemp("pdf")
    a, b = d / "normal.docx", d / "draft.docx"
    a.write_bytes(render(make_app()))
    b.write_bytes(render(make_app(draft=True, drop=DRAFT_DROPS), draft=True))
    out = convert_to_pdf([a, b], d / "out")
    assert [p.name for p in out] == ["normal.pdf", "draft.pdf"]
    return out[0], out[1]


@pytest.mark.slow
@needs_soffice
def test_a4_pages_and_count(pdfs):
    info = pdfinfo(pdfs[0])
    w, h = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert abs(w - 595.3) < 1 and abs(h - 841.9) < 1  # A4 in points
    pages = int(info["Pages"])
    assert 14 <= pages <= 40, pages


@pytest.mark.slow
@needs_soffice
def test_cover_first_then_numbered_pages(pdfs):
    first = pdftext(pdfs[0], 1)
    assert "山东省特色产业集群申报表" in flat(first)
    assert "山东省工业和信息化厅制" in flat(first)
    assert "—" not in first  # no page number on the cover
    second = pdftext(pdfs[0], 2)
    assert "填报说明" in flat(second)
    assert re.search(r"—\s*1\s*—", second)
    assert "一、基本情况" not in flat(second)  # 填报说明 has its page to itself


@pytest.mark.slow
@needs_soffice
def test_declaration_on_the_last_form_page(pdfs):
    pages = int(pdfinfo(pdfs[0])["Pages"])
    texts = [flat(pdftext(pdfs[0], i)) for i in range(1, pages + 1)]
    decl = [i for i, t in enumerate(texts) if "九、真实性声明及推荐意见" in t]
    assert len(decl) == 1
    page = texts[decl[0]]
    for s in ("本单位承诺此次申报山东省特色产业集群", "县级行政区划中小企业主管部门负责人（签字）",
              "县级行政区划中小企业主管部门（公章）", "推荐单位（公章）", "年月日"):
        assert s in page
    assert texts[decl[0] + 1].startswith("附表1") or "附表1" in texts[decl[0] + 1][:40]
    # the form's cells point to the 附表 (详见附表N); the 附表 themselves come after 九
    assert all(not re.search(r"附表\d集群", t) for t in texts[: decl[0]])


@pytest.mark.slow
@needs_soffice
def test_real_cjk_faces_and_draft_mark(pdfs):
    fonts = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True).stdout
    assert re.search(r"NotoSerifCJK|NotoSansCJK", fonts)
    assert "UMing" in fonts or "UKai" in fonts
    draft = pdftext(pdfs[1])
    assert draft.count("草稿") >= int(pdfinfo(pdfs[1])["Pages"])
    assert "【待填写：申报时间】" in flat(draft)


@pytest.mark.slow
@needs_soffice
def test_parallel_conversions_do_not_collide(tmp_path):
    src = tmp_path / "a.docx"
    src.write_bytes(render(make_app()))
    results, errors = [], []

    def run(i):
        d = tmp_path / f"run{i}"
        d.mkdir()
        shutil.copy(src, d / f"a{i}.docx")
        try:
            results.append(convert_to_pdf([d / f"a{i}.docx"], d))
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 2
    assert all(r[0].stat().st_size > 10000 for r in results)


# ---- fast checks ------------------------------------------------------------------------------


def test_missing_soffice_message(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "nowhere"))
    (tmp_path / "x.docx").write_bytes(b"")
    with pytest.raises(PdfError) as e:
        convert_to_pdf([tmp_path / "x.docx"], tmp_path)
    msg = str(e.value)
    assert "LibreOffice" in msg
    assert "apt-get install libreoffice-writer fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming" in msg


def test_timeout_ends_a_hung_soffice(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30 &\nsleep 30\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake))
    (tmp_path / "x.docx").write_bytes(b"")
    t = time.monotonic()
    with pytest.raises(PdfError) as e:
        convert_to_pdf([tmp_path / "x.docx"], tmp_path / "out", timeout=1)
    assert time.monotonic() - t < 10
    assert "超过" in str(e.value)


def test_private_profile_and_fontconfig(tmp_path, monkeypatch):
    """The soffice command line: a new UserInstallation per run and our FONTCONFIG_FILE."""
    seen = {}
    fake = tmp_path / "soffice"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/args.txt"\n'
                    'echo "$FONTCONFIG_FILE" > "$(dirname "$0")/env.txt"\n'
                    'for a in "$@"; do case "$a" in *.docx) b=$(basename "$a" .docx); '
                    'echo pdf > "$OUT/$b.pdf";; esac; done\n')
    fake.chmod(0o755)
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake))
    monkeypatch.setenv("OUT", str(tmp_path / "out"))
    for n in ("a", "b"):
        (tmp_path / f"{n}.docx").write_bytes(b"x")
    out = convert_to_pdf([tmp_path / "a.docx", tmp_path / "b.docx"], tmp_path / "out")
    assert [p.name for p in out] == ["a.pdf", "b.pdf"]
    args = (tmp_path / "args.txt").read_text().splitlines()
    seen["profile"] = next(a for a in args if a.startswith("-env:UserInstallation=file:///"))
    assert "--headless" in args and "--convert-to" in args
    assert sum(a.endswith(".docx") for a in args) == 2  # one run for both files
    assert (tmp_path / "env.txt").read_text().strip() == str(pdf.FONTS_CONF)
    profile_dir = Path(seen["profile"].split("file://", 1)[1])
    assert not profile_dir.exists()  # the private profile is removed after the run


def test_committed_fonts_conf_matches_settings():
    assert pdf.FONTS_CONF.read_text(encoding="utf-8") == pdf.fonts_conf_xml()
    text = pdf.fonts_conf_xml()
    assert "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>" in text
    for name, face in (("仿宋", "AR PL UMing CN"), ("黑体", "Noto Sans CJK SC"), ("楷体", "AR PL UKai CN"),
                       ("宋体", "Noto Serif CJK SC")):
        assert f"<string>{name}</string>" in text and f"<string>{face}</string>" in text


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig 未安装")
def test_fontconfig_maps_official_names():
    env = dict(os.environ, FONTCONFIG_FILE=str(pdf.FONTS_CONF))
    out = subprocess.run(["fc-match", "-f", "%{family}", "仿宋"], capture_output=True, text=True, env=env).stdout
    if "AR PL UMing" not in out and not os.environ.get("CI"):
        pytest.skip("AR PL UMing 未安装")
    assert "AR PL UMing" in out
