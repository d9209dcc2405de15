"""`docgen diff OLD NEW`: each kind of change is listed, exactly, in the form's words."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from diff_cases import EXAMPLE, TEN_EDITS, copy_example, edit, ten_edits

from docgen.diff.changes import short_label
from docgen.diff.command import run_diff
from docgen.form.spec import field_at, section


def label(dotted: str) -> str:
    """A field's label as diff names it (the spec's label without its trailing notes): the
    tests follow the form's wording wherever docgen.form.spec keeps it."""
    return short_label(field_at(dotted).label)


def option(dotted: str, key: str) -> str:
    return next(o.label for o in field_at(dotted).options if o.key == key)


def column(dotted: str, key: str) -> str:
    return short_label(next(c.kind.label for c in field_at(dotted).columns if c.key == key))


def heading(key: str) -> str:
    return section(key).heading


def diff(capsys, old, new, *extra) -> tuple[int, dict]:
    code = run_diff(str(old), str(new), fmt="json", **dict(extra))
    out = capsys.readouterr().out
    return code, json.loads(out)


def texts(payload: dict) -> list[str]:
    return [c["text"] for c in payload["changes"]]


@pytest.fixture
def new(tmp_path) -> Path:
    return copy_example(tmp_path / "new")


def test_same_folder_is_equal(capsys):
    code = run_diff(str(EXAMPLE), str(EXAMPLE))
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == ""
    assert "相同" in captured.err


def test_a_year_value(capsys, new):
    edit(new, "cluster.yaml", "236.18}", "240.5}")
    code, p = diff(capsys, EXAMPLE, new)
    assert code == 1
    assert texts(p) == [f"{heading('主导产业情况')} · {label('主导产业情况.集群总产值')} · 2023年：236.18 → 240.50"]
    assert p["changes"][0]["where"] == [heading("主导产业情况"), label("主导产业情况.集群总产值"), "2023年"]


def test_same_value_written_differently_is_no_change(capsys, new):
    edit(new, "cluster.yaml", "236.18}", "236.180}")
    code, p = diff(capsys, EXAMPLE, new)
    assert (code, p["changes"]) == (0, [])


def test_a_contact_in_a_group(capsys, new):
    edit(new, "cluster.yaml", "联系人: 林晓东", "联系人: 林晓冬")
    _, p = diff(capsys, EXAMPLE, new)
    assert texts(p) == [f"{heading('基本情况')} · {label('基本情况.县级中小企业主管部门')} · 联系人：林晓东 → 林晓冬"]


def test_ticking_a_box_with_its_evidence(capsys, new):
    (new / "evidence" / "66-人力资源共享协议.pdf").write_bytes(b"%PDF-1.4\n")
    edit(new, "cluster.yaml", "人力资源共享: 否", "人力资源共享: evidence/66-人力资源共享协议.pdf")
    _, p = diff(capsys, EXAMPLE, new)
    where = (f"{heading('主导产业情况')} · {label('主导产业情况.产业链资源协同协作工作')} · "
             f"{option('主导产业情况.产业链资源协同协作工作', '人力资源共享')}")
    assert texts(p) == [f"{where}：勾选 ☑", f"{where}：新增佐证材料 evidence/66-人力资源共享协议.pdf"]
    assert [c["kind"] for c in p["changes"]] == ["box", "evidence"]


def test_unticking_a_box(capsys, new):
    edit(new, "cluster.yaml", "集中采销: evidence/10-钢材集中采购协议.pdf", "集中采销: 否")
    _, p = diff(capsys, EXAMPLE, new)
    where = (f"{heading('主导产业情况')} · {label('主导产业情况.产业链资源协同协作工作')} · "
             f"{option('主导产业情况.产业链资源协同协作工作', '集中采销')}")
    assert texts(p) == [f"{where}：取消勾选 □", f"{where}：删除佐证材料 evidence/10-钢材集中采购协议.pdf"]


def test_evidence_added_and_removed_under_a_ticked_box(capsys, new):
    edit(new, "cluster.yaml", "绘制产业链图谱: [evidence/01-产业链图谱.pdf, evidence/02-产业链培育工作方案.pdf]",
         "绘制产业链图谱: [evidence/01-产业链图谱.pdf, evidence/03-技术难点清单及揭榜挂帅项目库.pdf]")
    _, p = diff(capsys, EXAMPLE, new)
    assert [(c["kind"], c["old"], c["new"]) for c in p["changes"]] == [
        ("evidence", "evidence/02-产业链培育工作方案.pdf", None),
        ("evidence", None, "evidence/03-技术难点清单及揭榜挂帅项目库.pdf"),
    ]


