"""The indicators docgen knows: one line each, read by every cross-check.

An indicator has its name (as the target table writes it), the unit its figure is kept in,
its kind, its direction (which way a good target goes), where the form keeps its figure
(a year series, one 2023 value, one 近三年 value, a count of a list, or a formula) and the
other words people use for it. To teach docgen a new indicator, add one line to INDICATORS.

Kinds: 数量 (count of firms, patents …), 占比 (a share, 0–100 %), 比率 (a growth rate: may
fall or be negative), 金额 (an amount), 强度 (per 万元 of output).
Directions: 升 (more is better), 降 (less is better), "" (either way, not checked).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any, Callable

from ..form.spec import SECTIONS
from ..model import Application, Loc
from .units import Unit, parse_unit

COUNT, SHARE, RATE, AMOUNT, INTENSITY = "数量", "占比", "比率", "金额", "强度"
RISE, FALL, EITHER = "升", "降", ""
RECENT = "近三年"  # the form's 近三年: 2021—2023 as a whole
HALF_CENT = Decimal("0.005")  # half a unit of the form's second decimal (填报说明 2)

_HEADINGS = {s.key: s.heading for s in SECTIONS}


@dataclass(frozen=True)
class Figure:
    """One figure of the form: its value, unit, where it is written and how to name that place."""

    value: Decimal
    unit: str
    loc: Loc | None
    where: str  # e.g. 二、主导产业情况“集群总产值”2023年
    low: Decimal | None = None  # for a computed figure: the range its rounded inputs allow
    high: Decimal | None = None


def _number(v: Any) -> Decimal | None:
    return v if isinstance(v, Decimal) else None


def _where(dotted: str, year: int | None = None) -> str:
    section, _, key = dotted.partition(".")
    return f"{_HEADINGS.get(section, section)}“{key.split('.')[-1]}”" + (f"{year}年" if year else "")


@dataclass(frozen=True)
class Source:
    """Where the form keeps an indicator's figure, and for which years it has one."""

    how: str  # series / as_of_2023 / recent / computed
    path: str = ""  # dotted path into Application.data (series, as_of_2023, recent)
    compute: Callable[[Application], Figure | None] | None = None  # computed: 2023 (and 近三年 if over_recent)
    over_recent: bool = False  # a computed figure that describes 2021—2023 as a whole

    def figure(self, app: Application, when: int | str, unit: str) -> Figure | None:
        if self.how == "series" and isinstance(when, int):
            series = app.get(self.path)
            v = _number(series.get(when)) if isinstance(series, dict) else None
            loc = app.loc(*self.path.split("."), when)
            return Figure(v, unit, loc, _where(self.path, when)) if v is not None else None
        if self.how == "as_of_2023" and when == 2023 or self.how == "recent" and when == RECENT:
            v = _number(app.get(self.path))
            return Figure(v, unit, app.loc(*self.path.split(".")), _where(self.path)) if v is not None else None
        if self.how == "computed" and (when == 2023 or self.over_recent and when == RECENT) and self.compute:
            return self.compute(app)
        return None


def series(path: str) -> Source:
    return Source("series", path)


def as_of_2023(path: str) -> Source:
    return Source("as_of_2023", path)


def recent(path: str) -> Source:
    return Source("recent", path)


def computed(fn: Callable[[Application], Figure | None], over_recent: bool = False) -> Source:
    return Source("computed", compute=fn, over_recent=over_recent)


# -- computed figures ----------------------------------------------------------------------------
def cagr(first: Decimal, last: Decimal, years: int) -> Decimal:
    """Average yearly growth in % from `first` to `last` over `years` years: ((last/first)^(1/years) − 1) × 100."""
    with localcontext() as ctx:
        ctx.prec = 34
        return ((last / first) ** (Decimal(1) / years) - 1) * 100


def cluster_output_growth(app: Application) -> Figure | None:
    """集群产值年均增速 (2023 baseline) = ((2023年集群总产值 ÷ 2021年集群总产值)^(1/2) − 1) × 100.

    The range allows each total to be off by its rounding (± 0.005 亿元)."""
    totals = app.get("主导产业情况.集群总产值")
    if not isinstance(totals, dict):
        return None
    first, last = _number(totals.get(2021)), _number(totals.get(2023))
    if first is None or last is None or first <= HALF_CENT or last <= 0:
        return None
    value = cagr(first, last, 2)
    low, high = cagr(first + HALF_CENT, last - HALF_CENT, 2), cagr(first - HALF_CENT, last + HALF_CENT, 2)
    where = "二、主导产业情况“集群总产值”2021—2023年的年均增长（按 2021、2023 年总产值计算）"
    return Figure(value, "%", app.loc("主导产业情况", "集群总产值"), where, low, high)


