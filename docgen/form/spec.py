"""The 2024 form (附件2 申报表, plus the 附件1 columns) as data.

This is the one place where the YAML keys meet the form's labels. Labels are
copied from notice-and-form-2024.txt; keys are the same words, shortened where
the label is a sentence.
"""
from __future__ import annotations

from decimal import Decimal

from .kinds import (
    Checkboxes,
    Choice,
    Column,
    Count,
    DateField,
    Evidence,
    Field,
    Group,
    ListField,
    Narrative,
    Number,
    Option,
    Rate,
    Section,
    Share,
    TargetRows,
    Text,
    YearSeries,
    YesNo,
    YesNoNA,
)

EVIDENCE_HINT = "勾选的选项须写明佐证材料文件（相对于申报文件夹的路径，如 evidence/图谱.pdf）；未勾选写“否”"


def _contact(key: str, label: str) -> Group:
    return Group(
        key,
        label,
        fields=(
            Text("名称", f"{label}名称", max_chars=100),
            Text("联系人", "联系人", max_chars=50),
            Text("联系方式", "联系方式", hint="手机或座机号码", max_chars=100),
        ),
    )


def _boxes(key: str, label: str, options: list[tuple[str, str]], intro: str = "") -> Checkboxes:
    return Checkboxes(
        key,
        label,
        hint=EVIDENCE_HINT,
        options=tuple(Option(k, v) for k, v in options),
        intro=intro,
    )


def _evidence_col() -> Column:
    return Column("佐证", Evidence("佐证", "佐证材料", hint="文件路径，多个用分号分隔"), required=False)


COVER = Section(
    "封面",
    "",
    "封面",
    (
        Text("集群名称", "集群名称", hint="格式：XX市XX县（市、区）XX特色产业集群", max_chars=60),
        Text("所属市", "所属地区（市）", hint="如：泉山市", max_chars=20),
        Text("所属县", "所属地区（县（市、区））", hint="如：青川县", max_chars=20),
        DateField("申报时间", "申报时间", hint="YYYY-MM-DD，印为2024年4月20日"),
    ),
)

BASIC = Section(
    "基本情况",
    "一",
    "基本情况",
    (
        _contact("县级中小企业主管部门", "县级行政区划中小企业主管部门"),
        _contact("集群运营管理机构", "集群运营管理机构"),
        Number("集群占地面积", "集群占地面积（平方公里）", unit="平方公里"),
        Choice("主导产业所属产业类型", "主导产业所属产业类型", choices=("第一产业", "第二产业", "第三产业")),
        YesNo(
            "属于禁止限制淘汰类产业",
            "集群主导产业是否属于国家规定的禁止、限制和淘汰类产业",
            ineligible_if="是",
            ineligible_reason="主导产业属于国家规定的禁止、限制和淘汰类产业的集群不得申报",
        ),
        YesNo(
            "近三年发生较大及以上事故",
            "近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件",
            ineligible_if="是",
            ineligible_reason="近三年发生较大及以上安全、质量、环境污染等事故或重大网络安全、数据安全事件的集群不得申报",
        ),
        YesNo(
            "存在偷税漏税违法失信行为",
            "是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为",
            ineligible_if="是",
            ineligible_reason="存在偷税漏税、违法违规、严重失信等行为的集群不得申报",
        ),
        YesNoNA(
            "能效水平达到行业基准值",
            "属于高耗能行业的集群，能效水平是否达到行业基准值",
            na_label="非高耗能行业，不适用",
            ineligible_if="否",
            ineligible_reason="高耗能行业集群的能效水平未达到行业基准值，不符合申报条件",
        ),
        YesNoNA(
            "水效水平达到行业基准值",
            "属于高用水行业的集群，水效水平是否达到行业基准值",
            na_label="非高用水行业，不适用",
            ineligible_if="否",
            ineligible_reason="高用水行业集群的水效水平未达到行业基准值，不符合申报条件",
        ),
    ),
)


def _years(key: str, label: str, item: Number, hint: str = "", **kw) -> YearSeries:
    return YearSeries(key, label, hint=hint or "按年填写 2021、2022、2023", item=item, **kw)


