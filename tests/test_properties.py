"""Property tests: any text in any field gives the exact text in the document, or a located error.

For a handful of representative fields — a short text (集群运营管理机构.名称), a 200-字 narrative
(产业链强链补链情况), a cell of an inline list (创新平台 名称), a 定性描述 target text and a plan.md
paragraph — hypothesis writes arbitrary Unicode (CJK, emoji, ZWJ sequences, RTL marks, `& < > " '`,
`{{ }}` / `{% %}`, docxtpl's own `{_{ }_}` escapes, controls, lone surrogates, noncharacters) into
a copy of content/example and runs `docgen build` in-process. The outcome must be one of:

- exit 0 and a sound .docx (the zip opens, every XML part parses strictly, python-docx opens it)
  whose paragraph that held the field holds exactly what was written (leading and trailing white
  space trimmed, as docgen documents; a line break written as \\r\\n or \\r prints as one break);
- exit 1 with a located, Chinese finding and nothing written: `text-control-char` at the value's
  file:line:col for a character XML 1.0 cannot hold (at the character itself when it is written
  literally), an error at the character for one YAML may not hold literally (DEL, C1 controls),
  `file-encoding`/`plan-encoding` at the bad byte for a surrogate written as raw bytes,
  `text-too-long` for a narrative over 200 字, `target-qualitative` for a 定性描述 that is a number;

never a traceback, never another exception than SystemExit.

Where the field's text lands is learned once per field from a build with a sentinel value: the
paragraphs holding the sentinel must hold the generated text instead, and nothing else may move.

Values reach cluster.yaml as YAML double-quoted scalars written here: either every character that
YAML may hold literally is written as itself (the rest as \\x / \\u / \\U escapes), or every
non-ASCII character is escaped; a third mode writes every character literally, as a careless editor
would (surrogates as their raw 3-byte form, which is not UTF-8).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.cli import app
from docgen.load.text import INVISIBLE_REPLACE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example"
SENTINEL = "哨兵甲乙丙丁"
OUT_DOCX = "申报表.docx"
FINDING = re.compile(
    r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<level>错误|警告): (?P<msg>.+?) \[(?P<rule>[\w-]+)\]$", re.M
)
CJK = re.compile(r"[\u4e00-\u9fff]")

# -- what the oracle knows about characters ------------------------------------------------------
# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SURROGATE = re.compile("[\ud800-\udfff]")
# YAML 1.2 printable: #x9 | #xA | #xD | [#x20-#x7E] | #x85 | [#xA0-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
YAML_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Written literally inside a double-quoted scalar these are line breaks (folded by YAML): always escaped.
YAML_BREAKS = "\n\r\x85\u2028\u2029"
MD_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

NASTY = [
    "&", "<", ">", '"', "'", "&amp;", "&lt;", "&#x41;", "<w:t>", "</w:t></w:r>", "]]>", "<![CDATA[",
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ x }}", "{% if true %}", "{{ 基本情况 }}", "{%p", "{%tr", "{%tc",
    "{_{", "}_}", "{_%", "%_}", "{r", "{{r x }}",
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069", "\u061c",
    "😀", "👨\u200d👩\u200d👧", "🇨🇳", "𠀀", "𪚥", "\U0001F3FB", "e\u0301", "\u0300",
    "中文", "集群", "、", "，", "。", "“", "”", "（", "）", "：", "——", "…",
    " ", "  ", "\u3000", "\u00a0", "\u200b", "\ufeff", "\t", "\n", "\r\n", "\r", "\u2028", "\u2029", "\x85",
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1f", "\x7f", "\x80", "\x9f",
    "\ufffe", "\uffff", "\ufdd0", "\ufffd", "\U0010ffff", "\U000e0001",
    "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00",
    "\\", "\\n", "\\u0041", "\"\"\"", "#", "# 注释", ": ", "- ", "*", "_", "`", "[目标", "]", "|",
]
CJK_RUN = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6)
ANY_CHAR = st.characters(exclude_categories=())  # any code point (hypothesis never draws surrogates here)
SURROGATE_CHAR = st.integers(0xD800, 0xDFFF).map(chr)  # lone surrogates: only an escape in YAML (\u) can make them
PIECE = st.one_of(st.sampled_from(NASTY), ANY_CHAR, CJK_RUN, st.text(max_size=4), SURROGATE_CHAR)


def values(max_pieces: int = 12, *, line_breaks: bool = True) -> st.SearchStrategy[str]:
    out = st.lists(PIECE, min_size=1, max_size=max_pieces).map("".join)
    if not line_breaks:
        out = out.map(lambda s: re.sub("[\n\r]", "", s))
    return out.filter(lambda s: s.strip() != "")


# -- writing a value into cluster.yaml / plan.md -------------------------------------------------
@dataclass
class Written:
    data: bytes  # the bytes of the scalar or paragraph as written
    cols: list[int]  # 0-based column (in characters) of each source character within `data`


def _esc(ch: str) -> str:
    o = ord(ch)
    if o <= 0xFF:
        return f"\\x{o:02x}"
    if o <= 0xFFFF:
        return f"\\u{o:04x}"
    return f"\\U{o:08x}"


def yaml_scalar(s: str, mode: str) -> Written:
    """`s` as a YAML double-quoted scalar.

    mode "escaped": every non-ASCII character and every non-printable one as an escape;
    "printable": what YAML may hold literally as itself, the rest escaped;
    "raw": every character as itself (but quote, backslash and line breaks), surrogates as
    their raw (invalid UTF-8) bytes — what a careless editor or a bad copy-paste can produce.
    """
    parts: list[bytes] = [b'"']
    cols: list[int] = []
    col = 1
    for ch in s:
        cols.append(col)
        if ch == '"':
            piece = '\\"'
        elif ch == "\\":
            piece = "\\\\"
        elif ch in YAML_BREAKS:
            piece = _esc(ch) if ch not in "\n\r" else ("\\n" if ch == "\n" else "\\r")
        elif mode == "raw":
            piece = ch
        elif mode == "printable":
            piece = _esc(ch) if YAML_NON_PRINTABLE.match(ch) else ch
        else:
            piece = ch if 0x20 <= ord(ch) <= 0x7E else _esc(ch)
        parts.append(piece.encode("utf-8", "surrogatepass"))
        col += len(piece)
    parts.append(b'"')
    return Written(b"".join(parts), cols)


def md_paragraph(s: str) -> Written:
    """`s` as one Markdown paragraph: ASCII punctuation backslash-escaped, written literally."""
    parts: list[bytes] = []
    cols: list[int] = []
    col = 0
    for ch in s:
        cols.append(col)
        piece = "\\" + ch if ch in MD_PUNCT else ch
        parts.append(piece.encode("utf-8", "surrogatepass"))
        col += len(piece)
    return Written(b"".join(parts), cols)


@dataclass(frozen=True)
class Field:
    name: str
    file: str  # cluster.yaml or plan.md
    old: str  # the example's line fragment the value replaces (once)
    prefix: str  # what precedes the value in the replacement
    suffix: str  # what follows it
    limit: int | None = None  # Word 字数 limit of the field
    qualitative: bool = False  # 定性描述: a value that is only a number is refused (target-qualitative)
    whole_line: bool = False  # the value replaces the whole line that holds `old`


ORG = Field("集群运营管理机构.名称", "cluster.yaml", "    名称: 泉山市青川轴承产业园运营管理有限公司\n", "    名称: ", "\n")
NARRATIVE = Field("产业链强链补链情况", "cluster.yaml", "  产业链强链补链情况: 集群围绕", "  产业链强链补链情况: ", "\n",
                  limit=200, whole_line=True)
PLATFORM = Field("创新平台[1].名称", "cluster.yaml", "{名称: 山东省高端轴承制造业创新中心,", "{名称: ", ",")
QUALITATIVE = Field("发展目标.开放合作.定性描述.基准值", "cluster.yaml", "基准值: 境外分支机构3家，与1个境外产业园区建立稳定合作,",
                    "基准值: ", ",", qualitative=True)
PLAN = Field("plan.md 三、存在的问题", "plan.md", "一是高端产品占比偏低", "", "\n", whole_line=True)


class Workspace:
    """A copy of content/example (made once per test function); each example rewrites one file."""

    def __init__(self, root: Path):
        self.root = root
        self.folder = root / "ex"
        shutil.copytree(EXAMPLE, self.folder)
        self.originals = {n: (self.folder / n).read_bytes() for n in ("cluster.yaml", "plan.md")}
        self.out = root / "out"

    def put(self, field: Field, written: Written) -> tuple[int, int]:
        """Write the value in; the 1-based line and column where the written value starts."""
        for name, data in self.originals.items():
            (self.folder / name).write_bytes(data)
        text = self.originals[field.file].decode("utf-8")
        start = text.index(field.old)
        if field.whole_line:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.index("\n", start) + 1
            head, tail = text[:line_start], text[line_end:]
        else:
            assert text.count(field.old) == 1, field
            head, tail = text[:start], text[start + len(field.old):]
        head_bytes = (head + field.prefix).encode("utf-8")
        data = head_bytes + written.data + (field.suffix + tail).encode("utf-8")
        (self.folder / field.file).write_bytes(data)
        before = head + field.prefix
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return line, col

    def build(self) -> "Outcome":
        if self.out.exists():
            shutil.rmtree(self.out)
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            result = CliRunner().invoke(app, ["build", "ex", "-o", "out"])
        finally:
            os.chdir(cwd)
        return Outcome(result.exit_code, result.output, result.exception, self.out)


@dataclass
class Outcome:
    code: int
    output: str
    exception: BaseException | None
    out: Path

    def findings(self) -> list[re.Match]:
        return list(FINDING.finditer(self.output))

    def written(self) -> list[Path]:
        return [p for p in self.out.rglob("*")] if self.out.exists() else []


def docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body (table cells included), in order, as python-docx reads it."""
    d = docx.Document(str(path))
    return [Paragraph(p, d).text for p in d.element.body.iter(qn("w:p"))]


