"""A filled 申报表 (.docx) as plain blocks: paragraphs and tables of cells, in reading order.

Only what locating the form's values needs: each paragraph's text and runs (bold, italic,
East Asian font), each table cell's text, its grid column and whether it continues a
vertical merge. Checkbox glyphs written in other ways become characters here: a symbol
character (`w:sym`, Word's 插入符号) or a Wingdings-font character becomes ☑ or □, and a
content-control checkbox (`w14:checkbox`) becomes ☑/□ from its checked state.

The file is read defensively (it comes from outside): the zip's parts are size-limited
as they are read (a zip bomb stops at the limit), XML with a DTD is refused (no entity
expansion), and a missing part is reported in one Chinese line.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MAX_PART_BYTES = 64 * 1024 * 1024  # document.xml of a 5,000-row patent list is ~15 MB
MAX_RATIO = 200  # deflate of real XML rarely exceeds 1:30; bombs reach 1:1000


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Tag and attribute names, made once (a form of 5,000 cells asks for them ~260,000 times).
W_P = q("p")
W_TBL = q("tbl")
W_SDT = q("sdt")
W_CUSTOM_XML = q("customXml")
W_SDT_CONTENT = q("sdtContent")
W_TR = q("tr")
W_TR_PR = q("trPr")
W_GRID_BEFORE = q("gridBefore")
W_VAL = q("val")
W_TC = q("tc")
W_TC_PR = q("tcPr")
W_GRID_SPAN = q("gridSpan")
W_V_MERGE = q("vMerge")
W_H_MERGE = q("hMerge")
W_P_PR = q("pPr")
W_P_STYLE = q("pStyle")
W_R = q("r")
W_DEL = q("del")
W_MOVE_FROM = q("moveFrom")
W_R_PR = q("rPr")
W_B = q("b")
W_I = q("i")
W_VERT_ALIGN = q("vertAlign")
W_R_FONTS = q("rFonts")
W_EAST_ASIA = q("eastAsia")
W_ASCII = q("ascii")
W_H_ANSI = q("hAnsi")
W_VANISH = q("vanish")
W_T = q("t")
W_BR = q("br")
W_CR = q("cr")
W_TYPE = q("type")
W_TAB = q("tab")
W_NO_BREAK_HYPHEN = q("noBreakHyphen")
W_SYM = q("sym")
W_CHAR = q("char")
W_FONT = q("font")


class FormReadError(Exception):
    """The file cannot be read as a filled form; the message is one Chinese line."""


# Word's symbol fonts: character code → the box it draws (checked ☑ / unchecked □).
_WINGDINGS = {0xFE: "☑", 0xFD: "☑", 0xFC: "☑", 0xA8: "□", 0x6F: "□", 0x71: "□", 0x72: "□", 0xA1: "□"}
_WINGDINGS_2 = {0x52: "☑", 0x53: "☑", 0x54: "☑", 0x50: "☑", 0xA3: "□", 0x2A: "□", 0xA2: "□"}


def symbol_glyph(font: str, code: int) -> str | None:
    """The box a symbol-font character draws, or None when it is not a box."""
    table = {"wingdings": _WINGDINGS, "wingdings 2": _WINGDINGS_2}.get(font.strip().lower())
    if table is None:
        return None
    return table.get(code & 0xFF if code >= 0xF000 else code)


@dataclass(slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    font: str = ""  # East Asian font name, "" when inherited
    superscript: bool = False  # w:vertAlign superscript (how docgen prints a footnote's ①)


@dataclass(slots=True)
class Para:
    runs: list[Run]
    style: str = ""  # style id
    number: int = 0  # 1-based among body paragraphs (not those in tables)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(slots=True)
class Cell:
    paras: list[Para]
    col: int  # first grid column, 0-based
    span: int = 1
    continues: bool = False  # a vertical-merge continuation (its text belongs to the cell above)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass
class Row:
    cells: list[Cell]
    number: int  # 1-based within its table


@dataclass
class Table:
    rows: list[Row]
    number: int  # 1-based among top-level tables


@dataclass
class Document:
    blocks: list  # Para | Table, in reading order
    app_name: str = ""  # docProps/app.xml <Application>
    styles: set[str] = field(default_factory=set)  # style ids defined in styles.xml

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


# ---------------------------------------------------------------------------------------------
# the package


def _read_part(z: zipfile.ZipFile, name: str, shown: str) -> bytes | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1_000_000:
        raise FormReadError(f"{shown}：文件内部数据异常（解压后过大，可能是恶意构造的压缩包），已拒绝读取")
    try:
        with z.open(info) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
        raise FormReadError(f"{shown}：文件已损坏，无法读取（{type(e).__name__}）；请用 Word 打开后另存为 .docx 再试") from e
    if len(data) > MAX_PART_BYTES:
        raise FormReadError(f"{shown}：文件内部数据异常（解压后过大），已拒绝读取")
    return data


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def _xml(data: bytes, shown: str):
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise FormReadError(f"{shown}：文件含有 Word 文档不会有的 DTD/实体声明（可能是恶意构造的文件），已拒绝读取")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as e:
        raise FormReadError(f"{shown}：文件内容已损坏（XML 错误：{e.msg}）；请用 Word 打开后另存为 .docx 再试") from e


def convert_doc(src: Path, workdir: Path) -> Path:
    """A .doc converted to .docx by LibreOffice (when installed)."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise FormReadError(f"{src.name}：这是旧版 Word（.doc）文件，读取需要 LibreOffice；请安装 LibreOffice，"
                            "或在 Word/WPS 中另存为 .docx 后再试")
    profile = Path(tempfile.mkdtemp(prefix="docgen-lo-"))
    try:
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx",
             "--outdir", str(workdir), str(src)],
            check=False, capture_output=True, timeout=180,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise FormReadError(f"{src.name}：LibreOffice 转换 .doc 失败（{type(e).__name__}）；请在 Word/WPS 中另存为 .docx 后再试") from e
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = workdir / (src.stem + ".docx")
    if not out.is_file():
        raise FormReadError(f"{src.name}：LibreOffice 未能转换此 .doc 文件；请在 Word/WPS 中另存为 .docx 后再试")
    return out


