"""Page, fonts and table behaviour, asserted from the XML of the built document."""
from __future__ import annotations

import io
import re

import docx
import pytest
from docx_text import par_text, parts, q, root

from docgen import settings as S
from docgen.render.engine import default_template_path

JAPANESE = ("Mincho", "明朝", "ＭＳ", "MS Gothic", "ゴシック", "ja-JP", "Meiryo")


def test_no_japanese_font_in_any_part(built_docx):
    for name, data in parts(built_docx).items():
        if name.endswith((".xml", ".rels")):
            text = data.decode("utf-8")
            for bad in JAPANESE:
                assert bad not in text, f"{name} 含有 {bad}"


def test_east_asian_fonts_in_defaults_styles_and_theme(built_docx):
    styles = root(built_docx, "word/styles.xml")
    rpr_default = styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}")
    fonts = rpr_default.find(q("rFonts"))
    assert fonts.get(q("eastAsia")) == S.BODY[0].east_asia
    assert fonts.get(q("ascii")) == S.BODY[0].latin
    assert rpr_default.find(q("lang")).get(q("eastAsia")) == "zh-CN"
    for style in styles.findall(q("style")):
        if style.get(q("type")) == "paragraph":
            rf = style.find(f"{q('rPr')}/{q('rFonts')}")
            assert rf is not None and rf.get(q("eastAsia")), style.get(q("styleId"))
            assert not any(k.endswith("Theme") for k in rf.attrib), style.get(q("styleId"))
    theme = parts(built_docx)["word/theme/theme1.xml"].decode()
    for tag, font in (("majorFont", S.HEI.east_asia), ("minorFont", S.FANGSONG.east_asia)):
        block = re.search(rf"<a:{tag}>.*?</a:{tag}>", theme, re.S).group(0)
        assert f'<a:ea typeface="{font}"/>' in block


def test_styles_use_the_settings_roles(built_docx):
    styles = root(built_docx, "word/styles.xml")
    by_id = {s.get(q("styleId")): s for s in styles.findall(q("style"))}

    def font_size(sid):
        rpr = by_id[sid].find(q("rPr"))
        return rpr.find(q("rFonts")).get(q("eastAsia")), int(rpr.find(q("sz")).get(q("val"))) / 2

    assert font_size("CoverTitle") == (S.COVER_TITLE[0].east_asia, S.COVER_TITLE[1])
    assert font_size("SectionHeading") == (S.SECTION_HEADING[0].east_asia, S.SECTION_HEADING[1])
    assert font_size("TableText") == (S.TABLE_TEXT[0].east_asia, S.TABLE_TEXT[1])
    assert font_size("Footer") == (S.PAGE_NUMBER[0].east_asia, S.PAGE_NUMBER[1])
    assert font_size("CoverField") == (S.COVER_FIELD[0].east_asia, S.COVER_FIELD[1])
    assert font_size("CoverValue") == (S.COVER_VALUE.font.east_asia, S.PT["四号"])


def test_runs_carry_no_direct_font_or_size(built_docx, draft_docx):
    """Fonts and sizes come from the named styles: a run may only hint East Asian text."""
    for doc in (built_docx, draft_docx):
        body = root(doc)
        for rf in body.iter(q("rFonts")):
            assert set(rf.attrib) == {q("hint")}, rf.attrib
        assert not list(body.iter(q("sz"))) and not list(body.iter(q("szCs")))


def test_paragraphs_carry_named_styles(built_docx, draft_docx):
    styles = {s.get(q("styleId")) for s in root(built_docx, "word/styles.xml").iter(q("style"))}
    for doc in (built_docx, draft_docx):
        paragraphs = list(root(doc).iter(q("p")))
        named = [p for p in paragraphs if p.find(f"{q('pPr')}/{q('pStyle')}") is not None]
        assert len(named) >= 0.95 * len(paragraphs), (len(named), len(paragraphs))
        for p in named:
            assert p.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) in styles


def test_word_2013_mode_zoom_zh_cn_and_the_gongwen_grid(built_docx):
    settings_xml = parts(built_docx)["word/settings.xml"].decode()
    assert re.search(r'<w:compatSetting w:name="compatibilityMode" [^>]*w:val="15"', settings_xml)
    assert re.search(r'<w:zoom [^>]*w:percent="100"', settings_xml)
    assert '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' in settings_xml
    for grid in root(built_docx).iter(q("docGrid")):
        assert int(grid.get(q("linePitch"))) * S.GRID_LINES <= S.PAGE_HEIGHT_TW - S.MARGIN_TOP_TW - S.MARGIN_BOTTOM_TW
        assert int(grid.get(q("linePitch"))) == S.BODY_LINE_TW


