"""The pages of 附件2 in the template, one function each (cover, 填报说明, sections 一 to 九, 附表)."""
from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Twips

from .. import settings as S
from ..form import kinds
from ..form import text as T
from ..form.kinds import YEARS
from ..form.spec import (
    GREEN_CATEGORIES,
    PLATFORM_LABELS,
    PLATFORM_LEVELS,
    STANDARD_CATEGORIES,
    STANDARD_ROLES,
    section,
)
from ..word import elements
from ..word import styles as st
from .template_kit import (
    TYPE_WIDTH,
    Grid,
    checkbox_cell,
    field,
    heading,
    label_cell,
    number_cell,
    options_inline,
    para,
    ref,
    split_hint,
    tag,
    text_cell,
)

# ---------------------------------------------------------------------------------------------
# the form, page by page

W4 = [3400, 1815, 1815, 1814]  # label + three years (二, 四)
# 一: the label column holds 县级行政区划中小企业主管部门 (14 字 of 小四) on one line
BASIC_COLUMNS = [3600, 2000, 1250, 1994]


def label_lines(cell, label: str, starts: tuple[str, ...]) -> None:
    """A label broken before each of `starts` (word boundaries), never inside a word."""
    p = para(cell, st.TABLE_LABEL, first=True)
    rest = label
    for word in starts:
        cut = rest.index(word)
        p.add_run(rest[:cut])
        p.add_run().add_break()
        rest = rest[cut:]
    p.add_run(rest)


def cover(doc) -> None:
    para(doc, st.COVER_LABEL, T.ATTACHMENT)
    para(doc, st.COVER_TITLE, T.TITLE)
    # the label column holds 联系人及联系电话： (9 字); the long authority label takes three lines,
    # so the values get 18 字 a line (a long operator's name does not wrap)
    label_w = int(9 * S.COVER_FIELD[1] * 20) + 2 * 85 + 100
    value_w = TYPE_WIDTH - label_w
    g = Grid(doc, [label_w, value_w], borders=False)
    rows = [
        (T.COVER_NAME, [tag("封面", "集群名称")]),
        (None, None),  # the hint line under the name
        (T.COVER_REGION, ["　", tag("封面", "所属地区", "市"), "　", T.COVER_CITY, "　", tag("封面", "所属地区", "县"),
                          "　", T.COVER_COUNTY]),
        (T.COVER_AUTHORITY, [tag("基本情况", "县级中小企业主管部门", "名称")]),
        (T.COVER_OPERATOR, [tag("基本情况", "集群运营管理机构", "名称")]),
        (T.COVER_DATE, [tag("封面", "申报时间")]),
        (T.COVER_CONTACT, [tag("封面", "联系人及联系电话")]),
    ]
    for label, pieces in rows:
        lc, vc = g.row(min_height_tw=None if label is None else 680)
        if label is None:
            para(lc, st.COVER_HINT, "", first=True)
            para(vc, st.COVER_HINT, T.COVER_NAME_HINT, first=True)
            continue
        if label == T.COVER_AUTHORITY:  # 县级行政区划 / 中小企业主管部门 / （盖章）：
            p = para(lc, st.COVER_FIELD, first=True)
            rest = label
            for word in ("中小企业", "（盖章）"):
                cut = rest.index(word)
                p.add_run(rest[:cut])
                p.add_run().add_break()
                rest = rest[cut:]
            p.add_run(rest)
        else:
            para(lc, st.COVER_FIELD, label, first=True)
        elements.set_cell_valign(lc, "bottom")
        elements.set_cell_valign(vc, "bottom")
        elements.set_cell_border(vc, "bottom")  # the ruled line
        para(vc, st.COVER_VALUE, *pieces, first=True)  # 四号: a 20-字 name stays on its ruled line
    g.finish()
    elements.element(g.table).tblPr.find(qn("w:jc")).set(qn("w:val"), "center")
    para(doc, st.COVER_FOOT, T.ISSUER)


