"""The 佐证材料: every cited file exists inside the folder; every file is cited."""
from __future__ import annotations

from pathlib import Path

from ..model import EvidenceUse
from .context import CheckContext
from .paths import normalize, resolve_inside

EVIDENCE_DIR = "evidence"
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep"}


def check_evidence_files(ctx: CheckContext) -> list[EvidenceUse]:
    """Resolve each citation; return the files in order of first citation with what they prove."""
    uses: dict[str, list[str]] = {}
    rels: dict[Path, str] = {}  # most files are cited several times
    for ref in ctx.evidence_refs:
        target = resolve_inside(ctx, ref.path, (), ref.label, loc=ref.loc)
        if target is None:
            continue
        rel = rels.get(target)
        if rel is None:
            rel = target.relative_to(ctx.folder).as_posix() if target.is_relative_to(ctx.folder) else None
            rels[target] = rel
        if rel is None:
            rel = normalize(ref.path)
        proves = uses.setdefault(rel, [])
        if ref.label not in proves:
            proves.append(ref.label)

    folder = ctx.folder / EVIDENCE_DIR
    if folder.is_dir():
        for f in sorted(folder.rglob("*")):
            if f.is_file() and f.name not in IGNORED_NAMES and not f.name.startswith("~$"):
                rel = f.relative_to(ctx.folder).as_posix()
                if rel not in uses:
                    ctx.findings.warning(
                        ctx.show(rel), 1, 1,
                        "这个佐证材料文件没有被 cluster.yaml 或清单引用；请在相应栏目写出它，或把它移出 evidence/",
                        "evidence-unused",
                    )
    return [EvidenceUse(path, tuple(proves)) for path, proves in uses.items()]
