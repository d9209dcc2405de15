"""The template's styles, theme fonts, font table and settings, written from docgen.settings.

python-docx's default template names MS Mincho (ＭＳ 明朝) in its theme and Japanese in its
settings; none of that survives here: every style, the document defaults and the theme's
major/minor East Asian fonts name the official Chinese faces (formatting.md).
"""
from __future__ import annotations

from .. import settings as S

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def quoteattr(value: str) -> str:
    """An XML attribute value with its quotes, as xml.sax.saxutils.quoteattr writes it
    (that module imports urllib.request, http and email: ~20 ms of every build)."""
    value = value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))


def _half_points(pt: float) -> int:
    return int(round(pt * 2))


def rfonts(font: S.Font) -> str:
    return (
        f"<w:rFonts w:ascii={quoteattr(font.latin)} w:hAnsi={quoteattr(font.latin)} "
        f"w:eastAsia={quoteattr(font.east_asia)} w:cs={quoteattr(font.latin)} w:hint=\"eastAsia\"/>"
    )


def rpr(role: tuple, *, color: str | None = None, kern: bool = False, lang: bool = False) -> str:
    """A run-properties element in schema order (rFonts, b, color, kern, sz, lang)."""
    font, size, bold = role
    b = "<w:b/><w:bCs/>" if bold else "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"
    c = f'<w:color w:val="{color}"/>' if color else ""
    k = '<w:kern w:val="2"/>' if kern else ""
    sz = _half_points(size)
    lg = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' if lang else ""
    return f"<w:rPr>{rfonts(font)}{b}{c}{k}<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>{lg}</w:rPr>"


def ppr(*, keep_next: bool = False, keep_lines: bool = False, spacing: str = "", ind: str = "",
        jc: str | None = None, outline: int | None = None) -> str:
    """Paragraph properties in schema order."""
    out = []
    if keep_next:
        out.append("<w:keepNext/>")
    if keep_lines:
        out.append("<w:keepLines/>")
    out.append('<w:widowControl w:val="0"/>')
    out.append(spacing)
    out.append(ind)
    if jc:
        out.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        out.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "".join(out)


def _spacing(line_pt: float | None = None, *, before: int = 0, after: int = 0, exact: bool = True) -> str:
    if line_pt is None:
        return f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
    rule = "exact" if exact else "atLeast"
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{int(line_pt * 20)}" w:lineRule="{rule}"/>'


def _pstyle(sid: str, name: str, role: tuple, ppr_: str = "", *, based: str = "Normal",
            color: str | None = None, next_: str | None = None, default: bool = False) -> str:
    d = ' w:default="1"' if default else ""
    b = f'<w:basedOn w:val="{based}"/>' if based else ""
    n = f'<w:next w:val="{next_}"/>' if next_ else ""
    return (
        f'<w:style w:type="paragraph"{d} w:styleId="{sid}"><w:name w:val={quoteattr(name)}/>{b}{n}'
        f"<w:qFormat/><w:pPr>{ppr_}</w:pPr>{rpr(role, color=color)}</w:style>"
    )


# Paragraph style ids used by the template (names are what Word shows)
NORMAL = "Normal"
HEADER = "Header"
FOOTER = "Footer"
COVER_LABEL = "CoverLabel"
COVER_TITLE = "CoverTitle"
COVER_FIELD = "CoverField"
COVER_HINT = "CoverHint"
COVER_FOOT = "CoverFoot"
INSTRUCTIONS_TITLE = "InstructionsTitle"
INSTRUCTIONS_TEXT = "InstructionsText"
SECTION_HEADING = "SectionHeading"
PLAN_NOTE = "PlanNote"
TABLE_TEXT = "TableText"
TABLE_LABEL = "TableLabel"
TABLE_HEADER = "TableHeader"
TABLE_NUMBER = "TableNumber"
TABLE_OPTION = "TableOption"
TABLE_HINT = "TableHint"
DECLARATION = "DeclarationText"
CHECKBOX = "CheckboxGlyph"  # character style
TABLE_GRID = "TableGrid"

_TW_PER_PT = 20


