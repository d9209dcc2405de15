"""Plans and target rows shared by the plan tests (not a test module)."""
from __future__ import annotations

from decimal import Decimal as D

from docgen.model import Loc, TargetRow
from docgen.plan import OUTLINE

L = Loc("cluster.yaml", 40, 7)

# The form's required indicators plus the two 定性描述 rows, as an applicant would write them.
REQUIRED_ROWS = [
    TargetRow("主导产业", "集群产值年均增速", "%", D("9.8"), D("12"), L),
    TargetRow("主导产业", "优质中小企业数量", "家", D("35"), D("60"), L),
    TargetRow("创新", "研发经费投入", "亿元", D("6.125"), D("9.5"), L),
    TargetRow("创新", "有效发明专利数量", "件", D("412"), D("600"), L),
    TargetRow("数字化", "工业互联网普及率", "%", D("45.3"), D("70"), L),
    TargetRow("绿色化", "二氧化碳排放量", "吨二氧化碳/万元", D("0.52"), D("0.45"), L),
    TargetRow("绿色化", "单位工业产值能耗", "吨标准煤/万元", D("0.081"), D("0.07"), L),
    TargetRow("开放合作", "定性描述", "", "与2个境外园区建立合作", "新增境外分支机构3家", L),
    TargetRow("治理和服务", "定性描述", "", "建成公共服务平台", "创建省级示范平台", L),
]
EXTRA_ROW = TargetRow("主导产业", "规上企业数量", "家", D("120"), D("150"), L)


def plan_text(first_body: str) -> str:
    """Every part of the outline; the first holds `first_body`, the other leaves one 字 each."""
    out = []
    for k, p in enumerate(OUTLINE):
        out.append("#" * p.level + " " + p.heading)
        if p.leaf:
            out.append(first_body if k == 0 else "字。")
    return "\n\n".join(out) + "\n"
