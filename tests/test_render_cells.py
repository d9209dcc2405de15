"""Each value lands in its own cell of its own row — not merely somewhere in the document."""
from __future__ import annotations

import re

import pytest
from conftest import make_app
from docx_text import all_rows, norm, paragraphs, tables

from docgen import present, settings
from docgen.form import kinds
from docgen.form.kinds import YEARS
from docgen.form.spec import (
    PLATFORM_LABELS,
    PLATFORM_LEVELS,
    SECTIONS,
    STANDARD_CATEGORIES,
    section,
)

APP = make_app()


def value(sec: str, key: str):
    return APP.data[sec][key]


@pytest.fixture(scope="module")
def rows(built_docx):
    """Rows of the form's tables (the cover's ruled lines left out)."""
    return [[norm(c) for c in r] for t in tables(built_docx)[1:] for r in t]


def find(rows, label: str, start: int = 0) -> int:
    want = norm(label)
    for i in range(start, len(rows)):
        if rows[i] and any(c == want or (c.startswith(want) and c[len(want):].startswith("(")) for c in rows[i][:2]):
            return i
    raise AssertionError(f"找不到标签为“{label}”的行")


def single_fields():
    for sec in SECTIONS[1:8]:  # 一 … 七
        for f in sec.fields:
            if isinstance(f, (kinds.Narrative,)) and f.key != "新模式新业态试点示范情况":
                yield sec.key, f
            elif isinstance(f, kinds.Number) and not isinstance(f, kinds.YearSeries):
                yield sec.key, f


@pytest.mark.parametrize("sec_key, f", list(single_fields()), ids=lambda x: getattr(x, "key", x))
def test_single_values_sit_next_to_their_label(rows, sec_key, f):
    i = find(rows, f.label)
    expected = norm(present.value(f, value(sec_key, f.key)))
    assert rows[i][-1] == expected, (f.label, rows[i])


def year_fields():
    for sec in SECTIONS[1:8]:
        for f in sec.fields:
            if isinstance(f, kinds.YearSeries):
                yield sec.key, f


@pytest.mark.parametrize("sec_key, f", list(year_fields()), ids=lambda x: getattr(x, "key", x))
def test_year_series_one_cell_per_year(rows, sec_key, f):
    i = find(rows, f.label)
    want = [norm(present.number(value(sec_key, f.key)[y])) for y in YEARS]
    if f.key == "工业软件采购金额":  # years on the label row, values on the row below
        assert rows[i][1:] == [f"{y}年" for y in YEARS]
        assert rows[i + 1][1:] == want
    elif f.key == "单位产值二氧化碳排放量":  # one row per year: 年 | value
        assert [rows[i + k][1:] for k in range(3)] == [[f"{y}年", w] for y, w in zip(YEARS, want)]
    else:
        assert rows[i][1:] == want, (f.label, rows[i])


def test_basic_contacts_in_their_cells(rows):
    for key in ("县级中小企业主管部门", "集群运营管理机构"):
        g = APP.data["基本情况"][key]
        i = find(rows, section("基本情况").fields[0 if key.startswith("县") else 1].label)
        assert rows[i][1] == norm(g["名称"])
        assert rows[i + 1] == ["联系人", norm(g["联系人"]), "联系方式", norm(g["联系方式"])]
    i = find(rows, "集群名称：")
    assert rows[i][1] == norm(APP.data["封面"]["集群名称"])


def checkbox_fields():
    for sec in SECTIONS[1:8]:
        for f in sec.fields:
            if isinstance(f, (kinds.Checkboxes, kinds.YesNo, kinds.Choice)):
                yield sec.key, f