def test_evidence_file_content_changed(capsys, new):
    (new / "evidence" / "13-质量诊断服务报告.pdf").write_bytes(b"%PDF-1.4 new scan\n")
    _, p = diff(capsys, EXAMPLE, new)
    assert texts(p) == ["佐证材料清单 · evidence/13-质量诊断服务报告.pdf：文件内容已更改"]


def test_patent_rows_added_removed_changed_by_patent_number(capsys, new):
    csv = new / "有效发明专利.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = lines.pop(2)  # ZL201111670635.5
    lines[1] = lines[1].replace("泉山恒瑞精密轴承有限公司", "泉山恒瑞轴承集团有限公司")
    lines.append("一种轴承游隙自动检测装置,ZL202310000001.1,发明专利,青川精工轴承有限公司,2023-12-01,"
                 "evidence/56-有效发明专利证书汇编.pdf\n")
    csv.write_text("".join(lines), encoding="utf-8")
    assert "ZL201111670635.5" in removed
    _, p = diff(capsys, EXAMPLE, new)
    got = {c["kind"]: c for c in p["changes"]}
    assert sorted(got) == ["row-added", "row-changed", "row-removed"]
    assert "ZL202310000001.1" in got["row-added"]["new"]
    assert "ZL201111670635.5" in got["row-removed"]["old"]
    assert got["row-changed"]["where"][-1] == "ZL201110581247.3"
    assert got["row-changed"]["new"] == f"{column('创新能力情况.有效发明专利', '权利人')}“泉山恒瑞精密轴承有限公司”→“泉山恒瑞轴承集团有限公司”"
    assert got["row-added"]["where"] == [heading("创新能力情况"), label("创新能力情况.有效发明专利")]


def test_standard_row_changed_by_standard_number(capsys, new):
    edit(new, "标准.csv", "滚动轴承 汽车轮毂轴承单元 台架试验规范", "滚动轴承 汽车轮毂轴承单元 台架试验方法")
    _, p = diff(capsys, EXAMPLE, new)
    assert [(c["kind"], c["where"][-1]) for c in p["changes"]] == [("row-changed", "JB/T 14012-2021")]
    assert p["changes"][0]["new"] == f"{column('创新能力情况.标准', '标准名称')}“滚动轴承 汽车轮毂轴承单元 台架试验规范”→“滚动轴承 汽车轮毂轴承单元 台架试验方法”"


def test_row_whose_name_was_edited_is_one_change(capsys, new):
    edit(new, "cluster.yaml", "名称: 山东省精密轴承工程技术研究中心", "名称: 山东省高精密轴承工程技术研究中心")
    _, p = diff(capsys, EXAMPLE, new)
    assert [c["kind"] for c in p["changes"]] == ["row-changed"]
    assert p["changes"][0]["new"] == f"{column('创新能力情况.创新平台', '名称')}“山东省精密轴承工程技术研究中心”→“山东省高精密轴承工程技术研究中心”"


def test_narrative_change_inline_with_word_count(capsys, new):
    edit(new, "cluster.yaml", "梳理补链项目36个。", "梳理补链项目36个，形成招商图谱。")
    _, p = diff(capsys, EXAMPLE, new)
    (c,) = p["changes"]
    assert c["kind"] == "text"
    assert c["text"].startswith(f"{heading('主导产业情况')} · {label('主导产业情况.产业链强链补链情况')}：修改（字数 184 → 191，+7）")
    assert "补链项目36个〔增：，形成招商图谱〕。" in c["detail"][0]


def test_target_row_changed(capsys, new):
    edit(new, "cluster.yaml", "指标: 集群总产值, 单位: 亿元, 基准值: 236.18, 目标值: 330.00",
         "指标: 集群总产值, 单位: 亿元, 基准值: 236.18, 目标值: 340.00")
    _, p = diff(capsys, EXAMPLE, new)
    assert texts(p) == [f"{heading('发展目标')} · {label('发展目标.目标指标')} · 主导产业｜集群总产值："
                        "修改：2026年目标值“330亿元”→“340亿元”"]


