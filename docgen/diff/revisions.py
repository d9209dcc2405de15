"""Reading WordprocessingML tracked changes: counting the changed places, accepting them all.

A *revision* here is one changed place as a reader counts them: a run of adjacent
w:ins/w:del inside a paragraph (a replacement is one place, not two), a stretch of
consecutive whole paragraphs inserted or deleted, or a stretch of consecutive table rows
inserted or deleted.
"""
from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


INS, DEL = w("ins"), w("del")
MARKS = (INS, DEL)


def mark_of(p) -> str | None:
    """w:ins or w:del when the paragraph's mark itself is a tracked insertion/deletion."""
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    if rpr is None:
        return None
    for tag in MARKS:
        if rpr.find(tag) is not None:
            return tag
    return None


def row_mark(tr) -> str | None:
    trpr = tr.find(w("trPr"))
    if trpr is None:
        return None
    for tag in MARKS:
        if trpr.find(tag) is not None:
            return tag
    return None


def count_revisions(root) -> int:
    """The number of changed places in a document tree (see the module's docstring)."""
    n = 0
    for body in root.iter(w("body")):
        n += _count_blocks(body)
    return n


def _count_blocks(container) -> int:
    n = 0
    in_run = False  # inside a stretch of whole paragraphs inserted/deleted
    for child in container:
        if child.tag == w("p"):
            whole = mark_of(child) is not None and _all_marked(child)
            if whole:
                n += 0 if in_run else 1
                in_run = True
                continue
            in_run = False
            n += _count_inline(child)
        elif child.tag == w("tbl"):
            in_run = False
            row_run = False
            for tr in child.findall(w("tr")):
                if row_mark(tr) is not None:
                    n += 0 if row_run else 1
                    row_run = True
                    continue
                row_run = False
                for tc in tr.findall(w("tc")):
                    n += _count_blocks(tc)
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                n += _count_blocks(content)
    return n


def _all_marked(p) -> bool:
    return all(c.tag in MARKS or c.tag == w("pPr") for c in p)


def _count_inline(p) -> int:
    n = 0
    prev = False
    for c in p:
        marked = c.tag in MARKS
        if marked and not prev:
            n += 1
        prev = marked
    return n


def accept_all(root) -> None:
    """Accept every tracked change in place: deleted text, paragraphs and rows go, inserted
    ones stay unmarked (what Word's 接受所有修订 does to the text)."""
    _resolve(root, keep=INS, drop=DEL)


def reject_all(root) -> None:
    """Reject every tracked change in place: the text goes back to what it was."""
    _resolve(root, keep=DEL, drop=INS)


def _resolve(root, *, keep: str, drop: str) -> None:
    for tr in list(root.iter(w("tr"))):
        mark = row_mark(tr)
        if mark == drop:
            tr.getparent().remove(tr)
        elif mark == keep:
            tr.find(w("trPr")).remove(tr.find(f"{w('trPr')}/{keep}"))
    for d in list(root.iter(drop)):
        parent = d.getparent()
        if parent is not None and parent.tag != w("rPr"):
            parent.remove(d)
    for k in list(root.iter(keep)):
        parent = k.getparent()
        if parent is None or parent.tag in (w("rPr"), w("trPr")):
            continue
        if keep == DEL:
            for t in k.iter(w("delText"), w("delInstrText")):
                t.tag = w("t") if t.tag == w("delText") else w("instrText")
        idx = parent.index(k)
        for n, child in enumerate(list(k)):
            parent.insert(idx + n, child)
        parent.remove(k)
    for p in list(root.iter(w("p"))):
        mark = mark_of(p)
        if mark is None:
            continue
        rpr = p.find(f"{w('pPr')}/{w('rPr')}")
        rpr.remove(rpr.find(mark))
        if mark == drop:
            _join_with_next(p)


def _join_with_next(p) -> None:
    """A deleted paragraph mark: the paragraph's remaining content joins the next paragraph."""
    parent = p.getparent()
    nxt = p.getnext()
    content = [c for c in p if c.tag != w("pPr")]
    if nxt is not None and nxt.tag == w("p"):
        at = 1 if nxt.find(w("pPr")) is not None else 0
        for k, c in enumerate(content):
            nxt.insert(at + k, c)
        parent.remove(p)
    elif not content:
        # nothing left to join: the paragraph goes (a table cell keeps its last paragraph)
        if parent.tag != w("tc") or len(parent.findall(w("p"))) > 1:
            parent.remove(p)


def document_text(root) -> list[str]:
    """Paragraph texts in document order (deleted text excluded), for comparing documents."""
    out = []
    for p in root.iter(w("p")):
        parts = []
        for el in p.iter(w("t"), w("br"), w("tab")):
            if el.tag == w("t"):
                parts.append(el.text or "")
            else:
                parts.append("\n" if el.tag == w("br") else "\t")
        out.append("".join(parts))
    return out


def parse(xml: bytes):
    return etree.fromstring(xml)
