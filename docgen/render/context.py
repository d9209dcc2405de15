"""The template's data: the Application, formatted by docgen.present, as escaped WordprocessingML.

The context mirrors cluster.yaml (`基本情况.集群占地面积`, `主导产业情况.集群总产值[2021]`);
a yes/no, choice or checkbox field is a mapping option → ☑/□; a list the form only
counts is its counts (`创新能力情况.标准[2021].国际.主持`, `创新能力情况.创新平台.省级.数量`).
Every leaf is a `Markup`: user text escaped here, once (docgen.word.xml), so the template never sees raw
user text and the autoescaping environment never escapes twice. A draft's missing
value becomes a highlighted run 【待填写：…】.
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from .. import present
from .. import settings as S
from ..form import kinds
from ..form.kinds import NONE_TEXT, YEARS
from ..form.spec import GREEN_CATEGORIES, PLATFORM_LEVELS, SECTIONS, STANDARD_CATEGORIES, STANDARD_ROLES
from ..load.yamlfile import XML_ILLEGAL  # characters XML 1.0 cannot hold
from ..model import MISSING, Application
from ..word.xml import escape_text



class Ns(dict):
    """A mapping that knows its dotted path, so a missing name is reported as 基本情况.xxx."""

    __slots__ = ("path",)

    def __init__(self, path: str, *args, **kw):
        super().__init__(*args, **kw)
        self.path = path


class RenderError(Exception):
    """A rendering failure, with a message for the user (Chinese)."""


def missing_run(text: str) -> str:
    """Close the template's run, add a highlighted run with `text`, reopen a plain run."""
    return (
        "</w:t></w:r><w:r><w:rPr>"
        f'<w:highlight w:val="{S.MISSING_HIGHLIGHT}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape_text(text)}</w:t></w:r><w:r><w:t xml:space="preserve">'
    )


def cell(value: Any, where: str = "") -> Markup:
    """One printed value as markup for a `{{ … }}` inside a w:t."""
    if isinstance(value, Markup):
        return value
    if value is None or value is MISSING:
        raise RenderError(f"内部错误：栏目“{where}”没有可打印的值")
    text = str(value)
    if XML_ILLEGAL.search(text):  # the loader refuses these with their location; the last guard
        raise RenderError(f"栏目“{where}”含有 Word 文档不能保存的控制字符；请删去后再生成")
    if present.is_pending(value):
        return Markup(missing_run(text))
    out = Markup(escape_text(text))  # also keeps docxtpl's {_{ … }_} markers as typed
    if "\n" in out or "\r" in out:  # a line break inside a cell, as Word writes it
        lines = out.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        out = Markup('</w:t><w:br/><w:t xml:space="preserve">').join(lines)
    return out


def _ns(path: str, items: dict) -> Ns:
    return Ns(path, {k: cell(v, f"{path}.{k}") if not isinstance(v, Ns) else v for k, v in items.items()})


def _field_value(app: Application, sec_key: str, f: kinds.Field, v: Any, draft: bool) -> Any:
    path = f"{sec_key}.{f.key}"
    if isinstance(f, kinds.Group):
        sub = v if isinstance(v, dict) else {}
        return _ns(path, {g.key: _leaf(g, sub.get(g.key, MISSING), draft) for g in f.fields})
    if isinstance(f, kinds.YearSeries):
        series = v if isinstance(v, dict) else {}
        label = f.label
        return _ns(path, {y: present.number(series.get(y, MISSING), f"{label} {y}年") for y in f.years})
    if isinstance(f, (kinds.YesNo, kinds.Choice, kinds.Checkboxes)):
        return _ns(path, present.boxes(f, v))
    if isinstance(f, kinds.ListField) or isinstance(f, kinds.TargetRows):
        return None  # counts are added by list_values; rows by fragments
    return cell(_leaf(f, v, draft), path)


def _leaf(f: kinds.Field, v: Any, draft: bool) -> str:
    if present.is_missing(v) and not f.required:
        if isinstance(f, kinds.Number) and f.derivable:
            return present.pending(f.label) if draft else NONE_TEXT
        return ""  # an optional cell printed blank (e.g. 市级推荐意见: written by hand)
    return present.value(f, v)


