"""Full-text search in the built site, as a reader uses it: headless Chromium, from file://
(every other request blocked) and over http, typing into the search box.

The site is built from the bundled articles and the shared seed corpus. A query typed with or
without diacritics, in either tone-mark style, in any case, finds the same articles; the
article that holds what was asked for ranks in the top three; a "quoted phrase" matches only
that run; the last word matches as a prefix while it is typed; the dialog keeps Material's
markup and keys; no console error, no request outside the site.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import frontmatter
import pytest

from conftest import ARTICLES, ARTIFACTS, build_site, guarded_page, served
from directive_digest.vntext import fold, match_key

META = ".md-search-result__meta"
INPUT = "input.md-search__input"
ITEM = ".md-search-result__item"
QUERIES = Path(__file__).parent / "data" / "search_queries.json"


@pytest.fixture(scope="session")
def search_site(tmp_path_factory, seeds_dir) -> Path:
    return build_site(tmp_path_factory.mktemp("search-site"), [ARTICLES, seeds_dir])


@pytest.fixture(scope="session")
def pages(search_site) -> dict[str, frontmatter.Post]:
    """Site-relative .html address -> the generated Markdown page (front matter + body)."""
    content = search_site.parent / "content"
    return {md.relative_to(content).with_suffix(".html").as_posix(): frontmatter.load(md)
            for md in content.rglob("*.md") if "_digest" not in md.parts}


def _answered(page, query: str) -> None:
    """Wait for the results of the whole ``query`` (the engine answers as the reader types)."""
    page.wait_for_function("q => (window.DigestSearch.timings.slice(-1)[0] || {}).query === q", arg=query,
                           timeout=20_000)


def _rows(page, base: str) -> list[dict]:
    rows = page.eval_on_selector_all(f".md-search-result__list > {ITEM}", """els => els.map(e => ({
        href: e.querySelector('a').getAttribute('href'),
        title: e.querySelector('h1').textContent,
        meta: (e.querySelector('.digest-search-result__meta') || {}).textContent || '',
        snippet: (e.querySelector('.digest-search-result__snippet') || {}).textContent || '',
        marks: [...e.querySelectorAll('mark')].map(m => m.textContent)}))""")
    for row in rows:
        row["url"] = row["href"].split("?")[0].removeprefix(base)
    return rows


def _searcher(page, base: str):
    page.goto(base + "index.html")
    page.click(INPUT)

    def search(query: str, typed: bool = False) -> list[dict]:
        """Type ``query`` (all at once, or key by key); the results shown, in rank order."""
        page.fill(INPUT, "")
        if typed:
            page.type(INPUT, query, delay=15)
        else:
            page.fill(INPUT, query)
        _answered(page, query)
        return _rows(page, base)

    search.page = page
    return search


@pytest.fixture
def searcher(offline_page, search_site):
    return _searcher(offline_page, search_site.as_uri() + "/")


@pytest.fixture
def http_searcher(browser, search_site):
    with served(search_site) as base, guarded_page(browser, (base,)) as page:
        yield _searcher(page, base)


EQUIVALENT = [
    ["hoc tap lam theo", "Học tập làm theo", "HỌC TẬP LÀM THEO"],
    # ... and decomposed (NFD) input, as some Vietnamese keyboards type it.
    ["Đảng uỷ Sở VHTT", "Đảng ủy Sở VHTT", "dang uy so vhtt", "ĐẢNG ỦY SỞ VHTT",
     unicodedata.normalize("NFD", "Đảng ủy Sở VHTT")],
    ["neu guong", "nêu gương", "Nêu Gương"],
    ["dan van kheo", "Dân vận khéo"],
    ["hoà bình", "hòa bình", "hoa binh"],
]


@pytest.mark.parametrize("queries", EQUIVALENT, ids=lambda q: q[0])
def test_same_results_with_or_without_diacritics_any_tone_style_any_case(searcher, queries):
    results = [[r["url"] for r in searcher(q)] for q in queries]
    assert results[0], f"{queries[0]!r} found nothing"
    for query, urls in zip(queries[1:], results[1:]):
        assert set(urls) == set(results[0]), f"{query!r} differs from {queries[0]!r}"
        if match_key(query) == match_key(queries[0]):  # only case, tone-mark style or NFD differ
            assert urls == results[0], f"{query!r} ranks differently from {queries[0]!r}"


def _text(post) -> str:
    return match_key(" ".join([post.get("title") or "", post.get("outlet") or "", post.get("author") or "",
                               post.content]))


def _contains(phrase):
    key = match_key(phrase)
    return lambda url, post: key in _text(post)


def _title_has(phrase):
    key = fold(phrase).lower()
    return lambda url, post: key in fold(post.get("title") or "").lower()


def _under(prefix):
    return lambda url, post: url.startswith(prefix)


def _is(address):
    return lambda url, post: url == address


def _field(name, value):
    return lambda url, post: post.get(name) == value


TOP3 = [
    ("hoc tap lam theo", _title_has("học tập")),
    ("Đảng uỷ Sở VHTT", _title_has("Sở VHTT")),
    ("dang uy so vhtt", _title_has("Sở VHTT")),
    ("neu guong", _title_has("nêu gương")),
    ("dan van kheo", _title_has("Dân vận khéo")),
    ("4.725", _contains("4.725")),
    ("222 bằng khen", _contains("222 bằng khen")),
    # A directive's own page (boosted) before its year lists and articles.
    ("05-CT/TW", _is("chi-thi-05-ct-tw/index.html")),
    ("Chỉ thị 05", _is("chi-thi-05-ct-tw/index.html")),
    ("chi thi 05", _is("chi-thi-05-ct-tw/index.html")),
    ("Kết luận 01", _is("ket-luan-01-kl-tw/index.html")),
    ("01-KL/TW", _under("ket-luan-01-kl-tw/")),
    ("Baohatinh.vn", _field("outlet", "Baohatinh.vn")),  # outlet (only in the article header)
    ("Báo Quảng Ninh", _field("outlet", "Báo Quảng Ninh")),
    ("Thu Phương", _field("author", "Thu Phương")),  # author (only in the article header)
    ("thu phuong", _field("author", "Thu Phương")),
]


@pytest.mark.parametrize("query,wanted", TOP3, ids=[q for q, _ in TOP3])
def test_the_right_page_ranks_in_the_top_three(searcher, pages, query, wanted):
    expected = {url for url, post in pages.items() if wanted(url, post)}
    assert expected, f"no page in the corpus answers {query!r}: the test data changed"
    top = [r["url"] for r in searcher(query)[:3]]
    assert set(top) & expected, f"{query!r}: top three {top}, expected one of {sorted(expected)[:5]}"


def _body_queries(pages, count: int) -> list[tuple[str, set[str]]]:
    """Body phrases of the query set (tests/data/search_queries.json) whose articles this site has."""
    by_source = {}
    for url, post in pages.items():
        for source in [post.get("source")] + [p.get("source") for p in post.get("also_published") or []]:
            if source:
                by_source[str(source)] = url
    out = []
    for q in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]:
        urls = {by_source[s] for s in q["sources"] if s in by_source}
        if q["kind"] == "body" and urls:
            out.append((q["query"], urls))
    assert len(out) >= count, "the query set has too few body phrases of the bundled and seed articles"
    return out[:count]


def test_a_phrase_from_the_body_finds_its_article_from_file(searcher, pages):
    for query, urls in _body_queries(pages, 6):
        top = [r["url"] for r in searcher(query)[:3]]
        assert set(top) & urls, (query, top, urls)
    assert searcher.page.external_requests == [] and searcher.page.console_errors == []


def test_over_http_the_same_search_works(http_searcher, pages):
    for query, urls in _body_queries(pages, 3):
        top = [r["url"] for r in http_searcher(query)[:3]]
        assert set(top) & urls, (query, top, urls)
    rows = http_searcher("hoc tap lam theo")
    assert rows and any(m.lower() == "học" for r in rows[:3] for m in r["marks"])
    assert http_searcher.page.external_requests == [] and http_searcher.page.console_errors == []


def test_quoted_phrase_matches_only_that_run(searcher, pages):
    quoted = searcher('"học và làm theo Bác"')
    assert quoted, "the quoted phrase found nothing"
    count = lambda: int(searcher.page.inner_text(META).split()[0].replace(".", ""))  # noqa: E731
    quoted_count = count()
    searcher("học và làm theo Bác")
    assert quoted_count < count()
    for row in quoted:  # every result holds the run (folded, as the words are compared)
        text = " ".join(re.findall(r"\w+", fold(_text(pages[row["url"]])).lower()))
        assert "hoc va lam theo bac" in text, row["url"]
    searcher('"Bác làm theo và học"')
    assert searcher.page.inner_text(META) == "Không tìm thấy kết quả nào" or count() < quoted_count


def test_last_word_matches_as_a_prefix_while_typing(searcher):
    page = searcher.page
    counts = []
    page.fill(INPUT, "")
    for end in ("nêu g", "nêu gươ", "nêu gương"):
        page.fill(INPUT, end)
        _answered(page, end)
        counts.append(page.locator(ITEM).count())
        titles = page.eval_on_selector_all(f"{ITEM} h1", "els => els.map(e => e.textContent)")
        assert any("nêu gương" in t.lower() for t in titles[:3]), (end, titles[:3])
    assert all(counts), counts
    typed = searcher("dan van khe", typed=True)  # key by key: the answer of the last key stays
    assert any("Dân vận khéo" in r["title"] for r in typed[:3]), [r["title"] for r in typed[:3]]


def test_results_show_title_directive_year_date_outlet_and_a_highlighted_snippet(searcher):
    rows = searcher("dang uy so vhtt")
    first = rows[0]
    assert "Đảng uỷ Sở VHTT" in first["title"] or "Đảng ủy Sở VHTT" in first["title"]
    assert re.search(r"^.+ · (20\d\d|Không rõ năm)( · \d\d/\d\d/\d{4})?( · .+)?$", first["meta"]), first["meta"]
    assert {"Đảng", "VHTT"} <= set(first["marks"])  # highlighted as written, not folded
    assert first["snippet"]
    count = searcher.page.inner_text(META)
    assert re.fullmatch(r"[\d.]+ kết quả liên quan", count), count
    assert int(count.split()[0].replace(".", "")) >= len(rows)


def test_nothing_found_says_so_in_vietnamese(searcher):
    assert searcher("xyzzyqwv khongcotu") == []
    assert searcher.page.inner_text(META) == "Không tìm thấy kết quả nào"


def test_keys_open_move_open_and_close(offline_page, search_site):
    page = offline_page
    page.goto((search_site / "index.html").as_uri())
    assert not page.is_checked("#__search")
    page.keyboard.press("s")
    assert page.is_checked("#__search") and page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    page.keyboard.press("/")
    assert page.is_checked("#__search")
    page.keyboard.type("nêu gương")
    _answered(page, "nêu gương")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    # Where the first result leads, in full: its last part alone may be "index.html", which the
    # home page's own address already ends with.
    target = page.evaluate("href => new URL(href, location.href).href.split('?')[0]", first)
    assert target != page.url.split("?")[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") != first
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Enter")  # from the box: the first result
    page.wait_for_url(lambda url: url.split("?")[0] == target)
    page.wait_for_load_state("load")
    assert page.external_requests == [] and page.console_errors == []


def test_a_shared_address_reopens_the_search(offline_page, search_site):
    page = offline_page
    page.goto((search_site / "index.html").as_uri())
    page.keyboard.press("s")
    page.keyboard.type("nêu gương")
    _answered(page, "nêu gương")
    shared = page.url
    assert "q=" in shared
    before = _rows(page, search_site.as_uri() + "/")
    page.goto("about:blank")
    page.goto(shared)  # opened afresh from the address alone
    _answered(page, "nêu gương")
    assert page.is_checked("#__search") and page.input_value(INPUT) == "nêu gương"
    assert _rows(page, search_site.as_uri() + "/") == before
    page.keyboard.press("Escape")
    assert "q=" not in page.url  # closing the search takes the query off the address


def test_opening_a_result_highlights_the_words_on_the_page_ignoring_diacritics(searcher):
    searcher("dang uy so vhtt")
    page = searcher.page
    page.click(f".md-search-result__list > {ITEM}:first-child > a")
    page.wait_for_selector("article mark[data-md-highlight]")
    assert "?h=" not in page.url  # the parameter is taken off the address once read
    marks = page.eval_on_selector_all("article mark[data-md-highlight]", """els => els.map(e => [
        e.textContent, (e.previousSibling && e.previousSibling.textContent || ' ').slice(-1)])""")
    texts = {t for t, _ in marks}
    assert {"Đảng", "VHTT"} <= texts, sorted(texts)[:20]
    assert {"uỷ", "ủy"} & texts
    # Whole words from their first letter: never "uy" inside "Huy".
    assert all(not re.match(r"\w", before) for _, before in marks), [m for m in marks if re.match(r"\w", m[1])][:5]
    assert page.locator("mark mark").count() == 0
    assert page.external_requests == [] and page.console_errors == []


def test_search_loads_only_its_shards_with_no_worker_and_no_external_request(searcher, search_site):
    searcher("Chỉ thị 05")
    page = searcher.page
    loaded = page.evaluate("DigestSearch.requested.slice()")
    shards = list((search_site / "search").rglob("*.js"))
    assert loaded[0] == "index" and 1 < len(loaded) < len(shards) / 4, (len(loaded), len(shards))
    assert page.evaluate("document.querySelectorAll('script[src*=\"/search/\"]').length") == 0  # tags removed once run
    assert not (search_site / "search" / "search_index.json").exists()
    assert not list(search_site.rglob("workers/search*.js")) and not list(search_site.rglob("*lunr*"))
    assert not list(search_site.rglob("iframe-worker*"))
    assert page.external_requests == [] and page.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_accessibility_issue_in_the_dialog_with_results(searcher, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = searcher.page
    page.emulate_media(color_scheme=scheme)
    rows = searcher("nêu gương")
    assert rows
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-results-{scheme}.png"))
    result = Axe().run(page, context=".md-search", options={"resultTypes": ["violations"]})
    bad = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_search_works_in_mkdocs_serve(browser, search_site, pages):
    """`mkdocs serve` builds into a folder of its own and serves it: the index goes there too."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=search_site.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "search/index.js", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.5)
        with guarded_page(browser, (base,)) as page:
            search = _searcher(page, base)
            query, urls = _body_queries(pages, 1)[0]
            assert set(r["url"] for r in search(query)[:3]) & urls
            assert page.external_requests == [] and page.console_errors == []
    finally:
        server.terminate()
        server.wait(timeout=30)
