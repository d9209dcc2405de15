"""Find the form's values by its labels (docgen.form.spec and docgen.form.text), not by position.

The reader walks the document once. A heading paragraph (“二、主导产业情况”) sets the section;
in a table, the first cell of a row (or of a vertically merged block of rows) is the label,
matched after `values.norm` against the labels of that section first, then of the whole form;
the cells to its right are read by the field's kind. A row added, a cell merged or a label
that gained a colon therefore does not shift anything. Cells that match nothing are kept for
the report, with their table and row.
"""
from __future__ import annotations

import re
from typing import Any

from ..form import kinds
from ..form import text as T
from ..form.spec import SECTIONS
from .docx_read import Cell, Document, Para, Row, Table
from .labels import (
    YEAR_CELL,
    FIXED,
    LABELS,
    SECTION_HEADINGS,
    Reading,
    Target,
    common_evidence_ref,
    formula_text,
    is_appendix_heading,
    is_pending,
    place,
)
from .values import a_date, clean, norm, number, option_states, typed_tick


class Locator:
    def __init__(self, doc: Document):
        self.doc = doc
        self.r = Reading()
        self.section = "封面"
        self.group: Target | None = None
        self.year_cols: dict[int, int] = {}

    # -- bookkeeping ------------------------------------------------------------------------

    def label_of(self, path: tuple) -> str:
        sec = next(s for s in SECTIONS if s.key == path[0])
        f = next(f for f in sec.fields if f.key == path[1])
        out = [sec.heading, f.label]
        if len(path) > 2 and isinstance(f, kinds.Group):
            out.append(next(g.label for g in f.fields if g.key == path[2]))
        elif len(path) > 2:
            out.append(str(path[2]) + ("年" if isinstance(path[2], int) else ""))
        return " · ".join(out)

    def put(self, path: tuple, value: Any, where: str, note: str = "", shown: str | None = None) -> None:
        node = self.r.data[path[0]]
        for p in path[1:-1]:
            node = node.setdefault(p, {})
        old = node.get(path[-1])
        if old is not None and old != value:
            self.r.conflicts.append(f"{where}：“{self.label_of(path)}”又写作“{value}”，与 {self.r.places.get(path)} 的"
                                    f"“{old}”不同，采用前者")
            return
        if old is not None:
            return
        node[path[-1]] = value
        self.r.places[path] = where
        self.r.read.append((self.label_of(path), where, shown if shown is not None else str(value)))
        if note:
            self.r.interpreted.append((where, self.label_of(path), note))

    def unmapped(self, where: str, text: str) -> None:
        t = clean(text)
        if t and not is_pending(t) and norm(t) not in FIXED:
            self.r.unmapped.append((where, t))

    # -- matching ---------------------------------------------------------------------------

    def match(self, text: str) -> Target | None:
        """The field a label cell names: the label as printed, then the label with a hint or unit
        after it, a label cut short, and last a label with words around it (其中：…); among several,
        the closest in length, in the current section, not yet read."""
        key = norm(text)
        if len(key) < 2:
            return None
        tiers = (
            lambda k: k == key,
            lambda k: len(k) >= 4 and key.startswith(k),
            lambda k: len(key) >= 4 and k.startswith(key),
            lambda k: min(len(k), len(key)) >= 6 and (k in key or key in k),
        )
        for tier, ok in enumerate(tiers):
            cands = [(k, t) for k, t in LABELS if ok(k)]
            if cands:
                closest = min(abs(len(k) - len(key)) for k, _ in cands)
                pool = [t for k, t in cands if abs(len(k) - len(key)) == closest]
                if tier >= 2 and len({norm(t.field.label) for t in pool}) > 1:
                    return None  # a partial label that fits two different labels: not guessed
                pool.sort(key=lambda t: (t.sec != self.section, self._found(t)))
                return pool[0]
        return None

    def _found(self, t: Target) -> bool:
        return t.field.key in self.r.data[t.sec]

    # -- the walk ---------------------------------------------------------------------------

    def run(self) -> Reading:
        in_plan = False
        for b in self.doc.blocks:
            if isinstance(b, Para):
                key = norm(b.text)
                if key in SECTION_HEADINGS:
                    self.section = SECTION_HEADINGS[key]
                    in_plan = self.section == "发展目标"
                    if in_plan:
                        self.r.plan_place = f"段落{b.number}"
                    continue
                if in_plan:
                    self.r.plan_blocks.append(b)
                    continue
                self.paragraph(b)
            else:
                if in_plan:
                    self.r.plan_blocks.append(b)
                    continue
                if not self.list_table(b):
                    self.form_table(b)
        return self.r

    def paragraph(self, p: Para) -> None:
        t = clean(p.text)
        if not t or norm(t) in FIXED:
            return
        known = {norm(x) for x in (T.ATTACHMENT, T.TITLE, T.ISSUER, T.INSTRUCTIONS_TITLE, *T.INSTRUCTIONS,
                                   T.EVIDENCE_TITLE, T.PLAN_LIMIT, "草稿")}
        if norm(t) in known:
            return
        if is_appendix_heading(t):
            self.r.appendix_ref = None  # a new 附表: the line above the last one no longer applies
            return
        ref = common_evidence_ref(t)
        if ref is not None:
            self.r.appendix_ref = ref
            return
        if self.section == "封面" and self.cover_line(p, t):
            return
        if norm(t).startswith(norm(T.BASIC_NAME)):  # 集群名称：… above each 附表
            return
        self.unmapped(f"段落{p.number}", t)

    def cover_line(self, p: Para, t: str) -> bool:
        """A cover written as lines “集群名称：____” (the official Word file) rather than a table."""
        m = re.match(r"^(.*?)[:：](.*)$", t, re.S)
        if not m or not norm(m.group(1)):
            return False
        label, rest = m.group(1), m.group(2).replace("_", " ")
        where = f"段落{p.number}"
        key = norm(label)
        if key == norm(T.COVER_REGION):
            self.region(where, rest)
            return True
        if key == norm(T.COVER_CONTACT):
            self.r.data["封面"].setdefault("_联系", (clean(rest), where))
            return True
        target = self.match(label)
        if target is None:
            return False
        f = target.field
        if isinstance(f, kinds.Group):
            target, f = Target(target.sec, f, f.fields[0]), f.fields[0]
        self.r.places.setdefault(target.path, where)
        self.scalar(target, f, rest, where)
        return True

    # -- the form's tables ------------------------------------------------------------------

    def form_table(self, tbl: Table) -> None:
        self.year_cols = {}
        self.group = None
        blocks: list[tuple[Cell, list[Row]]] = []
        for row in tbl.rows:
            if not row.cells:
                continue
            first = row.cells[0]
            if first.continues and blocks:
                blocks[-1][1].append(row)
            else:
                blocks.append((first, [row]))
        for label_cell, rows in blocks:
            self.block(tbl, label_cell, rows)

    def block(self, tbl: Table, label_cell: Cell, rows: list[Row]) -> None:
        where = place(tbl, rows[0])
        key = norm(label_cell.text)
        values = [c for c in rows[0].cells[1:] if not c.continues]
        if key == norm(T.YEAR_HEADER):
            for c in values:
                m = YEAR_CELL.match(c.text)
                if m:
                    self.year_cols[int(m.group(1))] = c.col
            return
        if key == norm(T.CONTACT) and self.group is not None:
            self.contact_row(tbl, rows[0])
            return
        if key == norm(T.COVER_REGION):
            self.region(where, " ".join(c.text for c in values))
            return
        if key == norm(T.COVER_CONTACT):  # printed from 基本情况's contact: a fallback when that is blank
            self.r.data["封面"].setdefault("_联系", (clean(" ".join(c.text for c in values)), where))
            return
        target = self.match(label_cell.text) if key else None
        if target is None:
            for row in rows:
                for c in row.cells:
                    if c.continues:
                        continue
                    if c is label_cell and key and key != norm(T.NEW_MODES_GROUP):
                        self.unmapped(place(tbl, row), c.text)
                    elif c is not label_cell:
                        self.loose_cell(tbl, row, c)
            return
        self.group = target if isinstance(target.field, kinds.Group) else None
        self.r.places.setdefault(target.path, where)  # where a blank value should be filled in
        if self.group is not None:
            self.r.places.setdefault(target.path + (target.field.fields[0].key,), where)
        self.read_field(tbl, target, rows, values)

    def read_field(self, tbl: Table, t: Target, rows: list[Row], values: list[Cell]) -> None:
        f = t.field
        where = place(tbl, rows[0])
        text = "\n".join(c.text for c in values)
        if isinstance(f, kinds.Group):
            self.scalar(Target(t.sec, f, f.fields[0]), f.fields[0], text, where)
        elif isinstance(f, kinds.YearSeries):
            self.years(tbl, t, rows)
        elif isinstance(f, kinds.ListField):
            self.list_count(tbl, t, rows)
        elif isinstance(f, kinds.Checkboxes):
            self.boxes(t, text, where)
            self.rest(tbl, rows[1:])
        elif f.key == "市级推荐意见":
            fixed = {norm(T.RECOMMENDER_SEAL), norm(T.DATE_LINE)}
            kept = [ln for ln in text.split("\n") if norm(ln) not in fixed]
            v = clean("\n".join(kept))
            if v and not is_pending(v):
                self.put(t.path, v, where)
        else:
            self.scalar(t, f, text, where)
            self.rest(tbl, rows[1:])

    def rest(self, tbl: Table, rows: list[Row]) -> None:
        for row in rows:
            for c in row.cells:
                if not c.continues:
                    self.loose_cell(tbl, row, c)

    def scalar(self, t: Target, f: kinds.Field, text: str, where: str) -> None:
        raw = clean(text)
        if isinstance(f, kinds.Text) and f.key == "二氧化碳排放量计算公式":
            raw = formula_text(raw)
        if not raw or is_pending(raw):
            return
        if isinstance(f, kinds.Number):
            v, note = number(raw, f.unit)
            if v is None:
                self.unmapped(where, f"“{f.label}”的值无法读作数字：{raw}")
                return
            self.put(t.path, v, where, note, raw)  # the validator judges range and integer-ness
        elif isinstance(f, kinds.DateField):
            v, note = a_date(raw, f.month_only)
            if v is None:
                self.unmapped(where, f"“{f.label}”的值无法读作日期：{raw}")
                return
            self.put(t.path, v, where, note, raw)
        elif isinstance(f, (kinds.YesNo, kinds.Choice)):
            labels = [lab for _, lab in f.options] if isinstance(f, kinds.YesNo) else list(f.choices)
            keys = [k for k, _ in f.options] if isinstance(f, kinds.YesNo) else list(f.choices)
            states = option_states(raw, labels)
            ticked = [k for k, lab in zip(keys, labels) if states.get(lab)]
            if len(ticked) == 1:
                tick = typed_tick(raw)
                note = f"“{tick}”按勾选读取" if tick else ""
                self.put(t.path, ticked[0], where, note, ticked[0])
            elif not ticked and norm(raw) in {norm(lab) for lab in labels}:
                k = keys[[norm(lab) for lab in labels].index(norm(raw))]
                self.put(t.path, k, where, f"没有勾选框，所写“{raw}”读作“{k}”", k)
            elif len(ticked) > 1:
                self.unmapped(where, f"“{f.label}”勾选了多项（{'、'.join(ticked)}），只能选一项：{raw}")
            elif any(s is False for s in states.values()):
                return  # every box left empty: not answered
            else:
                self.unmapped(where, f"“{f.label}”的勾选无法识别：{raw}")
        else:
            self.put(t.path, raw, where, "", raw)

    def boxes(self, t: Target, text: str, where: str) -> None:
        f = t.field
        assert isinstance(f, kinds.Checkboxes)
        states = option_states(text, [o.label for o in f.options])
        tick = typed_tick(text)
        for o in f.options:
            s = states.get(o.label)
            path = t.path + (o.key,)
            if s is None:
                self.r.unmapped.append((where, f"“{f.label}”的选项“{o.label}”没有找到勾选框"))
                continue
            self.put(path, "是" if s else "否", where, f"“{tick}”按勾选读取" if s and tick else "",
                     "☑" if s else "□")

    def contact_row(self, tbl: Table, row: Row) -> None:
        assert self.group is not None
        g = self.group.field
        assert isinstance(g, kinds.Group)
        cells = [c for c in row.cells if not c.continues]
        i = 0
        while i < len(cells):
            sub = next((s for s in g.fields[1:] if norm(s.label) == norm(cells[i].text)), None)
            if sub is not None and i + 1 < len(cells):
                self.r.places.setdefault(self.group.path + (sub.key,), place(tbl, row))
                self.scalar(Target(self.group.sec, g, sub), sub, cells[i + 1].text, place(tbl, row))
                i += 2
            else:
                self.unmapped(place(tbl, row), cells[i].text)
                i += 1

    def region(self, where: str, text: str) -> None:
        """`__市__县(市、区)` → 所属市, 所属县 (the county's own suffix from the cluster name)."""
        self.r.places.setdefault(("封面", "所属市"), where)
        self.r.places.setdefault(("封面", "所属县"), where)
        t = clean(text).replace("\n", " ")
        m = re.fullmatch(r"[\s\u3000]*(\S*?)[\s\u3000]*市[\s\u3000]*(\S*?)[\s\u3000]*县\s*[(（]市、区[)）][\s\u3000]*", t)
        if not m:
            self.unmapped(where, t)
            return
        city, county = m.group(1), m.group(2)
        if city and not is_pending(city):
            self.put(("封面", "所属市"), city if city.endswith("市") else city + "市", where)
        if county and not is_pending(county):
            self.r.data["封面"].setdefault("_县", (county, where))

    def loose_cell(self, tbl: Table, row: Row, c: Cell) -> None:
        """A cell with no label of its own: an inline label (“计算公式：…”), a checkbox group, or unmapped."""
        where = place(tbl, row)
        text = c.text
        if not clean(text) or norm(text) in FIXED or is_pending(text):
            return
        if all(not norm(p.text) or norm(p.text) in FIXED for p in c.paras):
            return
        if T.CO2_FORMULA_PREFIX.rstrip("：") in text:
            f = next(f for s in SECTIONS for f in s.fields if f.key == "二氧化碳排放量计算公式")
            self.scalar(Target("绿色化转型情况", f), f, text, where)
            return
        # a narrative whose label is the first paragraph of the cell (数字化新模式新业态推广情况)
        if c.paras:
            t = self.match(c.paras[0].text)
            if t is not None and isinstance(t.field, kinds.Text) and norm(c.paras[0].text) == norm(t.field.label):
                self.scalar(t, t.field, "\n".join(p.text for p in c.paras[1:]), where)
                return
        best, hits = None, 0
        for s in SECTIONS:
            for f in s.fields:
                if isinstance(f, kinds.Checkboxes) and f.key not in self.r.data[s.key]:
                    states = option_states(text, [o.label for o in f.options])
                    n = sum(v is not None for v in states.values())
                    if n > hits:
                        best, hits = Target(s.key, f), n
        if best is not None and hits * 2 >= len(best.field.options):
            self.boxes(best, text, where)
            return
        self.unmapped(where, text)

    def years(self, tbl: Table, t: Target, rows: list[Row]) -> None:
        f = t.field
        assert isinstance(f, kinds.YearSeries)
        pairs: list[tuple[int, Cell, str]] = []
        for i, row in enumerate(rows):
            cells = [c for c in row.cells[1:] if not c.continues]
            year_cells = [(int(YEAR_CELL.match(c.text).group(1)), c) for c in cells if YEAR_CELL.match(c.text)]
            if year_cells and len(year_cells) < len(cells):  # 2021年 | value
                for y, yc in year_cells:
                    nxt = next((c for c in cells if c.col > yc.col), None)
                    if nxt is not None:
                        pairs.append((y, nxt, place(tbl, row)))
            elif year_cells and i + 1 < len(rows):  # years in this row, values below
                below = [c for c in rows[i + 1].cells if not c.continues]
                for y, yc in year_cells:
                    v = next((c for c in below if c.col <= yc.col < c.col + c.span), None)
                    if v is not None:
                        pairs.append((y, v, place(tbl, rows[i + 1])))
            elif not year_cells and cells and not any(p[2] == place(tbl, row) for p in pairs):
                if i > 0 and any(y for y, _, w in pairs):
                    if T.CO2_FORMULA_PREFIX.rstrip("：") in "".join(c.text for c in cells):
                        for c in cells:
                            self.loose_cell(tbl, row, c)
                    continue
                for j, c in enumerate(cells):
                    y = next((y for y, col in self.year_cols.items() if c.col <= col < c.col + c.span), None)
                    if y is None and len(cells) == len(f.years):
                        y = f.years[j]
                    if y is not None:
                        pairs.append((y, c, place(tbl, row)))
                    else:
                        self.unmapped(place(tbl, row), c.text)
        for y, c, where in pairs:
            if y in f.years:
                self._year(t, y, c.text, where)

    def _year(self, t: Target, year: int, text: str, where: str) -> None:
        f = t.field
        assert isinstance(f, kinds.YearSeries)
        raw = clean(text)
        if not raw or is_pending(raw):
            return
        v, note = number(raw, f.item.unit)
        if v is None:
            self.unmapped(where, f"“{f.label}”{year}年的值无法读作数字：{raw}")
            return
        self.put(t.path + (year,), v, where, note, raw)

    def list_count(self, tbl: Table, t: Target, rows: list[Row]) -> None:
        from .lists import read_list_count

        read_list_count(self, tbl, t, rows)

    def list_table(self, tbl: Table) -> bool:
        from .lists import read_list_table

        return read_list_table(self, tbl)
