"""What every .docx docgen writes must be: valid against the ISO/IEC 29500 schemas, Word 2013+
(compatibility mode 15), zh-CN, no Japanese fonts, clean metadata, page numbers in its footers."""
from __future__ import annotations

import io
import os
import posixpath
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DC = "http://purl.org/dc/elements/1.1/"
JAPANESE = ("ja-JP", "ＭＳ", "MS Mincho", "MS Gothic", "MS PGothic", "明朝", "ゴシック", "Meiryo", "メイリオ")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def validator() -> Path | None:
    """../shared/ooxml/validate.py beside the repository, else /work/shared/ooxml/validate.py."""
    for candidate in (REPO.parent / "shared" / "ooxml" / "validate.py", Path("/work/shared/ooxml/validate.py")):
        if candidate.is_file():
            return candidate
    return None


def validate(paths: list[Path]) -> None:
    """All files in one run of the schema validator; skipped where it is not installed, except in CI."""
    script = validator()
    if script is None:
        if os.environ.get("CI") == "true":
            pytest.fail("validate.py not found next to the repository (../shared/ooxml/validate.py)")
        pytest.skip("the OOXML schema validator is not installed here")
    r = subprocess.run([sys.executable, str(script), *map(str, paths)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}


def footers_with_page_numbers(entries: dict[str, bytes]) -> dict[str, bool]:
    """The default and even-page footers of the document's last section (its body; earlier
    sections, e.g. a cover, may go without) → whether each holds a PAGE field."""
    body = etree.fromstring(entries["word/document.xml"]).find(_w("body"))
    rels = etree.fromstring(entries["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): posixpath.normpath(posixpath.join("word", r.get("Target"))) for r in rels}
    out = {}
    for ref in body.find(_w("sectPr")).iter(_w("footerReference")):
        if ref.get(_w("type")) == "first":
            continue
        part = targets[ref.get(f"{{{R}}}id")]
        footer = etree.fromstring(entries[part])
        instr = [f.get(_w("instr"), "") for f in footer.iter(_w("fldSimple"))]
        instr += [t.text or "" for t in footer.iter(_w("instrText"))]
        out[part] = any(i.split()[:1] == ["PAGE"] for i in instr)
    return out


def assert_finished(data: bytes, *, author: str | None = None, page_numbers: bool = True) -> dict[str, bytes]:
    """The package checks of every finished .docx (not the schema: see `validate`); its parts."""
    entries = parts(data)
    names = set(entries)
    assert not [n for n in names if n.startswith("docProps/thumbnail") or "stylesWithEffects" in n
                or n.startswith("customXml/")], sorted(names)
    for name, xml in entries.items():
        if name.endswith((".xml", ".rels")):
            text = xml.decode("utf-8")
            for bad in JAPANESE:
                assert bad not in text, (name, bad)
    settings = etree.fromstring(entries["word/settings.xml"])
    modes = [c.get(_w("val")) for c in settings.iter(_w("compatSetting")) if c.get(_w("name")) == "compatibilityMode"]
    assert modes == ["15"]
    assert settings.find(_w("themeFontLang")).get(_w("eastAsia")) == "zh-CN"
    zoom = settings.find(_w("zoom"))
    assert zoom is None or zoom.get(_w("percent"))
    app = entries["docProps/app.xml"].decode("utf-8")
    assert "Macintosh" not in app and "<Application>docgen" in app and "<Pages>" not in app
    core = etree.fromstring(entries["docProps/core.xml"])
    assert (core.findtext(f"{{{DC}}}title") or "").strip()
    if author is not None:
        assert core.findtext(f"{{{DC}}}creator") == author
    # the package relates its core and app properties
    rels = etree.fromstring(entries["_rels/.rels"])
    assert {"docProps/core.xml", "docProps/app.xml"} <= {r.get("Target").lstrip("/") for r in rels}
    if page_numbers:
        footers = footers_with_page_numbers(entries)
        assert footers and all(footers.values()), footers
    return entries