@pytest.mark.parametrize("sec_key, f", list(checkbox_fields()), ids=lambda x: getattr(x, "key", x))
def test_boxes_ticked_in_their_cell(built_docx, sec_key, f):
    shown = present.boxes(f, value(sec_key, f.key))
    opts = dict(present.options(f))
    all_ = all_rows(built_docx)
    # two rows are labelled 是否高于行业平均水平: the second follows 工业用水重复利用率
    anchor = {"用水重复利用率高于行业平均": "工业用水重复利用率（%）"}.get(f.key)
    if anchor:
        all_ = all_[next(i for i, r in enumerate(all_) if norm(r[0]) == norm(anchor)):]
    for r in all_:
        cells = [norm(c) for c in r]
        if cells and (cells[0] == norm(f.label) or (len(cells) > 1 and f.key == "新模式新业态推广工作"
                                                    and norm(f.intro) in cells[-1])):
            cell = cells[-1]
            break
    else:
        raise AssertionError(f"找不到“{f.label}”")
    for key, glyph in shown.items():
        assert norm(glyph + opts[key]) in cell, (f.label, opts[key])
    if isinstance(f, kinds.Checkboxes):
        assert norm(f.note) in cell
        positions = [cell.find(norm(opts[k])) for k in shown]
        assert positions == sorted(positions)


def test_standards_by_year_category_and_role(built_docx):
    counts = APP.derived["标准数量"]
    t = next(t for t in tables(built_docx) if any(norm(r[0]).startswith(norm("集群中小企业近三年主持")) for r in t))
    start = next(i for i, r in enumerate(t) if norm(r[0]).startswith(norm("集群中小企业近三年主持")))
    assert [norm(c) for c in t[start][1:]] == ["类别", "主持数量", "参与数量"] * 3
    for k, cat in enumerate(STANDARD_CATEGORIES, 1):
        row = [norm(c) for c in t[start + k][1:]]
        want = []
        for y in YEARS:
            want += [cat, str(counts[y][cat]["主持"]), str(counts[y][cat]["参与"])]
        assert row == want, cat
    assert sum(counts[y][c][r] for y in YEARS for c in counts[y] for r in counts[y][c]) == \
        len(APP.data["创新能力情况"]["标准"])


def test_platforms_count_and_names_by_level(rows):
    names = APP.derived["创新平台"]
    for level in PLATFORM_LEVELS:
        row = next(r for r in rows if norm(PLATFORM_LABELS[level]) in r)
        cell = row[-1]
        assert cell.startswith(f"数量:{len(names[level])}个名称:")
        assert cell.endswith(norm("、".join(names[level]) or "无"))


def test_counts_from_lists(rows):
    patents = len(APP.data["创新能力情况"]["有效发明专利"])
    i = find(rows, "集群内中小企业有效发明专利拥有量")
    assert rows[i][-1] == f"{patents}个" + norm("（需提供清单及佐证材料）（详见附表3）")
    i = find(rows, "集群或集群内企业在境外设立分支机构数量")
    assert rows[i][-1] == f"{len(APP.data['开放合作情况']['境外分支机构'])}个" + \
        norm("（需提供清单及相关佐证材料）（详见附表5）")
    i = find(rows, "集群绿色制造体系建设水平")
    green = APP.derived["绿色制造数量"]
    for cat, n in green.items():
        assert f"{cat}数量{n}" in rows[i][-1]


def test_co2_formula_and_cover_fields(built_docx, rows):
    i = find(rows, "近三年单位产值二氧化碳排放量（吨二氧化碳/万元）")
    assert norm(APP.data["绿色化转型情况"]["二氧化碳排放量计算公式"]) in rows[i + 3][-1]
    cover = tables(built_docx)[0]
    cells = {norm(r[0]): norm(r[1]) for r in cover if r[0]}
    assert cells[norm("集群名称：")] == norm(APP.data["封面"]["集群名称"])
    assert cells[norm("所属地区：")] == norm("泉山　市　青川　县(市、区)")
    assert cells[norm("申报时间：")] == "2024年4月20日"
    assert cells[norm("联系人及联系电话：")] == norm("林晓东　0539-8216000")
    assert cells[norm("县级行政区划中小企业主管部门(盖章)：")] == norm("青川县工业和信息化局")


