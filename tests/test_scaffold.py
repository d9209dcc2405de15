"""`docgen init`: a complete, commented, never-overwriting new application folder."""
from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from markdown_it import MarkdownIt
from ruamel.yaml import YAML
from ruamel.yaml.events import AliasEvent

from docgen.findings import Findings
from docgen.form.kinds import Checkboxes, Group, ListField, TargetRows, YearSeries
from docgen.form.spec import SECTIONS
from docgen.plan import OUTLINE, load_plan
from docgen.scaffold import cluster_yaml_text, plan_md_text, run_init
from docgen.schema import build_schema

ROOT = Path(__file__).resolve().parents[1]


def safe_load(text: str):
    return YAML(typ="safe").load(io.StringIO(text))


def uncomment_optional(text: str) -> str:
    """The file as a user sees it after removing the "# " before every optional key."""
    for s in SECTIONS:
        for f in s.fields:
            if not f.required:
                text = re.sub(rf"^(\s*)# ({re.escape(f.key)}:)$", r"\1\2", text, flags=re.M)
    return text


@pytest.fixture
def app(tmp_path, capsys):
    folder = tmp_path / "泉山市青川县"
    assert run_init(folder) == 0
    return folder, capsys.readouterr()


def test_creates_the_three_things(app):
    folder, out = app
    assert (folder / "cluster.yaml").is_file()
    assert (folder / "plan.md").is_file()
    assert (folder / "evidence").is_dir() and not any((folder / "evidence").iterdir())
    assert "已创建" in out.out and "docgen check" in out.out
    assert out.err == ""


def test_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "cluster.yaml").write_text("封面: 我的数据\n", encoding="utf-8")
    (folder / "evidence").mkdir()
    (folder / "evidence" / "证明.pdf").write_bytes(b"%PDF")
    assert run_init(folder) == 0
    assert (folder / "cluster.yaml").read_text(encoding="utf-8") == "封面: 我的数据\n"
    assert (folder / "evidence" / "证明.pdf").read_bytes() == b"%PDF"
    assert (folder / "plan.md").read_text(encoding="utf-8") == plan_md_text()
    out = capsys.readouterr().out
    assert "保留" in out and "cluster.yaml" in out

    plan_before = (folder / "plan.md").read_text(encoding="utf-8") + "我写的规划\n"
    (folder / "plan.md").write_text(plan_before, encoding="utf-8")
    assert run_init(folder) == 0  # everything exists: nothing to do, still fine
    assert (folder / "plan.md").read_text(encoding="utf-8") == plan_before
    assert capsys.readouterr().out.count("保留") == 3


def test_file_as_folder_is_a_usage_error(tmp_path, capsys):
    target = tmp_path / "cluster.yaml"
    target.write_text("x: 1\n", encoding="utf-8")
    assert run_init(target) == 2
    err = capsys.readouterr().err
    assert "错误" in err and "文件" in err
    assert target.read_text(encoding="utf-8") == "x: 1\n"


def test_evidence_as_file_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "evidence").write_text("", encoding="utf-8")
    assert run_init(tmp_path) == 2
    assert "evidence" in capsys.readouterr().err


