"""docgen letter: the city's 正式推荐文件 as a GB/T 9704-2012 公文, asserted from its XML."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from finished_docx import validate

from docgen.letter import attachments, letter_docx, run_letter
from docgen.letter.content import break_title, title_words, width
from docgen.package import FORM_STEM, SUMMARY_STEM, app_folder_name, copy_names
from docgen.summary import gather

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
HAS_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
CITY = (
    '市级中小企业主管部门: 泉山市工业和信息化局\n联系人: 王立群\n手机: "13805390000"\n'
    "发文字号: 泉工信发〔2024〕12号\n签发人: 李建国\n成文日期: 2024-04-22\n"
)
TW_PER_MM = 1440 / 25.4


@pytest.fixture
def content(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "content"
    root.mkdir()
    shutil.copytree(CONTENT / "example", root / "example")
    shutil.copytree(CONTENT / "linxi", root / "linxi")
    (root / "city.yaml").write_text(CITY, encoding="utf-8")
    return root


def submission(content: Path, city: str | None = None):
    if city is not None:
        (content / "city.yaml").write_text(city, encoding="utf-8")
    sub, code = gather([content / "example", content / "linxi"], None, err=io.StringIO())
    assert sub is not None, code
    return sub


@pytest.fixture
def letter(content):
    sub = submission(content)
    data = letter_docx(sub)
    return sub, data, Document(io.BytesIO(data))


def _style(doc, name):
    return doc.styles[name]


def _paragraph(doc, style_name):
    return [p for p in doc.paragraphs if p.style.name == style_name]


# --- geometry ---------------------------------------------------------------------------------


def test_page_margins_type_area_and_grid(letter):
    _, _, doc = letter
    sect = doc.sections[-1]._sectPr
    size, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    w, h = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    assert (round(w / TW_PER_MM), round(h / TW_PER_MM)) == (210, 297)  # A4 portrait
    top, bottom = int(mar.get(qn("w:top"))), int(mar.get(qn("w:bottom")))
    left, right = int(mar.get(qn("w:left"))), int(mar.get(qn("w:right")))
    assert [round(v / TW_PER_MM) for v in (top, left, right, bottom)] == [37, 28, 26, 35]
    assert round((w - left - right) / TW_PER_MM) == 156 and round((h - top - bottom) / TW_PER_MM) == 225
    grid = sect.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch")))
    assert grid.get(qn("w:type")) in ("lines", "linesAndChars")
    assert (h - top - bottom) // pitch == 22  # 22 lines a page
    # 28 characters a line: 三号 (16 pt) set so that 28 fill the 156 mm
    body = _style(doc, "公文正文").element
    size_pt = int(body.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val"))) / 2
    tighten = body.find(qn("w:rPr")).find(qn("w:spacing"))
    pitch_pt = size_pt + (int(tighten.get(qn("w:val"))) / 20 if tighten is not None else 0)
    assert int((w - left - right) / 20 / pitch_pt) == 28


def test_fonts_sizes_and_red(letter):
    _, _, doc = letter

    def rpr(name):
        return _style(doc, name).element.find(qn("w:rPr"))

    def size(name):
        return int(rpr(name).find(qn("w:sz")).get(qn("w:val"))) / 2

    def east_asia(name):
        return rpr(name).find(qn("w:rFonts")).get(qn("w:eastAsia"))

    assert size("公文标题") == 22 and east_asia("公文标题") == "方正小标宋简体"  # 二号 小标宋
    assert size("公文正文") == 16 and east_asia("公文正文") == "仿宋"  # 三号 仿宋
    assert east_asia("发文机关标志") == "方正小标宋简体"
    assert rpr("发文机关标志").find(qn("w:color")).get(qn("w:val")).upper() == "FF0000"
    # the red separator line under the 发文字号, as wide as the type area (no indents)
    number = _style(doc, "发文字号").element.find(qn("w:pPr"))
    line = number.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert line.get(qn("w:color")).upper() == "FF0000" and line.get(qn("w:val")) != "nil"
    (p,) = _paragraph(doc, "发文字号")
    assert p.paragraph_format.left_indent in (None, 0) and p.paragraph_format.right_indent in (None, 0)
    # every style names an East Asian font
    for style in doc.styles:
        fonts = style.element.find(qn("w:rPr"))
        if fonts is not None and fonts.find(qn("w:rFonts")) is not None:
            assert fonts.find(qn("w:rFonts")).get(qn("w:eastAsia")), style.name


def test_head_title_and_text(letter):
    sub, _, doc = letter
    (mark,) = _paragraph(doc, "发文机关标志")
    assert mark.text == "泉山市工业和信息化局文件"
    (number,) = _paragraph(doc, "发文字号")
    assert re.fullmatch(r"\t泉工信发〔2024〕12号\t签发人：李建国", number.text)
    (title,) = _paragraph(doc, "公文标题")
    assert title.text.replace("\n", "") == "关于推荐2024年度山东省特色产业集群的报告"
    assert _paragraph(doc, "主送机关")[0].text == "山东省工业和信息化厅："
    body = "".join(p.text for p in _paragraph(doc, "公文正文"))
    assert "山东省工业和信息化厅关于组织推荐2024年度山东省特色产业集群的通知" in body
    assert "县级申报、市级初审、实地审查" in body
    # the clusters in the summary's order
    positions = [body.index(row.name) for row in sub.rows]
    assert positions == sorted(positions) and len(positions) == 2
    assert body.endswith("特此报告。")


def test_date_signature_note(letter):
    _, _, doc = letter
    (date,) = _paragraph(doc, "成文日期")
    assert date.text == "2024年4月22日"
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", date.text)  # Arabic numerals, no zero padding
    (sig,) = _paragraph(doc, "发文机关署名")
    assert sig.text == "泉山市工业和信息化局"
    # the seal's room: blank lines between the text (附件说明) and the 署名
    paras = doc.paragraphs
    i = [p.text for p in paras].index(sig.text)
    assert paras[i - 1].text == "" and paras[i - 2].text == ""
    assert paras[i + 1].text == date.text
    (note,) = _paragraph(doc, "附注")
    assert note.text == "（联系人：王立群，联系电话：13805390000）"


def test_attachments_are_the_packages(letter):
    sub, _, doc = letter
    shown = [re.sub(r"^(附件：)?\d+．\t", "", p.text) for p in _paragraph(doc, "附件说明")]
    assert _paragraph(doc, "附件说明")[0].text.startswith("附件：1．")
    expected = attachments(sub)
    assert shown == [a.title for a in expected]
    assert shown[0] == "2024年度山东省特色产业集群推荐汇总表"
    assert shown[1:] == [f"山东省特色产业集群申报表（{r.name}）" for r in sub.rows]
    # each attachment is the files `package` writes under that name
    assert expected[0].files == tuple(n.removesuffix(".docx") for n in copy_names(SUMMARY_STEM))
    for i, (att, app) in enumerate(zip(expected[1:], sub.apps), 1):
        folder = app_folder_name(i, app)
        assert att.files == tuple(f"{folder}/{n.removesuffix('.docx')}" for n in copy_names(FORM_STEM))


def test_record_and_page_numbers(letter):
    _, data, doc = letter
    record = _paragraph(doc, "版记")
    assert [p.text for p in record] == ["\t泉山市工业和信息化局办公室\t2024年4月22日印发"]
    bdr = record[0]._p.pPr.find(qn("w:pBdr"))
    assert {c.tag.split("}")[1] for c in bdr} >= {"top", "bottom"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        settings = z.read("word/settings.xml").decode()
        footers = {n: z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")}
    assert "<w:evenAndOddHeaders/>" in settings
    sect = doc.sections[-1]
    odd, even = sect.footer.paragraphs[0], sect.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment in (0, None)  # odd right, even left
    assert odd._p.pPr.find(qn("w:ind")).get(qn("w:right")) and even._p.pPr.find(qn("w:ind")).get(qn("w:left"))
    for xml in footers.values():
        assert "PAGE" in xml and "— " in xml and " —" in xml
    style = doc.styles["页码"].element.find(qn("w:rPr"))
    assert int(style.find(qn("w:sz")).get(qn("w:val"))) == 28  # 四号
    assert style.find(qn("w:rFonts")).get(qn("w:ascii")) == "宋体"  # half-width 宋体 digits


def test_clean_package(letter):
    _, data, _ = letter
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        parts = {n: z.read(n).decode("utf-8") for n in names if n.endswith(".xml") or n.endswith(".rels")}
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)
    everything = "".join(parts.values())
    for bad in ("ja-JP", "ＭＳ", "MS Mincho", "python-docx"):
        assert bad not in everything
    assert 'w:name="compatibilityMode"' in parts["word/settings.xml"] and 'w:val="15"' in parts["word/settings.xml"]
    assert 'w:eastAsia="zh-CN"' in parts["word/settings.xml"]
    assert '<w:zoom w:percent="100"/>' in parts["word/settings.xml"]
    core = parts["docProps/core.xml"]
    assert "关于推荐2024年度山东省特色产业集群的报告" in core and "泉山市工业和信息化局" in core
    app = parts["docProps/app.xml"]
    assert "<Application>docgen " in app and "<Pages>" not in app and "Macintosh" not in app
    assert "<Company>泉山市工业和信息化局</Company>" in app and "<Words>" in app
    assert "关于推荐2024年度山东省特色产业集群的报告" in app


def test_schema_valid(letter, tmp_path):
    _, data, _ = letter
    out = tmp_path / "推荐文件.docx"
    out.write_bytes(data)
    validate([out])


def test_deterministic(content):
    sub = submission(content)
    assert letter_docx(sub) == letter_docx(sub)


# --- the title --------------------------------------------------------------------------------


def test_title_breaks_between_words_as_a_trapezoid():
    lines = break_title(title_words("报告"))
    assert lines == ["关于推荐2024年度", "山东省特色产业集群的报告"]
    assert all(width(a) <= width(b) for a, b in zip(lines, lines[1:]))
    # never inside a word: every line is a concatenation of whole words
    words = ["关于", "进一步", "做好", "中小企业", "特色产业集群", "培育", "认定", "工作", "的通知"]
    lines = break_title(words, max_chars=12)
    assert "".join(lines) == "".join(words) and all(width(x) <= 12 for x in lines)
    pos, bounds = 0, {0}
    for w in words:
        pos += len(w)
        bounds.add(pos)
    pos = 0
    for line in lines:
        pos += len(line)
        assert pos in bounds
    assert break_title(["关于", "推荐", "的函"]) == ["关于推荐的函"]


def test_genres(content):
    sub = submission(content, CITY + "文种: 函\n")
    doc = Document(io.BytesIO(letter_docx(sub)))
    assert _paragraph(doc, "发文机关标志")[0].text == "泉山市工业和信息化局"  # 信函格式: no 文件
    assert _paragraph(doc, "发文字号")[0].text == "泉工信发〔2024〕12号"  # no 签发人 on a 函
    assert _paragraph(doc, "公文标题")[0].text.replace("\n", "").endswith("的函")
    sub = submission(content, CITY + "文种: 请示\n")
    doc = Document(io.BytesIO(letter_docx(sub)))
    assert "".join(p.text for p in _paragraph(doc, "公文正文")).endswith("妥否，请批示。")
    sub = submission(content, CITY + "抄送: [泉山市人民政府办公室, 山东省中小企业局]\n印发日期: 2024年4月23日\n")
    doc = Document(io.BytesIO(letter_docx(sub)))
    assert [p.text for p in _paragraph(doc, "版记")] == [
        "\t抄送：泉山市人民政府办公室，山东省中小企业局。", "\t泉山市工业和信息化局办公室\t2024年4月23日印发"]


# --- city.yaml keys and the command -------------------------------------------------------------


@pytest.mark.parametrize("extra, line, words", [
    ("文种: 通知\n", 7, "文种“通知”不可用"),
    ("文种: 报告\n发文字号: 泉工信发[2024]12号\n", 7, "六角括号"),
    ("发文字号: 泉工信发〔2024〕012号\n", 6, "不编虚位"),
    ("成文日期: 2024-13-01\n", 6, "不是有效日期"),
    ("抄送: \n", 7, "抄送"),
    ("印发日期: 2024-04-01\n", 7, "印发日期早于成文日期"),
])
def test_bad_letter_keys_are_located(content, capsys, extra, line, words):
    text = CITY
    for key in ("发文字号", "成文日期"):
        if f"{key}:" in extra:
            text = "\n".join(x for x in text.splitlines() if not x.startswith(key)) + "\n"
    (content / "city.yaml").write_text(text + extra, encoding="utf-8")
    code = run_letter([content / "example"], out=content.parent / "out.docx")
    err = capsys.readouterr().err
    assert code == 1, err
    assert words in err
    assert re.search(rf"city\.yaml:{line}:\d+: 错误", err), err
    assert not (content.parent / "out.docx").exists()


def test_missing_keys_named(content, capsys):
    (content / "city.yaml").write_text(CITY.replace("签发人: 李建国\n", "").replace("发文字号: 泉工信发〔2024〕12号\n", ""),
                                       encoding="utf-8")
    code = run_letter([content / "example"], out=content.parent / "out.docx")
    err = capsys.readouterr().err
    assert code == 1
    assert "city.yaml:1:1: 错误: 生成推荐文件需要“发文字号”" in err
    assert "需要“签发人”（文种为“报告”）" in err
    # a 函 needs no 签发人
    (content / "city.yaml").write_text(CITY.replace("签发人: 李建国\n", "") + "文种: 函\n", encoding="utf-8")
    assert run_letter([content / "example"], out=content.parent / "out.docx") == 0


def test_command_writes_and_refuses(content, capsys):
    from docgen.cli import main

    with pytest.raises(SystemExit) as e:
        main(["letter", "content/example", "content/linxi", "-o", "build/推荐文件.docx"])
    assert e.value.code == 0, capsys.readouterr().err
    assert (content.parent / "build" / "推荐文件.docx").is_file()
    with pytest.raises(SystemExit) as e:
        main(["letter", "content/example", "-o", "推荐文件.pdf"])
    assert e.value.code == 2
    assert "用法错误" in capsys.readouterr().err


# --- the printed letter ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not HAS_SOFFICE or not shutil.which("pdftotext"), reason="needs LibreOffice and poppler")
def test_pdf_pages_and_record_at_the_foot(content, capsys):
    out = content.parent / "build" / "推荐文件.docx"
    assert run_letter([content / "example", content / "linxi"], out=out, pdf=True) == 0, capsys.readouterr().err
    pdf = out.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages % 2 == 0  # the 版记 is on an even page
    xml = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), "-bbox-layout", str(pdf), "-"],
                         capture_output=True, text=True).stdout
    mm = 25.4 / 72
    lines = []
    for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', xml, re.S):
        text = "".join(re.findall(r">([^<]*)</word>", m.group(5)))
        lines.append((float(m.group(2)) * mm, float(m.group(4)) * mm, float(m.group(1)) * mm, text))
    record = [ln for ln in lines if "印发" in ln[3]]
    assert record, lines
    # its last line ends on the type area's lower edge (297 − 35 = 262 mm), within one line
    assert 252 < max(ln[1] for ln in record) <= 263
    # the page number "— N —", below the type area, at the left on an even page
    number = [ln for ln in lines if re.fullmatch(rf"—\s*{pages}\s*—", ln[3])]
    assert number and number[0][0] > 262 and number[0][2] < 60


def test_output_under_a_file_is_a_chinese_error(content, capsys):
    blocker = content.parent / "报送"
    blocker.write_text("一个文件", encoding="utf-8")
    assert run_letter([content / "example"], out=blocker / "推荐文件.docx") == 1
    err = capsys.readouterr().err
    assert "无法写入" in err and "路径中有一段是文件而不是文件夹" in err, err
    assert "Not a directory" not in err and "Traceback" not in err
