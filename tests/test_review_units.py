"""Units as written in 单位 cells and after figures (docgen.review.units)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from docgen.review.indicators import INDICATORS, indicator_of
from docgen.review.units import ascii_digits, parse_unit


@pytest.mark.parametrize("a, b", [("%", "％"), ("亿元", "万元"), ("吨/万元", "吨二氧化碳/万元"), ("千克标准煤/万元", "吨标准煤/万元"),
                                  ("家", "个"), ("件", "项"), ("万台", "台"), ("tCO2/万元", "吨/万元")])
def test_same_dimension(a, b):
    assert parse_unit(a).compatible(parse_unit(b))


@pytest.mark.parametrize("a, b", [("家", "家次"), ("%", "个百分点"), ("亿元", "亿美元"), ("吨标准煤/万元", "吨二氧化碳/万元"),
                                  ("亿元", "%"), ("人", "家"), ("万吨", "吨/万元")])
def test_different_dimension(a, b):
    assert not parse_unit(a).compatible(parse_unit(b))


@pytest.mark.parametrize("value, unit, to, expected", [
    ("236.18", "亿元", "万元", "2361800"), ("105.6", "千克标准煤/万元", "吨标准煤/万元", "0.1056"), ("1.2", "万台", "台", "12000"),
])
def test_convert(value, unit, to, expected):
    assert parse_unit(unit).convert(Decimal(value), parse_unit(to)) == Decimal(expected)


def test_unknown_units_are_not_compared():
    assert parse_unit("") is None and parse_unit("标准") is None and parse_unit("吨/亩") is None


def test_full_width_digits_map_one_to_one():
    text = "２０２３年集群总产值２３６．１８亿元，占比８４．２７％"
    assert ascii_digits(text) == "2023年集群总产值236.18亿元，占比84.27%" and len(ascii_digits(text)) == len(text)


def test_every_indicator_unit_is_known_and_names_unique():
    for ind in INDICATORS:
        assert ind.parsed_unit is not None, ind.name
    words = [a for ind in INDICATORS for a in ind.aliases]
    assert len(words) == len(set(words)), "a word names two indicators"


def test_row_unit_must_fit_the_indicator():
    assert indicator_of("专精特新“小巨人”企业数量", "家").name == "专精特新小巨人企业数量"
    assert indicator_of("二氧化碳排放量", "吨/万元").name == "二氧化碳排放量"
    assert indicator_of("二氧化碳排放量", "万吨") is None  # a total, not the form's intensity
    assert indicator_of("高端产品产值占比", "%") is None
