"""The parts of the document with no fixed shape, written as WordprocessingML text.

An `XmlFragment`'s `__html__` is body-level markup, which docxtpl puts in place of a
`{{p name }}` paragraph. All formatting here is direct (fonts from settings, East Asian
slot set), so nothing depends on the template's styles.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape as _html_escape
from typing import Any

from .. import present
from .. import settings as S
from ..form import kinds
from ..form.spec import SECTIONS, TARGET_DIRECTIONS
from ..model import MISSING, Application
from ..form import text as T
from .widths import column_widths

TYPE_WIDTH = S.PAGE_WIDTH_TW - S.MARGIN_LEFT_TW - S.MARGIN_RIGHT_TW


class XmlFragment:
    """A subdocument kept as WordprocessingML text, in pieces (no python-docx objects at all).

    The text goes into the finished document.xml as it is (docgen/render/splice.py), so it
    is written exactly as lxml would serialise it.
    """

    def __init__(self):
        self.parts: list[str] = []

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def __html__(self) -> str:
        return "".join(self.parts)

    def __str__(self) -> str:
        return self.__html__()


# ---------------------------------------------------------------------------------------------
# small builders (direct formatting)
#
# Paragraphs and table rows are written as WordprocessingML strings: python-docx's object
# API costs ~0.5 ms per cell (each property lookup walks the element's children), which
# made long lists the slowest part of a build. The markup is the same python-docx would
# produce, with the fonts of every run named in all four slots.


@lru_cache(maxsize=64)
def _rpr(role: tuple, highlight: bool = False) -> str:
    from .styles import rpr

    x = rpr(role)
    if highlight:
        x = x.replace("</w:rPr>", f'<w:highlight w:val="{S.MISSING_HIGHLIGHT}"/></w:rPr>')
    return x


def xml_escape(text: str) -> str:
    """& < > escaped, as xml.sax.saxutils.escape does (that module imports urllib.request)."""
    return _html_escape(text, quote=False)


def run_xml(text: str, role: tuple) -> str:
    """A run; a draft's 【待填写】 is highlighted; newlines become line breaks."""
    return f"<w:r>{_rpr(role, present.is_pending(text))}{_run_content(str(text))}</w:r>"


def _run_content(text: str) -> str:
    if "\n" in text or "\r" in text:
        parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return '<w:br/>'.join(_t(p) for p in parts)
    return _t(text)


def _t(text: str) -> str:
    # written as lxml writes it (an empty element self-closed): see docgen/render/splice.py
    return f'<w:t xml:space="preserve">{xml_escape(text)}</w:t>' if text else '<w:t xml:space="preserve"/>'


_JC = {None: "", "left": "left", "center": "center", "right": "right", "both": "both"}


def par_xml(text: str = "", role: tuple = S.TABLE_TEXT, *, align: str | None = None, page_break: bool = False,
            keep_next: bool = False, space_after_pt: float = 0, line_pt: float | None = None,
            first_line_chars: int = 0) -> str:
    ppr = _ppr(align, page_break, keep_next, space_after_pt, line_pt, first_line_chars, role[1])
    runs = run_xml(text, role) if text != "" else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


@lru_cache(maxsize=256)
def _ppr(align: str | None, page_break: bool, keep_next: bool, space_after_pt: float, line_pt: float | None,
         first_line_chars: int, size_pt: float) -> str:
    """Paragraph properties in schema order (the same few combinations, thousands of times)."""
    ppr = []
    if keep_next:
        ppr.append("<w:keepNext/>")
    if page_break:
        ppr.append("<w:pageBreakBefore/>")
    line = f'w:line="{int(line_pt * 20)}" w:lineRule="exact"' if line_pt else 'w:line="240" w:lineRule="auto"'
    ppr.append(f'<w:spacing w:before="0" w:after="{int(space_after_pt * 20)}" {line}/>')
    if first_line_chars:
        ppr.append(f'<w:ind w:firstLineChars="{first_line_chars * 100}" '
                   f'w:firstLine="{int(first_line_chars * size_pt * 20)}"/>')
    if align:
        ppr.append(f'<w:jc w:val="{_JC[align]}"/>')
    return "".join(ppr)


