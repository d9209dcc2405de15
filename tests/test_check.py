"""`docgen check`: each rule with a bad input — exit code, rule-id, line and the Chinese message.

Each case is a patch on the example application (content/example), so a rule is
shown failing on an otherwise complete, valid folder.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.checkcmd import CROSS_HEADING, run_check
from docgen.pipeline import load_application

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    dst = tmp_path / "example"
    shutil.copytree(EXAMPLE, dst)
    return dst


def patch(folder: Path, old: str, new: str, file: str = "cluster.yaml") -> int:
    """Replace one exact occurrence; return the 1-based line where `new` starts."""
    p = folder / file
    text = p.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"patch target not unique: {old!r}"
    text = text.replace(old, new)
    p.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1 if new else 0


def check(folder: Path, capsys, *args: str) -> tuple[int, list[tuple[str, int, int, str, str, str]]]:
    os.chdir(folder.parent)
    code = run_check([Path(folder.name)], strict="--strict" in args)
    out = capsys.readouterr().out
    rows = []
    for line in out.splitlines():
        if not line or line.startswith(CROSS_HEADING) or line.startswith("    另见 "):
            continue  # contradictions between two places: heading, then each finding and its other place
        m = re.match(r"^(.+?):(\d+):(\d+): (错误|警告): (.+) \[([\w-]+)\]$", line)
        assert m, f"not a finding line: {line}"
        rows.append((m[1], int(m[2]), int(m[3]), m[4], m[5], m[6]))
    return code, rows


def find(rows, rule: str):
    hits = [r for r in rows if r[5] == rule]
    assert hits, f"no [{rule}] in {rows}"
    return hits


def test_example_passes_strict(example: Path, capsys):
    code, rows = check(example, capsys, "--strict")
    assert (code, rows) == (0, [])


def test_null_field_must_say_wu(example: Path, capsys):
    line = patch(example, "集群占地面积: 18.6", "集群占地面积:")
    code, rows = check(example, capsys)
    assert code == 1
    (f,) = find(rows, "field-missing")
    assert (f[0], f[1], f[3]) == ("example/cluster.yaml", line, "错误")
    assert "必填栏目不得空缺" in f[4] and "“无”" in f[4]


def test_absent_field_is_reported_at_its_section(example: Path, capsys):
    patch(example, "  集群占地面积: 18.6\n", "")
    code, rows = check(example, capsys)
    (f,) = find(rows, "field-missing")
    assert code == 1 and "缺少栏目“集群占地面积（平方公里）”" in f[4]


def test_wu_is_accepted_for_a_number(example: Path, capsys):
    patch(example, "集群占地面积: 18.6", "集群占地面积: 无")
    code, rows = check(example, capsys)
    assert code == 0, rows


def test_unknown_key_suggests_the_right_one(example: Path, capsys):
    line = patch(example, "集群占地面积: 18.6", "集群占地面: 18.6")
    code, rows = check(example, capsys)
    f = find(rows, "field-unknown")[0]
    assert code == 1 and f[1] == line and "集群占地面积" in f[4]


def test_chinese_number_words_are_not_a_number(example: Path, capsys):
    line = patch(example, "2023: 236.18}", "2023: 十二亿}")
    code, rows = check(example, capsys)
    (f,) = find(rows, "type-number")
    assert code == 1 and f[1] == line and "应为数字" in f[4] and "阿拉伯数字" in f[4]


def test_yes_no_accepts_only_the_form_words(example: Path, capsys):
    line = patch(example, "工业软件应用率稳步提升: 是", "工业软件应用率稳步提升: 是的")
    code, rows = check(example, capsys)
    (f,) = find(rows, "type-yesno")
    assert code == 1 and f[1] == line and "“是”、“否”" in f[4] and "是的" in f[4]


def test_single_choice(example: Path, capsys):
    line = patch(example, "主导产业所属产业类型: 第二产业", "主导产业所属产业类型: 制造业")
    code, rows = check(example, capsys)
    (f,) = find(rows, "type-choice")
    assert code == 1 and f[1] == line and "第一产业、第二产业、第三产业" in f[4]


def test_share_must_be_within_0_100(example: Path, capsys):
    line = patch(example, "企业上云比例: 78.60", "企业上云比例: 178.60")
    code, rows = check(example, capsys)
    (f,) = find(rows, "number-range")
    assert code == 1 and f[1] == line and "不能大于 100" in f[4]


def test_counts_are_whole_and_not_negative(example: Path, capsys):
    line = patch(example, "PCT国际专利申请量: 17", "PCT国际专利申请量: 17.5")
    patch(example, "2023: 3}", "2023: -3}")
    code, rows = check(example, capsys)
    assert code == 1
    assert find(rows, "type-integer")[0][1] == line
    assert "不能为负数" in find(rows, "number-range")[0][4]


def test_more_than_two_decimals_warns_and_strict_fails(example: Path, capsys):
    line = patch(example, "集群占地面积: 18.6", "集群占地面积: 18.675")
    code, rows = check(example, capsys)
    (f,) = find(rows, "print-differs")  # the read-back says what prints (it replaces number-decimals)
    assert code == 0 and f[1] == line and f[3] == "警告" and "18.675 印为 18.68" in f[4]
    assert not [r for r in rows if r[5] == "number-decimals"]  # said once
    code, _ = check(example, capsys, "--strict")
    assert code == 1


def test_narrative_over_200_zi(example: Path, capsys):
    text = "集" * 201
    line = patch(example, "产业链强链补链情况: 集群围绕", f"产业链强链补链情况: {text}集群围绕")
    code, rows = check(example, capsys)
    (f,) = find(rows, "text-too-long")
    assert code == 1 and f[1] == line and "超过 200 字" in f[4] and "Word" in f[4]


def test_cluster_name_shape(example: Path, capsys):
    line = patch(example, "集群名称: 泉山市青川县高端轴承特色产业集群", "集群名称: 青川县轴承产业园")
    code, rows = check(example, capsys)
    (f,) = find(rows, "name-shape")
    assert code == 1 and f[1] == line and "XX市XX县（市、区）XX特色产业集群" in f[4]


def test_cluster_name_agrees_with_region(example: Path, capsys):
    line = patch(example, "集群名称: 泉山市青川县高端轴承特色产业集群", "集群名称: 泉山市石门县高端轴承特色产业集群")
    code, rows = check(example, capsys)
    (f,) = find(rows, "name-region")
    assert code == 1 and f[1] == line and "泉山市青川县" in f[4]


def test_average_growth_cross_checked_with_both_numbers(example: Path, capsys):
    line = patch(example, "近三年主导产业产值年均增速: 13.45", "近三年主导产业产值年均增速: 15.00")
    code, rows = check(example, capsys)
    (f,) = find(rows, "derived-mismatch")
    assert code == 1 and f[1] == line and "15" in f[4] and "13.45" in f[4] and "几何平均" in f[4]


def test_average_growth_derived_when_left_out(example: Path, capsys):
    patch(example, "  近三年主导产业产值年均增速: 13.45\n", "")
    os.chdir(example.parent)
    app, findings = load_application(Path("example"))
    assert app is not None, findings.format_text()
    assert str(app.data["主导产业情况"]["近三年主导产业产值年均增速"]) == "13.45"


def test_patents_per_10000_cross_checked(example: Path, capsys):
    line = patch(example, "每万人有效发明专利拥有量: 99.17", "每万人有效发明专利拥有量: 80")
    code, rows = check(example, capsys)
    (f,) = find(rows, "derived-mismatch")
    assert code == 1 and f[1] == line and "10000" in f[4]


def test_sme_count_not_above_firm_count(example: Path, capsys):
    line = patch(example, "集群中小企业数量: {2021: 274,", "集群中小企业数量: {2021: 300,")
    code, rows = check(example, capsys)
    (f,) = find(rows, "count-sme-exceeds")
    assert code == 1 and f[1] == line and "2021 年" in f[4]


def test_target_baseline_against_tables(example: Path, capsys):
    text = (example / "cluster.yaml").read_text(encoding="utf-8")
    m = re.search(r"指标: 工业互联网普及率, 单位: \"?%\"?, 基准值: ([\d.]+)", text)
    assert m, "example has a 工业互联网普及率 row with a baseline"
    line = patch(example, m.group(0), m.group(0).replace(m.group(1), "50"))
    code, rows = check(example, capsys)
    (f,) = find(rows, "target-baseline-mismatch")
    assert code == 1 and f[1] == line and "62.35" in f[4]


def test_checked_box_needs_evidence(example: Path, capsys):
    line = patch(example, "组建创新联合体: evidence/04-轴承产业创新联合体组建文件.pdf", "组建创新联合体: 是")
    code, rows = check(example, capsys)
    assert code == 1
    assert find(rows, "checkbox-evidence")[0][1] == line
    assert "勾选需提供佐证材料" in find(rows, "checkbox-evidence")[0][4]
    assert find(rows, "evidence-unused")  # the file it named is now cited by nothing


def test_every_option_must_be_listed(example: Path, capsys):
    patch(example, "    人力资源共享: 否\n", "")
    code, rows = check(example, capsys)
    (f,) = find(rows, "checkbox-missing")
    assert code == 1 and "人力资源共享" in f[4]


def test_named_evidence_file_must_exist(example: Path, capsys):
    line = patch(example, "evidence/13-质量诊断服务报告.pdf", "evidence/13-质量诊断服务报告.docx")
    code, rows = check(example, capsys)
    (f,) = find(rows, "evidence-missing")
    assert code == 1 and f[1] == line and "不存在" in f[4]


@pytest.mark.parametrize(
    "path, rule",
    [("/etc/passwd", "path-absolute"), ("C:\\\\材料\\\\a.pdf", "path-absolute"), ("../outside.pdf", "path-outside")],
)
def test_evidence_must_stay_in_the_folder(example: Path, capsys, path: str, rule: str):
    (example.parent / "outside.pdf").write_bytes(b"%PDF-1.4\n")
    line = patch(example, "evidence/13-质量诊断服务报告.pdf", f'"{path}"')
    code, rows = check(example, capsys)
    (f,) = find(rows, rule)
    assert code == 1 and f[1] == line and "申报文件夹" in f[4]


def test_evidence_link_leaving_the_folder(example: Path, capsys):
    outside = example.parent / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    (example / "evidence" / "link.pdf").symlink_to(outside)
    line = patch(example, "evidence/13-质量诊断服务报告.pdf", "evidence/link.pdf")
    code, rows = check(example, capsys)
    (f,) = find(rows, "path-outside")
    assert code == 1 and f[1] == line and "符号链接" in f[4]


def test_unnamed_evidence_file_warns(example: Path, capsys):
    (example / "evidence" / "99-多余的文件.pdf").write_bytes(b"%PDF-1.4\n")
    code, rows = check(example, capsys)
    (f,) = find(rows, "evidence-unused")
    assert code == 0 and f[0] == "example/evidence/99-多余的文件.pdf" and f[3] == "警告"
    assert check(example, capsys, "--strict")[0] == 1


@pytest.mark.parametrize(
    "old, new, why",
    [
        ("属于禁止限制淘汰类产业: 否", "属于禁止限制淘汰类产业: 是", "禁止、限制和淘汰类产业"),
        ("近三年发生较大及以上事故: 否", "近三年发生较大及以上事故: 是", "事故"),
        ("存在偷税漏税违法失信行为: 否", "存在偷税漏税违法失信行为: 是", "偷税漏税"),
        ("能效水平达到行业基准值: 不适用", "能效水平达到行业基准值: 否", "能效水平未达到"),
        ("水效水平达到行业基准值: 不适用", "水效水平达到行业基准值: 否", "水效水平未达到"),
    ],
)
def test_knock_out_questions(example: Path, capsys, old: str, new: str, why: str):
    line = patch(example, old, new)
    code, rows = check(example, capsys)
    (f,) = find(rows, "ineligible")
    assert code == 1 and f[1] == line and why in f[4]


def test_bad_csv_row_reported_as_file_row(example: Path, capsys):
    csv = example / "标准.csv"
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[2].split(",")
    header = lines[0].split(",")
    cells[header.index("类别")] = "地方"
    lines[2] = ",".join(cells)
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, rows = check(example, capsys)
    (f,) = find(rows, "type-choice")
    assert code == 1 and (f[0], f[1], f[2]) == ("example/标准.csv", 3, header.index("类别") + 1)
    assert "国际、国家、行业、团体" in f[4]


def test_bad_date(example: Path, capsys):
    line = patch(example, "申报时间: 2024-04-20", "申报时间: 2024年13月1日")
    code, rows = check(example, capsys)
    (f,) = find(rows, "type-date")
    assert code == 1 and f[1] == line and "YYYY-MM-DD" in f[4]


def test_json_output(example: Path, capsys):
    patch(example, "集群占地面积: 18.6", "集群占地面积:")
    os.chdir(example.parent)
    assert run_check([Path("example")], fmt="json") == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and payload["errors"] == 1
    (f,) = payload["findings"]
    assert f["rule"] == "field-missing" and f["severity"] == "error" and f["file"] == "example/cluster.yaml"


def test_all_findings_at_once(example: Path, capsys):
    patch(example, "集群占地面积: 18.6", "集群占地面积: 很大")
    patch(example, "企业上云比例: 78.60", "企业上云比例: 178.60")
    patch(example, "工业软件应用率稳步提升: 是", "工业软件应用率稳步提升: 对")
    code, rows = check(example, capsys)
    assert code == 1 and {r[5] for r in rows} >= {"type-number", "number-range", "type-yesno"}


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_exit_codes(tmp_path: Path):
    assert run_cli("check", str(EXAMPLE), "--strict").returncode == 0
    usage = run_cli("check", str(EXAMPLE), "--format", "xml")
    assert usage.returncode == 2 and "--format" in usage.stderr
    assert run_cli("check").returncode == 2
    missing = run_cli("check", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "申报文件夹不存在" in missing.stdout and "Traceback" not in missing.stderr
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    notdir = run_cli("check", str(afile))
    assert notdir.returncode == 1 and "[folder-not-dir]" in notdir.stdout


def test_validate_modules_import_no_cycle():
    """validate.fields ↔ lists ↔ targets imported each other inside functions; now the
    import graph of docgen.validate (lazy imports included) has no cycle."""
    import ast

    pkg = ROOT / "docgen" / "validate"
    graph: dict[str, set[str]] = {}
    for py in pkg.glob("*.py"):
        deps = set()
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                deps.add(node.module.split(".")[0])
        graph[py.stem] = deps & {p.stem for p in pkg.glob("*.py")}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(d == goal or (d not in seen and reaches(d, goal, seen | {d})) for d in graph[start])

    assert [m for m in graph if reaches(m, m, set())] == []
