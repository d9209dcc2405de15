"""The fixed text of 附件2 that is not a field label (labels live in docgen/form/spec.py).

Copied from the form (notice-and-form-2024.txt): the cover, the nine items of 填报说明,
the table captions that are not fields, the notes, and section 九's promise. The PDF
extraction's stray spaces between Chinese and digits are removed.
"""
from __future__ import annotations

ATTACHMENT = "附件2"
TITLE = "山东省特色产业集群申报表"
ISSUER = "山东省工业和信息化厅　制"

COVER_NAME = "集群名称："
COVER_NAME_HINT = "（XX市XX县（市、区）XX特色产业集群）"
COVER_REGION = "所属地区："
COVER_CITY = "市"
COVER_COUNTY = "县（市、区）"
COVER_AUTHORITY = "县级行政区划中小企业主管部门（盖章）："
COVER_OPERATOR = "集群运营管理机构："
COVER_DATE = "申报时间："
COVER_CONTACT = "联系人及联系电话："

INSTRUCTIONS_TITLE = "填报说明"
INSTRUCTIONS = (
    "1.集群应如实填报所附各表。要求文字简洁，数据准确、详实，并提供必要的清单及佐证材料。"
    "填报数据将依权限对相关部门和单位开放共享，仅供审核验证和查阅用。",
    "2.各必填栏目不得空缺，无相关情况时应填写“无”；数据有小数时，保留小数点后2位。",
    "3.集群运营管理机构是指对产业集群集中运营管理的产业园区管委会、园区运营企业或公共服务机构等法人主体，"
    "基础建设单位不可作为集群运营管理机构。",
    "4.佐证材料包括主管部门、第三方机构出具的证明或申报主体自我声明。",
    "5.财务数据应以企业该年度会计报表期末数为准。",
    "6.未注明填报年度的，请填写截止到2023年底的数据。",
    "7.主导产品按获得的产品收入占比或重要程度从高到低填写。",
    "8.集群内中小企业从业人员数是指集群内所有中小企业从业人员期末数之和。从业人员期末人数，"
    "为上年度末在企业工作，并取得工资或其他形式劳动报酬的人员数，是在岗职工、劳务派遣人员及其他从业人员之和。"
    "从业人员以上年度末数据为定量依据。",
    "9.企业研发费用是指企业研发活动中发生的相关费用，具体按照财政部、国家税务总局、科技部"
    "《关于完善研究开发费用税前加计扣除政策的通知》（财税[2015]119号）有关规定进行归集。",
)

YEAR_HEADER = "年度"
BASIC_NAME = "集群名称："
BASIC_NAME_HINT = COVER_NAME_HINT
CONTACT = "联系人"
CONTACT_PHONE = "联系方式"

STANDARD_CATEGORY = "类别"
STANDARD_LEAD = "主持数量"
STANDARD_JOIN = "参与数量"
PLATFORM_COUNT = "数量："
PLATFORM_UNIT = "个"
PLATFORM_NAMES = "名称："
PIECES = "个"

NEW_MODES_GROUP = "数字化新模式新业态推广情况"
CO2_FORMULA_NOTE = "（注：单位产值二氧化碳排放量需提供计算公式）"
CO2_FORMULA_PREFIX = "计算公式："
CARBON_EVIDENCE_NOTE = "（如涉及，需提供佐证材料）"
GREEN_COUNT_SUFFIX = "数量"

PLAN_LIMIT = "（3000字以内）"

DECLARATION = "真实性声明"
PROMISE = (
    "本单位承诺此次申报山东省特色产业集群的申请材料（包括附件资料）真实、合法。"
    "如有不实之处，本单位愿意负相应责任，并承担由此产生的一切后果。"
)
SIGNATURE = "县级行政区划中小企业主管部门负责人（签字）："
SEAL = "县级行政区划中小企业主管部门（公章）："
DATE_LINE = "年　　月　　日"
RECOMMENDATION = "市级中小企业主管部门推荐意见"
RECOMMENDER_SEAL = "推荐单位（公章）："

# After the form: the lists it asks for, and the evidence index
APPENDIX_TITLES = {
    "标准": "集群中小企业近三年主持或参与制修订标准清单",
    "创新平台": "集群创新平台清单",
    "有效发明专利": "集群内中小企业有效发明专利清单",
    "绿色制造": "集群绿色制造体系建设清单",
    "境外分支机构": "集群或集群内企业境外分支机构清单",
}
APPENDIX_OF = "（《山东省特色产业集群申报表》附表）"  # under each 附表's title: whose attachment it is


def appendix_number(key: str) -> int:
    """附表 are numbered in the order of the form: 标准 1 … 境外分支机构 5."""
    return list(APPENDIX_TITLES).index(key) + 1


def appendix_title(number: int, key: str) -> str:
    return f"附表{number}　{APPENDIX_TITLES[key]}"


def see_appendix(key: str) -> str:
    """What the form's cell says about its list."""
    return f"（详见附表{appendix_number(key)}）"


EVIDENCE_FOR_ALL = "佐证材料：本表各项均见佐证材料清单第{numbers}项"  # when one file proves every row
EVIDENCE_TITLE = "佐证材料清单"
EVIDENCE_COLUMNS = ("序号", "佐证材料（文件）", "证明内容")
SERIAL = "序号"
EVIDENCE_REF = "佐证材料序号"