def list_values(app: Application, draft: bool) -> dict[str, dict[str, Any]]:
    """The counts the form prints for its lists (derived by docgen.derive)."""
    d = app.derived
    if "标准数量" not in d:
        from ..derive import list_counts

        d = {**list_counts(app), **d}

    def absent(dotted: str) -> bool:
        return app.get(dotted) is MISSING

    out: dict[str, dict[str, Any]] = {}
    sk = "创新能力情况"
    std = d.get("标准数量", {})
    std_missing = absent(f"{sk}.标准")
    years = Ns(f"{sk}.标准")
    marker_used = False
    for y in YEARS:
        cats = Ns(f"{sk}.标准[{y}]")
        for c in STANDARD_CATEGORIES:
            roles = {}
            for r in STANDARD_ROLES:
                if std_missing:
                    roles[r] = present.pending("标准清单") if not marker_used else ""
                    marker_used = True
                else:
                    roles[r] = present.count(std.get(y, {}).get(c, {}).get(r, 0))
            cats[c] = _ns(f"{sk}.标准[{y}].{c}", roles)
        years[y] = cats
    plat = d.get("创新平台", {})
    plat_missing = absent(f"{sk}.创新平台")
    levels = Ns(f"{sk}.创新平台")
    for level in PLATFORM_LEVELS:
        names = plat.get(level, [])
        if plat_missing:
            levels[level] = _ns(f"{sk}.创新平台.{level}", {"数量": present.pending("创新平台清单"), "名称": ""})
        else:
            levels[level] = _ns(f"{sk}.创新平台.{level}",
                                {"数量": present.count(len(names)), "名称": present.join_names(names)})
    out[sk] = {
        "标准": years,
        "创新平台": levels,
        "有效发明专利": cell(present.count(d.get("有效发明专利数量", MISSING), "有效发明专利清单"),
                         f"{sk}.有效发明专利"),
    }
    sk = "绿色化转型情况"
    green = d.get("绿色制造数量", {})
    green_missing = absent(f"{sk}.绿色制造")
    out[sk] = {
        "绿色制造": _ns(f"{sk}.绿色制造", {
            c: present.pending("绿色制造清单") if green_missing else present.count(green.get(c, 0))
            for c in GREEN_CATEGORIES
        })
    }
    out["开放合作情况"] = {
        "境外分支机构": cell(present.count(d.get("境外分支机构数量", MISSING), "境外分支机构清单"),
                         "开放合作情况.境外分支机构"),
    }
    return out


def build_context(app: Application, fragments: dict[str, Any], *, draft: bool = False) -> dict[str, Any]:
    """Everything the template may name. `fragments`: 规划, 附表 (a mapping), 佐证材料清单."""
    ctx: dict[str, Any] = {}
    for sec in SECTIONS:
        raw = app.data.get(sec.key, {})
        raw = raw if isinstance(raw, dict) else {}
        ns = Ns(sec.key)
        for f in sec.fields:
            v = raw.get(f.key, MISSING)
            shown = _field_value(app, sec.key, f, v, draft)
            if shown is not None:
                ns[f.key] = shown
        ctx[sec.key] = ns
    for sec_key, extra in list_values(app, draft).items():
        ctx[sec_key].update(extra)
    cover = ctx["封面"]
    city, county = present.region(app.get("封面.所属市"), app.get("封面.所属县"))
    cover["所属地区"] = _ns("封面.所属地区", {"市": city, "县": county})
    authority = app.get("基本情况.县级中小企业主管部门", {})
    authority = authority if isinstance(authority, dict) else {}
    cover["联系人及联系电话"] = cell(
        present.contact(authority.get("联系人", MISSING), authority.get("联系方式", MISSING)),
        "封面.联系人及联系电话",
    )
    ctx["草稿"] = escape(S.DRAFT_MARK) if draft else Markup("")
    ctx["规划"] = fragments["规划"]
    ctx["附表"] = Ns("附表", fragments["附表"])
    ctx["佐证材料清单"] = fragments["佐证材料清单"]
    return ctx
