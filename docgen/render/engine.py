"""docxtpl rendering: one Application + the template → the .docx package.

The Jinja environment is sandboxed (user text can never reach attributes or code),
autoescapes (the context's Markup is already escaped XML; anything else is escaped),
and is strict: a name the context lacks stops the build and names it, never a silent
blank. The template's patched XML and compiled Jinja templates are cached per process,
so building several applications loads and compiles the template once.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import marshal
import os
import re
import sys
import types
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .. import settings as S
from ..model import Application
from ..writer import deterministic_zip, fix_core_properties
from . import styles as st
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


@lru_cache(maxsize=1)
def jinja_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True, undefined=FieldUndefined, keep_trailing_newline=True)


CACHE_VERSION = "1"


def cache_dir() -> Path | None:
    """Where compiled templates are kept between runs (None: caching off, DOCGEN_NO_CACHE=1)."""
    if os.environ.get("DOCGEN_NO_CACHE"):
        return None
    explicit = os.environ.get("DOCGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen"


def _cache_key(raw_xml: str) -> str:
    import docxtpl
    import jinja2

    h = hashlib.sha256()
    for piece in (CACHE_VERSION, docxtpl.__version__, jinja2.__version__, sys.implementation.cache_tag,
                  type(jinja_env()).__name__, repr(jinja_env().autoescape), raw_xml):
        h.update(piece.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _disk_load(key: str):
    d = cache_dir()
    if d is None:
        return None
    try:
        source, code = marshal.loads((d / f"tpl-{key}.bin").read_bytes())
    except Exception:  # noqa: BLE001 - missing, stale or damaged: compile again
        return None
    if not isinstance(source, str) or not isinstance(code, types.CodeType):
        return None
    return source, code


def _disk_store(key: str, source: str, code) -> None:
    d = cache_dir()
    if d is None:
        return
    try:
        from ..writer import write_atomic

        write_atomic(d / f"tpl-{key}.bin", marshal.dumps((source, code)))
    except OSError:
        pass  # a read-only home: no cache, same result


class _Compiled(NamedTuple):
    source: str  # the patched template text (for error messages)
    template: Any


class FormTemplate(DocxTemplate):
    """DocxTemplate that patches and compiles each part once per process (and caches on disk)."""

    _compiled: dict[str, _Compiled] = {}

    def compiled(self, raw_xml: str, env) -> _Compiled:
        """The compiled template of one part's XML: memory, then disk, then patch_xml + compile."""
        hit = self._compiled.get(raw_xml)
        if hit is not None:
            return hit
        key = _cache_key(raw_xml)
        stored = _disk_load(key)
        if stored is not None:
            source, code = stored
        else:
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self.patch_xml(raw_xml))
            try:
                code = env.compile(source)
            except TemplateError as exc:
                exc.docx_context = _near(source, getattr(exc, "lineno", None))
                raise
            _disk_store(key, source, code)
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        if len(self._compiled) > 64:
            self._compiled.clear()
        hit = self._compiled[raw_xml] = _Compiled(source, template)
        return hit

    def render_compiled(self, c: _Compiled, context) -> str:
        try:
            dst_xml = c.template.render(context)
        except TemplateError as exc:
            exc.docx_context = _near(c.source, getattr(exc, "lineno", None))
            raise
        # docxtpl would also turn {_{ }_} {_% %_} into {{ }} {% %} here, over the whole output;
        # that would rewrite what the user typed, so docgen does not (user text is only data).
        # Undo the line breaks `compiled` put before each paragraph (str.replace: the body is
        # ~1.5 MB, and re.sub with a group took ~4 ms for the same result).
        return dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")

    def build_xml(self, context, jinja_env=None):
        env = jinja_env or jinja_env_default()
        c = self.compiled(self.get_xml(), env)
        self._body_source = c.source
        return self.render_compiled(c, context)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        env = jinja_env or jinja_env_default()
        for rel_key, part in self.get_headers_footers(uri):
            xml = self.get_part_xml(part)
            encoding = self.get_headers_footers_encoding(xml)
            yield rel_key, self.render_compiled(self.compiled(xml, env), context).encode(encoding)

    def resolve_listing(self, xml):
        """Not needed: docgen's values carry no tab/\\a/\\f, and line breaks are written as
        <w:br/> by context.cell and the fragments; skipping it saves a regex pass over the body."""
        return xml

    def render(self, context, jinja_env=None, autoescape: bool = False) -> None:
        """docxtpl's render, with the body parsed once into a new document element.

        docxtpl parses the rendered body in a separate lxml document and moves it into
        python-docx's tree; for a body of a few MB that move alone takes about a second.
        Here the whole w:document is parsed with python-docx's parser (strictly: a
        malformed result is an error, never silently "recovered") and replaces the part's
        element. Column loops ({%tc %}) still go through docxtpl's fix_tables.
        """
        from docx.oxml import parse_xml
        from lxml import etree

        self.render_init()
        body_xml = self.build_xml(context, jinja_env)
        root = self.docx._element
        if re.search(r"\{%-?\s*tc\s", getattr(self, "_body_source", "")):
            tree = self.fix_tables(body_xml)
            body_xml = etree.tostring(tree, encoding="unicode")
        head, tail = _around_body(root)
        new_root = parse_xml(head + body_xml + tail)
        if "docPr" in body_xml:  # docxtpl's fix_docpr_ids (pictures), with python-docx's xpath
            for elt in new_root.xpath("//wp:docPr"):
                self.docx_ids_index += 1
                elt.set("id", str(self.docx_ids_index))
        part = self.docx.part
        part._element = new_root
        self.docx._element = new_root
        self.docx._Document__body = None
        for uri in (self.HEADER_URI, self.FOOTER_URI):
            for rel_key, xml in self.build_headers_footers_xml(context, uri, jinja_env):
                self.map_headers_footers_xml(rel_key, xml)
        self.is_rendered = True

    def render_properties(self, context, jinja_env=None) -> None:
        """Core properties are set by docgen (title, fixed author), never rendered from user text."""

    def render_footnotes(self, context, jinja_env=None) -> None:
        """The form has no footnotes."""


