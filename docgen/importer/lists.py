"""The form's lists: the counts it prints in the sections, and the rows of the 附表 and the
佐证材料清单 that docgen appends after section 九 (a form filled by hand has only the counts)."""
from __future__ import annotations

import re
from typing import Any

from ..evidence_list import numbered_name
from ..form import kinds
from ..form import text as T
from ..form.kinds import NONE_TEXT
from ..form.spec import GREEN_CATEGORIES, PLATFORM_LABELS, SECTIONS
from ..validate.evidence import EVIDENCE_DIR
from .docx_read import Row, Table
from .labels import Target, is_pending, place, proved_labels
from .locate import Locator
from .values import a_date, clean, norm, number


def read_list_count(loc: Locator, tbl: Table, t: Target, rows: list[Row]) -> None:
    """What the form prints for a list: counts (and 创新平台's names); the rows are in the 附表."""
    f = t.field
    if f.key == "创新平台":
        levels = {}
        for row in rows:
            cells = [c for c in row.cells[1:] if not c.continues]
            for i, c in enumerate(cells[:-1]):
                level = next((lv for lv, lab in PLATFORM_LABELS.items() if norm(lab) == norm(c.text)), None)
                if level:
                    body = cells[i + 1].text
                    n = re.search(r"数量[：:]?\s*(\d+)", body)
                    names = body.split(T.PLATFORM_NAMES.rstrip("："), 1)[-1].lstrip("：:").strip() if "名称" in body else ""
                    levels[level] = (int(n.group(1)) if n else None,
                                     [x for x in re.split(r"[、；;\n]", names) if x.strip() and x.strip() != NONE_TEXT],
                                     place(tbl, row))
        loc.r.list_counts[f.key] = levels
    elif f.key == "标准":
        loc.r.list_counts[f.key] = sum(
            int(c.text) for row in rows[1:] for c in row.cells if not c.continues and c.text.strip().isdigit())
    else:
        text = " ".join(c.text for c in rows[0].cells[1:] if not c.continues)
        if f.key == "绿色制造":
            loc.r.list_counts[f.key] = {
                cat: int(m.group(1)) for cat in GREEN_CATEGORIES
                for m in [re.search(cat + r"数量\s*(\d+)", text.replace("\n", ""))] if m
            }
        else:
            m = re.search(r"(\d+)\s*个", text)
            loc.r.list_counts[f.key] = int(m.group(1)) if m else None
    loc.r.list_places[f.key] = [place(tbl, rows[0])]


def evidence_path(printed: str) -> str:
    """The file a 佐证材料清单 row names, as a path in the imported folder: docgen prints the
    file's numbered name (16-标准制修订证明汇编.pdf, as in the package's 佐证材料/ folder),
    older forms the path itself (evidence/55-标准制修订证明汇编.pdf)."""
    p = printed.strip().replace("\\", "/")
    return p if "/" in p else f"{EVIDENCE_DIR}/{p}"


def listed_name(path: str) -> str:
    """A file's name without its folders and the number before it (55-标准汇编.pdf → 标准汇编.pdf):
    what stays of it when the 佐证材料清单 numbers it anew."""
    return numbered_name(0, 1, path).split("-", 1)[1]


# -- the tables docgen appends: 附表 1–5 and 佐证材料清单 ------------------------------------

def read_list_table(loc: Locator, tbl: Table) -> bool:
    if not tbl.rows:
        return False
    header = [norm(c.text) for c in tbl.rows[0].cells]
    if not header or header[0] != norm(T.SERIAL):
        return False
    if header[1:3] == [norm(x) for x in T.EVIDENCE_COLUMNS[1:3]]:
        loc.r.seen_docgen_tables = True
        for row in tbl.rows[1:]:
            cells = [clean(c.text) for c in row.cells]
            if len(cells) >= 3 and cells[0].isdigit() and cells[1]:
                path = evidence_path(cells[1])
                loc.r.evidence[int(cells[0])] = path
                for what in proved_labels(cells[2]):
                    loc.r.proves.setdefault(what, []).append(path)
        return True
    best, best_n = None, 0
    for s in SECTIONS:
        for f in s.fields:
            if isinstance(f, kinds.ListField):
                labels = {norm(c.kind.label) for c in f.columns}
                n = sum(h in labels for h in header)
                if n > best_n:
                    best, best_n = (s.key, f), n
    if best is None or best_n < 2:
        return False
    loc.r.seen_docgen_tables = True
    sec, f = best
    cols: list[kinds.Column | str | None] = []
    for h in header[1:]:
        col = next((c for c in f.columns if norm(c.kind.label) == h), None)
        if col is None and h in (norm(T.EVIDENCE_REF), "佐证材料", "佐证"):
            col = "ref" if h == norm(T.EVIDENCE_REF) else "佐证"
        cols.append(col)
    rows, places = [], []
    for row in tbl.rows[1:]:
        cells = [c for c in row.cells if not c.continues]
        texts = [clean(c.text) for c in cells]
        if not any(t and not is_pending(t) for t in texts[1:]):
            continue
        out: dict[str, Any] = {}
        where = place(tbl, row)
        for col, text in zip(cols, texts[1:]):
            if col is None:
                if text:
                    loc.unmapped(where, text)
                continue
            if col in ("ref", "佐证"):
                out["_ref" if col == "ref" else "佐证"] = text
                continue
            k = col.kind
            if not text or is_pending(text):
                continue
            if isinstance(k, kinds.Number):
                v, note = number(text, k.unit)
            elif isinstance(k, kinds.DateField):
                v, note = a_date(text)
            else:
                v, note = text, ""
            if v is None:
                v, note = text, ""
            if note:
                loc.r.interpreted.append((where, f"{f.label}：{col.key}", note))
            out[col.key] = v
        rows.append(out)
        places.append(where)
    if loc.r.appendix_ref:  # “本表各项均见佐证材料清单第N项”: every row cites it
        for out in rows:
            if not out.get("_ref") and not out.get("佐证"):
                out["_ref"] = loc.r.appendix_ref
        loc.r.appendix_ref = None
    loc.r.lists[f.key] = rows
    loc.r.list_places[f.key] = places
    return True