def append_xml(doc: XmlFragment, xml: str) -> None:
    """Add body-level markup (paragraphs, tables)."""
    doc.add(xml)


def add_par(container, text: str = "", role: tuple = S.TABLE_TEXT, **kw) -> None:
    append_xml(container, par_xml(text, role, **kw))


_BORDERS = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
_CELL_MAR = ('<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
             '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')


def _tc(width: int, inner: str, *, span: int = 1, vmerge: str | None = None) -> str:
    gs = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    vm = "" if vmerge is None else (f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>")
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{gs}{vm}<w:vAlign w:val="center"/></w:tcPr>'
            f"{inner}</w:tc>")


def _tr(cells: str, *, header: bool = False) -> str:
    hdr = '<w:tblHeader w:val="true"/>' if header else ""
    return f'<w:tr><w:trPr><w:cantSplit w:val="true"/>{hdr}</w:trPr>{cells}</w:tr>'


def table_xml(header: list[str], rows: list[list[str]], weights: list[float], *,
              aligns: list[str] | None = None, empty: str = kinds.NONE_TEXT,
              merge_first: bool = False, roles: tuple[tuple, tuple] | None = None,
              keep_last: int = 0, line_factor: float = S.TABLE_LINE_FACTOR) -> list[str]:
    """A bordered table: header row repeated on each page, rows that never split; no rows → 无.

    `merge_first`: equal values in column 1 of consecutive rows are merged vertically
    (方向 of the target table). `roles`: (header, body) text roles. `keep_last`: the first and
    the last `keep_last` rows stay together (keep-with-next), so a page never holds only one
    row of a list. `line_factor`: line height as a multiple of the text size. The markup comes
    in pieces (start, each row, end): a long list's text is never copied into one string.
    """
    total = TYPE_WIDTH
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    aligns = aligns or ["center"] * len(header)
    head_role, body_role = roles or (S.APPENDIX_TABLE_HEADER, S.APPENDIX_TABLE_TEXT)
    line_pt = {role: round(role[1] * line_factor, 1) for role in (head_role, body_role)}
    cell_par = lambda text, role, align: par_xml(text, role, align=align, line_pt=line_pt[role])  # noqa: E731
    # _tc(width, cell_par(text, body_role, align)) up to the text, once per column (thousands of cells)
    cell_start = [f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                  f'<w:p><w:pPr>{_ppr(a, False, False, 0, line_pt[body_role], 0, body_role[1])}</w:pPr>'
                  for w, a in zip(widths, aligns)]
    rpr_plain, rpr_pending = _rpr(body_role, False), _rpr(body_role, True)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>{_CELL_MAR}</w:tblPr>",
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
        _tr("".join(_tc(w, par_xml(h, head_role, align="center", line_pt=line_pt[head_role],
                                   keep_next=bool(keep_last))) for w, h in zip(widths, header)), header=True),
    ]
    if not rows:
        out.append(_tr(_tc(total, cell_par(empty, body_role, "center"), span=len(widths))))
    keep_from = len(rows) - keep_last if keep_last and len(rows) > keep_last else len(rows)
    keep_start = [c.replace("<w:pPr>", "<w:pPr><w:keepNext/>", 1) for c in cell_start]
    for i, values in enumerate(rows):
        # the first and the last `keep_last` rows go together: a list never starts or ends a page
        # with a row or two alone
        if (keep_from - 1 <= i or i < keep_last - 1) and i < len(rows) - 1:
            starts, keep = keep_start, True
        else:
            starts, keep = cell_start, False
        cells = []
        for j, (w, text, align) in enumerate(zip(widths, values, aligns)):
            if merge_first and j == 0:
                vmerge = None
                same_prev = i > 0 and rows[i - 1][0] == text
                same_next = i + 1 < len(rows) and rows[i + 1][0] == text
                if same_prev:
                    vmerge, text = "continue", ""
                elif same_next:
                    vmerge = "restart"
                cells.append(_tc(w, par_xml(text, body_role, align=align, line_pt=line_pt[body_role],
                                             keep_next=keep), vmerge=vmerge))
            elif text == "":
                cells.append(f"{starts[j]}</w:p></w:tc>")
            else:
                rpr = rpr_pending if present.is_pending(text) else rpr_plain
                cells.append(f"{starts[j]}<w:r>{rpr}{_run_content(str(text))}</w:r></w:p></w:tc>")
        out.append(_tr("".join(cells)))
    out.append("</w:tbl>")
    return out


