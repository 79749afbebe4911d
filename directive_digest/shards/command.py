"""``python -m directive_digest site``: build the site, in shards above a size.

    python -m directive_digest site [--shards auto|N] [-f mkdocs.yml] [-d site] [--cache DIR]
                                    [--engine local|dask] [--scheduler ADDRESS] [--jobs N]

``--shards auto`` (the default, what ``make site`` runs): one ``mkdocs build --strict`` below
plan.SHARD_ABOVE articles, shards above; ``--shards N``: N article shards (and the top one)
whatever the size; ``--shards 0``: never. Exit status: 0 built; 1 a shard failed (its
messages name the page) or a link of the assembled site is broken: the previous site is left
as it was; 2 usage error, no configuration, or an engine that cannot be used; 3 a file could
not be read or written; 130 interrupted. Only a whole site ever replaces the previous one.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config

from ..dask_engine import DaskEngine, EngineError
from ..progress import for_stream
from .assemble import AssemblyFailed, assemble, swap
from .build import ShardFailed, build_shards, cached, remove_stale
from .links import broken_links
from .plan import SHARD_ABOVE, common_fingerprint, fingerprints, make_plan, scan, shard_count


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="directive-digest site", description="Build the site (mkdocs build), in shards "
                                "built in parallel above a size (docs/scaling.md).")
    p.add_argument("--shards", default="auto", metavar="auto|N",
                   help=f"article shards: auto (one build below {SHARD_ABOVE:,} articles), N, or 0 (never shard)")
    p.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    p.add_argument("-d", "--site-dir", type=Path, default=None, metavar="DIR", help="Default: mkdocs.yml's site_dir")
    p.add_argument("--cache", type=Path, default=Path(".digest-cache"), metavar="DIR",
                   help="where each shard's output is kept for the next build. Default: .digest-cache/")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="shards built at once. Default: one per core")
    p.add_argument("--engine", choices=("local", "dask"), default=None,
                   help="what builds the shards: local processes, or a Dask cluster (its workers must see "
                        "the same files). Default: local, dask with --scheduler")
    p.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler (tcp://host:8786)")
    p.add_argument("--no-link-check", action="store_true", help="skip the check of the assembled site's links")
    # Shards on several machines (a CI matrix, docs/scaling.md): list them, build some, assemble.
    p.add_argument("--list", action="store_true", help="print the shards (JSON: name, articles, folders) and stop")
    p.add_argument("--only", action="append", metavar="NAME",
                   help="build only this shard into the cache (repeatable); no site is assembled")
    p.add_argument("--assemble-only", action="store_true",
                   help="build nothing: assemble the shards in the cache (each built from these same files)")
    p.add_argument("--report", type=Path, default=None, metavar="FILE", help="write what was built (JSON)")
    p.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    return p


def _article_count(docs_dir: Path) -> int:
    return sum(scan(docs_dir)[0].values())


def single_build(config_file: Path, site_dir: Path | None, quiet: bool) -> int:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    if site_dir is not None:
        cmd += ["-d", str(site_dir)]
    return subprocess.run(cmd + (["--quiet"] if quiet else [])).returncode


def _pages_of(site: Path, plan, rebuilt: set[str]) -> list[str]:
    """The HTML pages of the shards in ``rebuilt`` (relative paths): a page is its folder's
    shard's, the top shard's outside article folders."""
    owner = {f: s.name for s in plan.shards[1:] for f in s.folders}
    top = plan.shards[0].name
    root = os.fspath(site)
    cut = len(root) + 1
    out = []
    for folder, _dirs, names in os.walk(root):
        rel = folder[cut:].replace(os.sep, "/")
        if owner.get(rel, top) in rebuilt:
            out += [f"{rel}/{name}" if rel else name for name in names if name.endswith(".html")]
    return sorted(out)


def sharded_build(args, config, jobs: int, client, out) -> dict:
    """Plan, build, assemble, check, swap; the report."""
    started = time.perf_counter()
    docs_dir, site_dir = Path(config.docs_dir), Path(args.site_dir or config.site_dir)
    scanned = scan(docs_dir)  # walked once: the count, the plan and the fingerprints
    plan = make_plan(docs_dir, shard_count(sum(scanned[0].values()), jobs, args.shards), scanned)
    theme_dir = config.theme.custom_dir
    prints = fingerprints(plan, common_fingerprint(args.config_file, Path(theme_dir) if theme_dir else None))
    planned_s = time.perf_counter() - started
    if args.list:
        print(json.dumps([{"name": s.name, "articles": s.articles, "folders": s.folders} for s in plan.shards],
                         ensure_ascii=False), file=out)
        return {"shards": [s.name for s in plan.shards]}
    missing = [s.name for s in plan.shards if not cached(args.cache, s.name, prints[s.name])]
    if args.assemble_only and missing:
        raise AssemblyFailed(f"not built from these files: {', '.join(missing)} (build each with --only NAME, "
                             f"from the same content/, mkdocs.yml and code, into {args.cache}/shards/)")
    if args.only and set(args.only) - {s.name for s in plan.shards}:
        raise AssemblyFailed(f"no shard named {', '.join(sorted(set(args.only) - {s.name for s in plan.shards}))} "
                             "(see --list)")
    progress = for_stream(sys.stderr, quiet=args.quiet)
    with progress.phase("building shards", total=len(missing), unit="shard") as phase:
        results = build_shards(plan, prints, args.config_file, args.cache, jobs, client, phase,
                               set(args.only) if args.only else None)
    built_s = time.perf_counter() - started
    if args.only:
        return {"articles": plan.articles, "shards": [r.__dict__ for r in results if r.name in args.only],
                "built": [r.name for r in results if r.built], "build_s": round(built_s, 2)}
    staging = assemble(plan, args.cache, site_dir, config.site_url or "")
    assembled_s = time.perf_counter() - started - built_s
    try:
        broken = []
        if not args.no_link_check:
            rebuilt = {r.name for r in results if r.built}
            # Pages of shards reused from the cache were checked when they were assembled before,
            # against the same skeleton (their fingerprint holds every page's path); shards built
            # elsewhere (--assemble-only) are checked here.
            pages = None if args.assemble_only or len(rebuilt) == len(plan.shards) \
                else _pages_of(staging, plan, rebuilt)
            broken = broken_links(staging, pages, jobs, urlsplit(config.site_url or "/").path or "/")
        if broken:
            shown = "\n".join(f"  {page}: {link}" for page, link in broken[:20])
            more = f"\n  … and {len(broken) - 20} more" if len(broken) > 20 else ""
            raise AssemblyFailed(f"{len(broken)} broken link(s) in the assembled site:\n{shown}{more}")
        links_s = time.perf_counter() - started - built_s - assembled_s
        swap(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    swapped = time.perf_counter()
    remove_stale(args.cache, plan)
    report = {"articles": plan.articles, "shards": [r.__dict__ for r in results],
              "built": [r.name for r in results if r.built], "reused": [r.name for r in results if not r.built],
              "plan_s": round(planned_s, 2), "build_s": round(built_s - planned_s, 2), "assemble_s": round(assembled_s, 2), "links_s": round(links_s, 2),
              "swap_s": round(swapped - started - built_s - assembled_s - links_s, 2),
              "total_s": round(time.perf_counter() - started, 2),
              "links_checked": not args.no_link_check, "site_dir": str(site_dir)}
    if not args.quiet:
        print(f"{plan.articles} articles in {len(plan.shards)} shards ({len(report['built'])} built, "
              f"{len(report['reused'])} reused) -> {site_dir}/ in {report['total_s']:.1f}s", file=out)
    return report


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.shards != "auto" and not args.shards.isdigit():
        cli.error("--shards takes auto or a number")
    if args.scheduler and args.engine == "local":
        cli.error("--scheduler is for --engine dask")
    if args.only and args.assemble_only:
        cli.error("--only builds shards, --assemble-only builds none: one or the other")
    if not args.config_file.is_file():
        print(f"error: no configuration: {args.config_file} not found", file=sys.stderr)
        return 2
    config = load_config(config_file=str(args.config_file))
    wanted = args.shards
    if (args.list or args.only or args.assemble_only) and wanted in ("0", "auto"):
        cli.error("--list, --only and --assemble-only need --shards N (the same N on every machine)")
    if wanted == "0" or (wanted == "auto" and _article_count(Path(config.docs_dir)) < SHARD_ABOVE):
        return single_build(args.config_file, args.site_dir, args.quiet)
    jobs = args.jobs or os.cpu_count() or 1
    dask = args.engine == "dask" or (args.engine is None and args.scheduler)
    try:
        with DaskEngine(args.scheduler, workers=args.jobs) if dask else contextlib.nullcontext() as engine:
            report = sharded_build(args, config, jobs, engine.client() if engine else None, sys.stdout)
    except EngineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ShardFailed as error:
        print(f"error: shard {error.shard} failed; the previous site is left as it was:", file=sys.stderr)
        for message in error.messages or ["(no message)"]:
            print(f"  {message}", file=sys.stderr)
        return 1
    except AssemblyFailed as error:
        print(f"error: {error}; the previous site is left as it was", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the previous site is left as it was", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror or error}; the previous site is left as it was",
              file=sys.stderr)
        return 3
    if args.report:
        args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0