def assert_sound_docx(path: Path) -> None:
    """The package opens, every XML part parses without recovery, python-docx opens it."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name), etree.XMLParser(recover=False, resolve_entities=False))
    docx.Document(io.BytesIO(data))


def assert_no_crash(o: Outcome) -> None:
    assert o.exception is None or isinstance(o.exception, SystemExit), repr(o.exception)
    assert "Traceback" not in o.output, o.output
    assert "内部错误" not in o.output, o.output
    assert o.code in (0, 1), (o.code, o.output)


_BASELINES: dict[str, list[str]] = {}


def baseline(field: Field, tmp_root: Path) -> list[str]:
    """The document's paragraphs when the field holds SENTINEL (built once per field)."""
    if field.name not in _BASELINES:
        ws = Workspace(tmp_root / "baseline")
        ws.put(field, yaml_scalar(SENTINEL, "printable") if field.file == "cluster.yaml" else md_paragraph(SENTINEL))
        o = ws.build()
        assert o.code == 0, o.output
        paras = docx_paragraphs(ws.out / OUT_DOCX)
        assert any(SENTINEL in p for p in paras), field
        _BASELINES[field.name] = paras
        shutil.rmtree(ws.root)
    return _BASELINES[field.name]


def shown(rel: str) -> str:
    return f"ex/{rel}"


