"""Shared fixtures: `make_app()` builds a complete, normalized Application by hand.

Every field of docgen.form.spec.SECTIONS gets a plausible value, each number distinct
(so a test can tell which cell it landed in) and with a third decimal where rounding
shows (x.xx5 → rounds half up). Other tests may use it freely:

    from conftest import make_app
    app = make_app()                       # complete
    app = make_app(draft=True, drop=["主导产业情况.集群总产值", "封面.申报时间"])  # with MISSING
"""
from __future__ import annotations

import datetime as _dt
import itertools
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docgen.form import kinds  # noqa: E402
from docgen.form.spec import (  # noqa: E402
    GREEN_CATEGORIES,
    PATENT_TYPES,
    QUALITATIVE_DIRECTIONS,
    REQUIRED_INDICATORS,
    SECTIONS,
    STANDARD_CATEGORIES,
    STANDARD_ROLES,
)
from docgen.model import (  # noqa: E402
    MISSING,
    Application,
    CheckState,
    EvidenceUse,
    Loc,
    Month,
    TargetRow,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))

CLUSTER_NAME = "泉山市青川县高端轴承特色产业集群"

TEXT_VALUES = {
    "封面.集群名称": CLUSTER_NAME,
    "封面.所属市": "泉山市",
    "封面.所属县": "青川县",
    "基本情况.县级中小企业主管部门.名称": "青川县工业和信息化局",
    "基本情况.县级中小企业主管部门.联系人": "林晓东",
    "基本情况.县级中小企业主管部门.联系方式": "0539-8216000",
    "基本情况.集群运营管理机构.名称": "泉山市青川轴承产业园运营管理有限公司",
    "基本情况.集群运营管理机构.联系人": "周若楠",
    "基本情况.集群运营管理机构.联系方式": "13853960000",
    "绿色化转型情况.二氧化碳排放量计算公式": "单位产值二氧化碳排放量＝集群二氧化碳排放总量（吨）÷集群工业总产值（万元）",
    "真实性声明及推荐意见.市级推荐意见": "经审核，该集群申报材料真实，同意推荐。",
    "汇总表.主导产业": "高端轴承",
}
CHOICES = {
    "基本情况.主导产业所属产业类型": "第二产业",
    "基本情况.能效水平达到行业基准值": "不适用",
    "基本情况.水效水平达到行业基准值": "是",
    "数字化升级情况.工业软件应用率稳步提升": "是",
    "绿色化转型情况.碳排放监测机制": "是",
    "绿色化转型情况.固废利用率高于行业平均": "是",
    "绿色化转型情况.用水重复利用率高于行业平均": "不适用",
}


def narrative(label: str, n: int) -> str:
    """About 150 字 of text that names its field (so a test can find its cell)."""
    head = label.split("（")[0]
    return (
        f"{head}：集群围绕主导产业开展了系统性工作，建立了工作机制和年度计划，"
        f"近三年累计推进重点项目{n}个，带动中小企业协同发展，形成了较为完善的服务体系，"
        "取得了明显成效，相关做法已在全省交流推广。"
    )


class _Numbers:
    def __init__(self):
        self._n = itertools.count(1)

    def share(self) -> Decimal:
        n = next(self._n)
        return Decimal(f"{10 + n}.{(n * 7) % 100:02d}5")  # x.xx5 rounds half up

    def rate(self) -> Decimal:
        n = next(self._n)
        return Decimal(f"{5 + n}.{(n * 3) % 100:02d}5")

    def count(self) -> Decimal:
        return Decimal(100 + next(self._n) * 3)

    def amount(self) -> Decimal:
        n = next(self._n)
        return Decimal(f"{150 + n * 11}.{(n * 13) % 100:02d}")


def _number(f: kinds.Number, nums: _Numbers) -> Decimal:
    if f.integer:
        return nums.count()
    if f.maximum == Decimal(100):
        return nums.share()
    if f.minimum is not None and f.minimum < 0:
        return nums.rate()
    return nums.amount()