def instructions(doc) -> None:
    para(doc, st.INSTRUCTIONS_TITLE, T.INSTRUCTIONS_TITLE)
    for item in T.INSTRUCTIONS:
        para(doc, st.INSTRUCTIONS_TEXT, item)


def contact_rows(g: Grid, key: str) -> None:
    f = field("基本情况", key)
    lc, vc = g.row([1, 3])
    label_cell(lc, f.label)
    text_cell(vc, "基本情况", key, "名称")
    c1, c2, c3, c4 = g.row()
    label_cell(c1, T.CONTACT)
    para(c2, st.TABLE_NUMBER, tag("基本情况", key, "联系人"), first=True)
    label_cell(c3, T.CONTACT_PHONE)
    para(c4, st.TABLE_NUMBER, tag("基本情况", key, "联系方式"), first=True)


def basic(doc) -> None:
    heading(doc, "基本情况", page_break=True)
    g = Grid(doc, BASIC_COLUMNS)
    lc, vc = g.row([1, 3])
    label_cell(lc, T.BASIC_NAME)
    hint = para(lc, st.TABLE_HINT)  # broken after （市、区）, not inside 特色产业集群
    cut = T.BASIC_NAME_HINT.index("）") + 1
    hint.add_run(T.BASIC_NAME_HINT[:cut])
    hint.add_run().add_break()
    hint.add_run(T.BASIC_NAME_HINT[cut:])
    text_cell(vc, "封面", "集群名称")
    contact_rows(g, "县级中小企业主管部门")
    contact_rows(g, "集群运营管理机构")
    f = field("基本情况", "集群占地面积")
    lc, vc = g.row([1, 3])
    label_cell(lc, f.label)
    number_cell(vc, "基本情况", f.key)
    for key in ("主导产业所属产业类型", "属于禁止限制淘汰类产业", "近三年发生较大及以上事故",
                "存在偷税漏税违法失信行为", "能效水平达到行业基准值", "水效水平达到行业基准值"):
        f = field("基本情况", key)
        lc, vc = g.row([1, 3])
        label_cell(lc, f.label)
        options_inline(vc, "基本情况", f)
    g.finish()


def year_header(g: Grid, spans=None) -> None:
    """年度 2021年 2022年 2023年: printed once, kept on one page with the rows that use it
    (a repeated header would also stand above the rows without years)."""
    cells = g.row(spans)
    label_cell(cells[0], T.YEAR_HEADER)
    for c, y in zip(cells[1:], YEARS):
        para(c, st.TABLE_HEADER, f"{y}年", first=True)


def narrative_row(g: Grid, sec_key: str, key: str, spans: list[int]) -> None:
    """A 200-字 cell, kept on one page with its label (at most about 12 lines)."""
    f = field(sec_key, key)
    lc, vc = g.row(spans)
    label_cell(lc, f.label)
    text_cell(vc, sec_key, key, indent=True)


def checkbox_row(g: Grid, sec_key: str, key: str, spans: list[int], per_line: int = 1) -> None:
    """A checkbox group never splits: its options stay beside their label (at most 8, ~10 lines)."""
    f = field(sec_key, key)
    lc, vc = g.row(spans)
    label_cell(lc, f.label)
    checkbox_cell(vc, sec_key, f, per_line=per_line)


def industry(doc) -> None:
    sk = "主导产业情况"
    heading(doc, sk)
    g = Grid(doc, W4)
    year_header(g)
    fields = section(sk).fields
    last_year_row = max(i for i, f in enumerate(fields) if isinstance(f, kinds.YearSeries)) + 1
    for f in fields:
        if isinstance(f, kinds.YearSeries):
            cells = g.row()
            label_cell(cells[0], f.label)
            for c, y in zip(cells[1:], YEARS):
                number_cell(c, sk, f.key, y)
        elif isinstance(f, kinds.Number):
            lc, vc = g.row([1, 3])
            label_cell(lc, f.label)
            number_cell(vc, sk, f.key)
        elif isinstance(f, kinds.Narrative):
            narrative_row(g, sk, f.key, [1, 3])
        elif isinstance(f, kinds.Checkboxes):
            checkbox_row(g, sk, f.key, [1, 3])
        else:  # pragma: no cover - a new kind in the spec needs a layout here
            raise TypeError(f"{sk}.{f.key}: {type(f).__name__}")
    g.keep_together(0, last_year_row)  # the 年度 header with every row that has years
    g.finish()