def is_number_text(s: str) -> bool:
    try:
        return Decimal(s.translate(INVISIBLE_REPLACE).strip().replace(",", "")).is_finite()
    except (InvalidOperation, ValueError):
        return False


def cell_text(s: str) -> str:
    """What a cell prints for a value: trimmed; \\r\\n and \\r are line breaks like \\n; invisible
    characters (zero-width space, soft hyphen…) removed, a no-break space made a space (issue 11)."""
    return s.translate(INVISIBLE_REPLACE).strip().replace("\r\n", "\n").replace("\r", "\n")


def word_count(text: str) -> int:
    from docgen.wordcount import word_count as wc

    return wc(text)


def expect_error(o: Outcome, rule: str, file: str, line: int, col: int | None) -> None:
    assert o.code == 1, (o.code, o.output)
    hits = [m for m in o.findings() if m["rule"] == rule and m["level"] == "错误"]
    assert hits, f"[{rule}] not reported:\n{o.output}"
    assert all(CJK.search(m["msg"]) for m in hits), o.output
    at = {(m["file"], int(m["line"]), int(m["col"])) for m in hits}
    if col is None:
        assert any(f == shown(file) and ln == line for f, ln, _ in at), (shown(file), line, o.output)
    else:
        assert (shown(file), line, col) in at, ((shown(file), line, col), o.output)
    assert not o.written(), o.written()


