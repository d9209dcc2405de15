"""docgen summary: the 附件1 推荐汇总表 (rows cell by cell, landscape page, 简介, refusals)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen import settings
from docgen.briefing import BRIEF_LIMIT, brief_for, draft_brief
from docgen.pipeline import load_application
from docgen.summary import HEADERS, run_summary
from docgen.wordcount import word_count

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

EXAMPLE_NAME = "泉山市青川县高端轴承特色产业集群"
LINXI_NAME = "泉山市临溪区智能农机装备特色产业集群"
CITY_TEXT = """市级中小企业主管部门: 泉山市工业和信息化局
联系人: 王立群
手机: "13805390000"
"""


# --- fixtures ----------------------------------------------------------------------------------


def copy_app(src: str, dst: Path) -> Path:
    shutil.copytree(CONTENT / src, dst)
    return dst


def patch(folder: Path, old: str, new: str, count: int = 1) -> None:
    f = folder / "cluster.yaml"
    text = f.read_text(encoding="utf-8")
    assert old in text, old
    f.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(folder: Path, needle: str) -> int:
    for n, line in enumerate((folder / "cluster.yaml").read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


@pytest.fixture
def city(tmp_path: Path, monkeypatch) -> Path:
    """Work in tmp_path (messages show relative paths) with the city file in place."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "city.yaml"
    path.write_text(CITY_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def two(tmp_path: Path, city: Path) -> list[Path]:
    return [copy_app("example", tmp_path / "example"), copy_app("linxi", tmp_path / "linxi")]


def summarize(capsys, folders, **kw) -> tuple[int, str, str]:
    code = run_summary([Path(f) for f in folders], **kw)
    out = capsys.readouterr()
    return code, out.out, out.err


def table_rows(path: Path) -> list[list[str]]:
    doc = Document(str(path))
    assert len(doc.tables) == 1
    return [[c.text for c in row.cells] for row in doc.tables[0].rows]


# --- the table, cell by cell -------------------------------------------------------------------


def test_rows_cell_by_cell(two, tmp_path, capsys):
    out = tmp_path / "out" / "汇总表.docx"
    code, _, err = summarize(capsys, two, out=out)
    assert code == 0, err
    rows = table_rows(out)
    assert len(rows) == 3
    assert [h.replace("\n", "") for h in rows[0]] == list(HEADERS)

    example, _ = load_application(two[0])
    linxi, _ = load_application(two[1])
    assert rows[1] == [
        "1",
        EXAMPLE_NAME,
        "泉山市青川轴承产业园运营管理有限公司",
        "青川县",
        "高端轴承",
        "2008年9月",
        example.get("汇总表.集群简介"),
    ]
    assert rows[2][:6] == [
        "2",
        LINXI_NAME,
        "泉山临溪农机装备产业园管理委员会",
        "临溪区",
        "智能农机装备",
        "2012年5月",
    ]
    assert rows[2][6] == draft_brief(linxi)
    assert word_count(rows[2][6]) <= BRIEF_LIMIT


def test_order_given_is_the_order_of_rows(two, tmp_path, capsys):
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, list(reversed(two)), out=out)
    assert code == 0, err
    rows = table_rows(out)
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert [r[1] for r in rows[1:]] == [LINXI_NAME, EXAMPLE_NAME]


def east_asia(style) -> str | None:
    """The East Asian font a paragraph style gives (its own, else its base style's)."""
    while style is not None:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None and rpr.rFonts.get(qn("w:eastAsia")):
            return rpr.rFonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def test_heading_lines_and_fonts(two, tmp_path, capsys):
    out = tmp_path / "汇总表.docx"
    assert summarize(capsys, two, out=out)[0] == 0
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:4] == [
        "附件1",
        "2024年度山东省特色产业集群推荐汇总表",
        "市级中小企业主管部门：泉山市工业和信息化局（盖章）",
        "联系人和手机：王立群  13805390000",
    ]
    label, title = doc.paragraphs[0], next(p for p in doc.paragraphs if p.text.startswith("2024"))
    # fonts and sizes are the template's named styles (editable in Word), never set on a run
    assert east_asia(label.style) == "黑体" and label.style.font.size == Pt(16)  # 三号
    assert east_asia(title.style) == "方正小标宋简体" and title.style.font.size == Pt(22)  # 二号
    assert title.style.paragraph_format.alignment == 1  # centred
    # the table: text 仿宋 五号, header 黑体 五号
    table = doc.tables[0]
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            for p in cell.paragraphs:
                assert east_asia(p.style) == ("黑体" if r == 0 else "仿宋"), p.style.name
                assert p.style.font.size == Pt(10.5) or p.style.base_style.font.size == Pt(10.5)
    for p in doc.paragraphs + [p for row in table.rows for c in row.cells for p in c.paragraphs]:
        for run in p.runs:
            assert run.font.size is None and (run._r.rPr is None or run._r.rPr.rFonts is None), p.text
    # document defaults name the East Asian font too
    styles = doc.styles.element
    rfonts = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋"