def styles_xml() -> str:
    tt = S.TABLE_TEXT
    single = _spacing(None)
    table_line = _spacing(round(tt[1] * S.TABLE_LINE_FACTOR))
    hint_line = _spacing(round(S.TABLE_HINT[1] * S.TABLE_LINE_FACTOR))
    opt_indent = int(tt[1] * _TW_PER_PT * 1.25)
    decl_size = S.DECLARATION_TEXT[1]
    instr_size = S.INSTRUCTIONS_TEXT[1]
    body_ppr = ppr(spacing=_spacing(S.BODY_LINE_SPACING_PT), jc="both")
    borders = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f'<w:styles xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
        f"<w:docDefaults><w:rPrDefault>{rpr(S.BODY, kern=True, lang=True)}</w:rPrDefault>",
        f"<w:pPrDefault><w:pPr>{body_ppr}</w:pPr></w:pPrDefault></w:docDefaults>",
        f'<w:style w:type="paragraph" w:default="1" w:styleId="{NORMAL}"><w:name w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{body_ppr}</w:pPr>{rpr(S.BODY)}</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        f'<w:style w:type="table" w:styleId="{TABLE_GRID}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        f"<w:pPr>{ppr(spacing=table_line, jc='left')}</w:pPr>{rpr(tt)}"
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        _pstyle(HEADER, "header", S.DRAFT_MARK_STYLE, ppr(spacing=single, jc="center"), color=S.DRAFT_MARK_COLOR),
        _pstyle(FOOTER, "footer", S.PAGE_NUMBER, ppr(spacing=single)),
        _pstyle(COVER_LABEL, "附件标注", S.COVER_LABEL, ppr(spacing=_spacing(S.BODY_LINE_SPACING_PT), jc="left")),
        _pstyle(COVER_TITLE, "封面标题", S.COVER_TITLE, ppr(spacing=_spacing(None, before=1600, after=1600), jc="center")),
        _pstyle(COVER_FIELD, "封面栏目", S.COVER_FIELD, ppr(spacing=single, jc="left")),
        _pstyle(COVER_HINT, "封面提示", S.COVER_HINT, ppr(spacing=single, jc="center")),
        _pstyle(COVER_FOOT, "封面落款", S.COVER_FOOT, ppr(spacing=_spacing(S.BODY_LINE_SPACING_PT), jc="center")),
        _pstyle(INSTRUCTIONS_TITLE, "填报说明标题", S.INSTRUCTIONS_TITLE,
                ppr(keep_next=True, spacing=_spacing(S.INSTRUCTIONS_LINE_SPACING_PT, after=240), jc="center")),
        _pstyle(INSTRUCTIONS_TEXT, "填报说明", S.INSTRUCTIONS_TEXT,
                ppr(spacing=_spacing(S.INSTRUCTIONS_LINE_SPACING_PT),
                    ind=f'<w:ind w:firstLineChars="200" w:firstLine="{int(2 * instr_size * _TW_PER_PT)}"/>',
                    jc="both")),
        _pstyle(SECTION_HEADING, "表格节标题", S.SECTION_HEADING,
                ppr(keep_next=True, keep_lines=True, spacing=_spacing(S.BODY_LINE_SPACING_PT, before=120, after=60),
                    jc="left", outline=0)),
        _pstyle(PLAN_NOTE, "字数说明", S.PLAN_SUBTITLE, ppr(keep_next=True, jc="center")),
        _pstyle(TABLE_TEXT, "表格文字", tt, ppr(spacing=table_line, jc="both")),
        _pstyle(TABLE_LABEL, "表格栏目", tt, ppr(spacing=table_line, jc="center"), based=TABLE_TEXT),
        _pstyle(TABLE_HEADER, "表头", S.TABLE_HEADER, ppr(keep_next=True, spacing=table_line, jc="center"),
                based=TABLE_TEXT),
        _pstyle(TABLE_NUMBER, "表格数字", tt, ppr(spacing=table_line, jc="center"), based=TABLE_TEXT),
        _pstyle(TABLE_OPTION, "勾选项", tt,
                ppr(spacing=table_line, ind=f'<w:ind w:left="{opt_indent}" w:hanging="{opt_indent}"/>', jc="left"),
                based=TABLE_TEXT),
        _pstyle(TABLE_HINT, "表格提示", S.TABLE_HINT, ppr(spacing=hint_line, jc="center"), based=TABLE_TEXT),
        _pstyle(DECLARATION, "声明文字", S.DECLARATION_TEXT, ppr(spacing=_spacing(decl_size * 1.6), jc="both"),
                based=TABLE_TEXT),
        f'<w:style w:type="character" w:styleId="{CHECKBOX}"><w:name w:val="勾选框"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/><w:rPr>'
        f'<w:rFonts w:ascii={quoteattr(S.CHECKBOX_FONT.latin)} w:hAnsi={quoteattr(S.CHECKBOX_FONT.latin)} '
        f'w:eastAsia={quoteattr(S.CHECKBOX_FONT.east_asia)} w:cs={quoteattr(S.CHECKBOX_FONT.latin)}/>'
        "</w:rPr></w:style>",
        "</w:styles>",
    ]
    return "".join(parts)


def theme_xml() -> str:
    """A theme whose only fonts are the official ones (no Japanese script fonts)."""
    major, minor = S.HEI, S.FANGSONG

    def fonts(tag: str, f: S.Font) -> str:
        return (
            f'<a:{tag}><a:latin typeface={quoteattr(f.latin)}/><a:ea typeface={quoteattr(f.east_asia)}/>'
            f'<a:cs typeface={quoteattr(f.latin)}/><a:font script="Hans" typeface={quoteattr(f.east_asia)}/>'
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
    names = []
    for f in (S.FANGSONG, S.SONG, S.HEI, S.KAI, S.XIAOBIAOSONG, S.CHECKBOX_FONT):
        for n in (f.east_asia, f.latin):
            if n not in names:
                names.append(n)
    body = "".join(
        f'<w:font w:name={quoteattr(n)}><w:charset w:val="{"86" if not n.isascii() else "00"}"/>'
        f'<w:family w:val="{"modern" if not n.isascii() else "roman"}"/><w:pitch w:val="variable"/></w:font>'
        for n in names
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}">{body}</w:fonts>'
    )


SANITIZE_WORDS = ("Mincho", "明朝", "ＭＳ", "Gothic", "ゴシック", "ja-JP")
