"""佐证材料清单.docx: the application's evidence files, one row each, from
templates/佐证材料清单模板.docx (page numbers, styles editable in Word). The rows' content is
docgen/evidence_list.py's.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Application

if TYPE_CHECKING:
    from .package import EvidenceItem

EVIDENCE_DIR = "佐证材料"

# the template's paragraph styles (templates/佐证材料清单模板.docx), editable in Word
TITLE_STYLE = "清单标题"
NAME_STYLE = "清单集群名称"
TABLE_HEADER_STYLE = "清单栏目"
TABLE_TEXT_STYLE = "清单文字"
NUMBER_STYLE = "清单序号"
CELL_PADDING_TW = 28  # above and below a cell's text: the lines are exact, so glyphs would touch the rules


def build_evidence_list(app: Application, items: list["EvidenceItem"]) -> bytes:
    """佐证材料清单.docx from templates/佐证材料清单模板.docx: 序号 | 文件 | 证明内容, page numbers."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn

    from .build import build_time
    from .docbase import EVIDENCE_TEMPLATE, finish_docx, open_template, type_width
    from .summary import fixed_widths
    from .word import elements

    doc = open_template(EVIDENCE_TEMPLATE, (TITLE_STYLE, NAME_STYLE, TABLE_HEADER_STYLE, TABLE_TEXT_STYLE,
                                            NUMBER_STYLE))
    name = str(app.get("封面.集群名称"))
    doc.add_paragraph("佐证材料清单", style=TITLE_STYLE)
    doc.add_paragraph(name, style=NAME_STYLE)
    widths = [700, 3300]
    widths.append(type_width(doc) - sum(widths))
    headers = ("序号", f"文件（{EVIDENCE_DIR}/）", "证明内容")
    table = doc.add_table(rows=1 + max(1, len(items)), cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    elements.set_table_borders(table)
    fixed_widths(table, widths)
    margins = elements.get_or_add(elements.element(table).tblPr, "w:tblCellMar")
    for edge in ("top", "bottom"):
        el = elements.get_or_add(margins, f"w:{edge}")
        el.set(qn("w:w"), str(CELL_PADDING_TW))
        el.set(qn("w:type"), "dxa")
    rows = table.rows
    elements.set_repeat_header(rows[0])

    def fill(cell, text: str, style: str, w: int) -> None:
        elements.set_cell_width(cell, w)
        elements.set_cell_valign(cell, "center")
        p = cell.paragraphs[0]
        p.style = style
        p.add_run(text)

    for cell, text, w in zip(rows[0].cells, headers, widths):
        fill(cell, text, TABLE_HEADER_STYLE, w)
    if not items:
        for cell, w in zip(rows[1].cells, widths):
            fill(cell, "无", NUMBER_STYLE, w)
    for row, item in zip(rows[1:], items):
        elements.set_cant_split(row)
        c = row.cells
        fill(c[0], str(item.number), NUMBER_STYLE, widths[0])
        fill(c[1], item.name, TABLE_TEXT_STYLE, widths[1])
        fill(c[2], item.statement, TABLE_TEXT_STYLE, widths[2])
    county = str(app.get("基本情况.县级中小企业主管部门.名称"))
    return finish_docx(doc, title=f"佐证材料清单：{name}", subject="山东省特色产业集群申报表 佐证材料清单",
                       author=county, when=build_time(app))
