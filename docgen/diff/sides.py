"""OLD and NEW as the user names them → an application folder on disk.

A side is a folder, a filled .docx (read back by docgen.importer), or a git revision of a
folder or .docx, `REV:PATH` (`HEAD~1:content/example`, `v1:…`), read with git itself into
a temporary folder: nothing is checked out and the work tree is never touched.
"""
from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Iterator


class SideError(Exception):
    """A side that cannot be read; the message says why, in Chinese."""


# A .docx side's import report, by the folder it was imported into: `docgen.diff.command` asks
# it which findings are about fields the 申报表 does not print.
IMPORTED: dict[Path, object] = {}


HOW = "应是申报文件夹、填好的 .docx，或 git 版本加路径（如 HEAD~1:content/example、v1:content/example）"


@contextlib.contextmanager
def materialise(spec: str, role: str) -> Iterator[Path]:
    """The application folder for one side (temporary for git revisions and .docx files)."""
    path = Path(spec)
    if path.is_dir():
        yield path
        return
    if path.is_file():
        if path.suffix.lower() != ".docx":
            raise SideError(f"{role}“{spec}”是文件，但不是 .docx；{HOW}")
        with tempfile.TemporaryDirectory(prefix="docgen-diff-") as tmp:
            folder = import_docx(path, Path(tmp) / path.stem)
            try:
                yield folder
            finally:
                IMPORTED.pop(folder.resolve(), None)
        return
    if ":" in spec:
        with tempfile.TemporaryDirectory(prefix="docgen-diff-") as tmp:
            folder = from_git(spec, role, Path(tmp))
            try:
                yield folder
            finally:
                IMPORTED.pop(folder.resolve(), None)
        return
    raise SideError(f"找不到{role}“{spec}”；{HOW}")


def import_docx(src: Path, dest: Path) -> Path:
    try:
        from ..importer import import_docx as run_import
    except ImportError as exc:
        raise SideError(f"这个版本的 docgen 还不能读取 .docx（{src}）：缺少导入功能（docgen import）；"
                        "请先用 docgen import 转成申报文件夹，再比较文件夹") from exc
    try:
        report = run_import(src, dest)
    except Exception as exc:  # noqa: BLE001 - any failure of the import is "cannot read this side"
        raise SideError(f"无法读取“{src}”：{exc}") from exc
    if not (dest / "cluster.yaml").is_file():
        raise SideError(f"无法从“{src}”读出申报内容（未得到 cluster.yaml）")
    from ..importer.assemble import link_evidence_beside

    # the evidence/ folder sent with the .docx: its files are then cited, numbered and compared
    link_evidence_beside(src, dest, list(getattr(report, "missing_evidence", [])))
    IMPORTED[dest.resolve()] = report
    return dest


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise SideError("找不到 git 命令；比较 git 版本需要安装 git") from exc


def from_git(spec: str, role: str, tmp: Path) -> Path:
    """`REV:PATH` → a copy of that tree (or .docx blob) under tmp, written by git archive/cat-file."""
    rev, _, rel = spec.partition(":")
    if not rev:
        raise SideError(f"{role}“{spec}”：冒号前应写 git 版本（如 HEAD~1、v1、2024-报送）；{HOW}")
    top = _git(["rev-parse", "--show-toplevel"])
    if top.returncode != 0:
        raise SideError(f"{role}“{spec}”看起来是 git 版本，但当前文件夹不在 git 仓库中；请在仓库内运行，{HOW}")
    kind = _git(["cat-file", "-t", spec])
    if kind.returncode != 0:
        if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]).returncode != 0:
            raise SideError(f"{role}：git 中没有版本“{rev}”；可用 git log --oneline 或 git tag 查看已有版本")
        raise SideError(f"{role}：版本“{rev}”中没有“{rel or '（根目录）'}”；路径从仓库根目录写起，"
                        "或以 ./ 开头表示相对当前文件夹（如 HEAD~1:./example）")
    what = kind.stdout.decode().strip()
    # the object id: git archive itself does not resolve ./-relative paths
    oid = _git(["rev-parse", "--verify", spec]).stdout.decode().strip()
    root = Path(top.stdout.decode().strip())  # git archive refuses to run from an untracked folder
    name = Path(rel.rstrip("/")).name or "application"
    if what == "tree":
        archive = _git(["archive", "--format=tar", oid], cwd=root)
        if archive.returncode != 0:
            raise SideError(f"{role}：git archive“{spec}”失败：{archive.stderr.decode(errors='replace').strip()}")
        dest = tmp / name
        dest.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            if hasattr(tarfile, "data_filter"):  # Python ≥ 3.11.4: refuse links and paths out of dest
                tar.extractall(dest, filter="data")
            else:
                tar.extractall(dest)
        return dest
    if what == "blob" and rel.lower().endswith(".docx"):
        blob = _git(["cat-file", "blob", oid], cwd=root)
        src = tmp / Path(rel).name
        src.write_bytes(blob.stdout)
        return import_docx(src, tmp / Path(rel).stem)
    raise SideError(f"{role}“{spec}”在 git 中是文件而不是文件夹；{HOW}")


