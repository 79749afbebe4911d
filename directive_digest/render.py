"""Rendering: the digest as Markdown pages (front matter + body). Writes nothing.

``render_pages`` returns {path relative to the output dir: page text}. Page text depends
only on the articles and the registry, so the same input renders byte-identical pages.
"""
from __future__ import annotations

import frontmatter

from . import markup as md
from .article import CAPTION, HEADING, Article
from .collections import FIGURES_ANCHOR, directive_page, overview, place_text, year_pages
from .group import Digest
from .registry import Registry
from .tag_pages import tag_pages
from .tags import article_tags
from .syndication import place

OVERVIEW_PATH = "_digest/overview.md"  # included by the hand-written home page


def _dump(meta: dict, body: str) -> str:
    post = frontmatter.Post(body, **meta)
    return frontmatter.dumps(post, allow_unicode=True, sort_keys=False, width=10_000) + "\n"


def article_meta(article: Article, digest: Digest, registry: Registry) -> dict:
    path = digest.path_of(article)
    badges = []
    for directive_id in article.directives:
        directive = registry.get(directive_id)
        if directive:
            target = md.relative(f"{directive.slug}/index.html", path)
            badges.append({"id": directive_id, "href": target})
    return {
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "year": article.year,
        "date_source": article.date_source,
        "date_evidence": article.date_evidence,
        "directive": article.directive,
        "directives": list(article.directives),
        "cited_references": list(article.cited_references),
        "outlet": article.outlet,
        "author": article.author,
        "source_line": article.source_line,
        "source": article.source,
        "summary": article.summary,
        "key_figures": [f.as_dict() for f in article.key_figures],
        "overridden": list(article.overridden),
        "also_published": list(article.also_published),
        "directive_badges": badges,
        # Material's tags plugin (site engineer): outlet, organisations, places. See tags.py.
        "tags": article_tags(article),
    }


def article_body(article: Article) -> str:
    out = [f"# {md.text(article.title)}", ""]
    if article.summary:
        out += ['!!! abstract "Tóm tắt"', "", f"    {md.text(article.summary)}", ""]
    if article.also_published:
        out += ["## Nơi đăng", "", "Cùng một bài được đăng tại:", ""]
        out += [f"- {place_text(p)}" for p in [place(article)] + list(article.also_published)] + [""]
    if article.key_points:
        out += ["## Ý chính", ""] + [f"- {md.text(p)}" for p in article.key_points] + [""]
    if article.key_figures:
        out += [f"## Số liệu chính {{ #{FIGURES_ANCHOR} }}", "", "| Số liệu | Nội dung | Câu trích |", "|---|---|---|"]
        out += [f"| {md.text(f.text)} | {md.text(f.counts)} | {md.text(f.sentence)} |" for f in article.key_figures]
        out.append("")
    out += ["## Toàn văn", ""]
    for block in article.blocks:
        if block.kind == HEADING:
            out += [f"### {md.text(block.text)}", ""]
        elif block.kind == CAPTION:
            credit = f" ({md.text(block.credit)})" if block.credit else ""
            out += [f"*{md.text(block.text)}*{credit}" + "{ .caption }", ""]
        else:
            out += [md.text(block.text), ""]
    return "\n".join(out).rstrip() + "\n"


def render_pages(digest: Digest, registry: Registry) -> dict[str, str]:
    pages: dict[str, str] = {}
    for group in digest.groups:
        meta = {"title": group.title, "directive": group.directive_id, "kind": "directive"}
        pages[f"{group.slug}/index.md"] = _dump(meta, directive_page(group, digest, registry))
        for year in group.years:
            for path, meta, body in year_pages(group, year, digest):  # paginated (collections.py)
                pages[path] = _dump(meta, body)
            for article in year.articles:
                pages[digest.path_of(article)] = _dump(article_meta(article, digest, registry), article_body(article))
    pages[OVERVIEW_PATH] = overview(digest) + "\n"
    for path, meta, body in tag_pages(digest):  # our own tag pages (tag_pages.py)
        pages[path] = _dump(meta, body)
    return pages
