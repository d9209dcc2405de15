"""Writes templates/申报表模板.docx: the form's fixed text with Jinja tags where values go.

    python -m docgen.render.template_builder [OUT.docx]

The template is an ordinary .docx a person can open and adjust in Word (move a line,
change a width, reword a note); `docgen build --template FILE` takes such a copy. Labels
and checkbox options come from docgen/form/spec.py, the other fixed text from
docgen/form/text.py, fonts and sizes from docgen/settings.py (through the styles in styles.py).

Tags name the data the way cluster.yaml does: `{{ 基本情况.集群占地面积 }}`,
`{{ 主导产业情况.集群总产值[2021] }}`, a checkbox `{{ 主导产业情况.产业链强链补链工作.绘制产业链图谱 }}`
(☑ or □). Parts with no fixed shape are subdocuments: `{{p 规划 }}`, `{{p 附表.标准 }}`,
`{{p 佐证材料清单 }}`. Every page's header holds `{{ 草稿 }}` (empty unless --draft).

The committed template is this script's output; tests/test_render_template.py checks
that they agree.
"""
from __future__ import annotations

import datetime as _dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips

from .. import ooxml
from .. import settings as S
from ..form import kinds
from ..form.kinds import YEARS
from ..form.spec import (
    GREEN_CATEGORIES,
    PLATFORM_LABELS,
    PLATFORM_LEVELS,
    STANDARD_CATEGORIES,
    STANDARD_ROLES,
    section,
)
from ..form import text as T
from . import styles as st

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TYPE_WIDTH = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW  # 8844 twips, 156 mm


# ---------------------------------------------------------------------------------------------
# tags


def ref(*keys) -> str:
    """A Jinja reference to a context value: 基本情况.集群占地面积, 主导产业情况.集群总产值[2021]."""
    out = str(keys[0])
    for k in keys[1:]:
        if isinstance(k, int):
            out += f"[{k}]"
        elif k.isidentifier():
            out += "." + k
        else:
            out += '["' + k + '"]'
    return out


@dataclass(frozen=True)
class Tag:
    path: tuple
    underline: bool = False
    checkbox: bool = False
    pad: bool = False  # spaces around the value, so an underlined blank looks like the form's ＿＿

    @property
    def text(self) -> str:
        t = "{{ " + ref(*self.path) + " }}"
        return f" {t} " if self.pad else t


def tag(*path, **kw) -> Tag:
    return Tag(tuple(path), **kw)


def box(*path) -> Tag:
    return Tag(tuple(path), checkbox=True)


def add_pieces(par, pieces) -> None:
    for piece in pieces:
        if isinstance(piece, Tag):
            r = par.add_run(piece.text)
            if piece.checkbox:
                rpr = r._r.get_or_add_rPr()
                rs = OxmlElement("w:rStyle")
                rs.set(qn("w:val"), st.CHECKBOX)
                rpr.insert(0, rs)
            if piece.underline:
                r.font.underline = True
        else:
            par.add_run(str(piece))


def set_style(par, style_id: str) -> None:
    ppr = par._p.get_or_add_pPr()
    ps = ppr.find(qn("w:pStyle"))
    if ps is None:
        ps = OxmlElement("w:pStyle")
        ppr.insert(0, ps)
    ps.set(qn("w:val"), style_id)


def para(container, style_id: str, *pieces, first: bool = False):
    """A paragraph in `container` (document or cell); `first` reuses a cell's empty paragraph."""
    par = container.paragraphs[0] if first else container.add_paragraph()
    set_style(par, style_id)
    add_pieces(par, pieces)
    return par


def set_ppr_flag(par, tag_name: str) -> None:
    ppr = par._p.get_or_add_pPr()
    el = OxmlElement(tag_name)
    # keep schema order: pStyle, keepNext, keepLines, pageBreakBefore …
    order = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore"]
    idx = 0
    for i, child in enumerate(ppr):
        if child.tag in {qn(t) for t in order[: order.index(tag_name)]}:
            idx = i + 1
    ppr.insert(idx, el)


def indent_first_line(par, chars: int = 2) -> None:
    ppr = par._p.get_or_add_pPr()
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(chars * S.TABLE_TEXT[1] * 20)))
    jc = ppr.find(qn("w:jc"))
    if jc is not None:
        jc.addprevious(ind)
    else:
        ppr.append(ind)