def _list_count(key: str, path: str, label: str, pick: Callable[[dict], bool] | None = None):
    def fn(app: Application) -> Figure | None:
        if pick is None:
            n = app.derived.get(key)
        else:
            rows = app.get(path)
            n = sum(1 for r in rows if isinstance(r, dict) and pick(r)) if isinstance(rows, list) else None
        if not isinstance(n, int):
            return None
        return Figure(Decimal(n), "个", app.loc(*path.split(".")), label)
    return fn


def _platforms_provincial_up(app: Application) -> Figure | None:
    platforms = app.derived.get("创新平台")
    if not isinstance(platforms, dict):
        return None
    n = len(platforms.get("国家级", [])) + len(platforms.get("省级", []))
    return Figure(Decimal(n), "个", app.loc("创新能力情况", "创新平台"), "三、创新能力情况创新平台清单中国家级和省级平台的个数")




_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』 \u3000")


def normalize_name(name: str) -> str:
    """An indicator's words without quotes and spaces: 专精特新“小巨人”企业 = 专精特新小巨人企业."""
    return str(name).translate(_QUOTES)


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    kind: str
    direction: str
    source: Source | None = None
    also: str = ""  # other words for it, separated by spaces
    aliases: tuple[str, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "aliases", tuple(dict.fromkeys(
            normalize_name(a) for a in (self.name, *self.also.split()))))

    @property
    def parsed_unit(self) -> Unit | None:
        return parse_unit(self.unit)

    def figure(self, app: Application, when: int | str) -> Figure | None:
        return self.source.figure(app, when, self.unit) if self.source else None


