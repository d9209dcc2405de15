"""Faults: a build killed with SIGKILL, two builds at once, LibreOffice or CJK fonts missing.

Every test runs `python -m docgen build …` as a real subprocess.

Temporary files: docgen/writer.py's `write_atomic` writes `.<name>.<random>.tmp` beside the target
and renames it into place. After any build, finished or killed, the output folder must hold only
the outputs (申报表.docx, 申报表.pdf) — anything else counts as a temporary file left behind. A
process killed between writing its temporary file and renaming it cannot remove it; the next build
into that folder must then remove it (test_stale_temp_file_of_a_killed_build_is_cleaned).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example"
LINXI = ROOT / "content" / "linxi"
DOCX, PDF = "申报表.docx", "申报表.pdf"
CJK = re.compile(r"[\u4e00-\u9fff]")
POSIX = pytest.mark.skipif(os.name != "posix" or not Path("/proc/self/stat").exists(),
                           reason="SIGKILL and /proc are POSIX/Linux")


# -- helpers ---------------------------------------------------------------------------------------
def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.pop("DOCGEN_DEBUG", None)
    e.update(extra)
    return e


def docgen(*args: str, cwd: Path, environ: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "docgen", *args], cwd=cwd, env=environ or env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(p: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    out, err = p.communicate(timeout=timeout)
    return p.returncode, (out + err).decode("utf-8", "replace")


def run_docgen(*args: str, cwd: Path, environ: dict[str, str] | None = None) -> tuple[int, str]:
    return finish(docgen(*args, cwd=cwd, environ=environ))


def big_application(dest: Path, patents: int = 3000, name: str = "泉山市青川轴承产业园运营管理有限公司") -> Path:
    """content/example with a patent list of `patents` rows (the per-10,000 figure is then derived)."""
    shutil.copytree(EXAMPLE, dest)
    rows = ["专利名称,专利号,类型,权利人,授权日期,佐证"]
    for i in range(patents):
        rows.append(f"一种高精度轴承套圈磨削装置及其控制方法{i},ZL2015{i:07d}.{i % 10},发明专利,"
                    f"青川精工轴承有限公司,2016-0{1 + i % 9}-1{i % 10},evidence/56-有效发明专利证书汇编.pdf")
    (dest / "有效发明专利.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    y = (dest / "cluster.yaml").read_text(encoding="utf-8")
    y = re.sub(r"  每万人有效发明专利拥有量: .*\n", "", y)
    y = y.replace("基准值: 312, 目标值: 480", f"基准值: {patents}, 目标值: {patents + 200}")
    y = y.replace("名称: 泉山市青川轴承产业园运营管理有限公司", f"名称: {name}")
    (dest / "cluster.yaml").write_text(y, encoding="utf-8")
    return dest


def rename_operator(folder: Path, name: str) -> None:
    """Change the input so that a new build would give different bytes."""
    p = folder / "cluster.yaml"
    y = p.read_text(encoding="utf-8")
    y = re.sub(r"(  集群运营管理机构:\n    名称: ).*\n", lambda m: m.group(1) + name + "\n", y)
    p.write_text(y, encoding="utf-8")


def is_writer_temp(name: str) -> bool:
    """docgen/writer.py's temporary files: `.<target name>.<random>.tmp` beside the target."""
    return any(name.startswith(f".{target}.") and name.endswith(".tmp") for target in (DOCX, PDF))


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def assert_sound_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        for n in z.namelist():
            if n.endswith((".xml", ".rels")):
                etree.fromstring(z.read(n), etree.XMLParser(recover=False, resolve_entities=False))
    docx.Document(str(path))


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    return "".join(t.text or "" for t in d.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))


