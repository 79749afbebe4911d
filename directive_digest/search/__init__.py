"""Full-text search of the digest, independent of MkDocs (docs/search.md).

``build(content_dir, out_dir[, cache_dir=...])`` reads the digest's Markdown pages (documents.py), tokenizes
and folds their words (text.py) and writes the sharded index that the site's search
script (overrides/assets/javascripts/digest-search.js) loads, shard by shard, with
<script> tags (writer.py). ``python -m directive_digest.search CONTENT OUT`` does the same
from the command line; the site plugin (site/search_index.py) runs it beside ``mkdocs build``.
"""
from __future__ import annotations

from typing import Optional

from .indexer import build_index


def build(content_dir: str, out_dir: str, on_error=None, cache_dir: Optional[str] = None, jobs: int = 1) -> dict:
    """Index the pages under ``content_dir`` into ``out_dir``; figures about the index. With
    ``cache_dir``, a page whose bytes the last run met is not read again; with ``jobs`` > 1,
    pages are read in that many processes (indexer.py)."""
    return build_index(content_dir, out_dir, on_error, cache_dir, jobs)
