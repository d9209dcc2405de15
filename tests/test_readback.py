"""The read-back check (docgen.readback): what was typed is what prints, or a located warning.

The four ways a county's printout once differed from what they typed are each caught: a target
value rounded away (a real input today), a YAML value wrapped over two lines printed with a
stray space (a real input today: a double-quoted value with an escape), and — with the fault put
back into the renderer, since docgen now prints them right — bold lead-ins printed as `**`, and
points typed one per line printed as one paragraph.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.cli import app as cli
from docgen.findings import Findings
from docgen.pipeline import load_application
from docgen.plan import load_plan
from docgen.readback import RULE, read_back
from docgen.readback.plan_compare import PrintedUnit, compare_plan
from docgen.readback.typed_plan import typed_units
from docgen.review.units import finer_unit

ROOT = Path(__file__).resolve().parents[1]
FINDING = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>错误|警告): (?P<msg>.+?) \[(?P<rule>[\w-]+)\]$",
                     re.M)


@pytest.fixture
def example(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "content" / "example", tmp_path / "ex")
    monkeypatch.chdir(tmp_path)
    return Path("ex")


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace `old` (once) and return the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    at = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:at].count("\n") + 1


def check(folder: Path, *args: str):
    result = CliRunner().invoke(cli, ["check", *args, str(folder)])
    return result.exit_code, result.output, [m.groupdict() for m in FINDING.finditer(result.output)]


def differences(found: list[dict]) -> list[dict]:
    return [f for f in found if f["rule"] == RULE]


def reparsed(app, folder: Path) -> None:
    """app.plan parsed again (under whatever fault the test put into the renderer)."""
    app.plan = load_plan(folder / "plan.md", Findings(), "ex/plan.md")


# -- the shipped applications print what they say --------------------------------------------------

@pytest.mark.parametrize("name", ["example", "linxi"])
def test_shipped_applications_print_what_they_say(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, found = check(Path("content") / name)
    assert code == 0 and found == [], out  # no difference, and no defect of the comparison
    app, findings = load_application(Path("content") / name)
    assert read_back(app, findings) == []


# -- case 1: a target value rounded away ---------------------------------------------------------

def test_target_value_rounded_away_is_located_with_a_finer_unit(example: Path):
    line = replace_line(example / "cluster.yaml", "单位: 千克标准煤/万元, 基准值: 105.60, 目标值: 92.00",
                        "单位: 吨标准煤/万元, 基准值: 0.058, 目标值: 0.052")
    code, out, found = check(example)
    assert code == 0, out  # a warning: the build still runs
    diffs = {(int(f["line"]), f["msg"]) for f in differences(found)}
    text = (example / "cluster.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    col = text.index("0.052") + 1
    assert (line, "单位工业产值能耗的目标值 0.052 印为 0.05（保留两位小数）；建议改用 千克标准煤/万元 写作 52") in diffs
    target = next(f for f in differences(found) if "目标值 0.052" in f["msg"])
    assert (target["file"], int(target["col"])) == ("ex/cluster.yaml", col)
    assert any("基准值 0.058 印为 0.06" in m and "写作 58" in m for _, m in diffs)
    code, _, _ = check(example, "--strict")
    assert code == 1


def test_section_field_with_three_decimals_is_said_once(example: Path):
    line = replace_line(example / "cluster.yaml", "集群占地面积: 18.6", "集群占地面积: 18.675")
    _, out, found = check(example)
    assert [(int(f["line"]), f["msg"]) for f in found] == \
        [(line, "集群占地面积（平方公里） 18.675 印为 18.68（申报表保留两位小数）")], out


# -- case 2: a value wrapped over two YAML lines printed with a stray space -----------------------

def test_wrapped_yaml_value_printed_with_a_stray_space(example: Path):
    text = (example / "cluster.yaml").read_text(encoding="utf-8")
    narrative = re.search(r"^  产业链强链补链情况: .*\n", text, re.M).group(0)
    # YAML folds the line break of a double-quoted value into a space; with an escape in it
    # docgen cannot rebuild the value's lines (load/yamlfold.py), so the space stays
    wrapped = '  产业链强链补链情况: "集群围绕\\"轴承钢材\\"链条绘制产业链图谱，梳理补链项目36个。建立\n    轴承产业链链长制。"\n'
    (example / "cluster.yaml").write_text(text.replace(narrative, wrapped), encoding="utf-8")
    line = text.split("\n").index(narrative.rstrip("\n")) + 1
    code, out, found = check(example)
    assert code == 0, out
    (f,) = differences(found)
    assert (f["file"], int(f["line"]), int(f["col"])) == ("ex/cluster.yaml", line, 14), out
    assert "半角空格" in f["msg"] and "建立 轴承" in f["msg"]


def test_wrapped_plain_yaml_value_is_caught_if_the_loader_stops_rejoining(example: Path, monkeypatch):
    text = (example / "cluster.yaml").read_text(encoding="utf-8")
    narrative = re.search(r"^  产业链强链补链情况: (.*)\n", text, re.M)
    head, tail = narrative.group(1)[:20], narrative.group(1)[20:]
    line = replace_line(example / "cluster.yaml", narrative.group(0),
                        f"  产业链强链补链情况: {head}\n    {tail}\n")
    monkeypatch.setattr("docgen.load.yamlfile.rejoin", lambda node, text, value: value, raising=False)
    monkeypatch.setattr("docgen.load.yamlfold.rejoin", lambda node, text, value: value)
    app, findings = load_application(example)
    diffs = read_back(app, findings)
    assert [(d.line, "半角空格" in d.message, f"{head[-3:]} {tail[:3]}" in d.message) for d in diffs] == [(line, True, True)]


# -- case 3: bold lead-ins printed as ** ----------------------------------------------------------

def test_bold_printed_as_stars_is_located(example: Path, monkeypatch):
    app, findings = load_application(example)
    # CommonMark without the CJK-friendly amendment: “**总体规模稳步扩大。**2023年” stays literal
    monkeypatch.setattr("docgen.plan.parse.cjk_friendly_emphasis", lambda md: None)
    reparsed(app, example)
    diffs = read_back(app, findings)
    plan = (example / "plan.md").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(plan, 1) if t.startswith("**总体规模稳步扩大。**"))
    hit = [d for d in diffs if d.line == line]
    assert hit and hit[0].file == "ex/plan.md" and hit[0].col == 1
    assert "**总体规模稳步扩大。**" in hit[0].message and "Markdown 符号没有生效" in hit[0].message
    assert all(d.file == "ex/plan.md" for d in diffs)
    assert any(f.rule == RULE and f.line == line for f in findings.items)


# -- case 4: points typed one per line printed as one paragraph -------------------------------------

def test_points_merged_into_one_paragraph_are_located(example: Path, monkeypatch):
    plan = example / "plan.md"
    line = replace_line(plan, "一是高端产品占比偏低，", "一是高端产品占比偏低，")  # the paragraph's line
    body = plan.read_text(encoding="utf-8").replace("。二是创新能力有待提升", "。\n二是创新能力有待提升", 1)
    plan.write_text(body, encoding="utf-8")
    app, findings = load_application(example)
    assert read_back(app, Findings()) == []  # printed as two paragraphs: as typed
    monkeypatch.setattr("docgen.plan.parse._split_points", lambda segments: [segments] if segments else [])
    reparsed(app, example)
    diffs = read_back(app, findings)
    assert [(d.line, d.col) for d in diffs] == [(line, 1)], diffs
    assert f"分行写的 2 段（第 {line}–{line + 1} 行）印成了一段" in diffs[0].message


# -- what the user sees -----------------------------------------------------------------------

def test_json_carries_the_differences(example: Path):
    replace_line(example / "cluster.yaml", "基准值: 105.60, 目标值: 92.00", "基准值: 105.60, 目标值: 92.005")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(example)])
    payload = json.loads(result.output)
    hits = [f for f in payload["findings"] if f["rule"] == RULE]
    assert len(hits) == 1 and hits[0]["severity"] == "warning" and "92.005 印为 92.01" in hits[0]["message"]
    assert payload["ok"] is True


def test_no_readback_skips_the_comparison(example: Path):
    replace_line(example / "cluster.yaml", "基准值: 105.60, 目标值: 92.00", "基准值: 105.60, 目标值: 92.005")
    _, _, found = check(example, "--no-readback")
    assert differences(found) == []


def test_build_warns_before_writing_and_still_writes(example: Path):
    replace_line(example / "cluster.yaml", "基准值: 105.60, 目标值: 92.00", "基准值: 105.60, 目标值: 92.005")
    result = CliRunner().invoke(cli, ["build", str(example), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert "92.005 印为 92.01" in result.output and Path("out/申报表.docx").is_file()
    quiet = CliRunner().invoke(cli, ["build", "--no-readback", str(example), "-o", "out2"])
    assert quiet.exit_code == 0 and RULE not in quiet.output


def test_a_form_given_as_docx_is_not_read_back_against_itself(example: Path):
    built = CliRunner().invoke(cli, ["build", str(example), "-o", "out"])
    assert built.exit_code == 0, built.output
    code, out, found = check(Path("out/申报表.docx"))
    assert differences(found) == [], out


# -- the comparison on its own ------------------------------------------------------------------

def test_typed_plan_reads_as_a_person_does():
    units = typed_units("# 一、简介\n\n**加强组织领导。**健全机制\n续写 text\nmore\n一是甲；\n二是乙。\n\n"
                        "- 项目一\n1. 项目二\n\n\\*不是强调\\* a * b\n\n正文[^n]\n\n[^n]: 注释\n<!-- 提示 -->\n")
    assert [(u.kind, u.line, u.text) for u in units] == [
        ("heading", 1, "一、简介"), ("para", 3, "加强组织领导。健全机制续写 text more"), ("para", 6, "一是甲；"),
        ("para", 7, "二是乙。"), ("item", 9, "项目一"), ("item", 10, "项目二"), ("para", 12, "*不是强调* a * b"),
        ("para", 14, "正文①"), ("note", 16, "注释")]
    assert units[1].bold == [True] * 7 + [False] * (len(units[1].text) - 7)
    assert units[-1].mark == "①"


def test_compare_plan_names_each_kind_of_difference():
    typed = typed_units("# 一、简介\n\n**甲乙。**丙丁\n\n戊己庚\n\n辛壬\n")
    printed = [PrintedUnit("一、简介", [False] * 5), PrintedUnit("甲乙。丙丁", [False] * 5),
               PrintedUnit("戊己 庚", [False] * 4), PrintedUnit("多出来的", [False] * 4)]
    diffs = compare_plan(typed, printed, {}, "plan.md", "未来三年特色产业集群发展规划")
    by_line = {d.line: d.message for d in diffs}
    assert "加粗与所写不同" in by_line[3] and "“甲乙。”" in by_line[3]
    assert "所写“戊己庚”，印为“戊己 庚”" in by_line[5] and "半角空格" in by_line[5]
    assert "印出来与所写不同" in by_line[7] or "没有印出来" in by_line[7]


def test_finer_unit_keeps_the_value_exact():
    assert finer_unit("吨标准煤/万元", Decimal("0.052")) == ("千克标准煤/万元", Decimal("52.000"))
    assert finer_unit("亿元", Decimal("0.0585")) == ("万元", Decimal("585.0000"))
    assert finer_unit("%", Decimal("1.234")) is None
    assert finer_unit("家", Decimal("1.5")) is None


def test_continuation_lines_indented_with_full_width_spaces_join_without_them(example: Path):
    plan = example / "plan.md"
    replace_line(plan, "# 三、存在的问题\n", "# 三、存在的问题\n\n　　全角缩进的段落，\n　　第二行也缩进。\n")
    app, findings = load_application(example)
    assert read_back(app, findings) == []
    texts = ["".join(s.text for s in b.spans) for b in app.plan.blocks if hasattr(b, "spans")]
    assert "全角缩进的段落，第二行也缩进。" in texts


def test_typed_plan_decodes_entities_as_markdown_does():
    (unit,) = typed_units("A &amp; B &#20013; \\&amp; &nosuch;")
    assert unit.text == "A & B 中 &amp; &nosuch;"


# -- generated plans: whatever passes check prints as typed ---------------------------------------

_PIECES = st.sampled_from(list("*_~^[]()!\\` \n。，“”（）：加强ab1　") +
                          ["**", "[^1]", "\n[^1]: 注", "\n\n", "一是", "\n二是", "1、", "\n- ", "\n1. ", "&amp;", "  \n"])


# derandomized: CI runs the same examples every time; DOCGEN_PROPERTY_EXAMPLES=1000 explores further
@settings(max_examples=int(os.environ.get("DOCGEN_PROPERTY_EXAMPLES", "30")), deadline=None,
          derandomize=not os.environ.get("DOCGEN_PROPERTY_EXAMPLES"),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=24).map("".join))
def test_generated_plan_text_prints_as_typed(tmp_path_factory, typed):
    folder = tmp_path_factory.mktemp("plan") / "ex"
    shutil.copytree(ROOT / "content" / "example", folder)
    plan = folder / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("# 三、存在的问题\n", f"# 三、存在的问题\n\n{typed}\n\n", 1),
                    encoding="utf-8")
    app, findings = load_application(folder)
    if app is None:  # refused with a located error (Markdown that would print, a lone footnote…)
        return
    diffs = read_back(app, findings)
    if any(c in u.text for u in typed_units(typed) for c in "*_") or re.search(r"\\[ \t]+\n", typed) \
            or "`" in typed and "\n" in typed:
        # a star or underscore left unpaired (`**_*`), a backslash before the spaces ending a line
        # (markdown-it reads no hard break there), a code span over a line break: Markdown's finer
        # rules decide what prints, and a warning that it is not what was typed is fair; only no
        # crash is asserted
        return
    assert diffs == [], typed


def test_a_defect_of_the_comparison_is_a_warning_not_a_crash(example: Path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("坏了")

    monkeypatch.setattr("docgen.readback.values_compare.ValueComparer.run", broken)
    monkeypatch.delenv("DOCGEN_DEBUG", raising=False)
    code, out, found = check(example)
    assert code == 0 and [f["rule"] for f in found] == ["readback-failed"], out
    assert "ValueError: 坏了" in found[0]["msg"] and "--no-readback" in found[0]["msg"]
    built = CliRunner().invoke(cli, ["build", str(example), "-o", "out"])
    assert built.exit_code == 0 and "[readback-failed]" in built.output and Path("out/申报表.docx").is_file()
    monkeypatch.setenv("DOCGEN_DEBUG", "1")
    with pytest.raises(ValueError):
        read_back(load_application(example)[0], Findings())


def test_a_footnote_defined_twice_is_an_error_not_a_vanished_text(example: Path):
    """Found by the read-back's property test: Markdown keeps the last of two definitions."""
    line = replace_line(example / "plan.md", "# 三、存在的问题\n", "# 三、存在的问题\n\n正文[^1]\n\n[^1]: 第一段说明\n[^1]: 第二段说明\n")
    code, out, found = check(example)
    assert code == 1 and [(f["rule"], int(f["line"])) for f in found] == [("plan-footnote", line + 5)], out
    assert "写了两次" in found[0]["msg"] and f"第 {line + 4} 行" in found[0]["msg"]


def test_a_list_printed_with_a_row_missing_is_located_at_the_list():
    """A 附表 that lost a row (as a template or renderer fault would) says both counts."""
    from docgen.importer.assemble import read_document
    from docgen.importer.docx_read import read_docx_bytes
    from docgen.readback import render_form
    from docgen.readback.values_compare import ValueComparer

    app, _ = load_application(ROOT / "content" / "example")
    printed = read_document(read_docx_bytes(render_form(app)), Path("申报表.docx"), app.folder)
    assert ValueComparer(app, printed.data, printed.lists).run() == []
    printed.lists["标准"].pop(3)
    (d,) = ValueComparer(app, printed.data, printed.lists).run()
    loc = app.loc("创新能力情况", "标准")
    assert (d.file, d.line, d.col) == (loc.file, loc.line, loc.col)
    assert "所写 22 行，附表印出 21 行" in d.message
