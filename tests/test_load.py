"""The YAML and list loaders: positions, refusals, exact numbers."""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from docgen.findings import Findings
from docgen.load.tables import load_table
from docgen.load.yamlfile import MAX_YAML_BYTES, load_yaml_file, parse_yaml_text


def parse(text: str):
    findings = Findings()
    doc = parse_yaml_text(text, "cluster.yaml", findings)
    return doc, findings


def only(findings: Findings):
    assert len(findings.items) == 1, findings.format_text()
    return findings.items[0]


def test_numbers_keep_their_exact_text():
    doc, findings = parse("a: 2.675\nb: 0.125\nc: 120\nd: '05391234567'\ne: 05391234567\n")
    assert not findings.items
    assert doc.data["a"] == Decimal("2.675") and str(doc.data["a"]) == "2.675"
    assert str(doc.data["b"]) == "0.125"
    assert doc.data["c"] == Decimal(120)
    assert doc.data["d"] == "05391234567"
    assert doc.raw[("e",)] == "05391234567"  # a phone number typed bare keeps its leading 0


def test_positions_of_values_and_keys():
    doc, _ = parse("封面:\n  集群名称: 甲\n  申报时间: 2024-04-20\n")
    assert (doc.locs[("封面", "集群名称")].line, doc.locs[("封面", "集群名称")].col) == (2, 9)
    assert doc.key_locs[("封面", "申报时间")].line == 3
    assert doc.data["封面"]["申报时间"] == "2024-04-20"


def test_year_keys_are_integers():
    doc, _ = parse("集群总产值: {2021: 1.5, 2022: 2, 2023: 2.5}\n")
    assert set(doc.data["集群总产值"]) == {2021, 2022, 2023}


def test_syntax_error_is_located_in_chinese():
    _, findings = parse("封面:\n  集群名称: 甲\n 所属市: 乙\n")
    f = only(findings)
    assert f.rule == "yaml-syntax" and f.line == 3
    assert "YAML 语法错误" in f.message


def test_tab_indentation_is_located():
    _, findings = parse("封面:\n\t集群名称: 甲\n")
    f = only(findings)
    assert (f.rule, f.line, f.col) == ("yaml-tab", 2, 1)
    assert "制表符" in f.message


def test_duplicate_key_names_both_lines():
    _, findings = parse("封面:\n  集群名称: 甲\n  所属市: 乙\n  集群名称: 丙\n")
    f = only(findings)
    assert (f.rule, f.line) == ("yaml-duplicate-key", 4)
    assert "第 2 行" in f.message and "集群名称" in f.message


def test_anchor_and_alias_refused():
    _, findings = parse("a: &x 1\nb: *x\n")
    f = only(findings)
    assert (f.rule, f.line) == ("yaml-alias", 1)
    assert "锚点" in f.message


def test_billion_laughs_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    doc, findings = parse("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert doc is None and findings.items[0].rule == "yaml-alias"


def test_multiple_documents_refused():
    _, findings = parse("a: 1\n---\nb: 2\n")
    assert only(findings).rule == "yaml-multi-doc"


def test_empty_file_refused():
    _, findings = parse("# only a comment\n")
    assert only(findings).rule == "yaml-empty"


def test_control_character_refused_with_position():
    _, findings = parse("a: 甲\x01乙\n")
    f = only(findings)
    assert (f.rule, f.line, f.col) == ("text-control-char", 1, 5)


def test_oversized_file_refused(tmp_path: Path):
    p = tmp_path / "cluster.yaml"
    p.write_text("a: " + "x" * (MAX_YAML_BYTES + 10) + "\n", encoding="utf-8")
    findings = Findings()
    assert load_yaml_file(p, "cluster.yaml", findings) is None
    assert only(findings).rule == "file-too-large"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16"])
def test_windows_encodings_are_read_with_a_warning(tmp_path: Path, encoding: str):
    p = tmp_path / "cluster.yaml"
    p.write_bytes("集群名称: 泉山市青川县高端轴承特色产业集群\n".encode(encoding))
    findings = Findings()
    doc = load_yaml_file(p, "cluster.yaml", findings)
    assert doc.data == {"集群名称": "泉山市青川县高端轴承特色产业集群"}
    f = only(findings)
    assert f.rule == "file-encoding-converted" and f.severity.value == "警告"
    assert "UTF-8" in f.message and "记事本" in f.message and "WPS" in f.message


def test_undecodable_bytes_refused(tmp_path: Path):
    p = tmp_path / "cluster.yaml"
    p.write_bytes(b"a: \x81\x30\xff\xfe\x00\x01\n")
    findings = Findings()
    assert load_yaml_file(p, "cluster.yaml", findings) is None
    f = only(findings)
    assert f.rule == "file-encoding" and "另存为" in f.message


def test_csv_rows_and_cells_are_located(tmp_path: Path):
    p = tmp_path / "标准.csv"
    p.write_text("\ufeff标准名称,年份\n甲,2021\n\n乙,2.675\n", encoding="utf-8")
    findings = Findings()
    table = load_table(p, "x/标准.csv", findings, ["标准名称", "年份"])
    assert not findings.items
    assert [r["标准名称"] for r in table.rows] == ["甲", "乙"]
    assert table.rows[1]["年份"] == "2.675"
    loc = table.locs[1]["年份"]
    assert (loc.file, loc.line, loc.col) == ("x/标准.csv", 4, 2)


def test_csv_unknown_column(tmp_path: Path):
    p = tmp_path / "标准.csv"
    p.write_text("标准名称,年度\n甲,2021\n", encoding="utf-8")
    findings = Findings()
    assert load_table(p, "标准.csv", findings, ["标准名称", "年份"]) is None
    f = only(findings)
    assert (f.rule, f.line, f.col) == ("list-column", 1, 2)
    assert "年度" in f.message


def test_xlsx_rows_are_located(tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["名称", "认定年份"])
    ws.append(["甲工厂", 2022])
    ws.append(["乙工厂", 2.5])
    p = tmp_path / "绿色制造.xlsx"
    wb.save(p)
    findings = Findings()
    table = load_table(p, "绿色制造.xlsx", findings, ["名称", "认定年份"])
    assert table.rows[0]["认定年份"] == Decimal(2022)
    assert table.rows[1]["认定年份"] == Decimal("2.5")
    assert table.row_locs[1].line == 3
