"""One run of the indexer: the pages of a content folder into the index, with or without the
cache of the previous runs (cache.py).

Two passes over the pages, in the order of their paths. The first reads every page's bytes
and, for a page the cache does not know, its front matter: together with what the cache
kept of the others, that gives the directive titles that articles' headers hold. The second
makes each document: a known page's terms and document file come from the cache (unless a
directive title it holds has changed), the others are read again (their body: the front
matter read already) and counted. With ``jobs`` > 1 both passes run in that many processes
(batches in order; each worker numbers words its own way, ``_Remap`` maps them). The writer
then encodes every list and writes only the files whose bytes changed (output.py). Same pages, same bytes out, with the cache or without
(tests/test_search_index.py).
"""
from __future__ import annotations

import multiprocessing
import os
from array import array
from itertools import repeat
from operator import and_, lshift, or_, rshift
from typing import Iterator, Optional

from .cache import CACHE_DAMAGE, SearchCache, page_digest
from .documents import (PageError, directive_title, document_of, page_body, page_paths, page_text, parse_page,
                        titles_used)
from .postings import DocumentTerms, count_terms
from .text import PAIR_SHIFT, Vocabulary
from .writer import IndexWriter, document_record


def build_index(content_dir: str, out_dir: str, on_error=None, cache_dir: Optional[str] = None,
                jobs: int = 1) -> dict:
    """Index the pages under ``content_dir`` into ``out_dir`` (replaced); figures about the
    index. With ``cache_dir``, what a page gave is kept for the next run, keyed by its bytes;
    with ``jobs`` > 1, pages are read and counted in that many processes."""
    cache = SearchCache.open(cache_dir) if cache_dir else None
    try:
        return _run(content_dir, out_dir, on_error or (lambda path, reason: None), cache, jobs)
    finally:
        if cache is not None:
            cache.close()


BATCH = 64  # pages a process reads or counts at a time
PARALLEL_FROM = 256  # fewer pages to read than this: not worth starting processes


def _read(content_dir: str, rel: str) -> bytes:
    with open(os.path.join(content_dir, rel), "rb") as f:
        return f.read()


# --- The work on one page, in this process or in a worker --------------------------------

def _first_pass(content_dir: str, known, rel: str) -> tuple:
    """("ok", rel, digest, front matter or None when the cache knows the page) or ("error", rel, reason)."""
    try:
        data = _read(content_dir, rel)
        digest = page_digest(rel, data) if known is not None else None
        if known is not None and digest in known:
            return "ok", rel, digest, None
        return "ok", rel, digest, parse_page(rel, page_text(rel, data))[0]
    except OSError as error:
        return "error", rel, PageError(rel, error).reason
    except PageError as error:
        return "error", rel, error.reason


def _second_pass(content_dir: str, cached: bool, titles: dict, vocabulary: Vocabulary, rel: str, digest, meta) -> tuple:
    """("ok", digest, terms, record, directive title, titles used) or ("error", rel, reason)."""
    try:
        data = _read(content_dir, rel)
        if cached and page_digest(rel, data) != digest:  # changed since the first pass
            digest, meta = page_digest(rel, data), None
        text = page_text(rel, data)
        meta = meta if meta is not None else parse_page(rel, text)[0]
    except OSError as error:  # gone since the first pass
        return "error", rel, PageError(rel, error).reason
    except PageError as error:
        return "error", rel, error.reason
    doc = document_of(rel, meta, page_body(text), titles)
    terms = record = None
    if doc is not None:
        terms, record = count_terms(doc, vocabulary), document_record(doc)
    return "ok", digest, terms, record, directive_title(meta), titles_used(meta, titles)


_worker: dict = {}


def _worker_first(batch: list[str]) -> list[tuple]:
    return [_first_pass(_worker["content"], _worker["known"], rel) for rel in batch]


def _worker_second(args) -> tuple:
    """A batch counted with the worker's own vocabulary; the words it added since its last
    batch go with the results (``_Remap``)."""
    batch, titles = args
    vocabulary = _worker.setdefault("vocabulary", Vocabulary())
    start = len(vocabulary.words)
    results = [_second_pass(_worker["content"], _worker["known"] is not None, titles, vocabulary, *page)
               for page in batch]
    return os.getpid(), vocabulary.words[start:], results


def _start_worker(content_dir: str, known) -> None:
    _worker.clear()
    _worker.update(content=content_dir, known=known)


