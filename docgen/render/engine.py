"""docxtpl rendering: one Application + the template → the .docx package.

Public APIs only: docxtpl's DocxTemplate.render and save, then docgen.word.package
finishes the saved package (metadata, settings, reproducible zip). The Jinja
environment is sandboxed (user text can never reach attributes or code), autoescapes
(the context's Markup is already escaped XML; anything else is escaped), and is strict:
a name the context lacks stops the build and names it, never a silent blank.

The parts with no fixed shape (plan, 附表, 清单) are rendered as stand-in comments and
put into the saved document.xml afterwards (docgen/render/splice.py): docxtpl's
regular-expression passes and python-docx's parser then see only the form (~10 % of
the text), which keeps a build within the speed goal (benchmarks/bench_build.py).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import re
from functools import lru_cache
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import (BaseLoader, FileSystemBytecodeCache, StrictUndefined, TemplateError, TemplateNotFound,
                    TemplateSyntaxError, UndefinedError)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .. import settings as S
from ..model import Application
from ..word import styles as ws
from ..word.package import finish_entries, read_entries
from .context import Ns, RenderError, build_context
from .fragments import build_fragments
from .splice import FragmentSplice


class FieldUndefined(StrictUndefined):
    """StrictUndefined whose message names the dotted path the template asked for."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:  # type: ignore[override]
        obj, name = self._undefined_obj, self._undefined_name
        if isinstance(obj, Ns):
            return f"{obj.path}.{name}" if not isinstance(name, int) else f"{obj.path}[{name}]"
        if self._undefined_hint:
            return self._undefined_hint
        return str(name)


class _PartLoader(BaseLoader):
    """The template parts docxtpl hands to `from_string`, by the digest of their text."""

    def __init__(self):
        self.sources: dict[str, str] = {}

    def get_source(self, environment, template):
        if template not in self.sources:
            raise TemplateNotFound(template)
        return self.sources[template], None, lambda: True


class FormEnvironment(SandboxedEnvironment):
    """The sandbox, with docxtpl's `from_string` going through Jinja's loader, so that Jinja's
    own template cache (in a process) and bytecode cache (between runs) keep the compiled
    template. Compiling the form's body, headers and footers takes ~90 ms a build
    (A/B like benchmarks/bench_build.py, 9 runs: subprocess build 460 ms = 2.51× import-docxtpl with the
    bytecode cache, 547 ms = 2.98× with DOCGEN_NO_CACHE=1)."""

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        name = "docx-part-" + hashlib.sha256(source.encode("utf-8")).hexdigest()
        sources = self.loader.sources
        if name not in sources and len(sources) > 64:
            sources.clear()
        sources[name] = source
        return self.get_template(name)


def cache_dir() -> Path | None:
    """Where Jinja keeps compiled templates between runs (None: DOCGEN_NO_CACHE=1 or not writable)."""
    if os.environ.get("DOCGEN_NO_CACHE"):
        return None
    explicit = os.environ.get("DOCGEN_CACHE_DIR")
    base = Path(explicit) if explicit else \
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "docgen"
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base if os.access(base, os.W_OK) else None


@lru_cache(maxsize=1)
def jinja_env() -> SandboxedEnvironment:
    where = cache_dir()
    return FormEnvironment(autoescape=True, undefined=FieldUndefined, keep_trailing_newline=True,
                           loader=_PartLoader(), cache_size=64,
                           bytecode_cache=FileSystemBytecodeCache(str(where)) if where else None)


def _near(exc: Exception) -> str:
    """The template text around a Jinja error (docxtpl attaches the lines as docx_context)."""
    lines = getattr(exc, "docx_context", None)
    if not lines:
        return ""
    if isinstance(lines, str):
        return lines.strip()[:80]
    return "".join(lines).strip()[:80]


def packaged_templates() -> Path:
    """The templates shipped with docgen: templates/ of a checkout, docgen/templates when installed."""
    here = Path(__file__).resolve().parents[1]
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


def default_template_path() -> Path:
    return packaged_templates() / S.TEMPLATE_FILE


@lru_cache(maxsize=8)
def _template_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    return Path(path).read_bytes()


