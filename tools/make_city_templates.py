"""One-off tool: writes the first version of the city's Word templates in templates/.

    python tools/make_city_templates.py [OUTDIR]

The templates are the source from then on: people change fonts, sizes, spacing and margins in
Word (or LibreOffice) and docgen keeps them, because it fills the body with named styles only.
This script is kept to show how they were made; do not rerun it over edited templates.

  推荐文件模板.docx   the city's 正式推荐文件 (GB/T 9704-2012: A4, margins 37/28/26/35 mm,
                     22 lines × 28 characters, page numbers "— 1 —" odd right / even left)
  汇总表模板.docx     附件1 推荐汇总表 (A4 landscape)
  佐证材料清单模板.docx  the 佐证材料清单 (A4 portrait, page numbers)

Every part is written by hand here (no python-docx default template: no Japanese theme fonts,
no stock thumbnail), Word 2013+ (compatibility mode 15), zh-CN.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# GB/T 9704-2012 page, twips
A4_W, A4_H = 11906, 16838
TOP, BOTTOM, LEFT, RIGHT = 2098, 1984, 1588, 1474
LINE_PITCH = 579  # 225 mm / 22 lines
# 28 characters a line: a line grid (LibreOffice spreads a 16 pt character over two cells of a
# 15.79 pt character grid), and the 三号 text set 0.25 pt tighter: 442.2 pt / 15.75 pt = 28 a line
CHAR_TIGHTEN = -5  # twentieths of a point


def rfonts(ea: str, latin: str = "Times New Roman") -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{ea}" w:cs="{latin}"/>'


def rpr(ea: str, half_points: int, *, latin: str = "Times New Roman", color: str | None = None,
        bold: bool = False, tighten: int = 0) -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    c = f'<w:color w:val="{color}"/>' if color else ""
    t = f'<w:spacing w:val="{tighten}"/>' if tighten else ""
    return (f"<w:rPr>{rfonts(ea, latin)}{b}{c}{t}<w:sz w:val=\"{half_points}\"/>"
            f"<w:szCs w:val=\"{half_points}\"/></w:rPr>")


def pstyle(sid: str, name: str, ppr: str, rp: str, *, based: str = "Normal", next_: str | None = None) -> str:
    nxt = f'<w:next w:val="{next_}"/>' if next_ else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based}"/>{nxt}<w:qFormat/><w:pPr>{ppr}</w:pPr>{rp}</w:style>')


def styles_xml(normal_font: str, normal_hp: int, extra: str, *, grid: bool) -> str:
    snap = "" if grid else '<w:snapToGrid w:val="0"/>'
    return (
        f'{DECL}<w:styles xmlns:w="{W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'{rfonts(normal_font)}<w:kern w:val="2"/><w:sz w:val="{normal_hp}"/><w:szCs w:val="{normal_hp}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{snap}<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"{rpr(normal_font, normal_hp)}</w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:style>'
        f"{extra}</w:styles>"
    )


def letter_styles() -> str:
    red = "FF0000"
    fs, xbs, kai, song = "仿宋", "方正小标宋简体", "楷体", "宋体"
    no_grid = '<w:snapToGrid w:val="0"/>'
    s = [
        # 发文机关标志: red 小标宋, centred; its size is lowered by docgen when a long name needs it
        pstyle("GwMark", "发文机关标志",
               f'<w:keepNext/>{no_grid}<w:spacing w:before="{3 * LINE_PITCH}" w:after="0" '
               f'w:line="{2 * LINE_PITCH}" w:lineRule="exact"/><w:jc w:val="center"/>',
               rpr(xbs, 72, color=red), next_="Normal"),
        # 发文字号 (and 签发人): the red separator line 4 mm below it, as wide as the type area
        pstyle("GwNumber", "发文字号",
               f'<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="11" w:color="{red}"/></w:pBdr>'
               f'<w:tabs><w:tab w:val="right" w:pos="{A4_W - LEFT - RIGHT}"/></w:tabs>'
               '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
               rpr(fs, 32, tighten=CHAR_TIGHTEN)),
        pstyle("GwTitle", "公文标题",
               f'<w:keepNext/>{no_grid}<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
               '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
               rpr(xbs, 44)),
        pstyle("GwAddressee", "主送机关", '<w:keepNext/><w:jc w:val="both"/>', rpr(fs, 32, tighten=CHAR_TIGHTEN)),
        pstyle("GwBody", "公文正文",
               '<w:ind w:firstLine="630"/><w:jc w:val="both"/>', rpr(fs, 32, tighten=CHAR_TIGHTEN)),
        pstyle("GwAttachment", "附件说明",
               '<w:ind w:left="2048" w:hanging="1418"/><w:jc w:val="left"/>', rpr(fs, 32, tighten=CHAR_TIGHTEN)),
        pstyle("GwSignature", "发文机关署名", '<w:keepNext/><w:keepLines/><w:jc w:val="right"/>', rpr(fs, 32, tighten=CHAR_TIGHTEN)),
        pstyle("GwDate", "成文日期",
               '<w:keepNext/><w:ind w:right="1260"/><w:jc w:val="right"/>', rpr(fs, 32, tighten=CHAR_TIGHTEN)),
        pstyle("GwNote", "附注", '<w:ind w:firstLine="630"/>', rpr(fs, 32, tighten=CHAR_TIGHTEN)),
        pstyle("GwRecord", "版记",
               f'<w:tabs><w:tab w:val="left" w:pos="280"/><w:tab w:val="right" w:pos="{A4_W - LEFT - RIGHT - 280}"/>'
               f'</w:tabs>{no_grid}<w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>'
               '<w:jc w:val="left"/>', rpr(fs, 28)),
        pstyle("GwPageNumber", "页码", f'{no_grid}', rpr(song, 28, latin="宋体"), based="Footer"),
        '<w:style w:type="character" w:customStyle="1" w:styleId="GwSignerName"><w:name w:val="签发人姓名"/>'
        f'<w:qFormat/>{rpr(kai, 32)}</w:style>',
    ]
    return "".join(s)


def exact(twips: int, *, after: int = 0) -> str:
    return f'<w:spacing w:before="0" w:after="{after}" w:line="{twips}" w:lineRule="exact"/>'


def page_number_style() -> str:
    return pstyle("GwPageNumber", "页码", '<w:snapToGrid w:val="0"/>', rpr("宋体", 28, latin="宋体"), based="Footer")


def summary_styles() -> str:
    """附件1: 附件1 (三号 黑体), the title (二号 小标宋), the two lines under it (三号 仿宋), the
    table's header (五号 黑体) and text (五号 仿宋, exact 14 pt lines: the same rows in Word and
    LibreOffice); the 简介 column left-aligned, the others centred."""
    return "".join([
        page_number_style(),
        pstyle("SumLabel", "附件标注", exact(560), rpr("黑体", 32)),
        pstyle("SumTitle", "汇总表标题", '<w:keepNext/>' + exact(720, after=120) + '<w:jc w:val="center"/>',
               rpr("方正小标宋简体", 44)),
        pstyle("SumHead", "汇总表表头信息", exact(560), rpr("仿宋", 32)),
        pstyle("SumTableHeader", "汇总表栏目", exact(280) + '<w:jc w:val="center"/>', rpr("黑体", 21)),
        pstyle("SumTableText", "汇总表文字", exact(280) + '<w:jc w:val="center"/>', rpr("仿宋", 21)),
        pstyle("SumTableBrief", "汇总表简介", '<w:jc w:val="left"/>', "", based="SumTableText"),
    ])


def evidence_styles() -> str:
    """佐证材料清单: the title (二号 小标宋) over the cluster's name (三号 楷体), the table's header
    (小五 黑体) and text (小五 仿宋, exact lines 1.3 × the size, as the 申报表's 附表)."""
    line = round(9 * 1.3 * 20)
    return "".join([
        page_number_style(),
        pstyle("ListTitle", "清单标题", '<w:keepNext/>' + exact(720, after=120) + '<w:jc w:val="center"/>',
               rpr("方正小标宋简体", 44)),
        pstyle("ListName", "清单集群名称", '<w:keepNext/><w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/>',
               rpr("楷体", 32)),
        pstyle("ListTableHeader", "清单栏目", exact(line) + '<w:jc w:val="center"/>', rpr("黑体", 18)),
        pstyle("ListTableText", "清单文字", exact(line) + '<w:jc w:val="left"/>', rpr("仿宋", 18)),
        pstyle("ListTableNumber", "清单序号", '<w:jc w:val="center"/>', "", based="ListTableText"),
    ])


def footer_xml(align: str, *, indent: int = 280) -> str:
    side = "right" if align == "right" else "left"
    ind = f'<w:ind w:{side}="{indent}"/>' if align != "center" else ""
    return (
        f'{DECL}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="GwPageNumber"/>{ind}'
        f'<w:jc w:val="{align}"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>'
    )


def settings_xml(*, even_odd: bool) -> str:
    eo = "<w:evenAndOddHeaders/>" if even_odd else ""
    return (
        f'{DECL}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>{eo}'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        'w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
    )


def font_table() -> str:
    fonts = [("宋体", "02010600030101010101", "86"), ("仿宋", "02010609060101010101", "86"),
             ("黑体", "02010609060101010101", "86"), ("楷体", "02010609060101010101", "86"),
             ("方正小标宋简体", "02000000000000000000", "86"), ("Times New Roman", "02020603050405020304", "00")]
    body = "".join(
        f'<w:font w:name="{n}"><w:panose1 w:val="{p}"/><w:charset w:val="{c}"/><w:family w:val="roman"/>'
        '<w:pitch w:val="variable"/></w:font>' for n, p, c in fonts)
    return f'{DECL}<w:fonts xmlns:w="{W}">{body}</w:fonts>'


def sect_pr(*, landscape: bool, footers: dict[str, str], grid: bool, footer_tw: int) -> str:
    refs = "".join(f'<w:footerReference w:type="{kind}" r:id="{rid}"/>' for kind, rid in footers.items())
    if landscape:
        size = f'<w:pgSz w:w="{A4_H}" w:h="{A4_W}" w:orient="landscape"/>'
        mar = (f'<w:pgMar w:top="{LEFT}" w:right="{BOTTOM}" w:bottom="{RIGHT}" w:left="{TOP}" '
               f'w:header="851" w:footer="{footer_tw}" w:gutter="0"/>')
    else:
        size = f'<w:pgSz w:w="{A4_W}" w:h="{A4_H}"/>'
        mar = (f'<w:pgMar w:top="{TOP}" w:right="{RIGHT}" w:bottom="{BOTTOM}" w:left="{LEFT}" '
               f'w:header="851" w:footer="{footer_tw}" w:gutter="0"/>')
    dg = (f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/>'
          if grid else '<w:docGrid w:linePitch="312"/>')
    return f'<w:sectPr>{refs}{size}{mar}<w:cols w:space="425"/>{dg}</w:sectPr>'


def package(styles: str, sect: str, footers: dict[str, str], *, title: str, even_odd: bool,
            template: str) -> dict[str, bytes]:
    ct_footers = "".join(
        f'<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footer+xml"/>' for name in footers)
    rels_footers = "".join(
        f'<Relationship Id="rIdF{i}" Type="{R}/footer" Target="{name}"/>' for i, name in enumerate(footers, 1))
    parts = {
        "[Content_Types].xml": (
            f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.settings+xml"/>'
            '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.fontTable+xml"/>'
            f"{ct_footers}"
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
            'core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'extended-properties+xml"/></Types>'),
        "_rels/.rels": (
            f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{R}/fontTable" Target="fontTable.xml"/>{rels_footers}</Relationships>'),
        "word/document.xml": (
            f'{DECL}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:p/>{sect}</w:body></w:document>'),
        "word/styles.xml": styles,
        "word/settings.xml": settings_xml(even_odd=even_odd),
        "word/fontTable.xml": font_table(),
        "docProps/core.xml": (
            f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{title}</dc:title><dc:creator>docgen</dc:creator><dc:language>zh-CN</dc:language>"
            "<cp:revision>1</cp:revision></cp:coreProperties>"),
        "docProps/app.xml": (
            f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Template>{template}</Template><Application>docgen</Application><DocSecurity>0</DocSecurity></Properties>"),
    }
    for name, xml in footers.items():
        parts[f"word/{name}"] = xml
    return {k: v.encode("utf-8") for k, v in parts.items()}


def write(path: Path, parts: dict[str, bytes]) -> None:
    names = ["[Content_Types].xml"] + sorted(n for n in parts if n != "[Content_Types].xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in names:
            zf.writestr(zipfile.ZipInfo(n, (1980, 1, 1, 0, 0, 0)), parts[n], zipfile.ZIP_DEFLATED)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "templates"
    out.mkdir(parents=True, exist_ok=True)
    # page number 7 mm below the type area: footer edge 35 − 7 − 5 (the 四号 line) = 23 mm
    gw_footers = {"footer1.xml": footer_xml("right"), "footer2.xml": footer_xml("left")}
    refs = {"default": "rIdF1", "even": "rIdF2"}
    write(out / "推荐文件模板.docx", package(
        styles_xml("仿宋", 32, letter_styles(), grid=True),
        sect_pr(landscape=False, footers=refs, grid=True, footer_tw=1304), gw_footers,
        title="推荐文件", even_odd=True, template="推荐文件模板.docx"))
    write(out / "佐证材料清单模板.docx", package(
        styles_xml("仿宋", 21, evidence_styles(), grid=False),
        sect_pr(landscape=False, footers=refs, grid=False, footer_tw=1304), gw_footers,
        title="佐证材料清单", even_odd=True, template="佐证材料清单模板.docx"))
    centred = {"footer1.xml": footer_xml("center")}
    write(out / "汇总表模板.docx", package(
        styles_xml("仿宋", 21, summary_styles(), grid=False),
        sect_pr(landscape=True, footers={"default": "rIdF1"}, grid=False, footer_tw=850), centred,
        title="推荐汇总表", even_odd=False, template="汇总表模板.docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