def innovation(doc) -> None:
    sk = "创新能力情况"
    heading(doc, sk)
    sub = [650, 760, 760]  # 国际 | 主持数量 | 参与数量 (数量 on a second line)
    label_w = TYPE_WIDTH - 3 * sum(sub)
    g = Grid(doc, [label_w, *sub * 3])
    year_header(g, [1, 3, 3, 3])
    for key in ("研发投入强度", "研发经费增速"):
        f = field(sk, key)
        cells = g.row([1, 3, 3, 3])
        label_cell(cells[0], f.label)
        for c, y in zip(cells[1:], YEARS):
            number_cell(c, sk, key, y)
    # standards: year × category × 主持/参与
    f = field(sk, "标准")
    first = len(g.rows)
    cells = g.row()
    label_cell(cells[0], *split_hint(f.label))
    para(cells[0], st.TABLE_HINT, T.see_appendix("标准"))
    for i in range(len(YEARS)):
        label_cell(cells[1 + 3 * i], T.STANDARD_CATEGORY)
        label_cell(cells[2 + 3 * i], T.STANDARD_LEAD)
        label_cell(cells[3 + 3 * i], T.STANDARD_JOIN)
    for cat in STANDARD_CATEGORIES:
        cells = g.row()
        for i, y in enumerate(YEARS):
            label_cell(cells[1 + 3 * i], cat)
            for j, role in enumerate(STANDARD_ROLES):
                number_cell(cells[2 + 3 * i + j], sk, "标准", y, cat, role)
    g.vmerge(first, len(g.rows) - 1, 0)
    g.keep_together(0, len(g.rows) - 1)  # the 年度 header with the rows by year
    # platforms by level: 数量：N 个 名称：…
    f = field(sk, "创新平台")
    first = len(g.rows)
    for level in PLATFORM_LEVELS:
        lc, sc, vc = g.row([1, 3, 6])
        if level == PLATFORM_LEVELS[0]:
            label_cell(lc, *split_hint(f.label))
            para(lc, st.TABLE_HINT, T.see_appendix("创新平台"))
        label_cell(sc, PLATFORM_LABELS[level])
        para(vc, st.TABLE_TEXT, T.PLATFORM_COUNT, tag(sk, "创新平台", level, "数量", underline=True, pad=True),
             T.PLATFORM_UNIT, first=True)
        para(vc, st.TABLE_TEXT, T.PLATFORM_NAMES, tag(sk, "创新平台", level, "名称"))
    g.vmerge(first, len(g.rows) - 1, 0)
    g.keep_together(first, len(g.rows) - 1)
    for key in ("中小企业从业人员数量", "研发人员占比", "PCT国际专利申请量", "有效发明专利年均增速",
                "每万人有效发明专利拥有量"):
        f = field(sk, key)
        lc, vc = g.row([4, 6])
        label_cell(lc, f.label)
        number_cell(vc, sk, key)
    f = field(sk, "有效发明专利")
    label, hint = split_hint(f.label)
    lc, vc = g.row([4, 6])
    label_cell(lc, label)
    para(vc, st.TABLE_NUMBER, tag(sk, "有效发明专利", underline=True, pad=True), T.PIECES, first=True)
    para(vc, st.TABLE_NUMBER, hint)
    para(vc, st.TABLE_NUMBER, T.see_appendix("有效发明专利"))
    g.finish()


