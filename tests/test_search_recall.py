"""Top-3 recall of the search query set on the site of the real articles, in Chromium from file://.

The query set (tests/data/search_queries.json) was drawn by rule from real article text
(benchmarks/search_queries.py). A query counts when one of its articles is among the first
three results. `make bench` compares the same figure with stock Material and Pagefind.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED, build_site, need

QUERIES = Path(__file__).parent / "data" / "search_queries.json"


@pytest.fixture(scope="session")
def recall_site(tmp_path_factory) -> Path:
    from benchmarks.search_queries import recall_inputs

    need((SHARED / "corpus" / "real" / "vietnews-party").is_dir(), f"the real corpus is not under {SHARED}")
    return build_site(tmp_path_factory.mktemp("recall-site"), recall_inputs())


def test_top3_recall_of_the_query_set_is_at_least_95_percent(recall_site, offline_page):
    from benchmarks.search import _url_of_source

    url_of = _url_of_source(recall_site.parent / "content")
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    assert len(queries) >= 60
    page = offline_page
    page.goto((recall_site / "index.html").as_uri())
    page.wait_for_function("window.DigestSearch")
    tops = page.evaluate("""async queries => { const out = [];
        for (const q of queries) {
          const a = await DigestSearch.search(q);
          const docs = await Promise.all(a.results.slice(0, 3).map(r => DigestSearch.documentData(r.doc)));
          out.push(docs.map(d => d.u)); }
        return out }""", [q["query"] for q in queries])
    found = {"all": [0, 0], "tuned": [0, 0], "untouched": [0, 0]}
    misses = []
    for q, top in zip(queries, tops):
        wanted = {url_of.get(s) for s in q["sources"]} - {None}
        assert wanted, f"{q['query']!r}: none of its articles {q['sources']} is in the site"
        ok = bool(wanted & set(top))
        for key in ("all", q["split"]):
            found[key][0] += ok
            found[key][1] += 1
        if not ok:
            misses.append(q["query"])
    recall = {k: h / t for k, (h, t) in found.items() if t}
    print("top-3 recall:", {k: f"{v:.1%} of {found[k][1]}" for k, v in recall.items()})
    assert recall["all"] >= 0.95, (recall, misses[:20])
    assert recall["untouched"] >= 0.9, recall  # the held-out split: never tuned on
    assert page.external_requests == [] and page.console_errors == []
