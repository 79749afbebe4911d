"""Rendering: the digest as Markdown pages (front matter + body). Writes nothing.

``render_pages`` returns {path relative to the output dir: page text}. Page text depends
only on the articles and the registry, so the same input renders byte-identical pages.
"""
from __future__ import annotations

import posixpath
from typing import Optional, Protocol, Union

from . import front_matter
from . import markup as md
from .contract import PageKind
from .article import CAPTION, HEADING, Article
from .collections import FIGURES_ANCHOR, PLACES_ON_PAGE, directive_page, overview, places_shown, year_pages
from .group import Digest, DirectiveGroup, YearGroup
from .registry import Registry
from .tag_pages import tag_pages
from .tags import article_tags
from .syndication import place
from .write import Page, PackedPage

OVERVIEW_PATH = "_digest/overview.md"  # included by the hand-written home page


def _dump(meta: dict, body: str) -> str:
    """Front matter + body, exactly as python-frontmatter's ``dumps`` writes them."""
    return f"---\n{front_matter.dump(meta).strip()}\n---\n\n{body}\n".strip() + "\n"


def article_meta(article: Article, digest: Optional[Digest], registry: Registry, path: Optional[str] = None,
                 tags: Optional[list[str]] = None) -> dict:
    """``tags``: the article's tags when already found (tags.article_tags)."""
    path = path or digest.path_of(article)
    badges = []
    for directive_id in article.directives:
        directive = registry.get(directive_id)
        if directive:
            target = md.relative(f"{directive.slug}/index.html", path)
            badges.append({"id": directive_id, "href": target})
    return {
        "title": article.title,
        "kind": PageKind.ARTICLE.value,
        "date": article.date.isoformat() if article.date else None,
        "year": article.year,
        "date_source": article.date_source,
        "date_evidence": article.date_evidence,
        "date_confidence": article.date_confidence,
        "directive": article.directive,
        "directives": list(article.directives),
        "cited_references": list(article.cited_references),
        "state_references": list(article.state_references),
        "outlet": article.outlet,
        "author": article.author,
        "source_line": article.source_line,
        "source": article.source,
        "summary": article.summary,
        "key_figures": [f.as_dict() for f in article.key_figures],
        "overridden": list(article.overridden),
        "also_published": list(article.also_published),
        "directive_badges": badges,
        # Outlet, organisations, places (tags.py); linked to the tag pages by the site plugin (site/navigation.py).
        "tags": article_tags(article) if tags is None else list(tags),
    }


def article_body(article: Article) -> str:
    out = [f"# {md.escape(article.title)}", ""]
    if article.summary:
        out += ['!!! abstract "Tóm tắt"', "", f"    {md.escape(article.summary)}", ""]
    if article.also_published:
        out += ["## Nơi đăng", "", "Cùng một bài được đăng tại:", ""]
        shown, rest = places_shown([place(article)] + list(article.also_published), PLACES_ON_PAGE)
        out += [f"- {text}" for text in shown] + ([f"- *{rest}*"] if rest else []) + [""]
    if article.key_points:
        out += ["## Ý chính", ""] + [f"- {md.escape(p)}" for p in article.key_points] + [""]
    if article.key_figures:
        out += [f"## Số liệu chính {{ #{FIGURES_ANCHOR} }}", "", "| Số liệu | Nội dung | Câu trích |", "|---|---|---|"]
        # md.text (escape, remembered): a sentence holding several figures is escaped once.
        out += [f"| {md.text(f.text)} | {md.text(f.counts)} | {md.text(f.sentence)} |" for f in article.key_figures]
        out.append("")
    out += ["## Toàn văn", ""]
    for block in article.blocks:
        if block.kind == HEADING:
            out += [f"### {md.escape(block.text)}", ""]
        elif block.kind == CAPTION:
            credit = f" ({md.escape(block.credit)})" if block.credit else ""
            out += [f"*{md.escape(block.text)}*{credit}" + "{ .caption }", ""]
        else:
            out += [md.escape(block.text), ""]
    return "\n".join(out).rstrip() + "\n"


def article_directory(article: Article, registry: Registry) -> str:
    """Where group.py files the article's page: <directive slug>/<year slug>."""
    directive = registry.get(article.directive) if article.directive else None
    return f"{DirectiveGroup(article.directive, directive).slug}/{YearGroup(article.year).slug}"


def article_page(article: Article, registry: Registry, path: Optional[str] = None,
                 tags: Optional[list[str]] = None) -> str:
    """The article's page. Its links depend on its directory only (article_directory), not on
    its file name, so it can be rendered once from the article alone, in a worker, and cached."""
    path = path or f"{article_directory(article, registry)}/index.md"
    return _dump(article_meta(article, None, registry, path, tags), article_body(article))


class Prerendered(Protocol):
    """What ``render_pages`` takes from an article's preparation (prepare.Prepared)."""
    page: Optional[Union[str, bytes, PackedPage]]
    tags: Optional[list[str]]
    organisations: Optional[list[str]]


def render_pages(digest: Digest, registry: Registry,
                 prepared: Optional[dict[int, Prerendered]] = None) -> dict[str, Page]:
    """Every page. ``prepared`` maps id(article) to what was found from that article alone,
    in a worker or the cache (prepare.py): its page rendered by ``article_page`` (text, UTF-8
    encoded or packed: then so is that page in the result, as write_pages takes it), used while
    nothing since changed it (no copies merged into it by syndication); its tags (tag pages)
    and organisations (year pages). What is missing is found here."""
    prepared = prepared or {}
    pages_done = {k: p.page for k, p in prepared.items() if p.page is not None}
    tags = {k: p.tags for k, p in prepared.items() if p.tags is not None}
    organisations = {k: p.organisations for k, p in prepared.items() if p.organisations is not None}
    pages: dict[str, Page] = {}
    for group in digest.groups:
        meta = {"title": group.title, "directive": group.directive_id, "kind": PageKind.DIRECTIVE.value}
        pages[f"{group.slug}/index.md"] = _dump(meta, directive_page(group, digest, registry))
        for year in group.years:
            for path, meta, body in year_pages(group, year, digest, organisations):  # paginated (collections.py)
                pages[path] = _dump(meta, body)
            for article in year.articles:
                path = digest.path_of(article)
                page = pages_done.get(id(article))
                if page is None or article.also_published \
                        or posixpath.dirname(path) != article_directory(article, registry):
                    page = article_page(article, registry, path, tags.get(id(article)))
                pages[path] = page
    pages[OVERVIEW_PATH] = overview(digest) + "\n"
    for path, meta, body in tag_pages(digest, tags):  # our own tag pages (tag_pages.py)
        pages[path] = _dump(meta, body)
    return pages
