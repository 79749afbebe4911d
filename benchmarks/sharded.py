"""Sharded site builds at scale (issue #17): the whole pipeline on N synthetic articles with
``python -m directive_digest site --shards auto``, against the stock Material peer.

    python -m benchmarks.run --sizes 10000 100000 --sharded      (make bench-shards)

For each N, each step in its own process (benchmarks.run.measure: wall, CPU, peak RSS of the
largest single process, pool workers included):

* digest, cold; the sharded site build, cold (its report: shards, each one's time and memory);
* whole pipeline = the two; site build seconds per article;
* one article changed: the digest again, then the site again (what a shard cache saves:
  the shards rebuilt are in its report);
* site size, largest HTML page; with ``--browser``, the first search answer from file://;
* the stock Material peer (benchmarks.run.setup_peer) with a time limit (``--peer-minutes``,
  20): when it runs out, how many of its pages it had written.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from directive_digest.shards.plan import SHARD_ABOVE

PY = sys.executable
PEER_MINUTES = 20

# benchmarks.run's _MEASURE with a time limit: the command is killed when it runs out.
_MEASURE_LIMITED = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
try:
    rc = subprocess.run(sys.argv[3:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        timeout=float(sys.argv[2])).returncode
except subprocess.TimeoutExpired:
    rc = "timeout"
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_rss_mb": ru.ru_maxrss / 1024}))
"""


def site_cmd(report: str, n: int) -> list[str]:
    # Below the size `auto` shards at (plan.SHARD_ABOVE), two shards: a quick run of this benchmark.
    shards = "auto" if n >= SHARD_ABOVE else "2"
    return [PY, "-m", "directive_digest", "site", "--shards", shards, "--quiet", "--report", report]


