"""The search indexer's output, byte for byte: the fast indexer against the plain one
(tests/search_reference.py, one posting at a time), and an incremental run (``cache_dir``)
against a cold one on the same pages, after pages change, come, go or move, and after a
directive's title (which article headers hold) changes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import search_reference
from conftest import ARTICLES, ROOT, SEEDS, need
from directive_digest.search import build
from directive_digest.search import cache as search_cache
from directive_digest.search import indexer
from directive_digest.search.documents import page_paths, read_documents
from directive_digest.search.text import Vocabulary, exact_tokens


def _digest(inputs: list[Path], out: Path) -> Path:
    cmd = [sys.executable, str(ROOT / "build_digest.py"), "--output", str(out), "--report", str(out.parent / "r.json"),
           "--no-cache", "-q"]
    for path in inputs:
        cmd += ["--input", str(path)]
    subprocess.run(cmd, cwd=out.parent, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return out


@pytest.fixture(scope="module")
def sample_content(tmp_path_factory) -> Path:
    """The bundled articles' pages, the hand-written pages beside them."""
    work = tmp_path_factory.mktemp("index-sample")
    (work / "content").mkdir()
    for path in (ROOT / "content").glob("*.md"):
        shutil.copy2(path, work / "content" / path.name)
    return _digest([ARTICLES], work / "content")


@pytest.fixture(scope="module")
def synthetic_content(tmp_path_factory) -> Path:
    """300 synthetic articles (benchmarks.synth, from the shared seeds) digested."""
    need(SEEDS.is_dir(), f"the shared seed corpus is not at {SEEDS}")
    from benchmarks.synth import generate

    work = tmp_path_factory.mktemp("index-synthetic")
    generate(300, work / "articles", [SEEDS])
    (work / "content").mkdir()
    return _digest([work / "articles"], work / "content")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _same_trees(a: Path, b: Path) -> None:
    ta, tb = _tree(a), _tree(b)
    assert sorted(ta) == sorted(tb)
    differing = [name for name in ta if ta[name] != tb[name]]
    assert not differing, differing[:5]


# --- Same bytes as the plain indexer -------------------------------------------------------

@pytest.mark.parametrize("corpus,jobs", [("sample_content", 1), ("synthetic_content", 1), ("synthetic_content", 2)])
def test_the_index_is_byte_for_byte_the_plain_indexers(corpus, jobs, request, tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 2)  # processes even for a few pages
    monkeypatch.setattr(indexer, "BATCH", 7)
    content = request.getfixturevalue(corpus)
    docs = read_documents(str(content))
    assert len(docs) > 50
    search_reference.write_index(docs, str(tmp_path / "plain"))
    figures = build(str(content), str(tmp_path / "fast"), jobs=jobs)
    _same_trees(tmp_path / "plain", tmp_path / "fast")
    assert figures["documents"] == len(docs) and figures["files"] == len(_tree(tmp_path / "fast"))
    # With a cache, cold and then with every page known: the same bytes again.
    for run in range(2):
        figures = build(str(content), str(tmp_path / "cached"), cache_dir=str(tmp_path / "cache"), jobs=jobs)
        _same_trees(tmp_path / "plain", tmp_path / "cached")
        assert figures["cached_pages"] == (0 if run == 0 else len(page_paths(str(content))))
    assert figures["files_written"] == 0


