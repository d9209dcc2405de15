"""Rules across fields: the cluster's name, the knock-out questions, evidence duties."""
from __future__ import annotations

import re
from typing import Any

from ..form.kinds import Section, YesNo
from ..model import MISSING
from .context import CheckContext

NAME_SUFFIX = "特色产业集群"
COUNTY = re.compile(r"^(.+?(?:县|市|区))")


def check_cluster_name(ctx: CheckContext, data: dict[str, Any]) -> None:
    cover = data.get("封面", {})
    name, city, county = cover.get("集群名称"), cover.get("所属市"), cover.get("所属县")
    if not isinstance(name, str):
        return
    path = ("封面", "集群名称")
    shape = "集群名称应写作“XX市XX县（市、区）XX特色产业集群”，如“泉山市青川县高端轴承特色产业集群”"
    if not name.endswith(NAME_SUFFIX) or "市" not in name[:-len(NAME_SUFFIX)]:
        ctx.error(path, f"{shape}；现在是“{name}”", "name-shape")
        return
    if isinstance(city, str) and not city.endswith("市"):
        ctx.error(("封面", "所属市"), f"所属市应以“市”结尾，如“泉山市”；现在是“{city}”", "name-shape")
    if isinstance(city, str) and isinstance(county, str):
        prefix = city + county
        if not name.startswith(prefix):
            ctx.error(path, f"集群名称“{name}”与所属地区“{city}{county}”不一致：名称应以“{prefix}”开头", "name-region")
        elif len(name) <= len(prefix) + len(NAME_SUFFIX):
            ctx.error(path, f"{shape}：“{prefix}”与“{NAME_SUFFIX}”之间应写主导产业", "name-shape")
        if not COUNTY.match(county) or not county.endswith(("县", "市", "区")):
            ctx.error(("封面", "所属县"), f"所属县（市、区）应以“县”“市”或“区”结尾；现在是“{county}”", "name-shape")


def check_knockouts(ctx: CheckContext, sections: tuple[Section, ...], data: dict[str, Any]) -> None:
    """The form's eligibility questions: an answer that rules the cluster out is an error."""
    for s in sections:
        for f in s.fields:
            if isinstance(f, YesNo) and f.ineligible_if:
                if data.get(s.key, {}).get(f.key) == f.ineligible_if:
                    ctx.error((s.key, f.key), f"“{f.label}”答“{f.ineligible_if}”：{f.ineligible_reason}", "ineligible")


def check_carbon_evidence(ctx: CheckContext, data: dict[str, Any]) -> None:
    green = data.get("绿色化转型情况", {})
    if green.get("碳排放监测机制") == "是" and not green.get("碳排放监测机制佐证"):
        ctx.error(("绿色化转型情况", "碳排放监测机制"),
                  "已建立集群碳排放监测机制，需提供佐证材料：请在“碳排放监测机制佐证”写出文件路径",
                  "checkbox-evidence")
    if green.get("碳排放监测机制") == "否" and green.get("碳排放监测机制佐证") not in ((), MISSING):
        ctx.warning(("绿色化转型情况", "碳排放监测机制佐证"),
                    "碳排放监测机制答“否”，但写了佐证材料；请核对", "evidence-unexpected")


def check_rules(ctx: CheckContext, sections: tuple[Section, ...], data: dict[str, Any]) -> None:
    check_cluster_name(ctx, data)
    check_knockouts(ctx, sections, data)
    check_carbon_evidence(ctx, data)