def digital(doc) -> None:
    sk = "数字化升级情况"
    heading(doc, sk)
    g = Grid(doc, W4)
    for key in ("企业上云比例", "工业互联网平台应用普及率"):
        f = field(sk, key)
        lc, vc = g.row([1, 3])
        label_cell(lc, f.label)
        number_cell(vc, sk, key)
    f = field(sk, "工业软件应用率稳步提升")
    lc, vc = g.row([1, 3])
    label_cell(lc, f.label)
    options_inline(vc, sk, f)
    f = field(sk, "工业软件采购金额")
    first = len(g.rows)
    cells = g.row()
    label_cell(cells[0], f.label)
    for c, y in zip(cells[1:], YEARS):
        para(c, st.TABLE_HEADER, f"{y}年", first=True)
    cells = g.row()
    for c, y in zip(cells[1:], YEARS):
        number_cell(c, sk, f.key, y)
    g.vmerge(first, first + 1, 0)
    g.keep_together(first, first + 1)
    narrative_row(g, sk, "数字化服务总体情况", [1, 3])
    checkbox_row(g, sk, "数字化服务工作", [1, 3])
    # 数字化新模式新业态推广情况: the narrative and the boxes under one label
    first = len(g.rows)
    f = field(sk, "新模式新业态试点示范情况")
    lc, vc = g.row([1, 3])
    label_cell(lc, T.NEW_MODES_GROUP)
    para(vc, st.TABLE_TEXT, f.label, first=True)
    para(vc, st.TABLE_PARAGRAPH, tag(sk, f.key))
    f = field(sk, "新模式新业态推广工作")
    lc, vc = g.row([1, 3])
    checkbox_cell(vc, sk, f)
    g.vmerge(first, first + 1, 0)
    g.finish()


def green(doc) -> None:
    sk = "绿色化转型情况"
    heading(doc, sk)
    g = Grid(doc, [3400, 1300, 4144])
    f = field(sk, "碳排放监测机制")
    lc, vc = g.row([1, 2])
    label_cell(lc, f.label)
    options_inline(vc, sk, f, tail=T.CARBON_EVIDENCE_NOTE)
    f = field(sk, "单位产值二氧化碳排放量")
    first = len(g.rows)
    for y in YEARS:
        lc, yc, vc = g.row()
        if y == YEARS[0]:
            label_cell(lc, f.label)
        label_cell(yc, f"{y}年")
        number_cell(vc, sk, f.key, y)
    lc, nc = g.row([1, 2])
    para(nc, st.TABLE_TEXT, T.CO2_FORMULA_NOTE, first=True)
    para(nc, st.TABLE_TEXT, T.CO2_FORMULA_PREFIX, tag(sk, "二氧化碳排放量计算公式"))
    g.vmerge(first, len(g.rows) - 1, 0)
    g.keep_together(0, len(g.rows) - 1)  # with the row above: 五's heading never stands with one row
    for key in ("单位工业产值能耗降低率", "大宗工业固废综合利用率", "固废利用率高于行业平均",
                "工业用水重复利用率", "用水重复利用率高于行业平均"):
        f = field(sk, key)
        lc, vc = g.row([1, 2])
        label_cell(lc, f.label)
        if isinstance(f, kinds.YesNo):
            options_inline(vc, sk, f)
        else:
            number_cell(vc, sk, key)
    narrative_row(g, sk, "绿色低碳工作情况", [1, 2])
    checkbox_row(g, sk, "绿色低碳工作", [1, 2])
    f = field(sk, "绿色制造")
    label, hint = split_hint(f.label)
    lc, vc = g.row([1, 2])
    label_cell(lc, label)
    for i, cat in enumerate(GREEN_CATEGORIES):
        para(vc, st.TABLE_TEXT, cat + T.GREEN_COUNT_SUFFIX, tag(sk, "绿色制造", cat, underline=True, pad=True),
             first=i == 0)
    para(vc, st.TABLE_TEXT, hint)
    para(vc, st.TABLE_TEXT, T.see_appendix("绿色制造"))
    g.finish()


def openness(doc) -> None:
    sk = "开放合作情况"
    heading(doc, sk)
    g = Grid(doc, [3400, 5444])
    narrative_row(g, sk, "国际合作交流总体情况", [1, 1])
    checkbox_row(g, sk, "国际合作交流活动", [1, 1])
    f = field(sk, "境外分支机构")
    label, hint = split_hint(f.label)
    lc, vc = g.row()
    label_cell(lc, label)
    para(vc, st.TABLE_TEXT, tag(sk, "境外分支机构", underline=True, pad=True), T.PIECES, hint, first=True)
    para(vc, st.TABLE_TEXT, T.see_appendix("境外分支机构"))
    g.finish()