def _rows(key: str) -> list[dict]:
    ev = lambda name: (f"evidence/{name}.pdf",)  # noqa: E731
    if key == "标准":
        rows = []
        i = 0
        for k, (y, c, r) in enumerate(itertools.product((2021, 2022, 2023), STANDARD_CATEGORIES, STANDARD_ROLES)):
            for _ in range(k % 3 if c != "国际" else (1 if y == 2023 and r == "参与" else 0)):
                i += 1
                rows.append({"标准名称": f"滚动轴承 {c}标准第{i}部分", "标准编号": f"T/QC {1000 + i}-{y}",
                             "类别": c, "角色": r, "年份": Decimal(y), "企业": "泉山华岳轴承股份有限公司",
                             "佐证": ev(f"标准{i}")})
        return rows
    if key == "创新平台":
        return [
            {"名称": "国家企业技术中心（华岳轴承）", "级别": "国家级", "依托单位": "泉山华岳轴承股份有限公司", "佐证": ev("平台1")},
            {"名称": "山东省高端轴承制造业创新中心", "级别": "省级", "依托单位": "泉山中科轴承研究院", "佐证": ev("平台2")},
            {"名称": "山东省精密轴承工程技术研究中心", "级别": "省级", "依托单位": "青川精工轴承有限公司", "佐证": ev("平台3")},
        ]
    if key == "有效发明专利":
        return [
            {"专利名称": f"一种高精度圆锥滚子轴承及其装配方法{i}", "专利号": f"ZL2021100{i:05d}.X", "类型": PATENT_TYPES[0],
             "权利人": "青川精工轴承有限公司", "授权日期": _dt.date(2022, 3, i), "佐证": ev(f"专利{i}")}
            for i in range(1, 13)
        ]
    if key == "绿色制造":
        return [
            {"类别": c, "名称": f"{c}示范单位{i}", "级别": "省级", "认定年份": Decimal(2022), "佐证": ev(f"绿色{j}{i}")}
            for j, c in enumerate(GREEN_CATEGORIES) for i in range(1, 4 - j if j < 3 else 2)
        ]
    if key == "境外分支机构":
        return [
            {"企业": "泉山华岳轴承股份有限公司", "机构名称": "华岳轴承（泰国）有限公司", "国家或地区": "泰国",
             "设立年份": Decimal(2019), "佐证": ev("境外1")},
            {"企业": "青川精工轴承有限公司", "机构名称": "青川精工德国销售中心", "国家或地区": "德国",
             "设立年份": Decimal(2021), "佐证": ev("境外2")},
        ]
    raise KeyError(key)


def _targets() -> list[TargetRow]:
    loc = Loc("cluster.yaml", 200, 7)
    units = {"集群产值年均增速": "%", "优质中小企业数量": "家", "研发经费投入": "亿元", "有效发明专利数量": "件",
             "工业互联网普及率": "%", "二氧化碳排放量": "吨二氧化碳/万元", "单位工业产值能耗": "吨标准煤/万元"}
    base = {"集群产值年均增速": "13.45", "优质中小企业数量": "42", "研发经费投入": "8.62", "有效发明专利数量": "12",
            "工业互联网普及率": "45.5", "二氧化碳排放量": "0.52", "单位工业产值能耗": "0.085"}
    goal = {"集群产值年均增速": "15", "优质中小企业数量": "80", "研发经费投入": "12.5", "有效发明专利数量": "30",
            "工业互联网普及率": "60", "二氧化碳排放量": "0.45", "单位工业产值能耗": "0.075"}
    rows = [TargetRow(d, i, units[i], Decimal(base[i]), Decimal(goal[i]), loc) for d, i in REQUIRED_INDICATORS]
    rows.insert(2, TargetRow("主导产业", "主导产品出口额", "亿元", Decimal("12.3"), Decimal("20"), loc))
    for d in QUALITATIVE_DIRECTIONS:
        rows.append(TargetRow(d, "定性描述", "", f"{d}现状：已建立基础机制", f"{d}目标：形成完善体系", loc))
    return rows