def simple_table(doc: XmlFragment, header: list[str], rows: list[list[str]], weights: list[float], **kw) -> None:
    doc.parts.extend(table_xml(header, rows, weights, **kw))


# ---------------------------------------------------------------------------------------------
# 附表: the lists the form asks for


_LIST_SECTIONS = {"标准": "创新能力情况", "创新平台": "创新能力情况", "有效发明专利": "创新能力情况",
                  "绿色制造": "绿色化转型情况", "境外分支机构": "开放合作情况"}


def list_field(key: str) -> kinds.ListField:
    for sec in SECTIONS:
        if sec.key == _LIST_SECTIONS[key]:
            for f in sec.fields:
                if f.key == key:
                    return f
    raise KeyError(key)


def _cell_text(col: kinds.Column, v: Any, evidence_no: dict[str, int]) -> str:
    kind = col.kind
    if isinstance(kind, kinds.Evidence):
        if present.is_missing(v) or not v:
            return "" if not col.required else present.pending(kind.label)
        return "、".join(str(evidence_no.get(p, p)) for p in v)
    if present.is_missing(v):
        return "" if not col.required else present.pending(kind.label)
    if isinstance(kind, kinds.Number):
        return present.number(v, kind.label)
    if isinstance(kind, kinds.DateField):
        return present.date(v, kind.label)
    return str(v)


APPENDIX_TITLE = (S.XIAOBIAOSONG, S.PT["三号"], False)  # 附表3　…清单 on one line
APPENDIX_OF = (S.KAI, S.PT["小四"], False)  # （《山东省特色产业集群申报表》附表）
APPENDIX_BODY = (S.FANGSONG, S.PT["小五"], False)  # long lists: a patent's row on one or two lines
APPENDIX_HEAD = (S.HEI, S.PT["小五"], False)
APPENDIX_LINE_FACTOR = 1.15  # 小五 on 10.4 pt lines: two-line rows stay compact
DRAFT_SIZE = "\u3000" * 6  # the width a placeholder counts for when columns are sized
KEEP_LAST_ROWS = 3  # a list never starts or ends a page with fewer rows


def _title_block(doc, title: str, app: Application, *, page_break: bool = True,
                 subtitle: str | None = None, evidence: str | None = None) -> None:
    """A list's title, what it is attached to, and the cluster's name.

    A 附表 is the application's own attachment, not one of the notice's 附件: its number goes
    into the centred title (附表3　…清单) with the form it belongs to below, never as a
    黑体 label at the top left as the notice prints 附件1/附件2.
    """
    name = present.text(app.get("封面.集群名称"), "集群名称")
    xml = par_xml("", S.TABLE_TEXT, line_pt=S.BODY_LINE_SPACING_PT, keep_next=True) if not page_break else ""
    xml += par_xml(title, APPENDIX_TITLE, align="center", keep_next=True, page_break=page_break,
                   line_pt=S.BODY_LINE_SPACING_PT * 1.3)
    if subtitle:
        xml += par_xml(subtitle, APPENDIX_OF, align="center", keep_next=True, line_pt=S.BODY_LINE_SPACING_PT)
    xml += par_xml(f"集群名称：{name}", S.TABLE_TEXT, keep_next=True, space_after_pt=0 if evidence else 6,
                   line_pt=S.BODY_LINE_SPACING_PT)
    if evidence:
        xml += par_xml(evidence, S.TABLE_TEXT, keep_next=True, space_after_pt=6, line_pt=S.BODY_LINE_SPACING_PT)
    append_xml(doc, xml)


