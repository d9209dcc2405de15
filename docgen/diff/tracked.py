"""The NEW 申报表 with Word tracked changes (修订) against the OLD one.

Both documents come from the same renderer, so they share their template; we walk them
together — body paragraphs and tables, table rows, cell paragraphs — align what moved with
difflib, and rewrite NEW's paragraphs so that each change is a w:del of OLD's text followed
by a w:ins of NEW's, each with an author, a date and a unique w:id. Accepting every change
gives NEW's text exactly (checked by accepting them in docgen.diff.revisions before the
file is written).
"""
from __future__ import annotations

import copy
import datetime as _dt
import io
import itertools
import re
import zipfile
from difflib import SequenceMatcher
from typing import NamedTuple

from lxml import etree

from ..writer import deterministic_zip
from .revisions import DEL, INS, W, accept_all, count_revisions, document_text, w
from .textdiff import diff_pieces

DOCUMENT = "word/document.xml"
LOOKAHEAD = 3  # how far ahead a changed element looks for its partner (keeps the order)
SIMILAR = 0.5  # blocks at least this alike are one block edited, not one removed and one added
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OBJECT = "\ufffc"  # stands for a drawing, field character… in the compared text

# run content → the character it counts as in the compared text
_CONTENT_CHAR = {w("br"): "\n", w("cr"): "\n", w("tab"): "\t", w("noBreakHyphen"): "\u2011",
                 w("softHyphen"): "\u00ad"}
