"""`docgen count FILE|DIR`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from plan_samples import plan_text

from docgen.findings import Findings
from docgen.plan import OUTLINE, parse_plan, plan_counts
from docgen.plan.countcmd import run_count


def plan_of(words: int) -> str:
    fixed = plan_counts(parse_plan(plan_text(""), Findings()), None).total.words
    return plan_text("集" * (words - fixed))


CLUSTER = """\
主导产业情况:
  产业链强链补链情况: 集群围绕轴承产业链，绘制产业链图谱，2023年引进配套企业12家。
  质量品牌建设情况: 无
绿色化转型情况:
  绿色低碳工作情况: {green}
发展目标:
  目标指标:
    - {{方向: 主导产业, 指标: 集群产值年均增速, 单位: "%", 基准值: 9.8, 目标值: 12}}
    - {{方向: 开放合作, 指标: 定性描述, 基准值: 与2个境外园区建立合作, 目标值: 新增境外分支机构3家}}
"""


def app_dir(tmp_path: Path, plan: str, green: str = "开展节能诊断。") -> Path:
    d = tmp_path / "青川轴承"
    d.mkdir()
    (d / "plan.md").write_text(plan, encoding="utf-8")
    (d / "cluster.yaml").write_text(CLUSTER.format(green=green), encoding="utf-8")
    return d


def test_file_of_3000_passes(tmp_path: Path, capsys):
    p = tmp_path / "规划.md"
    p.write_text(plan_of(3000), encoding="utf-8")
    assert run_count(p) == 0
    out = capsys.readouterr().out
    assert "合计" in out and "3000" in out and "未超" in out
    assert "一、集群基本情况简介" in out and "（1）2024年度" in out
    assert "字数" in out and "字符数" in out and "限制" in out and "状态" in out


def test_file_of_3001_fails(tmp_path: Path, capsys):
    p = tmp_path / "规划.md"
    p.write_text(plan_of(3001), encoding="utf-8")
    assert run_count(p) == 1
    out = capsys.readouterr().out
    assert "超出 1 字" in out and "3001" in out


def test_json(tmp_path: Path, capsys):
    p = tmp_path / "规划.md"
    p.write_text(plan_of(1234), encoding="utf-8")
    assert run_count(p, fmt="json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan"]["total"]["words"] == 1234 and data["plan"]["limit"] == 3000
    assert data["plan"]["over"] is False and data["over"] is False
    assert data["plan"]["target_table"] is None  # no cluster.yaml beside it
    assert [s["title"] for s in data["plan"]["sections"]] == [p.heading for p in OUTLINE]
    assert sum(s["words"] for s in data["plan"]["sections"]) == 1234
    assert data["fields"] is None


def test_folder_counts_plan_table_and_fields(tmp_path: Path, capsys):
    d = app_dir(tmp_path, plan_of(1000))
    assert run_count(d, fmt="json") == 0
    data = json.loads(capsys.readouterr().out)
    table = data["plan"]["target_table"]["words"]
    # header 14 + 主导产业 4 + 集群产值年均增速 8 + 9.80% 1 + 12% 1 + 开放合作 4 + 定性描述 4 + 11 + 10
    # + the form's 其它 row 2
    assert table == 59
    assert data["plan"]["total"]["words"] == 1000 + table
    fields = {f["path"]: f for f in data["fields"]}
    f = fields["主导产业情况.产业链强链补链情况"]
    # 集群围绕轴承产业链 9 ，1 绘制产业链图谱 7 ，1 2023 1 年引进配套企业 7 12 1 家 1 。1
    assert (f["words"], f["limit"], f["over"], f["filled"]) == (29, 200, False, True)
    assert fields["主导产业情况.质量品牌建设情况"]["words"] == 1
    assert fields["汇总表.集群简介"]["limit"] == 300 and fields["汇总表.集群简介"]["filled"] is False
    assert "真实性声明及推荐意见.市级推荐意见" in fields  # a Text with a limit counts too
    assert "绿色化转型情况.二氧化碳排放量计算公式" not in fields  # the form sets it no 字 limit


def test_folder_text_output(tmp_path: Path, capsys):
    d = app_dir(tmp_path, plan_of(1000))
    assert run_count(d) == 0
    out = capsys.readouterr().out
    assert "目标指标表" in out and "二、主导产业情况 · 产业链强链补链情况" in out and "未填写" in out


def test_folder_with_a_field_over_its_limit(tmp_path: Path, capsys):
    d = app_dir(tmp_path, plan_of(1000), green="节" * 201)
    assert run_count(d) == 1
    out = capsys.readouterr().out
    assert "超出 1 字" in out


def test_folder_whose_plan_with_table_is_over(tmp_path: Path, capsys):
    d = app_dir(tmp_path, plan_of(3000))  # 3000 in the plan + the table
    assert run_count(d) == 1
    # the same plan.md counted as a file also sees the table beside it
    assert run_count(d / "plan.md") == 1


def test_missing_path(tmp_path: Path, capsys):
    assert run_count(tmp_path / "没有") == 2
    err = capsys.readouterr().err
    assert "找不到" in err


def test_folder_without_files(tmp_path: Path, capsys):
    assert run_count(tmp_path) == 2
    assert "没有 plan.md 和 cluster.yaml" in capsys.readouterr().err


def test_unreadable_markdown(tmp_path: Path, capsys):
    p = tmp_path / "plan.md"
    p.write_bytes("中文".encode("gbk"))
    assert run_count(p) == 2
    assert "plan-encoding" in capsys.readouterr().err


def test_cli_wiring(tmp_path: Path):
    from click.testing import CliRunner

    from docgen.cli import app

    p = tmp_path / "plan.md"
    p.write_text(plan_of(3001), encoding="utf-8")
    r = CliRunner().invoke(app, ["count", str(p), "--format", "json"])
    assert r.exit_code == 1
    assert json.loads(r.stdout)["plan"]["total"]["words"] == 3001


@pytest.mark.parametrize("words, code", [(3000, 0), (3001, 1)])
def test_check_and_count_agree(tmp_path: Path, words, code):
    from docgen.plan import check_plan_limit

    text = plan_of(words)
    f = Findings()
    check_plan_limit(parse_plan(text, f), None, f)
    assert bool(f.errors) == bool(code)
    p = tmp_path / "x.md"
    p.write_text(text, encoding="utf-8")
    assert run_count(p, fmt="json") == code


def test_folder_counts_the_rows_check_sees(tmp_path: Path, capsys):
    """count reads cluster.yaml through the pipeline: a baseline docgen fills is counted too."""
    d = app_dir(tmp_path, plan_of(1000))
    yaml = d / "cluster.yaml"
    text = yaml.read_text(encoding="utf-8").replace("基准值: 9.8, ", "")
    yaml.write_text(text.replace("主导产业情况:\n", "主导产业情况:\n  集群总产值: {2021: 100, 2022: 110, 2023: 121}\n"),
                    encoding="utf-8")
    assert run_count(d, fmt="json") == 0
    table = json.loads(capsys.readouterr().out)["plan"]["target_table"]["words"]
    assert table == 59  # 10.00% (√(121 ÷ 100) − 1) printed where 9.80% was; the form's 其它 row adds 2


def test_folder_whose_yaml_cannot_be_read(tmp_path: Path, capsys):
    d = app_dir(tmp_path, plan_of(1000))
    (d / "cluster.yaml").write_text("主导产业情况: [\n", encoding="utf-8")
    assert run_count(d, fmt="json") == 1  # counted without the table; the YAML error is reported
    captured = capsys.readouterr()
    assert "cluster.yaml:1:" in captured.err and json.loads(captured.out)["plan"]["target_table"] is None
