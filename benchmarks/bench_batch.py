"""Many applications in one command: `docgen build` over 64 folders in ONE process.

    python benchmarks/bench_batch.py [--apps 64] [--runs 3] [--single-runs 7] [--profile]

The folders are copies of content/example with distinct names in a temporary folder. Prints

- the wall time of `python -m docgen build app01 … app64 -o OUT` (median of --runs) and the
  per-application cost: total / 64 (goal < 150 ms) and the marginal cost of one more application
  ((total − one-folder build) / 63);
- the peak RSS of that process (one process builds all 64: memory must not grow per application);
- a single build against `python -c "import docxtpl"` in alternating runs, by reusing
  benchmarks/bench_build.py (goal ≤ 2×);
- with --profile: a cProfile of the 64-application build in-process (top functions, % of time).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example"
GOAL_MS = 150.0
sys.path.insert(0, str(Path(__file__).resolve().parent))


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one child process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed:\n{err.decode('utf-8', 'replace')}")
    return wall, (usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024) / 1024


def make_apps(root: Path, n: int) -> list[Path]:
    apps = []
    for i in range(1, n + 1):
        d = root / f"app{i:02d}"
        shutil.copytree(EXAMPLE, d)
        apps.append(d)
    return apps


def profile(apps: list[Path], out: Path, top: int = 30) -> str:
    from bench_scale import profile_builds

    return profile_builds(apps[:1], apps, out, f"one in-process build of {len(apps)} applications", top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--apps", type=int, default=64)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--single-runs", type=int, default=7, help="alternating runs for the docxtpl comparison")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="docgen-batch-") as tmp:
        root = Path(tmp)
        apps = make_apps(root / "apps", args.apps)
        names = [str(a) for a in apps]
        run([py, "-m", "docgen", "build", names[0], "-o", str(root / "warm")], root)  # caches warm
        one, many, rss_one, rss_many = [], [], [], []
        for _ in range(args.runs):
            w, m = run([py, "-m", "docgen", "build", names[0], "-o", str(root / "one")], root)
            one.append(w)
            rss_one.append(m)
            w, m = run([py, "-m", "docgen", "build", *names, "-o", str(root / "many")], root)
            many.append(w)
            rss_many.append(m)
        built = sorted(p.parent.name for p in (root / "many").glob("*/申报表.docx"))
        assert built == sorted(a.name for a in apps), "not every application was built"
        t1, tn = statistics.median(one), statistics.median(many)
        per_app = 1000 * tn / args.apps
        marginal = 1000 * (tn - t1) / (args.apps - 1)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU, median of {args.runs} runs")
        print(f"docgen build, 1 application        {t1:7.2f} s   peak {max(rss_one):5.0f} MB")
        print(f"docgen build, {args.apps} applications, 1 cmd {tn:7.2f} s   peak {max(rss_many):5.0f} MB")
        print(f"per application: {per_app:.0f} ms (total / {args.apps}), marginal {marginal:.0f} ms "
              f"(goal < {GOAL_MS:.0f} ms: {'OK' if per_app < GOAL_MS else 'MISSED'})")
        print()
        import bench_build  # the renderer's benchmark: single build vs `python -c "import docxtpl"`

        bench_build.main(["--runs", str(args.single_runs), str(apps[0])])
        if args.profile:
            print("\n" + profile(apps, root / "prof"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
