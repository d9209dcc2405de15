"""The JSON Schema of cluster.yaml: generated from spec, valid, in step with its packaged copy."""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from docgen.form.kinds import Checkboxes, Group, YearSeries
from docgen.form.spec import SECTIONS
from docgen.schema import SCHEMA_FILE, build_schema, schema_json, write_schema_file

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example" / "cluster.yaml"

# A complete application written by hand (not generated), the smallest that satisfies the schema.
MINIMAL = """
封面: {集群名称: 泉山市青川县高端轴承特色产业集群, 所属市: 泉山市, 所属县: 青川县, 申报时间: 2024-04-20}
基本情况:
  县级中小企业主管部门: {名称: 青川县工业和信息化局, 联系人: 王明, 联系方式: "0531-12345678"}
  集群运营管理机构: {名称: 青川经济开发区管委会, 联系人: 李红, 联系方式: "13800000000"}
  集群占地面积: 12.5
  主导产业所属产业类型: 第二产业
  属于禁止限制淘汰类产业: 否
  近三年发生较大及以上事故: 否
  存在偷税漏税违法失信行为: 否
  能效水平达到行业基准值: 不适用
  水效水平达到行业基准值: 是
主导产业情况:
  集群总产值: {2021: 120.5, 2022: 135.2, 2023: "150.80"}
  中小企业产值占比: {2021: 80, 2022: 81.5, 2023: 82}
  主导产业产值占比: {2021: 70, 2022: 71, 2023: 72}
  主导产业产值增速: {2021: -3.5, 2022: 10.2, 2023: 11}
  集群企业数量: {2021: 300, 2022: 310, 2023: 320}
  集群中小企业数量: {2021: 290, 2022: 300, 2023: 309}
  省级专精特新中小企业数量: {2021: 10, 2022: 12, 2023: 15}
  专精特新小巨人企业数量: {2021: 1, 2022: 2, 2023: 2}
  制造业单项冠军企业数量: {2021: 0, 2022: 0, 2023: 1}
  高新技术企业数量: {2021: 30, 2022: 35, 2023: 40}
  创新型中小企业数量: {2021: 无, 2022: 20, 2023: 25}
  外商直接投资额累计增长率: 无
  主导产品出口贸易额累计增长率: 15.3
  产业链强链补链情况: 集群围绕轴承钢、套圈、滚动体、保持架构建完整产业链。
  产业链强链补链工作:
    绘制产业链图谱: evidence/产业链图谱.pdf
    技术难点清单或创新项目库: [evidence/项目库.pdf, evidence/揭榜挂帅通知.pdf]
    组建创新联合体: 否
    产学研协同创新: 否
    产供销一体化协同协作机制: 否
    与链主企业合作配套: 否
    与先进制造业集群合作配套: 否
    供应链风险防范机制: 否
  产业链资源协同协作情况: 无
  产业链资源协同协作工作: {通用生产设备共享: 否, 物流仓储设计等服务资源共享: 否, 人力资源共享: 否, 集中采销: 否, 共享车间共享工厂: 否}
  质量品牌建设情况: 无
  质量品牌建设工作: {先进质量管理模式推广: 否, 质量诊断服务: 否, 品牌运营管理机制: 否, 集体商标地理标志证明商标: 否}
创新能力情况:
  研发投入强度: {2021: 2.1, 2022: 2.3, 2023: 2.6}
  研发经费增速: {2021: 5, 2022: 6, 2023: 7}
  标准:
    - {标准名称: 滚动轴承 通用技术规范, 标准编号: GB/T 307.1-2023, 类别: 国家, 角色: 主持, 年份: 2023, 企业: 青川精工轴承有限公司}
  创新平台:
    - {名称: 泉山市轴承工程技术研究中心, 级别: 省级, 依托单位: 青川精工轴承有限公司, 佐证: evidence/平台认定.pdf}
  中小企业从业人员数量: 12000
  研发人员占比: 12.35
  PCT国际专利申请量: 3
  有效发明专利年均增速: 8.5
  有效发明专利: 有效发明专利.csv
数字化升级情况:
  企业上云比例: 60
  工业互联网平台应用普及率: 45
  工业软件应用率稳步提升: 是
  工业软件采购金额: {2021: 100, 2022: 120, 2023: 150}
  数字化服务总体情况: 无
  数字化服务工作: {数字化系统解决方案服务商: 否, 数字化共性解决方案和诊断: 否, 两化融合管理体系推广: 否, 成熟度评估推广: 否}
  新模式新业态试点示范情况: 无
  新模式新业态推广工作: {国家级试点示范项目: 否, 省级试点示范项目: 否, 新模式新业态创新应用推广: 否}
绿色化转型情况:
  碳排放监测机制: 是
  碳排放监测机制佐证: evidence/碳排放监测.pdf
  单位产值二氧化碳排放量: {2021: 0.52, 2022: 0.5, 2023: 0.48}
  二氧化碳排放量计算公式: 二氧化碳排放总量 ÷ 工业总产值
  单位工业产值能耗降低率: 4.2
  大宗工业固废综合利用率: 92
  固废利用率高于行业平均: 是
  工业用水重复利用率: 88
  用水重复利用率高于行业平均: 不适用
  绿色低碳工作情况: 无
  绿色低碳工作: {节能诊断和节能管控: 否, 碳排放和碳足迹核算: 否, 水资源和固废循环利用: 否, 清洁生产评价: 否, 绿色制造系统解决方案推广: 否}
  绿色制造: 无
开放合作情况:
  国际合作交流总体情况: 无
  国际合作交流活动: {国际合作机制: 否, 境外产业园区合作: 否, 引进国际先进技术人才: 否, 参加中小企业博览会等展会: 否, 承办国际研讨会: 否}
  境外分支机构: 无
治理和服务水平:
  发展环境情况: 无
  发展环境治理工作: {专业化发展促进机构: 否, 政策宣贯与对接机制: 否, 合法权益保护机制: 否, 公共服务效果考核机制: 否, 安全生产隐患排查机制: 否, 数字化治理: 否}
  公共服务平台建设: {国家中小企业公共服务示范平台: 否, 省级中小企业公共服务示范平台: 否, 中小企业公共服务平台: 否}
  中小企业公共服务: {信息服务: 否, 创业辅导: 否, 创新支持: 否, 人员培训: 否, 市场营销: 否, 投融资服务: 否, 管理咨询: 否}
发展目标:
  目标指标:
    - {方向: 主导产业, 指标: 集群产值年均增速, 单位: "%", 基准值: 9.8, 目标值: 12}
    - {方向: 主导产业, 指标: 优质中小企业数量, 单位: 家, 基准值: 17, 目标值: 30}
    - {方向: 创新, 指标: 研发经费投入, 单位: 亿元, 基准值: 3.2, 目标值: 5}
    - {方向: 创新, 指标: 有效发明专利数量, 单位: 件, 基准值: 410, 目标值: 600}
    - {方向: 数字化, 指标: 工业互联网普及率, 单位: "%", 基准值: 45, 目标值: 60}
    - {方向: 绿色化, 指标: 二氧化碳排放量, 单位: 吨二氧化碳/万元, 基准值: 0.48, 目标值: 0.4}
    - {方向: 绿色化, 指标: 单位工业产值能耗, 单位: 吨标准煤/万元, 基准值: 0.3, 目标值: 0.25}
    - {方向: 开放合作, 指标: 定性描述, 基准值: 与2个境外园区建立合作, 目标值: 新增境外分支机构3家}
    - {方向: 治理和服务, 指标: 定性描述, 基准值: 建成县级服务平台, 目标值: 建成省级示范平台}
汇总表: {主导产业: 高端轴承, 集群成立时间: 2015-06}
"""