def make_data() -> tuple[dict[str, Any], list[EvidenceUse]]:
    nums = _Numbers()
    data: dict[str, Any] = {}
    uses: dict[str, list[str]] = {}
    n_text = itertools.count(1)

    def cite(paths, what):
        for p in paths:
            uses.setdefault(p, []).append(what)

    def value(sec: str, f: kinds.Field, prefix: str) -> Any:
        dotted = f"{prefix}.{f.key}"
        if isinstance(f, kinds.Group):
            return {g.key: value(sec, g, dotted) for g in f.fields}
        if dotted in TEXT_VALUES:
            return TEXT_VALUES[dotted]
        if dotted in CHOICES:
            return CHOICES[dotted]
        if isinstance(f, kinds.YesNo):
            return "否" if f.ineligible_if == "是" else "是"
        if isinstance(f, kinds.Choice):
            return f.choices[-1]
        if isinstance(f, kinds.Narrative):
            return narrative(f.label, next(n_text))
        if isinstance(f, kinds.Text):
            return f"{f.label}示例"
        if isinstance(f, kinds.DateField):
            return Month(2008, 6) if f.month_only else _dt.date(2024, 4, 20)
        if isinstance(f, kinds.YearSeries):
            return {y: _number(f.item, nums) for y in f.years}
        if isinstance(f, kinds.Number):
            return _number(f, nums)
        if isinstance(f, kinds.Checkboxes):
            out = {}
            for i, o in enumerate(f.options):
                if i % 3 == 2:
                    out[o.key] = CheckState(False)
                else:
                    paths = (f"evidence/{f.key}-{i + 1}.pdf",)
                    cite(paths, f"{f.label}：{o.label}")
                    out[o.key] = CheckState(True, paths)
            return out
        if isinstance(f, kinds.Evidence):
            paths = ("evidence/碳排放监测机制.pdf",)
            cite(paths, f.label)
            return paths
        if isinstance(f, kinds.ListField):
            rows = _rows(f.key)
            for r in rows:
                cite(r.get("佐证", ()), f.label.split("（")[0] + "清单")
            return rows
        if isinstance(f, kinds.TargetRows):
            return _targets()
        raise TypeError(f)

    for sec in SECTIONS:
        data[sec.key] = {f.key: value(sec.key, f, sec.key) for f in sec.fields}
    evidence = [EvidenceUse(p, tuple(w)) for p, w in sorted(uses.items())]
    return data, evidence


def _drop(data: dict, dotted: str) -> None:
    node = data
    parts = dotted.split(".")
    for p in parts[:-1]:
        node = node[int(p)] if p.isdigit() and int(p) in node else node[p]
    last = parts[-1]
    key = int(last) if last.isdigit() and int(last) in node else last
    node[key] = MISSING


def make_app(*, draft: bool = False, drop: list[str] | tuple[str, ...] = (), folder: Path | None = None,
             plan: Any = None) -> Application:
    """A complete Application (derived counts filled as docgen.derive does)."""
    from docgen.derive import list_counts

    data, evidence = make_data()
    for d in drop:
        _drop(data, d)
    app = Application(folder=folder or Path("content/示例集群"), data=data, evidence=evidence, draft=draft)
    app.derived.update(list_counts(app))
    app.plan = plan
    return app


@pytest.fixture
def app() -> Application:
    return make_app()


DRAFT_DROPS = (
    "封面.申报时间",
    "主导产业情况.集群总产值",
    "基本情况.集群占地面积",
    "基本情况.能效水平达到行业基准值",
    "主导产业情况.产业链强链补链工作",
    "创新能力情况.标准",
    "开放合作情况.境外分支机构",
)


def render(app: Application, *, draft: bool = False, template: bytes | None = None) -> bytes:
    from docgen.render.engine import render_application, template_bytes

    return render_application(app, template if template is not None else template_bytes(), draft=draft,
                              when=_dt.datetime(2024, 4, 20, tzinfo=_dt.timezone.utc))


@pytest.fixture(scope="session")
def built_docx() -> bytes:
    """The 申报表 of make_app(), rendered once per test session."""
    return render(make_app())


@pytest.fixture(scope="session")
def draft_docx() -> bytes:
    return render(make_app(draft=True, drop=DRAFT_DROPS), draft=True)
