"""The fragments' markup is put into the saved document.xml, not rendered and parsed with it.

The plan and the lists are ~90 % of the document (1.4 MB for the example). Going
through docxtpl's regular-expression passes and python-docx's parser with the form's
body would cost several hundred milliseconds a build and give back the same document.
So the template is rendered with a stand-in comment for each fragment (user text is
escaped and can never form a comment), docxtpl saves the package, and the saved
document.xml gets each fragment's text in its stand-in's place. The fragments are
well-formed body markup with only the `w:` prefix (declared on the document's root),
written by docgen.word.xml.

Text an XML document cannot hold (control characters, which validation refuses)
is not spliced: that fragment is rendered and parsed with the body, and fails there.
tests/test_splice.py checks that both ways give the same document.
"""
from __future__ import annotations

import os
from typing import Any

from .fragments import XmlFragment

ENABLED = True  # tests switch it off to compare
# C0 controls XML 1.0 cannot hold, and CR (lxml would write &#13;; the writers never leave one)
_NOT_SPLICED_BYTES = [bytes([c]) for c in range(0x20) if c not in (0x09, 0x0A)]


def _spliceable(parts: list[str]) -> bytes | None:
    """The fragment as UTF-8, or None when it holds a character XML cannot (a C0 control,
    U+FFFE, U+FFFF, a lone surrogate) or a CR. Part by part, without joining the text
    first, and with searches that copy nothing: the fragments are ~1.3 MB of text, and
    each copy of them costs page faults (a regular expression over them took 4 ms)."""
    out = []
    for xml in parts:
        if "\ufffe" in xml or "\uffff" in xml:
            return None
        try:
            data = xml.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return None
        if any(data.find(c) >= 0 for c in _NOT_SPLICED_BYTES):
            return None
        out.append(data)
    return b"".join(out)


class _StandIn:
    """What the template renders in place of a fragment: an XML comment."""

    def __init__(self, marker: str):
        self.marker = marker

    def __html__(self) -> str:
        return self.marker

    def __str__(self) -> str:
        return self.marker


class FragmentSplice:
    """The stand-ins of one render and the text each one stands for."""

    def __init__(self):
        # random, so no template text can look like a marker; never in the output
        self._prefix = f"<!--docgen-fragment-{os.urandom(6).hex()}-"
        self._texts: list[bytes] = []

    def stand_ins(self, fragments: dict[str, Any]) -> dict[str, Any]:
        """The fragments mapping with each spliceable XmlFragment replaced by its stand-in."""
        out: dict[str, Any] = {}
        for key, value in fragments.items():
            if isinstance(value, dict):
                out[key] = self.stand_ins(value)
                continue
            data = _spliceable(value.parts) if ENABLED and isinstance(value, XmlFragment) else None
            if data is None:
                out[key] = value
                continue
            out[key] = _StandIn(f"{self._prefix}{len(self._texts)}-->")
            self._texts.append(data)
        return out

    def fill(self, document_xml: bytes) -> bytes:
        """The serialised document with each stand-in replaced by its fragment (one copy)."""
        if not self._texts:
            return document_xml
        first, *rest = document_xml.split(self._prefix.encode("ascii"))
        out = [first]
        for piece in rest:
            number, _, after = piece.partition(b"-->")
            out += (self._texts[int(number)], after)
        return b"".join(out)