def appendix(frag: XmlFragment, app: Application, key: str, number: int,
             evidence_no: dict[str, int]) -> XmlFragment:
    f = list_field(key)
    doc = frag
    cols = [c for c in f.columns if not isinstance(c.kind, kinds.Evidence)]
    ev_cols = [c for c in f.columns if isinstance(c.kind, kinds.Evidence)]
    header = [T.SERIAL] + [c.kind.label for c in cols] + ([T.EVIDENCE_REF] if ev_cols else [])
    aligns = ["center"] + ["left" if isinstance(c.kind, kinds.Text) else "center" for c in cols] + \
        (["center"] if ev_cols else [])
    data = app.get(f"{_LIST_SECTIONS[key]}.{key}")
    rows: list[list[str]] = []
    if data is MISSING:
        rows.append([""] + [present.pending(f.label.split("（")[0] + "清单")] + [""] * (len(header) - 2))
    elif isinstance(data, list):
        for i, item in enumerate(data, 1):
            row = [str(i)] + [_cell_text(c, item.get(c.key, MISSING), evidence_no) for c in cols]
            if ev_cols:
                row.append(_cell_text(ev_cols[0], item.get(ev_cols[0].key, ()), evidence_no))
            rows.append(row)
    common = _common_evidence(rows) if ev_cols else None
    if common:  # one file proves every row: said once above the table, not in a column of equal numbers
        header, aligns, rows = header[:-1], aligns[:-1], [r[:-1] for r in rows]
    _title_block(doc, T.appendix_title(number, key), app, page_break=number == 1, subtitle=T.APPENDIX_OF,
                 evidence=T.EVIDENCE_FOR_ALL.format(numbers=common) if common else None)
    # a draft's 【待填写：…】 is sized as a short value: it wraps, the columns stay as for real data
    sizing = [[DRAFT_SIZE if present.is_pending(c) else c for c in r] for r in rows]
    widths = column_widths(header, sizing, TYPE_WIDTH, APPENDIX_BODY[1])
    simple_table(doc, header, rows, widths, aligns=aligns, roles=(APPENDIX_HEAD, APPENDIX_BODY),
                 keep_last=KEEP_LAST_ROWS, line_factor=APPENDIX_LINE_FACTOR)
    return frag


def _common_evidence(rows: list[list[str]]) -> str | None:
    """The evidence reference shared by every row of a list (several rows), or None."""
    refs = {r[-1] for r in rows}
    if len(rows) > 1 and len(refs) == 1 and next(iter(refs)) and not present.is_pending(next(iter(refs))):
        return next(iter(refs))
    return None


def evidence_list(frag: XmlFragment, app: Application) -> XmlFragment:
    doc = frag
    _title_block(doc, T.EVIDENCE_TITLE, app)
    from ..evidence_list import evidence_rows  # the rows' content: docgen/evidence_list.py

    rows = [[str(r.number), r.file, r.statement] for r in evidence_rows(app)]
    simple_table(doc, list(T.EVIDENCE_COLUMNS), rows, [0.8, 4.2, 5.0], aligns=["center", "left", "left"])
    return frag


# ---------------------------------------------------------------------------------------------
# 八: the plan


def _targets(app: Application) -> list:
    rows = app.get("发展目标.目标指标")
    return rows if isinstance(rows, list) else []


def plan(app: Application, draft: bool) -> XmlFragment:
    """Section 八's body: the parsed plan through docgen.plan (a plain fallback without one)."""
    frag = XmlFragment()
    if app.plan is not None and hasattr(app.plan, "blocks"):
        from ..plan.render import plan_xml

        frag.add(plan_xml(app.plan, _targets(app), draft=draft))
    else:
        fallback_plan(frag, app, draft)
    return frag


