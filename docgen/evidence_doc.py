"""佐证材料清单.docx: the application's evidence files, one row each, from
templates/佐证材料清单模板.docx (page numbers, styles editable in Word). The rows' content is
docgen/evidence_list.py's.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import settings
from .model import Application

if TYPE_CHECKING:
    from .package import EvidenceItem

EVIDENCE_DIR = "佐证材料"


def build_evidence_list(app: Application, items: list["EvidenceItem"]) -> bytes:
    """佐证材料清单.docx from templates/佐证材料清单模板.docx: 序号 | 文件 | 证明内容, page numbers."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from .word import elements
    from .docbase import EVIDENCE_TEMPLATE, finish_docx, open_template
    from .build import build_time
    from .summary import fixed_widths

    doc = open_template(EVIDENCE_TEMPLATE)
    name = str(app.get("封面.集群名称"))

    def para(text: str, role: tuple, align=None, after: float = 0):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(after)
        if align is not None:
            p.alignment = align
        elements.add_run(p, text, role)
        return p

    para("佐证材料清单", settings.APPENDIX_TITLE, WD_ALIGN_PARAGRAPH.CENTER, 6)
    para(name, settings.HEADING_2, WD_ALIGN_PARAGRAPH.CENTER, 12)
    total = settings.PAGE_WIDTH_TW - settings.MARGIN_LEFT_TW - settings.MARGIN_RIGHT_TW
    widths = [700, 3300]
    widths.append(total - sum(widths))
    headers = ("序号", f"文件（{EVIDENCE_DIR}/）", "证明内容")
    table = doc.add_table(rows=1 + max(1, len(items)), cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    elements.set_table_borders(table)
    fixed_widths(table, widths)
    rows = table.rows
    elements.set_repeat_header(rows[0])

    def fill(cell, text: str, role: tuple, w: int, align) -> None:
        elements.set_cell_width(cell, w)
        elements.set_cell_valign(cell, "center")
        p = cell.paragraphs[0]
        p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        # exact lines, as the 申报表's tables: "single" follows each face's own metrics, and
        # the CJK stand-ins of the PDF preview set lines of pure Chinese too tight
        p.paragraph_format.line_spacing = Pt(role[1] * settings.TABLE_LINE_FACTOR)
        elements.add_run(p, text, role)

    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    for cell, text, w in zip(rows[0].cells, headers, widths):
        fill(cell, text, settings.APPENDIX_TABLE_HEADER, w, center)
    if not items:
        for cell, w in zip(rows[1].cells, widths):
            fill(cell, "无", settings.APPENDIX_TABLE_TEXT, w, center)
    for row, item in zip(rows[1:], items):
        elements.set_cant_split(row)
        c = row.cells
        fill(c[0], str(item.number), settings.APPENDIX_TABLE_TEXT, widths[0], center)
        fill(c[1], item.name, settings.APPENDIX_TABLE_TEXT, widths[1], left)
        fill(c[2], item.statement, settings.APPENDIX_TABLE_TEXT, widths[2], left)
    county = str(app.get("基本情况.县级中小企业主管部门.名称"))
    return finish_docx(doc, title=f"佐证材料清单：{name}", subject="山东省特色产业集群申报表 佐证材料清单",
                       author=county, when=build_time(app))
