"""The pre-commit hook (.pre-commit-hooks.yaml): `docgen check` on the application folders a
commit changes. The hook's definition is run the way pre-commit runs it: its `files` pattern
chooses among the repository's files, and its entry gets them as arguments."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from diff_cases import copy_example, edit
from ruamel.yaml import YAML

from docgen.precommit import changed_folders

BIN = Path(sys.executable).parent


def hook() -> dict:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (found,) = [h for h in hooks if h["id"] == "docgen-check"]
    return found


def run_hook(repo: Path, files: list[str]) -> subprocess.CompletedProcess:
    h = hook()
    assert h["language"] == "python" and h.get("pass_filenames", True)
    pattern = re.compile(h.get("files", ""))
    chosen = [f for f in files if pattern.search(f)]
    argv = shlex.split(h["entry"]) + list(h.get("args", [])) + chosen
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(argv, cwd=repo, capture_output=True, text=True, env=env)


def tracked_files(repo: Path) -> list[str]:
    out = subprocess.run(["git", "-c", "core.quotepath=off", "ls-files"], cwd=repo, capture_output=True,
                         text=True, check=True).stdout
    return out.splitlines()


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "县里的仓库"
    copy_example(repo / "content" / "青川轴承")
    (repo / "content" / "city.yaml").write_text("市: 泉山市\n", encoding="utf-8")
    (repo / "README.md").write_text("申报材料\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    return repo


def test_hook_passes_on_the_example(repo):
    r = run_hook(repo, tracked_files(repo))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "检查通过" in r.stderr
    assert "content/青川轴承" in r.stderr


def test_hook_fails_on_a_broken_copy(repo):
    edit(repo / "content" / "青川轴承", "cluster.yaml", "集群占地面积: 18.6", "集群占地面积: 十八")
    r = run_hook(repo, ["content/青川轴承/cluster.yaml"])
    assert r.returncode == 1
    assert "content/青川轴承/cluster.yaml:" in r.stdout
    assert "检查未通过" in r.stderr


def test_hook_ignores_files_outside_applications(repo):
    r = run_hook(repo, ["README.md", "content/city.yaml"])
    assert (r.returncode, r.stdout) == (0, "")


def test_changed_files_map_to_their_folders(repo, monkeypatch):
    monkeypatch.chdir(repo)
    app = Path("content/青川轴承")
    files = [str(app / "evidence" / "01-产业链图谱.pdf"), str(app / "plan.md"), str(app / "标准.csv"), "README.md"]
    assert changed_folders(files, repo) == [app]


@pytest.mark.slow
def test_pre_commit_try_repo(repo, tmp_path):
    """pre-commit itself installs this repository's hook and runs it (needs PyPI for the install)."""
    if shutil.which("pre-commit", path=str(BIN)) is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    src = tmp_path / "docgen-src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", "build", "__pycache__", "*.egg-info", ".git", ".hypothesis", ".pytest_cache"))
    subprocess.run(["git", "init", "-q"], cwd=src, check=True)
    subprocess.run(["git", "add", "-A"], cwd=src, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "docgen"],
                   cwd=src, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pc = [str(BIN / "pre-commit"), "try-repo", str(src), "docgen-check", "--all-files"]
    ok = subprocess.run(pc, cwd=repo, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    edit(repo / "content" / "青川轴承", "cluster.yaml", "集群占地面积: 18.6", "集群占地面积: 十八")
    bad = subprocess.run(pc, cwd=repo, capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "cluster.yaml:" in bad.stdout
