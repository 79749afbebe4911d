"""Tags for article pages: the outlet, organisations and places an article is about.

Article pages link them to our tag pages (tag_pages.py: the/<tag>/, paginated, and a
bounded tags index the/index.md), and the search indexes them with a boost, so "dang uy so vhtt" or "Bắc Giang" find
the right articles first. Tags are spelt in one tone-mark style (uỷ, hoà) so "Đảng ủy X"
and "Đảng uỷ X" in two articles make one tag.
"""
from __future__ import annotations

from .article import Article
from .organisations import canonical, organisations, places


def article_tags(article: Article) -> list[str]:
    """Outlet, then organisations and places named in the headline and the lead paragraph."""
    lead = "\n".join([article.title or ""] + article.paragraphs[:1])
    tags: list[str] = []
    if article.outlet:
        tags.append(canonical(article.outlet))
    for tag in organisations(lead) + places(lead):
        if tag not in tags:
            tags.append(tag)
    return tags
