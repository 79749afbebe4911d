"""Tag pages: one (paginated) page per tag and a tags index of names with counts.

Layout: the/index.md (the index), the/<tag>/index.md (a tag), the/<tag>/trang/2.md (its page 2):
like a year, a tag's first page is an index.md.

Replaces Material's tags plugin, whose index lists every page under every tag: at 10,000
articles that one page was 4.8 MB. Here every page is bounded: a tag page lists
TAG_PAGE_SIZE articles (then trang/2.md, …), and the index names at most TAG_INDEX_LIMIT
tags, the most used first within each letter. Plain Markdown, no theme plugin, so the site
moves to another theme as it is. Article pages link their tags to these pages (the
``tag`` front matter below is how the site plugin finds them).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

from . import markup as md
from .article import Article
from .collections import page_count, page_path, pager, short_line
from .contract import PageKind
from .group import Digest
from .tags import article_tags
from .vntext import fold, slugify

TAGS_DIR = "the"
TAG_PAGE_SIZE = 100
TAG_INDEX_LIMIT = 500  # names on the index; the rest are found by search and on article pages
# Neither kind of page goes to the search index: a tag page is a list of titles the index
# already holds, and the index names every tag, so it would match almost any query.
_NO_SEARCH = {"exclude": True}


def tag_slugs(tags) -> dict[str, str]:
    """Tag -> folder name under the/, unique (a -2, -3 suffix when two tags fold alike)."""
    slugs, taken = {}, {"index"}  # the/index.md is the tags index
    for tag in sorted(tags):
        base = slugify(tag, max_length=60) or "the"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[tag] = slug
    return slugs


def _newest_first(article: Article) -> tuple:
    """Newest first; an article with only a year after that year's dated ones; none last."""
    if article.date:
        day = -article.date.toordinal()
    elif article.year:
        day = -dt.date(article.year, 1, 1).toordinal() + 0.5
    else:
        day = 1
    return (day, article.title or "", article.source)


def _letter(tag: str) -> str:
    first = tag.strip()[:1].upper()
    return first if first.isalpha() else "#"


def tag_pages(digest: Digest, known: Optional[dict[int, list[str]]] = None) -> list[tuple[str, dict, str]]:
    """(path, front matter, body) for the tags index and every tag's pages, newest articles first.
    ``known``: id(article) -> its tags, found earlier (in the pool, cached); others are found here."""
    known = known or {}
    by_tag: dict[str, list[Article]] = defaultdict(list)
    for article in digest.articles:
        tags = known.get(id(article))
        for tag in article_tags(article) if tags is None else tags:
            by_tag[tag].append(article)
    if not by_tag:
        return []
    slugs = tag_slugs(by_tag)
    pages = [(f"{TAGS_DIR}/index.md", {"title": "Thẻ", "kind": PageKind.TAGS.value, "search": _NO_SEARCH},
              _index(by_tag, slugs))]
    for tag, articles in sorted(by_tag.items()):
        articles = sorted(articles, key=_newest_first)
        base = f"{TAGS_DIR}/{slugs[tag]}"
        count = page_count(articles, size=TAG_PAGE_SIZE)
        for number in range(1, count + 1):
            path = page_path(base, number)
            title = tag if number == 1 else f"{tag} — trang {number}"
            meta = {"title": title, "tag": tag, "kind": PageKind.TAG.value, "page": number, "search": _NO_SEARCH}
            nav = pager(base, number, count)
            out = [f"# Thẻ: {md.text(tag)}", "",
                   f"{len(articles)} bài viết, mới nhất trước. " + md.link("Mọi thẻ", md.relative(f"{TAGS_DIR}/index.md", path)), ""]
            out += [nav, ""] if nav else []
            chunk = articles[(number - 1) * TAG_PAGE_SIZE:number * TAG_PAGE_SIZE]
            out += [short_line(a, path, digest) for a in chunk] + [""]
            out += [nav, ""] if nav else []
            pages.append((path, meta, "\n".join(out)))
    return pages


def _index(by_tag: dict[str, list[Article]], slugs: dict[str, str]) -> str:
    ranked = sorted(by_tag, key=lambda t: (-len(by_tag[t]), fold(t), t))
    shown = ranked[:TAG_INDEX_LIMIT]
    out = ["# Thẻ", "",
           f"Các bài viết theo cơ quan đăng tin, tổ chức và địa phương được nhắc đến: {len(by_tag)} thẻ.", ""]
    if len(ranked) > len(shown):
        out += [f"Dưới đây là {len(shown)} thẻ có nhiều bài nhất; các thẻ khác có trên trang của từng bài "
                "và tìm được bằng ô tìm kiếm.", ""]
    letters: dict[str, list[str]] = defaultdict(list)
    for tag in shown:
        letters[_letter(fold(tag))].append(tag)
    for letter in sorted(letters):
        out += [f"## {md.text(letter)}", ""]
        for tag in sorted(letters[letter], key=lambda t: (fold(t), t)):
            out.append(f"- {md.link(tag, md.relative(f'{TAGS_DIR}/{slugs[tag]}/index.md', f'{TAGS_DIR}/index.md'))}"
                       f" ({len(by_tag[tag])} bài)")
        out.append("")
    return "\n".join(out)