# ---------------------------------------------------------------------------------------------
# tables


class Grid:
    """A bordered table with fixed column widths; rows are added with spans."""

    def __init__(self, doc, widths: list[int], *, borders: bool = True):
        assert sum(widths) <= TYPE_WIDTH, (sum(widths), TYPE_WIDTH)
        self.widths = widths
        self.table = doc.add_table(rows=0, cols=len(widths))
        tbl = self.table._tbl
        tblpr = tbl.tblPr
        if borders:
            sty = OxmlElement("w:tblStyle")
            sty.set(qn("w:val"), st.TABLE_GRID)
            tblpr.insert(0, sty)
        for el in tblpr.findall(qn("w:tblW")):
            tblpr.remove(el)
        tblw = OxmlElement("w:tblW")
        tblw.set(qn("w:w"), str(sum(widths)))
        tblw.set(qn("w:type"), "dxa")
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "center")
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tblpr.append(tblw)
        tblpr.append(jc)
        if not borders:
            b = OxmlElement("w:tblBorders")
            for e in ("top", "left", "bottom", "right", "insideH", "insideV"):
                x = OxmlElement(f"w:{e}")
                x.set(qn("w:val"), "nil")
                b.append(x)
            tblpr.append(b)
        tblpr.append(layout)
        look = tblpr.find(qn("w:tblLook"))
        if look is not None:
            tblpr.remove(look)
        grid = tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
            gc.set(qn("w:w"), str(w))
        self.rows = []

    def row(self, spans: list[int] | None = None, *, header: bool = False, cant_split: bool = True,
            min_height_tw: int | None = None):
        spans = spans or [1] * len(self.widths)
        assert sum(spans) == len(self.widths), spans
        row = self.table.add_row()
        cells = row.cells  # one lookup per row (python-docx Table.cell is quadratic)
        out, i = [], 0
        for span in spans:
            c = cells[i]
            if span > 1:
                c = c.merge(cells[i + span - 1])
            out.append(c)
            i += span
        for c in out:
            ooxml.set_cell_valign(c, "center")
        if header:
            ooxml.set_repeat_header(row)
        if cant_split:
            ooxml.set_cant_split(row)
        if min_height_tw:
            trpr = row._tr.get_or_add_trPr()
            h = OxmlElement("w:trHeight")
            h.set(qn("w:val"), str(min_height_tw))
            h.set(qn("w:hRule"), "atLeast")
            trpr.append(h)
        self.rows.append(row)
        return out

    def keep_together(self, first_row: int, last_row: int) -> None:
        """Rows first_row..last_row stay on one page (keep-with-next on all but the last)."""
        for row in self.rows[first_row:last_row]:
            for tc in row._tr.tc_lst:
                for p in tc.iter(qn("w:p")):
                    ppr = p.get_or_add_pPr()
                    if ppr.find(qn("w:keepNext")) is None:
                        ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, OxmlElement("w:keepNext"))

    def vmerge(self, first_row: int, last_row: int, col: int):
        """Merge a column's cells from first_row to last_row (indexes into self.rows)."""
        top = self.rows[first_row].cells[col]
        return top.merge(self.rows[last_row].cells[col])

    def finish(self) -> None:
        """Cell widths from the grid (Word and LibreOffice both read tcW)."""
        for tr in self.table._tbl.tr_lst:
            col = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                tcpr = tc.get_or_add_tcPr()
                w = tcpr.find(qn("w:tcW"))
                if w is None:
                    w = OxmlElement("w:tcW")
                    tcpr.insert(0, w)
                w.set(qn("w:w"), str(sum(self.widths[col: col + span])))
                w.set(qn("w:type"), "dxa")
                ooxml.sort_children(tcpr, ooxml.TCPR_ORDER)
                col += span
            trpr = tr.trPr
            if trpr is not None:
                ooxml.sort_children(trpr, ooxml.TRPR_ORDER)


def label_cell(cell, text: str, hint: str = "") -> None:
    para(cell, st.TABLE_LABEL, text, first=True)
    if hint:
        para(cell, st.TABLE_HINT, hint)


def number_cell(cell, *path) -> None:
    para(cell, st.TABLE_NUMBER, tag(*path), first=True)