def read_docx(path: Path) -> Document:
    """The document's blocks; FormReadError with one Chinese line when it cannot be read."""
    shown = path.name
    if not path.is_file():
        raise FormReadError(f"{shown}：文件不存在")
    if path.suffix.lower() == ".doc":
        import tempfile  # a .doc only: reading a .docx does not pay for it

        with tempfile.TemporaryDirectory(prefix="docgen-doc-") as tmp:
            return read_docx(convert_doc(path, Path(tmp)))
    if not zipfile.is_zipfile(path):
        with path.open("rb") as fh:
            ole = fh.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE: a .doc, or an encrypted .docx
        if ole:
            raise FormReadError(f"{shown}：这是旧版 Word 格式或加了密码的文件；请在 Word/WPS 中去掉密码并另存为 .docx 后再试")
        raise FormReadError(f"{shown}：不是 .docx 文件（Word 2007 及以上格式）；.doc 文件请先另存为 .docx")
    return _read_package(path, shown)


def read_docx_bytes(data: bytes, shown: str = "申报表.docx") -> Document:
    """`read_docx` of a .docx held in memory (the read-back check reads what it just rendered)."""
    import io

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise FormReadError(f"{shown}：不是 .docx 文件（Word 2007 及以上格式）")
    return _read_package(io.BytesIO(data), shown)


