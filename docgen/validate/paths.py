"""Files named in cluster.yaml must lie inside the application folder.

A path that is absolute, climbs out with `..`, or leaves through a symbolic
link is refused: the submission folder is copied and burned to disc, and a
file outside it would silently go missing (or leak something private).
"""
from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path, PurePosixPath

from .context import CheckContext

WINDOWS_ABS = re.compile(r"^[A-Za-z]:[\\/]|^\\\\")


def normalize(rel: str) -> str:
    return rel.strip().replace("\\", "/")


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What a backslash escape in YAML double quotes made of the character (\0 \a \b \t \n \v \f \r \e \N \L \P)
_ESCAPED = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
            "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _control_message(purpose: str, rel: str) -> str:
    ch = CONTROL.search(rel).group()
    shown = CONTROL.sub("□", rel)
    escape = _ESCAPED.get(ch)
    why = (f"：写在双引号中的“{escape}”被 YAML 当作转义符，变成了这个字符" if escape else "")
    return (f"{purpose}“{shown}”中有控制字符 U+{ord(ch):04X}（□处）{why}；路径请用“/”分隔"
            "（如 evidence/04-证明.pdf），或把整个路径放在单引号中")


def resolve_inside(ctx: CheckContext, rel: str, path: tuple, label: str, purpose: str = "佐证材料",
                   loc=None) -> Path | None:
    """The file `rel` names inside the folder, or None with a located error."""
    if CONTROL.search(rel):
        ctx.error(path, _control_message(purpose, rel), "path-control-char", loc)
        return None
    text = normalize(rel)
    if text.startswith("/") or WINDOWS_ABS.match(rel.strip()):
        ctx.error(path, f"{purpose}“{rel}”是绝对路径；请把文件放进申报文件夹，写相对路径（如 evidence/文件名.pdf）",
                  "path-absolute", loc)
        return None
    parts = _parts(text)
    if ".." in parts:
        ctx.error(path, f"{purpose}“{rel}”用“..”指向了申报文件夹之外；请把文件放进申报文件夹内", "path-outside", loc)
        return None
    target, problem = _locate(ctx, parts)
    if problem == "outside":
        ctx.error(path, f"{purpose}“{rel}”经符号链接指向了申报文件夹之外；请把文件本身复制进申报文件夹",
                  "path-outside", loc)
        return None
    if problem == "missing":
        several = "；多个文件请用分号“;”分隔，或逐行写成列表（每行以“- ”开头）" if re.search("[、，,]", rel) else ""
        ctx.error(path, f"{purpose}“{rel}”不存在；请检查文件名（含扩展名），或把文件放到该位置{several}",
                  "evidence-missing" if purpose == "佐证材料" else "file-missing", loc)
        return None
    if problem == "not-file":
        ctx.error(path, f"{purpose}“{rel}”不是文件（可能是文件夹）", "path-not-file", loc)
        return None
    return target


@lru_cache(maxsize=4096)
def _parts(text: str) -> tuple[str, ...]:
    """The path's components (cached: each file is usually cited several times)."""
    return PurePosixPath(text).parts


def _locate(ctx: CheckContext, parts: tuple[str, ...]) -> tuple[Path, str | None]:
    """The path inside the folder and what is wrong with it ("outside", "missing", "not-file"),
    worked out once per path and run (the example cites its 65 files 400 times)."""
    hit = ctx.located.get(parts)
    if hit is None:
        if ctx.real_folder is None:
            ctx.real_folder = ctx.folder.resolve()
        target = ctx.folder.joinpath(*parts)
        hit = ctx.located[parts] = (target, _problem(ctx, target, bool(parts)))
    return hit


def _problem(ctx: CheckContext, target: Path, inside: bool) -> str | None:
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        mode = None
    if inside and mode is not None and not stat.S_ISLNK(mode):
        # Not a link itself: its real path is its directory's plus its name. The directory is
        # resolved once (Path.resolve() walks every directory up to the root).
        real_dir = ctx.real_dirs.get(target.parent)
        if real_dir is None:
            try:
                real_dir = target.parent.resolve(strict=False)
            except OSError:
                real_dir = target.parent
            ctx.real_dirs[target.parent] = real_dir
        if not (real_dir / target.name).is_relative_to(ctx.real_folder):
            return "outside"
        return None if stat.S_ISREG(mode) else "not-file"
    try:  # a link, or nothing there: resolve it in full
        real = target.resolve(strict=False)
    except OSError:
        real = target
    if not real.is_relative_to(ctx.real_folder):
        return "outside"
    if not target.exists():
        return "missing"
    if not target.is_file():
        return "not-file"
    return None
