"""`docgen-check-changed FILE...`: the pre-commit hook's entry (see .pre-commit-hooks.yaml).

pre-commit passes the files a commit changes; each belongs to the application folder that
holds it (the nearest folder above it with a cluster.yaml). Those folders, each once, are
checked as `docgen check` would; files outside any application folder are ignored.
"""
from __future__ import annotations

import sys
from pathlib import Path

CLUSTER_FILE = "cluster.yaml"


def application_folder(path: Path, top: Path) -> Path | None:
    """The nearest folder at or above `path` (not above `top`) holding a cluster.yaml."""
    folder = path if path.is_dir() else path.parent
    top = top.resolve()
    while True:
        if (folder / CLUSTER_FILE).is_file():
            return folder
        resolved = folder.resolve()
        if resolved == top or resolved.parent == resolved:
            return None
        folder = folder.parent


def changed_folders(files: list[str], top: Path) -> list[Path]:
    out: list[Path] = []
    for name in files:
        folder = application_folder(Path(name), top)
        if folder is not None and folder not in out:
            out.append(folder)
    return out


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    strict = "--strict" in args
    files = [a for a in args if a != "--strict"]
    folders = changed_folders(files, Path.cwd())
    if not folders:
        return 0
    from .checkcmd import run_check

    print("检查改动的申报文件夹：" + "、".join(str(f) for f in folders), file=sys.stderr)
    return run_check(folders, strict=strict)


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