class _Remap:
    """Word numbers of the workers' vocabularies to the index's: one table per worker."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.tables: dict[int, list[int]] = {}

    def learn(self, worker: int, words: list[str]) -> None:
        """The words a worker numbered next, in its order."""
        self.tables.setdefault(worker, []).extend(map(self.vocabulary.add, words))

    def __call__(self, worker: int, terms: DocumentTerms) -> DocumentTerms:
        number = self.tables[worker].__getitem__
        low = (1 << PAIR_SHIFT) - 1
        pairs = map(or_, map(lshift, map(number, map(rshift, terms.pairs, repeat(PAIR_SHIFT))), repeat(PAIR_SHIFT)),
                    map(number, map(and_, terms.pairs, repeat(low))))
        return DocumentTerms(array("I", map(number, terms.words)), terms.word_counts, array("Q", pairs),
                             terms.pair_counts, terms.length)


def _batches(items: list, size: int = BATCH) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


# --- The run ---------------------------------------------------------------------------------

def _run(content_dir: str, out_dir: str, on_error, cache: Optional[SearchCache], jobs: int) -> dict:
    paths = page_paths(content_dir)
    known = (cache.entries.keys() | cache.fresh.keys()) if cache is not None else None
    pool = None
    if jobs > 1 and len(paths) >= PARALLEL_FROM:
        pool = multiprocessing.get_context("fork").Pool(jobs, _start_worker, (content_dir, known))
    try:
        return _passes(content_dir, out_dir, on_error, cache, paths, known, pool)
    finally:
        if pool is not None:
            pool.terminate()


def _passes(content_dir, out_dir, on_error, cache, paths, known, pool) -> dict:
    if pool is not None:
        first = (result for batch in pool.imap(_worker_first, _batches(paths)) for result in batch)
    else:
        first = (_first_pass(content_dir, known, rel) for rel in paths)
    pages = []  # (rel, digest, cache entry, front matter)
    for result in first:
        if result[0] == "error":
            on_error(result[1], result[2])
            continue
        _, rel, digest, meta = result
        pages.append((rel, digest, cache.entry(digest) if meta is None else None, meta))
    titles = {}
    for _, _, entry, meta in pages:
        pair = entry.directive if entry is not None else directive_title(meta)
        if pair:
            titles[pair[0]] = pair[1]

    writer = IndexWriter(cache.vocabulary if cache is not None else None)
    writer.open(out_dir, mirror=cache.mirror if cache is not None else None)
    digests = [digest for _, digest, _, _ in pages]
    if (cache is not None and cache.last_run and cache.last_run[0] == digests
            and all(entry is not None for _, _, entry, _ in pages) and writer.reuse()):
        # The pages of the last run, unchanged: its output, which the mirror holds.
        for digest in digests:
            cache.keep(digest)
        cache.save(cache.last_run)
        return {**cache.last_run[1], "files_written": 0, "cached_pages": len(pages)}
    fresh = [(rel, digest, meta) for rel, digest, entry, meta in pages
             if entry is None or any(titles.get(i, str(i)) != title for i, title in entry.uses)]
    counted = _counted(content_dir, cache is not None, titles, writer.vocabulary, fresh, pool)
    fresh_rels = {rel for rel, _, _ in fresh}
    for rel, digest, entry, meta in pages:
        if rel not in fresh_rels:
            if entry.pack < 0:
                cache.keep(digest)
                continue
            try:
                writer.add_terms(*cache.load(digest))
                continue
            except CACHE_DAMAGE:  # a pack cut short or changed: read the page again
                result = _second_pass(content_dir, True, titles, writer.vocabulary, rel, digest, None)
        else:
            result = next(counted)
        if result[0] == "error":
            on_error(result[1], result[2])
            continue
        _, digest, terms, record, directive, uses = result
        if terms is not None:
            writer.add_terms(terms, record)
        if cache is not None:
            cache.store(digest, terms, record, directive, uses)
    figures = writer.write()
    figures["cached_pages"] = len(pages) - len(fresh)
    if cache is not None:
        cache.save((digests, figures))
    return figures


def _counted(content_dir, cached, titles, vocabulary, fresh, pool) -> Iterator[tuple]:
    """The second pass's results for the pages ``fresh``, in their order."""
    if pool is None or len(fresh) < PARALLEL_FROM:
        for page in fresh:
            yield _second_pass(content_dir, cached, titles, vocabulary, *page)
        return
    remap = _Remap(vocabulary)
    for worker, words, results in pool.imap(_worker_second, [(batch, titles) for batch in _batches(fresh)]):
        remap.learn(worker, words)
        for result in results:
            if result[0] == "ok" and result[2] is not None:
                result = (*result[:2], remap(worker, result[2]), *result[3:])
            yield result
