"""The 佐证材料清单's rows (docgen/evidence_list.py): one per file, short, and true to 附表1–5."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from docgen.evidence_list import MAX_STATEMENT_CHARS, evidence_rows, numbered_name
from docgen.form import text as T
from docgen.pipeline import load_application
from docgen.render.fragments import _LIST_SECTIONS
from docgen.wordcount import word_count

ROOT = Path(__file__).resolve().parent.parent
LISTS = list(T.APPENDIX_TITLES)  # 附表1..5 in this order
UNIT = {"标准": "项", "创新平台": "个", "有效发明专利": "件", "绿色制造": "项", "境外分支机构": "个"}
BREAKDOWN = {"标准": "角色", "创新平台": "级别", "有效发明专利": "类型", "绿色制造": "类别", "境外分支机构": "国家或地区"}
STATEMENT = re.compile(r"附表(\d) 第([\d–、]+)项 [^（：；]+(?:：[^；]*|（([^）]*)）)")


@pytest.fixture(scope="module", params=["example", "linxi"])
def app(request):
    app, findings = load_application(ROOT / "content" / request.param)
    assert app is not None, findings.format_text()
    return app


def _numbers(ranges: str) -> list[int]:
    out = []
    for part in ranges.split("、"):
        a, _, b = part.partition("–")
        out += list(range(int(a), int(b or a) + 1))
    return out


def _norm(path: str) -> str:
    return path.strip().replace("\\", "/").removeprefix("./")


def test_one_row_per_file_in_form_order(app):
    rows = evidence_rows(app)
    assert [r.number for r in rows] == list(range(1, len(app.evidence) + 1))
    assert [r.file for r in rows] == [numbered_name(r.number, 2, u.path) for r, u in zip(rows, app.evidence)]
    assert all("/" not in r.file and "evidence" not in r.file for r in rows)  # no internal paths


def test_no_cell_over_the_limit_and_few_pages(app):
    rows = evidence_rows(app)
    assert max(word_count(r.statement) for r in rows) <= MAX_STATEMENT_CHARS
    # a few pages: at ~30 五号 characters a line and ~45 lines a page
    lines = sum(max(1, -(-len(r.statement) // 30)) for r in rows)
    assert lines / 45 < 5


def test_statements_agree_with_the_appendices(app):
    """Every “附表N 第…项” statement names rows of that list which cite this file, all of them,
    and its breakdown counts those rows' values."""
    cited_by_list: dict[tuple[str, str], list[int]] = {}
    for key in LISTS:
        rows = app.get(f"{_LIST_SECTIONS[key]}.{key}")
        for i, row in enumerate(rows if isinstance(rows, list) else [], 1):
            for p in row.get("佐证") or ():
                cited_by_list.setdefault((key, _norm(p)), []).append(i)
    seen = set()
    for row, use in zip(evidence_rows(app), app.evidence):
        for m in STATEMENT.finditer(row.statement):
            key = LISTS[int(m.group(1)) - 1]
            numbers = _numbers(m.group(2))
            assert numbers == cited_by_list[(key, _norm(use.path))], row
            seen.add((key, _norm(use.path)))
            data = app.get(f"{_LIST_SECTIONS[key]}.{key}")
            if len(numbers) > 1:
                detail = m.group(3)
                values = Counter(str(data[i - 1][BREAKDOWN[key]]) for i in numbers)
                if len(values) > 1:
                    assert detail == "、".join(f"{k}{v}{UNIT[key]}" for k, v in values.items()), row
                else:
                    assert str(len(numbers)) in detail
            else:
                assert str(data[numbers[0] - 1][BREAKDOWN[key]]) in row.statement
    assert seen == set(cited_by_list)  # every cited list row is stated


def test_the_standards_are_not_all_called_hosted():
    app, _ = load_application(ROOT / "content" / "example")
    (row,) = [r for r in evidence_rows(app) if "标准" in r.file]
    roles = Counter(s["角色"] for s in app.get("创新能力情况.标准"))
    assert row.statement == f"附表1 第1–22项 标准制修订证明（主持{roles['主持']}项、参与{roles['参与']}项）"
    assert "集群中小企业近三年主持：" not in row.statement


def test_checkbox_statements_use_the_forms_words():
    app, _ = load_application(ROOT / "content" / "example")
    rows = evidence_rows(app)
    assert rows[0].statement == "集群已开展的产业链强链补链工作：勾选“绘制产业链图谱，开展产业链培育”"
