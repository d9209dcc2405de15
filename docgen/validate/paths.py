"""Files named in cluster.yaml must lie inside the application folder.

A path that is absolute, climbs out with `..`, or leaves through a symbolic
link is refused: the submission folder is copied and burned to disc, and a
file outside it would silently go missing (or leak something private).
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .context import CheckContext

WINDOWS_ABS = re.compile(r"^[A-Za-z]:[\\/]|^\\\\")


def normalize(rel: str) -> str:
    return rel.strip().replace("\\", "/")


def resolve_inside(ctx: CheckContext, rel: str, path: tuple, label: str, purpose: str = "佐证材料",
                   loc=None) -> Path | None:
    """The file `rel` names inside the folder, or None with a located error."""
    text = normalize(rel)
    if text.startswith("/") or WINDOWS_ABS.match(rel.strip()):
        ctx.error(path, f"{purpose}“{rel}”是绝对路径；请把文件放进申报文件夹，写相对路径（如 evidence/文件名.pdf）",
                  "path-absolute", loc)
        return None
    parts = PurePosixPath(text).parts
    if ".." in parts:
        ctx.error(path, f"{purpose}“{rel}”用“..”指向了申报文件夹之外；请把文件放进申报文件夹内", "path-outside", loc)
        return None
    root = ctx.folder.resolve()
    target = ctx.folder.joinpath(*parts)
    try:
        real = target.resolve(strict=False)
    except OSError:
        real = target
    if not real.is_relative_to(root):
        ctx.error(path, f"{purpose}“{rel}”经符号链接指向了申报文件夹之外；请把文件本身复制进申报文件夹",
                  "path-outside", loc)
        return None
    if not target.exists():
        ctx.error(path, f"{purpose}“{rel}”不存在；请检查文件名（含扩展名），或把文件放到该位置",
                  "evidence-missing" if purpose == "佐证材料" else "file-missing", loc)
        return None
    if not target.is_file():
        ctx.error(path, f"{purpose}“{rel}”不是文件（可能是文件夹）", "path-not-file", loc)
        return None
    return target