def governance(doc) -> None:
    sk = "治理和服务水平"
    heading(doc, sk)
    g = Grid(doc, [3400, 5444])
    narrative_row(g, sk, "发展环境情况", [1, 1])
    checkbox_row(g, sk, "发展环境治理工作", [1, 1])
    checkbox_row(g, sk, "公共服务平台建设", [1, 1])
    checkbox_row(g, sk, "中小企业公共服务", [1, 1], per_line=3)
    g.finish()


def plan(doc) -> None:
    heading(doc, "发展目标")
    para(doc, st.PLAN_NOTE, T.PLAN_LIMIT)
    para(doc, st.NORMAL, "{{p 规划 }}")


# Section 九: room to sign and seal. A seal is 42 mm across and, as GB/T 9704 places it, is
# pressed on the issuer's line and the date (the date 4 字 from the right, the seal's centre a
# little above it), so the cell keeps about 42 mm of free height around each date.
SIGN_ROOM_LINES = 2  # blank lines between the signature line and the seal line
SEAL_ROOM_LINES = 3  # blank lines above a date: the upper half of the seal
SEAL_BELOW_LINES = 2  # blank lines below a date: its lower half


def declaration(doc) -> None:
    sk = "真实性声明及推荐意见"
    heading(doc, sk, page_break=True)
    label_w = 1800
    g = Grid(doc, [label_w, TYPE_WIDTH - label_w])

    def blank(cell, n: int) -> None:
        for _ in range(n):
            para(cell, st.DECLARATION, "")

    lc, vc = g.row(min_height_tw=S.DECLARATION_ROW_MIN_TW)
    elements.set_cell_valign(vc, "top")
    label_cell(lc, T.DECLARATION)
    para(vc, st.DECLARATION_PARAGRAPH, T.PROMISE, first=True)
    blank(vc, 1)
    # 负责人（签字）： starts a line of its own, so the rest of that line (about 80 mm) is for the
    # signature; the label's first half stays on the line above.
    cut = T.SIGNATURE.index("负责人")
    p = para(vc, st.DECLARATION_SIGN, T.SIGNATURE[:cut])
    p.add_run().add_break()
    p.add_run(T.SIGNATURE[cut:])
    blank(vc, SIGN_ROOM_LINES)
    para(vc, st.DECLARATION_SIGN, T.SEAL)
    blank(vc, SEAL_ROOM_LINES)
    para(vc, st.DECLARATION_DATE, T.DATE_LINE)
    blank(vc, SEAL_BELOW_LINES)
    for par in vc.paragraphs + lc.paragraphs:
        par.paragraph_format.keep_with_next = True

    f = field(sk, "市级推荐意见")
    lc, vc = g.row(min_height_tw=S.RECOMMENDATION_ROW_MIN_TW)
    elements.set_cell_valign(vc, "top")
    label_lines(lc, f.label, ("主管部门", "推荐意见"))
    para(vc, st.DECLARATION_PARAGRAPH, tag(sk, "市级推荐意见"), first=True)
    blank(vc, SIGN_ROOM_LINES)
    para(vc, st.DECLARATION_SEAL, T.RECOMMENDER_SEAL)
    blank(vc, SEAL_ROOM_LINES - 1)
    para(vc, st.DECLARATION_DATE, T.DATE_LINE)
    blank(vc, SEAL_BELOW_LINES)
    g.finish()


def appendices(doc) -> None:
    for key in T.APPENDIX_TITLES:
        para(doc, st.NORMAL, "{{p " + ref("附表", key) + " }}")
    para(doc, st.NORMAL, "{{p 佐证材料清单 }}")
    end = para(doc, st.NORMAL, "")
    end.paragraph_format.line_spacing = Twips(20)
