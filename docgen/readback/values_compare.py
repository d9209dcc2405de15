"""Every value the user wrote against the value read back from the printed form.

Walks the form's fields (docgen.form.spec) so that each value is compared as its kind
prints: numbers by value (18.6 printed 18.60 is the same number; 0.058 printed 0.06 is
not), text exactly (with the printed text's half-width spaces checked against the source
file), ticks by option, evidence by the name the 佐证材料清单 prints it under, lists and
the target table row by row and cell by cell. Only what the user wrote is compared (a path
with a location); figures docgen derived are not theirs to check.
"""
from __future__ import annotations

import bisect
import datetime as _dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..evidence_list import evidence_rows
from ..findings import Findings
from ..form import kinds
from ..form.spec import SECTIONS
from ..importer.values import clean
from ..load.text import INVISIBLE_REPLACE, decode_user_text
from ..model import Application, CheckState, Loc, TargetRow
from ..numbers import format_decimal, number_text, round_half_up
from ..review.units import finer_unit
from .differences import Difference, excerpt_pair, space_note, stray_spaces

NOT_PRINTED = {"汇总表"}  # 附件1's own fields: the 申报表 does not print them


class ValueComparer:
    def __init__(self, app: Application, data: dict[str, dict[str, Any]], lists: dict[str, list[dict]]):
        self.app = app
        self.data = data
        self.lists = lists
        self.out: list[Difference] = []
        self._sources: dict[str, str] = {}
        self._names: dict[str, str] | None = None
        self._starts: dict[str, list[tuple[int, int]]] | None = None  # where each value of a file starts

    # -- walking the form ---------------------------------------------------------------------

    def run(self) -> list[Difference]:
        for s in SECTIONS:
            if s.key in NOT_PRINTED or not isinstance(self.app.data.get(s.key), dict):
                continue
            printed = self.data.get(s.key, {})
            for f in s.fields:
                self.field(f, self.app.data[s.key].get(f.key), printed.get(f.key), (s.key, f.key))
        return self.out

    def field(self, f: kinds.Field, typed: Any, printed: Any, path: tuple) -> None:
        written = typed is not None and (bool(typed) or isinstance(typed, (Decimal, list)))  # 0 and [] (无) are
        if not written or path not in self.app.locs:  # written; MISSING and "" are not
            return
        if isinstance(f, kinds.Group):
            for sub in f.fields:
                if isinstance(typed, dict):
                    self.field(sub, typed.get(sub.key), (printed or {}).get(sub.key) if isinstance(printed, dict) else None,
                               path + (sub.key,))
        elif isinstance(f, kinds.YearSeries):
            if isinstance(typed, dict):
                for y, v in typed.items():
                    p = printed.get(y) if isinstance(printed, dict) else None
                    self.scalar(f.item, v, p, path + (y,), f"{f.label}（{y}年）")
        elif isinstance(f, kinds.Checkboxes):
            self.ticks(f, typed, printed if isinstance(printed, dict) else {}, path)
        elif isinstance(f, kinds.Evidence):
            self.evidence(f.label, typed, printed, path)
        elif isinstance(f, kinds.TargetRows):
            self.targets(typed, self.data.get(path[0], {}).get(path[1]), path)
        elif isinstance(f, kinds.ListField):
            rows = self.lists.get(f.key)
            self.rows(f, typed, rows if rows is not None else printed, path)
        else:
            self.scalar(f, typed, printed, path, f.label)

    # -- one value ----------------------------------------------------------------------------

    def scalar(self, f: kinds.Field, typed: Any, printed: Any, path: tuple, label: str, unit: str = "") -> None:
        loc = self.app.loc(*path)
        if loc is None or typed is None or typed == "":
            return
        if printed is None or printed == "":
            self.add(loc, f"“{label}”没有印出来（所写：{_shown(typed)}）")
        elif isinstance(typed, Decimal) and isinstance(printed, Decimal):
            if typed != printed:
                self.add(loc, _number_message(label, typed, printed, unit))
        elif isinstance(typed, (_dt.date, Decimal)) or isinstance(printed, (_dt.date, Decimal)):
            if typed != printed:
                self.add(loc, f"“{label}”所写 {_shown(typed)}，印为 {_shown(printed)}")
        elif isinstance(typed, str) and isinstance(printed, str):
            self.text(loc, label, typed, printed)

    def text(self, loc: Loc, label: str, typed: str, printed: str) -> None:
        mine = clean(typed.replace("\r\n", "\n"))  # \r\n and \r print as one line break
        if mine != printed:
            a, b = excerpt_pair(mine, printed)
            self.add(loc, f"“{label}”印出来与所写不同：所写“{a}”，印为“{b}”{space_note(mine, printed)}")
            return
        source = self.source_text(loc) if self.wrapped(loc) else None
        if source is None:
            return
        for quote in stray_spaces(printed, source):
            self.add(loc, f"“{label}”印出了所写没有的半角空格：“{quote}”（多半是换行处被当作空格；"
                          "请把这两行接成一行）")
            break

    def ticks(self, f: kinds.Checkboxes, typed: dict, printed: dict, path: tuple) -> None:
        for o in f.options:
            state = typed.get(o.key)
            if not isinstance(state, CheckState):
                continue
            loc = self.app.loc(*path, o.key)
            if loc is None:
                continue
            shown = printed.get(o.key)
            ticked = shown not in (None, "", "否", False)
            if ticked != state.checked:
                self.add(loc, f"“{f.label}：{o.label}”所写{'勾选' if state.checked else '未勾选'}，"
                              f"印为{'☑' if ticked else '□'}")
            elif state.checked and state.evidence and shown not in ("是", True):
                self.evidence(f"{f.label}：{o.label}", state.evidence, shown, path + (o.key,))

    def evidence(self, label: str, typed: Any, printed: Any, path: tuple) -> None:
        loc = self.app.loc(*path)
        if loc is None or not typed:
            return
        names = self.printed_names()
        want = sorted(names.get(p, p) for p in typed)
        got = sorted([printed] if isinstance(printed, str) else list(printed or ()))
        if want != got:
            self.add(loc, f"“{label}”的佐证材料所写 {'、'.join(want)}，佐证材料清单印为 {'、'.join(got) or '（无）'}")

    # -- lists and the target table -------------------------------------------------------------

    def same_rows(self, typed: Any, printed: Any, path: tuple, what: str, where: str) -> list | None:
        """The printed rows when as many as the typed ones; otherwise None (the count said once)."""
        loc = self.app.loc(*path)
        if loc is None or not isinstance(typed, list):
            return None
        got = printed if isinstance(printed, list) else []
        if len(got) != len(typed):
            self.add(loc, f"{what}所写 {len(typed)} 行，{where}印出 {len(got)} 行")
            return None
        return got

    def rows(self, f: kinds.ListField, typed: Any, printed: Any, path: tuple) -> None:
        got = self.same_rows(typed, printed, path, f"“{f.label}”", "附表")
        if got is None:
            return
        printed_columns = {k for row in got for k in row}
        for i, (row, shown) in enumerate(zip(typed, got)):
            for c in f.columns:
                if c.key == "佐证":
                    if c.key in printed_columns and row.get(c.key):
                        self.evidence(f"{f.label}第 {i + 1} 行的佐证材料", row.get(c.key), shown.get(c.key), path + (i, c.key))
                    continue
                if c.key not in printed_columns:
                    continue  # a column the 附表 does not print
                self.scalar(c.kind, row.get(c.key), shown.get(c.key), path + (i, c.key), f"{f.label}第 {i + 1} 行的{c.key}")

    def targets(self, typed: Any, printed: Any, path: tuple) -> None:
        got = self.same_rows(typed, printed, path, "目标指标", "八、发展规划的目标表")
        if got is None:
            return
        for i, (row, shown) in enumerate(zip(typed, got)):
            if not isinstance(row, TargetRow):
                continue
            name = row.indicator
            cells = (("方向", row.direction), ("指标", row.indicator), ("单位", row.unit),
                     ("基准值", None if row.baseline_derived else row.baseline), ("目标值", row.target))
            for key, value in cells:
                if value is None or (path + (i, key)) not in self.app.locs:
                    continue
                printed_value = shown.get(key)
                if key == "单位" and not value and not printed_value:
                    continue
                self.scalar(kinds.Text(key, key), value, printed_value, path + (i, key), f"{name}的{key}", unit=row.unit)

    # -- helpers ----------------------------------------------------------------------------

    def add(self, loc: Loc, message: str) -> None:
        self.out.append(Difference(loc.file, loc.line, loc.col, message))

    def printed_names(self) -> dict[str, str]:
        """Each evidence file → the name the 佐证材料清单 prints it under (its 清单 number)."""
        if self._names is None:
            self._names = {use.path: f"evidence/{row.file}" for row, use in zip(evidence_rows(self.app), self.app.evidence)}
        return self._names

    def wrapped(self, loc: Loc) -> bool:
        """Whether the YAML value written at `loc` goes on past its line (the only way a line
        break becomes a space: YAML folds it; a CSV cell keeps its line breaks)."""
        if not loc.file.endswith((".yaml", ".yml")):
            return False
        if self._starts is None:
            self._starts = {}
            for where in self.app.locs.values():
                self._starts.setdefault(where.file, set()).add((where.line, where.col))
            self._starts = {f: sorted(v) for f, v in self._starts.items()}
        starts = self._starts.get(loc.file, [])
        k = bisect.bisect_right(starts, (loc.line, loc.col))
        return k == len(starts) or starts[k][0] > loc.line + 1

    def source_text(self, loc: Loc) -> str | None:
        """The text of the file a value was written in (a spreadsheet has none: its cells are exact)."""
        if loc.file not in self._sources:
            path = self.app.folder / Path(loc.file).name
            text = None
            if path.suffix.lower() in (".yaml", ".yml", ".csv", ".txt", ".md") and path.is_file():
                text = decode_user_text(path.read_bytes(), loc.file, Findings())
            # as the loader reads it: invisible characters gone, a no-break space a space
            self._sources[loc.file] = (text or "").translate(INVISIBLE_REPLACE)
        return self._sources[loc.file] or None


def _shown(v: Any) -> str:
    if isinstance(v, Decimal):
        return number_text(v)
    if isinstance(v, _dt.date):
        return f"{v.year}年{v.month}月{v.day}日"
    return str(v)


def _number_message(label: str, typed: Decimal, printed: Decimal, unit: str) -> str:
    head = f"{label} {number_text(typed)} 印为 {format_decimal(printed)}"
    if printed != round_half_up(typed):
        return head
    head += "（保留两位小数）"
    finer = finer_unit(unit, typed) if unit else None
    if finer:
        return head + f"；建议改用 {finer[0]} 写作 {number_text(finer[1].normalize())}"
    return head.replace("（保留两位小数）", "（申报表保留两位小数）")
