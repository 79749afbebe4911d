"""What writing the search index costs: cold, with the cache and nothing changed, one article
changed; against the indexer of an earlier commit and the `mkdocs build` of the same pages.

    python -m benchmarks.search_index [--sizes 10000 100000] [--jobs 2] [--base f4ee0f3] [--mkdocs] [--keep DIR]

For each size: N synthetic articles (benchmarks.synth) digested into content/, then, each
run a process of its own (wall, CPU, peak memory: benchmarks.run.measure):

* ``base``: the indexer of commit ``--base`` (default: the one before the fast indexer), cold;
* ``cold``: this indexer without a cache; ``cold_cached``: with an empty cache (it fills it);
* ``noop``: with the cache, nothing changed; ``one_changed``: one article's page changed;
* with ``--mkdocs``: ``mkdocs build`` of the same pages without the index (the plugin's
  search_index off), the build the indexer runs beside: ratio = indexer wall / build wall.

Every run's output is compared with the cold one's (same pages, same bytes). The load
average before and after each run, and the cost of creating a file right then
(``file_create_us``: this file system makes new files slow after many were deleted), are
printed with it: timings on a shared machine are only as good as these.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .run import copy_code, digest_cmd, file_create_us, measure, mkdocs_cmd, setup_ours
from .synth import default_seed_dirs, generate

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BASE = "f4ee0f3"  # the indexer before postings were counted and encoded in C loops


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _timed(cmd: list[str], cwd: Path, probe: Path, env: dict | None = None) -> dict:
    here = probe / str(len(list(probe.iterdir())))  # a fresh folder each time (the probe's files stay)
    here.mkdir()
    before, create = _load(), file_create_us(here)
    result = measure(cmd, cwd, env)
    return {"wall": round(result["wall"], 2), "cpu": round(result["cpu"], 2), "peak_rss_mb": round(result["peak_rss_mb"]),
            "load_before": before, "load_after": _load(), "file_create_us": create}


def _same(a: Path, b: Path) -> bool:
    def walk(root: Path) -> list[str]:
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    names = walk(a)
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return names == walk(b) and not mismatch and not errors


def change_one_page(content: Path) -> Path:
    """A sentence added to the full text of the article in the middle of the list."""
    pages = sorted(p for p in content.rglob("*.md") if p.parent.name.isdigit() and p.name != "index.md")
    page = pages[len(pages) // 2]
    text = page.read_text(encoding="utf-8")
    at = text.index("## Toàn văn") + len("## Toàn văn")
    page.write_text(text[:at] + "\n\nHội nghị cũng biểu dương 12 tập thể, 25 cá nhân tiêu biểu." + text[at:],
                    encoding="utf-8")
    return page


def base_code(work: Path, commit: str) -> Path:
    """The package as it was at ``commit`` (git archive), to run its indexer."""
    target = work / f"base-{commit}"
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit, "directive_digest"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def run_size(n: int, work: Path, jobs: int, base: str | None, mkdocs: bool) -> dict:
    articles = work / "articles"
    generate(n, articles, default_seed_dirs())
    ours = setup_ours(work, ROOT) if mkdocs else work / "ours"
    if not mkdocs:
        ours.mkdir()
        copy_code(ROOT, ours)
        (ours / "content").mkdir()
    measure(digest_cmd(articles), ours)
    content = ours / "content"
    probe = work / "probe"
    probe.mkdir()
    r: dict = {"n": n, "pages": sum(1 for _ in content.rglob("*.md")), "jobs": jobs}
    index = [PY, "-m", "directive_digest.search", str(content)]
    options = ["--jobs", str(jobs)] if jobs != 1 else []
    if base:
        code = base_code(work, base)
        r["base"] = {"commit": base, **_timed(index + [str(work / "out-base")], code, probe)}
    r["cold"] = _timed(index + [str(work / "out-cold")] + options, ours, probe)
    cache = ["--cache", str(work / "cache")]
    r["cold_cached"] = _timed(index + [str(work / "out-cached")] + cache + options, ours, probe)
    r["noop"] = _timed(index + [str(work / "out-cached")] + cache + options, ours, probe)
    r["same_bytes"] = {"cached": _same(work / "out-cold", work / "out-cached")}
    if base:
        r["same_bytes"]["base"] = _same(work / "out-cold", work / "out-base")
    change_one_page(content)
    r["one_changed"] = _timed(index + [str(work / "out-cached")] + cache + options, ours, probe)
    r["one_changed_cold"] = _timed(index + [str(work / "out-changed")] + options, ours, probe)
    r["same_bytes"]["one_changed"] = _same(work / "out-changed", work / "out-cached")
    if mkdocs:
        r["mkdocs_no_index"] = _timed(mkdocs_cmd(), ours, probe, env={"DIGEST_SEARCH_INDEX": "false"})
        r["ratio_cold"] = round(r["cold"]["wall"] / r["mkdocs_no_index"]["wall"], 3)
        r["ratio_one_changed"] = round(r["one_changed"]["wall"] / r["mkdocs_no_index"]["wall"], 3)
    return r


def table(results: list[dict]) -> str:
    rows = ["| N (pages) | run | wall | CPU | peak memory | load before → after | file create |",
            "|---:|---|---:|---:|---:|---:|---:|"]
    for r in results:
        for key in ("base", "cold", "cold_cached", "noop", "one_changed", "mkdocs_no_index"):
            if key in r:
                t = r[key]
                label = f"{key} ({t['commit']})" if key == "base" else key
                rows.append(f"| {r['n']:,} ({r['pages']:,}) | {label} | {t['wall']:.1f} s | {t['cpu']:.1f} s "
                            f"| {t['peak_rss_mb']:,} MB | {t['load_before']} → {t['load_after']} | {t['file_create_us']} µs |")
    return "\n".join(rows)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    p.add_argument("--jobs", type=int, default=1, help="the indexer's --jobs")
    p.add_argument("--base", default=BASE, help="commit whose indexer is measured too ('' for none)")
    p.add_argument("--mkdocs", action="store_true", help="also time mkdocs build of the same pages (no index)")
    p.add_argument("--keep", type=Path, help="work here and keep it")
    args = p.parse_args(argv)
    results = []
    for n in args.sizes:
        work = (args.keep / str(n)) if args.keep else Path(tempfile.mkdtemp(prefix=f"search-index-bench-{n}-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            results.append(run_size(n, work, args.jobs, args.base or None, args.mkdocs))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
