"""A form filled by hand (tests/handfill.py) imports with every value right, and `check` on the
.docx reports what `check` reports on the equivalent folder, located in the .docx."""
from __future__ import annotations

import pytest
from handfill import EXPECTED, INTERPRETED, blank_form, fill_form

from docgen.importer import import_docx, load_form_application
from docgen.importer.locations import HAND_NOTE, NOT_ON_FORM_NOTE
from docgen.pipeline import load_application
from ruamel.yaml import YAML


@pytest.fixture(scope="module")
def handfilled(tmp_path_factory):
    path = tmp_path_factory.mktemp("hand") / "申报表.docx"
    path.write_bytes(fill_form(blank_form()))
    return path


def raw(folder):
    return YAML(typ="safe").load((folder / "cluster.yaml").read_text(encoding="utf-8"))


def test_every_typed_value_is_read(handfilled, tmp_path):
    report = import_docx(handfilled, tmp_path / "out")
    data = raw(tmp_path / "out")
    from decimal import Decimal

    for path, want in EXPECTED.items():
        node = data
        for p in path:
            node = node[p]
        got = Decimal(str(node)) if isinstance(want, Decimal) else node
        assert got == want, path
    assert report.hand_filled
    notes = [n for _, _, n in report.interpreted]
    for note in INTERPRETED:
        assert note in notes
    assert report.unmapped == []


def test_check_on_docx_equals_check_on_folder(handfilled, tmp_path):
    import_docx(handfilled, tmp_path / "folder")
    _, on_folder = load_application(tmp_path / "folder")
    _, on_docx = load_form_application(handfilled)
    key = lambda f: (f.rule, f.message.replace(HAND_NOTE, "").replace(NOT_ON_FORM_NOTE, ""))  # noqa: E731
    assert sorted(map(key, on_docx.items)) == sorted(map(key, on_folder.items))
    assert on_docx.items
    texts = [f.format() for f in on_docx.items]
    assert all(t.startswith("申报表.docx") for t in texts)
    # a value left blank is found at its row of the form
    assert any(t.startswith("申报表.docx:表3:行3: 错误:") for t in texts), texts[:5]
    # a ticked box without evidence: explained by the form having been filled by hand
    ev = [f for f in on_docx.items if f.rule == "checkbox-evidence"]
    assert ev and all(HAND_NOTE in f.message for f in ev)
    assert all(f.format().startswith("申报表.docx:表3:行17:") for f in ev if "产业链图谱" in f.message)
