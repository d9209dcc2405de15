"""`docgen summary DIR...`: the city's 附件1 2024年度山东省特色产业集群推荐汇总表.

One row per application, in the order given: 序号 | 集群名称 | 集群运营管理机构 | 所在县（市、区）|
主导产业 | 集群成立时间 | 集群简介（300字以内）. A4 landscape, `附件1` top left, the title centred,
the city's department and contact above the table (from city.yaml, docs/city.md). `--xlsx`
writes the same table as a spreadsheet beside the .docx.

Before anything is written every application must pass check, all must belong to one city, at
most four may be recommended (每个市择优推荐不超过4个集群) and no 集群名称 may repeat. `gather`
does these checks for `docgen package` too.
"""
from __future__ import annotations

import datetime as _dt
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import present, settings
from .briefing import BRIEF_LIMIT, Brief, BriefTooLong, brief_for
from .city import City, load_city, show, split_city_args
from .findings import Findings
from .model import Application, Loc
from .importer import load_any
from .pipeline import CLUSTER_FILE, load_application  # noqa: F401

MAX_CLUSTERS = 4  # 通知第二条：每个市择优推荐不超过4个集群
RULE_TEXT = "每个市择优推荐不超过4个集群"
DEFAULT_OUT = Path("build") / "汇总表.docx"

HEADERS = ("序号", "集群名称", "集群运营管理机构", "所在县（市、区）", "主导产业", "集群成立时间", "集群简介（300字以内）")


@dataclass(frozen=True)
class SummaryRow:
    number: int
    name: str  # 集群名称
    operator: str  # 集群运营管理机构
    county: str  # 所在县（市、区）
    industry: str  # 主导产业
    founded: str  # 集群成立时间, 2008年6月
    brief: Brief  # 集群简介

    def cells(self) -> tuple[str, ...]:
        return (str(self.number), self.name, self.operator, self.county, self.industry, self.founded, self.brief.text)


@dataclass
class Submission:
    """Applications that passed every check, with their 汇总表 rows and the city."""

    apps: list[Application]
    rows: list[SummaryRow]
    city: City
    notes: list[str] = field(default_factory=list)  # drafted 简介 notices

    @property
    def when(self) -> _dt.datetime:
        """The date recorded in the documents' properties: SOURCE_DATE_EPOCH, else the latest 申报时间."""
        from .writer import source_date_epoch

        epoch = source_date_epoch()
        if epoch is not None:
            return epoch
        dates = [a.get("封面.申报时间") for a in self.apps]
        dates = [d for d in dates if isinstance(d, _dt.date)]
        d = max(dates) if dates else _dt.date(2024, 1, 1)
        return _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.UTC)


def _loc(app: Application, *path: str) -> Loc:
    return app.loc(*path) or Loc(show(app.folder / CLUSTER_FILE), 1, 1)


def _where(loc: Loc) -> str:
    return f"{loc.file}:{loc.line}"


def _text(app: Application, dotted: str) -> str:
    return present.text(app.get(dotted), dotted.rsplit(".", 1)[-1])


def gather(args: list[Path], city_opt: Path | None, *, err: TextIO | None = None) -> tuple[Submission | None, int]:
    """Check everything the 汇总表 and the package need; print problems; (submission, exit code)."""
    err = err or sys.stderr
    folders, city_path, usage = split_city_args(list(args), city_opt)
    if usage:
        print(f"用法错误：{usage}", file=err)
        return None, 2
    if not folders:
        print("用法错误：请给出至少一个申报文件夹，例如 docgen summary content/example content/linxi", file=err)
        return None, 2

    findings = Findings()
    apps: list[Application] = []
    failed: list[Path] = []
    for folder in folders:
        app, f = load_any(folder)  # a folder, or a filled 申报表.docx imported in memory
        if app is None:
            findings.extend(f)
            failed.append(folder)
        else:
            apps.append(app)

    how = "" if city_opt is not None or any(a.name == "city.yaml" for a in args) else "（默认位置：第一个申报文件夹的上一级文件夹）"
    city = load_city(city_path, findings, how=how) if city_path is not None else None

    _cross_checks(apps, city, findings, total=len(folders))

    rows: list[SummaryRow] = []
    notes: list[str] = []
    if not findings.has_errors():
        for i, app in enumerate(apps, 1):
            row = _row(i, app, findings)
            if row is None:
                continue
            rows.append(row)
            if row.brief.drafted:
                at = show(app.folder / CLUSTER_FILE)
                notes.append(
                    f"提示：{at}：“{row.name}”未填写集群简介，已根据申报数据起草（{row.brief.words} 字）。"
                    f"请核对，并写入 {at} 的“汇总表: 集群简介:”：\n  {row.brief.text}"
                )

    if findings.has_errors():
        print(findings.format_text(), file=err)
        n = len(findings.errors)
        extra = f"；{len(failed)} 个申报文件夹未通过检查（可运行 docgen check 查看）" if failed else ""
        print(f"未生成：{n} 个错误{extra}。", file=err)
        return None, 1
    assert city is not None
    return Submission(apps, rows, city, notes), 0