INDUSTRY = Section(
    "主导产业情况",
    "二",
    "主导产业情况",
    (
        _years("集群总产值", "集群总产值（亿元）", Number("", "", unit="亿元")),
        _years("中小企业产值占比", "集群内中小企业产值占集群总产值比例（%）", Share("", "")),
        _years("主导产业产值占比", "集群主导产业产值占集群总产值比例（%）", Share("", "")),
        _years("主导产业产值增速", "集群主导产业产值增速（%）", Rate("", "")),
        Rate(
            "近三年主导产业产值年均增速",
            "近三年主导产业产值年均增速（%）",
            hint="可不填：由三年增速按几何平均计算",
            derivable=True,
            required=False,
        ),
        _years("集群企业数量", "集群企业数量", Count("", "")),
        _years("集群中小企业数量", "其中：集群中小企业数量", Count("", "")),
        _years("省级专精特新中小企业数量", "主导产业相关的省级专精特新中小企业数量", Count("", "")),
        _years("专精特新小巨人企业数量", "主导产业相关的国家级专精特新“小巨人”企业数量", Count("", "")),
        _years("制造业单项冠军企业数量", "主导产业相关的国家级制造业单项冠军企业数量", Count("", "")),
        _years("高新技术企业数量", "主导产业相关的国家级高新技术企业数量", Count("", "")),
        _years("创新型中小企业数量", "主导产业相关的创新型中小企业数量", Count("", "")),
        Rate("外商直接投资额累计增长率", "近三年集群外商直接投资额累计增长率（%）"),
        Rate("主导产品出口贸易额累计增长率", "近三年集群主导产品出口贸易额累计增长率（%）"),
        Narrative("产业链强链补链情况", "集群产业链强链补链情况（200字以内）"),
        _boxes(
            "产业链强链补链工作",
            "集群已开展的产业链强链补链工作",
            [
                ("绘制产业链图谱", "绘制产业链图谱，开展产业链培育"),
                ("技术难点清单或创新项目库", "形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制"),
                ("组建创新联合体", "联合集群上下游企业，组建创新联合体，开展产业链联合攻关"),
                ("产学研协同创新", "引入高等院校、科研院所，开展产业链关键环节产学研协同创新"),
                ("产供销一体化协同协作机制", "建有产业链上下游产供销一体化协同协作机制"),
                ("与链主企业合作配套", "与产业链“链主”企业建立稳定合作配套关系"),
                ("与先进制造业集群合作配套", "与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系"),
                ("供应链风险防范机制", "开展供应链风险评估工作，建立供应链风险防范机制"),
            ],
        ),
        Narrative("产业链资源协同协作情况", "集群内产业链资源协同协作情况（200字以内）"),
        _boxes(
            "产业链资源协同协作工作",
            "集群已开展的产业链资源协同协作工作",
            [
                ("通用生产设备共享", "开展通用生产设备共享"),
                ("物流仓储设计等服务资源共享", "开展物流、仓储、设计等服务资源共享"),
                ("人力资源共享", "开展人力资源共享"),
                ("集中采销", "开展同类设备和产品的集中采销"),
                ("共享车间共享工厂", "建立共享车间、共享工厂"),
            ],
        ),
        Narrative("质量品牌建设情况", "集群质量品牌建设情况（200字以内）"),
        _boxes(
            "质量品牌建设工作",
            "集群已开展的质量品牌建设工作",
            [
                ("先进质量管理模式推广", "开展了先进质量管理模式推广"),
                ("质量诊断服务", "开展了质量诊断服务"),
                ("品牌运营管理机制", "建立了品牌运营、品牌管理标准宣贯等机制"),
                ("集体商标地理标志证明商标", "获得了集体商标、地理标志产品批准认证或证明商标通过注册"),
            ],
        ),
    ),
)

STANDARD_CATEGORIES = ("国际", "国家", "行业", "团体")
STANDARD_ROLES = ("主持", "参与")
PLATFORM_LEVELS = ("国家级", "省级", "其他")
PLATFORM_LABELS = {
    "国家级": "国家制造业创新中心或国家级创新平台名称及数量",
    "省级": "省级制造业创新中心或省级创新平台名称及数量",
    "其他": "其他平台名称及数量",
}
PATENT_TYPES = (
    "发明专利",
    "国防专利",
    "植物新品种",
    "国家级农作物品种",
    "国家新药",
    "国家一级中药保护品种",
    "集成电路布图设计专有权",
)
GREEN_CATEGORIES = ("绿色工厂", "绿色工业园区", "绿色供应链管理企业", "绿色设计产品")