def text_cell(cell, *path, indent: bool = False) -> None:
    p = para(cell, st.TABLE_TEXT, tag(*path), first=True)
    if indent:
        indent_first_line(p)


def split_hint(label: str) -> tuple[str, str]:
    """'X（需提供清单及佐证材料）' → ('X', '（需提供清单及佐证材料）'): the form prints the hint in the value cell."""
    for marker in ("（需提供", "（注："):
        i = label.rfind(marker)
        if i > 0 and label.endswith("）"):
            return label[:i], label[i:]
    return label, ""


def field(sec_key: str, key: str) -> kinds.Field:
    for f in section(sec_key).fields:
        if f.key == key:
            return f
    raise KeyError(f"{sec_key}.{key}")


def options_inline(cell, sec_key: str, f: kinds.Field, *, first: bool = True, tail: str = "") -> None:
    """□是　□否 … on one line."""
    pieces: list = []
    from ..present import options

    for i, (key, label) in enumerate(options(f)):
        if i:
            pieces.append("　　")
        pieces += [box(sec_key, f.key, key), label]
    if tail:
        pieces.append(tail)
    para(cell, st.TABLE_TEXT, *pieces, first=first)


def checkbox_cell(cell, sec_key: str, f: kinds.Checkboxes, *, first: bool = True, per_line: int = 1) -> None:
    """The options of a checkbox group, one per line (or `per_line` a line), then its note."""
    if f.intro:
        para(cell, st.TABLE_TEXT, f.intro, first=first)
        first = False
    opts = list(f.options)
    for i in range(0, len(opts), per_line):
        pieces: list = []
        for j, o in enumerate(opts[i: i + per_line]):
            if j:
                pieces.append("　")
            pieces += [box(sec_key, f.key, o.key), o.label]
        para(cell, st.TABLE_OPTION if per_line == 1 else st.TABLE_TEXT, *pieces, first=first)
        first = False
    if f.note:
        para(cell, st.TABLE_TEXT, f.note)


def heading(doc, sec_key: str, *, page_break: bool = False):
    p = para(doc, st.SECTION_HEADING, section(sec_key).heading)
    if page_break:
        set_ppr_flag(p, "w:pageBreakBefore")
    return p


# ---------------------------------------------------------------------------------------------
# the form, page by page

W4 = [3400, 1815, 1815, 1814]  # label + three years (二, 四)


