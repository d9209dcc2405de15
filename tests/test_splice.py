"""Splicing the fragments into the saved document gives the document parsing them would give."""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.findings import Findings
from docgen.model import EvidenceUse
from docgen.pipeline import load_application
from docgen.plan import parse_plan
from docgen.render import splice
from docgen.render.engine import render_application, template_bytes
from docgen.render.fragments import build_fragments

CONTENT = Path(__file__).resolve().parents[1] / "content"
WHEN = dt.datetime(2024, 4, 20, tzinfo=dt.timezone.utc)


def _canonical(docx_bytes: bytes) -> dict[str, bytes]:
    """The package's parts, XML in canonical form (the same document, however it is written)."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return {n: etree.tostring(etree.fromstring(z.read(n)), method="c14n2") if n.endswith((".xml", ".rels")) else z.read(n)
                for n in z.namelist()}


def both_ways(app, draft: bool, monkeypatch) -> tuple[dict, dict]:
    out = []
    for enabled in (True, False):
        monkeypatch.setattr(splice, "ENABLED", enabled)
        out.append(_canonical(render_application(app, template_bytes(None), draft=draft, when=WHEN)))
    return out[0], out[1]


@pytest.fixture(scope="module", params=[("example", False), ("example", True), ("linxi", False), ("linxi", True)],
                ids=lambda p: f"{p[0]}{'-draft' if p[1] else ''}")
def loaded(request):
    name, draft = request.param
    app, findings = load_application(CONTENT / name, draft=draft)
    assert app is not None, findings.format_text()
    return app, draft


def test_the_content_folders_come_out_the_same(loaded, monkeypatch):
    spliced, parsed = both_ways(*loaded, monkeypatch)
    assert spliced == parsed


def test_fragments_are_well_formed_body_markup(loaded):
    app, draft = loaded
    fragments = build_fragments(app, draft=draft, toc=draft)
    for frag in [fragments["规划"], fragments["佐证材料清单"], *fragments["附表"].values()]:
        body = parse_xml(f"<w:body {nsdecls('w')}>{frag.__html__()}</w:body>")
        assert {el.tag.split("}")[1] for el in body} <= {"p", "tbl"}


TEXT = st.lists(st.sampled_from(list("a 中\t\n\r&<>\"'") + ["]]>", "\x85", "\u2028", "😀", "\u3000", "【待填写：x】"]),
                max_size=8).map("".join)
MARKDOWN = st.lists(st.sampled_from(["# ", "## ", "- ", "1. ", "**", "*", "`", "| a | b |\n|--|--|\n", "\n", "\n\n",
                                     "文字", "abc", " ", "&<>\"'", "[目标指标表]", "\\\n", "```\n", "\t", "\r\n",
                                     "一、集群基本情况简介", "1. 三年总体目标"]), max_size=40).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=MARKDOWN, cells=st.lists(TEXT, min_size=1, max_size=4), path=TEXT)
def test_any_plan_and_cell_text_come_out_the_same(loaded, monkeypatch, plan, cells, path):
    app, draft = loaded
    app = dataclasses.replace(app, data=copy.deepcopy(app.data))
    app.plan = parse_plan(plan, Findings())
    for row, text in zip(app.data["创新能力情况"]["标准"], cells):
        row["标准名称"] = text
    app.evidence = [EvidenceUse(path or "x", ("证明",)), *app.evidence[1:]]
    spliced, parsed = both_ways(app, draft, monkeypatch)
    assert spliced == parsed


def test_text_xml_cannot_hold_is_not_spliced():
    class Frag(splice.XmlFragment):
        pass

    good, bad = Frag(), Frag()
    good.add("<w:p/>")
    bad.add("<w:p><w:r><w:t>\x01</w:t></w:r></w:p>")
    s = splice.FragmentSplice()
    out = s.stand_ins({"a": good, "b": {"c": bad}})
    assert isinstance(out["a"], splice._StandIn) and out["b"]["c"] is bad
    assert s.fill(out["a"].__html__().encode()) == b"<w:p/>"
