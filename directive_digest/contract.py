"""What the digest's pages promise the site: written by render, read by the site plugin.

Written once here, used on both sides (render.py, collections.py, tag_pages.py, group.py,
search/documents.py and directive_digest/site/):

* ``PageKind``: the front matter ``kind`` of every page the digest writes, articles included;
  a page with no kind (or one not listed) is a hand-written ``PAGE``;
* ``article_order``: the order of a year's articles (its pages, the breadcrumb's "bài 12/230",
  previous and next), from an article or from its front matter alike;
* ``date_vi``: a date as Vietnamese readers write it, dd/mm/yyyy.
"""
from __future__ import annotations

import datetime as dt
import enum
from typing import Mapping, Optional


class PageKind(enum.StrEnum):
    """The ``kind`` in a page's front matter (its value is what the page holds)."""

    ARTICLE = "article"  # one article's digest: <directive>/<year>/<slug>.md
    DIRECTIVE = "directive"  # a directive's page: <directive>/index.md
    YEAR = "year"  # a directive's year, paginated: <directive>/<year>/index.md, …/trang/2.md
    TAG = "tag"  # a tag's page, paginated: the/<tag>/index.md, …/trang/2.md
    TAGS = "tags"  # the tags index: the/index.md
    PAGE = "page"  # a hand-written page (no kind in its front matter)

    @classmethod
    def of(cls, meta: Optional[Mapping]) -> "PageKind":
        """The kind a page's front matter gives; PAGE for none or an unknown one."""
        value = meta.get("kind") if meta else None
        try:
            return cls(value) if isinstance(value, str) else cls.PAGE
        except ValueError:
            return cls.PAGE


def article_order(date, title, source) -> tuple:
    """The sort key of a year's articles: date (undated last), title, source file. ``date`` is
    a date or its ISO text (front matter read back), so both sides sort alike."""
    return (str(date) if date else "9999", str(title or ""), str(source or ""))


def date_vi(value) -> str:
    """dd/mm/yyyy from a date, a datetime or ISO text; "" for none or text that is no date."""
    if not value:
        return ""
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            return ""
    return value.strftime("%d/%m/%Y")
