"""Reading a built .docx back for tests: paragraphs, table rows and cells as text."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def norm(text: str) -> str:
    """Compare as a reader would: NFKC (full/half width alike), no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n) for n in z.namelist()}


def root(docx: bytes, name: str = "word/document.xml"):
    return etree.fromstring(parts(docx)[name])


def par_text(p) -> str:
    out = []
    for el in p.iter(q("t"), q("br"), q("tab")):
        if el.tag == q("t"):
            out.append(el.text or "")
        elif el.tag == q("br"):
            out.append("\n")
        else:
            out.append("\t")
    return "".join(out)


def paragraphs(docx: bytes) -> list[str]:
    return [par_text(p) for p in root(docx).iter(q("p"))]


def cell_text(tc) -> str:
    return "\n".join(par_text(p) for p in tc.findall(q("p")))


def is_continue(tc) -> bool:
    vm = tc.find(f"{q('tcPr')}/{q('vMerge')}")
    return vm is not None and vm.get(q("val")) in (None, "continue")


def tables(docx: bytes) -> list[list[list[str]]]:
    """Every top-level table as rows of cell texts; a vertically merged continuation cell is ''."""
    body = root(docx).find(q("body"))
    out = []
    for tbl in body.iter(q("tbl")):
        rows = []
        for tr in tbl.findall(q("tr")):
            rows.append(["" if is_continue(tc) else cell_text(tc) for tc in tr.findall(q("tc"))])
        out.append(rows)
    return out


def all_rows(docx: bytes) -> list[list[str]]:
    return [row for t in tables(docx) for row in t]


def style_property(docx: bytes, style_id: str, path: str):
    """The element at `path` (e.g. "w:rPr/w:sz") that a style has itself or inherits through
    w:basedOn, then from the document defaults for run properties; None when nothing sets it."""
    styles = root(docx, "word/styles.xml")
    by_id = {s.get(q("styleId")): s for s in styles.findall(q("style"))}
    sid = style_id
    while sid is not None:
        found = by_id[sid].find(path, NS)
        if found is not None:
            return found
        based = by_id[sid].find("w:basedOn", NS)
        sid = None if based is None else based.get(q("val"))
    if path.startswith("w:rPr/"):
        return styles.find("w:docDefaults/w:rPrDefault/" + path, NS)
    return None


def style_size_pt(docx: bytes, style_id: str) -> float:
    """The font size (pt) a paragraph of that style prints at."""
    return int(style_property(docx, style_id, "w:rPr/w:sz").get(q("val"))) / 2