def test_plan_sentence_changed_inline(capsys, new):
    edit(new, "plan.md", "研发经费投入6.08亿元", "研发经费投入6.50亿元")
    _, p = diff(capsys, EXAMPLE, new)
    (c,) = p["changes"]
    assert c["where"] == [heading("发展目标"), "二、发展成效"]
    assert c["detail"] == ["改：2023年集群中小企业研发投入强度达到3.65%，研发经费投入〔6.08→6.50〕亿元。"]
    assert (c["old"], c["new"]) == ("526", "526")


def test_plan_paragraphs_added_and_removed_with_word_counts(capsys, new):
    edit(new, "plan.md", "**加强人才支撑。**支持企业与职业院校共建实训基地，每年培养高技能人才500名以上。\n", "")
    edit(new, "plan.md", "建立产业链链长制。\n", "建立产业链链长制。\n\n集群新增人才公寓300套。\n")
    code, p = diff(capsys, EXAMPLE, new)
    assert code == 1
    got = {c["where"][-1]: c for c in p["changes"]}
    assert got["一、集群基本情况简介"]["detail"] == ["增：集群新增人才公寓300套。"]
    assert int(got["一、集群基本情况简介"]["new"]) - int(got["一、集群基本情况简介"]["old"]) == 11
    assert got["（四）保障措施"]["detail"] == ["删：加强人才支撑。支持企业与职业院校共建实训基地，每年培养高技能人才500名以上。"]
    assert p["plan_words"]["new"] - p["plan_words"]["old"] == 11 - 37


def test_plan_section_added(capsys, new):
    plan = new / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n### 5.加强宣传推广\n\n每年举办轴承产业推介会。\n", encoding="utf-8")
    _, p = diff(capsys, EXAMPLE, new)
    (c,) = p["changes"]
    assert c["kind"] == "plan-section-added"
    assert c["detail"] == ["增：每年举办轴承产业推介会。"]


def test_ten_known_edits_are_listed_exactly(capsys, tmp_path):
    new = ten_edits(tmp_path / "ten")
    code, p = diff(capsys, EXAMPLE, new)
    assert code == 1
    assert len(p["changes"]) == len(TEN_EDITS) == 10
    assert sorted(c["kind"] for c in p["changes"]) == sorted(
        ["value", "value", "value", "value", "text", "row-changed", "target-changed",
         "plan-section", "plan-section", "plan-section"])


