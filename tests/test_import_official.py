"""A form laid out like the official Word file (cover as lines with blanks, plain tables, no
docgen styles), filled by hand: values are found by their labels."""
from __future__ import annotations

from decimal import Decimal

import docx
from ruamel.yaml import YAML

from docgen.importer import import_docx


def official_like(path) -> None:
    d = docx.Document()
    d.add_paragraph("附件2")
    d.add_paragraph("山东省特色产业集群申报表")
    d.add_paragraph("集群名称：泉山市青川县高端轴承特色产业集群____")
    d.add_paragraph("(XX市XX县(市、区)XX特色产业集群)")
    d.add_paragraph("所属地区：__泉山__市__青川__县(市、区)")
    d.add_paragraph("县级行政区划中小企业主管部门(盖章)：青川县工业和信息化局")
    d.add_paragraph("集群运营管理机构：  泉山市青川轴承产业园运营管理有限公司")
    d.add_paragraph("申报时间：2024年4月20日")
    d.add_paragraph("联系人及联系电话：林晓东 0539-8216000")
    d.add_paragraph("一、基本情况")
    t = d.add_table(rows=4, cols=4)
    a = t.cell(0, 1).merge(t.cell(0, 3))
    t.cell(0, 0).text = "集群占地面积（平方公里）"
    a.text = "18.60平方公里"
    t.cell(1, 0).text = "联系人"  # stray row without a group above: reported, not guessed
    t.cell(1, 1).text = "某人"
    b = t.cell(2, 1).merge(t.cell(2, 3))
    t.cell(2, 0).text = "主导产业所属产业类型"
    b.text = "□第一产业  ■第二产业  □第三产业"
    c = t.cell(3, 1).merge(t.cell(3, 3))
    t.cell(3, 0).text = "集群主导产业是否属于国家规定的禁止、限制和淘汰类产业："
    c.text = "是 □   否 √"
    d.add_paragraph("二、主导产业情况")
    t = d.add_table(rows=3, cols=4)
    for i, x in enumerate(["年度", "2021年", "2022年", "2023年"]):
        t.cell(0, i).text = x
    for i, x in enumerate(["集群总产值(亿元)", "186.42 亿元", "208.75亿元", "236.18"]):
        t.cell(1, i).text = x
    for i, x in enumerate(["集群企业数量", "286家", "312", "338"]):
        t.cell(2, i).text = x
    d.save(path)


def test_official_layout_filled_by_hand(tmp_path):
    path = tmp_path / "手填.docx"
    official_like(path)
    report = import_docx(path, tmp_path / "out")
    data = YAML(typ="safe").load((tmp_path / "out" / "cluster.yaml").read_text(encoding="utf-8"))
    cover, basic, ind = data["封面"], data["基本情况"], data["主导产业情况"]
    assert cover["集群名称"] == "泉山市青川县高端轴承特色产业集群"
    assert (cover["所属市"], cover["所属县"]) == ("泉山市", "青川县")
    assert str(cover["申报时间"]) == "2024-04-20"
    assert basic["县级中小企业主管部门"]["名称"] == "青川县工业和信息化局"
    assert basic["集群运营管理机构"]["名称"] == "泉山市青川轴承产业园运营管理有限公司"
    assert Decimal(str(basic["集群占地面积"])) == Decimal("18.60")
    assert basic["主导产业所属产业类型"] == "第二产业"
    assert basic["属于禁止限制淘汰类产业"] == "否"  # the tick typed after the option
    assert {y: Decimal(str(v)) for y, v in ind["集群总产值"].items()} == {
        2021: Decimal("186.42"), 2022: Decimal("208.75"), 2023: Decimal("236.18")}
    assert ind["集群企业数量"] == {2021: 286, 2022: 312, 2023: 338}
    assert basic["县级中小企业主管部门"]["联系人"] == "林晓东"  # from the cover's 联系人及联系电话
    assert basic["县级中小企业主管部门"]["联系方式"] == "0539-8216000"
    assert report.hand_filled
    assert ("表1:行2", "某人") in report.unmapped
    assert any("“186.42 亿元”读作 186.42" == n for _, _, n in report.interpreted)


def test_section_eight_typed_by_hand(tmp_path):
    path = tmp_path / "手填.docx"
    official_like(path)
    d = docx.Document(str(path))
    d.add_paragraph("八、未来三年特色产业集群发展规划")
    d.add_paragraph("（3000字以内）")
    d.add_paragraph("一、集群基本情况简介")
    p = d.add_paragraph()
    p.add_run("总体规模稳步扩大。").bold = True
    p.add_run("2023年集群总产值达到236.18亿元，*同比*增长13%。")
    d.add_paragraph("（一）总体思路")
    d.add_paragraph("1.坚持高端化发展方向；")
    d.add_paragraph("1. 三年总体目标")
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate([["方向", "指标", "2023年基准值", "2026年目标值"],
                             ["主导产业", "集群产值年均增速", "13.45%", "12 %"],
                             ["开放合作", "定性描述", "境外分支机构3家", "境外分支机构6家"]]):
        for c, x in enumerate(row):
            t.cell(r, c).text = x
    d.add_paragraph("九、真实性声明及推荐意见")
    d.save(str(path))
    import_docx(path, tmp_path / "out")
    plan = (tmp_path / "out" / "plan.md").read_text(encoding="utf-8")
    assert plan.splitlines()[0] == "# 集群基本情况简介"
    # docgen.plan reads ** by the CJK-friendly rule: the full stop stays inside the bold, as typed
    assert "**总体规模稳步扩大。**2023年集群总产值达到236.18亿元，\\*同比\\*增长13%。" in plan
    assert "\n## 总体思路\n" in plan and "\n### 三年总体目标\n" in plan
    assert "\n1\\.坚持高端化发展方向；\n" in plan  # typed numbers stay text, never become a list
    data = YAML(typ="safe").load((tmp_path / "out" / "cluster.yaml").read_text(encoding="utf-8"))
    rows = data["发展目标"]["目标指标"]
    assert rows[0] == {"方向": "主导产业", "指标": "集群产值年均增速", "单位": "%", "基准值": 13.45, "目标值": 12}
    assert rows[1] == {"方向": "开放合作", "指标": "定性描述", "基准值": "境外分支机构3家", "目标值": "境外分支机构6家"}