def _body_par(doc, text: str, role: tuple = S.BODY, *, indent: bool = True, keep_next: bool = False) -> None:
    add_par(doc, text, role, align="both", line_pt=S.BODY_LINE_SPACING_PT, keep_next=keep_next,
            first_line_chars=S.FIRST_LINE_INDENT_CHARS if indent else 0)


def fallback_plan(doc, app: Application, draft: bool) -> None:
    """Without a parsed plan: a draft marker (or the plain text), then the target table."""
    blocks = getattr(app.plan, "blocks", None)
    if blocks is None:
        if app.plan is None:
            if draft:
                _body_par(doc, present.pending("未来三年特色产业集群发展规划（plan.md）"))
        elif isinstance(app.plan, str):
            for line in app.plan.splitlines():
                if line.strip():
                    _body_par(doc, line.strip().lstrip("#").strip())
        target_table(doc, _targets(app), draft)
        return
    placed = False
    roles = {1: S.HEADING_1, 2: S.HEADING_2, 3: S.HEADING_3, 4: S.HEADING_4}
    for b in blocks:
        kind = type(b).__name__
        if kind == "Heading":
            if not getattr(b, "doc_title", False):
                _body_par(doc, b.text, roles.get(getattr(b, "level", 1), S.BODY), keep_next=True)
        elif kind == "Paragraph":
            _body_par(doc, b.text)
        elif kind == "MissingPart":
            _body_par(doc, b.part.heading, roles.get(b.level, S.BODY), keep_next=True)
            _body_par(doc, present.pending(b.part.title))
        elif kind == "TargetTablePlace":
            target_table(doc, _targets(app), draft)
            placed = True
    if not placed:
        target_table(doc, _targets(app), draft)


def target_table(doc, rows: list, draft: bool) -> None:
    """方向 | 指标 | 2023年基准值 | 2026年目标值, 方向 merged down its rows."""
    from ..plan.targets import HEADER, format_value

    data = []
    for r in rows:
        unit = getattr(r, "unit", "")
        base = r.baseline if r.baseline is not MISSING else present.pending(f"{r.indicator} 2023年基准值")
        goal = r.target if r.target is not MISSING else present.pending(f"{r.indicator} 2026年目标值")
        data.append([
            r.direction,
            r.indicator,
            base if present.is_pending(base) else format_value(base, unit),
            goal if present.is_pending(goal) else format_value(goal, unit),
        ])
    if not rows and draft:
        data.append([present.pending("发展目标.目标指标"), "", "", ""])
    if not any(r[0] == TARGET_DIRECTIONS[-1] for r in data):  # the form's 其它 row, blank when unused
        data.append([TARGET_DIRECTIONS[-1], "", "", ""])
    # as docgen.plan.render lays it out: 五号, widths from the rows with numbers
    from ..plan.render import TARGET_HEADER, TARGET_TEXT

    sizing = [r[:2] + (["", ""] if r[1] == "定性描述" else r[2:]) for r in data]
    widths = column_widths(list(HEADER), sizing, TYPE_WIDTH, TARGET_TEXT[1], short_em=12)
    simple_table(doc, list(HEADER), data, widths, merge_first=True, roles=(TARGET_HEADER, TARGET_TEXT))


def build_fragments(app: Application, *, draft: bool) -> dict[str, Any]:
    evidence_no = {use.path: i for i, use in enumerate(app.evidence, 1)}
    appendices = {}
    for n, key in enumerate(T.APPENDIX_TITLES, 1):
        appendices[key] = appendix(XmlFragment(), app, key, n, evidence_no)
    return {
        "规划": plan(app, draft),
        "附表": appendices,
        "佐证材料清单": evidence_list(XmlFragment(), app),
    }
