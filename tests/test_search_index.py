"""The search index: one entry per article, and the lunr index prebuilt at build time.

The prebuilt index must be the index Material's worker would build in the browser (same
terms, same postings, same scores): checked against the worker itself, run in Node.
"""
from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, need
from directive_digest import lunr_index
from directive_digest import search_scope
from directive_digest.search_scope import article_entries, indexed, patch_worker, shown
from test_site_search import search_site  # noqa: F401  (the site built from the sample and seed articles)

SEPARATOR = '[\\s\\u200b\\u2013\\u2014\\-_;:!?=\\[\\]()"“”‘’`/…|]+|[.,](?!\\d)'  # mkdocs.yml's


def test_terms_are_folded_like_the_browser_folds_them():
    terms = lunr_index.Terms(SEPARATOR)
    assert terms("<p>Đảng ỦY xã</p>") == ["dang", "uy", "xa"]
    assert terms("Đảng uỷ") == terms("dang uy") == terms("ĐẢNG ỦY")
    # Separators split directive numbers; a dot or comma before a digit stays in the number.
    assert terms("Chỉ thị 05-CT/TW: 4.725 đảng viên, 2,5 tỷ.") == ["chi", "thi", "05", "ct", "tw", "4.725", "dang",
                                                                 "vien", "2,5", "ty"]
    # Punctuation that is not a separator is trimmed; alone it stays as lunr's empty term.
    assert terms("Nguồn: Báo A · «Tác giả»") == ["nguon", "bao", "a", "", "tac", "gia"]
    assert terms(["Thu Phương", "Baohatinh.vn"]) == ["thu", "phuong", "baohatinh", "vn"]
    assert terms(None) == []


def test_javascript_classes_are_not_widened_in_python():
    sep = lunr_index.js_regex(r"[\s,]+|x\d")
    assert sep.split("a\u00a0b,c") == ["a", "b", "c"]  # JavaScript's \s holds the no-break space
    assert sep.split("a\x1cb") == ["a\x1cb"]  # ... but not the separators Python's \s holds
    assert sep.split("x\u0663") == ["x\u0663"]  # \d is ASCII in JavaScript


def test_scores_follow_lunr_bm25_with_boosts():
    docs = [{"location": "a.html", "title": "Nêu gương", "text": "nêu gương nêu"},
            {"location": "b.html", "title": "Khác", "text": "gương", "boost": 3}]
    index = lunr_index.build(docs, {"title": {"boost": 1000}, "text": {"boost": 1}}, SEPARATOR)
    terms = dict(index["invertedIndex"])
    assert list(terms) == ["guong", "khac", "neu"]
    assert terms["guong"]["title"] == {"0": {}} and terms["guong"]["text"] == {"0": {}, "1": {}}
    vectors = {ref: dict(zip(v[::2], v[1::2])) for ref, v in index["fieldVectors"]}
    neu = terms["neu"]["_index"]
    # idf = ln(1 + (2 - 2 + 0.5) / 2.5); tf 2 in a.html's text: idf * 2.2 * 2 / (1.2 + 2)
    assert vectors["text/0"][neu] == round(0.1823215567939546 * 4.4 / 3.2, 3)
    assert vectors["title/0"][neu] == round(0.1823215567939546 * 2.2 / 2.2 * 1000, 3)
    # lunr counts a term's documents field by field: "guong" is in 3 (a's title and text, b's text),
    # so idf = ln(1 + |2 - 3 + 0.5| / 3.5); b's document boost 3.
    assert vectors["text/1"][terms["guong"]["_index"]] == round(math.log(1 + 0.5 / 3.5) * 2.2 / 2.2 * 3, 3) == 0.401


def test_an_article_is_one_entry_with_summary_key_points_figures_and_header():
    docs = [{"location": "index.html", "title": "Trang chủ", "text": "x"},
            {"location": "index.html#a", "title": "Phần", "text": "y"},
            {"location": "a/b.html", "title": "Bài", "text": "<p>Tóm tắt</p><p>Nguồn: Báo A</p>", "meta": "Nguồn: Báo A"},
            {"location": "a/b.html#y-chinh", "title": "Ý chính", "text": "<ul><li>Điểm một</li></ul>"},
            {"location": "a/b.html#so-lieu-chinh", "title": "Số liệu chính", "text": "61 tổ chức câu trích"},
            {"location": "a/b.html#toan-van", "title": "Toàn văn", "text": "<p>Toàn bộ bài</p>"}]
    out = article_entries(docs, {"a/b.html": ["61 tổ chức", "4.725 đảng viên", "<b>"]})
    assert [d["location"] for d in out] == ["index.html", "index.html#a", "a/b.html"]
    assert out[:2] == docs[:2]
    # Indexed: summary and header, key points, key figures; not the full text or the quotes.
    text = indexed(out[2])["text"]
    assert text == ("<p>Tóm tắt</p><p>Nguồn: Báo A</p><ul><li>Điểm một</li></ul>"
                    "<p>Số liệu: 61 tổ chức · 4.725 đảng viên · &lt;b&gt;</p>")
    # Shown (shipped): summary and header only.
    assert shown(out[2]) == docs[2] and indexed(out[0]) == out[0] == shown(out[0])


def _material_worker(tmp_path: Path) -> Path:
    import material

    src = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    workers = tmp_path / "workers"
    workers.mkdir()
    for f in src.glob("search.*.min.js"):
        shutil.copy(f, workers / f.name)
    return workers


