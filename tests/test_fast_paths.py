"""Shortcuts taken for speed give what the slower, obvious way gives."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.reader import Reader

from docgen import wordcount
from docgen.form.kinds import Number, Text, YearSeries
from docgen.load.yamlfile import YAML_UNPRINTABLE


def test_yaml_check_refuses_exactly_what_ruamel_would():
    """parse_yaml_text skips ruamel's printable check because its own refuses the same characters."""
    ours = {c for c in range(0x110000) if YAML_UNPRINTABLE.match(chr(c))}
    ruamels = {c for c in range(0x110000) if Reader.NON_PRINTABLE.match(chr(c))}
    assert ours == ruamels


_WORD = re.compile(f"[^\\s{wordcount._EA}]+")  # the direct definition of a non-East-Asian word


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab1.%- \t\n\u3000\xa0\x85中文。，“”—–·…％１Ｘ가😀") + ["\U00020000"]), max_size=30))
def test_word_count_matches_its_definition(text):
    expected = len(wordcount._EA_RE.findall(text)) + len(_WORD.findall(text)) if text else 0
    assert wordcount.word_count(text) == expected


def test_kinds_behave_as_frozen_dataclasses():
    import dataclasses

    import pytest

    n = Number("k", "标签", unit="%")
    assert n == Number("k", "标签", "", True, "%") and hash(n) == hash(Number("k", "标签", unit="%"))
    assert n != Text("k", "标签") and Text("k", "标签").max_chars == 2000
    assert repr(Text("k", "l")) == "Text(key='k', label='l', hint='', required=True, limit=None, max_chars=2000)"
    assert YearSeries("k", "l").item == Number("", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        n.key = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Number("k")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Number("k", "l", nope=1)  # type: ignore[call-arg]


def _problem_by_resolving(folder, parts):
    """The original check: resolve every cited path in full."""
    target = folder.joinpath(*parts)
    real = target.resolve(strict=False)
    if not real.is_relative_to(folder.resolve()):
        return "outside"
    if not target.exists():
        return "missing"
    if not target.is_file():
        return "not-file"
    return None


def test_locating_cited_files_agrees_with_resolving_them(tmp_path):
    from docgen.findings import Findings
    from docgen.load.yamlfile import YamlDoc
    from docgen.validate.context import CheckContext
    from docgen.validate.paths import _locate

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"x")
    real = tmp_path / "real"
    (real / "evidence" / "sub").mkdir(parents=True)
    (real / "evidence" / "a.pdf").write_bytes(b"x")
    (real / "evidence" / "sub" / "b.pdf").write_bytes(b"x")
    (real / "evidence" / "in-link.pdf").symlink_to(real / "evidence" / "a.pdf")
    (real / "evidence" / "out-link.pdf").symlink_to(outside / "secret.pdf")
    (real / "evidence" / "dangling.pdf").symlink_to(real / "nowhere.pdf")
    (real / "evidence" / "out-dir").symlink_to(outside)
    (real / "evidence" / "in-dir").symlink_to(real / "evidence" / "sub")
    linked = tmp_path / "linked-folder"
    linked.symlink_to(real)
    cited = [("evidence", "a.pdf"), ("evidence", "sub", "b.pdf"), ("evidence", "in-link.pdf"),
             ("evidence", "out-link.pdf"), ("evidence", "dangling.pdf"), ("evidence", "out-dir", "secret.pdf"),
             ("evidence", "in-dir", "b.pdf"), ("evidence", "sub"), ("evidence", "missing.pdf"),
             ("nowhere", "x.pdf"), ("evidence", "a.pdf", "x"), ()]
    for folder in (real, linked):
        ctx = CheckContext(folder=folder, display_dir="", doc=YamlDoc({}), findings=Findings())
        for parts in cited:
            assert _locate(ctx, parts)[1] == _problem_by_resolving(folder, parts), (folder, parts)
