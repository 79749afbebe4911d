"""Command line: ``directive-digest [--input PATH ...] [--output DIR]`` (also ``python build_digest.py``).

Exit status:

* 0: the build finished. Inputs that could not be used (empty, binary, legacy font
  encoding, broken front matter, duplicates…) are reported as warnings on stderr and in
  the report file, and every other article is built.
* 1: under ``--strict``, the build finished but some input had a problem or a generated
  file could not be replaced.
* 2: usage error, input not found, a data file (``--registry``, ``directives.yaml``,
  ``lexicon.yaml``) that cannot be used (the message names the file, the entry and the
  field), another run is writing the same output directory, or the engine cannot be used
  (``--engine dask`` without Dask installed, a scheduler that cannot be reached or has no
  worker, a worker that runs other code or libraries).
* 3: the build could not finish (output not writable, or a bug): the previous output is
  left as it was. The message says why; no traceback is shown.
* 130: interrupted (Ctrl-C); every page is whole, old or new, and the next run completes.
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

from .build import build
from .dask_engine import DaskEngine, EngineError
from .problems import DataError
from .progress import for_stream
from .registry import load_registry
from .version import __version__
from .write import OutputLocked

EPILOG = """\
inputs: .txt (headline, then the text), .md (front matter fields win), .html/.htm (a saved
page: trafilatura keeps the article and its metadata), .jsonl/.ndjson/.json (exports: one
article per record with text or html, and title, date, url, outlet, author). Text may be
UTF-8, UTF-16 or Windows-1258; TCVN3/VNI font encodings are refused with a message.

exit status: 0 built (unusable inputs are warned about and listed in the report);
1 under --strict when any input or page had a problem; 2 usage error, missing input, a
broken registry or lexicon (file, entry and field are named), output locked by another
run, or an engine that cannot be used; 3 build could not finish (previous output left as
it was); 130 interrupted (Ctrl-C; previous output usable).

engines: articles are prepared (read, understood, rendered) in a local process pool, or
with --engine dask on a Dask cluster: --scheduler tcp://HOST:8786 (workers started with
`dask worker tcp://HOST:8786`, each with the same directive-digest installed; they need no
access to the inputs or the output), or a local cluster of --jobs processes. Pages are the
same either way. On a terminal, each phase shows its progress (not under --quiet)."""
DEFAULT_INPUT = Path("articles")
DEFAULT_OUTPUT = Path("content")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Digest Vietnamese press articles about Party directives into "
                                "front-mattered Markdown for the MkDocs site.", epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", "-i", action="append", type=Path, metavar="PATH",
                   help="article file or directory (recursive); repeatable. Default: articles/")
    p.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, metavar="DIR",
                   help="MkDocs docs_dir to write the digest into. Default: content/")
    p.add_argument("--report", type=Path, default=Path("build-report.json"), metavar="FILE",
                   help="where to write the build report (JSON). Default: build-report.json")
    p.add_argument("--cache", type=Path, default=Path(".digest-cache"), metavar="DIR",
                   help="where to keep prepared articles (understood, rendered) between runs (safe to delete). Default: .digest-cache/")
    p.add_argument("--no-cache", action="store_true", help="understand every article again; keep no cache")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="processes for reading and understanding articles (the local pool, or the local "
                        "Dask cluster). Default: one per core")
    p.add_argument("--engine", choices=("local", "dask"), default=None,
                   help="what prepares the articles: a local process pool, or a Dask cluster (needs "
                        "pip install 'directive-digest[dask]'). Default: local, dask with --scheduler")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="the Dask scheduler to use (tcp://host:8786). Default with --engine dask: a local "
                        "cluster started for this run")
    p.add_argument("--registry", type=Path, default=None, metavar="FILE",
                   help="the directive registry to use (a directives.yaml kept outside the package). "
                        "Default: the package's data/directives.yaml")
    p.add_argument("--strict", action="store_true", help="exit 1 when any input could not be used")
    p.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.scheduler and args.engine == "local":
        cli.error("--scheduler is for --engine dask")
    inputs = args.input or [DEFAULT_INPUT]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        print(f"error: input not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        # A mistake in a data file is the editor's to fix (exit 2), found before any article
        # is read (build() checks the lexicon first too).
        registry = load_registry(str(args.registry) if args.registry else None)
        dask = args.engine == "dask" or (args.engine is None and args.scheduler)
        with DaskEngine(args.scheduler, workers=args.jobs) if dask else contextlib.nullcontext() as engine:
            report = build(inputs, args.output, registry=registry, report_path=args.report,
                           cache_dir=None if args.no_cache else args.cache, jobs=args.jobs, engine=engine,
                           progress=for_stream(sys.stderr, quiet=args.quiet))
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except EngineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OutputLocked as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the previous output is left as it was", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"error: cannot write {error.filename or args.output}: {error.strerror or error}; "
              "the previous output is left as it was", file=sys.stderr)
        return 3
    except Exception as error:  # a bug: say what, never a traceback
        print(f"internal error: {type(error).__name__}: {error}; the previous output is left as it was "
              "(please report this)", file=sys.stderr)
        return 3
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
