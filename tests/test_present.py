"""docgen.present: values as the form prints them."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from docgen import present, settings
from docgen.form.spec import field_at
from docgen.model import MISSING, CheckState, Month


@pytest.mark.parametrize(
    "written, shown",
    [
        ("2.675", "2.68"),  # half up on the exact decimal (a float would give 2.67)
        ("0.125", "0.13"),  # half up, not banker's rounding (0.12)
        ("12", "12"),
        ("12.0", "12"),  # no fraction: an integer stays an integer
        ("3.10", "3.10"),
        ("3.1", "3.10"),  # a fraction: exactly two decimals
        ("-2.675", "-2.68"),
        ("-0.001", "0.00"),  # never −0.00
        ("1E+2", "100"),
        ("0", "0"),
        ("1234567.891", "1234567.89"),
    ],
)
def test_numbers(written, shown):
    assert present.number(D(written)) == shown


def test_counts_none_and_text():
    assert present.number(0) == "0"
    assert present.count(7) == "7"
    assert present.number("无") == "无"
    with pytest.raises(TypeError):
        present.number(True)
    with pytest.raises(TypeError):
        present.number(2.5)  # floats never reach the form


def test_dates():
    assert present.date(dt.date(2024, 4, 20)) == "2024年4月20日"
    assert present.date(dt.date(2024, 11, 5)) == "2024年11月5日"
    assert present.date(Month(2008, 6)) == "2008年6月"
    assert present.month(Month(2019, 12)) == "2019年12月"


def test_missing_is_a_visible_pending_marker():
    v = present.number(MISSING, "集群总产值（亿元）")
    assert v == "【待填写：集群总产值（亿元）】"
    assert present.is_pending(v)
    assert not present.is_pending("12")
    assert present.is_pending(present.date(MISSING, "申报时间"))


def test_boxes_in_form_order():
    f = field_at("基本情况.能效水平达到行业基准值")
    assert present.boxes(f, "不适用") == {"是": settings.UNCHECKED, "否": settings.UNCHECKED,
                                       "不适用": settings.CHECKED}
    g = field_at("主导产业情况.产业链资源协同协作工作")
    states = {o.key: CheckState(i == 1, ("evidence/a.pdf",) if i == 1 else ()) for i, o in enumerate(g.options)}
    shown = present.boxes(g, states)
    assert list(shown) == [o.key for o in g.options]
    assert [v for v in shown.values()].count(settings.CHECKED) == 1
    missing = present.boxes(g, MISSING)
    first = missing[g.options[0].key]
    assert present.is_pending(first) and first.endswith(settings.UNCHECKED)
    assert all(v == settings.UNCHECKED for k, v in missing.items() if k != g.options[0].key)


@pytest.mark.parametrize(
    "city, county, shown",
    [
        ("泉山市", "青川县", ("泉山", "青川")),
        ("济南市", "历下区", ("济南", "历下")),
        ("烟台市", "龙口市", ("烟台", "龙口")),
        ("青岛市", "西海岸新区", ("青岛", "西海岸新区")),  # a 新区 keeps its name
    ],
)
def test_region_blanks(city, county, shown):
    assert present.region(city, county) == shown


def test_value_by_kind_and_contact():
    assert present.value(field_at("基本情况.集群占地面积"), D("18.6")) == "18.60"
    assert present.value(field_at("封面.申报时间"), dt.date(2024, 4, 20)) == "2024年4月20日"
    assert present.value(field_at("绿色化转型情况.碳排放监测机制佐证"), ("evidence/a.pdf", "evidence/b.pdf")) == \
        "evidence/a.pdf、evidence/b.pdf"
    assert present.contact("林晓东", "0539-8216000") == "林晓东　0539-8216000"
    assert present.join_names([]) == "无"