TEXT = st.text(alphabet=st.sampled_from(
    list("aAbđĐoOuUyYeE019.,-/ _") + ["\u0300", "\u0301", "\u0309", "\u0323", "\u0303", " ", "\n", "\t", "\u00a0",
                                      "\u2028", "\u200b", "\u00ad", "\u2003", "Σ", "ς", "İ", "ò", "ủ", "ỷ", "½", "²"]),
    max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_tokens_by_chunk_are_the_tokens_of_the_text(texts):
    vocabulary = Vocabulary()
    for text in texts + [unicodedata.normalize("NFD", t) for t in texts]:
        assert [vocabulary.words[n] for n in vocabulary.numbers(text)] == exact_tokens(text), repr(text)


# --- Incremental runs: the bytes of a cold run ---------------------------------------------

def _article_pages(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*.md") if "kind: article" in p.read_text(encoding="utf-8")[:4000])


def _edit_body(page: Path, words: str) -> None:
    text = page.read_text(encoding="utf-8")
    at = text.index("## Toàn văn")
    page.write_text(text[:at] + f"## Toàn văn\n\n{words}\n" + text[at + len("## Toàn văn"):], encoding="utf-8")


def _check(content: Path, work: Path, step: str) -> dict:
    """An incremental run (in two processes) and a cold one on ``content``: the same bytes."""
    figures = build(str(content), str(work / "incremental"), cache_dir=str(work / "cache"), jobs=2)
    build(str(content), str(work / step))
    _same_trees(work / step, work / "incremental")
    return figures


def test_an_incremental_run_writes_what_a_cold_one_writes(synthetic_content, tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 2)
    content = tmp_path / "content"
    shutil.copytree(synthetic_content, content)
    cold = _check(content, tmp_path, "cold")
    assert cold["cached_pages"] == 0 and cold["files_written"] == cold["files"]
    pages = _article_pages(content)

    _edit_body(pages[len(pages) // 2], "Hội nghị biểu dương 12 tập thể, 25 cá nhân tiêu biểu xuấtsắcmới.")
    one = _check(content, tmp_path, "one-changed")
    assert one["cached_pages"] == len(page_paths(str(content))) - 1
    # Its document, and the shards of its words and pairs (with 300 documents a shard holds many
    # words, and the changed length moves some other impacts a step).
    assert 0 < one["files_written"] < one["files"] / 4

    shutil.copy2(pages[3], pages[3].with_name("ban-sao-moi.md"))  # a page more: later documents renumbered
    pages[10].unlink()  # a page less
    pages[20].rename(pages[20].with_name("zz-doi-ten.md"))  # moved: another address
    _check(content, tmp_path, "added-removed-moved")

    # A directive's title is in the header of each of its articles: those are made again.
    directive = next(p for p in content.rglob("index.md") if "kind: directive" in p.read_text(encoding="utf-8"))
    text = directive.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ")
    directive.write_text(text.replace("---\ntitle: ", "---\ntitle: Sửa đổi ", 1), encoding="utf-8")
    retitled = _check(content, tmp_path, "retitled")
    assert retitled["cached_pages"] < len(page_paths(str(content))) - 1

    # A file of the output changed in place (it is a hard link to the cache's copy): made again.
    victim = next((tmp_path / "incremental" / "t").glob("*.js"))
    victim.write_bytes(b"broken")
    _check(content, tmp_path, "repaired")


def test_a_cache_from_other_code_or_in_use_is_not_used(sample_content, tmp_path, monkeypatch):
    cache = str(tmp_path / "cache")
    build(str(sample_content), str(tmp_path / "first"), cache_dir=cache)
    assert build(str(sample_content), str(tmp_path / "again"), cache_dir=cache)["cached_pages"] > 0
    monkeypatch.setattr(search_cache, "fingerprint", lambda: "other code")
    assert build(str(sample_content), str(tmp_path / "other"), cache_dir=cache)["cached_pages"] == 0
    _same_trees(tmp_path / "first", tmp_path / "other")
    held = search_cache.SearchCache.open(cache)  # another build holds the cache: run without it
    try:
        assert held is not None and search_cache.SearchCache.open(cache) is None
        figures = build(str(sample_content), str(tmp_path / "beside"), cache_dir=cache)
        assert figures["cached_pages"] == 0
        _same_trees(tmp_path / "first", tmp_path / "beside")
    finally:
        held.close()


def test_pages_that_cannot_be_read_are_reported_each_run(sample_content, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(sample_content, content)
    (content / "hong.md").write_bytes(b"---\ntitle: \xff\n---\n")
    (content / "sai.md").write_text("---\ntitle: [unclosed\n---\nx\n", encoding="utf-8")
    for run in range(2):
        errors = []
        build(str(content), str(tmp_path / "out"), on_error=lambda path, reason: errors.append((path, reason)),
              cache_dir=str(tmp_path / "cache"))
        assert sorted(p for p, _ in errors) == ["hong.md", "sai.md"]
        assert errors[0][1].startswith("UnicodeDecodeError") and errors[1][1].startswith(("ScannerError", "ParserError"))


def test_nothing_changed_gives_the_last_output_without_encoding_it(sample_content, tmp_path, monkeypatch):
    from directive_digest.search import writer

    cache = str(tmp_path / "cache")
    build(str(sample_content), str(tmp_path / "cold"))  # no cache: files of its own
    build(str(sample_content), str(tmp_path / "first"), cache_dir=cache)
    with monkeypatch.context() as patch:
        patch.setattr(writer.IndexWriter, "write", lambda self: pytest.fail("encoded again"))
        figures = build(str(sample_content), str(tmp_path / "again"), cache_dir=cache)
    _same_trees(tmp_path / "cold", tmp_path / "again")
    assert figures["files_written"] == 0 and figures["documents"] > 50
    # A file of the last output changed in place (outputs are links to the cache's copy, so it
    # changed in every output made with this cache): made again, in a new file.
    next((tmp_path / "again" / "n").glob("*.js")).write_bytes(b"changed")
    assert build(str(sample_content), str(tmp_path / "again"), cache_dir=cache)["files_written"] == 1
    _same_trees(tmp_path / "cold", tmp_path / "again")


def test_a_damaged_cache_costs_a_reading_of_the_pages_not_a_failure(sample_content, tmp_path):
    cache = tmp_path / "cache"
    build(str(sample_content), str(tmp_path / "cold"))
    build(str(sample_content), str(tmp_path / "first"), cache_dir=str(cache))
    [pack] = (cache / "packs").glob("*.pack")
    pack.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2])  # cut short
    (tmp_path / "first" / "index.js").unlink()  # and the last output damaged: no reuse of it
    shutil.rmtree(cache / "mirror")
    build(str(sample_content), str(tmp_path / "again"), cache_dir=str(cache))
    _same_trees(tmp_path / "cold", tmp_path / "again")
