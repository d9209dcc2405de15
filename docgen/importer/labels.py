"""The form's words, as the importer compares them: its labels (from docgen.form.spec), its
fixed texts (from docgen.form.text), and what one import reads (Target, Reading)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..form import kinds
from ..form import text as T
from ..form.kinds import YEARS
from ..form.spec import PLATFORM_LABELS, SECTIONS
from ..render.template_kit import split_hint
from ..settings import MISSING_TEXT
from .docx_read import Row, Table
from .values import clean, norm

YEAR_CELL = re.compile(r"^\s*(20\d\d)\s*年\s*度?\s*$")  # 2021年 — a bare 2057 is a value (20.57 without its point)


def formula_text(text: str) -> str:
    """The formula after “计算公式：” (the line above it is the form's note, which says 计算公式 too)."""
    lines = text.split("\n")
    prefix = norm(T.CO2_FORMULA_PREFIX)
    for i, ln in enumerate(lines):
        if norm(ln).startswith(prefix):
            head = re.sub(r"^[\s\u3000]*" + T.CO2_FORMULA_PREFIX.rstrip("：") + r"[\s\u3000]*[:：]?", "", ln, count=1)
            return clean("\n".join([head, *lines[i + 1:]]))
    return clean("\n".join(ln for ln in lines if norm(ln) != norm(T.CO2_FORMULA_NOTE)))


_PENDING = MISSING_TEXT.split("{")[0]  # 【待填写：


def is_pending(text: str) -> bool:
    """A draft's 【待填写：…】 marker (the blank form docgen prints) counts as empty."""
    return _PENDING in text


@dataclass
class Target:
    """Where a label leads: a field of a section (and a sub-field of a group)."""

    sec: str
    field: kinds.Field
    sub: kinds.Field | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return (self.sec, self.field.key) + ((self.sub.key,) if self.sub else ())


@dataclass
class Reading:
    """Everything read from the document, and how."""

    data: dict[str, dict[str, Any]] = field(default_factory=lambda: {s.key: {} for s in SECTIONS})
    places: dict[tuple, str] = field(default_factory=dict)  # value path → 表N:行M / 段落N
    read: list[tuple[str, str, str]] = field(default_factory=list)  # (label path, place, value)
    interpreted: list[tuple[str, str, str]] = field(default_factory=list)  # (place, label, note)
    unmapped: list[tuple[str, str]] = field(default_factory=list)  # (place, text)
    conflicts: list[str] = field(default_factory=list)
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    list_places: dict[str, list[str]] = field(default_factory=dict)
    list_counts: dict[str, Any] = field(default_factory=dict)  # what the form prints for each list
    evidence: dict[int, str] = field(default_factory=dict)  # 佐证材料清单: serial → path
    proves: dict[str, list[str]] = field(default_factory=dict)  # norm(what it proves) → paths
    plan_blocks: list = field(default_factory=list)
    plan_place: str = ""
    seen_docgen_tables: bool = False  # the 附表 and 佐证材料清单 docgen appends
    appendix_ref: str | None = None  # “本表各项均见佐证材料清单第N项” above the next 附表


def _labels() -> list[tuple[str, Target]]:
    out: list[tuple[str, Target]] = []
    for s in SECTIONS:
        for f in s.fields:
            names = {f.label, split_hint(f.label)[0]}
            for n in names:
                out.append((norm(n), Target(s.key, f)))
    return out


LABELS = _labels()
SECTION_HEADINGS = {norm(s.heading): s.key for s in SECTIONS if s.number}
FIXED = {norm(t) for t in (
    T.COVER_NAME_HINT, T.BASIC_NAME_HINT, T.YEAR_HEADER, T.CONTACT, T.CONTACT_PHONE, T.STANDARD_CATEGORY,
    T.STANDARD_LEAD, T.STANDARD_JOIN, T.NEW_MODES_GROUP, T.CO2_FORMULA_NOTE, T.CARBON_EVIDENCE_NOTE,
    T.DECLARATION, T.PROMISE, T.SIGNATURE, T.SEAL, T.DATE_LINE, T.RECOMMENDER_SEAL, T.RECOMMENDATION,
    *PLATFORM_LABELS.values(), *(f"{y}年" for y in YEARS), "国际", "国家", "行业", "团体",
)}


# A 附表's heading: “附表3　集群内中小企业有效发明专利清单” in one paragraph, or (older forms) “附表3”
# and the title in two; and the line “（《山东省特色产业集群申报表》附表）” below it.
APPENDIX_HEADINGS = {
    norm(x): key
    for n, key in enumerate(T.APPENDIX_TITLES, 1)
    for x in (T.appendix_title(n, key), T.appendix_title(n, key).split("\u3000")[0], T.APPENDIX_TITLES[key])
}
SEE_APPENDIX = {norm(T.see_appendix(key)) for key in T.APPENDIX_TITLES}  # “（详见附表3）” under a label
_FOR_ALL = norm(T.EVIDENCE_FOR_ALL.split("{")[0])  # 佐证材料本表各项均见佐证材料清单第


def is_appendix_heading(text: str) -> bool:
    """A 附表's heading or the line naming the form it belongs to (see APPENDIX_HEADINGS)."""
    key = norm(text)
    return key in APPENDIX_HEADINGS or key == norm(T.APPENDIX_OF)


def common_evidence_ref(text: str) -> str | None:
    """“佐证材料：本表各项均见佐证材料清单第16项” above a 附表 → “16” (the 序号 every row cites)."""
    if not norm(text).startswith(_FOR_ALL):
        return None
    numbers = re.findall(r"\d+", text)
    return "、".join(numbers) or None


def proved_labels(statement: str) -> list[str]:
    """What a 佐证材料清单 row says its file proves, as the form's labels (normalized):
    “组：勾选“甲”、“乙””→ 组甲, 组乙 (quotes inside an option printed as ‘’); a field's own
    label; the older “组：选项”. Statements about 附表 rows are skipped (the 附表 cite by 序号),
    and so is the “等共N处” that ends a statement cut short."""
    out: list[str] = []
    for part in re.split(r"[；;]", statement):
        part = part.strip()
        if not part or re.fullmatch(r"等共\d+处", part) or re.match(r"附表\s*\d+\s*第", part):
            continue
        head, sep, rest = part.partition("：")
        if sep and rest.startswith("勾选"):
            options = re.findall(r"“([^“”]*)”", rest[2:])
            out += [norm(head + o) for o in options]
        else:
            out.append(norm(part))
    return out


def place(tbl: Table, row: Row) -> str:
    return f"表{tbl.number}:行{row.number}"
