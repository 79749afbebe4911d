"""The per-article pipeline: an article as read -> cleaned, dated, classified, summarised.

``understand`` chains every stage; it touches nothing but the article, so the speed-up
layer (workers.py, batch.py) can run it anywhere and cache what it gives.
"""
from __future__ import annotations

import json

from .article import Article
from .classify import classify
from .clean import clean
from .dating import date_article
from .overrides import apply_overrides
from .problems import InputError
from .reference_lines import article_lines, references_in
from .registry import Registry
from .summarise import summarise
from .vntext import normalise

# An article longer than this is not one article (a concatenated export, a log file…).
MAX_ARTICLE_CHARS = 500_000
# A headline longer than this is a paragraph or a whole text on one line, not a headline.
MAX_TITLE_CHARS = 300


def understand(article: Article, registry: Registry) -> Article:
    """Every per-article stage, in order. Pure: touches nothing but the article."""
    if not article.text.strip():
        raise InputError("empty: no text at all (or only whitespace)")
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise InputError(f"article text is {len(article.text):,} characters; at most {MAX_ARTICLE_CHARS:,} "
                         "make one article (is this many articles in one file?)")
    clean(article)
    # The references of the title and each block, found once for dating and classification.
    line_references = references_in(registry, article_lines(article))
    date_article(article, registry, line_references)
    classify(article, registry, line_references)
    summarise(article, cited_topics(article, registry))
    apply_overrides(article)
    if not article.title.strip():
        raise InputError("no headline found")
    if len(article.title) > MAX_TITLE_CHARS:
        raise InputError(f"the headline (first line) is {len(article.title):,} characters long, more than the "
                         f"{MAX_TITLE_CHARS} a headline can be: put the headline on a line of its own")
    if not article.blocks:
        raise InputError("a headline with no article text under it")
    return article


def duplicate_key(article: Article) -> str:
    """Two inputs with the same key are the same file twice: same words in the same order, and
    the same stated metadata. (Copies credited to different outlets are syndication's business:
    merge_syndicated lists them on the kept article.)"""
    text = " ".join(normalise(article.text).split())
    return text and text + "\x00" + json.dumps(article.given, sort_keys=True, default=str, ensure_ascii=False)


def cited_topics(article: Article, registry: Registry) -> list[str]:
    """The topics of the registry documents the article cites: what a lead restates after "về"."""
    return [d.topic for d in map(registry.get, article.directives) if d is not None and d.topic]