def test_landscape_page_and_repeating_header(two, tmp_path, capsys):
    out = tmp_path / "汇总表.docx"
    assert summarize(capsys, two, out=out)[0] == 0
    doc = Document(str(out))
    sect = doc.sections[0]._sectPr
    pgsz = sect.find(qn("w:pgSz"))
    assert pgsz.get(qn("w:orient")) == "landscape"
    assert int(pgsz.get(qn("w:w"))) == 16838  # 297 mm
    assert int(pgsz.get(qn("w:h"))) == 11906  # 210 mm
    rows = doc.tables[0].rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
    # column widths: 序号 narrowest, 简介 widest, and the table fills the type area
    widths = [int(g.get(qn("w:w"))) for g in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths.index(min(widths)) == 0 and widths.index(max(widths)) == 6
    assert sum(widths) == 16838 - settings.SUMMARY_MARGIN_LEFT_TW - settings.SUMMARY_MARGIN_RIGHT_TW


def test_deterministic_and_default_output(two, tmp_path, capsys):
    code, _, err = summarize(capsys, two, xlsx=True)
    assert code == 0, err
    first = (tmp_path / "build" / "汇总表.docx").read_bytes()
    first_x = (tmp_path / "build" / "汇总表.xlsx").read_bytes()
    assert summarize(capsys, two, xlsx=True)[0] == 0
    assert (tmp_path / "build" / "汇总表.docx").read_bytes() == first
    assert (tmp_path / "build" / "汇总表.xlsx").read_bytes() == first_x
    assert not [p for p in (tmp_path / "build").iterdir() if p.name.startswith(".")]  # no temp files left


def test_xlsx_same_table(two, tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "汇总表.docx"
    assert summarize(capsys, two, out=out, xlsx=True)[0] == 0
    ws = load_workbook(tmp_path / "汇总表.xlsx").active
    assert ws["A1"].value == "附件1"
    assert ws["A2"].value == "2024年度山东省特色产业集群推荐汇总表"
    assert ws["A3"].value == "市级中小企业主管部门：泉山市工业和信息化局（盖章）"
    assert ws["A4"].value == "联系人和手机：王立群  13805390000"
    assert [ws.cell(row=5, column=c).value for c in range(1, 8)] == list(HEADERS)
    docx_rows = table_rows(out)
    for r in (1, 2):
        values = [ws.cell(row=5 + r, column=c).value for c in range(1, 8)]
        assert [str(v) for v in values] == docx_rows[r]
    assert ws.cell(row=6, column=7).alignment.wrap_text
    assert ws.column_dimensions["G"].width > ws.column_dimensions["B"].width > ws.column_dimensions["A"].width


# --- 集群简介 (300字以内) -------------------------------------------------------------------------


def test_written_brief_over_300_is_an_error_with_location(two, tmp_path, capsys):
    example = two[0]
    text = (CONTENT / "example" / "cluster.yaml").read_text(encoding="utf-8")
    brief = re.search(r"^  集群简介: (.*)$", text, re.MULTILINE).group(1)
    long = brief
    while word_count(long) < 301:
        long += "集"
    assert word_count(long) == 301
    patch(example, brief, long)
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, two, out=out)
    assert code == 1
    line = line_of(example, "集群简介:")
    assert re.search(rf"example/cluster\.yaml:{line}:\d+: 错误: .*301 字，超过 300 字", err), err
    assert not out.exists()


def test_drafted_brief_fits_and_is_noted(two, tmp_path, capsys):
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, two, out=out)
    assert code == 0
    linxi, _ = load_application(two[1])
    b = brief_for(linxi)
    assert b.drafted and b.words <= BRIEF_LIMIT
    assert "linxi/cluster.yaml" in err and "起草" in err and b.text in err
    # it follows the form's list, from the data
    for piece in ("集群以智能农机装备为主导产业", "“关键零部件—整机制造—智能控制—农机服务”链条",
                  "2023年，集群总产值129.72亿元", "中小企业211家", "省级专精特新中小企业24家",
                  "专精特新“小巨人”企业2家", "主持制定国家和行业标准", "有效发明专利176件",
                  "每万人有效发明专利拥有量84.41件"):
        assert piece in b.text
    # a count of zero (制造业单项冠军) is left out of the prose
    assert "单项冠军" not in b.text


