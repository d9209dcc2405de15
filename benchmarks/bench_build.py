"""Time `docgen build content/example` against `python -c "import docxtpl"`.

    python benchmarks/bench_build.py [--runs N] [FOLDER]

Runs alternate (baseline, build, baseline, build, …) so that machine noise hits both
sides alike; prints the medians and the ratio build / import-docxtpl (goal ≤ 2×), for
the CLI as a subprocess and for the in-process build (load + render + write, after a
warm-up, i.e. the per-application cost when several folders are built in one run).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "content" / "example"))
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        build = [py, "-m", "docgen", "build", args.folder, "-o", tmp]
        base = [py, "-c", "import docxtpl"]
        timed(base, env), timed(build, env)  # warm the OS caches
        b_times, x_times = [], []
        for _ in range(args.runs):
            b_times.append(timed(base, env))
            x_times.append(timed(build, env))

        sys.path.insert(0, str(ROOT))
        from docgen.build import run_build

        devnull = open(os.devnull, "w")
        old = sys.stdout
        sys.stdout = devnull
        try:
            run_build([Path(args.folder)], out=Path(tmp) / "warm")
            in_proc = []
            for i in range(args.runs):
                t = time.perf_counter()
                run_build([Path(args.folder)], out=Path(tmp) / f"r{i}")
                in_proc.append(time.perf_counter() - t)
        finally:
            sys.stdout = old
            devnull.close()

    base_m, build_m, inproc_m = (statistics.median(x) for x in (b_times, x_times, in_proc))
    print(f"python -c 'import docxtpl'      median {base_m * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"docgen build (subprocess)       median {build_m * 1000:7.1f} ms  ratio {build_m / base_m:4.2f}×")
    print(f"docgen build (in-process, warm) median {inproc_m * 1000:7.1f} ms  ratio {inproc_m / base_m:4.2f}×")
    print("goal: ≤ 2× for the subprocess build")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