def expect_document(o: Outcome, field: Field, base: list[str], printed: str, *, trim: bool = False) -> None:
    """The paragraphs that held the sentinel hold `printed` instead (with trim: white space at the
    ends of a paragraph that consists of the value alone may or may not be kept)."""
    assert o.code == 0, o.output
    # the build's read-back (docgen.readback) found the printed form saying what was written
    assert "[print-differs]" not in o.output and "[readback-failed]" not in o.output, o.output
    path = o.out / OUT_DOCX
    assert_sound_docx(path)
    got = docx_paragraphs(path)
    assert len(got) == len(base), "the document's paragraphs moved"
    held = [i for i, p in enumerate(base) if SENTINEL in p]
    for i in held:
        want = base[i].replace(SENTINEL, printed)
        have = got[i].strip() if trim and base[i] == SENTINEL else got[i]
        assert have == want, (i, got[i], printed)


def check_cluster_value(ws: Workspace, field: Field, s: str, mode: str, tmp_root: Path) -> None:
    base = baseline(field, tmp_root)
    w = yaml_scalar(s, mode)
    line, col = ws.put(field, w)
    o = ws.build()
    assert_no_crash(o)
    # what the loader will see, and where
    if mode == "raw" and SURROGATE.search(s):
        k = SURROGATE.search(s).start()
        expect_error(o, "file-encoding", "cluster.yaml", line, col + w.cols[k])
        return
    if mode == "raw" and XML_ILLEGAL.search(s):
        k = XML_ILLEGAL.search(s).start()  # the raw character, located exactly
        expect_error(o, "text-control-char", "cluster.yaml", line, col + w.cols[k])
        return
    if mode == "raw" and YAML_NON_PRINTABLE.search(s):
        # XML can hold it but YAML may not hold it literally: a located, Chinese error at the character
        k = YAML_NON_PRINTABLE.search(s).start()
        assert o.code == 1, o.output
        at = {(m["file"], int(m["line"]), int(m["col"])) for m in o.findings() if m["level"] == "错误"}
        assert (shown("cluster.yaml"), line, col + w.cols[k]) in at, ((line, col + w.cols[k]), o.output)
        assert "special characters" not in o.output and "unacceptable" not in o.output, o.output
        assert not o.written()
        return
    if XML_ILLEGAL.search(s):  # an escape the loader decodes into a character XML cannot hold
        expect_error(o, "text-control-char", "cluster.yaml", line, col)
        return
    printed = cell_text(s)
    if not printed:  # only invisible characters (removed, with a warning) or blanks: nothing was written
        expect_error(o, "field-missing" if field.name != "创新平台[1].名称" else "list-cell-missing", "cluster.yaml", line, None)
        return
    if field.qualitative and is_number_text(s):  # a 定性描述 written as a number: refused, reported on its row
        expect_error(o, "target-qualitative", "cluster.yaml", line, None)
        return
    if field.limit and word_count(printed) > field.limit:
        expect_error(o, "text-too-long", "cluster.yaml", line, col)
        return
    expect_document(o, field, base, printed)


# ~30 examples per property keeps the file near a minute; DOCGEN_PROPERTY_EXAMPLES=500 for a deeper run.
MAX_EXAMPLES = int(os.environ.get("DOCGEN_PROPERTY_EXAMPLES", "30"))
SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MODES = st.sampled_from(["escaped", "printable", "raw"])


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "ws")


@SETTINGS
@given(s=values(), mode=MODES)
@example(s="A{_{B}_}C{_%D%_}E", mode="printable")
@example(s="# 注释", mode="escaped")  # every character an escape: no space of the source to find
@example(s="名称\x1c", mode="escaped")
@example(s="泉山\x80市", mode="raw")
def test_short_text(ws: Workspace, tmp_path: Path, s: str, mode: str):
    check_cluster_value(ws, ORG, s, mode, tmp_path)


@SETTINGS
@given(s=values(40), mode=MODES)
@example(s="集群" * 201, mode="printable")
@example(s="第一行\r\n第二行", mode="escaped")
@example(s="\u200b", mode="escaped")  # only an invisible character: removed, so nothing was written
def test_narrative(ws: Workspace, tmp_path: Path, s: str, mode: str):
    check_cluster_value(ws, NARRATIVE, s, mode, tmp_path)


@SETTINGS
@given(s=values(), mode=MODES)
@example(s="平台\r\n名称", mode="escaped")
@example(s="x\ud83d\ude00", mode="raw")
def test_inline_list_cell(ws: Workspace, tmp_path: Path, s: str, mode: str):
    check_cluster_value(ws, PLATFORM, s, mode, tmp_path)


