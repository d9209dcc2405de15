"""Deterministic, atomic output files.

- `deterministic_docx`: the same document gives the same bytes. The zip is rewritten
  with `[Content_Types].xml` first and the other entries sorted, every entry dated
  1980-01-01 00:00 (or SOURCE_DATE_EPOCH), the same compression, attributes and
  system; the core properties get fixed author/revision and created/modified = `when`.
- `write_atomic`: a temporary file in the target folder, fsync, then os.replace, so a
  reader (or a failed build) only ever sees the old file or the whole new one.
"""
from __future__ import annotations

import datetime as _dt
import errno
import glob
import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from . import settings

CONTENT_TYPES = "[Content_Types].xml"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_COMPRESSLEVEL = 6
_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def source_date_epoch() -> _dt.datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as a UTC datetime, when set and valid."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return _dt.datetime.fromtimestamp(int(raw), tz=_dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def _zip_time() -> tuple[int, int, int, int, int, int]:
    when = source_date_epoch()
    if when is None or when.year < 1980:
        return ZIP_EPOCH
    if when.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def _iso(when: _dt.datetime) -> str:
    if when.tzinfo is not None:
        when = when.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"


def fix_core_properties(xml: bytes, when: _dt.datetime, *, author: str = settings.CORE_AUTHOR) -> bytes:
    """docProps/core.xml with fixed author, revision 1, created = modified = when."""
    root = etree.fromstring(xml)

    def put(prefix: str, tag: str, text: str, w3cdtf: bool = False) -> None:
        el = root.find(f"{{{_NS[prefix]}}}{tag}")
        if el is None:
            el = etree.SubElement(root, f"{{{_NS[prefix]}}}{tag}")
        el.text = text
        if w3cdtf:
            el.set(f"{{{_NS['xsi']}}}type", "dcterms:W3CDTF")

    put("dc", "creator", author)
    put("cp", "lastModifiedBy", author)
    put("cp", "revision", "1")
    put("dcterms", "created", _iso(when), True)
    put("dcterms", "modified", _iso(when), True)
    for tag in ("lastPrinted",):
        el = root.find(f"{{{_NS['cp']}}}{tag}")
        if el is not None:
            root.remove(el)
    # a fixed child order, whatever order the properties were added in
    children = sorted(root, key=lambda e: e.tag)
    for c in children:
        root.remove(c)
    root.extend(children)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def deterministic_zip(entries: dict[str, bytes]) -> bytes:
    """A zip of these entries: [Content_Types].xml first, the rest sorted, fixed metadata."""
    names = sorted(entries)
    if CONTENT_TYPES in entries:
        names.remove(CONTENT_TYPES)
        names.insert(0, CONTENT_TYPES)
    date_time = _zip_time()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.create_version = 20
            info.extract_version = 20
            info.external_attr = 0
            info.flag_bits = 0x800 if not name.isascii() else 0
            zf.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=_COMPRESSLEVEL)
    return buf.getvalue()


