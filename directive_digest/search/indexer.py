"""One run of the indexer: the pages of a content folder into the index, with or without the
cache of the previous runs (cache.py).

Two passes over the pages, in the order of their paths. The first reads every page's bytes
and, for a page the cache does not know, its front matter: together with what the cache
kept of the others, that gives the directive titles that articles' headers hold. The second
makes each document: a known page's terms and document file come from the cache (unless a
directive title it holds has changed), the others are read again (their body: the front
matter read already) and counted. The writer then encodes every list and writes only the
files whose bytes changed (output.py). Same pages, same bytes out, with the cache or without
(tests/test_search_index.py).
"""
from __future__ import annotations

import os
from typing import Optional

from .cache import SearchCache, page_digest
from .documents import (PageError, directive_title, document_of, page_body, page_paths, page_text, parse_page,
                        titles_used)
from .postings import count_terms
from .writer import IndexWriter, document_record


def build_index(content_dir: str, out_dir: str, on_error=None, cache_dir: Optional[str] = None) -> dict:
    """Index the pages under ``content_dir`` into ``out_dir`` (replaced); figures about the
    index. With ``cache_dir``, what a page gave is kept for the next run, keyed by its bytes."""
    cache = SearchCache.open(cache_dir) if cache_dir else None
    try:
        return _run(content_dir, out_dir, on_error or (lambda path, reason: None), cache)
    finally:
        if cache is not None:
            cache.close()


class _Page:
    __slots__ = ("rel", "digest", "entry", "meta")

    def __init__(self, rel, digest, entry, meta):
        self.rel, self.digest, self.entry, self.meta = rel, digest, entry, meta


def _read(content_dir: str, rel: str) -> bytes:
    with open(os.path.join(content_dir, rel), "rb") as f:
        return f.read()


def _run(content_dir: str, out_dir: str, on_error, cache: Optional[SearchCache]) -> dict:
    pages: list[_Page] = []
    for rel in page_paths(content_dir):
        try:
            data = _read(content_dir, rel)
            digest = page_digest(rel, data) if cache is not None else None
            entry = cache.entry(digest) if cache is not None else None
            meta = None if entry is not None else parse_page(rel, page_text(rel, data))[0]
        except OSError as error:
            on_error(rel, PageError(rel, error).reason)
            continue
        except PageError as error:
            on_error(rel, error.reason)
            continue
        pages.append(_Page(rel, digest, entry, meta))
    titles = {}
    for page in pages:
        pair = page.entry.directive if page.entry is not None else directive_title(page.meta)
        if pair:
            titles[pair[0]] = pair[1]

    writer = IndexWriter(cache.vocabulary if cache is not None else None)
    for page in pages:
        entry = page.entry
        if entry is not None and all(titles.get(i, str(i)) == title for i, title in entry.uses):
            if entry.pack >= 0:
                writer.add_terms(*cache.load(page.digest))
            else:
                cache.keep(page.digest)
            continue
        try:
            data = _read(content_dir, page.rel)
            meta = page.meta
            if cache is not None and page_digest(page.rel, data) != page.digest:  # changed since the first pass
                page.digest, meta = page_digest(page.rel, data), None
            text = page_text(page.rel, data)
            meta = meta if meta is not None else parse_page(page.rel, text)[0]
        except OSError as error:  # gone since the first pass
            on_error(page.rel, PageError(page.rel, error).reason)
            continue
        except PageError as error:
            on_error(page.rel, error.reason)
            continue
        doc = document_of(page.rel, meta, page_body(text), titles)
        terms = record = None
        if doc is not None:
            terms, record = count_terms(doc, writer.vocabulary), document_record(doc)
            writer.add_terms(terms, record)
        if cache is not None:
            cache.store(page.digest, terms, record, directive_title(meta), titles_used(meta, titles))
    figures = writer.write(out_dir, mirror=cache.mirror if cache is not None else None)
    if cache is not None:
        cache.save()
    figures["cached_pages"] = sum(p.entry is not None for p in pages)
    return figures