INNOVATION = Section(
    "创新能力情况",
    "三",
    "创新能力情况",
    (
        _years("研发投入强度", "集群中小企业近三年研发投入强度（%）", Share("", "")),
        _years("研发经费增速", "集群中小企业近三年研发经费增速（%）", Rate("", "")),
        ListField(
            "标准",
            "集群中小企业近三年主持（起草单位排名前三位）或参与制修订标准数量情况（需提供清单）",
            hint="清单：每行一项标准；可写在此处，或写 CSV/XLSX 文件名（如 标准.csv）",
            columns=(
                Column("标准名称", Text("标准名称", "标准名称", max_chars=200)),
                Column("标准编号", Text("标准编号", "标准编号", max_chars=60)),
                Column("类别", Choice("类别", "类别", choices=STANDARD_CATEGORIES)),
                Column("角色", Choice("角色", "角色", hint="主持指起草单位排名前三位", choices=STANDARD_ROLES)),
                Column("年份", Number("年份", "发布年份", minimum=Decimal(2021), maximum=Decimal(2023), integer=True)),
                Column("企业", Text("企业", "主持或参与的集群中小企业", max_chars=200)),
                _evidence_col(),
            ),
            needs_evidence=False,
        ),
        ListField(
            "创新平台",
            "创新平台建设情况（需提供清单及佐证材料）",
            hint="清单：名称、级别（国家级/省级/其他）、依托单位",
            columns=(
                Column("名称", Text("名称", "平台名称", max_chars=200)),
                Column("级别", Choice("级别", "级别", choices=PLATFORM_LEVELS)),
                Column("依托单位", Text("依托单位", "依托单位", max_chars=200)),
                _evidence_col(),
            ),
        ),
        Count("中小企业从业人员数量", "集群内中小企业从业人员数量", hint="人；上年度末从业人员期末数之和", unit="人"),
        Share("研发人员占比", "集群内中小企业研发人员占从业人员比例（%）"),
        Count("PCT国际专利申请量", "集群中小企业PCT国际专利申请量", hint="件", unit="件"),
        Rate("有效发明专利年均增速", "集群中小企业近三年有效发明专利年均增速（%）"),
        Number(
            "每万人有效发明专利拥有量",
            "集群中小企业从业人员每万人有效发明专利拥有量",
            hint="可不填：由有效发明专利数 ÷ 从业人员数 × 10000 计算",
            unit="件",
            derivable=True,
            required=False,
        ),
        ListField(
            "有效发明专利",
            "集群内中小企业有效发明专利拥有量（包括发明专利、国防专利、植物新品种、国家级农作物品种、国家新药、"
            "国家一级中药保护品种、集成电路布图设计专有权等）（需提供清单及佐证材料）",
            hint="清单：专利名称、专利号、类型、权利人、授权日期；数量由清单行数得出",
            columns=(
                Column("专利名称", Text("专利名称", "专利名称", max_chars=300)),
                Column("专利号", Text("专利号", "专利号", max_chars=60)),
                Column("类型", Choice("类型", "类型", choices=PATENT_TYPES)),
                Column("权利人", Text("权利人", "权利人", max_chars=200)),
                Column("授权日期", DateField("授权日期", "授权日期"), required=False),
                _evidence_col(),
            ),
        ),
    ),
)

DIGITAL = Section(
    "数字化升级情况",
    "四",
    "数字化升级情况",
    (
        Share("企业上云比例", "企业上云比例（%）"),
        Share("工业互联网平台应用普及率", "集群中小企业工业互联网平台应用普及率（%）"),
        YesNo("工业软件应用率稳步提升", "工业软件应用率稳步提升"),
        _years("工业软件采购金额", "工业软件采购金额（万元）", Number("", "", unit="万元")),
        Narrative("数字化服务总体情况", "数字化服务总体情况（200字以内）"),
        _boxes(
            "数字化服务工作",
            "集群已开展的数字化服务工作",
            [
                ("数字化系统解决方案服务商", "引入了数字化系统解决方案服务商"),
                ("数字化共性解决方案和诊断", "开展了数字化共性解决方案开发和诊断等服务"),
                ("两化融合管理体系推广", "开展了两化融合管理体系推广工作"),
                ("成熟度评估推广", "开展了智能制造能力成熟度评估或数据管理能力成熟度评估等推广工作"),
            ],
        ),
        Narrative(
            "新模式新业态试点示范情况",
            "智能制造、工业互联网以及其它新模式新业态试点示范建设或应用情况（200字以内）",
        ),
        _boxes(
            "新模式新业态推广工作",
            "集群已开展的数字化新模式新业态推广工作",
            [
                ("国家级试点示范项目", "建有国家智能制造、工业互联网以及其它国家新模式新业态试点示范项目"),
                ("省级试点示范项目", "建有省级智能制造、工业互联网以及其它国家新模式新业态试点示范项目"),
                ("新模式新业态创新应用推广", "开展了智能制造、工业互联网等新模式新业态创新应用推广"),
            ],
            intro="集群已开展的数字化新模式新业态推广工作：",
        ),
    ),
)

