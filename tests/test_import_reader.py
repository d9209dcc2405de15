"""The .docx reader: the ways Word, WPS and people put text and ticks into a document."""
from __future__ import annotations

import io
import zipfile

import docx

from docgen.importer.docx_read import read_docx

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def make(tmp_path, body: str):
    blank = io.BytesIO()
    docx.Document().save(blank)
    zin = zipfile.ZipFile(io.BytesIO(blank.getvalue()))
    path = tmp_path / "t.docx"
    with zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>'.encode()
            zout.writestr(item, data)
    return read_docx(path)


def test_symbols_fonts_controls_and_revisions(tmp_path):
    doc = make(tmp_path, (
        '<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r><w:r><w:t>是</w:t></w:r>'
        '<w:r><w:sym w:font="Wingdings 2" w:char="F0A3"/></w:r><w:r><w:t>否</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>\u00fe</w:t></w:r>'
        '<w:r><w:t>甲</w:t></w:r></w:p>'
        '<w:p><w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr>'
        '<w:sdtContent><w:r><w:t>\u2612</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>乙</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>留下</w:t></w:r><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>'
        '<w:ins><w:r><w:t>加上</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>'
        '<w:p><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>☑</w:t></w:r></mc:Choice>'
        '<mc:Fallback><w:r><w:t>☑</w:t></w:r></mc:Fallback></mc:AlternateContent><w:r><w:t>丙</w:t></w:r></w:p>'
    ))
    assert [p.text for p in doc.blocks] == ["☑是□否", "☑甲", "☑乙", "留下加上", "☑丙"]


def test_merged_cells_and_grid_columns(tmp_path):
    doc = make(tmp_path, (
        '<w:tbl>'
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>标签</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>'
        '<w:tc><w:p><w:r><w:t>一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>二</w:t></w:r></w:p></w:tc></w:tr>'
        '</w:tbl>'
    ))
    (tbl,) = doc.tables
    r1, r2 = tbl.rows
    assert [(c.text, c.col, c.span) for c in r1.cells] == [("标签", 0, 1), ("宽", 1, 2)]
    assert r2.cells[0].continues and [(c.text, c.col) for c in r2.cells[1:]] == [("一", 1), ("二", 2)]