def test_drafted_brief_trims_whole_sentences(two, capsys):
    linxi = two[1]
    text = (linxi / "cluster.yaml").read_text(encoding="utf-8")
    chain = re.search(r"^  产业链强链补链情况: (.*)$", text, re.MULTILINE).group(1)
    # a long first sentence (the field allows 200 字): the chain alone would take most of 300
    first = "集群聚焦" + "、".join(f"第{i}类关键零部件" for i in range(1, 21)) + "等链条环节开展强链补链。"
    assert word_count(first) <= 200
    patch(linxi, chain, first)
    app, findings = load_application(linxi)
    assert app is not None, findings.format_text()
    b = brief_for(app)
    assert b.drafted and b.words <= BRIEF_LIMIT
    # whole sentences went, the figures the form names stayed
    assert b.text.endswith("。")
    assert "2023年，集群总产值129.72亿元" in b.text and "每万人有效发明专利拥有量84.41件" in b.text
    assert "集群拥有" not in b.text  # honours dropped first


# --- refusals ----------------------------------------------------------------------------------


def test_other_city_is_refused(two, tmp_path, capsys):
    other = copy_app("linxi", tmp_path / "other")
    patch(other, "所属市: 泉山市", "所属市: 青山市")
    patch(other, f"集群名称: {LINXI_NAME}", "集群名称: 青山市临溪区智能农机装备特色产业集群")
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, [two[0], other], out=out)
    assert code == 1
    line = line_of(other, "所属市:")
    assert re.search(rf"other/cluster\.yaml:{line}:\d+: 错误: .*青山市.*泉山市", err), err
    assert "同一个市" in err
    assert not out.exists()


def test_city_file_names_the_city(two, tmp_path, city, capsys):
    city.write_text(CITY_TEXT + "所属市: 青山市\n", encoding="utf-8")
    code, _, err = summarize(capsys, two, out=tmp_path / "汇总表.docx")
    assert code == 1
    assert err.count("[summary-other-city]") == 2
    assert "市级信息文件 city.yaml:4" in err and "泉山市" in err


def test_fifth_cluster_is_refused(tmp_path, city, capsys):
    folders = []
    for i, tag in enumerate(("甲", "乙", "丙", "丁", "戊"), 1):
        f = copy_app("example", tmp_path / f"c{i}")
        patch(f, f"集群名称: {EXAMPLE_NAME}", f"集群名称: 泉山市青川县高端轴承{tag}特色产业集群")
        folders.append(f)
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, folders, out=out)
    assert code == 1
    assert "每个市择优推荐不超过4个集群" in err
    assert "c5/cluster.yaml" in err and "共给出 5 个集群" in err
    assert not out.exists()
    # four are fine
    assert summarize(capsys, folders[:4], out=out)[0] == 0
    assert len(table_rows(out)) == 5


def test_duplicate_name_is_refused(two, tmp_path, capsys):
    again = copy_app("example", tmp_path / "again")
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, [two[0], again], out=out)
    assert code == 1
    line = line_of(again, "集群名称:")
    assert re.search(rf"again/cluster\.yaml:{line}:\d+: 错误: 集群名称“{EXAMPLE_NAME}”与 example/cluster\.yaml:\d+ 重复", err), err
    assert not out.exists()
    code, _, err = summarize(capsys, [two[0], two[0]], out=out)
    assert code == 1 and "同一个申报文件夹给出了两次" in err


def test_failing_application_is_refused_with_its_findings(two, tmp_path, capsys):
    patch(two[1], "  集群占地面积: 12.4\n", "")
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, two, out=out)
    assert code == 1
    _, findings = load_application(two[1])
    assert findings.has_errors()
    for line in findings.format_text().splitlines():
        assert line in err
    assert "集群占地面积" in err
    assert not out.exists()


def test_previous_output_kept_on_failure(two, tmp_path, capsys):
    out = tmp_path / "汇总表.docx"
    assert summarize(capsys, two, out=out)[0] == 0
    before = out.read_bytes()
    patch(two[1], "  集群占地面积: 12.4\n", "")
    assert summarize(capsys, two, out=out)[0] == 1
    assert out.read_bytes() == before


# --- the city file -----------------------------------------------------------------------------