def cpu_seconds(pid: int) -> float:
    """utime + stime of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def need_soffice() -> None:
    missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have {', '.join(missing)} (LibreOffice, poppler-utils)")
        pytest.skip(f"{', '.join(missing)} not installed")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return re.sub(r"\s+", "", out.decode("utf-8"))


# -- a build killed midway ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, float]:
    """A 3,000-patent application and the CPU seconds one full build of it takes."""
    root = tmp_path_factory.mktemp("big")
    folder = big_application(root / "big")
    code, text = run_docgen("build", "big", "-o", "warm", cwd=root)  # warms the compiled-template cache
    assert code == 0, text
    p = docgen("build", "big", "-o", "warm", cwd=root)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    assert p.returncode == 0, p.stderr.read().decode()
    return folder, usage.ru_utime + usage.ru_stime


@POSIX
@pytest.mark.parametrize("fraction", [0.3, 0.55, 0.8])
def test_kill9_midway_leaves_previous_output(big, tmp_path: Path, fraction: float):
    folder, cpu = big
    work = tmp_path
    app = work / "big"
    shutil.copytree(folder, app)
    out = work / "out"
    code, text = run_docgen("build", "big", "-o", "out", cwd=work)
    assert code == 0, text
    before = (out / DOCX).read_bytes()
    assert listing(out) == {DOCX}

    rename_operator(app, "泉山市青川轴承产业园运营管理集团有限公司")  # a new build would differ
    p = docgen("build", "big", "-o", "out", cwd=work)
    deadline = time.monotonic() + 120
    killed = False
    while time.monotonic() < deadline and p.poll() is None:
        try:
            busy = cpu_seconds(p.pid)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            break
        if busy >= fraction * cpu:
            os.kill(p.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    p.communicate(timeout=60)
    if not killed or p.returncode != -signal.SIGKILL:
        pytest.skip(f"the build finished before {fraction:.0%} of its CPU time (rc {p.returncode})")
    assert (out / DOCX).read_bytes() == before, "the previous 申报表.docx changed"
    # only a kill inside write_atomic's few milliseconds may leave its temporary file (see below)
    assert {n for n in listing(out) if not is_writer_temp(n)} == {DOCX}, listing(out)

    # and the next build, not killed, writes the new document and leaves nothing else
    code, text = run_docgen("build", "big", "-o", "out", cwd=work)
    assert code == 0, text
    assert listing(out) == {DOCX}
    assert (out / DOCX).read_bytes() != before
    assert "运营管理集团有限公司" in docx_text(out / DOCX)


KILL_AT_RENAME = """
import os, runpy, signal, sys
real_replace = os.replace
def replace(src, dst):
    if str(dst).endswith({target!r}):
        os.kill(os.getpid(), signal.SIGKILL)  # a real kill -9, at the worst moment: temp written, not renamed
    return real_replace(src, dst)