GREEN = Section(
    "绿色化转型情况",
    "五",
    "绿色化转型情况",
    (
        YesNo("碳排放监测机制", "建立了集群碳排放监测机制", hint="是/否；选“是”时在下一项写佐证材料"),
        Evidence("碳排放监测机制佐证", "碳排放监测机制佐证材料", hint="选“是”时必填（如涉及，需提供佐证材料）"),
        _years(
            "单位产值二氧化碳排放量",
            "近三年单位产值二氧化碳排放量（吨二氧化碳/万元）",
            Number("", "", unit="吨二氧化碳/万元"),
        ),
        Text(
            "二氧化碳排放量计算公式",
            "单位产值二氧化碳排放量计算公式",
            hint="注：单位产值二氧化碳排放量需提供计算公式",
            max_chars=500,  # the form sets no 字 limit here; this only guards against pasted documents
        ),
        Rate("单位工业产值能耗降低率", "近三年单位工业产值能耗降低率（%）"),
        Share("大宗工业固废综合利用率", "大宗工业固废综合利用率（%）"),
        YesNoNA("固废利用率高于行业平均", "是否高于行业平均水平", na_label="非工业集群，不适用"),
        Share("工业用水重复利用率", "工业用水重复利用率（%）"),
        YesNoNA("用水重复利用率高于行业平均", "是否高于行业平均水平", na_label="非工业集群，不适用"),
        Narrative("绿色低碳工作情况", "集群绿色低碳相关工作情况（200字以内）"),
        _boxes(
            "绿色低碳工作",
            "集群已开展的绿色低碳相关工作",
            [
                ("节能诊断和节能管控", "开展了节能诊断，建立节能管控系统、余热余压回收设施等"),
                ("碳排放和碳足迹核算", "开展了碳排放和碳足迹监测与核算等"),
                ("水资源和固废循环利用", "建立了水资源梯级循环利用、工业废弃物分类分级利用设施等"),
                ("清洁生产评价", "开展了清洁生产评价等工作"),
                ("绿色制造系统解决方案推广", "开展了绿色制造系统解决方案推广"),
            ],
        ),
        ListField(
            "绿色制造",
            "集群绿色制造体系建设水平（注：需提供清单及佐证材料）",
            hint="清单：类别（绿色工厂/绿色工业园区/绿色供应链管理企业/绿色设计产品）、名称、级别、认定年份",
            columns=(
                Column("类别", Choice("类别", "类别", choices=GREEN_CATEGORIES)),
                Column("名称", Text("名称", "名称", max_chars=200)),
                Column("级别", Choice("级别", "级别", choices=("国家级", "省级", "市级"))),
                Column("认定年份", Number("认定年份", "认定年份", minimum=Decimal(2000), maximum=Decimal(2100), integer=True)),
                _evidence_col(),
            ),
        ),
    ),
)

OPEN = Section(
    "开放合作情况",
    "六",
    "开放合作情况",
    (
        Narrative("国际合作交流总体情况", "集群国际合作交流总体情况（200字以内）"),
        _boxes(
            "国际合作交流活动",
            "集群已开展的国际合作交流活动",
            [
                ("国际合作机制", "建立或参与主导产业国际合作机制"),
                ("境外产业园区合作", "与境外产业园区形成较为稳定的合作关系"),
                ("引进国际先进技术人才", "引进了国际领先技术、先进管理经验或高端人才团队等"),
                ("参加中小企业博览会等展会", "参加中国国际中小企业博览会等展会类活动"),
                ("承办国际研讨会", "承办主导产业国际研讨会或技术交流会"),
            ],
        ),
        ListField(
            "境外分支机构",
            "集群或集群内企业在境外设立分支机构数量（需提供清单及相关佐证材料）",
            hint="清单：企业、机构名称、国家或地区、设立年份",
            columns=(
                Column("企业", Text("企业", "企业", max_chars=200)),
                Column("机构名称", Text("机构名称", "分支机构名称", max_chars=200)),
                Column("国家或地区", Text("国家或地区", "国家或地区", max_chars=60)),
                Column("设立年份", Number("设立年份", "设立年份", minimum=Decimal(1949), maximum=Decimal(2100), integer=True)),
                _evidence_col(),
            ),
        ),
    ),
)