def test_city_file_among_the_folders(tmp_path, monkeypatch, capsys):
    """`docgen summary content/*` passes content/city.yaml among the folders: it is the city file."""
    content = tmp_path / "content"
    content.mkdir()
    folders = [copy_app("example", content / "example"), copy_app("linxi", content / "linxi")]
    (content / "city.yaml").write_text(CITY_TEXT, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = tmp_path / "汇总表.docx"
    args = sorted(content.iterdir())  # what the shell makes of content/*
    assert content / "city.yaml" in args
    code, _, err = summarize(capsys, args, out=out)
    assert code == 0, err
    assert len(table_rows(out)) == 3
    # the default: city.yaml in the parent folder of the first application
    assert summarize(capsys, folders, out=out)[0] == 0


def test_city_option(two, tmp_path, city, capsys):
    other = tmp_path / "other-city.yaml"
    other.write_text(CITY_TEXT.replace("王立群", "赵敏"), encoding="utf-8")
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, two, out=out, city=other)
    assert code == 0, err
    assert "联系人和手机：赵敏  13805390000" in [p.text for p in Document(str(out)).paragraphs]
    code, _, err = summarize(capsys, [*two, city], out=out, city=other)
    assert code == 2 and "只给出一个" in err


def test_city_file_missing(two, tmp_path, city, capsys):
    city.unlink()
    code, _, err = summarize(capsys, two, out=tmp_path / "汇总表.docx")
    assert code == 1
    assert "city.yaml:1:1: 错误: 找不到市级信息文件" in err and "docs/city.md" in err


def test_city_file_bad_yaml(two, tmp_path, city, capsys):
    city.write_text('市级中小企业主管部门: 泉山市工业和信息化局\n联系人: "王立群\n手机: 1\n', encoding="utf-8")
    code, _, err = summarize(capsys, two, out=tmp_path / "汇总表.docx")
    assert code == 1
    assert re.search(r"city\.yaml:\d+:\d+: 错误: YAML 语法错误", err), err


def test_city_file_missing_and_wrong_keys(two, tmp_path, city, capsys):
    city.write_text("市级中小企业主管部门: 泉山市工业和信息化局\n手机:\n电话: 123\n", encoding="utf-8")
    code, _, err = summarize(capsys, two, out=tmp_path / "汇总表.docx")
    assert code == 1
    assert "city.yaml:1:1: 错误: 缺少“联系人”" in err
    assert re.search(r"city\.yaml:2:\d+: 错误: “手机”是空的", err), err
    assert "city.yaml:3:1: 错误: 不认识的键“电话”" in err


def test_phone_written_as_a_number_keeps_its_digits(two, tmp_path, city, capsys):
    city.write_text(CITY_TEXT.replace('"13805390000"', "05398216000"), encoding="utf-8")
    out = tmp_path / "汇总表.docx"
    code, _, err = summarize(capsys, two, out=out)
    assert code == 0, err
    assert "联系人和手机：王立群  05398216000" in [p.text for p in Document(str(out)).paragraphs]


# --- usage -------------------------------------------------------------------------------------


def test_usage_errors(two, tmp_path, capsys):
    assert summarize(capsys, two, out=tmp_path / "汇总表.pdf")[0] == 2
    assert summarize(capsys, [], out=tmp_path / "汇总表.docx")[0] == 2


def test_cli_exit_codes(two, tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "docgen", "summary", *args], check=False, capture_output=True,
                              text=True, cwd=tmp_path)

    r = run()
    assert r.returncode == 2
    r = run("example", "linxi", "-o", "out.docx", "--xlsx")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out.docx").is_file() and (tmp_path / "out.xlsx").is_file()
    r = run("example", "example", "-o", "out2.docx")
    assert r.returncode == 1 and "重复" in r.stderr


def test_draft_that_cannot_fit_is_an_error(two):
    from docgen.briefing import BriefTooLong

    linxi, _ = load_application(two[1])
    with pytest.raises(BriefTooLong) as e:
        draft_brief(linxi, limit=60)  # the figures the form names never fit in 60 字
    assert e.value.words > 60
    text = draft_brief(linxi, limit=130)  # dropping whole sentences fits 130 字
    assert word_count(text) <= 130 and text.startswith("集群以智能农机装备为主导产业。")


def test_output_under_a_file_is_a_chinese_error_and_nothing_is_written(two, tmp_path, capsys):
    blocker = tmp_path / "报送"
    blocker.write_text("一个文件", encoding="utf-8")
    code, _, err = summarize(capsys, two, out=blocker / "汇总表.docx")
    assert code == 1
    assert "无法写入" in err and "路径中有一段是文件而不是文件夹" in err, err
    assert "Not a directory" not in err and "Traceback" not in err
    assert blocker.read_text(encoding="utf-8") == "一个文件"


def test_output_that_is_not_a_docx_is_a_usage_error(two, tmp_path, capsys):
    code, _, err = summarize(capsys, two, out=tmp_path / "汇总表.pdf")
    assert code == 2
    assert "输出文件应以 .docx 结尾" in err