_SKIP_IN_RUN = (w("rPr"), w("lastRenderedPageBreak"))
_SIMPLE_P = (w("pPr"), w("r"), w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"))
# children of w:pPr that come after w:rPr (CT_PPr)
_AFTER_RPR = (w("sectPr"), w("pPrChange"))


class TrackedError(Exception):
    """The tracked-changes copy could not be made faithfully (a defect of docgen)."""


class Marker:
    """Makes w:ins/w:del elements with the author, the date and ids no other element uses."""

    def __init__(self, author: str, when: _dt.datetime, first_id: int):
        self.author = author
        self.date = when.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = itertools.count(first_id)

    def make(self, tag: str):
        el = etree.Element(tag)
        el.set(w("id"), str(next(self._ids)))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        return el


# --- text of a paragraph as atoms ------------------------------------------------------

def _atoms(p) -> list[tuple[str, object, object]]:
    """(character, its run, its content element or None for text) for the paragraph's runs."""
    out = []
    for r in p.iter(w("r")):
        for c in r:
            if c.tag in _SKIP_IN_RUN:
                continue
            if c.tag in (w("t"), w("delText")):
                out.extend((ch, r, None) for ch in (c.text or ""))
            else:
                out.append((_CONTENT_CHAR.get(c.tag, OBJECT), r, c))
    return out


def _text(atoms) -> str:
    return "".join(a[0] for a in atoms)


def block_text(el) -> str:
    """What a reader sees of a paragraph, table or row (deleted text excluded)."""
    if el.tag == w("p"):
        return _text(_atoms(el))
    return "\x1f".join(block_text(p) for p in el.iter(w("p")))


def _runs(atoms, deleted: bool) -> list:
    """Runs rebuilt from atoms: each keeps its source run's formatting; deleted text is w:delText."""
    out = []
    for run, group in itertools.groupby(atoms, key=lambda a: a[1]):
        new = etree.Element(w("r"))
        rpr = run.find(w("rPr"))
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        text: list[str] = []

        def flush() -> None:
            if text:
                t = etree.SubElement(new, w("delText") if deleted else w("t"))
                t.text = "".join(text)
                t.set(XML_SPACE, "preserve")
                text.clear()

        for ch, _, content in group:
            if content is None:
                text.append(ch)
                continue
            flush()
            el = copy.deepcopy(content)
            if deleted and el.tag == w("instrText"):
                el.tag = w("delInstrText")
            new.append(el)
        flush()
        out.append(new)
    return out


# --- marking ------------------------------------------------------------------------------

def _para_mark(p, tag: str, marker: Marker) -> None:
    """Mark the paragraph mark itself as inserted or deleted (pPr/rPr/w:ins|w:del, first)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        after = next((c for c in ppr if c.tag in _AFTER_RPR), None)
        if after is not None:
            after.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, marker.make(tag))


def _wrap_runs(container, tag: str, marker: Marker) -> None:
    """Wrap each stretch of runs directly in `container` (and in its hyperlinks…) in w:ins/w:del."""
    children = list(container)
    stretch: list = []

    def close() -> None:
        if stretch:
            mark = marker.make(tag)
            stretch[0].addprevious(mark)
            for r in stretch:
                mark.append(r)
            stretch.clear()

    for c in children:
        if c.tag == w("r"):
            if tag == DEL:
                for t in c.findall(w("t")):
                    t.tag = w("delText")
                for t in c.findall(w("instrText")):
                    t.tag = w("delInstrText")
            stretch.append(c)
            continue
        close()
        if c.tag in (w("hyperlink"), w("smartTag"), w("fldSimple"), w("customXml")):
            _wrap_runs(c, tag, marker)
    close()


def mark_whole_paragraph(p, tag: str, marker: Marker) -> None:
    _wrap_runs(p, tag, marker)
    _para_mark(p, tag, marker)


def mark_whole(el, tag: str, marker: Marker) -> None:
    """A whole paragraph or table inserted/deleted (a table: each row, and its paragraphs)."""
    if el.tag == w("p"):
        mark_whole_paragraph(el, tag, marker)
        return
    if el.tag == w("tbl"):
        for tr in el.findall(w("tr")):
            mark_row(tr, tag, marker)


def mark_row(tr, tag: str, marker: Marker) -> None:
    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        before = tr.find(w("tblPrEx"))
        if before is not None:
            before.addnext(trpr)
        else:
            tr.insert(0, trpr)
    change = trpr.find(w("trPrChange"))
    mark = marker.make(tag)
    if change is not None:
        change.addprevious(mark)
    else:
        trpr.append(mark)
    for p in tr.iter(w("p")):
        mark_whole_paragraph(p, tag, marker)


def mark_paragraph(old_p, new_p, marker: Marker) -> None:
    """Rewrite NEW's paragraph runs so its changes against OLD's are tracked, run by run."""
    a, b = _atoms(old_p), _atoms(new_p)
    ta, tb = _text(a), _text(b)
    if ta == tb:
        return
    if any(c.tag not in _SIMPLE_P for c in new_p) or any(c.tag not in _SIMPLE_P for c in old_p):
        # hyperlinks, fields… : OLD's paragraph content deleted, NEW's inserted, as wholes
        deleted = _runs(a, deleted=True)
        _wrap_runs(new_p, INS, marker)
        if deleted:
            mark = marker.make(DEL)
            mark.extend(deleted)
            ppr = new_p.find(w("pPr"))
            if ppr is not None:
                ppr.addnext(mark)
            else:
                new_p.insert(0, mark)
        return
    for r in new_p.findall(w("r")):
        new_p.remove(r)
    i = j = 0
    for piece in diff_pieces(ta, tb):
        if piece.op == "equal":
            new_p.extend(_runs(b[j:j + len(piece.new)], deleted=False))
        if piece.op in ("delete", "replace"):
            mark = marker.make(DEL)
            mark.extend(_runs(a[i:i + len(piece.old)], deleted=True))
            new_p.append(mark)
        if piece.op in ("insert", "replace"):
            mark = marker.make(INS)
            mark.extend(_runs(b[j:j + len(piece.new)], deleted=False))
            new_p.append(mark)
        i += len(piece.old)
        j += len(piece.new)


# --- aligning blocks, rows and cells ---------------------------------------------------

def _blocks(container) -> list:
    return [c for c in container if c.tag in (w("p"), w("tbl"))]


_DIGITS = re.compile(r"[0-9]+")


def _key(el) -> str:
    """What must be equal for two elements to be the same element (then compared in detail).
    A table row is known by its cells without their figures, so that rows keep their partners
    when a list row is added or removed and every 序号 below it shifts."""
    if el.tag == w("tr"):
        cells = el.findall(w("tc"))
        return f"tr{len(cells)}\x1e" + "\x1f".join(_DIGITS.sub("#", block_text(c)) for c in cells)
    return el.tag + "\x1e" + block_text(el)


def _similar(x, y) -> float:
    if x.tag != y.tag:
        return 0.0
    if x.tag == w("tbl"):
        return 1.0 if _columns(x) == _columns(y) else 0.0
    if x.tag == w("tr"):
        if len(x.findall(w("tc"))) != len(y.findall(w("tc"))):
            return 0.0
    return SequenceMatcher(None, block_text(x), block_text(y), autojunk=False).ratio()


def _columns(tbl) -> int:
    grid = tbl.find(w("tblGrid"))
    return len(grid) if grid is not None else 0


def _pair(old: list, new: list) -> list[tuple]:
    """Old and new elements of a changed stretch in order: (o, n) pairs alike enough to be one
    element edited, (o, None) removed, (None, n) added."""
    out: list[tuple] = []
    j = 0
    for o in old:
        best, best_k = 0.0, -1
        for k in range(j, min(len(new), j + LOOKAHEAD)):
            r = _similar(o, new[k])
            if r > best:
                best, best_k = r, k
                if r == 1.0:
                    break
        if best >= SIMILAR:
            out.extend((None, n) for n in new[j:best_k])
            out.append((o, new[best_k]))
            j = best_k + 1
        else:
            out.append((o, None))
    out.extend((None, n) for n in new[j:])
    return out


def _align(old: list, new: list, parent, end_anchor, *, on_pair, on_new, on_old) -> None:
    """Align two sequences of sibling elements; deleted OLD elements are copied into NEW's
    parent at their place (before the next NEW element, else before `end_anchor`)."""
    sm = SequenceMatcher(None, [_key(e) for e in old], [_key(e) for e in new], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for o, n in zip(old[i1:i2], new[j1:j2]):
                on_pair(o, n)
            continue
        pairs = _pair(old[i1:i2], new[j1:j2])
        for k, (o, n) in enumerate(pairs):
            if o is not None and n is not None:
                on_pair(o, n)
            elif n is not None:
                on_new(n)
            else:
                gone = copy.deepcopy(o)
                for mark in gone.xpath(".//w:bookmarkStart | .//w:bookmarkEnd", namespaces={"w": W}):
                    mark.getparent().remove(mark)  # OLD's bookmarks would clash with NEW's names and ids
                on_old(gone)
                nxt = next((m for _, m in pairs[k + 1:] if m is not None), None)
                if nxt is None:
                    nxt = new[j2] if j2 < len(new) else end_anchor
                if nxt is not None:
                    nxt.addprevious(gone)
                else:
                    parent.append(gone)


def diff_blocks(old_container, new_container, marker: Marker) -> None:
    """Paragraphs and tables of a body or a table cell."""
    end = new_container.find(w("sectPr"))

    def on_pair(o, n) -> None:
        if o.tag == w("p"):
            mark_paragraph(o, n, marker)
        else:
            diff_table(o, n, marker)

    _align(_blocks(old_container), _blocks(new_container), new_container, end,
           on_pair=on_pair,
           on_new=lambda n: mark_whole(n, INS, marker),
           on_old=lambda o: mark_whole(o, DEL, marker))


def diff_table(old_tbl, new_tbl, marker: Marker) -> None:
    def on_pair(o, n) -> None:
        oc, nc = o.findall(w("tc")), n.findall(w("tc"))
        for a, b in zip(oc, nc):
            if block_text(a) != block_text(b):
                diff_blocks(a, b, marker)

    _align(old_tbl.findall(w("tr")), new_tbl.findall(w("tr")), new_tbl, None,
           on_pair=on_pair,
           on_new=lambda n: mark_row(n, INS, marker),
           on_old=lambda o: mark_row(o, DEL, marker))


# --- the document -------------------------------------------------------------------------

def _max_id(root) -> int:
    ids = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W}) if v.lstrip("-").isdigit()]
    return max(ids, default=0)


class TrackedResult(NamedTuple):
    docx: bytes  # the finished .docx
    revisions: int  # changed places (docgen.diff.revisions.count_revisions)


def tracked_docx(old_docx: bytes, new_docx: bytes, *, author: str, when: _dt.datetime) -> TrackedResult:
    """NEW's document with its differences from OLD as tracked changes."""
    with zipfile.ZipFile(io.BytesIO(old_docx)) as z:
        old_root = etree.fromstring(z.read(DOCUMENT))
    with zipfile.ZipFile(io.BytesIO(new_docx)) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    new_root = etree.fromstring(entries[DOCUMENT])
    expected = document_text(new_root)
    marker = Marker(author, when, _max_id(new_root) + 1)
    diff_blocks(old_root.find(w("body")), new_root.find(w("body")), marker)
    revisions = count_revisions(new_root)
    xml = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)

    accepted = etree.fromstring(xml)
    accept_all(accepted)
    if document_text(accepted) != expected:
        raise TrackedError("修订稿接受全部修订后与新版本的文字不一致")
    entries[DOCUMENT] = xml
    return TrackedResult(deterministic_zip(entries), revisions)