def cover(doc) -> None:
    para(doc, st.COVER_LABEL, T.ATTACHMENT)
    para(doc, st.COVER_TITLE, T.TITLE)
    label_w = int(10 * S.COVER_FIELD[1] * 20) + 2 * 85 + 100  # 县级行政区划中小企业 on one line
    value_w = TYPE_WIDTH - label_w
    g = Grid(doc, [label_w, value_w], borders=False)
    rows = [
        (T.COVER_NAME, [tag("封面", "集群名称")]),
        (None, None),  # the hint line under the name
        (T.COVER_REGION, ["　", tag("封面", "所属地区", "市"), "　市　", tag("封面", "所属地区", "县"), "　县(市、区)"]),
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
        if label == T.COVER_AUTHORITY:  # two lines: 县级行政区划中小企业 / 主管部门(盖章)：
            cut = label.index("主管部门")
            p = para(lc, st.COVER_FIELD, label[:cut], first=True)
            p.add_run().add_break()
            p.add_run(label[cut:])
        else:
            para(lc, st.COVER_FIELD, label, first=True)
        ooxml.set_cell_valign(lc, "bottom")
        ooxml.set_cell_valign(vc, "bottom")
        ooxml.set_cell_border(vc, "bottom")  # the ruled line
        para(vc, st.COVER_FIELD, *pieces, first=True)
    g.finish()
    g.table._tbl.tblPr.find(qn("w:jc")).set(qn("w:val"), "center")
    foot = para(doc, st.COVER_FOOT, T.ISSUER)
    foot.paragraph_format.space_before = Twips(2500)


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
    g = Grid(doc, [3400, 2100, 1300, 2044])
    lc, vc = g.row([1, 3])
    label_cell(lc, T.BASIC_NAME.rstrip("："), T.BASIC_NAME_HINT)
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
    cells = g.row(spans, header=True)
    label_cell(cells[0], T.YEAR_HEADER)
    for c, y in zip(cells[1:], YEARS):
        para(c, st.TABLE_HEADER, f"{y}年", first=True)


def narrative_row(g: Grid, sec_key: str, key: str, spans: list[int]) -> None:
    f = field(sec_key, key)
    lc, vc = g.row(spans)
    label_cell(lc, f.label)
    text_cell(vc, sec_key, key, indent=True)


LONG_GROUP = 4  # a checkbox row with more options than this may break across pages (no big gaps)


def checkbox_row(g: Grid, sec_key: str, key: str, spans: list[int], per_line: int = 1) -> None:
    f = field(sec_key, key)
    lc, vc = g.row(spans, cant_split=len(f.options) <= LONG_GROUP)
    label_cell(lc, f.label)
    checkbox_cell(vc, sec_key, f, per_line=per_line)


def industry(doc) -> None:
    sk = "主导产业情况"
    heading(doc, sk)
    g = Grid(doc, W4)
    year_header(g)
    for f in section(sk).fields:
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
    g.finish()


def innovation(doc) -> None:
    sk = "创新能力情况"
    heading(doc, sk)
    sub = [700, 800, 800]
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
    label_cell(cells[0], f.label)
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
    g.keep_together(first, len(g.rows) - 1)
    # platforms by level: 数量：N 个 名称：…
    f = field(sk, "创新平台")
    first = len(g.rows)
    for level in PLATFORM_LEVELS:
        lc, sc, vc = g.row([1, 3, 6])
        if level == PLATFORM_LEVELS[0]:
            label_cell(lc, f.label)
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
    p = para(vc, st.TABLE_TEXT, tag(sk, f.key))
    indent_first_line(p)
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
    g.keep_together(first, len(g.rows) - 1)
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


def declaration(doc) -> None:
    sk = "真实性声明及推荐意见"
    heading(doc, sk, page_break=True)
    g = Grid(doc, [2000, TYPE_WIDTH - 2000])
    lc, vc = g.row(min_height_tw=S.DECLARATION_ROW_MIN_TW)
    ooxml.set_cell_valign(vc, "top")
    label_cell(lc, T.DECLARATION)
    p = para(vc, st.DECLARATION, T.PROMISE, first=True)
    indent_first_line(p)
    gap = S.SIGNATURE_GAP_LINES

    def blank(n: int) -> None:
        for _ in range(n):
            para(vc, st.DECLARATION, "")

    blank(gap)
    para(vc, st.DECLARATION, T.SIGNATURE)
    blank(gap)
    para(vc, st.DECLARATION, T.SEAL)
    blank(gap)
    d = para(vc, st.DECLARATION, T.DATE_LINE)
    d.alignment = 2  # right
    d.paragraph_format.right_indent = Twips(int(S.DECLARATION_TEXT[1] * 20 * 2))
    for par in vc.paragraphs + lc.paragraphs:
        par.paragraph_format.keep_with_next = True
    f = field(sk, "市级推荐意见")
    lc, vc = g.row(min_height_tw=S.RECOMMENDATION_ROW_MIN_TW)
    ooxml.set_cell_valign(vc, "top")
    label_cell(lc, f.label)
    p = para(vc, st.DECLARATION, tag(sk, "市级推荐意见"), first=True)
    indent_first_line(p)
    blank(gap + 1)
    s = para(vc, st.DECLARATION, T.RECOMMENDER_SEAL)
    s.alignment = 2
    s.paragraph_format.right_indent = Twips(int(S.DECLARATION_TEXT[1] * 20 * 6))
    blank(gap)
    d = para(vc, st.DECLARATION, T.DATE_LINE)
    d.alignment = 2
    d.paragraph_format.right_indent = Twips(int(S.DECLARATION_TEXT[1] * 20 * 2))
    g.finish()


def appendices(doc) -> None:
    for key in T.APPENDIX_TITLES:
        para(doc, st.NORMAL, "{{p " + ref("附表", key) + " }}")
    para(doc, st.NORMAL, "{{p 佐证材料清单 }}")
    end = para(doc, st.NORMAL, "")
    end.paragraph_format.line_spacing = Twips(20)


# ---------------------------------------------------------------------------------------------
# page setup, headers and footers


def _page(section) -> None:
    section.page_width = Twips(S.PAGE_WIDTH_TW)
    section.page_height = Twips(S.PAGE_HEIGHT_TW)
    section.top_margin = Twips(S.MARGIN_TOP_TW)
    section.bottom_margin = Twips(S.MARGIN_BOTTOM_TW)
    section.left_margin = Twips(S.MARGIN_LEFT_TW)
    section.right_margin = Twips(S.MARGIN_RIGHT_TW)
    section.footer_distance = Twips(S.FOOTER_DISTANCE_TW)
    section.header_distance = Twips(851)
    section.gutter = Twips(0)


def _draft_header(header) -> None:
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    set_style(p, st.HEADER)
    p.add_run("{{ 草稿 }}")


def _page_number(footer, odd: bool) -> None:
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    set_style(p, st.FOOTER)
    one_char = int(S.PAGE_NUMBER[1] * 20)
    if odd:
        p.alignment = 2
        p.paragraph_format.right_indent = Twips(one_char)
    else:
        p.alignment = 0
        p.paragraph_format.left_indent = Twips(one_char)
    p.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = p.add_run()
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r._r.append(fc)
        elif text == " PAGE ":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = text
            r._r.append(it)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r._r.append(t)
    p.add_run(" —")


def _empty_footer(footer) -> None:
    footer.is_linked_to_previous = False
    set_style(footer.paragraphs[0], st.FOOTER)


def _clean_package(doc) -> None:
    """Styles, theme, fonts and settings from docgen.settings; no Japanese defaults, no thumbnail."""
    styles_el = doc.styles.element
    for child in list(styles_el):
        styles_el.remove(child)
    new = parse_xml(st.styles_xml().encode("utf-8"))
    for child in list(new):
        styles_el.append(child)
    part = doc.part
    for rel in part.rels.values():
        if rel.reltype == RT.THEME:
            rel.target_part._blob = st.theme_xml().encode("utf-8")
        elif rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = st.font_table_xml().encode("utf-8")
    pkg = part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    for rid, rel in list(part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML or rel.reltype.endswith("/stylesWithEffects"):
            del part.rels[rid]
    settings_el = doc.settings.element
    for el in settings_el.iter(qn("w:themeFontLang")):
        el.set(qn("w:val"), "en-US")
        el.set(qn("w:eastAsia"), "zh-CN")
    for tagname in ("w:attachedTemplate", "w:rsids", "w:defaultTabStop"):
        for el in settings_el.findall(qn(tagname)):
            settings_el.remove(el)
    doc.settings.odd_and_even_pages_header_footer = True
    cp = doc.core_properties
    cp.author = S.CORE_AUTHOR
    cp.last_modified_by = S.CORE_AUTHOR
    cp.title = T.TITLE
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = cp.modified = _dt.datetime(2024, 1, 1)


def build_document():
    doc = Document()
    _clean_package(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _page(doc.sections[0])
    cover(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)  # the cover's sectPr moves into the last cover paragraph
    cover_section, main = doc.sections[0], doc.sections[1]
    _page(main)
    # the cover: draft header, no page number
    for h in (cover_section.header, cover_section.even_page_header):
        _draft_header(h)
    for f in (cover_section.footer, cover_section.even_page_footer):
        _empty_footer(f)
    # the form: draft header, — N — from 1, odd right / even left
    for h in (main.header, main.even_page_header):
        _draft_header(h)
    _page_number(main.footer, odd=True)
    _page_number(main.even_page_footer, odd=False)
    sectpr = main._sectPr
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    pgmar = sectpr.find(qn("w:pgMar"))
    pgmar.addnext(pg)
    instructions(doc)
    basic(doc)
    industry(doc)
    innovation(doc)
    digital(doc)
    green(doc)
    openness(doc)
    governance(doc)
    plan(doc)
    declaration(doc)
    appendices(doc)
    return doc


def build_template_bytes() -> bytes:
    """The template as deterministic bytes (what is committed in templates/)."""
    from ..writer import deterministic_docx

    doc = build_document()
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic_docx(buf.getvalue(), _dt.datetime(2024, 1, 1))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else REPO_TEMPLATES / S.TEMPLATE_FILE
    from ..writer import write_atomic

    write_atomic(out, build_template_bytes())
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