def test_text_output_and_exit_code_through_the_cli(tmp_path):
    new = copy_example(tmp_path / "new")
    edit(new, "cluster.yaml", "集群占地面积: 18.6", "集群占地面积: 19.2")
    r = subprocess.run([sys.executable, "-m", "docgen", "diff", str(EXAMPLE), str(new)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1, r.stderr
    assert r.stdout == f"{heading('基本情况')} · {label('基本情况.集群占地面积')}：18.60 → 19.20\n"
    assert "共 1 处不同" in r.stderr


@pytest.mark.parametrize("side, message", [
    ("没有这个文件夹", "找不到新版本“没有这个文件夹”"),
    (str(ROOT / "README.md"), "不是 .docx"),
])
def test_unreadable_side_is_a_usage_error(capsys, side, message):
    code = run_diff(str(EXAMPLE), side)
    assert code == 2
    assert message in capsys.readouterr().err


def test_bad_docx_option(capsys, tmp_path):
    assert run_diff(str(EXAMPLE), str(EXAMPLE), docx=tmp_path / "修订稿.pdf") == 2
    assert "--docx 应给出 .docx 文件名" in capsys.readouterr().err


def test_folder_with_errors_is_still_compared(capsys, new):
    edit(new, "cluster.yaml", "集群占地面积: 18.6", "集群占地面积: 很大")
    code = run_diff(str(EXAMPLE), str(new))
    captured = capsys.readouterr()
    assert code == 1
    assert "新版本" in captured.err and "个错误" in captured.err


# --- git revisions ---------------------------------------------------------------------------

def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(repo)})


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository with two commits of content/青川轴承 (the second changes one figure) and a tag."""
    repo = tmp_path / "repo"
    app = copy_example(repo / "content" / "青川轴承")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    git(repo, "tag", "2024-报送")
    edit(app, "cluster.yaml", "中小企业从业人员数量: 31460", "中小企业从业人员数量: 31500")
    edit(app, "cluster.yaml", "每万人有效发明专利拥有量: 99.17", "每万人有效发明专利拥有量: 99.05")
    git(repo, "commit", "-qam", "second")
    edit(app, "cluster.yaml", "PCT国际专利申请量: 17", "PCT国际专利申请量: 18")  # not committed
    monkeypatch.chdir(repo)
    return repo


def test_two_git_revisions(capsys, repo):
    code, p = diff(capsys, "HEAD~1:content/青川轴承", "HEAD:content/青川轴承")
    assert code == 1
    assert texts(p) == [f"{heading('创新能力情况')} · {label('创新能力情况.中小企业从业人员数量')}：31460 → 31500",
                        f"{heading('创新能力情况')} · {label('创新能力情况.每万人有效发明专利拥有量')}：99.17 → 99.05"]


def test_tag_against_the_work_tree(capsys, repo):
    code, p = diff(capsys, "2024-报送:content/青川轴承", "content/青川轴承")
    assert code == 1
    assert len(p["changes"]) == 3
    status = subprocess.run(["git", "-c", "core.quotepath=off", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    assert status.strip() == "M content/青川轴承/cluster.yaml"  # nothing checked out or written


def test_revision_path_relative_to_the_current_folder(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo / "content")
    code, p = diff(capsys, "HEAD~1:./青川轴承", "HEAD:./青川轴承")
    assert code == 1 and len(p["changes"]) == 2


@pytest.mark.parametrize("side, message", [
    ("v9:content/青川轴承", "git 中没有版本“v9”"),
    ("HEAD:content/没有", "版本“HEAD”中没有“content/没有”"),
    ("HEAD:content/青川轴承/cluster.yaml", "是文件而不是文件夹"),
])
def test_bad_revisions(capsys, repo, side, message):
    assert run_diff(side, "content/青川轴承") == 2
    assert message in capsys.readouterr().err


def test_revision_outside_a_repository(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_diff("HEAD~1:content/example", str(EXAMPLE)) == 2
    assert "不在 git 仓库中" in capsys.readouterr().err


# --- .docx sides -------------------------------------------------------------------------------

def test_docx_side_without_the_importer_says_so(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docgen.importer", None)  # import fails as if missing
    doc = tmp_path / "申报表.docx"
    doc.write_bytes(b"PK")
    assert run_diff(str(doc), str(EXAMPLE)) == 2
    assert "还不能读取 .docx" in capsys.readouterr().err


def test_filled_docx_against_its_folder(capsys, tmp_path):
    pytest.importorskip("docgen.importer")
    from conftest import render
    from docgen.pipeline import load_application

    new = ten_edits(tmp_path / "ten")
    app, _ = load_application(new)
    doc = tmp_path / "申报表.docx"
    doc.write_bytes(render(app))
    code, p = diff(capsys, EXAMPLE, doc)
    assert code == 1
    assert f"{heading('基本情况')} · {label('基本情况.集群运营管理机构')} · 联系人：周若楠 → 王若楠" in texts(p)
    _, p = diff(capsys, new, doc)  # the .docx carries the edits: none of them shows against its folder
    assert not [t for t in texts(p) if "若楠" in t or "6.50" in t or "股份" in t]


def test_unreadable_yaml_is_reported_with_its_place(capsys, new):
    (new / "cluster.yaml").write_text("封面:\n  集群名称: [未闭合\n", encoding="utf-8")
    assert run_diff(str(EXAMPLE), str(new)) == 2
    err = capsys.readouterr().err
    assert "cluster.yaml:2:" in err
    assert "无法读取新版本" in err


def test_docx_sent_with_its_evidence_equals_its_folder(capsys, tmp_path):
    """The form read back cites its evidence by the 清单's numbered names and lacks the 附件1
    fields it does not print: with the evidence/ sent beside it, it equals the folder it was built
    from, and the tracked copy has no revision."""
    pytest.importorskip("docgen.importer")
    from conftest import render
    from docgen.pipeline import load_application

    app, _ = load_application(EXAMPLE)
    doc = tmp_path / "县" / "申报表.docx"
    doc.parent.mkdir()
    doc.write_bytes(render(app))
    shutil.copytree(EXAMPLE / "evidence", doc.parent / "evidence")
    out = tmp_path / "修订稿.docx"
    assert run_diff(str(EXAMPLE), str(doc), docx=out) == 0
    err = capsys.readouterr().err
    assert "0 处修订" in err and "相同" in err