def deterministic_docx(docx_bytes: bytes, when: _dt.datetime) -> bytes:
    """The same package with reproducible zip metadata and core properties."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as zin:
        entries = {i.filename: zin.read(i) for i in zin.infolist() if not i.is_dir()}
    if "docProps/core.xml" in entries:
        entries["docProps/core.xml"] = fix_core_properties(entries["docProps/core.xml"], when)
    return deterministic_zip(entries)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def remove_stale_temp_files(path: Path) -> None:
    """Delete the temporary files of `path` left by writers that were killed (kill -9, power loss).

    Each temporary file carries its writer's pid, so a parallel build's live file is kept.
    """
    prefix = f".{path.name}."
    for other in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid_text = other.name[len(prefix):].split(".", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            try:
                other.unlink()
            except FileNotFoundError:
                pass


def _stage(path: Path, data: bytes | Path) -> Path:
    """A complete, fsynced temporary copy of `data` (bytes, or a file to copy) beside `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, Path):
                with open(data, "rb") as src:
                    shutil.copyfileobj(src, fh, 1024 * 1024)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        _unlink(Path(tmp))
        raise
    return Path(tmp)


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except FileNotFoundError:
        pass


def commit_together(files: list[tuple[Path, bytes | Path]]) -> None:
    """Replace every file, or none: the 申报表.docx and .pdf of one build always belong together.

    All new contents are written and fsynced first (where a full disk or a read-only folder
    fails, with nothing replaced); then each is renamed over its target, which needs no space.
    Should a rename still fail, the targets already replaced get their old contents back
    (kept as hard links until the end).
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(Path(path), data), Path(path)))
    except BaseException:
        for tmp, _ in staged:
            _unlink(tmp)
        raise
    # per target: [path, hard link to its old content or None, existed before, replaced yet]
    done: list[list] = []
    try:
        for tmp, path in staged:
            entry = [path, None, path.exists(), False]
            done.append(entry)
            if len(staged) > 1 and entry[2]:
                backup = tmp.with_name(tmp.name.removesuffix(".tmp") + ".old.tmp")  # removed if we are killed
                try:
                    os.link(path, backup)
                    entry[1] = backup
                except OSError:  # no hard links here (FAT, some network shares)
                    pass
            os.replace(tmp, path)
            entry[3] = True
    except BaseException:
        for path, backup, existed, replaced in done:
            if replaced and backup is not None:
                os.replace(backup, path)
            elif replaced and not existed:
                _unlink(path)
        for tmp, _ in staged:
            _unlink(tmp)
        raise
    finally:
        for _, backup, _, _ in done:
            if backup is not None:
                _unlink(backup)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that it is either the old file or the complete new one."""
    commit_together([(Path(path), data)])


_CAUSES = {
    errno.EACCES: ("没有写入权限", "请换一个输出文件夹（-o），或请管理员开放该文件夹的写入权限"),
    errno.EPERM: ("没有写入权限", "请换一个输出文件夹（-o），或请管理员开放该文件夹的写入权限"),
    errno.EROFS: ("所在磁盘是只读的（如光盘、写保护的 U 盘或只读共享）", "请换一个输出文件夹（-o）"),
    errno.ENOSPC: ("磁盘空间不足", "请清理磁盘空间，或换到空间充足的磁盘（-o）"),
    errno.EDQUOT: ("超出了磁盘配额", "请清理磁盘空间，或换到空间充足的磁盘（-o）"),
    errno.ENOTDIR: ("路径中有一段是文件而不是文件夹", "请检查 -o 给出的路径"),
    errno.EEXIST: ("路径中有一段是文件而不是文件夹", "请检查 -o 给出的路径"),
    errno.EISDIR: ("同名的是一个文件夹", "请移走该文件夹，或换一个输出文件夹（-o）"),
    errno.ENAMETOOLONG: ("路径太长", "请换一个较短的输出路径（-o）"),
}


def docx_target(out: Path | None, default: Path) -> Path:
    """Where a command writes its .docx: `default`, `default`'s name inside a folder given as
    `out`, or `out` itself; ValueError (a usage error) when `out` is not a .docx."""
    if out is None:
        return default
    if out.is_dir():
        return out / default.name
    if out.suffix.lower() != ".docx":
        raise ValueError(f"输出文件应以 .docx 结尾：{out}")
    return out


def write_error_message(exc: OSError, path: Path) -> str:
    """A Chinese sentence naming what could not be written, why, and what to do."""
    cause, fix = _CAUSES.get(exc.errno or 0, (exc.strerror or type(exc).__name__, "请检查输出文件夹"))
    where = exc.filename if isinstance(exc.filename, str) and exc.filename else str(path)
    where = os.path.dirname(where) if os.path.basename(where).startswith(".") and where.endswith(".tmp") else where
    return f"错误：无法写入 {where}：{cause}。{fix}。原有文件保持不变。"
