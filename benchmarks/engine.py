"""The cold digest on the local process pool against a Dask LocalCluster, on one machine.

    python -m benchmarks.engine [--size 10000] [--workers 2] [--repeat 2] [--keep DIR]

Generates N synthetic articles (``benchmarks.synth``), then runs the cold digest (empty
output and cache) with ``--engine local`` and with ``--engine dask --jobs W``, alternately,
``--repeat`` times each, every run in its own process measured as ``benchmarks.run`` does:
wall time, CPU of the process and of every process it started (the cluster's workers too),
peak RSS of the largest process. The two outputs are compared byte for byte. The load
average before each run is printed beside it: other work on the machine shows in the figures.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .run import file_create_us, measure
from .synth import default_seed_dirs, generate

ROOT = Path(__file__).resolve().parent.parent


def digest_cmd(articles: Path, out: Path, engine: list[str]) -> list[str]:
    return [sys.executable, str(ROOT / "build_digest.py"), "--input", str(articles), "--output", str(out),
            "--cache", str(out.with_name(out.name + ".cache")), "--report", str(out.with_suffix(".json")),
            "--quiet", *engine]


def same_tree(a: Path, b: Path) -> bool:
    """Every file under ``a`` and ``b`` (dot files too) with the same bytes, and no other."""
    comparison = filecmp.dircmp(a, b)
    pending = [comparison]
    while pending:
        c = pending.pop()
        if c.left_only or c.right_only or c.funny_files:
            return False
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        if mismatch or errors:
            return False
        pending.extend(c.subdirs.values())
    return True


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=2, help="processes of the Dask LocalCluster")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--keep", type=Path, help="work directory to use and keep (default: a temporary one)")
    args = p.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="engine-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    articles = work / "articles"
    if not articles.is_dir():
        generate(args.size, articles, default_seed_dirs())
    engines = {"local": ["--engine", "local"], "dask": ["--engine", "dask", "--jobs", str(args.workers)]}
    print(f"{args.size:,} synthetic articles, {os.cpu_count()} cores; cold digest (empty output and cache)")
    print("| run | engine | load avg before | file creation µs | wall s | CPU s | articles/s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    outputs: dict[str, Path] = {}
    # New directories for every run, nothing deleted before the last one: on ext4 without a
    # journal, files created just after many were deleted cost 10-20x more (benchmarks.run).
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        for run in range(1, args.repeat + 1):
            for name, options in engines.items():
                out = work / f"{name}-{run}-{stamp}"
                time.sleep(2)  # let the previous run's exit settle
                load = os.getloadavg()[0]
                probe = work / f"probe-{name}-{run}-{stamp}"
                probe.mkdir(exist_ok=True)
                creation = file_create_us(probe)
                r = measure(digest_cmd(articles, out, options), work)
                outputs.setdefault(name, out)
                print(f"| {run} | {name} | {load:.2f} | {creation} | {r['wall']:.1f} | {r['cpu']:.1f} | "
                      f"{args.size / r['wall']:.0f} | {r['peak_rss_mb']:.0f} |", flush=True)
        print(f"\noutputs byte-identical: {same_tree(outputs['local'], outputs['dask'])}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