def test_declaration_and_opinion(rows):
    i = find(rows, "真实性声明")
    assert norm("县级行政区划中小企业主管部门负责人（签字）：") in rows[i][1]
    i = find(rows, "市级中小企业主管部门推荐意见")
    assert rows[i][1].startswith(norm(APP.data["真实性声明及推荐意见"]["市级推荐意见"]))
    assert rows[i][1].endswith(norm("推荐单位（公章）：年月日"))


def test_lists_after_the_form(built_docx):
    texts = [norm(p) for p in paragraphs(built_docx)]
    for n, title in enumerate(["集群中小企业近三年主持或参与制修订标准清单", "集群创新平台清单",
                               "集群内中小企业有效发明专利清单", "集群绿色制造体系建设清单",
                               "集群或集群内企业境外分支机构清单"], 1):
        i = texts.index(norm(f"附表{n}　{title}"))
        assert texts[i + 1] == norm("（《山东省特色产业集群申报表》附表）")
    rows = [[norm(c) for c in r] for r in all_rows(built_docx)]
    patents = APP.data["创新能力情况"]["有效发明专利"]
    for k, p in enumerate(patents, 1):
        row = next(r for r in rows if len(r) > 2 and r[2] == norm(p["专利号"]))
        assert row[0] == str(k) and row[1] == norm(p["专利名称"])
        assert row[5] == norm(present.date(p["授权日期"]))


def test_evidence_list_numbers_every_file(built_docx):
    rows = [[norm(c) for c in r] for r in all_rows(built_docx)]
    start = next(i for i, r in enumerate(rows) if r[:3] == ["序号", norm("佐证材料（文件）"), "证明内容"])
    listed = rows[start + 1: start + 1 + len(APP.evidence)]
    assert [r[0] for r in listed] == [str(i) for i in range(1, len(APP.evidence) + 1)]
    from docgen.evidence_list import evidence_rows

    for r, row in zip(listed, evidence_rows(APP)):  # one numbering: the file named by its 序号
        assert r[1] == norm(row.file) and r[1].startswith(f"{int(r[0]):02d}-")
        assert r[2] == norm(row.statement)
    # the lists cite the evidence by these numbers
    numbers = {u.path: i for i, u in enumerate(APP.evidence, 1)}
    first = APP.data["创新能力情况"]["创新平台"][0]
    row = next(r for r in rows if len(r) > 1 and r[1] == norm(first["名称"]))
    assert row[-1] == str(numbers[first["佐证"][0]])


def test_no_placeholder_or_empty_cell_in_a_normal_build(built_docx):
    text = "\n".join(paragraphs(built_docx))
    for bad in ("{{", "}}", "{%", "%}", "【待填写"):
        assert bad not in text
    assert not re.search(r"\bNone\b|\bnan\b|\bNaN\b|\bTrue\b|\bFalse\b", text)
    for t in tables(built_docx)[1:]:  # the cover's table has an empty cell left of the hint line
        for r in t:
            for c in r:
                if c == "":
                    continue  # a vertically merged continuation
                assert c.strip(), r
    # every table cell that is not a merge continuation has text
    from docx_text import is_continue, q, root
    from lxml import etree  # noqa: F401

    other_row = False  # the target table's 其它 row is printed blank when unused (the form has it)
    for tc in list(root(built_docx).iter(q("tc")))[14:]:
        text = "".join(tc.itertext()).strip()
        if text == "其它":
            other_row = True
            continue
        if not is_continue(tc) and not other_row:
            assert text, etree.tostring(tc, encoding="unicode")[:300]
        if other_row and text:
            other_row = False


def test_checked_and_unchecked_glyphs_from_settings(built_docx):
    text = "\n".join(paragraphs(built_docx))
    assert settings.CHECKED in text and settings.UNCHECKED in text
