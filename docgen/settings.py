"""Typographic settings in one place (formatting.md; *conventions* are marked).

Every renderer reads fonts, sizes and page geometry from here, so a house
style change is one edit.
"""
from __future__ import annotations

from dataclasses import dataclass

# 字号 names → points (formatting.md)
PT = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
}


@dataclass(frozen=True, slots=True)
class Font:
    """A typeface by its East Asian name, with the Latin face used beside it."""

    east_asia: str  # name Word knows on a Chinese Windows
    latin: str = "Times New Roman"  # convention: Latin letters and digits


@dataclass(frozen=True, slots=True)
class Role:
    """A formatting role: typeface, size in points, bold. Styles are written from roles."""

    font: Font
    size_pt: float
    bold: bool = False

    # (font, size, bold) unpacking and indexing, for callers written when roles were tuples
    def __iter__(self):
        return iter((self.font, self.size_pt, self.bold))

    def __getitem__(self, i: int):
        return (self.font, self.size_pt, self.bold)[i]


SONG = Font("宋体")
HEI = Font("黑体")
KAI = Font("楷体")
FANGSONG = Font("仿宋")
XIAOBIAOSONG = Font("方正小标宋简体")

# Roles: font, size in pt, bold
TITLE = Role(XIAOBIAOSONG, PT["二号"], False)  # 申报表 title on the cover
BODY = Role(FANGSONG, PT["三号"], False)  # plan body text
HEADING_1 = Role(HEI, PT["三号"], False)  # 一、
HEADING_2 = Role(KAI, PT["三号"], False)  # （一）
HEADING_3 = Role(FANGSONG, PT["三号"], True)  # 1.  (bold: convention, a common house style)
HEADING_4 = Role(FANGSONG, PT["三号"], False)  # （1）
SECTION_HEADING = Role(HEI, PT["三号"], False)  # 一、基本情况 above a table
TABLE_TEXT = Role(FANGSONG, PT["小四"], False)  # convention: 小四 keeps the long labels on few lines
TABLE_HEADER = Role(HEI, PT["小四"], False)
PAGE_NUMBER = Role(SONG, PT["四号"], False)
ATTACHMENT_LABEL = Role(HEI, PT["三号"], False)  # 附件1

# The 公文 document grid (GB/T 9704): 22 lines × 28 characters in the 156 × 225 mm type area.
GRID_LINES = 22
GRID_CHARS = 28
# Body line spacing: exactly one grid line (225 mm / 22 ≈ 28.95 pt), so the body keeps 22 lines a
# page in Word and in LibreOffice alike (exact spacing does not depend on grid snapping).
BODY_LINE_TW = (16838 - 2098 - 1984) // GRID_LINES  # 579 twips
BODY_LINE_SPACING_PT = BODY_LINE_TW / 20
TABLE_LINE_SPACING = 1.0  # single
FIRST_LINE_INDENT_CHARS = 2

# Page (GB/T 9704-2012), in twips (1/20 pt)
PAGE_WIDTH_TW = 11906  # 210 mm
PAGE_HEIGHT_TW = 16838  # 297 mm
MARGIN_TOP_TW = 2098  # 37 mm
MARGIN_BOTTOM_TW = 1984  # 35 mm
MARGIN_LEFT_TW = 1588  # 28 mm (binding side)
MARGIN_RIGHT_TW = 1474  # 26 mm
FOOTER_DISTANCE_TW = 1417  # 25 mm: the page number's 一字线 7 mm below the type area (GB/T 9704; 四号 line ≈ 6.4 mm)

CHECKED = "☑"  # U+2611
UNCHECKED = "□"  # U+25A1

# Free CJK faces that stand in for the official names in the LibreOffice PDF preview
FONT_SUBSTITUTES = {
    "宋体": "Noto Serif CJK SC",
    "SimSun": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "SimHei": "Noto Sans CJK SC",
    "楷体": "AR PL UKai CN",
    "KaiTi": "AR PL UKai CN",
    "楷体_GB2312": "AR PL UKai CN",
    "仿宋": "AR PL UMing CN",
    "FangSong": "AR PL UMing CN",
    "仿宋_GB2312": "AR PL UMing CN",
}


# --- Rendering of the 申报表 (docgen/render); added for issue 3 -------------------------------

# The cover (formatting.md: convention where the form does not say)
COVER_LABEL = ATTACHMENT_LABEL  # 附件2, top left
COVER_TITLE = TITLE  # 山东省特色产业集群申报表
COVER_FIELD = Role(FANGSONG, PT["三号"], False)  # the six fields' labels
COVER_VALUE = Role(FANGSONG, PT["四号"], False)  # their values on the ruled lines: a 20-字 name fits one line
COVER_HINT = Role(FANGSONG, PT["小四"], False)  # (XX市XX县(市、区)XX特色产业集群)
COVER_FOOT = Role(FANGSONG, PT["三号"], False)  # 山东省工业和信息化厅 制
COVER_FOOT_BEFORE_TW = 2500  # the issuer stands low on the cover page

# 填报说明 on its own page: 四号 with fixed 24 pt lines keeps the nine items on one page
INSTRUCTIONS_TITLE = Role(HEI, PT["三号"], False)
INSTRUCTIONS_TEXT = Role(FANGSONG, PT["四号"], False)
INSTRUCTIONS_LINE_SPACING_PT = 24

TABLE_HINT = Role(FANGSONG, PT["五号"], False)  # small hints inside a label cell
PLAN_SUBTITLE = Role(KAI, PT["三号"], False)  # （3000字以内） under the 八 heading

