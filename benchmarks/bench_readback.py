"""What the read-back costs: `docgen check` with it against `docgen check --no-readback`.

    python benchmarks/bench_readback.py [--runs N] [FOLDER]

Runs alternate (without, with, without, with, …) so that machine noise hits both sides alike;
prints the medians and the ratio (goal: with < 2× without) for the CLI as a subprocess and
in-process after a warm-up (the per-application cost when many folders are checked at once),
and the read-back's own parts in-process: render in memory, read back, compare.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - t


def in_process(folder: Path, runs: int, readback: bool) -> float:
    from docgen.checkcmd import run_check

    sink = io.StringIO()
    times = []
    with redirect_stdout(sink), redirect_stderr(sink):
        run_check([folder], readback=readback)  # warm-up
        for _ in range(runs):
            t = time.perf_counter()
            run_check([folder], readback=readback)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def parts(folder: Path, runs: int) -> dict[str, float]:
    from docgen.importer.assemble import read_document
    from docgen.importer.docx_read import read_docx_bytes
    from docgen.pipeline import load_application
    from docgen.readback import read_back, render_form

    app, _ = load_application(folder)
    out: dict[str, list[float]] = {"render": [], "read back": [], "render + read + compare": []}
    for i in range(runs + 1):
        t0 = time.perf_counter()
        data = render_form(app)
        t1 = time.perf_counter()
        read_document(read_docx_bytes(data), Path("申报表.docx"), folder)
        t2 = time.perf_counter()
        from docgen.findings import Findings

        read_back(app, Findings())
        t3 = time.perf_counter()
        if i:  # the first is the warm-up
            out["render"].append(t1 - t0)
            out["read back"].append(t2 - t1)
            out["render + read + compare"].append(t3 - t2)
    return {k: statistics.median(v) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "content" / "example"))
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    py = sys.executable
    without = [py, "-m", "docgen", "check", "--no-readback", args.folder]
    with_rb = [py, "-m", "docgen", "check", args.folder]
    timed(without, env), timed(with_rb, env)  # warm the OS caches
    a, b = [], []
    for _ in range(args.runs):
        a.append(timed(without, env))
        b.append(timed(with_rb, env))
    sys.path.insert(0, str(ROOT))
    folder = Path(args.folder)
    warm_without, warm_with = in_process(folder, args.runs, False), in_process(folder, args.runs, True)
    a_m, b_m = statistics.median(a), statistics.median(b)
    print(f"docgen check --no-readback (subprocess)  median {a_m * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"docgen check               (subprocess)  median {b_m * 1000:7.1f} ms  ratio {b_m / a_m:4.2f}×")
    print(f"check --no-readback (in-process, warm)   median {warm_without * 1000:7.1f} ms")
    print(f"check               (in-process, warm)   median {warm_with * 1000:7.1f} ms  ratio {warm_with / warm_without:4.2f}×")
    for name, t in parts(folder, args.runs).items():
        print(f"  {name:<28} median {t * 1000:7.1f} ms")
    print("goal: check with the read-back < 2× check without it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