def _cross_checks(apps: list[Application], city: City | None, findings: Findings, total: int) -> None:
    # One city: the city file's 所属市 when written, else the first application's.
    ref_city, ref_where = None, ""
    if city is not None and city.name:
        ref_city, ref_where = city.name, f"市级信息文件 {_where(city.locs['所属市'])}"
    elif apps:
        ref_city = apps[0].get("封面.所属市")
        ref_where = f"“{apps[0].get('封面.集群名称')}”（{_where(_loc(apps[0], '封面', '所属市'))}）"
    for app in apps:
        c = app.get("封面.所属市")
        if ref_city is not None and c != ref_city:
            at = _loc(app, "封面", "所属市")
            findings.error(
                at.file, at.line, at.col,
                f"“{app.get('封面.集群名称')}”属于{c}，而{ref_where}属于{ref_city}；"
                f"一份汇总表只能汇总同一个市推荐的集群，请分市生成",
                "summary-other-city",
            )
    # At most four.
    if total > MAX_CLUSTERS:
        extra = apps[MAX_CLUSTERS:] if len(apps) > MAX_CLUSTERS else []
        at = _loc(extra[0], "封面", "集群名称") if extra else Loc("汇总表", 1, 1)
        findings.error(
            at.file, at.line, at.col,
            f"共给出 {total} 个集群，超过通知的规定：{RULE_TEXT}；请删去 {total - MAX_CLUSTERS} 个",
            "summary-too-many",
        )
    # No duplicate 集群名称.
    seen: dict[str, Application] = {}
    for app in apps:
        name = app.get("封面.集群名称")
        if name in seen:
            at = _loc(app, "封面", "集群名称")
            first = _loc(seen[name], "封面", "集群名称")
            same = seen[name].folder.resolve() == app.folder.resolve()
            why = "重复：同一个申报文件夹给出了两次" if same else f"与 {_where(first)} 重复"
            findings.error(at.file, at.line, at.col,
                           f"集群名称“{name}”{why}；同一集群只能推荐一次", "summary-duplicate")
        else:
            seen[name] = app


def _row(number: int, app: Application, findings: Findings) -> SummaryRow | None:
    try:
        brief = brief_for(app)
    except BriefTooLong as e:
        at = _loc(app, "汇总表")
        findings.error(
            at.file, at.line, at.col,
            f"未填写集群简介，按申报数据起草的简介也有 {e.words} 字，超过 {BRIEF_LIMIT} 字；"
            f"请在“汇总表: 集群简介:”中写出 {BRIEF_LIMIT} 字以内的简介",
            "summary-brief-long",
        )
        return None
    if brief.words > BRIEF_LIMIT:  # check refuses this already; kept as a guard
        at = _loc(app, "汇总表", "集群简介")
        findings.error(at.file, at.line, at.col,
                       f"集群简介共 {brief.words} 字，超过 {BRIEF_LIMIT} 字（按 Word 字数统计）；请删减 {brief.words - BRIEF_LIMIT} 字",
                       "summary-brief-long")
        return None
    return SummaryRow(
        number=number,
        name=_text(app, "封面.集群名称"),
        operator=_text(app, "基本情况.集群运营管理机构.名称"),
        county=_text(app, "封面.所属县"),
        industry=_text(app, "汇总表.主导产业"),
        founded=present.month(app.get("汇总表.集群成立时间"), "集群成立时间"),
        brief=brief,
    )


# --- the .docx ---------------------------------------------------------------------------------


def _tw(mm: float) -> int:
    return round(mm * 1440 / 25.4)