@SETTINGS
@given(s=values(), mode=MODES)
@example(s="合作{{ 基本情况 }}&<>", mode="printable")
@example(s=" 1e5", mode="escaped")
@example(s="定性\r\n描述", mode="escaped")
def test_qualitative_target_text(ws: Workspace, tmp_path: Path, s: str, mode: str):
    check_cluster_value(ws, QUALITATIVE, s, mode, tmp_path)


def plan_text(s: str) -> str:
    """What the paragraph prints: white space at either end dropped (docs/plan.md: 行首的半角、全角空格会被去掉;
    Markdown trims a paragraph's ends), everything between as written."""
    return s.strip()


@SETTINGS
@given(s=values(line_breaks=False))
@example(s="　　全角缩进{_{x}_}")
@example(s="A\\{\\{ x \\}\\} &amp; <div> 😀")
def test_plan_paragraph(ws: Workspace, tmp_path: Path, s: str):
    # a blank paragraph is no paragraph; a paragraph that is only the table marker is a rule of its own
    assume((plan_text(s) != "" or XML_ILLEGAL.search(s)) and "目标指标表" not in s)
    base = baseline(PLAN, tmp_path)
    w = md_paragraph(s)
    line, col = ws.put(PLAN, w)
    o = ws.build()
    assert_no_crash(o)
    if SURROGATE.search(s):  # not UTF-8: refused at the bad byte
        k = SURROGATE.search(s).start()
        expect_error(o, "plan-encoding", "plan.md", line, col + w.cols[k])
        return
    if XML_ILLEGAL.search(s):
        k = XML_ILLEGAL.search(s).start()
        expect_error(o, "text-control-char", "plan.md", line, col + w.cols[k])
        return
    expect_document(o, PLAN, base, plan_text(s), trim=True)


# -- the nastiest documents through LibreOffice ----------------------------------------------------
NASTIEST = [
    ("甲子样例", "甲子样例{{ 基本情况 }}{% if true %}&amp;<w:t>]]>\"'😀👨\u200d👩\u200d👧🇨🇳"),
    ("乙丑核对", "乙丑核对\u202bעברית العربية\u202c\u200f\u200e\u2066x\u2069e\u0301𠀀\ufeff\u200b"),
    ("丙寅校验", "丙寅校验\t\u3000\u00a0\x85\u2028\x7f\x80\U0010ffff\ufdd0<>&\\n"),
]


def need_soffice() -> None:
    missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {', '.join(missing)} (LibreOffice, poppler-utils)")
        pytest.skip(f"{', '.join(missing)} not installed")


@pytest.mark.slow
def test_nastiest_documents_open_in_libreoffice(tmp_path: Path):
    need_soffice()
    names = []
    for i, (cjk, s) in enumerate(NASTIEST):
        ws = Workspace(tmp_path / f"w{i}")
        for field in (ORG, NARRATIVE, PLATFORM, QUALITATIVE):
            ws.put(field, yaml_scalar(s, "printable"))
            ws.originals[field.file] = (ws.folder / field.file).read_bytes()
        ws.put(PLAN, md_paragraph(s))
        name = tmp_path / f"申报{i}"
        ws.folder.rename(name)
        names.append(name)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", *map(str, names), "-o", str(out), "--pdf"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 0, result.output
    for (cjk, s), name in zip(NASTIEST, names):
        folder = out / name.name
        assert_sound_docx(folder / OUT_DOCX)
        pdf = folder / "申报表.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
        flat = re.sub(r"\s+", "", text.decode("utf-8"))
        # the field's CJK part, in each of the five places it was written
        assert flat.count(cjk) >= 5, (cjk, flat.count(cjk))


def test_oracle_yaml_writer_round_trips():
    """The oracle's own helpers: the YAML writer round-trips through ruamel exactly."""
    from ruamel.yaml import YAML

    for s in ["a\"b\\c", "😀\ud800x", "\x85\u2028\n\r\t", "中文\ufeff", "\x00\x7f\x9f"]:
        for mode in ("escaped", "printable"):
            text = yaml_scalar(s, mode).data.decode("utf-8")
            assert YAML(typ="safe", pure=True).load("k: " + text)["k"] == s, (s, mode, text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