def template_bytes(path: Path | None = None) -> bytes:
    """The template's bytes (read once per process while unchanged); the shipped one when path is None."""
    path = path or default_template_path()
    stat = path.stat()
    return _template_bytes(str(path), stat.st_mtime_ns, stat.st_size)


def describe_template_error(exc: Exception, template_name: str) -> str:
    near = _near(exc)
    where = f"（模板文字“{near}”附近）" if near else ""
    if isinstance(exc, UndefinedError):
        return (f"模板 {template_name} 引用了数据中没有的名称“{exc.message}”{where}；"
                "请检查模板里的 {{ … }} 是否写错，可用的名称见 docs/rendering.md")
    if isinstance(exc, SecurityError):
        return f"模板 {template_name} 使用了不允许的写法{where}：{exc}"
    if isinstance(exc, TemplateSyntaxError):
        return f"模板 {template_name} 的 {{{{ … }}}} 或 {{% … %}} 标记写法有误{where}：{exc.message}"
    return f"模板 {template_name} 无法生成{where}：{exc}"


_STYLE_REF = re.compile(rb'(<w:(?:pStyle|rStyle|tblStyle) w:val=")([^"]*)("/>)')


def template_style_ids(document) -> dict[str, str]:
    """docgen's style id → the id the template uses for the style of that name.

    The names are the contract (what a person sees in Word's style pane); ids may change when
    a template is saved by another program (LibreOffice writes 规划标题 1 as "1", 表格文字 as
    "Style24"). A style the template lacks stops the build with its name."""
    by_name = {style.name.casefold(): style.style_id for style in document.styles if style.name}
    out, missing = {}, []
    for style_id, name in ws.style_names().items():
        actual = by_name.get(name.casefold())
        if actual is None:
            missing.append(name)
        else:
            out[style_id] = actual
    if missing:
        raise RenderError(f"模板缺少样式：{'、'.join(missing)}；生成的规划、附表要用到这些样式。"
                          "请从 templates/申报表模板.docx 复制这些样式（Word：开始 ▸ 样式 ▸ 管理样式 ▸ 导入/导出）")
    return out


def _restyle(document_xml: bytes, ids: dict[str, str]) -> bytes:
    """Style references renamed to the template's ids (nothing to do for docgen's own template)."""
    renamed = {k.encode(): v.encode() for k, v in ids.items() if k != v}
    if not renamed:
        return document_xml
    return _STYLE_REF.sub(lambda m: m.group(1) + renamed.get(m.group(2), m.group(2)) + m.group(3), document_xml)


def _author(app: Application) -> str:
    """Who the 申报表 is from: the 县级中小企业主管部门 (docgen when it is not given yet)."""
    authority = app.get("基本情况.县级中小企业主管部门")
    name = authority.get("名称") if isinstance(authority, dict) else None
    return name if isinstance(name, str) and name.strip() else S.CORE_AUTHOR


def render_application(app: Application, template: bytes, *, draft: bool = False,
                       when: _dt.datetime | None = None, template_name: str = S.TEMPLATE_FILE,
                       toc: bool | None = None) -> bytes:
    """The finished, deterministic .docx bytes for one application.

    `toc`: a 目录 (TOC field of the plan's headings) at the start of section 八; by default
    in drafts only, since the official form has none."""
    tpl = DocxTemplate(io.BytesIO(template))
    style_ids = template_style_ids(tpl.get_docx())
    splice = FragmentSplice()
    fragments = build_fragments(app, draft=draft, toc=draft if toc is None else toc)
    ctx = build_context(app, splice.stand_ins(fragments), draft=draft)
    try:
        tpl.render(ctx, jinja_env=jinja_env())
    except TemplateError as exc:
        raise RenderError(describe_template_error(exc, template_name)) from exc
    buf = io.BytesIO()
    tpl.save(buf)
    entries = read_entries(buf.getvalue())
    body = tpl.docx.part.partname.membername
    entries[body] = _restyle(splice.fill(entries[body]), style_ids)
    name = app.get("封面.集群名称", "")
    title = f"{name} 山东省特色产业集群申报表" if isinstance(name, str) and name else "山东省特色产业集群申报表"
    return finish_entries(entries, title=title, subject="山东省特色产业集群申报表（附件2）", author=_author(app),
                          keywords="草稿" if draft else "", when=when)
