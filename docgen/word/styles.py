"""The named styles of docgen's documents, their theme, font table and document grid.

Every printed paragraph uses one of these styles; the formatting roles of
docgen.settings (font, size, bold) become style properties here, once. Each style names
its East Asian font (w:eastAsia) and the document defaults are zh-CN. The styles are
written into templates/申报表模板.docx by the template tool; after that the template is
the source: a person may change any style in Word, and the build follows it.

Style ids are ASCII (what the XML refers to); names are what Word's style pane shows.
Normal is Word's built-in 正文.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import settings as S
from .schema import PPR, RPR, STYLE, ordered
from .xml import escape_attr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Paragraph style ids
NORMAL = "Normal"  # 正文: the body text, and the base of every other paragraph style
HEADER = "Header"
FOOTER = "Footer"
COVER_LABEL = "CoverLabel"
COVER_TITLE = "CoverTitle"
COVER_FIELD = "CoverField"
COVER_VALUE = "CoverValue"  # a value on the cover's ruled line
COVER_HINT = "CoverHint"
COVER_FOOT = "CoverFoot"
INSTRUCTIONS_TITLE = "InstructionsTitle"
INSTRUCTIONS_TEXT = "InstructionsText"
SECTION_HEADING = "SectionHeading"  # 一、基本情况 … 九: outline level 1
PLAN_NOTE = "PlanNote"
PLAN_BODY = NORMAL  # a paragraph of the plan is 正文 (first line indented two characters)
PLAN_HEADINGS = {1: "PlanHeading1", 2: "PlanHeading2", 3: "PlanHeading3", 4: "PlanHeading4"}
TOC_HEADING = "TOCHeading"
TOC_LEVELS = {1: "TOC1", 2: "TOC2", 3: "TOC3", 4: "TOC4"}
TABLE_TEXT = "TableText"
TABLE_LABEL = "TableLabel"
TABLE_HEADER = "TableHeader"
TABLE_NUMBER = "TableNumber"
TABLE_OPTION = "TableOption"  # a checkbox line: □ option, wrapped lines hang under the text
TABLE_HINT = "TableHint"  # notes inside the form's tables
TABLE_PARAGRAPH = "TableParagraph"  # a narrative in a cell: first line indented two characters
DECLARATION = "DeclarationText"
DECLARATION_PARAGRAPH = "DeclarationParagraph"  # the promise and the recommendation: indented
DECLARATION_SIGN = "DeclarationSign"  # …负责人（签字）：, …（公章）：: left, where the signature goes
DECLARATION_DATE = "DeclarationDate"  # 年 月 日, ending 4 字 from the right (GB/T 9704)
DECLARATION_SEAL = "DeclarationSeal"  # 推荐单位（公章）：, above its date
APPENDIX_LABEL = "AppendixLabel"  # 附表1
APPENDIX_TITLE = "AppendixTitle"  # the 附表's title: outline level 1
APPENDIX_NOTE = "AppendixNote"  # 集群名称：… under the title
APPENDIX_OF = "AppendixOf"  # （《山东省特色产业集群申报表》附表）
TARGET_TEXT = "TargetText"  # the target table of 八
TARGET_HEADER = "TargetHeader"
APPENDIX_TABLE_TEXT = "AppendixTableText"
APPENDIX_TABLE_HEADER = "AppendixTableHeader"
# Character and table styles
CHECKBOX = "CheckboxGlyph"
TABLE_GRID = "TableGrid"


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """One paragraph style: its text role and the paragraph layout that differs from its base."""

    style_id: str
    name: str
    role: S.Role  # font (always named: every style has its East Asian face), size, bold
    own_size: bool = True  # False: the size comes from the base style (e.g. plan headings from 正文)
    based_on: str | None = NORMAL
    align: str | None = None
    line_tw: int | None = None  # exact line height; None: the base's
    line_auto: bool = False  # single spacing (w:line 240 auto) instead of an exact height
    before_tw: int | None = None
    after_tw: int | None = None
    first_line_chars: int | None = 0  # first-line indent in characters; None: the base style's
    right_chars: int = 0  # right indent in characters
    hanging_tw: int | None = None
    keep_next: bool = False
    keep_lines: bool = False
    outline: int | None = None  # 0-based outline level: the navigation pane and TOC see it
    snap_to_grid: bool = False  # only the body follows the document grid
    color: str | None = None
    next_style: str | None = None

    def xml(self) -> str:
        spacing = ""
        if self.line_tw or self.line_auto or self.before_tw is not None or self.after_tw is not None:
            attrs = ""
            if self.before_tw is not None:
                attrs += f' w:before="{self.before_tw}"'
            if self.after_tw is not None:
                attrs += f' w:after="{self.after_tw}"'
            if self.line_auto:
                attrs += ' w:line="240" w:lineRule="auto"'
            elif self.line_tw:
                attrs += f' w:line="{self.line_tw}" w:lineRule="exact"'
            spacing = f"<w:spacing{attrs}/>"
        ind = ""
        if self.hanging_tw is not None:
            ind = f'<w:ind w:left="{self.hanging_tw}" w:hanging="{self.hanging_tw}"/>'
        elif self.first_line_chars is not None:
            chars = self.first_line_chars
            right = (f' w:rightChars="{self.right_chars * 100}" w:right="{round(self.right_chars * self.role.size_pt * 20)}"'
                     if self.right_chars else "")
            ind = (f'<w:ind{right} w:firstLineChars="{chars * 100}" w:firstLine="{round(chars * self.role.size_pt * 20)}"/>'
                   if chars else f'<w:ind{right} w:firstLineChars="0" w:firstLine="0"/>')
        ppr = ordered(PPR, {
            "keepNext": "<w:keepNext/>" if self.keep_next else "",
            "keepLines": "<w:keepLines/>" if self.keep_lines else "",
            "widowControl": '<w:widowControl w:val="0"/>' if self.style_id == NORMAL else "",
            "snapToGrid": "" if self.snap_to_grid else '<w:snapToGrid w:val="0"/>',
            "spacing": spacing,
            "ind": ind,
            "jc": f'<w:jc w:val="{self.align}"/>' if self.align else "",
            "outlineLvl": f'<w:outlineLvl w:val="{self.outline}"/>' if self.outline is not None else "",
        })
        default = ' w:default="1"' if self.style_id == NORMAL else ""
        body = ordered(STYLE, {
            "name": f'<w:name w:val="{escape_attr(self.name)}"/>',
            "basedOn": f'<w:basedOn w:val="{self.based_on}"/>' if self.based_on else "",
            "next": f'<w:next w:val="{self.next_style}"/>' if self.next_style else "",
            "uiPriority": '<w:uiPriority w:val="39"/>' if self.style_id in TOC_LEVELS.values() else "",
            "qFormat": "<w:qFormat/>",
            "pPr": f"<w:pPr>{ppr}</w:pPr>" if ppr else "",
            "rPr": role_rpr(self.role, color=self.color, size=self.own_size),
        })
        return f'<w:style w:type="paragraph"{default} w:styleId="{self.style_id}">{body}</w:style>'


def rfonts(font: S.Font) -> str:
    latin, east = escape_attr(font.latin), escape_attr(font.east_asia)
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>'


def half_points(pt: float) -> int:
    """w:sz: half-points, rounded half up (10.5 pt → 21)."""
    return int(pt * 2 + 0.5)


def role_rpr(role: S.Role, *, color: str | None = None, kern: bool = False, lang: bool = False,
             size: bool = True) -> str:
    """A role as run properties (style or document defaults); `size` False leaves the size to the base."""
    sz = half_points(role.size_pt) if size else None
    return "<w:rPr>" + ordered(RPR, {
        "rFonts": rfonts(role.font),
        "b": "<w:b/>" if role.bold else '<w:b w:val="0"/>',
        "bCs": "<w:bCs/>" if role.bold else '<w:bCs w:val="0"/>',
        "color": f'<w:color w:val="{color}"/>' if color else "",
        "kern": '<w:kern w:val="2"/>' if kern else "",
        "sz": f'<w:sz w:val="{sz}"/>' if sz else "",
        "szCs": f'<w:szCs w:val="{sz}"/>' if sz else "",
        "lang": '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' if lang else "",
    }) + "</w:rPr>"


def _table_line(role: S.Role) -> int:
    return round(role.size_pt * S.TABLE_LINE_FACTOR) * 20


def paragraph_styles() -> list[ParagraphStyle]:
    tt = S.TABLE_TEXT
    body_line = S.BODY_LINE_TW
    opt_indent = int(tt.size_pt * 20 * 1.25)
    P = ParagraphStyle
    plan_headings = [
        # 一、（一）1.（1）: the body's size and indent (公文), their own face; outline levels 2–5
        P(PLAN_HEADINGS[level], f"规划标题 {level}", role, own_size=False, align="left", first_line_chars=None,
          keep_next=True, keep_lines=True, outline=level, snap_to_grid=True, next_style=NORMAL)
        for level, role in ((1, S.HEADING_1), (2, S.HEADING_2), (3, S.HEADING_3), (4, S.HEADING_4))
    ]
    toc = [P(TOC_LEVELS[level], f"toc {level}", S.BODY, own_size=False, align="left",
             first_line_chars=2 * (level - 1), snap_to_grid=True, next_style=NORMAL)
           for level in TOC_LEVELS]
    return [
        P(NORMAL, "Normal", S.BODY, based_on=None, align="both", line_tw=body_line, before_tw=0, after_tw=0,
          first_line_chars=S.FIRST_LINE_INDENT_CHARS, snap_to_grid=True),
        P(HEADER, "header", S.DRAFT_MARK_STYLE, align="center", line_auto=True, color=S.DRAFT_MARK_COLOR),
        P(FOOTER, "footer", S.PAGE_NUMBER, line_auto=True),
        P(COVER_LABEL, "附件标注", S.COVER_LABEL, align="left"),
        P(COVER_TITLE, "封面标题", S.COVER_TITLE, align="center", line_auto=True, before_tw=1600, after_tw=1600),
        P(COVER_FIELD, "封面栏目", S.COVER_FIELD, align="left", line_auto=True),
        P(COVER_VALUE, "封面栏目值", S.COVER_VALUE, based_on=COVER_FIELD, align="left", line_auto=True),
        P(COVER_HINT, "封面提示", S.COVER_HINT, align="center", line_auto=True),
        P(COVER_FOOT, "封面落款", S.COVER_FOOT, align="center", before_tw=S.COVER_FOOT_BEFORE_TW),
        P(INSTRUCTIONS_TITLE, "填报说明标题", S.INSTRUCTIONS_TITLE, align="center", keep_next=True,
          line_tw=S.INSTRUCTIONS_LINE_SPACING_PT * 20, after_tw=240),
        P(INSTRUCTIONS_TEXT, "填报说明", S.INSTRUCTIONS_TEXT, align="both",
          line_tw=S.INSTRUCTIONS_LINE_SPACING_PT * 20, first_line_chars=2),
        P(SECTION_HEADING, "表格节标题", S.SECTION_HEADING, align="left", keep_next=True, keep_lines=True,
          before_tw=120, after_tw=60, outline=0, snap_to_grid=True),
        P(PLAN_NOTE, "字数说明", S.PLAN_SUBTITLE, align="center", keep_next=True),
        *plan_headings,
        P(TOC_HEADING, "TOC Heading", S.HEADING_1, align="center", keep_next=True, snap_to_grid=True,
          next_style=NORMAL),
        *toc,
        P(TABLE_TEXT, "表格文字", tt, align="both", line_tw=_table_line(tt)),
        P(TABLE_LABEL, "表格栏目", tt, own_size=False, based_on=TABLE_TEXT, align="center"),
        P(TABLE_HEADER, "表头", S.TABLE_HEADER, own_size=False, based_on=TABLE_TEXT, align="center", keep_next=True),
        P(TABLE_NUMBER, "表格数字", tt, own_size=False, based_on=TABLE_TEXT, align="center"),
        P(TABLE_OPTION, "勾选项", tt, own_size=False, based_on=TABLE_TEXT, align="left", hanging_tw=opt_indent),
        P(TABLE_HINT, "表格提示", S.TABLE_HINT, based_on=TABLE_TEXT, align="center", line_tw=_table_line(S.TABLE_HINT)),
        P(TABLE_PARAGRAPH, "表格段落", tt, own_size=False, based_on=TABLE_TEXT, first_line_chars=2),
        P(DECLARATION, "声明文字", S.DECLARATION_TEXT, based_on=TABLE_TEXT, align="both",
          line_tw=round(S.DECLARATION_TEXT.size_pt * 1.6 * 20)),
        P(DECLARATION_PARAGRAPH, "声明段落", S.DECLARATION_TEXT, own_size=False, based_on=DECLARATION,
          first_line_chars=2),
        # left: a justified line before a line break would be spread out
        P(DECLARATION_SIGN, "声明签字", S.DECLARATION_TEXT, own_size=False, based_on=DECLARATION, align="left",
          keep_lines=True),
        P(DECLARATION_DATE, "声明日期", S.DECLARATION_TEXT, own_size=False, based_on=DECLARATION, align="right",
          right_chars=S.DATE_RIGHT_CHARS),
        P(DECLARATION_SEAL, "推荐盖章", S.DECLARATION_TEXT, own_size=False, based_on=DECLARATION, align="right",
          right_chars=S.DATE_RIGHT_CHARS + 2),
        P(APPENDIX_LABEL, "附表标注", S.APPENDIX_LABEL, align="left", keep_next=True),
        P(APPENDIX_TITLE, "附表标题", S.APPENDIX_TITLE, align="center", keep_next=True,
          line_tw=round(S.BODY_LINE_TW * 1.3), after_tw=120, outline=0),
        P(APPENDIX_NOTE, "附表说明", tt, align="left", line_tw=_table_line(tt), after_tw=120, keep_next=True),
        P(APPENDIX_OF, "附表所属", S.APPENDIX_OF, align="center", keep_next=True, line_tw=body_line),
        P(APPENDIX_TABLE_TEXT, "附表文字", S.APPENDIX_TABLE_TEXT, based_on=TABLE_TEXT, align="center",
          line_tw=round(S.APPENDIX_TABLE_TEXT.size_pt * S.APPENDIX_LINE_FACTOR * 20)),
        P(APPENDIX_TABLE_HEADER, "附表表头", S.APPENDIX_TABLE_HEADER, own_size=False, based_on=APPENDIX_TABLE_TEXT,
          align="center", keep_next=True),
        P(TARGET_TEXT, "目标表文字", S.TARGET_TEXT, based_on=TABLE_TEXT, align="center",
          line_tw=_table_line(S.TARGET_TEXT)),
        P(TARGET_HEADER, "目标表表头", S.TARGET_HEADER, own_size=False, based_on=TARGET_TEXT, align="center",
          keep_next=True),
    ]


# The styles of the template's own pages (cover, 填报说明, 一–七 and 九): only the template's
# paragraphs use them, so a template may rename or drop them and still build.
FORM_PAGE_STYLES = frozenset({
    COVER_LABEL, COVER_TITLE, COVER_FIELD, COVER_VALUE, COVER_HINT, COVER_FOOT, INSTRUCTIONS_TITLE,
    INSTRUCTIONS_TEXT, SECTION_HEADING, TABLE_LABEL, TABLE_NUMBER, TABLE_OPTION, TABLE_HINT, TABLE_PARAGRAPH,
    DECLARATION, DECLARATION_PARAGRAPH, DECLARATION_SIGN, DECLARATION_DATE, DECLARATION_SEAL,
})


def style_names() -> dict[str, str]:
    """Style id → the name Word shows, for every style the generated parts (plan, 附表, 清单,
    target table, 目录) refer to: a template must have these."""
    names = {s.style_id: s.name for s in paragraph_styles() if s.style_id not in FORM_PAGE_STYLES}
    names[CHECKBOX] = "勾选框"
    names[TABLE_GRID] = "Table Grid"
    return names


def styles_xml() -> str:
    """word/styles.xml: document defaults (zh-CN, the body role), then every style."""
    tt = S.TABLE_TEXT
    borders = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    ck = S.CHECKBOX_FONT
    parts = [
        f'<w:styles xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
        f"<w:docDefaults><w:rPrDefault>{role_rpr(S.BODY, kern=True, lang=True)}</w:rPrDefault>",
        "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
        "</w:pPrDefault></w:docDefaults>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        f'<w:style w:type="table" w:styleId="{TABLE_GRID}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        f'<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="{_table_line(tt)}" w:lineRule="exact"/>'
        f'<w:jc w:val="left"/></w:pPr>{role_rpr(tt)}'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        *(s.xml() for s in paragraph_styles()),
        f'<w:style w:type="character" w:styleId="{CHECKBOX}"><w:name w:val="勾选框"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr>'
        f'<w:rFonts w:ascii="{ck.latin}" w:hAnsi="{ck.latin}" w:eastAsia="{ck.east_asia}" w:cs="{ck.latin}"/>'
        "</w:rPr></w:style>",
        "</w:styles>",
    ]
    return "".join(parts)


def doc_grid_xml() -> str:
    """The 公文 grid: 22 lines a page (line pitch = type area / 22).

    A line grid only: Word would also take a character grid (w:type="linesAndChars" with
    w:charSpace for 28 characters a line), but LibreOffice, which makes docgen's PDF, then
    spreads Chinese text to about half as many characters a line. The body's 28
    characters a line come from its size (三号 in 156 mm: 27.6, as most 公文 in Word)."""
    return f'<w:docGrid w:type="lines" w:linePitch="{S.BODY_LINE_TW}"/>'


def theme_xml() -> str:
    """A theme whose only fonts are the official ones (no Japanese script fonts)."""
    major, minor = S.HEI, S.FANGSONG

    def fonts(tag: str, f: S.Font) -> str:
        return (
            f'<a:{tag}><a:latin typeface="{escape_attr(f.latin)}"/><a:ea typeface="{escape_attr(f.east_asia)}"/>'
            f'<a:cs typeface="{escape_attr(f.latin)}"/><a:font script="Hans" typeface="{escape_attr(f.east_asia)}"/>'
            f"</a:{tag}>"
        )

    colors = (
        '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
        '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
        '<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>'
        '<a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2>'
        '<a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4>'
        '<a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6>'
        '<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink>'
    )
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="docgen">'
        f'<a:themeElements><a:clrScheme name="docgen">{colors}</a:clrScheme>'
        f'<a:fontScheme name="docgen">{fonts("majorFont", major)}{fonts("minorFont", minor)}</a:fontScheme>'
        f'<a:fmtScheme name="docgen"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst><a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def font_table_xml() -> str:
    """word/fontTable.xml naming the official faces only."""
    names: list[str] = []
    for f in (S.FANGSONG, S.SONG, S.HEI, S.KAI, S.XIAOBIAOSONG, S.CHECKBOX_FONT):
        for n in (f.east_asia, f.latin):
            if n not in names:
                names.append(n)
    body = "".join(
        f'<w:font w:name="{escape_attr(n)}"><w:charset w:val="{"86" if not n.isascii() else "00"}"/>'
        f'<w:family w:val="{"modern" if not n.isascii() else "roman"}"/><w:pitch w:val="variable"/></w:font>'
        for n in names
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}">{body}</w:fonts>'
    )