def measure_limited(cmd: list[str], cwd: Path, seconds: float) -> dict:
    out = subprocess.run([PY, "-c", _MEASURE_LIMITED, str(cwd), str(seconds), *cmd], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def run_sharded(n: int, work: Path, seed_dirs: list[Path], code: Path, browser: bool = False,
                peer_minutes: float = PEER_MINUTES) -> dict:
    from . import search
    from .run import change_one_article, digest_cmd, measure, mkdocs_cmd, setup_ours, setup_peer, tree_size
    from .synth import generate

    articles = work / "articles"
    t = time.perf_counter()
    generate(n, articles, seed_dirs)
    ours = setup_ours(work, code)
    r: dict = {"n": n, "generate_s": round(time.perf_counter() - t, 2), "load_avg_before": _load(),
               "cores": os.cpu_count()}
    r["digest_cold"] = measure(digest_cmd(articles), ours)
    r["site_cold"] = measure(site_cmd("site-report.json", n), ours)
    r["load_avg_after_site"] = _load()
    report = json.loads((ours / "site-report.json").read_text(encoding="utf-8"))
    r["shards"] = [{k: s[k] for k in ("name", "articles", "seconds", "peak_rss_mb")} for s in report["shards"]]
    r["articles"] = report["articles"]
    r["pipeline_s"] = round(r["digest_cold"]["wall"] + r["site_cold"]["wall"], 2)
    r["site_s_per_article"] = r["site_cold"]["wall"] / max(1, report["articles"])
    r["peak_rss_mb"] = max(r["digest_cold"]["peak_rss_mb"], r["site_cold"]["peak_rss_mb"])
    size, files, largest = tree_size(ours / "site")
    r["site"] = {"bytes": size, "files": files, "largest_page": largest}

    change_one_article(articles)
    r["digest_one_changed"] = measure(digest_cmd(articles), ours)
    r["site_one_changed"] = measure(site_cmd("site-report-again.json", n), ours)
    again = json.loads((ours / "site-report-again.json").read_text(encoding="utf-8"))
    r["one_changed_shards_built"] = again["built"]
    r["rebuild_s"] = round(r["digest_one_changed"]["wall"] + r["site_one_changed"]["wall"], 2)
    if browser:
        try:
            first = search.query_figures(ours / "site")
            r["search_first_ms"] = max(q["first_ms"] for q in first.values() if isinstance(q, dict) and "first_ms" in q)
        except Exception as error:  # a result too: recorded, the other figures kept
            r["search_first_ms"] = {"error": f"{type(error).__name__}: {str(error).splitlines()[0]}"}

    peer = setup_peer(work, ours / "content")
    r["load_avg_before_peer"] = _load()
    peer_run = measure_limited(mkdocs_cmd(), peer, peer_minutes * 60)
    pages = sum(1 for _ in (peer / "docs").rglob("*.md"))
    written = sum(1 for _ in (peer / "site").rglob("*.html")) if (peer / "site").is_dir() else 0
    r["peer"] = {**peer_run, "pages": pages, "pages_written": written, "limit_s": peer_minutes * 60}
    r["load_avg_after"] = _load()
    return r


def _s(x: float) -> str:
    return f"{x / 60:.1f} min" if x >= 120 else f"{x:.1f} s"


def render(results: dict) -> list[str]:
    """The sharded section of docs/benchmarks.md (benchmarks.run.render_report)."""
    rows = sorted(results.get("sharded", {}).values(), key=lambda r: r["n"])
    if not rows:
        return []
    out = ["", "## Sharded site builds (`python -m directive_digest site --shards auto`)", "",
           "`benchmarks/sharded.py` (`make bench-shards`). *Pipeline*: digest cold + sharded site build cold. "
           "*Peak*: the largest single process of either (a shard's build, the digest's parent). *Rebuild*: one "
           "article changed, digest + site again (shards rebuilt in brackets: the top shard and the article's). "
           "*Peer*: stock Material, one `mkdocs build`, stopped after its time limit. Load: the 1-minute load "
           "average before the run / after the site build / before the peer (2 cores; other work was running).",
           "", "| N | digest cold | site cold (shards) | pipeline | peak RSS | site s/article | rebuild, one changed "
           "| largest page | site | peer | load |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        p = r["peer"]
        peer = (f"{_s(p['wall'])}" if p["rc"] == 0 else
                f"stopped at {_s(p['limit_s'])}: {p['pages_written']:,} of {p['pages']:,} pages written")
        out.append(f"| {r['n']:,} | {_s(r['digest_cold']['wall'])} | {_s(r['site_cold']['wall'])} ({len(r['shards'])}) "
                   f"| {_s(r['pipeline_s'])} | {r['peak_rss_mb']:.0f} MB | {r['site_s_per_article'] * 1000:.2f} ms "
                   f"| {_s(r['rebuild_s'])} ({len(r['one_changed_shards_built'])}) "
                   f"| {r['site']['largest_page'] / 1000:.0f} KB | {r['site']['bytes'] / 1e6:,.0f} MB | {peer} "
                   f"| {r['load_avg_before']} / {r.get('load_avg_after_site', '?')} / {r.get('load_avg_before_peer', '?')} |")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        out += ["", f"Site build per article at {b['n']:,} / at {a['n']:,}: "
                    f"{b['site_s_per_article'] / a['site_s_per_article']:.2f}×."]
    for r in rows:
        shards = r["shards"]
        top = shards[0]
        rest = shards[1:]
        out += ["", f"Shards at {r['n']:,} (code `{r.get('commit', '?')}`): top {top['seconds']:.0f} s, "
                    f"{top['peak_rss_mb']:.0f} MB; "
                    f"{len(rest)} article shards of {min(s['articles'] for s in rest):,}–"
                    f"{max(s['articles'] for s in rest):,} articles, "
                    f"{min(s['seconds'] for s in rest):.0f}–{max(s['seconds'] for s in rest):.0f} s, "
                    f"≤ {max(s['peak_rss_mb'] for s in rest):.0f} MB each"
                    + (f"; first search answer from file:// {r['search_first_ms']} ms"
                       if isinstance(r.get("search_first_ms"), (int, float)) else "") + "."]
    out += ["", "### 1,000,000 articles, from these figures", ""] + million_plan(results)
    return out


def million_plan(results: dict, target: int = 1_000_000, articles_per_shard: int = 5000) -> list[str]:
    """The 1,000,000-article plan of docs/scaling.md, worked out from the sharded runs: the
    per-article cost of an article shard, and what a shard pays for the size of the whole
    site (MkDocs lists every file of ``content/`` in every shard: time and memory per file,
    from the smallest and the largest run), scaled. Lines of Markdown."""
    runs = sorted(results.get("sharded", {}).values(), key=lambda r: r["n"])
    if not runs:
        return []
    small, r = runs[0], runs[-1]

    def article_shards(run):
        return [s for s in run["shards"] if s["name"] != "top"]

    def files(run):  # content/ holds about as many pages as the site (its pages, less the theme's assets)
        return run["site"]["files"]

    k = target / r["articles"]
    big = article_shards(r)
    per_article = min(s["seconds"] / s["articles"] for s in big)  # the least loaded shard
    def median_rss(run):
        values = sorted(s["peak_rss_mb"] for s in article_shards(run))
        return values[len(values) // 2]

    rss = median_rss(r)
    rss_per_file = s_per_file = 0.0
    if small is not r and files(r) > files(small):
        grown = files(r) - files(small)
        rss_per_file = max(0.0, (rss - median_rss(small)) / grown)
        s_per_file = max(0.0, (per_article - min(s["seconds"] / s["articles"] for s in article_shards(small)))
                         * articles_per_shard / grown)
    count = -(-target // articles_per_shard)
    total_files = files(r) * k
    shard_s = per_article * articles_per_shard + s_per_file * (total_files - files(r))
    shard_mb = rss + rss_per_file * (total_files - files(r))
    top = r["shards"][0]
    out = [f"Worked out from the {small['n']:,} and {r['n']:,}-article runs ({r['articles']:,} articles after "
           f"duplicates at {r['n']:,}; `benchmarks.sharded.million_plan`), scaled to {target:,} articles. A shard "
           f"pays for its own articles, and for the size of the whole `content/` (every shard's MkDocs lists every "
           f"file): {s_per_file * 1e6:.0f} µs and {rss_per_file * 1e3:.1f} KB a file of the site, from the "
           f"difference between the two runs' shards of equal size.", "",
           f"| | measured at {r['n']:,} | {target:,} articles |", "|---|---:|---:|",
           f"| article shards | {len(big)} of ≤ {max(s['articles'] for s in big):,} articles | "
           f"{count:,} of ≤ {articles_per_shard:,} |",
           f"| one article shard | {min(s['seconds'] for s in big):.0f}–{max(s['seconds'] for s in big):.0f} s, "
           f"median peak {rss:.0f} MB | ≈ {shard_s:.0f} s, ≈ {shard_mb:,.0f} MB |",
           f"| every article shard, CPU | {sum(s['seconds'] for s in big) / 60:.0f} min | "
           f"≈ {count * shard_s / 3600:.1f} h |",
           f"| top shard (pages + the search indexer, one process) | {top['seconds']:.0f} s | "
           f"≈ {top['seconds'] * k / 60:.0f} min if linear |",
           f"| digest, cold | {r['digest_cold']['wall'] / 60:.1f} min wall, {r['digest_cold']['cpu'] / 60:.0f} min CPU, "
           f"peak {r['digest_cold']['peak_rss_mb'] / 1000:.1f} GB | ≈ {r['digest_cold']['cpu'] * k / 3600:.1f} h CPU, "
           f"peak ≈ {r['digest_cold']['peak_rss_mb'] * k / 1000:.0f} GB in its main process if linear |",
           f"| site | {r['site']['bytes'] / 1e9:.1f} GB, {r['site']['files']:,} files | ≈ {r['site']['bytes'] * k / 1e9:.0f} GB, "
           f"{total_files / 1e6:.1f} M files |"]
    return out