def test_page_size_margins_and_numbering(built_docx):
    body = root(built_docx).find(q("body"))
    sects = list(body.iter(q("sectPr")))
    assert len(sects) == 2  # the cover, then the form
    for s in sects:
        pg = s.find(q("pgSz"))
        assert (int(pg.get(q("w"))), int(pg.get(q("h")))) == (S.PAGE_WIDTH_TW, S.PAGE_HEIGHT_TW)
        m = s.find(q("pgMar"))
        assert int(m.get(q("top"))) == S.MARGIN_TOP_TW
        assert int(m.get(q("bottom"))) == S.MARGIN_BOTTOM_TW
        assert int(m.get(q("left"))) == S.MARGIN_LEFT_TW
        assert int(m.get(q("right"))) == S.MARGIN_RIGHT_TW
    cover, form = sects
    assert cover.find(q("pgNumType")) is None
    assert form.find(q("pgNumType")).get(q("start")) == "1"
    rels = parts(built_docx)["word/_rels/document.xml.rels"].decode()

    def footer_text(sect, kind):
        ref = next(r for r in sect.findall(q("footerReference")) if r.get(q("type")) == kind)
        rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        name = "word/" + (target.group(1) or target.group(2))
        x = root(built_docx, name)
        return "".join(par_text(p) for p in x.iter(q("p"))), "".join(x.itertext())

    for kind in ("default", "even"):
        shown, raw = footer_text(form, kind)
        assert shown.startswith("— ") and shown.endswith(" —")
        assert "PAGE" in raw
        cover_shown, cover_raw = footer_text(cover, kind)
        assert cover_shown == "" and "PAGE" not in cover_raw
    settings_xml = parts(built_docx)["word/settings.xml"].decode()
    assert "evenAndOddHeaders" in settings_xml


def test_headers_repeat_rows_do_not_split_headings_keep_with_tables(built_docx):
    body = root(built_docx).find(q("body"))
    tbls = body.findall(q("tbl"))
    repeated = [t for t in tbls if t.find(f"{q('tr')}/{q('trPr')}/{q('tblHeader')}") is not None]
    assert len(repeated) >= 6  # every list after the form and the target table
    # 二/三's 年度 header is not repeated (it would stand above rows without years): it is kept
    # on one page with the rows by year instead
    year_tables = [t for t in tbls if "年度" in par_text(t.find(q("tr")))
                   and any(label in "".join(t.itertext()) for label in ("集群总产值", "研发投入强度"))]
    assert len(year_tables) == 2
    for t in year_tables:
        assert t.find(f"{q('tr')}/{q('trPr')}/{q('tblHeader')}") is None
        assert t.find(f"{q('tr')}//{q('keepNext')}") is not None
    cant = body.findall(f".//{q('trPr')}/{q('cantSplit')}")
    assert len(cant) > 100
    styles = root(built_docx, "word/styles.xml")
    heading = next(s for s in styles.findall(q("style")) if s.get(q("styleId")) == "SectionHeading")
    assert heading.find(f"{q('pPr')}/{q('keepNext')}") is not None
    # every section heading is directly followed by its table (or by the plan's note)
    children = list(body)
    for i, el in enumerate(children):
        if el.tag == q("p") and el.find(f"{q('pPr')}/{q('pStyle')}") is not None and \
                el.find(f"{q('pPr')}/{q('pStyle')}").get(q("val")) == "SectionHeading":
            assert children[i + 1].tag == q("tbl") or "3000" in par_text(children[i + 1])


def test_widths_fit_the_type_area(built_docx):
    type_width = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW
    for tbl in root(built_docx).iter(q("tbl")):
        grid = [int(g.get(q("w"))) for g in tbl.find(q("tblGrid")).findall(q("gridCol"))]
        assert sum(grid) <= type_width
        assert tbl.find(f"{q('tblPr')}/{q('tblLayout')}").get(q("type")) == "fixed"


def test_opens_in_python_docx_and_core_properties(built_docx):
    d = docx.Document(io.BytesIO(built_docx))
    cp = d.core_properties
    assert cp.author == "青川县工业和信息化局" and cp.last_modified_by == cp.author  # 县级中小企业主管部门
    assert cp.created.year == 2024 and cp.created == cp.modified
    assert "山东省特色产业集群申报表" in cp.title
    assert len(d.sections) == 2


def test_template_tags_are_plain_jinja_in_word_runs():
    x = parts(default_template_path().read_bytes())["word/document.xml"].decode()
    tags = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", x)
    assert len(tags) > 150
    for t in tags:
        assert "<" not in t, t  # never split across runs
    assert "{{p 规划 }}" in x and "{{p 佐证材料清单 }}" in x


@pytest.mark.parametrize("glyph", [S.CHECKED, S.UNCHECKED])
def test_checkbox_glyphs_use_one_symbol_face(built_docx, glyph):
    styles = parts(built_docx)["word/styles.xml"].decode()
    assert f'w:ascii="{S.CHECKBOX_FONT.latin}"' in styles
    body = root(built_docx)
    runs = [r for r in body.iter(q("r")) if (r.findtext(q("t")) or "") == glyph]
    assert runs
    for r in runs:
        assert r.find(f"{q('rPr')}/{q('rStyle')}").get(q("val")) == "CheckboxGlyph"


# Child order of the property elements (ECMA-376 Part 1, the sequences Word validates)
ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
            "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
            "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
            "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
            "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
            "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
               "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
               "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings"],
}


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_property_elements_in_schema_order(built_docx, draft_docx, part):
    """Word reports 'unreadable content' for some misordered properties: check every one."""
    for doc in (built_docx, draft_docx):
        for container, order in ORDER.items():
            rank = {q(t): i for i, t in enumerate(order)}
            for el in root(doc, part).iter(q(container)):
                seen = [rank[c.tag] for c in el if c.tag in rank]
                # headerReference/footerReference may interleave
                if container == "sectPr":
                    seen = [max(s, 1) if s == 0 else s for s in seen]
                assert seen == sorted(seen), (part, container, [c.tag.split("}")[1] for c in el])
