"""Search benchmarks: this site's full-text search against stock Material (lunr) and Pagefind 1.5.

    python -m benchmarks.search recall [--keep DIR]     top-3 recall of the query set, three engines
    python -m benchmarks.search index SIZE [--keep DIR] index and query figures at SIZE synthetic
                                                        articles without a MkDocs build (100,000)

``benchmarks.run`` calls the same functions for each size it builds (``--browser``).

* **Recall** (``recall``): the query set (tests/data/search_queries.json, real article text)
  on the site built from the real articles (benchmarks.search_queries.recall_inputs): ours
  from file://, the stock Material peer (same article pages, lunr) and Pagefind 1.5 (run on
  our built pages, their content only) over loopback http. A query counts when one of its
  articles is among the first three pages listed.
* **Per query** (``query_figures``): in headless Chromium, a fresh page per query, the query
  typed key by key; *first answer*: from the last key (its input event) to its results shown,
  as the page measures it (DigestSearch.timings); *loaded*: the bytes of the index files the
  page asked for (file sizes; from file:// nothing is compressed). Pagefind: from the call
  of its search to the data of the first 10 results, bytes as transferred (uncompressed here:
  Python's http.server sends files as they are).
* **Index** (``index_figures``): bytes and files under search/, the largest file, and the
  text it covers (the UTF-8 bytes of every indexed field of every page).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERIES = ROOT / "tests" / "data" / "search_queries.json"
# Common words, and a three-word query, as the issue measures them.
QUERY_SET = ("đảng", "thực hiện", "nêu gương", "trách nhiệm nêu gương")
TYPING_MS = 120  # between keys, as a reader types


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])


def _offline(context, allowed: str) -> None:
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((allowed, "data:", "blob:")) else r.abort())


# --- Index figures -------------------------------------------------------------------------

def index_figures(site: Path, content: Path) -> dict:
    from directive_digest.search.documents import read_documents

    files = [p for p in (site / "search").rglob("*.js")]
    sizes = [p.stat().st_size for p in files]
    text = sum(len(b.encode("utf-8")) for d in read_documents(str(content)) for bl in d.fields.values() for b in bl)
    return {"bytes": sum(sizes), "files": len(files), "largest_file": max(sizes, default=0), "text_bytes": text,
            "ratio_to_text": round(sum(sizes) / text, 3) if text else None}


def time_indexer(content: Path, out: Path) -> dict:
    """The indexer alone (as the site plugin runs it beside mkdocs build): wall and CPU."""
    from .run import measure

    result = measure([PY, "-m", "directive_digest.search", str(content), str(out)], ROOT)
    return {"wall": round(result["wall"], 2), "cpu": round(result["cpu"], 2), "peak_rss_mb": round(result["peak_rss_mb"])}


# --- Ours: per query ---------------------------------------------------------------------------

def _each_query(site: Path, queries, over_http: bool, measure, watch=None) -> dict:
    """{query: measure(page, query)}, each query on a fresh page of ``site`` (file:// or http)."""
    from playwright.sync_api import sync_playwright

    site = Path(site).resolve()
    server, base = serve(site) if over_http else (None, site.as_uri() + "/")
    out = {}
    try:
        with sync_playwright() as p:
            browser = _browser(p)
            for query in queries:
                context = browser.new_context()
                _offline(context, base)
                page = context.new_page()
                if watch:
                    watch(context, page)
                page.goto(base + "index.html", wait_until="load")
                out[query] = measure(page, query)
                context.close()
            browser.close()
    finally:
        if server:
            server.shutdown()
    return out


def query_figures(site: Path, queries=QUERY_SET, over_http: bool = False, timeout_ms: int = 60_000) -> dict:
    """{query: {first_ms, ranked_ms, pasted_ms, loaded_bytes, files, results}} for our search on
    ``site``: typed key by key on a fresh page (``first_ms``: from the last key), and pasted whole
    into the box of another fresh page (``pasted_ms``: nothing of the query loaded before)."""
    def answered(page, query) -> dict:
        page.wait_for_function("q => (DigestSearch.timings.slice(-1)[0] || {}).query === q", arg=query,
                               timeout=timeout_ms)
        return page.evaluate("DigestSearch.timings.slice(-1)[0]")

    def loaded(page) -> tuple[int, int]:
        names = page.evaluate("DigestSearch.requested.slice()")
        return sum((site / "search" / f"{n}.js").stat().st_size for n in names), len(names)

    def typed(page, query):
        page.click("input.md-search__input")
        page.keyboard.type(query, delay=TYPING_MS)
        timing = answered(page, query)
        size, files = loaded(page)
        return {"first_ms": round(timing["shown"]), "ranked_ms": round(timing["ranked"]), "typed_bytes": size,
                "typed_files": files, "results": page.inner_text(".md-search-result__meta")}

    def pasted(page, query):
        page.click("input.md-search__input")
        page.evaluate("DigestSearch.index().then(() => true)")  # the manifest, which focusing the box loads
        page.wait_for_timeout(500)  # the page's own start-up (Material's bundle) done, as when a reader pastes
        page.fill("input.md-search__input", query)
        ms = round(answered(page, query)["shown"])
        size, files = loaded(page)
        return {"pasted_ms": ms, "loaded_bytes": size, "files": files}

    out = _each_query(site, queries, over_http, typed)
    for query, figures in _each_query(site, queries, over_http, pasted).items():
        out[query].update(figures)
    return out


# --- Pagefind ----------------------------------------------------------------------------------

def pagefind_index(site: Path) -> dict:
    """Pagefind 1.5 over our built pages (their content only: .md-content), into site/pagefind."""
    start = time.perf_counter()
    subprocess.run([PY, "-m", "pagefind", "--site", str(site), "--root-selector", ".md-content",
                    "--exclude-selectors", ".digest-trail, .digest-pager, .digest-feeds", "--quiet"],
                   check=True, capture_output=True)
    files = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {"seconds": round(time.perf_counter() - start, 2), "bytes": sum(files), "files": len(files),
            "largest_file": max(files, default=0)}


_PAGEFIND_SEARCH = """async ([q, n]) => {
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  const t = performance.now();
  const search = await pf.search(q);
  const data = await Promise.all(search.results.slice(0, n).map(r => r.data()));
  return {ms: performance.now() - t, count: search.results.length, urls: data.map(d => d.url)};
}"""


def pagefind_queries(site: Path, queries=QUERY_SET) -> dict:
    """Pagefind's search of each query on a fresh page; its bytes are every response under
    pagefind/ (its script, WebAssembly, entry, the query's chunks and fragments), counted by the
    browser's network events (Pagefind fetches from a worker, out of the page's resource timing)."""
    def measure(page, query):
        r = page.evaluate(_PAGEFIND_SEARCH, [query, 10])
        page.wait_for_timeout(200)  # the last responses' events
        loaded = sum(size for url, size in page.pagefind_bytes if "/pagefind/" in url)
        return {"first_ms": round(r["ms"]), "loaded_bytes": loaded, "results": r["count"]}

    def watch(context, page):
        page.pagefind_bytes = []
        context.on("requestfinished", lambda req: page.pagefind_bytes.append(
            (req.url, (req.sizes() or {}).get("responseBodySize", 0))))

    return _each_query(site, queries, True, measure, watch)


# --- Recall ------------------------------------------------------------------------------------

def _url_of_source(content: Path) -> dict[str, str]:
    from directive_digest.contract import PageKind
    from directive_digest.search.documents import split_page

    out = {}
    for path in content.rglob("*.md"):
        meta, _ = split_page(path.read_text(encoding="utf-8"))
        if PageKind.of(meta) == PageKind.ARTICLE:
            url = path.relative_to(content).with_suffix(".html").as_posix()
            out[str(meta["source"])] = url
            for place in meta.get("also_published") or []:
                if isinstance(place, dict) and place.get("source"):
                    out[str(place["source"])] = url
    return out


def _page_of(href: str, base: str) -> str:
    return href.split("#")[0].split("?")[0].removeprefix(base)


def _ours_top3(page, base: str, query: str) -> list[str]:
    urls = page.evaluate("""async q => { const a = await DigestSearch.search(q);
        const docs = await Promise.all(a.results.slice(0, 3).map(r => DigestSearch.documentData(r.doc)));
        return docs.map(d => d.u) }""", query)
    return urls


def _material_top3(page, base: str, query: str) -> list[str]:
    """Material's first three pages for ``query``: the box emptied (its placeholder back), the
    query typed, then its results once they have not changed for a second (lunr answers each
    input in turn; a slow answer must not be taken for the previous query's)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    meta = ".md-search-result__meta"
    page.wait_for_function(f"document.querySelector('{meta}').textContent.trim().startsWith('Nhập')", timeout=30_000)
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_function(f"!document.querySelector('{meta}').textContent.trim().startsWith('Nhập')",
                               timeout=30_000)
    except Exception:
        return []
    seen, last = None, time.perf_counter()
    while time.perf_counter() - last < 1.0:
        now = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
        if now != seen:
            seen, last = now, time.perf_counter()
        time.sleep(0.05)
    pages = []
    for href in seen or []:
        url = _page_of(href, base)
        if url not in pages:
            pages.append(url)
    return pages[:3]


def _pagefind_top3(page, base: str, query: str) -> list[str]:
    r = page.evaluate(_PAGEFIND_SEARCH, [query, 3])
    return [_page_of(u, "/") for u in r["urls"]]


def recall(work: Path) -> dict:
    """Top-3 recall of the query set for ours, stock Material and Pagefind (see the docstring)."""
    from playwright.sync_api import sync_playwright

    from .run import PEER_CONFIG, measure
    from .search_queries import recall_inputs

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import build_site  # noqa: E402  (the tests' own site build)

    (work / "ours").mkdir(parents=True, exist_ok=True)
    site = build_site(work / "ours", recall_inputs())
    content = work / "ours" / "content"
    peer = work / "peer"
    (peer / "docs").mkdir(parents=True)
    (peer / "mkdocs.yml").write_text(PEER_CONFIG.replace("  - search\n", "  - search\n  - offline\n"), encoding="utf-8")
    (peer / "docs" / "index.md").write_text("# Stock Material peer\n", encoding="utf-8")
    for path in content.rglob("*.md"):
        rel = path.relative_to(content)
        if len(rel.parts) == 3 and rel.name != "index.md":
            (peer / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, peer / "docs" / rel)
    measure([PY, "-m", "mkdocs", "build", "--quiet"], peer)
    pagefind = pagefind_index(site)
    url_of = _url_of_source(content)
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    engines = {"ours": (site, False, _ours_top3), "material": (peer / "site", True, _material_top3),
               "pagefind": (site, True, _pagefind_top3)}
    out = {"queries": len(queries), "pagefind_index": pagefind}
    with sync_playwright() as p:
        browser = _browser(p)
        for name, (root, over_http, top3) in engines.items():
            server, base = serve(root) if over_http else (None, root.as_uri() + "/")
            context = browser.new_context()
            _offline(context, base)
            page = context.new_page()
            page.goto(base + "index.html", wait_until="load")
            if name == "material":
                page.click("input.md-search__input")
            tally, misses = {}, []
            for q in queries:
                found = top3(page, base, q["query"])
                wanted = {url_of.get(s) for s in q["sources"]} - {None}
                ok = bool(wanted & set(found))
                for key in ("all", q["split"], q["kind"], q["typed"]):
                    hit, total = tally.get(key, (0, 0))
                    tally[key] = (hit + ok, total + 1)
                if not ok and q["split"] == "tuned":
                    misses.append(q["query"])
            out[name] = {k: {"found": h, "of": t, "recall": round(h / t, 4)} for k, (h, t) in tally.items()}
            out[name]["tuned_misses"] = misses[:20]
            context.close()
            if server:
                server.shutdown()
        browser.close()
    return out


# --- Index only, at a size a MkDocs build makes impractical here ---------------------------------

def index_only(n: int, work: Path, code: Path = ROOT) -> dict:
    """N synthetic articles digested, indexed, and searched in a minimal site: the sample site's
    pages (they carry the search box and script) with this index under search/."""
    from .run import digest_cmd, measure
    from .synth import default_seed_dirs, generate

    articles = work / "articles"
    generate(n, articles, default_seed_dirs())
    site_dir = work / "ours"
    site_dir.mkdir(parents=True, exist_ok=True)
    for name in ("build_digest.py", "directive_digest"):
        src = code / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, site_dir / name)
    measure(digest_cmd(articles), site_dir)
    sample = work / "sample"
    sample.mkdir()
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import ARTICLES, build_site  # noqa: E402

    site = build_site(sample, [ARTICLES])
    shutil.rmtree(site / "search")
    r = {"n": n, "indexer": time_indexer(site_dir / "content", site / "search")}
    r["index"] = index_figures(site, site_dir / "content")
    r["file"] = query_figures(site)
    return r


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="what", required=True)
    sub.add_parser("recall").add_argument("--keep", type=Path)
    idx = sub.add_parser("index")
    idx.add_argument("size", type=int)
    idx.add_argument("--keep", type=Path)
    args = p.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="digest-search-bench-"))
    try:
        result = recall(work) if args.what == "recall" else index_only(args.size, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# --- Report ------------------------------------------------------------------------------------

def _kb(n) -> str:
    return f"{n / 1000:,.0f} kB" if isinstance(n, (int, float)) else "–"


def _ms(result: dict | None, key: str = "first_ms") -> str:
    if not isinstance(result, dict):
        return "–"
    if "error" in result:
        return "no answer"
    return f"{result[key]:,.0f} ms" if key in result else "–"


def render(results: dict) -> list[str]:
    """The search section of docs/benchmarks.md (benchmarks.run.render_report)."""
    rows = sorted([r for r in results.get("sizes", {}).values() if isinstance(r.get("search_ours"), dict)
                   and all(isinstance(v, dict) for v in r["search_ours"].values())]
                  + list(results.get("search_only", {}).values()), key=lambda r: r["n"])
    out = []
    if rows:
        out += ["", "## Full-text search: this site, stock Material, Pagefind 1.5", "",
                "`benchmarks/search.py` says how each figure is taken. *First answer*: from the last key typed (a key "
                "every 120 ms) to the results shown, on a fresh page (ours: from file://; Material and Pagefind over "
                "loopback http, as neither searches from file:// here); *pasted*: the whole query put in the box at "
                "once, nothing of it loaded before. *Loaded*: bytes of index files a fresh page loaded for the "
                "pasted query (and, typed key by key, for the words' beginnings too). Stock "
                "Material is timed on \"nêu gương\" only (`benchmarks/browser.py`: typed right after the page "
                "loaded). Rows marked *index only* were not built with MkDocs: the index of N digested articles "
                "under the sample site's pages.", "",
                "| N | query | ours: first answer (pasted) | ours: loaded (files; typed) | ours over http | Material | "
                "Pagefind: first answer | Pagefind: loaded |", "|---:|---|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            ours = r.get("search_ours") or r.get("file") or {}
            http, pf = r.get("search_ours_http") or {}, r.get("search_pagefind") or {}
            label = f"{r['n']:,}" + (" (index only)" if "file" in r else "")
            for query, o in ours.items():
                peer = r.get("search_peer") if query == "nêu gương" else None
                pasted = f" ({o['pasted_ms']:,} ms)" if "pasted_ms" in o else ""
                typed = f"; {_kb(o['typed_bytes'])}" if "typed_bytes" in o else ""
                out.append(f"| {label} | {query} | {_ms(o)}{pasted} | {_kb(o.get('loaded_bytes'))} ({o.get('files', '?')}{typed}) "
                           f"| {_ms(http.get(query))} | {_ms(peer)} | {_ms(pf.get(query))} "
                           f"| {_kb((pf.get(query) or {}).get('loaded_bytes'))} |")
        out += ["", "| N | index ours: size / text covered | files, largest | indexer wall / CPU | mkdocs build "
                    "without / with index | Pagefind index: size, largest, time |", "|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            idx = r.get("search_index_ours") or r.get("index") or {}
            ind, pfi = r.get("indexer") or {}, r.get("pagefind_index") or {}
            build = "–"
            if r.get("mkdocs_ours_no_index") and r.get("mkdocs_ours"):
                a, b = r["mkdocs_ours_no_index"]["wall"], r["mkdocs_ours"]["wall"]
                build = f"{a:.1f} / {b:.1f} s ({(b / a - 1) * 100:+.0f} %)"
            pf_text = f"{pfi['bytes'] / 1e6:.1f} MB, {_kb(pfi['largest_file'])}, {pfi['seconds']:.0f} s" if "bytes" in pfi else "–"
            out.append(f"| {r['n']:,} | {idx.get('bytes', 0) / 1e6:.1f} / {idx.get('text_bytes', 0) / 1e6:.1f} MB "
                       f"({idx.get('ratio_to_text')}) | {idx.get('files', 0):,}, {_kb(idx.get('largest_file'))} "
                       f"| {ind.get('wall', '–')} / {ind.get('cpu', '–')} s | {build} | {pf_text} |")
    rec = results.get("search_recall")
    if rec:
        out += ["", "### Top-3 recall on the query set (real articles)", "",
                f"{rec['queries']} queries (tests/data/search_queries.json); the site of the real articles. "
                "*untouched*: queries on articles of the held-out split, never looked at to tune.", "",
                "| queries | ours | stock Material | Pagefind |", "|---|---:|---:|---:|"]
        keys = ["all", "tuned", "untouched", "body", "phrase", "person", "place", "figure", "outlet", "author",
                "as written", "no diacritics", "other tone style"]
        for key in keys:
            cells = []
            for engine in ("ours", "material", "pagefind"):
                t = (rec.get(engine) or {}).get(key)
                cells.append(f"{t['recall'] * 100:.1f} % ({t['found']}/{t['of']})" if t else "–")
            out.append(f"| {key} | " + " | ".join(cells) + " |")
        out += ["", f"Load average before: {rec.get('load_avg_before', '?')}."]
    return out