def _read_package(source, shown: str) -> Document:
    """The blocks of the .docx at `source` (a path or a binary file object)."""
    try:
        with zipfile.ZipFile(source) as z:
            if len(z.infolist()) > 10_000:
                raise FormReadError(f"{shown}：文件内部条目过多（可能是恶意构造的压缩包），已拒绝读取")
            doc_xml = _read_part(z, "word/document.xml", shown)
            if doc_xml is None:
                raise FormReadError(f"{shown}：缺少正文部分（word/document.xml），不是完整的 Word 文档")
            styles_xml = _read_part(z, "word/styles.xml", shown)
            app_xml = _read_part(z, "docProps/app.xml", shown)
    except zipfile.BadZipFile as e:
        raise FormReadError(f"{shown}：文件已损坏，无法解压；请用 Word 打开后另存为 .docx 再试") from e
    root = _xml(doc_xml, shown)
    body = root.find(q("body"))
    if body is None:
        raise FormReadError(f"{shown}：正文部分没有内容（缺少 w:body），不是完整的 Word 文档")
    doc = Document(blocks=[])
    if styles_xml is not None:
        styles = _xml(styles_xml, shown)
        doc.styles = {s.get(q("styleId"), "") for s in styles.iter(q("style"))}
    if app_xml is not None:
        app = _xml(app_xml, shown)
        for el in app.iter():
            if isinstance(el.tag, str) and el.tag.endswith("}Application"):
                doc.app_name = (el.text or "").strip()
    doc.blocks = _Walker(doc).blocks(body)
    return doc


# ---------------------------------------------------------------------------------------------
# the body


def _on(el) -> bool:
    """A w:b/w:i toggle element: on unless w:val says false."""
    return el is not None and el.get(W_VAL, "true").lower() not in ("0", "false", "off")


