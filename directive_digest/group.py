"""Grouping: articles into directive -> year collections, and slugs that never collide.

Articles with no directive go to "Chưa phân loại", with no year to "Không rõ năm";
nothing is dropped. Every page path is decided here, once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .article import Article
from .contract import article_order
from .directives import Directive
from .registry import Registry
from .vntext import slugify

UNCLASSIFIED_SLUG = "chua-phan-loai"
UNCLASSIFIED_TITLE = "Chưa phân loại"
UNKNOWN_YEAR_SLUG = "khong-ro-nam"
UNKNOWN_YEAR_TITLE = "Không rõ năm"


@dataclass
class YearGroup:
    year: Optional[int]
    articles: list[Article] = field(default_factory=list)
    # Articles of that year filed under another directive that cite this one. Kept per year so
    # no page lists the whole corpus: a directive page's size does not grow with the articles.
    citing: list[Article] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return str(self.year) if self.year is not None else UNKNOWN_YEAR_SLUG

    @property
    def title(self) -> str:
        return f"Năm {self.year}" if self.year is not None else UNKNOWN_YEAR_TITLE


@dataclass
class DirectiveGroup:
    directive_id: Optional[str]
    directive: Optional[Directive]
    years: list[YearGroup] = field(default_factory=list)

    @property
    def slug(self) -> str:
        if self.directive:
            return self.directive.slug
        return slugify(self.directive_id) if self.directive_id else UNCLASSIFIED_SLUG

    @property
    def title(self) -> str:
        if self.directive:
            return f"{self.directive.short_name} ({self.directive.id})"
        return self.directive_id or UNCLASSIFIED_TITLE

    @property
    def articles(self) -> list[Article]:
        return [a for y in self.years for a in y.articles]

    @property
    def citing(self) -> list[Article]:
        """Articles filed elsewhere that cite this directive."""
        return [a for y in self.years for a in y.citing]

    def year(self, year: Optional[int]) -> YearGroup:
        """The group's year, created (empty) when only citing articles fall in it."""
        for existing in self.years:
            if existing.year == year:
                return existing
        created = YearGroup(year)
        self.years.append(created)
        self.years.sort(key=lambda y: (y.year is None, y.year or 0))
        return created


@dataclass
class Digest:
    groups: list[DirectiveGroup]
    paths: dict[int, str]  # id(article) -> page path relative to the output dir

    @property
    def articles(self) -> list[Article]:
        return [a for g in self.groups for a in g.articles]

    def path_of(self, article: Article) -> str:
        return self.paths[id(article)]


def article_sort_key(article: Article) -> tuple:
    """The order of a year's articles (contract.article_order: the site reads it back)."""
    return article_order(article.date, article.title, article.source)


def _directive_order(group: DirectiveGroup):
    d = group.directive
    if d is None:
        return (1, group.directive_id is None, group.slug)
    return (0, -(d.issued.toordinal() if d.issued else 0), d.id)


def slug_base(article: Article) -> str:
    """The slug an article asks for, before a clash within its year adds "-2", "-3"…: of the
    article alone, so a worker can compute it (prepare.py)."""
    base = article.slug or slugify(article.title or article.source) or "bai-viet"
    if not article.slug and article.date:
        base = f"{article.date.isoformat()}-{base}"
    return slugify(base, max_length=90) or "bai-viet"


def assign_slug(article: Article, taken: set[str], base: Optional[str] = None) -> str:
    base = slug_base(article) if base is None else base
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def group_articles(articles: list[Article], registry: Registry,
                   slug_bases: Optional[dict[int, str]] = None) -> Digest:
    """``slug_bases``, when given: ``slug_base`` of articles (by id) computed earlier."""
    slug_bases = slug_bases or {}
    by_directive: dict[Optional[str], dict[Optional[int], list[Article]]] = {}
    for article in sorted(articles, key=lambda a: a.source):
        by_directive.setdefault(article.directive, {}).setdefault(article.year, []).append(article)
    groups = []
    for directive_id, years in by_directive.items():
        year_groups = [YearGroup(year, sorted(items, key=article_sort_key))
                       for year, items in sorted(years.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))]
        groups.append(DirectiveGroup(directive_id, registry.get(directive_id) if directive_id else None, year_groups))
    # Directives cited but never primary still get a page listing who cites them.
    present = {g.directive_id for g in groups}
    for article in articles:
        for cited in article.directives:
            if cited not in present and registry.get(cited):
                groups.append(DirectiveGroup(cited, registry.get(cited), []))
                present.add(cited)
    groups.sort(key=_directive_order)
    by_id = {g.directive_id: g for g in groups}
    for article in sorted(articles, key=article_sort_key):
        for cited in article.directives:
            if cited != article.directive and cited in by_id:
                by_id[cited].year(article.year).citing.append(article)
    paths: dict[int, str] = {}
    for group in groups:
        for year in group.years:
            taken: set[str] = {"index"}
            for article in year.articles:
                article.slug = assign_slug(article, taken, slug_bases.get(id(article)))
                paths[id(article)] = f"{group.slug}/{year.slug}/{article.slug}.md"
    return Digest(groups, paths)