def to_json(value):
    """What a YAML editor's schema check sees: string keys, ISO dates, plain numbers."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def load(text: str):
    return to_json(YAML(typ="safe").load(io.StringIO(text)))


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(build_schema())


@pytest.fixture
def doc():
    return load(MINIMAL)


def errors(validator, document):
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def test_is_valid_draft_2020_12():
    schema = build_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]


def test_resource_file_is_in_step_with_spec():
    assert SCHEMA_FILE.is_file(), "运行 python -m docgen.schema 生成 docgen/resources/cluster.schema.json"
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == build_schema()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json() + "\n"


def test_write_schema_file(tmp_path):
    out = write_schema_file(tmp_path / "s.json")
    assert out.read_bytes() == SCHEMA_FILE.read_bytes()


def test_json_is_deterministic_and_unescaped():
    text = schema_json()
    assert text == schema_json()
    assert "集群总产值" in text and "\\u" not in text


def test_every_field_has_chinese_title_and_description():
    props = build_schema()["properties"]
    for s in SECTIONS:
        assert set(props[s.key]["properties"]) == {f.key for f in s.fields}
        for f in s.fields:
            node = props[s.key]["properties"][f.key]
            assert node["title"] == f.label
            assert node["description"] == f.description
            if isinstance(f, Group):
                assert set(node["properties"]) == {g.key for g in f.fields}
            if isinstance(f, YearSeries):
                assert node["required"] == ["2021", "2022", "2023"]
            if isinstance(f, Checkboxes):
                assert list(node["properties"]) == [o.key for o in f.options]
                assert node["additionalProperties"] is False


def test_optional_fields_are_not_required():
    props = build_schema()["properties"]
    assert "近三年主导产业产值年均增速" not in props["主导产业情况"]["required"]
    assert "集群简介" not in props["汇总表"]["required"]
    assert "集群名称" in props["封面"]["required"]


def test_minimal_complete_document_passes(validator, doc):
    assert errors(validator, doc) == []


def test_unknown_key_is_an_error(validator, doc):
    doc["基本情况"]["集群人数"] = 5
    doc["额外栏目"] = {}
    errs = errors(validator, doc)
    assert [(list(e.absolute_path), e.validator) for e in errs] == [
        ([], "additionalProperties"),
        (["基本情况"], "additionalProperties"),
    ]
    assert "集群人数" in errs[1].message


def test_wrong_enum_is_an_error(validator, doc):
    doc["基本情况"]["主导产业所属产业类型"] = "第四产业"
    doc["基本情况"]["能效水平达到行业基准值"] = "非高耗能行业，不适用"  # the printed label, not the value
    errs = errors(validator, doc)
    assert [list(e.absolute_path) for e in errs] == [
        ["基本情况", "主导产业所属产业类型"],
        ["基本情况", "能效水平达到行业基准值"],
    ]
    assert all(e.validator == "enum" for e in errs)


def test_missing_required_field_is_an_error(validator, doc):
    del doc["封面"]["集群名称"]
    del doc["主导产业情况"]["集群总产值"]["2022"]
    errs = errors(validator, doc)
    assert [(list(e.absolute_path), e.validator) for e in errs] == [
        (["主导产业情况", "集群总产值"], "required"),
        (["封面"], "required"),
    ]
    assert "集群名称" in errs[1].message and "2022" in errs[0].message


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["主导产业情况", "集群总产值"], {"2021": 1, "2022": 2, "2023": 3, "2020": 4}),
        (["主导产业情况", "中小企业产值占比", "2021"], 101),
        (["主导产业情况", "主导产业产值增速", "2021"], -100.5),
        (["主导产业情况", "集群企业数量", "2021"], 3.5),
        (["主导产业情况", "集群企业数量", "2021"], "-3"),
        (["基本情况", "集群占地面积"], "12.5平方公里"),
        (["基本情况", "集群占地面积"], None),
        (["封面", "申报时间"], "2024-04"),
        (["封面", "集群名称"], ""),
        (["主导产业情况", "产业链强链补链工作", "组建创新联合体"], "/etc/passwd"),
        (["主导产业情况", "产业链强链补链工作", "组建创新联合体"], ["evidence/../../x.pdf"]),
        (["主导产业情况", "产业链强链补链工作", "新选项"], "否"),
        (["创新能力情况", "有效发明专利"], "专利.txt"),
        (["创新能力情况", "创新平台", 0, "级别"], "市级"),
        (["创新能力情况", "标准", 0, "年份"], 2020),
        (["发展目标", "目标指标"], [{"方向": "主导产业", "指标": "集群产值年均增速", "基准值": 1, "目标值": 2}]),
    ],
)
def test_bad_values_fail(validator, doc, path, value):
    node = doc
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    assert errors(validator, doc), f"{path} = {value!r} should fail"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["基本情况", "集群占地面积"], "无"),
        (["基本情况", "集群占地面积"], "2.675"),
        (["主导产业情况", "集群企业数量", "2021"], "300"),
        (["主导产业情况", "近三年主导产业产值年均增速"], 9.81),
        (["创新能力情况", "有效发明专利"], "清单/有效发明专利.XLSX"),
        (["创新能力情况", "标准"], "无"),
        (["绿色化转型情况", "碳排放监测机制佐证"], ["evidence/a.pdf", "evidence/b.pdf"]),
        (["真实性声明及推荐意见"], None),
        (["真实性声明及推荐意见"], {"市级推荐意见": "同意推荐"}),
        (["汇总表", "集群成立时间"], "2015-06-01"),
        (["主导产业情况", "产业链强链补链工作", "组建创新联合体"], "是"),
    ],
)
def test_good_values_pass(validator, doc, path, value):
    node = doc
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    assert errors(validator, doc) == []


def test_missing_required_indicator_row_fails(validator, doc):
    doc = copy.deepcopy(doc)
    doc["发展目标"]["目标指标"] = [r for r in doc["发展目标"]["目标指标"] if r["指标"] != "研发经费投入"]
    errs = errors(validator, doc)
    assert [(list(e.absolute_path), e.validator) for e in errs] == [(["发展目标", "目标指标"], "contains")]


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="content/example/cluster.yaml 尚未编写")
def test_example_application_satisfies_schema(validator):
    document = to_json(YAML(typ="safe").load(EXAMPLE.read_text(encoding="utf-8")))
    problems = [
        f"{'.'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(document)
    ]
    assert problems == []
