"""Tags for article pages: the outlet, organisations and places an article is about.

Article pages link them to our tag pages (tag_pages.py: the/<tag>/, paginated, and a
bounded tags index the/index.md), and the search indexes them with a boost, so "dang uy so vhtt" or "Bắc Giang" find
the right articles first. Tags are spelt in one tone-mark style (uỷ, hoà) so "Đảng ủy X"
and "Đảng uỷ X" in two articles make one tag.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .article import PARAGRAPH, Article
from .organisations import canonical, organisations, places


def article_tags(article: Article) -> list[str]:
    """Outlet, then organisations and places named in the headline and the lead paragraph."""
    lead = next((b.text for b in article.blocks if b.kind == PARAGRAPH), None)
    return list(_tags(article.outlet, article.title or "", lead))


# A worker asks twice per article (its page's front matter, then the tag pages' list): the
# answer depends on these three strings only, so the second time is a lookup.
@lru_cache(maxsize=64)
def _tags(outlet: Optional[str], title: str, lead_paragraph: Optional[str]) -> tuple[str, ...]:
    lead = title if lead_paragraph is None else f"{title}\n{lead_paragraph}"
    tags: list[str] = []
    if outlet:
        tags.append(canonical(outlet))
    for tag in organisations(lead) + places(lead):
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)
