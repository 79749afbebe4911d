"""Scale benchmark: the whole pipeline on N synthetic articles, against a stock Material peer.

    python -m benchmarks.run --sizes 1000 2000 10000 [--browser] [--keep DIR] [--no-write]

For each N it generates N synthetic articles (``benchmarks.synth``) and measures, each
step in its own process (wall time, CPU, peak RSS of the largest process):

* digest, cold (empty cache, empty output): articles/s;
* digest, no-op rebuild (nothing changed) and one-article-changed rebuild;
* ``mkdocs build`` of our site (our mkdocs.yml, overrides, site plugin, digest pages);
* site size, largest page, search index size;
* the same ``mkdocs build`` and sizes for a *stock* Material site of the same article
  pages (nested directive/year, ``navigation.prune``, no overrides, hooks or digest
  pages), and the ratios ours/peer;
* with ``--browser``: search latency in Chromium (Playwright) on both sites.

The code measured is a copy of the working tree taken when the run starts (build_digest.py,
the package, mkdocs.yml, overrides/), so editing the repository during a run changes nothing
in it (the cache's code fingerprint stays the same from the cold run to the rebuilds).

Work trees are deleted only when every size is done. This file system (ext4 without a
journal) skips, when it allocates an inode, every inode freed in the last 1-6 minutes, one
by one: right after a big ``rm -rf`` (the previous size's 10,000s of files), creating a file
cost 0.2-0.5 ms of kernel time instead of ~0.02 ms, and the cold digest creates one file per
page. ``file_create_us``, measured before each cold digest, shows what the run met.

Results are merged into ``benchmarks/results.json`` (one entry per N, the newest run
wins) and ``docs/benchmarks.md`` is regenerated from it (other benchmarks' marked sections kept).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import search, sharded
from .report_sections import kept_sections
from .synth import default_seed_dirs, generate

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
REPORT = ROOT / "docs" / "benchmarks.md"
PY = sys.executable

# Runs a command and prints its wall time, CPU and the peak RSS of its largest process.
_MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_rss_mb": ru.ru_maxrss / 1024}))
"""

PEER_CONFIG = """\
site_name: Stock Material peer
docs_dir: docs
site_dir: site
use_directory_urls: false
theme:
  name: material
  language: vi
  font: false
  features:
    - navigation.prune
plugins:
  - search
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: false
"""


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    out = subprocess.run([PY, "-c", _MEASURE, str(cwd), *cmd], capture_output=True, text=True, check=True,
                         env={**os.environ, **(env or {})})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd} (exit {result['rc']})")
    return result


def tree_size(root: Path) -> tuple[int, int, int]:
    """(bytes, files, largest .html page in bytes) under root."""
    total = files = largest = 0
    for path in root.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            files += 1
            if path.suffix == ".html":
                largest = max(largest, size)
    return total, files, largest


def search_index_size(site: Path) -> int:
    """Material's index (search_index.json), or ours: every shard under search/."""
    index = site / "search" / "search_index.json"
    if index.exists():
        return index.stat().st_size
    return sum(p.stat().st_size for p in (site / "search").rglob("*.js"))


# The code measured: a copy taken when the benchmark starts (``snapshot_code``), not the live
# repository. Editing the package during a run would otherwise change the code fingerprint
# (batch.code_fingerprint) between the cold run and the rebuilds, which would then miss the cache.
CODE_FILES = ("build_digest.py", "mkdocs.yml", "overrides", "directive_digest")


def snapshot_code(base: Path) -> Path:
    """A copy of the code and site configuration as they are now (working tree, uncommitted
    edits included); every step of the run uses it."""
    snapshot = base / "code"
    if snapshot.exists():
        shutil.rmtree(snapshot)
    snapshot.mkdir(parents=True)
    copy_code(ROOT, snapshot)
    return snapshot


