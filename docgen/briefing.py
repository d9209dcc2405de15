"""集群简介（300字以内） for the 附件1 汇总表: the written one, or a draft from the data.

The form says what the 简介 should cover:
  集群主导产业链条描述，行业地位，荣誉称号等。2023年，集群总产值，中小企业数量，专精特新中小企业数量，
  专精特新“小巨人”企业数量，制造业单项冠军数量。近三年集群中小企业主持制定国家和行业标准数量，
  中小企业有效发明专利数量，万人发明专利拥有量等。

When cluster.yaml has no 汇总表.集群简介, `brief_for` drafts one along that list from fields that
exist — nothing is invented:

1. the chain: “集群以<主导产业>为主导产业，” + the first sentence of 产业链强链补链情况;
2. the standing: 2023年主导产业产值占比 and 近三年主导产业产值年均增速;
3. the honours: 国家级/省级 创新平台, 国家级/省级 绿色工厂, 国家级/省级 中小企业公共服务示范平台;
4. the 2023 figures (总产值, 中小企业, 省级专精特新, “小巨人”, 单项冠军);
5. the three-year figures (主持制定的国家和行业标准, 有效发明专利, 每万人有效发明专利拥有量).

Numbers print with docgen.numbers.format_decimal; a count of zero or “无” is left out of the
prose. When the draft is over 300 字 (Word's count), whole sentences go, least important first
(honours, standing, chain); sentences 4 and 5 — the figures the form names — always stay.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .form.kinds import YEARS
from .model import MISSING, Application, CheckState
from .numbers import format_decimal
from .wordcount import word_count

BRIEF_LIMIT = 300  # 集群简介（300字以内）
LAST_YEAR = YEARS[-1]

# Sentence kinds in the order they are dropped when the draft is too long.
DROP_ORDER = ("honours", "standing", "chain")


@dataclass(frozen=True)
class Brief:
    text: str
    drafted: bool  # True when docgen wrote it from the data
    words: int  # Word 字数


class BriefTooLong(Exception):
    def __init__(self, words: int):
        super().__init__(f"{words} 字")
        self.words = words


def _num(v: Any) -> Decimal | None:
    return v if isinstance(v, Decimal) else None


def _year(app: Application, dotted: str, year: int = LAST_YEAR) -> Decimal | None:
    series = app.get(dotted)
    if isinstance(series, dict):
        return _num(series.get(year))
    return None


def _text(app: Application, dotted: str) -> str | None:
    v = app.get(dotted)
    if isinstance(v, str) and v.strip() and v.strip() != "无":
        return v.strip()
    return None


_SENTENCE_END = re.compile(r"[。！？!?；;]")


def first_sentence(text: str) -> str:
    """The first sentence, ending with its 。 (a sentence without an end mark gets one)."""
    text = text.strip()
    m = _SENTENCE_END.search(text)
    s = text[: m.start()] if m else text
    return s.rstrip("，,、：: ") + "。"


def _chain(app: Application, industry: str) -> tuple[str, str]:
    """The lead and the chain sentence: (“集群以X为主导产业。”, “集群以X为主导产业，聚焦……。”)."""
    lead = f"集群以{industry}为主导产业。"
    chain_text = _text(app, "主导产业情况.产业链强链补链情况")
    if not chain_text:
        return lead, ""
    s = first_sentence(chain_text)
    for prefix in ("集群", "本集群", "该集群"):
        if s.startswith(prefix):
            return lead, f"集群以{industry}为主导产业，{s[len(prefix):].lstrip('，,')}"
    return lead, lead + s


def _standing(app: Application) -> str:
    parts = []
    share = _year(app, "主导产业情况.主导产业产值占比")
    if share is not None:
        parts.append(f"{LAST_YEAR}年主导产业产值占集群总产值的{format_decimal(share)}%")
    growth = _num(app.get("主导产业情况.近三年主导产业产值年均增速"))
    if growth is not None:
        word = "增长" if growth >= 0 else "下降"
        parts.append(f"近三年主导产业产值年均{word}{format_decimal(abs(growth))}%")
    return ("，".join(parts) + "。") if parts else ""


def _level_counts(rows: Any, levels: tuple[str, ...], category: str | None = None) -> dict[str, int]:
    counts = {lv: 0 for lv in levels}
    if isinstance(rows, list):
        for row in rows:
            if category is not None and row.get("类别") != category:
                continue
            if row.get("级别") in counts:
                counts[row["级别"]] += 1
    return counts


def _checked(app: Application, dotted: str) -> bool:
    v = app.get(dotted)
    return isinstance(v, CheckState) and v.checked


def _honours(app: Application) -> str:
    groups = []
    platforms = _level_counts(app.get("创新能力情况.创新平台"), ("国家级", "省级"))
    groups.append("、".join(f"{lv}创新平台{n}个" for lv, n in platforms.items() if n))
    factories = _level_counts(app.get("绿色化转型情况.绿色制造"), ("国家级", "省级"), "绿色工厂")
    groups.append("、".join(f"{lv}绿色工厂{n}家" for lv, n in factories.items() if n))
    owned = "，".join(g for g in groups if g)
    service = ""
    if _checked(app, "治理和服务水平.公共服务平台建设.国家中小企业公共服务示范平台"):
        service = "建有国家中小企业公共服务示范平台"
    elif _checked(app, "治理和服务水平.公共服务平台建设.省级中小企业公共服务示范平台"):
        service = "建有省级中小企业公共服务示范平台"
    parts = ([f"拥有{owned}"] if owned else []) + ([service] if service else [])
    return ("集群" + "，".join(parts) + "。") if parts else ""


def _figures_2023(app: Application) -> str:
    parts = []
    output = _year(app, "主导产业情况.集群总产值")
    if output is not None:
        parts.append(f"集群总产值{format_decimal(output)}亿元")
    for dotted, label in (
        ("主导产业情况.集群中小企业数量", "中小企业"),
        ("主导产业情况.省级专精特新中小企业数量", "省级专精特新中小企业"),
        ("主导产业情况.专精特新小巨人企业数量", "专精特新“小巨人”企业"),
        ("主导产业情况.制造业单项冠军企业数量", "制造业单项冠军企业"),
    ):
        n = _year(app, dotted)
        if n:  # a count of zero is left out of the prose
            parts.append(f"{label}{format_decimal(n)}家")
    return (f"{LAST_YEAR}年，" + "，".join(parts) + "。") if parts else ""


def led_standards(app: Application) -> int | None:
    """近三年主持制定的国家和行业标准 (from derived['标准数量'] {year: {category: {role: n}}})."""
    counts = app.derived.get("标准数量")
    if not isinstance(counts, dict):
        return None
    total = 0
    for year in YEARS:
        by_cat = counts.get(year) or {}
        for cat in ("国家", "行业"):
            total += int((by_cat.get(cat) or {}).get("主持", 0) or 0)
    return total


def _figures_3y(app: Application) -> str:
    parts = []
    n = led_standards(app)
    if n:
        parts.append(f"集群中小企业主持制定国家和行业标准{n}项")
    patents = app.derived.get("有效发明专利数量", MISSING)
    if isinstance(patents, int) and patents:
        parts.append(f"中小企业有效发明专利{patents}件")
    per10k = _num(app.get("创新能力情况.每万人有效发明专利拥有量"))
    if per10k is not None and per10k:
        parts.append(f"每万人有效发明专利拥有量{format_decimal(per10k)}件")
    return ("近三年" + "，".join(parts) + "。") if parts else ""


def draft_brief(app: Application, limit: int = BRIEF_LIMIT) -> str:
    """A 简介 drafted from the data, at most `limit` 字; BriefTooLong when even the core is over."""
    industry = _text(app, "汇总表.主导产业") or "特色产业"
    lead, chain = _chain(app, industry)
    sentences = {
        "chain": chain,
        "standing": _standing(app),
        "honours": _honours(app),
    }
    core = _figures_2023(app) + _figures_3y(app)

    def assemble() -> str:
        head = sentences["chain"] or lead
        return head + sentences["standing"] + sentences["honours"] + core

    text = assemble()
    for kind in DROP_ORDER:
        if word_count(text) <= limit:
            break
        sentences[kind] = ""
        text = assemble()
    n = word_count(text)
    if n > limit:
        raise BriefTooLong(n)
    return text


def brief_for(app: Application) -> Brief:
    """The 简介 for the 汇总表: written in cluster.yaml when it is, drafted otherwise."""
    written = _text(app, "汇总表.集群简介")
    if written:
        text = "".join(line.strip() for line in written.splitlines() if line.strip())
        return Brief(text, False, word_count(text))
    text = draft_brief(app)
    return Brief(text, True, word_count(text))
