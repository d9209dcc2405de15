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


@dataclass(frozen=True)
class Font:
    east_asia: str  # name Word knows on a Chinese Windows
    latin: str = "Times New Roman"  # convention: Latin letters and digits


SONG = Font("宋体")
HEI = Font("黑体")
KAI = Font("楷体")
FANGSONG = Font("仿宋")
XIAOBIAOSONG = Font("方正小标宋简体")

# Roles → (font, size in pt, bold)
TITLE = (XIAOBIAOSONG, PT["二号"], False)  # 申报表 title on the cover
BODY = (FANGSONG, PT["三号"], False)  # plan body text
HEADING_1 = (HEI, PT["三号"], False)  # 一、
HEADING_2 = (KAI, PT["三号"], False)  # （一）
HEADING_3 = (FANGSONG, PT["三号"], True)  # 1.  (bold: convention, a common house style)
HEADING_4 = (FANGSONG, PT["三号"], False)  # （1）
SECTION_HEADING = (HEI, PT["三号"], False)  # 一、基本情况 above a table
TABLE_TEXT = (FANGSONG, PT["小四"], False)  # convention: 小四 keeps the long labels on few lines
TABLE_HEADER = (HEI, PT["小四"], False)
PAGE_NUMBER = (SONG, PT["四号"], False)
ATTACHMENT_LABEL = (HEI, PT["三号"], False)  # 附件1

# Body line spacing: fixed 28 pt (formatting.md: the common approximation of 22 lines a page)
BODY_LINE_SPACING_PT = 28
TABLE_LINE_SPACING = 1.0  # single
FIRST_LINE_INDENT_CHARS = 2

# Page (GB/T 9704-2012), in twips (1/20 pt)
PAGE_WIDTH_TW = 11906  # 210 mm
PAGE_HEIGHT_TW = 16838  # 297 mm
MARGIN_TOP_TW = 2098  # 37 mm
MARGIN_BOTTOM_TW = 1984  # 35 mm
MARGIN_LEFT_TW = 1588  # 28 mm (binding side)
MARGIN_RIGHT_TW = 1474  # 26 mm
FOOTER_DISTANCE_TW = 1587  # page number ~7 mm below the type area (35 mm − 7 mm = 28 mm)

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