# the template's paragraph styles (templates/汇总表模板.docx): fonts, sizes and spacing are set
# there, editable in Word; this module adds no direct font or size
LABEL_STYLE = "附件标注"
TITLE_STYLE = "汇总表标题"
HEAD_STYLE = "汇总表表头信息"
TABLE_HEADER_STYLE = "汇总表栏目"
TABLE_TEXT_STYLE = "汇总表文字"
BRIEF_STYLE = "汇总表简介"


def build_docx(sub: Submission) -> bytes:
    """The 汇总表 as deterministic .docx bytes."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    from .docbase import SUMMARY_TEMPLATE, finish_docx, open_template, type_width
    from .word import elements

    # the page (A4 landscape, margins), page numbers and styles are the template's, editable in Word
    doc = open_template(SUMMARY_TEMPLATE, (LABEL_STYLE, TITLE_STYLE, HEAD_STYLE, TABLE_HEADER_STYLE,
                                           TABLE_TEXT_STYLE, BRIEF_STYLE))
    doc.add_paragraph("附件1", style=LABEL_STYLE)
    doc.add_paragraph(style=LABEL_STYLE)
    doc.add_paragraph(settings.SUMMARY_TITLE, style=TITLE_STYLE)
    # the notice's labels and the city's values in runs of their own, as the form prints them
    p = doc.add_paragraph("市级中小企业主管部门：", style=HEAD_STYLE)
    p.add_run(sub.city.department)
    p.add_run("（盖章）")
    p = doc.add_paragraph("联系人和手机：", style=HEAD_STYLE)
    p.add_run(sub.city.contact_line)
    p.paragraph_format.space_after = Pt(6)

    widths = _column_widths(type_width(doc))
    table = doc.add_table(rows=1 + len(sub.rows), cols=len(HEADERS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    elements.set_table_borders(table)
    fixed_widths(table, widths)

    rows = table.rows  # fetched once (python-docx rebuilds the grid on each Table.cell())
    header = rows[0]
    elements.set_repeat_header(header)
    elements.set_cant_split(header)
    for cell, text, w in zip(header.cells, HEADERS, widths):
        _fill(cell, settings.SUMMARY_HEADER_LINES.get(text, text), TABLE_HEADER_STYLE, w)
    styles = [TABLE_TEXT_STYLE] * 6 + [BRIEF_STYLE]  # justify stretches a line before a number
    for row, data in zip(rows[1:], sub.rows):
        if settings.SUMMARY_ROW_CANT_SPLIT:
            elements.set_cant_split(row)
        for cell, text, w, style in zip(row.cells, data.cells(), widths, styles):
            _fill(cell, text, style, w)
    # python-docx leaves a paragraph after the table; keep it tiny so no blank page follows
    last = doc.add_paragraph()
    last.paragraph_format.space_after = Pt(0)
    last.paragraph_format.line_spacing = Pt(2)
    return finish_docx(doc, title=settings.SUMMARY_TITLE, subject="附件1", author=sub.city.department,
                       when=sub.when)


def fixed_widths(table, widths: list[int]) -> None:
    """A fixed-layout table with these column widths (twips): the grid, the table width, no autofit."""
    from docx.oxml.ns import qn

    from .word import elements

    table.autofit = False
    tblw = elements.get_or_add(elements.element(table).tblPr, "w:tblW")
    tblw.set(qn("w:w"), str(sum(widths)))
    tblw.set(qn("w:type"), "dxa")
    elements.get_or_add(elements.element(table).tblPr, "w:tblLayout").set(qn("w:type"), "fixed")
    for gc, w in zip(elements.element(table).tblGrid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(w))


def _column_widths(total: int) -> list[int]:
    """Column widths in twips: the named ones from settings, the 简介 takes the rest of `total`."""
    fixed = [_tw(mm) for mm in settings.SUMMARY_COLUMN_MM]
    return fixed + [total - sum(fixed)]


def _fill(cell, text: str, style: str, width: int) -> None:
    from .word import elements

    elements.set_cell_width(cell, width)
    elements.set_cell_valign(cell, "center")
    p = cell.paragraphs[0]
    p.style = style
    first, *rest = text.split("\n")
    run = p.add_run(first)
    for line in rest:  # the header's two lines: a line break in one run
        run.add_break()
        run.add_text(line)


def _deterministic(entries: dict[str, bytes], when: _dt.datetime) -> bytes:
    from .writer import deterministic_zip, fix_core_properties

    if "docProps/core.xml" in entries:
        entries["docProps/core.xml"] = fix_core_properties(entries["docProps/core.xml"], when)
    return deterministic_zip(entries)


# --- the .xlsx ---------------------------------------------------------------------------------


def build_xlsx(sub: Submission) -> bytes:
    """The same table as a spreadsheet: title and the two header lines above it, widths, wrap."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ncol = len(HEADERS)
    last = get_column_letter(ncol)
    body_font = Font(name=settings.FANGSONG.east_asia, size=11)
    head_font = Font(name=settings.HEI.east_asia, size=11)
    wrap_center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    ws["A1"] = "附件1"
    ws["A1"].font = Font(name=settings.HEI.east_asia, size=14)
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = settings.SUMMARY_TITLE
    ws["A2"].font = Font(name=settings.XIAOBIAOSONG.east_asia, size=18)
    ws["A2"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[2].height = 36
    ws.merge_cells(f"A3:{last}3")
    ws["A3"] = f"市级中小企业主管部门：{sub.city.department}（盖章）"
    ws.merge_cells(f"A4:{last}4")
    ws["A4"] = f"联系人和手机：{sub.city.contact_line}"
    for ref in ("A3", "A4"):
        ws[ref].font = Font(name=settings.FANGSONG.east_asia, size=12)
        ws[ref].alignment = Alignment(horizontal="left", vertical="center")

    top = 5
    for c, text in enumerate(HEADERS, 1):
        cell = ws.cell(row=top, column=c, value=text)
        cell.font = head_font
        cell.alignment = wrap_center
        cell.border = box
    for r, data in enumerate(sub.rows, top + 1):
        for c, text in enumerate(data.cells(), 1):
            value: object = data.number if c == 1 else text
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text as written: "=HYPERLINK(…)" must never become a live formula
            cell.font = body_font
            cell.alignment = wrap_left if c == ncol else wrap_center
            cell.border = box
        # wrapped rows do not grow by themselves in every spreadsheet program: set a height
        lines = max(1, -(-data.brief.words // settings.SUMMARY_XLSX_BRIEF_CHARS_PER_LINE))
        ws.row_dimensions[r].height = max(30, 15 * lines)
    for c, width in enumerate(settings.SUMMARY_XLSX_COLUMN_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.print_title_rows = f"{top}:{top}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = ws.cell(row=top + 1, column=1)

    when = sub.when.replace(tzinfo=None)
    wb.properties.creator = settings.CORE_AUTHOR
    wb.properties.lastModifiedBy = settings.CORE_AUTHOR
    wb.properties.created = when
    wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin:
        entries = {i.filename: zin.read(i) for i in zin.infolist() if not i.is_dir()}
    return _deterministic(entries, sub.when)


# --- the command -------------------------------------------------------------------------------


def resolve_out(out: Path | None) -> Path:
    from .writer import docx_target

    return docx_target(out, DEFAULT_OUT)


def write_summary(sub: Submission, out: Path, *, xlsx: bool = False) -> list[Path]:
    from .writer import write_atomic

    written = [out]
    data = build_docx(sub)
    xdata = build_xlsx(sub) if xlsx else None
    write_atomic(out, data)
    if xdata is not None:
        xout = out.with_suffix(".xlsx")
        write_atomic(xout, xdata)
        written.append(xout)
    return written


def run_summary(folders: list[Path], *, out: Path | None = None, xlsx: bool = False,
                city: Path | None = None) -> int:
    try:
        target = resolve_out(out)
    except ValueError as e:
        print(f"用法错误：{e}", file=sys.stderr)
        return 2
    sub, code = gather(list(folders), city)
    if sub is None:
        return code
    for note in sub.notes:
        print(note, file=sys.stderr)
    from .docbase import TemplateMissing

    try:
        written = write_summary(sub, target, xlsx=xlsx)
    except TemplateMissing as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    except OSError as e:
        from .writer import write_error_message

        print(write_error_message(e, target), file=sys.stderr)
        return 1
    names = "、".join(show(p) for p in written)
    print(f"已生成附件1 推荐汇总表（{len(sub.rows)} 个集群）：{names}", file=sys.stderr)
    return 0