S2, S3, S4, S5 = "主导产业情况.", "创新能力情况.", "数字化升级情况.", "绿色化转型情况."
INDICATORS: tuple[Indicator, ...] = (
    Indicator("集群总产值", "亿元", AMOUNT, RISE, series(S2 + "集群总产值"), "集群产值 集群工业总产值"),
    Indicator("中小企业产值占比", "%", SHARE, RISE, series(S2 + "中小企业产值占比"), "中小企业产值占集群总产值比例 中小企业产值占集群总产值的比例 集群中小企业产值占比 集群内中小企业产值占比"),
    Indicator("主导产业产值占比", "%", SHARE, RISE, series(S2 + "主导产业产值占比"), "主导产业产值占集群总产值比例 主导产业产值占集群总产值的比例 主导产业占比"),
    Indicator("主导产业产值增速", "%", RATE, EITHER, series(S2 + "主导产业产值增速"), "主导产业产值增长"),
    Indicator("近三年主导产业产值年均增速", "%", RATE, EITHER, recent(S2 + "近三年主导产业产值年均增速"), "主导产业产值年均增速 主导产业产值年均增长 主导产业年均增速 主导产业年均增长"),
    Indicator("集群产值年均增速", "%", RATE, EITHER, computed(cluster_output_growth, over_recent=True), "集群总产值年均增速 集群产值年均增长 集群总产值年均增长 集群产值年均增长率 集群总产值年均增长率"),
    Indicator("集群企业数量", "家", COUNT, RISE, series(S2 + "集群企业数量"), "集群企业 集群内企业"),
    Indicator("集群中小企业数量", "家", COUNT, RISE, series(S2 + "集群中小企业数量"), "集群中小企业 集群内中小企业 中小企业数量 中小企业"),
    Indicator("省级专精特新中小企业数量", "家", COUNT, RISE, series(S2 + "省级专精特新中小企业数量"), "省级专精特新中小企业 省级专精特新企业 专精特新中小企业"),
    Indicator("专精特新小巨人企业数量", "家", COUNT, RISE, series(S2 + "专精特新小巨人企业数量"), "专精特新小巨人企业 国家级专精特新小巨人企业 小巨人企业"),
    Indicator("制造业单项冠军企业数量", "家", COUNT, RISE, series(S2 + "制造业单项冠军企业数量"), "制造业单项冠军企业 国家级制造业单项冠军企业 单项冠军企业"),
    Indicator("高新技术企业数量", "家", COUNT, RISE, series(S2 + "高新技术企业数量"), "高新技术企业 国家级高新技术企业"),
    Indicator("创新型中小企业数量", "家", COUNT, RISE, series(S2 + "创新型中小企业数量"), "创新型中小企业"),
    Indicator("优质中小企业数量", "家", COUNT, RISE, None, "优质中小企业"),
    Indicator("研发投入强度", "%", SHARE, RISE, series(S3 + "研发投入强度"), "研发经费投入强度"),
    Indicator("研发经费增速", "%", RATE, EITHER, series(S3 + "研发经费增速"), "研发经费增长"),
    Indicator("研发经费投入", "亿元", AMOUNT, RISE, None, "研发经费 研发投入 研发经费支出"),
    Indicator("中小企业从业人员数量", "人", COUNT, RISE, as_of_2023(S3 + "中小企业从业人员数量"), "中小企业从业人员 集群中小企业从业人员 集群内中小企业从业人员"),
    Indicator("研发人员占比", "%", SHARE, RISE, as_of_2023(S3 + "研发人员占比"), "研发人员占从业人员比例"),
    Indicator("PCT国际专利申请量", "件", COUNT, RISE, as_of_2023(S3 + "PCT国际专利申请量"), "PCT国际专利申请 PCT专利申请量 PCT专利申请"),
    Indicator("有效发明专利年均增速", "%", RATE, EITHER, recent(S3 + "有效发明专利年均增速"), "有效发明专利年均增长"),
    Indicator("每万人有效发明专利拥有量", "件", INTENSITY, RISE, as_of_2023(S3 + "每万人有效发明专利拥有量"), "每万人有效发明专利"),
    Indicator("有效发明专利数量", "件", COUNT, RISE, computed(_list_count("有效发明专利数量", S3 + "有效发明专利", "三、创新能力情况有效发明专利清单的行数")), "有效发明专利拥有量 有效发明专利"),
    Indicator("省级以上创新平台数量", "个", COUNT, RISE, computed(_platforms_provincial_up), "省级以上创新平台"),
    Indicator("企业上云比例", "%", SHARE, RISE, as_of_2023(S4 + "企业上云比例"), "企业上云率 集群企业上云比例 集群内企业上云比例"),
    Indicator("工业互联网普及率", "%", SHARE, RISE, as_of_2023(S4 + "工业互联网平台应用普及率"), "工业互联网平台应用普及率 工业互联网平台普及率"),
    Indicator("工业软件采购金额", "万元", AMOUNT, RISE, series(S4 + "工业软件采购金额"), "工业软件采购额"),
    Indicator("省级以上数字化车间和智能工厂数量", "个", COUNT, RISE, None, "省级以上数字化车间和智能工厂"),
    Indicator("二氧化碳排放量", "吨二氧化碳/万元", INTENSITY, FALL, series(S5 + "单位产值二氧化碳排放量"), "单位产值二氧化碳排放量 单位产值碳排放量 单位产值二氧化碳排放 单位产值碳排放"),
    Indicator("单位工业产值能耗", "吨标准煤/万元", INTENSITY, FALL, None, "单位产值能耗 单位工业产值综合能耗"),
    Indicator("单位工业产值能耗降低率", "%", RATE, EITHER, recent(S5 + "单位工业产值能耗降低率"), "单位工业产值能耗降低 单位工业产值能耗下降"),
    Indicator("大宗工业固废综合利用率", "%", SHARE, RISE, as_of_2023(S5 + "大宗工业固废综合利用率"), "工业固废综合利用率 固废综合利用率"),
    Indicator("工业用水重复利用率", "%", SHARE, RISE, as_of_2023(S5 + "工业用水重复利用率"), "用水重复利用率"),
    Indicator("绿色工厂数量", "家", COUNT, RISE, computed(_list_count("绿色工厂", S5 + "绿色制造", "五、绿色化转型情况绿色制造清单中绿色工厂的行数", lambda r: r.get("类别") == "绿色工厂")), "绿色工厂"),
    Indicator("省级以上绿色工厂数量", "家", COUNT, RISE, computed(_list_count("绿色工厂", S5 + "绿色制造", "五、绿色化转型情况绿色制造清单中国家级和省级绿色工厂的行数", lambda r: r.get("类别") == "绿色工厂" and r.get("级别") in ("国家级", "省级"))), "省级以上绿色工厂"),
    Indicator("境外分支机构数量", "家", COUNT, RISE, computed(_list_count("境外分支机构数量", "开放合作情况.境外分支机构", "六、开放合作情况境外分支机构清单的行数")), "境外分支机构"),
    Indicator("主导产品出口贸易额累计增长率", "%", RATE, EITHER, recent(S2 + "主导产品出口贸易额累计增长率"), "主导产品出口贸易额累计增长 主导产品出口额累计增长"),
    Indicator("外商直接投资额累计增长率", "%", RATE, EITHER, recent(S2 + "外商直接投资额累计增长率"), "外商直接投资额累计增长 外商直接投资累计增长"),
)

_BY_ALIAS = {a: ind for ind in INDICATORS for a in ind.aliases}


def indicator_of(name: str, unit: str = "") -> Indicator | None:
    """The known indicator a target row's 指标 names (its unit, when known, must fit)."""
    ind = _BY_ALIAS.get(normalize_name(name))
    if ind is None:
        return None
    mine, theirs = parse_unit(unit), ind.parsed_unit
    if mine is not None and theirs is not None and not mine.compatible(theirs):
        return None  # e.g. 二氧化碳排放量 in 万吨 (a total, not the form's intensity)
    return ind


def aliases() -> dict[str, Indicator]:
    """Every word of every indicator (normalized) → the indicator."""
    return dict(_BY_ALIAS)
