"""The plan's changes, section by section: paragraphs added and removed, changed sentences
shown inline, and the change in 字数 of each section (Word's rule, docgen.wordcount)."""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..form.spec import TARGETS
from ..plan.model import Heading, Paragraph, Plan, Table, spans_text
from .changes import Change
from .textdiff import inline, sentences

PREAMBLE = "（标题前的文字）"
LOOKAHEAD = 3  # how far ahead an edited paragraph looks for its new version (keeps the order)
SIMILAR = 0.5  # paragraphs at least this alike are one paragraph edited, not one removed and one added


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    words: int = 0


def plan_sections(plan: Plan | None) -> list[Section]:
    """The plan as (heading, its paragraphs); a table contributes one line per row."""
    out: list[Section] = []
    if plan is None:
        return out
    current: Section | None = None
    for b in plan.blocks:
        if isinstance(b, Heading):
            if b.doc_title:
                continue
            current = Section(b.text, words=b.count().words)
            out.append(current)
            continue
        if isinstance(b, Paragraph):
            texts = [b.text]
        elif isinstance(b, Table):
            texts = ["｜".join(spans_text(c) for c in row) for row in [b.header, *b.rows]]
        else:
            continue
        if current is None:
            current = Section(PREAMBLE)
            out.append(current)
        current.paragraphs.extend(texts)
        current.words += b.count().words
    # two headings with the same text (e.g. two “（1）…”) stay apart
    seen: dict[str, int] = {}
    for s in out:
        seen[s.title] = seen.get(s.title, 0) + 1
        if seen[s.title] > 1:
            s.title = f"{s.title}（第{seen[s.title]}处）"
    return out


def plan_changes(old: Plan | None, new: Plan | None) -> list[Change]:
    root = TARGETS.heading
    a, b = plan_sections(old), plan_sections(new)
    out: list[Change] = []
    sm = SequenceMatcher(None, [s.title for s in a], [s.title for s in b], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for sa, sb in zip(a[i1:i2], b[j1:j2]):
                detail = paragraph_changes(sa.paragraphs, sb.paragraphs)
                if detail or sa.words != sb.words:
                    out.append(Change("plan-section", [root, sb.title], str(sa.words), str(sb.words), detail))
            continue
        for s in a[i1:i2]:
            out.append(Change("plan-section-removed", [root, s.title], str(s.words), "0",
                              [f"删：{p}" for p in s.paragraphs]))
        for s in b[j1:j2]:
            out.append(Change("plan-section-added", [root, s.title], "0", str(s.words),
                              [f"增：{p}" for p in s.paragraphs]))
    return out


def paragraph_changes(old: list[str], new: list[str]) -> list[str]:
    """Lines 增：…, 删：…, 改：… (the changed sentences of an edited paragraph, inline)."""
    out: list[str] = []
    sm = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        for kind, x, y in pair_similar(old[i1:i2], new[j1:j2]):
            if kind == "edit":
                out.extend(f"改：{s}" for s in sentence_changes(x, y))
            elif kind == "removed":
                out.append(f"删：{x}")
            else:
                out.append(f"增：{y}")
    return out


def pair_similar(old: list[str], new: list[str]) -> list[tuple[str, str, str]]:
    """Old and new paragraphs of a changed stretch, in order: ("edit", o, n) for a pair alike
    enough to be one paragraph edited, else ("removed", o, "") / ("added", "", n)."""
    out: list[tuple[str, str, str]] = []
    j = 0
    for o in old:
        best, best_k = 0.0, -1
        for k in range(j, min(len(new), j + LOOKAHEAD)):
            r = SequenceMatcher(None, o, new[k], autojunk=False).ratio()
            if r > best:
                best, best_k = r, k
        if best >= SIMILAR:
            out.extend(("added", "", n) for n in new[j:best_k])
            out.append(("edit", o, new[best_k]))
            j = best_k + 1
        else:
            out.append(("removed", o, ""))
    out.extend(("added", "", n) for n in new[j:])
    return out


def sentence_changes(old: str, new: str) -> list[str]:
    """Each changed sentence of a paragraph, with its changes inline."""
    a, b = sentences(old), sentences(new)
    out = []
    sm = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append(inline("".join(a[i1:i2]), "".join(b[j1:j2])).strip())
    return out


def words(plan: Plan | None) -> int:
    return plan.count.words if plan is not None else 0

