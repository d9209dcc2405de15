"""cluster.yaml values wrapped over several lines join by the word counter's rule (issue 10)."""
from __future__ import annotations

import pytest

from docgen.findings import Findings
from docgen.load.yamlfile import parse_yaml_text
from docgen.wordcount import word_count


def read(text: str):
    f = Findings()
    doc = parse_yaml_text(text, "cluster.yaml", f)
    assert f.items == []
    return doc.data


@pytest.mark.parametrize(
    "yaml_text, value",
    [
        ("v: 集群围绕\n  “轴承钢材”链条\n", "集群围绕“轴承钢材”链条"),
        ("v: 占比80%\n  以上，smart\n  factory\n", "占比80%以上，smart factory"),
        ("v: 第一段\n  续行\n\n  第二段\n", "第一段续行\n第二段"),
        ("v: >\n  折叠的\n  “文字”\n", "折叠的“文字”\n"),
        ("v: >-\n  ISO\n  9001认证\n", "ISO 9001认证"),
        ("v: '单引号\n  文字'\n", "单引号文字"),
        ('v: "双引号\n  文字"\n', "双引号文字"),
        ("v: 集群围绕\r\n  “轴承”\r\n", "集群围绕“轴承”"),
        ("- 列表项\n  续行\n", None),
    ],
)
def test_folded_lines_join_without_space_next_to_east_asian(yaml_text, value):
    data = read(yaml_text)
    got = data[0] if isinstance(data, list) else data["v"]
    assert got == (value if value is not None else "列表项续行")


@pytest.mark.parametrize(
    "yaml_text, value",
    [
        ("v: |\n  字面\n  换行\n", "字面\n换行\n"),  # a literal block keeps its breaks
        ("v: 一行 文字\n", "一行 文字"),  # a space typed on one line is the writer's
        ('v: "转义\\t\n  文字"\n', "转义\t 文字"),  # escapes: left to YAML
    ],
)
def test_other_values_are_unchanged(yaml_text, value):
    assert read(yaml_text)["v"] == value


def test_joined_value_counts_as_its_lines():
    data = read("v: 集群围绕\n  “轴承钢材—锻件”\n  链条，增长7.6%\n  以上\n")
    assert word_count(data["v"]) == word_count("集群围绕“轴承钢材—锻件”链条，增长7.6%以上")