_ARTICLE = ('<h1 id="bai">Bài &amp; báo</h1>\n<div class="admonition abstract"><p class="admonition-title">Tóm tắt'
            '</p>\n<p>Tóm tắt bài.</p>\n</div>\n<h2 id="y-chinh">Ý chính</h2>\n<ul>\n<li>Ý một</li>\n</ul>\n'
            '<h2 id="so-lieu-chinh">Số liệu chính</h2>\n<table><tr><td>4.725 đảng viên</td></tr></table>\n'
            '<h2 id="toan-van">Toàn văn</h2>\n<p>Đoạn một.</p>\n<h3 id="muc">{}</h3>\n<p>Đoạn hai.</p>\n')


def _material_entries(content: str, hooks: bool) -> tuple[list[dict], str]:
    """The entries Material's search plugin makes of an article, as article_entries keeps them,
    and the page's content after on_page_context (with or without our cut and restore)."""
    from material.plugins.search.plugin import SearchIndex
    from types import SimpleNamespace
    page = SimpleNamespace(meta={"source": "https://x.vn/a"}, content=content, toc=[], url="a.html", title="Bài")
    index = SearchIndex()
    if hooks:
        search_scope._hide_unindexed({}, page, None, None)
    seen = page.content
    index.add_entry_from_context(page)
    if hooks:
        search_scope._restore_unindexed({}, page, None, None)
    return article_entries(index.entries, {"a.html": []}), page.content, seen


@pytest.mark.parametrize("subheading", ["Tiểu mục", "Ý chính"])
def test_material_parses_only_what_an_article_entry_keeps(subheading):
    content = _ARTICLE.format(subheading)
    entries, restored, seen = _material_entries(content, hooks=True)
    assert (entries, restored) == _material_entries(content, hooks=False)[:2]
    assert restored == content
    assert len(entries) == 1 and "Ý một" in entries[0][search_scope.INDEXED]  # the key points are kept
    if subheading == "Ý chính":  # a full text's subheading that article_entries keeps: not cut
        assert seen == content
    else:
        assert "Ý một" in seen and "4.725" not in seen and "Đoạn" not in seen


def test_the_worker_is_patched_to_load_the_prebuilt_index(tmp_path):
    workers = _material_worker(tmp_path)
    patch_worker(str(workers))
    code = next(workers.glob("search.*.min.js")).read_text(encoding="utf-8")
    assert code.count("lunr.vi.load(") == code.count("lunr.vi.positions(") == code.count("lunr.vi.message(") == 1
    assert re.search(r"this\.index=\w+\.prebuilt\?lunr\.vi\.load\(\w+,\w+,this\):lunr\(function\(\)\{", code)  # or builds
    patch_worker(str(workers))  # a second build leaves it as it is
    assert next(workers.glob("search.*.min.js")).read_text(encoding="utf-8") == code


def test_a_changed_worker_fails_the_build(tmp_path):
    workers = _material_worker(tmp_path)
    worker = next(workers.glob("search.*.min.js"))
    worker.write_text(worker.read_text(encoding="utf-8").replace("this.index=lunr(", "this.idx=lunr("), encoding="utf-8")
    with pytest.raises(PluginError, match="changed"):
        patch_worker(str(workers))


def _comparable(index: dict, ref_to_location) -> tuple[dict, dict]:
    """(term -> field -> sorted locations, (field, location) -> term -> score), whatever the refs."""
    terms = dict(index["invertedIndex"])
    by_number = {p["_index"]: t for t, p in terms.items()}
    postings = {t: {f: sorted(map(ref_to_location, p[f])) for f in index["fields"]} for t, p in terms.items()}
    vectors = {}
    for field_ref, elements in index["fieldVectors"]:
        field, _, ref = field_ref.partition("/")
        vectors[(field, ref_to_location(ref))] = {by_number[i]: s for i, s in zip(elements[::2], elements[1::2])}
    return postings, vectors


def _worker_index(node: str, site: Path, *args: str) -> dict:
    return json.loads(subprocess.run([node, str(ROOT / "tests" / "lunr_reference.js"), str(site), *args],
                                     check=True, capture_output=True, text=True, timeout=600).stdout)


def test_the_prebuilt_index_is_the_one_the_browser_would_build(search_site, tmp_path):  # noqa: F811
    node = shutil.which("node")
    need(node is not None, "Node.js is not installed (it runs Material's search worker for this comparison)")
    site_index = json.loads((search_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs, config = site_index["docs"], site_index["config"]
    prebuilt = lunr_index.build(docs, config["fields"], config["separator"])
    built = _worker_index(node, search_site)  # the worker builds it from the same entries
    locations = [d["location"] for d in docs]
    assert prebuilt["version"] == built["version"] and prebuilt["fields"] == built["fields"]
    assert prebuilt["pipeline"] == built["pipeline"] == ["vi-fold"]
    mine, theirs = _comparable(prebuilt, lambda ref: locations[int(ref)]), _comparable(built, lambda ref: ref)
    assert len(mine[0]) > 300 and set(mine[0]) == set(theirs[0])  # the same terms ...
    assert mine[0] == theirs[0]  # ... in the same entries and fields ...
    assert mine[1] == theirs[1]  # ... with the same scores
    assert [t for t, _ in prebuilt["invertedIndex"]] == [t for t, _ in built["invertedIndex"]]  # lunr's order

    # Shipped compact, the worker (lunr.vi.load) gets back the same index.
    site = tmp_path / "site"
    shutil.copytree(search_site / "assets" / "javascripts", site / "assets" / "javascripts")
    (site / "search").mkdir()
    assert lunr_index.build_compact(docs, config["fields"], config["separator"]) == lunr_index.compact(prebuilt)
    shipped = {"config": {**config, "prebuilt": json.dumps(lunr_index.compact(prebuilt))}, "docs": docs}
    (site / "search" / "search_index.json").write_text(json.dumps(shipped), encoding="utf-8")
    loaded = _worker_index(node, site, "--prebuilt")
    assert _comparable(loaded, lambda ref: locations[int(ref)]) == mine