def copy_code(src_root: Path, dest: Path) -> None:
    """CODE_FILES (files and folders, without __pycache__) from src_root into dest."""
    for name in CODE_FILES:
        src = src_root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)


def setup_ours(work: Path, code: Path) -> Path:
    """The site directory: the code snapshot (build_digest.py runs from here, importing this
    copy of the package) and the hand-written content pages."""
    ours = work / "ours"
    ours.mkdir()
    copy_code(code, ours)
    content = ours / "content"
    content.mkdir()
    for path in (ROOT / "content").iterdir():  # the hand-written pages only
        if path.is_file() and path.suffix == ".md":
            shutil.copy2(path, content / path.name)
        elif path.is_dir() and path.name in ("stylesheets", "assets"):
            shutil.copytree(path, content / path.name)
    return ours


def setup_peer(work: Path, ours_content: Path) -> Path:
    """The same article pages, as a stock Material site would have them: no digest pages."""
    peer = work / "peer"
    docs = peer / "docs"
    docs.mkdir(parents=True)
    (peer / "mkdocs.yml").write_text(PEER_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Stock Material peer\n", encoding="utf-8")
    for path in ours_content.rglob("*.md"):
        rel = path.relative_to(ours_content)
        if len(rel.parts) == 3 and rel.name != "index.md":  # <directive>/<year>/<article>.md
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return peer


def file_create_us(work: Path, count: int = 300) -> float:
    """CPU microseconds to create an empty file in ``work`` now (the probe's files stay: freeing
    them would slow the next creations, see the module docstring)."""
    probe = work / ".file-create-probe"
    probe.mkdir()
    start = time.process_time()
    for i in range(count):
        os.close(os.open(probe / str(i), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return round((time.process_time() - start) / count * 1e6, 1)


def digest_cmd(articles: Path) -> list[str]:
    # Relative to the cwd (the site directory): the snapshot's copy, never ROOT's.
    return [PY, "build_digest.py", "--input", str(articles), "--output", "content",
            "--cache", ".digest-cache", "--report", "report.json", "--quiet"]


def change_one_article(articles: Path) -> Path:
    victim = sorted(articles.rglob("*.txt"))[len(list(articles.rglob("*.txt"))) // 2]
    lines = victim.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += " Hội nghị cũng biểu dương 12 tập thể, 25 cá nhân tiêu biểu."
    victim.write_text("\n".join(lines), encoding="utf-8")
    return victim


def mkdocs_cmd() -> list[str]:
    return [PY, "-m", "mkdocs", "build", "--quiet"]


def run_digest(n: int, articles: Path, ours: Path, r: dict) -> None:
    """The digest steps: cold, no-op rebuild, one article changed."""
    cold = measure(digest_cmd(articles), ours)
    report = json.loads((ours / "report.json").read_text(encoding="utf-8"))
    r["digest_cold"] = cold
    r["articles_digested"] = report["articles"]
    r["pages_generated"] = report["pages"]
    r["digest_articles_per_s"] = round(n / cold["wall"], 1)
    r["digest_noop"] = measure(digest_cmd(articles), ours)
    change_one_article(articles)
    r["digest_one_changed"] = measure(digest_cmd(articles), ours)
    report = json.loads((ours / "report.json").read_text(encoding="utf-8"))
    r["one_changed_written"] = report["written"]


def run_size(n: int, work: Path, browser: bool, seed_dirs: list[Path], digest_only: bool = False,
             code: Path = ROOT) -> dict:
    env_note = {}
    articles = work / "articles"
    t = time.perf_counter()
    generate(n, articles, seed_dirs)
    gen_s = time.perf_counter() - t
    ours = setup_ours(work, code)
    r: dict = {"n": n, "commit": _commit() + ("+dirty" if _dirty() else ""), "generate_s": round(gen_s, 2),
               "load_avg_before": round(os.getloadavg()[0], 2)}

    r["file_create_us"] = file_create_us(work)
    run_digest(n, articles, ours, r)
    if digest_only:
        return r
    cold = r["digest_cold"]

    # Without the search index first (the plugin's search_index option, from mkdocs.yml's !ENV), then with it:
    # what writing it adds.
    r["mkdocs_ours_no_index"] = measure(mkdocs_cmd(), ours, env={"DIGEST_SEARCH_INDEX": "false"})
    r["mkdocs_ours"] = measure(mkdocs_cmd(), ours)
    size, files, largest = tree_size(ours / "site")
    r["site_ours"] = {"bytes": size, "files": files, "largest_page": largest,
                      "search_index": search_index_size(ours / "site")}
    r["search_index_ours"] = search.index_figures(ours / "site", ours / "content")
    r["indexer"] = search.time_indexer(ours / "content", work / "index-alone")

    peer = setup_peer(work, ours / "content")
    r["mkdocs_peer"] = measure(mkdocs_cmd(), peer)
    size, files, largest = tree_size(peer / "site")
    r["site_peer"] = {"bytes": size, "files": files, "largest_page": largest,
                      "search_index": search_index_size(peer / "site")}
    r["pipeline_s"] = round(cold["wall"] + r["mkdocs_ours"]["wall"], 2)
    if browser:
        from .browser import search_latency

        # The sites just written (570 MB + 770 MB at 10,000) are still being flushed to disk: let
        # that finish first, or it competes with the browser being timed. A timeout is a result
        # too: recorded, and the other figures kept.
        runs = (("search_ours", lambda: search.query_figures(ours / "site")),
                ("search_ours_http", lambda: search.query_figures(ours / "site", over_http=True)),
                ("search_peer", lambda: search_latency(peer / "site")),
                ("pagefind_index", lambda: search.pagefind_index(ours / "site")),
                ("search_pagefind", lambda: search.pagefind_queries(ours / "site")))
        for name, run in runs:
            os.sync()
            try:
                r[name] = run()
            except Exception as error:
                r[name] = {"error": f"{type(error).__name__}: {str(error).splitlines()[0]}"}
    r.update(env_note)
    return r


def digest_line(r: dict) -> str:
    c, z, o = r["digest_cold"], r["digest_noop"], r["digest_one_changed"]
    return (f"N={r['n']:,} (file creation {r.get('file_create_us', '?')} µs): cold {c['wall']:.1f} s wall, "
            f"{c['cpu']:.1f} s CPU, {r['digest_articles_per_s']:.0f} "
            f"articles/s, peak {c['peak_rss_mb']:.0f} MB | no-op {z['wall']:.2f} s wall, {z['cpu']:.2f} s CPU "
            f"| one changed {o['wall']:.2f} s wall, {o['cpu']:.2f} s CPU ({r['one_changed_written']} pages written)")


def _us(value) -> str:
    return "?" if value is None else f"{value:.0f} µs"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def kb(n: float) -> str:
    return f"{n / 1e3:.0f} KB"


def render_report(results: dict) -> str:
    rows = sorted(results.get("sizes", {}).values(), key=lambda r: r["n"])
    out = [
        "# Benchmarks", "",
        "Generated by `python -m benchmarks.run` (`make bench`); do not edit by hand. "
        "Synthetic articles are real seed articles recombined (`benchmarks/synth.py`): "
        "chrome, captions, bylines kept; titles, dates, directives and outlets varied.", "",
        f"Machine: {results.get('machine', '?')}. Every figure is one run, each step in its own process; "
        "peak memory is the largest single process (`getrusage` of the children).", "",
        "## Digest (`build_digest.py`)", "",
        "*File creation*: CPU time to create an empty file in the work directory just before the cold digest "
        "(`file_create_us` in `benchmarks/run.py` says why it is measured: right after a large deletion it is "
        "10-20x higher on this file system).", "",
        "| N | cold | articles/s | CPU cold | no-op rebuild | one article changed (pages written) | peak RSS cold "
        "| file creation |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(f"| {r['n']:,} | {r['digest_cold']['wall']:.1f} s | {r['digest_articles_per_s']:.0f} "
                   f"| {r['digest_cold']['cpu']:.1f} s "
                   f"| {r['digest_noop']['wall']:.2f} s | {r['digest_one_changed']['wall']:.2f} s "
                   f"({r['one_changed_written']}) | {r['digest_cold']['peak_rss_mb']:.0f} MB "
                   f"| {_us(r.get('file_create_us'))} |")
    out += ["", "## Site (`mkdocs build`): ours vs stock Material peer", "",
            "Peer: the same article pages, nested directive/year, stock Material with `navigation.prune` and "
            "the `search` plugin; no overrides, hooks, digest or collection pages. Ratio = ours / peer.", "",
            "Wall time suffers from whatever else the machine runs (the load average before each size is in "
            "`benchmarks/results.json`); CPU time (user + system, all processes) suffers less.", "",
            "| N | build ours | build peer | ratio | CPU ours / peer | CPU ratio | peak RSS ours / peer | site ours / peer | largest page ours / peer "
            "| search index ours / peer | ratio |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        o, p = r["site_ours"], r["site_peer"]
        out.append(
            f"| {r['n']:,} | {r['mkdocs_ours']['wall']:.1f} s | {r['mkdocs_peer']['wall']:.1f} s "
            f"| {ratio(r['mkdocs_ours']['wall'], r['mkdocs_peer']['wall'])} "
            f"| {r['mkdocs_ours']['cpu']:.1f} / {r['mkdocs_peer']['cpu']:.1f} s "
            f"| {ratio(r['mkdocs_ours']['cpu'], r['mkdocs_peer']['cpu'])} "
            f"| {r['mkdocs_ours']['peak_rss_mb']:.0f} / {r['mkdocs_peer']['peak_rss_mb']:.0f} MB "
            f"| {mb(o['bytes'])} / {mb(p['bytes'])} | {kb(o['largest_page'])} / {kb(p['largest_page'])} "
            f"| {mb(o['search_index'])} / {mb(p['search_index'])} | {ratio(o['search_index'], p['search_index'])} |")
    out += ["", "## Whole pipeline", "", "| N | digest cold + mkdocs build | pages (ours) |", "|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['n']:,} | {r['pipeline_s']:.1f} s | {r['site_ours']['files']:,} files |")
    with_browser = [r for r in rows if "first_ms" in (r.get("search_ours") or {})]  # runs before the full-text search
    if with_browser:
        out += ["", "## Search in the browser, Material's search (before the full-text search)", "",
                "Served over loopback HTTP. *First answer*: from typing a query right after the page loaded to "
                "the results of the whole query shown. *Next query*: typing another query once the index is "
                "ready. Queries: \"nêu gương\", then \"kiểm tra\".", "",
                "| N | first answer ours / peer | next query ours / peer |", "|---:|---:|---:|"]
        def ms(result: dict, key: str) -> str:
            return f"{result[key]:.0f} ms" if key in result else "no answer in 60 s"

        for r in with_browser:
            so, sp = r["search_ours"], r["search_peer"]
            out.append(f"| {r['n']:,} | {ms(so, 'first_ms')} / {ms(sp, 'first_ms')} "
                       f"| {ms(so, 'next_ms')} / {ms(sp, 'next_ms')} |")
    out += search.render(results)
    out += sharded.render(results)
    out += ["", "Commits measured: " + ", ".join(f"{r['n']:,}: `{r.get('commit', '?')}` (load average before: "
                                              f"{r.get('load_avg_before', '?')})" for r in rows) + ".",
            "", f"Last run: {results.get('updated', '?')}.", ""]
    return "\n".join(out)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    p.add_argument("--browser", action="store_true", help="also time search in Chromium (Playwright)")
    p.add_argument("--recall", action="store_true", help="also measure search recall on the query set (three engines)")
    p.add_argument("--full-build-max", type=int, default=50_000,
                   help="larger sizes get the search index only, no MkDocs build (benchmarks/search.py index_only)")
    p.add_argument("--sharded", action="store_true",
                   help="the sharded pipeline (benchmarks/sharded.py) at each size, against the stock peer")
    p.add_argument("--peer-minutes", type=float, default=sharded.PEER_MINUTES,
                   help="with --sharded: time limit of the stock peer's build")
    p.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temporary one)")
    p.add_argument("--seed-dir", action="append", type=Path, help="seed articles (default: shared seeds + articles/)")
    p.add_argument("--no-write", action="store_true", help="print only; leave results.json and docs/ alone")
    p.add_argument("--digest-only", action="store_true",
                   help="time only the digest (cold, no-op, one changed); print, leave results.json and docs/ alone")
    args = p.parse_args(argv)
    seed_dirs = args.seed_dir or default_seed_dirs()
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"sizes": {}}
    snapshot_base = Path(tempfile.mkdtemp(prefix="digest-bench-code-"))
    code = snapshot_code(snapshot_base)
    args.snapshot_commit = _commit() + ("+dirty" if _dirty() else "")
    print(f"Measuring a snapshot of the code taken now ({code}; commit {_commit()}"
          f"{', with uncommitted changes' if _dirty() else ''}): edits made during the run do not affect it.",
          flush=True)
    try:
        return _run_sizes(args, seed_dirs, results, code)
    finally:
        shutil.rmtree(snapshot_base, ignore_errors=True)


def _commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    return out.strip() or "?"


def _dirty() -> bool:
    out = subprocess.run(["git", "status", "--porcelain", "--", *CODE_FILES], cwd=ROOT, capture_output=True,
                         text=True).stdout
    return bool(out.strip())


def _run_sizes(args, seed_dirs: list[Path], results: dict, code: Path) -> int:
    base = args.keep or Path(tempfile.mkdtemp(prefix="digest-bench-"))
    try:
        return _measure_sizes(args, seed_dirs, results, code, base)
    finally:  # at the end only: deleting a size's tree slows the next size's file creation
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def _measure_sizes(args, seed_dirs: list[Path], results: dict, code: Path, base: Path) -> int:
    for n in args.sizes:
        work = base / f"n{n}"
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        if args.sharded:
            r = sharded.run_sharded(n, work, seed_dirs, code, args.browser, args.peer_minutes)
            r["commit"] = args.snapshot_commit  # the code measured: the snapshot's
            results.setdefault("sharded", {})[str(n)] = r
            print(json.dumps(r, indent=1, ensure_ascii=False), flush=True)
            _write(args, results)
            continue
        if not args.digest_only and n > args.full_build_max:
            load = round(os.getloadavg()[0], 2)
            r = search.index_only(n, work, code)
            r.update({"commit": _commit() + ("+dirty" if _dirty() else ""), "load_avg_before": load})
            results.setdefault("search_only", {})[str(n)] = r
            print(json.dumps(r, indent=1, ensure_ascii=False), flush=True)
            _write(args, results)
            continue
        r = run_size(n, work, args.browser, seed_dirs, args.digest_only, code)
        print(json.dumps(r, indent=1), flush=True)
        if args.digest_only:
            print(digest_line(r), flush=True)
            continue
        results["sizes"][str(n)] = r
        _write(args, results)
    if getattr(args, "recall", False) and not args.sharded:
        load = round(os.getloadavg()[0], 2)
        results["search_recall"] = {**search.recall(base / "recall"), "load_avg_before": load,
                                    "commit": _commit() + ("+dirty" if _dirty() else "")}
        _write(args, results)
    if not args.digest_only:
        print(render_report(results))
    return 0


def _write(args, results: dict) -> None:
    results["machine"] = f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    results["updated"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if not args.no_write:
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(render_report(results) + kept_sections(REPORT), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
