"""Command line: ``python build_digest.py [--input PATH ...] [--output DIR]``.

Exit status: 0 when the build finished (problems are reported, the other articles are
built); 1 under ``--strict`` when any input had a problem; 2 for a usage error or when
another run holds the output directory.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .build import build
from .write import OutputLocked

DEFAULT_INPUT = Path("articles")
DEFAULT_OUTPUT = Path("content")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build_digest.py", description=__doc__.splitlines()[0])
    p.add_argument("--input", "-i", action="append", type=Path, metavar="PATH",
                   help="article file or directory (recursive); repeatable. Default: articles/")
    p.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, metavar="DIR",
                   help="MkDocs docs_dir to write the digest into. Default: content/")
    p.add_argument("--report", type=Path, default=Path("build-report.json"), metavar="FILE",
                   help="where to write the build report (JSON). Default: build-report.json")
    p.add_argument("--cache", type=Path, default=Path(".digest-cache"), metavar="DIR",
                   help="where to keep understood articles between runs (safe to delete). Default: .digest-cache/")
    p.add_argument("--no-cache", action="store_true", help="understand every article again; keep no cache")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="processes for understanding articles. Default: one per core")
    p.add_argument("--strict", action="store_true", help="exit 1 when any input could not be used")
    p.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    inputs = args.input or [DEFAULT_INPUT]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        print(f"error: input not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        report = build(inputs, args.output, report_path=args.report,
                       cache_dir=None if args.no_cache else args.cache, jobs=args.jobs)
    except OutputLocked as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(f"warning: {problem.source}: {problem.reason}", file=sys.stderr)
    for path, reason in report.written.refused:
        print(f"warning: {args.output / path}: {reason}", file=sys.stderr)
    if report.unknown_references and not args.quiet:
        refs = ", ".join(f"{ref} ({n})" for ref, n in report.unknown_references.most_common(10))
        print(f"references not in the registry (add them to directives.yaml?): {refs}")
    if not args.quiet:
        w = report.written
        print(f"{report.articles} articles -> {report.pages} pages in {args.output}/ "
              f"({len(w.written)} written, {len(w.unchanged)} unchanged, {len(w.removed)} removed) "
              f"in {time.perf_counter() - started:.2f}s; {len(report.problems)} problem(s); report: {args.report}")
        print(report.quality.line())
    return 1 if args.strict and not report.ok else 0