# The lists after the form (附表) and the 佐证材料清单
APPENDIX_LABEL = Role(HEI, PT["三号"], False)  # 附表1
APPENDIX_TITLE = Role(XIAOBIAOSONG, PT["三号"], False)  # 附表3　…清单 on one line
APPENDIX_OF = Role(KAI, PT["小四"], False)  # （《山东省特色产业集群申报表》附表）under the title
APPENDIX_TABLE_TEXT = Role(FANGSONG, PT["小五"], False)  # long lists: a patent's row on one or two lines
APPENDIX_TABLE_HEADER = Role(HEI, PT["小五"], False)
APPENDIX_LINE_FACTOR = 1.15  # 小五 on 10.4 pt lines: two-line rows stay compact
TARGET_TEXT = Role(FANGSONG, PT["五号"], False)  # target table of 八: a value with its unit fits its column
TARGET_HEADER = Role(HEI, PT["五号"], False)

# Checkbox glyphs are printed in one symbol face that has both □ and ☑ (convention: Segoe UI
# Symbol ships with every Windows since 7; the PDF preview maps it to DejaVu Sans), so the two
# states have the same size and never fall back to a box of another font.
CHECKBOX_FONT = Font("Segoe UI Symbol", latin="Segoe UI Symbol")

# Draft builds: every missing value shows this text, highlighted; every page says 草稿.
MISSING_TEXT = "【待填写：{label}】"
MISSING_HIGHLIGHT = "yellow"
DRAFT_MARK = "草稿——未填写完整，不得报送"
DRAFT_MARK_STYLE = Role(HEI, PT["小四"], True)
DRAFT_MARK_COLOR = "C00000"

# Signature and seal room in section 九 (a seal is ~42 mm across)
DECLARATION_ROW_MIN_TW = 6804  # 120 mm: promise text, 签字, 公章 and the date
RECOMMENDATION_ROW_MIN_TW = 4536  # 80 mm: the city's opinion, 公章 and the date
SIGNATURE_GAP_LINES = 2  # empty lines after 负责人(签字): and after (公章):

# Files
TEMPLATE_FILE = "申报表模板.docx"  # in templates/; `--template` takes an edited copy
OUTPUT_DOCX = "申报表.docx"
OUTPUT_PDF = "申报表.pdf"
CITY_FILE = "city.yaml"  # the city's file beside the application folders (docgen/city.py)
CORE_AUTHOR = "docgen"  # when a document has no author of its own (the template, a blank form)
WORD_COMPATIBILITY_MODE = 15  # Word 2013 and later: no 兼容模式 banner

# PDF through LibreOffice
SOFFICE_TIMEOUT_S = 240
EXTRA_FONT_SUBSTITUTES = {"Segoe UI Symbol": "DejaVu Sans"}  # the checkbox face, for the preview
DECLARATION_TEXT = Role(FANGSONG, PT["四号"], False)  # section 九: the promise, signature and seal lines
DATE_RIGHT_CHARS = 4  # GB/T 9704: a date under a seal ends 4 字 from the right


# --- 附件1 推荐汇总表 (docgen/summary.py) and the submission package; added for issue 5 ------

# A4 landscape. Margins (convention): the GB/T 9704 margins turned with the page, so the type
# area is the portrait one rotated (225 × 156 mm): top 28, bottom 26, left 37, right 35 mm.
SUMMARY_PAGE_WIDTH_TW = PAGE_HEIGHT_TW  # 297 mm
SUMMARY_PAGE_HEIGHT_TW = PAGE_WIDTH_TW  # 210 mm
SUMMARY_MARGIN_TOP_TW = 1588  # 28 mm
SUMMARY_MARGIN_BOTTOM_TW = 1474  # 26 mm
SUMMARY_MARGIN_LEFT_TW = 2098  # 37 mm
SUMMARY_MARGIN_RIGHT_TW = 1984  # 35 mm
SUMMARY_TITLE = "2024年度山东省特色产业集群推荐汇总表"
# Widths in mm of 序号 | 集群名称 | 集群运营管理机构 | 所在县（市、区） | 主导产业 | 集群成立时间;
# 集群简介 takes the rest of the 225 mm (≈ 90 mm, 23 五号 characters a line, a 300字 简介 in 13–14 lines).
SUMMARY_COLUMN_MM = (12, 28, 28, 23, 20, 24)
# Header cells broken where a narrow column would otherwise split a word
SUMMARY_HEADER_LINES = {"集群运营管理机构": "集群运营\n管理机构", "所在县（市、区）": "所在县\n（市、区）",
                        "集群成立时间": "集群成立\n时间", "集群简介（300字以内）": "集群简介（300字以内）"}
# Convention: a row is kept on one page (a 300字 简介 is ~60 mm high, far less than a page), so
# no row is cut in two; the header row repeats on each page.
SUMMARY_ROW_CANT_SPLIT = True
SUMMARY_XLSX_COLUMN_WIDTHS = (6, 24, 24, 12, 14, 12, 70)  # in characters, for city offices
SUMMARY_XLSX_BRIEF_CHARS_PER_LINE = 36

# The package: 正本 / 副本 marks in the top right corner of each 申报表 cover
COPY_MARK_STYLE = Role(HEI, PT["三号"], False)
COPY_MARK_ORIGINAL = "正本"
COPY_MARK_COPY = "副本"
COPY_MARK_TOP_TW = 1134  # 20 mm from the top of the page, inside the 37 mm top margin
COPY_COUNT = 2  # 正本1份、副本2份
# Table text: exact line height = this × font size (convention). "Single" spacing would follow the
# tallest face on each line, so lines with digits (Times New Roman's stand-in) grow in the PDF.
TABLE_LINE_FACTOR = 1.3
