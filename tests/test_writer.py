"""docgen.writer: reproducible zips, fixed core properties, atomic replacement."""
from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest

from docgen import writer


def _zip(entries: list[tuple[str, bytes]], date=(2023, 5, 6, 7, 8, 10)) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=date), data)
    return buf.getvalue()


CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<dc:creator>someone</dc:creator><cp:revision>7</cp:revision>"
    b'<dcterms:modified xsi:type="dcterms:W3CDTF">2031-01-01T10:00:00Z</dcterms:modified>'
    b"<cp:lastPrinted>2020-01-01T00:00:00Z</cp:lastPrinted></cp:coreProperties>"
)
WHEN = dt.datetime(2024, 4, 20, tzinfo=dt.timezone.utc)


def test_same_content_same_bytes_whatever_the_zip_metadata(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = _zip([("word/document.xml", b"<d/>"), ("[Content_Types].xml", b"<t/>"), ("docProps/core.xml", CORE)])
    b = _zip([("docProps/core.xml", CORE), ("[Content_Types].xml", b"<t/>"), ("word/document.xml", b"<d/>")],
             date=(2030, 1, 1, 0, 0, 0))
    out_a, out_b = writer.deterministic_docx(a, WHEN), writer.deterministic_docx(b, WHEN)
    assert out_a == out_b
    with zipfile.ZipFile(io.BytesIO(out_a)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["[Content_Types].xml", "docProps/core.xml", "word/document.xml"]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        core = z.read("docProps/core.xml").decode()
    assert "<dc:creator>docgen</dc:creator>" in core
    assert "<cp:revision>1</cp:revision>" in core
    assert "2024-04-20T00:00:00Z" in core and "2031" not in core
    assert "lastPrinted" not in core


def test_source_date_epoch_dates_the_entries(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1713571200")  # 2024-04-20 00:00:00 UTC
    out = writer.deterministic_docx(_zip([("a.xml", b"<a/>")]), WHEN)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.infolist()[0].date_time == (2024, 4, 20, 0, 0, 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    out = writer.deterministic_docx(_zip([("a.xml", b"<a/>")]), WHEN)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path):
    target = tmp_path / "out" / "申报表.docx"
    writer.write_atomic(target, b"first")
    writer.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["申报表.docx"]
    mode = target.stat().st_mode & 0o777
    assert mode & 0o600 == 0o600


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "申报表.docx"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        writer.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["申报表.docx"]
