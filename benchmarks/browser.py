"""Search latency in Chromium: how long a reader waits for results on a built site.

The site is served over loopback HTTP (the stock peer has no offline plugin, so its
search cannot work from file://). Debian's Chromium, driven by Playwright.

A query is typed key by key, and Material searches at every key: results for a partly
typed query ("kiểm t") may show first. A query counts as answered when the results shown
are those of the whole query: the first result's links carry the words they matched
(Material's ``?h=`` parameter, with ``search.highlight``), or its text marks them
(``<mark>``, which Material adds to every result, so a stock site without
``search.highlight`` is timed the same way), and one is the last word typed (compared
without diacritics and case).
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
import time
import unicodedata
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERIES = ("nêu gương", "kiểm tra")
RESULT = ".md-search-result__item"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _folded(word: str) -> str:
    word = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return word.replace("Đ", "D").replace("đ", "d").lower()


def _answered(page, query: str, timeout_ms: int) -> None:
    """Wait until the results shown are those of the whole ``query`` (see the module docstring)."""
    last = query.split()[-1]
    page.wait_for_function(
        """word => {
           const fold = s => s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '')
                              .replace(/[đĐ]/g, 'd').toLowerCase().trim();
           const first = '.md-search-result__list > li:first-child';
           const linked = [...document.querySelectorAll(first + ' a')].some(a =>
             (new URL(a.href, location.href).searchParams.get('h') || '').split(/\\s+/).map(fold).includes(word));
           const marked = [...document.querySelectorAll(first + ' mark')].some(m => fold(m.textContent) === word);
           return linked || marked; }""",
        arg=_folded(last), timeout=timeout_ms)


def search_latency(site: Path, timeout_ms: int = 60_000) -> dict:
    """{first_ms, next_ms}: first query typed right after load; a second query once ready."""
    from playwright.sync_api import sync_playwright

    server = _serve(Path(site))
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context()
            # No network here, as for a reader offline: anything not on loopback fails at once
            # (a stock site's offline plugin adds <script src="https://unpkg.com/iframe-worker/shim">).
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1")
                          else r.abort())
            page = context.new_page()
            page.goto(url, wait_until="load")
            box = page.locator("input[data-md-component=search-query]")
            box.click()
            t = time.perf_counter()
            box.press_sequentially(QUERIES[0])
            _answered(page, QUERIES[0], timeout_ms)
            first = (time.perf_counter() - t) * 1000
            box.select_text()
            page.keyboard.press("Backspace")
            t = time.perf_counter()
            box.press_sequentially(QUERIES[1])
            _answered(page, QUERIES[1], timeout_ms)
            following = (time.perf_counter() - t) * 1000
            count = page.locator(RESULT).count()
            browser.close()
    finally:
        server.shutdown()
    return {"first_ms": round(first), "next_ms": round(following), "results_shown": count}
