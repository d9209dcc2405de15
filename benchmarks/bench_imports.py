"""Import time of docgen modules, each in a fresh interpreter.

    python benchmarks/bench_imports.py [--runs N] [MODULE ...]
    python benchmarks/bench_imports.py --build [--runs N] [--top K] [FOLDER]

Without --build: for each MODULE (default: the modules that define frozen record classes, the
form's spec that makes ~300 of them, and the CLI's entry points) the median over N fresh
interpreters of the wall time of `import MODULE` (its own imports included).

With --build: runs `python -X importtime -m docgen build FOLDER` N times and prints the median
self time of the imports by top-level package, and docgen's K slowest modules. `-X importtime`
adds its own overhead (about 10–20 %), so read these as shares, and bench_build.py for figures.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODULES = ("docgen.form.kinds", "docgen.form.spec", "docgen.model",
                   "docgen.plan.outline", "docgen.plan.targets", "docgen.pipeline", "docgen.build",
                   "docgen.cli")
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)")


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def import_ms(module: str) -> float:
    code = ("import time; t = time.perf_counter(); import " + module +
            "; print((time.perf_counter() - t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         env=_env(), cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def modules(args) -> None:
    names = args.names or DEFAULT_MODULES
    for name in names:  # warm the OS caches
        import_ms(name)
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(args.runs):
        for name in names:  # interleaved, so that machine noise hits every module alike
            times[name].append(import_ms(name))
    print(f"import time, fresh interpreter, median of {args.runs} (own imports included):")
    for name in names:
        print(f"  {name:28s} {statistics.median(times[name]):7.1f} ms")


def build_imports(args) -> None:
    folder = args.names[0] if args.names else str(ROOT / "content" / "example")
    runs: list[dict[str, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs + 1):
            res = subprocess.run([sys.executable, "-X", "importtime", "-m", "docgen", "build", folder,
                                  "-o", tmp], capture_output=True, text=True, env=_env(), cwd=ROOT)
            if i:  # the first run warms the OS caches
                runs.append({m.group(3): int(m.group(1)) for m in map(_LINE.match, res.stderr.splitlines()) if m})
    names = set().union(*runs)
    self_us = {n: statistics.median(r.get(n, 0) for r in runs) for n in names}
    packages: dict[str, float] = {}
    for n, us in self_us.items():
        packages[n.split(".")[0]] = packages.get(n.split(".")[0], 0) + us
    print(f"docgen build: imports' self time (-X importtime), median of {args.runs}: "
          f"{sum(self_us.values()) / 1000:.1f} ms in {len(names)} modules")
    for pkg, us in sorted(packages.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {pkg:28s} {us / 1000:7.1f} ms")
    own = sorted(((us, n) for n, us in self_us.items() if n.split(".")[0] == "docgen"), reverse=True)
    print(f"docgen's {args.top} slowest modules (self time), of {len(own)}:")
    for us, n in own[:args.top]:
        print(f"  {n:28s} {us / 1000:7.1f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="modules, or with --build the application folder")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--build", action="store_true", help="the imports of one `docgen build`")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args(argv)
    (build_imports if args.build else modules)(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