def _around_body(root) -> tuple[str, str]:
    """The w:document markup before and after the rendered body goes (the body last).

    The template's document is serialised whole and the body cut out of the text:
    detaching the body from the tree instead costs ~8 ms (lxml re-homes every node).
    """
    from lxml import etree

    body = root.body
    full = etree.tostring(root, encoding="unicode")
    start, end = full.find("<w:body"), full.rfind("</w:body>")
    if root[-1] is body and full[start + 7:start + 8] in (">", " ") and start < end:
        return full[:start], full[end + len("</w:body>"):]
    idx = list(root).index(body)  # an unusual template: take the body out of the tree
    root.remove(body)
    shell = etree.tostring(root, encoding="unicode")
    root.insert(idx, body)
    if shell.endswith("/>"):
        return shell[:-2] + ">", "</w:document>"
    cut = shell.rindex("</w:document>")
    return shell[:cut], shell[cut:]


def jinja_env_default() -> SandboxedEnvironment:
    return jinja_env()


def _near(src_xml: str, lineno: int | None) -> str:
    if not lineno:
        return ""
    lines = src_xml.splitlines()[max(lineno - 3, 0): lineno + 2]
    text = "".join(re.sub(r"<[^>]+>", "", x) for x in lines)
    return text.strip()[:80]


@lru_cache(maxsize=8)
def _template_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    return Path(path).read_bytes()


def template_bytes(path: Path | None = None) -> bytes:
    """The template's bytes (read once per process); the built-in one when path is None."""
    if path is None:
        path = default_template_path()
        if not path.is_file():  # an installed package without templates/: build it in memory
            return _built_in()
    stat = path.stat()
    return _template_bytes(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1)
def _built_in() -> bytes:
    from .template_builder import build_template_bytes

    return build_template_bytes()


REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def default_template_path() -> Path:
    return REPO_TEMPLATES / S.TEMPLATE_FILE


def _sanitize_theme(tpl: DocxTemplate) -> None:
    """A template saved by a Japanese-default Word may carry ＭＳ 明朝 in its theme: use ours."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in tpl.docx.part.rels.values():
        if rel.reltype == RT.THEME:
            blob = rel.target_part.blob
            text = blob.decode("utf-8", "replace")
            if any(w in text for w in st.SANITIZE_WORDS):
                rel.target_part._blob = st.theme_xml().encode("utf-8")


def package_entries(package) -> dict[str, bytes]:
    """The zip members python-docx would write, as a dict (no intermediate zip)."""
    from docx.opc.pkgwriter import PackageWriter

    class _Collect:
        def __init__(self):
            self.entries: dict[str, bytes] = {}

        def write(self, pack_uri, blob):
            self.entries[pack_uri.membername] = blob

    sink = _Collect()
    parts = list(package.iter_parts())
    PackageWriter._write_content_types_stream(sink, parts)
    PackageWriter._write_pkg_rels(sink, package.rels)
    PackageWriter._write_parts(sink, parts)
    return sink.entries


def describe_template_error(exc: Exception, template_name: str) -> str:
    near = getattr(exc, "docx_context", "") or ""
    where = f"（模板文字“{near}”附近）" if near else ""
    if isinstance(exc, UndefinedError):
        return (f"模板 {template_name} 引用了数据中没有的名称“{exc.message}”{where}；"
                "请检查模板里的 {{ … }} 是否写错，可用的名称见 docs/rendering.md")
    if isinstance(exc, SecurityError):
        return f"模板 {template_name} 使用了不允许的写法{where}：{exc}"
    if isinstance(exc, TemplateSyntaxError):
        return f"模板 {template_name} 的 {{{{ … }}}} 或 {{% … %}} 标记写法有误{where}：{exc.message}"
    return f"模板 {template_name} 无法生成{where}：{exc}"


def render_application(app: Application, template: bytes, *, draft: bool = False,
                       when: _dt.datetime | None = None, template_name: str = S.TEMPLATE_FILE) -> bytes:
    """The finished, deterministic .docx bytes for one application."""
    tpl = FormTemplate(io.BytesIO(template))
    tpl.init_docx()
    _sanitize_theme(tpl)
    splice = FragmentSplice()
    ctx = build_context(app, splice.stand_ins(build_fragments(app, draft=draft)), draft=draft)
    try:
        tpl.render(ctx, jinja_env=jinja_env())
    except TemplateError as exc:
        raise RenderError(describe_template_error(exc, template_name)) from exc
    cp = tpl.docx.core_properties
    name = app.get("封面.集群名称", "")
    cp.title = f"{name} 山东省特色产业集群申报表" if isinstance(name, str) and name else "山东省特色产业集群申报表"
    cp.subject = "山东省特色产业集群申报表（附件2）"
    cp.keywords = "草稿" if draft else ""
    cp.comments = ""
    entries = package_entries(tpl.docx.part.package)
    body = tpl.docx.part.partname.membername
    entries[body] = splice.fill(entries[body])
    if "docProps/core.xml" in entries:
        entries["docProps/core.xml"] = fix_core_properties(entries["docProps/core.xml"], when or _dt.datetime(1980, 1, 1))
    return deterministic_zip(entries)
