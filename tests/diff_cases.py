"""Copies of the example with known edits, for the tests of `docgen diff`."""
from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "content" / "example"


def copy_example(dest: Path) -> Path:
    shutil.copytree(EXAMPLE, dest)
    return dest


def edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in one file of the folder; the text must occur exactly `count` times."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


# Ten edits, each changing one place of the printed form (and so one revision).
TEN_EDITS = [
    ("cluster.yaml", "集群总产值: {2021: 186.42,", "集群总产值: {2021: 188.00,"),
    ("cluster.yaml", "联系人: 周若楠", "联系人: 王若楠"),
    ("cluster.yaml", "梳理补链项目36个", "梳理补链项目40个"),
    ("cluster.yaml", "固废利用率高于行业平均: 是", "固废利用率高于行业平均: 否"),
    ("cluster.yaml", "外商直接投资额累计增长率: 36.52", "外商直接投资额累计增长率: 37.00"),
    ("cluster.yaml", "指标: 企业上云比例, 单位: \"%\", 基准值: 78.60, 目标值: 90.00",
     "指标: 企业上云比例, 单位: \"%\", 基准值: 78.60, 目标值: 92.00"),
    # a column the 佐证材料清单 does not quote (its statement names the row by 机构名称 and 国家或地区)
    ("cluster.yaml", "{企业: 泉山恒瑞精密轴承有限公司, 机构名称: 恒瑞精密轴承欧洲技术中心",
     "{企业: 泉山恒瑞精密轴承股份有限公司, 机构名称: 恒瑞精密轴承欧洲技术中心"),
    ("plan.md", "研发经费投入6.08亿元", "研发经费投入6.50亿元"),
    ("plan.md", "建立产业链链长制。\n",
     "建立产业链链长制。\n\n**人才队伍不断壮大。**集群引进高层次人才团队12个，建成省级技能大师工作室3个。\n"),
    ("plan.md", "**加强人才支撑。**支持企业与职业院校共建实训基地，每年培养高技能人才500名以上。\n", ""),
]


def ten_edits(dest: Path) -> Path:
    folder = copy_example(dest)
    for name, old, new in TEN_EDITS:
        edit(folder, name, old, new)
    return folder
