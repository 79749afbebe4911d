"""Rendering: the digest as Markdown pages (front matter + body). Writes nothing.

``render_pages`` returns {path relative to the output dir: page text}. Page text depends
only on the articles and the registry, so the same input renders byte-identical pages.
"""
from __future__ import annotations

import frontmatter

from . import markup as md
from .article import CAPTION, HEADING, Article
from .group import Digest, DirectiveGroup, YearGroup
from .registry import Registry
from .tags import article_tags

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
    if article.key_points:
        out += ["## Ý chính", ""] + [f"- {md.text(p)}" for p in article.key_points] + [""]
    if article.key_figures:
        out += ["## Số liệu chính", "", "| Số liệu | Nội dung | Câu trích |", "|---|---|---|"]
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


def _article_line(article: Article, from_page: str, digest: Digest) -> str:
    date = md.date_vi(article.date) or (str(article.year) if article.year else "không rõ ngày")
    outlet = f" — {md.text(article.outlet)}" if article.outlet else ""
    line = f"- {md.link(article.title, md.relative(digest.path_of(article), from_page))} ({date}){outlet}"
    if article.summary:
        line += f"  \n  {md.text(article.summary)}"
    return line


def directive_page(group: DirectiveGroup, digest: Digest) -> tuple[str, str]:
    path = f"{group.slug}/index.md"
    d = group.directive
    out = [f"# {md.text(group.title)}", ""]
    if d:
        rows = [("Tên đầy đủ", d.name), ("Cơ quan ban hành", d.issuer), ("Ngày ban hành", md.date_vi(d.issued))]
        if d.term:
            rows.append(("Khóa", d.term))
        if d.continues:
            rows.append(("Tiếp nối", ", ".join(d.continues)))
        out += ["| | |", "|---|---|"] + [f"| {k} | {md.text(v)} |" for k, v in rows if v] + [""]
    total = len(group.articles)
    out += [f"Có **{total}** bài viết thuộc nhóm này.", ""]
    if group.years:
        out += ["## Theo năm", ""]
        for year in reversed(group.years):
            out.append(f"- {md.link(year.title, f'{year.slug}/index.md')}: {len(year.articles)} bài")
        out.append("")
    if group.citing:
        out += ["## Bài viết khác có trích dẫn", ""]
        out += [_article_line(a, path, digest) for a in group.citing] + [""]
    meta = {"title": group.title, "directive": group.directive_id, "kind": "directive"}
    return path, _dump(meta, "\n".join(out))


def year_page(group: DirectiveGroup, year: YearGroup, digest: Digest) -> tuple[str, str]:
    path = f"{group.slug}/{year.slug}/index.md"
    title = f"{group.title} — {year.title}"
    out = [f"# {md.text(title)}", "", f"{len(year.articles)} bài viết, theo thứ tự ngày.", ""]
    out += [_article_line(a, path, digest) for a in year.articles] + [""]
    meta = {"title": year.title, "directive": group.directive_id, "year": year.year, "kind": "year"}
    return path, _dump(meta, "\n".join(out))


def overview(digest: Digest) -> str:
    """The home page's generated part: counts per directive and year, with links."""
    years = sorted({y.year for g in digest.groups for y in g.years if y.year is not None})
    has_unknown = any(y.year is None for g in digest.groups for y in g.years)
    head = ["Văn bản"] + [str(y) for y in years] + (["Không rõ năm"] if has_unknown else []) + ["Tổng"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for group in digest.groups:
        if not group.years:
            continue
        counts = {y.year: (len(y.articles), y.slug) for y in group.years}
        cells = [md.link(group.title, f"{group.slug}/index.md")]
        for year in years + ([None] if has_unknown else []):
            n, slug = counts.get(year, (0, None))
            cells.append(md.link(str(n), f"{group.slug}/{slug}/index.md") if n else "")
        cells.append(str(len(group.articles)))
        out.append("| " + " | ".join(cells) + " |")
    out += ["", f"Tổng cộng **{len(digest.articles)}** bài viết.", ""]
    return "\n".join(out)


def render_pages(digest: Digest, registry: Registry) -> dict[str, str]:
    pages: dict[str, str] = {}
    for group in digest.groups:
        path, text = directive_page(group, digest)
        pages[path] = text
        for year in group.years:
            path, text = year_page(group, year, digest)
            pages[path] = text
            for article in year.articles:
                pages[digest.path_of(article)] = _dump(article_meta(article, digest, registry), article_body(article))
    pages[OVERVIEW_PATH] = overview(digest)
    return pages
