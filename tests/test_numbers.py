"""Numbers in every written form: read as the value a person means, or a located error —
never another number (issue 11: "18,6" was printed as 186)."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from docgen.findings import Findings
from docgen.form.kinds import Number
from docgen.load.yamlfile import parse_yaml_text
from docgen.numbers import format_decimal, read_number, unit_key
from docgen.validate.context import CheckContext
from docgen.validate.fields import check_number

FULL_WIDTH = str.maketrans("0123456789.+-,eE", "０１２３４５６７８９．＋－，ｅＥ")

values = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4, allow_nan=False,
                     allow_infinity=False)


def grouped(d: Decimal) -> str:
    """d with thousands separators, as Excel writes it (1,234,567.89)."""
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    return sign + f"{int(whole):,}" + (f".{frac}" if frac else "")


def exponent(d: Decimal) -> str:
    return f"{d:e}"


@st.composite
def written(draw):
    """(text, the value meant or None when the text is not a plain number)."""
    d = draw(values)
    form = draw(st.sampled_from(["plain", "grouped", "exponent"]))
    text = {"plain": f"{d:f}", "grouped": grouped(d), "exponent": exponent(d)}[form]
    if d >= 0 and draw(st.booleans()):
        text = "+" + text
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    if draw(st.booleans()):
        text = draw(st.sampled_from([" ", "  ", "\t"])) + text + draw(st.sampled_from(["", " "]))
    unit = draw(st.sampled_from(["", "", "", "%", "％", "亿元", "万元", " 吨"]))
    return text + unit, (d if not unit else None)


@given(written())
@example(("18,6", None))
@example(("236,18", None))
@example(("1,23,456", None))
@example(("１８．６", Decimal("18.6")))
@example(("31,460", Decimal(31460)))
@example(("1,234.56", Decimal("1234.56")))
@example(("2.01111E+11", Decimal("201111000000")))
@settings(max_examples=400, deadline=None)
def test_a_number_is_read_as_meant_or_refused(case):
    text, meant = case
    read = read_number(text)
    if meant is None:
        assert read.value is None and read.problem, (text, read)
        assert re.search(r"[\u4e00-\u9fff]", read.problem)
    else:
        assert read.value == meant, (text, read)


@given(st.text(alphabet="0123456789０１２３４５６７８９.,，．eE+-－ %％", min_size=1, max_size=14))
@settings(max_examples=600, deadline=None)
def test_any_string_of_number_characters_is_never_another_number(text):
    """Whatever is read keeps every digit in its place: only well-formed thousands commas are
    dropped, full-width characters read as half-width, and an exponent moves the point."""
    read = read_number(text)
    if read.value is None:
        assert read.problem
        return
    half = text.strip().translate(str.maketrans("０１２３４５６７８９．，－＋ｅＥ", "0123456789.,-+eE"))
    if "," in half:
        assert re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", half), text
    assert read.value == Decimal(half.replace(",", "")), text


def _check(text: str, field: Number) -> tuple[object, Findings]:
    findings = Findings()
    doc = parse_yaml_text(f"封面:\n  面积: {text}\n", "cluster.yaml", findings)
    ctx = CheckContext(folder=Path("."), display_dir="", doc=doc, findings=findings)
    return check_number(ctx, field, doc.data["封面"]["面积"], ("封面", "面积"), "集群占地面积"), findings


AREA = Number("面积", "集群占地面积", unit="平方公里")


@given(written())
@settings(max_examples=200, deadline=None)
def test_through_cluster_yaml_a_located_error_or_the_value(case):
    text, meant = case
    text = text.strip() or "0"
    quoted = "'" + text.replace("'", "''") + "'"
    value, findings = _check(quoted, Number("面积", "集群占地面积", unit="平方公里", minimum=None))
    if meant is not None and abs(meant) <= Decimal(20_000):
        assert value == meant, (text, findings.format_text())
    else:
        assert not isinstance(value, Decimal) or value == meant, (text, value)
        if not isinstance(value, Decimal):
            assert findings.errors and all(f.line == 2 for f in findings.errors), findings.format_text()


@pytest.mark.parametrize("text, rule, words", [
    ("18,6", "type-number", "18.6"),
    ("1e400", "number-bound", "401 位"),
    ("123456789012345678901234567.5", "number-bound", "合理范围"),
    ("１８．６", "number-normalized", "18.6"),
    ("1.86e1", "number-normalized", "科学计数法"),
    ("'20,000'", "number-normalized", "千分位"),
])
def test_findings_name_the_value(text, rule, words):
    _, findings = _check(text, AREA)
    hits = [f for f in findings.items if f.rule == rule]
    assert hits and words in hits[0].message and hits[0].line == 2, findings.format_text()


def test_huge_values_never_reach_the_printer():
    """Beyond the bound nothing is returned, so format_decimal never sees 401 digits."""
    value, findings = _check("1e400", AREA)
    assert not isinstance(value, Decimal) and findings.errors
    assert format_decimal(Decimal("20000")) == "20000"


@pytest.mark.parametrize("a, b", [("％", "%"), ("吨/万元", "吨二氧化碳/万元"), (" % ", "%"), ("亿元", "亿元")])
def test_units_compare_alike(a, b):
    assert unit_key(a) == unit_key(b)