GOVERNANCE = Section(
    "治理和服务水平",
    "七",
    "治理和服务水平",
    (
        Narrative("发展环境情况", "集群发展环境情况（200字以内）"),
        _boxes(
            "发展环境治理工作",
            "集群已开展的发展环境治理工作",
            [
                ("专业化发展促进机构", "建立了专业化发展促进机构、开展共商共建共享"),
                ("政策宣贯与对接机制", "建立中小企业政策宣贯与对接机制"),
                ("合法权益保护机制", "建立了中小企业合法权益保护机制"),
                ("公共服务效果考核机制", "建立了公共服务效果考核机制"),
                ("安全生产隐患排查机制", "建立安全生产源头管控和隐患排查机制"),
                ("数字化治理", "运用了数字化手段提升治理能力"),
            ],
        ),
        _boxes(
            "公共服务平台建设",
            "集群中小企业公共服务平台建设情况",
            [
                ("国家中小企业公共服务示范平台", "建设或引入国家中小企业公共服务示范平台"),
                ("省级中小企业公共服务示范平台", "建设或引入省级中小企业公共服务示范平台"),
                ("中小企业公共服务平台", "建立了中小企业公共服务平台"),
            ],
            intro="集群已建设的中小企业公共服务平台：",
        ),
        _boxes(
            "中小企业公共服务",
            "集群提供中小企业公共服务情况",
            [
                ("信息服务", "信息服务"),
                ("创业辅导", "创业辅导"),
                ("创新支持", "创新支持"),
                ("人员培训", "人员培训"),
                ("市场营销", "市场营销"),
                ("投融资服务", "投融资服务"),
                ("管理咨询", "管理咨询"),
            ],
            intro="集群已提供的中小企业公共服务：",
        ),
    ),
)

TARGET_DIRECTIONS = ("主导产业", "创新", "数字化", "绿色化", "开放合作", "治理和服务", "其它")
QUALITATIVE_DIRECTIONS = ("开放合作", "治理和服务")
REQUIRED_INDICATORS = (
    ("主导产业", "集群产值年均增速"),
    ("主导产业", "优质中小企业数量"),
    ("创新", "研发经费投入"),
    ("创新", "有效发明专利数量"),
    ("数字化", "工业互联网普及率"),
    ("绿色化", "二氧化碳排放量"),
    ("绿色化", "单位工业产值能耗"),
)

TARGETS = Section(
    "发展目标",
    "八",
    "未来三年特色产业集群发展规划",
    (
        TargetRows(
            "目标指标",
            "三年总体目标指标表（方向 | 指标 | 2023年基准值 | 2026年目标值）",
            hint=(
                "每行：方向、指标、单位、基准值（2023年）、目标值（2026年）；"
                "开放合作、治理和服务两行写定性描述（文字）"
            ),
            directions=TARGET_DIRECTIONS,
            qualitative=QUALITATIVE_DIRECTIONS,
            required_indicators=REQUIRED_INDICATORS,
        ),
    ),
)

DECLARATION = Section(
    "真实性声明及推荐意见",
    "九",
    "真实性声明及推荐意见",
    (
        Text(
            "市级推荐意见",
            "市级中小企业主管部门推荐意见",
            hint="可不填：留空时打印空白栏，由市级主管部门手写并盖章",
            required=False,
            limit=200,
        ),
    ),
)

SUMMARY = Section(
    "汇总表",
    "",
    "推荐汇总表（附件1）信息",
    (
        Text("主导产业", "主导产业", max_chars=60),
        DateField("集群成立时间", "集群成立时间", hint="YYYY-MM 或 YYYY-MM-DD", month_only=True),
        Narrative(
            "集群简介",
            "集群简介（300字以内）",
            hint="可不填：由 docgen summary 根据申报数据起草",
            limit=300,
            required=False,
        ),
    ),
)

# In the order of the printed form (cover first, the 附件1 fields last).
SECTIONS: tuple[Section, ...] = (
    COVER,
    BASIC,
    INDUSTRY,
    INNOVATION,
    DIGITAL,
    GREEN,
    OPEN,
    GOVERNANCE,
    TARGETS,
    DECLARATION,
    SUMMARY,
)


def section(key: str) -> Section:
    for s in SECTIONS:
        if s.key == key:
            return s
    raise KeyError(key)


def field_at(path: str) -> Field:
    """The field at a dotted path such as '主导产业情况.集群总产值'."""
    sec_key, *rest = path.split(".")
    fields = section(sec_key).fields
    found: Field | None = None
    for part in rest:
        found = next(f for f in fields if f.key == part)
        fields = getattr(found, "fields", ())
    if found is None:
        raise KeyError(path)
    return found