os.replace = replace
sys.argv = ["docgen", *sys.argv[1:]]
runpy.run_module("docgen", run_name="__main__", alter_sys=True)
"""


@POSIX
def test_stale_temp_file_of_a_killed_build_is_cleaned(tmp_path: Path):
    """Killed between writing the temporary file and renaming it: the old file stays; the next build
    removes the dead process's temporary file."""
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    out = tmp_path / "out"
    code, text = run_docgen("build", "ex", "-o", "out", cwd=tmp_path)
    assert code == 0, text
    before = (out / DOCX).read_bytes()

    rename_operator(tmp_path / "ex", "泉山市青川轴承产业园运营管理集团有限公司")
    p = subprocess.Popen([sys.executable, "-c", KILL_AT_RENAME.format(target=DOCX), "build", "ex", "-o", "out"],
                         cwd=tmp_path, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = p.communicate(timeout=120)
    assert p.returncode == -signal.SIGKILL, err.decode()
    assert (out / DOCX).read_bytes() == before, "the previous 申报表.docx changed"
    left = listing(out) - {DOCX}
    assert left and all(is_writer_temp(n) for n in left), left

    code, text = run_docgen("build", "ex", "-o", "out", cwd=tmp_path)
    assert code == 0, text
    assert listing(out) == {DOCX}, f"the killed build's temporary file is still there: {listing(out) - {DOCX}}"


def processes_mentioning(text: str) -> list[int]:
    """Pids of processes whose command line mentions `text` (the orphaned soffice of a killed build)."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if text.encode() in (d / "cmdline").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


@pytest.mark.slow
@POSIX
def test_kill9_during_pdf_conversion_leaves_previous_output(tmp_path: Path):
    need_soffice()
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    tmp = tmp_path / "tmp"  # docgen's temporary folders (and LibreOffice's profile) go here
    tmp.mkdir()
    e = env(TMPDIR=str(tmp))
    out = tmp_path / "out"
    code, text = run_docgen("build", "ex", "-o", "out", "--pdf", cwd=tmp_path, environ=e)
    assert code == 0, text
    before = {n: (out / n).read_bytes() for n in listing(out)}
    assert set(before) == {DOCX, PDF}

    rename_operator(tmp_path / "ex", "泉山市青川轴承产业园运营管理集团有限公司")
    p = docgen("build", "ex", "-o", "out", "--pdf", cwd=tmp_path, environ=e)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and p.poll() is None and not processes_mentioning(str(tmp)):
        time.sleep(0.01)  # until soffice runs
    assert p.poll() is None, "the build ended before LibreOffice started"
    os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=60)
    try:
        assert {n: (out / n).read_bytes() for n in listing(out)} == before, "the previous output changed"
    finally:
        for pid in processes_mentioning(str(tmp)):  # the orphaned soffice started by the killed build
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# -- two builds at once ------------------------------------------------------------------------------
@pytest.mark.slow
def test_two_builds_at_once_with_pdf(tmp_path: Path):
    need_soffice()
    shutil.copytree(EXAMPLE, tmp_path / "example")
    shutil.copytree(LINXI, tmp_path / "linxi")
    a = docgen("build", "example", "-o", "out-a", "--pdf", cwd=tmp_path)
    b = docgen("build", "linxi", "-o", "out-b", "--pdf", cwd=tmp_path)
    (ca, ta), (cb, tb) = finish(a), finish(b)
    assert ca == 0, ta
    assert cb == 0, tb
    for out, folder in ((tmp_path / "out-a", "example"), (tmp_path / "out-b", "linxi")):
        assert listing(out) == {DOCX, PDF}, listing(out)
        assert_sound_docx(out / DOCX)
        assert (out / PDF).read_bytes().startswith(b"%PDF")
        name = re.search(r"集群名称: (\S+)", (tmp_path / folder / "cluster.yaml").read_text(encoding="utf-8"))[1]
        assert name in pdf_text(out / PDF), (folder, name)


@POSIX
def test_two_builds_at_once_into_one_folder(tmp_path: Path):
    """Two processes replacing the same 申报表.docx: the result is one of the two whole documents."""
    shutil.copytree(EXAMPLE, tmp_path / "a" / "申报")
    shutil.copytree(EXAMPLE, tmp_path / "b" / "申报")
    rename_operator(tmp_path / "b" / "申报", "泉山市青川轴承产业园运营管理集团有限公司")
    ps = [docgen("build", str(tmp_path / s / "申报"), "-o", "out", cwd=tmp_path) for s in ("a", "b", "a", "b")]
    for p in ps:
        code, text = finish(p)
        assert code == 0, text
    out = tmp_path / "out"
    assert listing(out) == {DOCX}
    assert_sound_docx(out / DOCX)


# -- LibreOffice or CJK fonts missing ----------------------------------------------------------------
def python_only_path(tmp_path: Path) -> Path:
    """A PATH folder with only `python`: this very interpreter, venv included.

    A wrapper rather than a link: Python finds its virtual environment from the path it was
    started as (pyvenv.cfg beside it), so a link elsewhere, or to the real executable, would
    start the base interpreter without the packages the venv holds."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "python"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return bin_dir


@POSIX
def test_python_only_path_stays_in_this_environment(tmp_path: Path):
    """What the subprocess imports comes from the same environment as the tests (never from
    packages installed globally on the machine)."""
    bin_dir = python_only_path(tmp_path)
    probe = "import sys, ruamel.yaml, docx, openpyxl; print(sys.prefix); print(ruamel.yaml.__file__)"
    p = subprocess.run([str(bin_dir / "python"), "-c", probe], env={"PATH": str(bin_dir), "LANG": "C.UTF-8"},
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    prefix, module = p.stdout.split()
    assert prefix == sys.prefix
    assert Path(module).resolve().is_relative_to(Path(sys.prefix).resolve()), (module, sys.prefix)


@POSIX
@pytest.mark.parametrize("previous", [False, True], ids=["fresh", "over-previous-output"])
def test_missing_libreoffice(tmp_path: Path, previous: bool):
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    out = tmp_path / "out"
    before: dict[str, bytes] = {}
    if previous:
        code, text = run_docgen("build", "ex", "-o", "out", cwd=tmp_path)
        assert code == 0, text
        rename_operator(tmp_path / "ex", "泉山市青川轴承产业园运营管理集团有限公司")
        before = {n: (out / n).read_bytes() for n in listing(out)}
    bin_dir = python_only_path(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    e = {"PATH": str(bin_dir), "HOME": str(home), "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    p = subprocess.run([str(bin_dir / "python"), "-m", "docgen", "build", "ex", "-o", "out", "--pdf"], cwd=tmp_path,
                       env=e, capture_output=True, timeout=120)
    text = (p.stdout + p.stderr).decode("utf-8", "replace")
    assert p.returncode not in (0, 3), text
    assert "Traceback" not in text, text
    assert "LibreOffice" in text and CJK.search(text), text
    assert "apt-get install" in text and "libreoffice" in text, text  # the install command
    assert {n: (out / n).read_bytes() for n in listing(out)} == before, "output written or changed"


FAKE_FC = """#!/bin/sh
# fontconfig with no CJK font installed: fc-list finds nothing for Chinese, fc-match falls back to DejaVu
case "$(basename "$0")" in
  fc-match) echo 'DejaVuSans.ttf: "DejaVu Sans" "Book"' ;;
  *) : ;;
esac
exit 0
"""


@pytest.mark.slow
@POSIX
def test_missing_cjk_fonts_are_reported(tmp_path: Path):
    """Without CJK fonts LibreOffice prints boxes (or another family): `--pdf` must say so in Chinese,
    with the command that installs them. Simulated with fc-list / fc-match that find no CJK font."""
    need_soffice()
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("fc-list", "fc-match"):
        f = bin_dir / tool
        f.write_text(FAKE_FC)
        f.chmod(0o755)
    e = env(PATH=str(bin_dir) + os.pathsep + os.environ.get("PATH", ""))
    code, text = run_docgen("build", "ex", "-o", "out", "--pdf", cwd=tmp_path, environ=e)
    assert "Traceback" not in text, text
    assert "字体" in text and "fonts-noto-cjk" in text, f"no message about missing CJK fonts (exit {code}):\n{text}"


HANGING_SOFFICE = """#!{python}
# LibreOffice stand-in that hangs: starts a child (as soffice starts soffice.bin) and waits.
import os, subprocess, sys, time
child = subprocess.Popen(["sleep", "300"])
with open({pids!r}, "w") as f:
    f.write(f"{{os.getpid()}} {{child.pid}}")
time.sleep(300)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


@POSIX
@pytest.mark.parametrize("command", ["build", "package"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupt_during_pdf_ends_libreoffice_and_removes_temp_folders(tmp_path: Path, sig, command: str):
    shutil.copytree(EXAMPLE, tmp_path / "ex")
    shutil.copy(EXAMPLE.parent / "city.yaml", tmp_path / "city.yaml")  # with the letter's keys (package writes it)
    pids_file = tmp_path / "pids"
    soffice = tmp_path / "soffice"
    soffice.write_text(HANGING_SOFFICE.format(python=sys.executable, pids=str(pids_file)), encoding="utf-8")
    soffice.chmod(0o755)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    previous = "MANIFEST" if command == "package" else DOCX  # package replaces only its own folder
    (out / previous).write_bytes(b"previous output")
    args = ("build", "ex", "-o", "out", "--pdf") if command == "build" else \
        ("package", "ex", "-o", "out", "--city", "city.yaml")
    p = docgen(*args, cwd=tmp_path, environ=env(DOCGEN_SOFFICE=str(soffice), TMPDIR=str(tmp)))
    deadline = time.monotonic() + 60
    while not pids_file.exists() or len(pids_file.read_text().split()) < 2:
        assert time.monotonic() < deadline and p.poll() is None, finish(p)
        time.sleep(0.05)
    office, child = map(int, pids_file.read_text().split())
    try:
        p.send_signal(sig)
        code, text = finish(p, timeout=30)
        assert code == 130 and "已中止" in text and "Traceback" not in text, text
        deadline = time.monotonic() + 10
        while (_alive(office) or _alive(child)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(office) and not _alive(child), "LibreOffice outlived docgen"
    finally:
        for pid in (office, child):  # never leave the stand-in running, even when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert not list(tmp.glob("docgen-*")), list(tmp.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []  # package's staging
    assert listing(out) == {previous} and (out / previous).read_bytes() == b"previous output"


def test_package_manifest_hashes_files_without_reading_them_whole(tmp_path: Path):
    """MANIFEST's SHA-256 of a large evidence file is computed in chunks (a 500 MB scan of a
    paper file once took 586 MB of memory)."""
    import hashlib
    import tracemalloc
    from types import SimpleNamespace

    from docgen.package import manifest_text, parse_manifest

    big = tmp_path / "evidence" / "扫描件.pdf"
    big.parent.mkdir()
    chunk = os.urandom(1024 * 1024)
    with open(big, "wb") as f:
        for _ in range(48):
            f.write(chunk)
    sub = SimpleNamespace(city=SimpleNamespace(department="泉山市工业和信息化局"), apps=[object()])
    tracemalloc.start()
    try:
        text = manifest_text(tmp_path, sub)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    [(size, sha, rel)] = parse_manifest(text)
    assert (size, rel) == (48 * 1024 * 1024, "evidence/扫描件.pdf")
    assert sha == hashlib.sha256(big.read_bytes()).hexdigest()
    assert peak < 8 * 1024 * 1024, peak
