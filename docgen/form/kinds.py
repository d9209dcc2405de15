"""Field kinds: declarative descriptions of the cells of the form.

A kind says what a cell holds (text with a 字 limit, a yes/no answer, a year
series…), its label as printed on the form and the hints the form gives. The
validator, the JSON Schema, `docgen init` and the renderer all read these
descriptions; none of them hard-codes a label of its own. Kinds are frozen dataclasses:
immutable, compared by value.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

YEARS: tuple[int, ...] = (2021, 2022, 2023)
NONE_TEXT = "无"  # the form's word for "nothing to report"


@dataclass(frozen=True, slots=True)
class Field:
    key: str  # key in cluster.yaml
    label: str  # the form's own label
    hint: str = ""  # the form's instruction, shown in init comments and the schema
    required: bool = True

    @property
    def description(self) -> str:
        return self.label + (f"。{self.hint}" if self.hint else "")


@dataclass(frozen=True, slots=True)
class Text(Field):
    limit: int | None = None  # Word 字数 limit
    max_chars: int = 2000  # sanity bound for one-line fields


@dataclass(frozen=True, slots=True)
class Narrative(Text):
    """A free-text cell with a 字 limit (200 for most cells of the form)."""

    limit: int | None = 200


@dataclass(frozen=True, slots=True)
class YesNo(Field):
    # answer that makes the cluster ineligible, and why (the form's knock-out questions)
    ineligible_if: str | None = None
    ineligible_reason: str = ""

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        return (("是", "是"), ("否", "否"))


@dataclass(frozen=True, slots=True)
class YesNoNA(YesNo):
    na_label: str = "不适用"  # printed label of the third box, e.g. 非高耗能行业，不适用

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        return (("是", "是"), ("否", "否"), ("不适用", self.na_label))


@dataclass(frozen=True, slots=True)
class Choice(Field):
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Number(Field):
    unit: str = ""
    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = None
    integer: bool = False
    derivable: bool = False  # may be left out: docgen derives it


def Count(key: str, label: str, hint: str = "", unit: str = "个", **kw) -> Number:  # noqa: N802 - reads as a kind
    return Number(key, label, hint, unit=unit, integer=True, **kw)


def Share(key: str, label: str, hint: str = "", **kw) -> Number:  # noqa: N802
    """A percentage that is a part of a whole: 0–100."""
    return Number(key, label, hint, unit="%", minimum=Decimal(0), maximum=Decimal(100), **kw)


def Rate(key: str, label: str, hint: str = "", **kw) -> Number:  # noqa: N802
    """A growth or change rate in %: may be negative, never below −100."""
    return Number(key, label, hint, unit="%", minimum=Decimal(-100), **kw)


@dataclass(frozen=True, slots=True)
class YearSeries(Field):
    item: Number = Number("", "")
    years: tuple[int, ...] = YEARS


@dataclass(frozen=True, slots=True)
class DateField(Field):
    month_only: bool = False  # 集群成立时间 may be given as YYYY-MM


@dataclass(frozen=True, slots=True)
class Option:
    key: str  # short key in cluster.yaml
    label: str  # the form's full text of the option


@dataclass(frozen=True, slots=True)
class Checkboxes(Field):
    """A group of □ options; a checked one names the evidence files that prove it."""

    options: tuple[Option, ...] = ()
    intro: str = ""  # line printed above the options, e.g. 集群已建设的中小企业公共服务平台：
    note: str = "（注：勾选需提供佐证材料）"


@dataclass(frozen=True, slots=True)
class Evidence(Field):
    """A list of evidence file paths (relative to the application folder)."""

    required: bool = False


@dataclass(frozen=True, slots=True)
class Group(Field):
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    kind: Field  # Text, Choice, Number or DateField; its key is the column key
    required: bool = True


@dataclass(frozen=True, slots=True)
class ListField(Field):
    """Rows written inline or kept in a CSV/XLSX file beside cluster.yaml."""

    columns: tuple[Column, ...] = ()
    needs_evidence: bool = True  # the form says 需提供清单及佐证材料


@dataclass(frozen=True, slots=True)
class TargetRows(Field):
    """Section 八's target-indicator rows (方向, 指标, 单位, 基准值, 目标值)."""

    directions: tuple[str, ...] = ()
    qualitative: tuple[str, ...] = ()  # directions whose cells hold 定性描述 text
    required_indicators: tuple[tuple[str, str], ...] = ()  # (方向, 指标)


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # top-level key in cluster.yaml
    number: str  # 一 … 九, or "" for the cover and 附件1 fields
    title: str  # heading as printed
    fields: tuple[Field, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}" if self.number else self.title
