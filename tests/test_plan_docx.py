"""A plan written the way officials write builds to a .docx with no Markdown syntax in its text
and bold exactly on the lead-ins (issue 10, done-when)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_text import parts, q
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]

INTRO = """# 一、集群基本情况简介

**总体规模稳步扩大。**2023年集群总产值达到236.18亿元[^1]，培育“链主”
企业3家，本地配套率80%
以上。

*（数据截至2023年底）*集群现有企业338家。

重点抓好以下工作：
一是强化创新驱动；
二是扩大开放合作；
1、建设公共服务平台；
2、培育专精特新企业。

**加强组织领导：**健全工作机制[^src]。

[^1]: 数据来源：青川县统计局。
[^src]: 见县政府办公室文件。
"""
LEAD_INS = {"总体规模稳步扩大。", "加强组织领导："}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("app") / "example"
    shutil.copytree(ROOT / "content" / "example", folder)
    plan = (folder / "plan.md").read_text(encoding="utf-8")
    intro_end = plan.index("# 二、发展成效")
    (folder / "plan.md").write_text(INTRO + "\n" + plan[intro_end:], encoding="utf-8")
    out = folder.parent / "out"
    done = subprocess.run([sys.executable, "-m", "docgen", "build", str(folder), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    return (out / "申报表.docx").read_bytes()


def body_paragraphs(docx: bytes) -> list:
    return list(etree.fromstring(parts(docx)["word/document.xml"]).iter(q("p")))


def runs(p) -> list[tuple[str, bool, bool, bool]]:
    """(text, bold, italic, superscript) of each run with text."""
    out = []
    for r in p.findall(q("r")):
        text = "".join(t.text or "" for t in r.findall(q("t")))
        if not text:
            continue
        rpr = r.find(q("rPr"))
        b = rpr.find(q("b")) if rpr is not None else None
        bold = b is not None and b.get(q("val")) not in ("0", "false")
        italic = rpr is not None and rpr.find(q("i")) is not None
        va = rpr.find(q("vertAlign")) if rpr is not None else None
        out.append((text, bold, italic, va is not None and va.get(q("val")) == "superscript"))
    return out


def text_of(p) -> str:
    return "".join(t for t, *_ in runs(p))


def test_no_markdown_syntax_in_the_document_text(built):
    text = "\n".join(text_of(p) for p in body_paragraphs(built))
    for syntax in ("**", "__", "~~", "[^", "^1", "](", "*（"):
        assert syntax not in text
    assert not re.search(r"\*[^*\n]+\*", text)
    assert "“链主”企业" in text and "80%以上" in text  # joined lines: no stray space


def test_bold_is_exactly_on_the_lead_ins(built):
    found = set()
    for p in body_paragraphs(built):
        text = text_of(p)
        lead = next((x for x in LEAD_INS if text.startswith(x)), None)
        if lead is None:
            continue
        found.add(lead)
        bold = "".join(t for t, b, *_ in runs(p) if b)
        assert bold == lead
        assert "".join(t for t, b, *_ in runs(p) if not b) == text[len(lead):]
    assert found == LEAD_INS


def test_italic_lead_in(built):
    p = next(p for p in body_paragraphs(built) if text_of(p).startswith("（数据截至"))
    assert [(t, i) for t, _, i, _ in runs(p)][0] == ("（数据截至2023年底）", True)
    assert not any(i for _, _, i, _ in runs(p)[1:])


def test_footnotes_print_a_superscript_mark_and_their_text(built):
    ps = [text_of(p) for p in body_paragraphs(built)]
    k = next(i for i, t in enumerate(ps) if t.startswith("总体规模稳步扩大。"))
    assert "236.18亿元①" in ps[k] and ps[k + 1] == "注①：数据来源：青川县统计局。"
    assert "注②：见县政府办公室文件。" in ps
    marks = [(t, s) for p in body_paragraphs(built) for t, _, _, s in runs(p) if t in ("①", "②")]
    assert marks and all(s for _, s in marks)


def test_points_typed_one_per_line_are_separate_paragraphs(built):
    ps = [text_of(p) for p in body_paragraphs(built)]
    k = ps.index("重点抓好以下工作：")
    assert ps[k + 1:k + 5] == ["一是强化创新驱动；", "二是扩大开放合作；", "1、建设公共服务平台；", "2、培育专精特新企业。"]