def test_yaml_first_line_points_to_the_schema(app):
    folder, _ = app
    first = (folder / "cluster.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    uri = urlparse(first[len(prefix):])
    assert uri.scheme == "file" and Path(unquote(uri.path)).is_file()
    assert "docgen schema > cluster.schema.json" in (folder / "cluster.yaml").read_text(encoding="utf-8")


def test_yaml_is_plain_valid_yaml(app):
    folder, _ = app
    text = (folder / "cluster.yaml").read_text(encoding="utf-8")
    assert "\t" not in text
    events = list(YAML(typ="safe").parse(io.StringIO(text)))
    assert not any(isinstance(e, AliasEvent) or getattr(e, "anchor", None) for e in events)
    assert isinstance(safe_load(text), dict)
    assert isinstance(safe_load(uncomment_optional(text)), dict)
    assert "未注明填报年度的，请填写截止到2023年底的数据" in text
    assert "无相关情况时应填写“无”" in text and "保留小数点后2位" in text


def test_every_field_in_spec_order_and_empty(app):
    folder, _ = app
    text = (folder / "cluster.yaml").read_text(encoding="utf-8")
    data = safe_load(text)
    assert list(data) == [s.key for s in SECTIONS]
    for s in SECTIONS:
        section = data[s.key] or {}
        assert list(section) == [f.key for f in s.fields if f.required], s.key
        for f in s.fields:
            if not f.required:
                assert re.search(rf"^\s*# {re.escape(f.key)}:$", text, re.M), f.key
                continue
            value = section[f.key]
            if isinstance(f, Group):
                assert value == {g.key: None for g in f.fields}
            elif isinstance(f, YearSeries):
                assert value == {2021: None, 2022: None, 2023: None}
            elif isinstance(f, Checkboxes):
                assert value == {o.key: "否" for o in f.options}
                for o in f.options:
                    assert f"# □ {o.label}" in text
            elif isinstance(f, TargetRows):
                pairs = [(r["方向"], r["指标"]) for r in value]
                assert pairs[: len(f.required_indicators)] == list(f.required_indicators)
                assert pairs[len(f.required_indicators):] == [(d, "定性描述") for d in f.qualitative]
                assert all(r["基准值"] is None and r["目标值"] is None for r in value)
            else:
                assert value is None, f"{s.key}.{f.key}"
            assert f"# {f.label}" in text
            if isinstance(f, ListField):
                assert f"{f.key}.csv" in text


def test_fresh_file_fails_schema_only_on_empty_values(app):
    folder, _ = app
    validator = jsonschema.Draft202012Validator(build_schema())
    text = (folder / "cluster.yaml").read_text(encoding="utf-8")
    for variant in (text, uncomment_optional(text)):
        data = safe_load(variant)

        def stringify(v):
            if isinstance(v, dict):
                return {str(k): stringify(x) for k, x in v.items()}
            return [stringify(x) for x in v] if isinstance(v, list) else v

        errs = list(validator.iter_errors(stringify(data)))
        assert errs
        assert [e.message for e in errs if e.instance is not None] == []


def test_plan_outline(app):
    folder, _ = app
    text = (folder / "plan.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [t.markup + " " + tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(headings) == len(OUTLINE)
    findings = Findings()
    load_plan(folder / "plan.md", findings, "plan.md")
    assert not [f for f in findings.items if f.rule.startswith("plan-outline")], findings.format_text()
    assert headings[:4] == ["# 一、集群基本情况简介", "# 二、发展成效", "# 三、存在的问题", "# 四、未来三年特色产业集群发展规划"]
    # the guidance renders nothing: no paragraph, no raw HTML
    assert {t.type for t in tokens} == {"heading_open", "inline", "heading_close"}
    assert "3000字以内" in text and "包括总体情况、主导产业" in text


def test_generated_text_is_deterministic():
    assert cluster_yaml_text() == cluster_yaml_text()
    assert plan_md_text() == plan_md_text()


def _env():
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _docgen(*args):
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args], capture_output=True, text=True, encoding="utf-8", env=_env()
    )


def test_cli_init(tmp_path):
    r = _docgen("init", str(tmp_path / "新申报"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "新申报" / "cluster.yaml").is_file()
    assert "docgen check" in r.stdout


def test_cli_init_on_a_file_exits_2(tmp_path):
    (tmp_path / "f").write_text("", encoding="utf-8")
    r = _docgen("init", str(tmp_path / "f"))
    assert r.returncode == 2 and "错误" in r.stderr and "Traceback" not in r.stderr


def _required_leaf_lines(path: Path) -> dict[int, str]:
    """1-based line of every required value init leaves empty, with its dotted name."""
    data = YAML().load(path.read_text(encoding="utf-8"))
    lines: dict[int, str] = {}

    def add(node, key, name):
        lines[node.lc.key(key)[0] + 1] = name

    def walk(fields, node, prefix):
        for f in fields:
            if not f.required:
                continue
            name = f"{prefix}.{f.key}"
            if isinstance(f, Group):
                walk(f.fields, node[f.key], name)
            elif isinstance(f, YearSeries):
                for y in f.years:
                    add(node[f.key], y, f"{name}.{y}")
            elif isinstance(f, TargetRows):
                for i, row in enumerate(node[f.key]):
                    add(row, "目标值", f"{name}[{i}].目标值")
            elif not isinstance(f, Checkboxes):
                add(node, f.key, name)

    for s in SECTIONS:
        walk(s.fields, data[s.key] or {}, s.key)
    return lines


@pytest.mark.skipif(importlib.util.find_spec("docgen.checkcmd") is None, reason="docgen.checkcmd 尚未实现")
def test_init_then_check_reports_every_empty_field(tmp_path):
    folder = tmp_path / "app"
    assert _docgen("init", str(folder)).returncode == 0
    r = _docgen("check", str(folder))
    output = r.stdout + r.stderr
    assert "Traceback" not in output, output
    assert r.returncode == 1, output
    found = {int(m.group(1)) for m in re.finditer(r"cluster\.yaml:(\d+):(\d+): 错误:", output)}
    missing = {line: name for line, name in _required_leaf_lines(folder / "cluster.yaml").items() if line not in found}
    assert missing == {}, f"这些空栏目没有报错：{missing}"
