"""How `docgen build` grows with a long list: a patent list (CSV) of 500 / 1,000 / 2,000 / 5,000 rows.

    python benchmarks/bench_scale.py [--sizes 500,1000,2000,5000] [--runs 3] [--profile 5000]

Each size is content/example with 有效发明专利.csv replaced by N generated rows (every row cites
the same evidence file; the per-10,000 figure is left to docgen to derive, the target table's
2023 baseline is set to N). Every build is a fresh `python -m docgen build DIR -o OUT` child
process; for each size the script prints

- wall: the child's wall time (median of --runs), what a user waits for;
- build: load + check + render + write measured inside the child (median), without interpreter
  start-up and imports;
- peak RSS: the child's maximum resident set size (os.wait4 → ru_maxrss), the largest of the runs;

then the ratios time(N)/time(500) next to N/500: growth is linear when the build ratio follows
N/500 (the wall ratio stays below it because start-up is a fixed cost). Goals: 5,000 rows in
< 10 s and < 400 MB. `--profile N` adds a cProfile of one in-process build of size N (top
functions by own time and by cumulative time, as % of the build).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "example"
GOAL_SECONDS, GOAL_MB = 10.0, 400.0

# Run inside the child: import first, then time only the build.
TIMED_BUILD = """
import sys, time
from pathlib import Path
from docgen.build import run_build
t = time.perf_counter()
rc = run_build([Path(sys.argv[1])], out=Path(sys.argv[2]), pdf=False, draft=False, template=None)
sys.stderr.write(f"BUILD_SECONDS {time.perf_counter() - t:.6f}\\n")
sys.exit(rc)
"""


def make_application(dest: Path, patents: int) -> Path:
    """content/example with a generated patent list of `patents` rows."""
    shutil.copytree(EXAMPLE, dest)
    rows = ["专利名称,专利号,类型,权利人,授权日期,佐证"]
    for i in range(patents):
        rows.append(
            f"一种高精度轴承套圈磨削装置及其控制方法{i},ZL2015{i:07d}.{i % 10},发明专利,"
            f"青川精工轴承有限公司,2016-0{1 + i % 9}-1{i % 10},evidence/56-有效发明专利证书汇编.pdf"
        )
    (dest / "有效发明专利.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    y = (dest / "cluster.yaml").read_text(encoding="utf-8")
    y = re.sub(r"  每万人有效发明专利拥有量: .*\n", "", y)  # derived from the list
    y = y.replace("基准值: 312, 目标值: 480", f"基准值: {patents}, 目标值: {patents + 200}")
    (dest / "cluster.yaml").write_text(y, encoding="utf-8")
    return dest


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_child(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stderr) of one child process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()  # small; read before waiting so the pipe never fills
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    text = err.decode("utf-8", "replace")
    if p.returncode != 0:
        raise SystemExit(f"build failed ({p.returncode}):\n{text}")
    rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return wall, rss_kb / 1024, text


def measure(app: Path, work: Path, runs: int) -> dict[str, float]:
    walls, builds, rss = [], [], []
    out = work / "out"
    # warm-up: OS file cache and docgen's compiled-template cache
    run_child([sys.executable, "-m", "docgen", "build", str(app), "-o", str(out)], work)
    for _ in range(runs):
        wall, mb, _ = run_child([sys.executable, "-m", "docgen", "build", str(app), "-o", str(out)], work)
        walls.append(wall)
        rss.append(mb)
        _, mb2, err = run_child([sys.executable, "-c", TIMED_BUILD, str(app), str(out)], work)
        builds.append(float(re.search(r"BUILD_SECONDS ([\d.]+)", err).group(1)))
        rss.append(mb2)
    size = (out / "申报表.docx").stat().st_size
    return {"wall": statistics.median(walls), "build": statistics.median(builds), "rss": max(rss),
            "docx_kb": size / 1024}


def profile_builds(warm: list[Path], measured: list[Path], out: Path, title: str, top: int = 25) -> str:
    """cProfile of one in-process `run_build(measured)` after a warm-up build of `warm`, as text."""
    sys.path.insert(0, str(ROOT))
    from docgen.build import run_build

    devnull = open(os.devnull, "w")
    old = sys.stdout
    sys.stdout = devnull
    try:
        run_build(warm, out=out / "warm")
        prof = cProfile.Profile()
        t = time.perf_counter()
        prof.enable()
        run_build(measured, out=out / "prof")
        prof.disable()
        total = time.perf_counter() - t
    finally:
        sys.stdout = old
        devnull.close()
    stats = pstats.Stats(prof, stream=io.StringIO())
    lines = [f"cProfile of {title} ({total:.2f} s with profiling on, {1000 * total / len(measured):.0f} ms each)"]
    for key, name in (("tottime", "own time"), ("cumulative", "cumulative")):
        rows = sorted(((tt if key == "tottime" else ct, nc, f) for f, (cc, nc, tt, ct, _) in stats.stats.items()),
                      reverse=True)
        lines.append(f"\n  top {top} by {name}:")
        for secs, calls, (file, line, func) in rows[:top]:
            short = file.replace(str(ROOT) + os.sep, "").replace(sys.prefix, "<py>")
            lines.append(f"  {100 * secs / stats.total_tt:5.1f}%  {secs:7.3f}s  {calls:>9}  {func}  ({short}:{line})")
    return "\n".join(lines)


def profile(app: Path, work: Path, top: int = 25) -> str:
    """cProfile of one in-process build (after a warm-up build), as text."""
    return profile_builds([app], [app], work, "one in-process build", top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,1000,2000,5000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", type=int, default=None, metavar="N", help="also profile the build of N rows")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        root = Path(tmp)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU, {args.runs} runs per size (median time, max RSS)")
        print(f"{'rows':>6} {'wall s':>8} {'build s':>8} {'peak MB':>8} {'docx KB':>8}")
        for n in sizes:
            app = make_application(root / f"rows{n}" / "申报", n)
            r = results[n] = measure(app, root / f"rows{n}", args.runs)
            print(f"{n:>6} {r['wall']:>8.2f} {r['build']:>8.2f} {r['rss']:>8.0f} {r['docx_kb']:>8.0f}", flush=True)
        first = sizes[0]
        print(f"\n{'rows':>6} {'n/' + str(first):>8} {'wall ratio':>11} {'build ratio':>12}")
        for n in sizes:
            print(f"{n:>6} {n / first:>8.1f} {results[n]['wall'] / results[first]['wall']:>11.2f} "
                  f"{results[n]['build'] / results[first]['build']:>12.2f}")
        if len(sizes) > 1:
            a, b = sizes[0], sizes[-1]
            slope = (results[b]["build"] - results[a]["build"]) / (b - a) * 1000
            print(f"\nmarginal cost: {slope:.2f} s per 1,000 rows (build time, {a}→{b} rows)")
        big = max(sizes)
        ok_t = results[big]["wall"] < GOAL_SECONDS
        ok_m = results[big]["rss"] < GOAL_MB
        print(f"goal {big} rows: wall {results[big]['wall']:.2f} s < {GOAL_SECONDS:.0f} s {'OK' if ok_t else 'MISSED'}; "
              f"peak {results[big]['rss']:.0f} MB < {GOAL_MB:.0f} MB {'OK' if ok_m else 'MISSED'}")
        if args.profile:
            app = root / f"rows{args.profile}" / "申报"
            if not app.exists():
                app = make_application(app, args.profile)
            print("\n" + profile(app, app.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