class _Walker:
    def __init__(self, doc: Document):
        self.doc = doc
        self.n_par = 0
        self.n_tbl = 0

    def blocks(self, container, *, top: bool = True) -> list:
        out = []
        for el in container:
            if el.tag == W_P:
                p = self.para(el)
                if top:
                    self.n_par += 1
                    p.number = self.n_par
                out.append(p)
            elif el.tag == W_TBL:
                if top:
                    self.n_tbl += 1
                out.append(self.table(el, self.n_tbl if top else 0))
            elif el.tag in (W_SDT, W_CUSTOM_XML):
                inner = el.find(W_SDT_CONTENT) if el.tag == W_SDT else el
                if inner is not None:
                    out += self.blocks(inner, top=top)
        return out

    def table(self, tbl, number: int) -> Table:
        rows = []
        for tr in _children(tbl, W_TR):  # a nested table's rows are read as its cell's text
            col = 0
            trpr = next((el for el in tr if el.tag == W_TR_PR), None)
            before = next((el for el in trpr if el.tag == W_GRID_BEFORE), None) if trpr is not None else None
            if before is not None:
                col = int(before.get(W_VAL, "0") or 0)
            cells = []
            for tc in _children(tr, W_TC):
                pr = next((el for el in tc if el.tag == W_TC_PR), None)
                span, continues, merged = 1, False, False
                if pr is not None:
                    for el in pr:
                        tag = el.tag
                        if tag == W_GRID_SPAN:
                            span = max(1, int(el.get(W_VAL, "1") or 1))
                        elif tag == W_V_MERGE:
                            continues = el.get(W_VAL, "continue") == "continue"
                        elif tag == W_H_MERGE:
                            merged = el.get(W_VAL, "continue") == "continue"
                    if merged and cells:
                        cells[-1].span += span
                        col += span
                        continue
                cells.append(Cell(self.cell_paras(tc), col, span, continues))
                col += span
            rows.append(Row(cells, len(rows) + 1))
        return Table(rows, number)

    def cell_paras(self, tc) -> list[Para]:
        out: list[Para] = []
        for b in self.blocks(tc, top=False):
            if isinstance(b, Para):
                out.append(b)
            else:  # a nested table: its rows as lines of the cell
                for r in b.rows:
                    out.append(Para([Run("\t".join(c.text for c in r.cells if not c.continues))]))
        return out

    def para(self, p) -> Para:
        style = ""
        runs: list[Run] = []
        for child in p:  # one pass: the properties (first) and the runs
            tag = child.tag
            if tag == W_R:
                self.run(child, runs)
            elif tag == W_P_PR:
                for prop in child:
                    if prop.tag == W_P_STYLE:
                        style = prop.get(W_VAL, "")
                        break
            else:
                self.inline_child(child, tag, runs)
        return Para(runs, style)

    def inline(self, el, runs: list[Run]) -> None:
        for child in el:
            tag = child.tag
            if tag == W_R:
                self.run(child, runs)
            else:
                self.inline_child(child, tag, runs)

    def inline_child(self, child, tag, runs: list[Run]) -> None:
        if tag in (W_DEL, W_MOVE_FROM, W_P_PR, W_R_PR):
            return  # deleted text of tracked changes is not the document's text
        if tag == f"{{{MC}}}AlternateContent":
            # one rendering of the same content: the fallback is the plain one every reader has
            alt = child.find(f"{{{MC}}}Fallback")
            if alt is None:
                alt = child.find(f"{{{MC}}}Choice")
            if alt is not None:
                self.inline(alt, runs)
        elif tag == W_SDT:
            box = _content_checkbox(child)
            if box is not None:
                runs.append(Run(box))
            else:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self.inline(content, runs)
        elif isinstance(tag, str):  # w:hyperlink, w:ins, w:smartTag, w:fldSimple, w:customXml…
            self.inline(child, runs)

    def run(self, r, runs: list[Run]) -> None:
        # one pass over the run's children (its properties come first): this is the reader's
        # innermost loop, once per run of every cell of every 附表
        bold = italic = superscript = False
        font = ascii_font = ""
        parts: list[str] = []
        for el in r:
            tag = el.tag
            if tag == W_T:
                text = el.text or ""
                if ascii_font and ascii_font.lower().startswith("wingdings"):
                    text = "".join(symbol_glyph(ascii_font, ord(c)) or c for c in text)
                parts.append(text)
            elif tag == W_R_PR:
                # its children looped over, not found one by one: lxml's find() parses its path
                # in Python each time, which made this the reader's slowest line (bench_readback.py)
                for prop in el:
                    ptag = prop.tag
                    if ptag == W_B:
                        bold = _on(prop)
                    elif ptag == W_I:
                        italic = _on(prop)
                    elif ptag == W_VERT_ALIGN:
                        superscript = prop.get(W_VAL) == "superscript"
                    elif ptag == W_R_FONTS:
                        font = prop.get(W_EAST_ASIA, "") or ""
                        ascii_font = prop.get(W_ASCII, "") or prop.get(W_H_ANSI, "") or ""
                    elif ptag == W_VANISH and _on(prop):
                        return  # hidden text is not printed
            elif tag == W_BR or tag == W_CR:
                if el.get(W_TYPE) not in ("page", "column"):
                    parts.append("\n")
            elif tag == W_TAB:
                parts.append("\t")
            elif tag == W_NO_BREAK_HYPHEN:
                parts.append("-")
            elif tag == W_SYM:
                code = el.get(W_CHAR, "0")
                try:
                    n = int(code, 16)
                except ValueError:
                    continue
                glyph = symbol_glyph(el.get(W_FONT, ""), n)
                parts.append(glyph if glyph else (chr(n) if n < 0xE000 or n > 0xF8FF else ""))
        if parts:
            runs.append(Run("".join(parts), bold, italic, font, superscript))


def _children(el, tag: str):
    """`el`'s children with `tag`, and those wrapped in content controls or custom XML
    (w:sdt/w:sdtContent, w:customXml) that Word puts around rows and cells."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == W_CUSTOM_XML:
            yield from _children(child, tag)


def _content_checkbox(sdt) -> str | None:
    """☑/□ for a content-control checkbox (w14:checkbox), None for another content control."""
    pr = sdt.find(q("sdtPr"))
    if pr is None:
        return None
    box = pr.find(f"{{{W14}}}checkbox")
    if box is None:
        return None
    checked = box.find(f"{{{W14}}}checked")
    on = checked is not None and checked.get(f"{{{W14}}}val", "0") in ("1", "true", "on")
    return "☑" if on else "□"
