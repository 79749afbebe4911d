"""Collection pages: the home page's overview, one page per directive, one per directive-year.

Each returns Markdown (the directive and year pages with front matter added by
``render``). Everything here is ordered explicitly, so re-runs give the same bytes.
Article text reaches the page only through ``markup.text``.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Optional

from . import markup as md
from .article import Article
from .charts import bar_chart
from .contract import PageKind, date_vi
from .group import Digest, DirectiveGroup, YearGroup, article_sort_key
from .organisations import organisations
from .registry import Registry
from .vntext import unify_tone_marks

# Dates recur (an article is listed on its year page, the pages citing it, its tags' pages).
_date_text = lru_cache(maxsize=1 << 12)(date_vi)

FIGURES_ANCHOR = "so-lieu-chinh"  # id of the key-figures section on an article page
LATEST = 5
# How many places a syndicated article's copies are listed at: on its own page, and on a list
# of articles. A piece reprinted by every provincial outlet would otherwise make its page and
# its year page grow without bound (a page must stay small at any size: docs/scaling.md); the
# whole list stays in the page's front matter and in digest.json.
PLACES_ON_PAGE = 30
PLACES_IN_LIST = 5

def _when(article: Article) -> str:
    return _date_text(article.date) or (f"năm {article.year}" if article.year else "không rõ ngày")


def place_text(place: dict) -> str:
    """One place an article ran, as Markdown: "Báo Nghệ An, 12/04/2022 (tệp a/b.txt)";
    a copy that credits another outlet says so instead of claiming it: "ghi nguồn “Theo …”"."""
    if place.get("credit"):
        who = f"ghi nguồn “{place['credit']}”"
    else:
        who = place.get("outlet") or "không rõ cơ quan báo chí"
    date = date_vi(place.get("date")) or "không rõ ngày"
    return md.text(f"{date}, {who} (tệp {place.get('source', '')})")


def places_shown(places: list[dict], limit: int) -> tuple[list[str], str]:
    """The first ``limit`` of ``places`` as Markdown, and what stands for the rest: "và 4.480
    nơi khác" (empty when all are shown)."""
    shown = [place_text(p) for p in places[:limit]]
    rest = len(places) - len(shown)
    return shown, (f"và {rest:,} nơi khác".replace(",", ".") if rest > 0 else "")


def _places(article: Article) -> str:
    shown, rest = places_shown(article.also_published, PLACES_IN_LIST)
    return "; ".join(shown + ([rest] if rest else []))


def article_line(article: Article, from_page: str, digest: Digest) -> str:
    """A list item: link, date, outlet, summary, and where else it was published."""
    outlet = f" — {md.text(article.outlet)}" if article.outlet else ""
    line = f"- {md.link(article.title, md.relative(digest.path_of(article), from_page))} ({_when(article)}){outlet}"
    if article.summary:
        line += f"  \n  {md.text(article.summary)}"
    if article.also_published:
        line += f"  \n  *Đăng lại tại:* {_places(article)}"
    return line


def _directive_link(directive_id: str, digest: Digest, registry: Registry, from_page: str) -> str:
    d = registry.get(directive_id)
    label = f"{d.short_name} ({d.id})" if d else directive_id
    group = next((g for g in digest.groups if g.directive_id == directive_id), None)
    return md.link(label, md.relative(f"{group.slug}/index.md", from_page)) if group else md.text(label)


def directive_page(group: DirectiveGroup, digest: Digest, registry: Registry) -> str:
    path = f"{group.slug}/index.md"
    d = group.directive
    out = [f"# {md.text(group.title)}", ""]
    if d:
        rows = [("Tên đầy đủ", md.text(d.name)), ("Cơ quan ban hành", md.text(d.issuer)),
                ("Ngày ban hành", date_vi(d.issued)), ("Khóa", md.text(d.term or "")),
                ("Nội dung", md.text(d.topic or ""))]
        continues = [_directive_link(c, digest, registry, path) for c in d.continues]
        followers = sorted((x for x in registry.directives.values() if d.id in x.continues),
                           key=lambda x: (x.issued.isoformat() if x.issued else "", x.id))
        rows.append(("Tiếp nối", ", ".join(continues)))
        rows.append(("Được tiếp nối bởi", ", ".join(_directive_link(x.id, digest, registry, path) for x in followers)))
        out += ["| Thông tin | Chi tiết |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows if v] + [""]
    total = len(group.articles)
    out += [f"Có **{total}** bài viết về văn bản này"
            + (f" và **{len(group.citing)}** bài viết khác có trích dẫn." if group.citing else "."), ""]
    dated = [y for y in group.years if y.year is not None and y.articles]
    if dated:
        first, last = dated[0].year, dated[-1].year
        counts = {y.year: len(y.articles) for y in dated}
        series = [(str(year), counts.get(year, 0)) for year in range(first, last + 1)]
        out += ["## Số bài theo năm", "",
                bar_chart(series, f"Số bài viết về {group.title} theo năm", f"chart-{group.slug}"), ""]
    if group.years:
        out += ["## Theo năm", ""]
        for year in sorted(group.years, key=lambda y: (y.year is None, -(y.year or 0))):  # newest first
            counts = [f"{len(year.articles)} bài"] if year.articles else []
            counts += [f"{len(year.citing)} bài khác có trích dẫn"] if year.citing else []
            out.append(f"- {md.link(year.title, f'{year.slug}/index.md')}: {', '.join(counts)}")
        out.append("")
    return "\n".join(out)


def _outlets(articles: list[Article]) -> Counter:
    names = Counter()
    for article in articles:
        places = [article.outlet] + [p.get("outlet") for p in article.also_published]
        names.update({_outlet_name(p) for p in places if p})
    return names


# A corpus names a few dozen outlets, over and over (every year page, and the overview).
_outlet_name = lru_cache(maxsize=1024)(unify_tone_marks)


# Year pages are paginated so no page grows with the corpus: a year of a directive with
# 2,000 articles is 40 pages of 50, each about the size of a year with 50.
YEAR_PAGE_SIZE = 50
TOP_OUTLETS = 20  # the per-year summaries (page 1) name the most frequent ones, then a count
TOP_ORGANISATIONS = 20
TOP_FIGURES = 20


def page_path(base: str, number: int, first: str = "") -> str:
    """Page ``number`` of a paginated list: ``first`` (default ``base``/index.md), then
    ``base``/trang/2.md, …"""
    if number == 1:
        return first or f"{base}/index.md"
    return f"{base}/trang/{number}.md"


def page_count(*lists: list, size: int) -> int:
    return max([1] + [-(-len(items) // size) for items in lists])


def pager(base: str, number: int, count: int, first: str = "") -> str:
    """'« Trang trước · Trang 2/5: 1 2 3 … 5 · Trang sau »' (Markdown), empty for one page."""
    if count <= 1:
        return ""
    here = page_path(base, number, first)

    def to(n: int, label: str) -> str:
        return md.link(label, md.relative(page_path(base, n, first), here))

    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    numbers, last = [], 0
    for n in shown:
        if n > last + 1:
            numbers.append("…")
        numbers.append(f"**{n}**" if n == number else to(n, str(n)))
        last = n
    parts = [to(number - 1, "« Trang trước")] if number > 1 else []
    parts.append(f"Trang {number}/{count}: " + " ".join(numbers))
    parts += [to(number + 1, "Trang sau »")] if number < count else []
    return " · ".join(parts) + "\n{ .digest-pager }"


def _top(counts: Counter, limit: int, line) -> list[str]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    out = [line(name, n) for name, n in ranked[:limit]]
    if len(ranked) > limit:
        out.append(f"- … và {len(ranked) - limit} tên khác.")
    return out


def _year_figures(articles: list[Article]) -> list:
    """Every key figure of a year of few articles; else the first figure of the newest
    TOP_FIGURES articles that have one (the year's pages are bounded, its figures are not)."""
    every = [(f, a) for a in articles for f in a.key_figures]
    if len(every) <= TOP_FIGURES:
        return every
    newest = [a for a in reversed(articles) if a.key_figures][:TOP_FIGURES]
    return [(a.key_figures[0], a) for a in reversed(newest)]


def short_line(article: Article, from_page: str, digest: Digest) -> str:
    """A list item without the summary: link, date, outlet (citing lists, tag pages)."""
    outlet = f" — {md.text(article.outlet)}" if article.outlet else ""
    return f"- {md.link(article.title, md.relative(digest.path_of(article), from_page))} ({_when(article)}){outlet}"


def year_pages(group: DirectiveGroup, year: YearGroup, digest: Digest,
               known_organisations: Optional[dict[int, list[str]]] = None) -> list[tuple[str, dict, str]]:
    """The year's pages as (path, front matter, body): YEAR_PAGE_SIZE articles (and as many
    citing articles) a page; the year's outlets and organisations on the first page
    (``known_organisations``: id(article) -> its organisations, found earlier; others are found here)."""
    base = f"{group.slug}/{year.slug}"
    size = YEAR_PAGE_SIZE
    count = page_count(year.articles, year.citing, size=size)
    pages = []
    for number in range(1, count + 1):
        path = page_path(base, number)
        meta = {"title": year.title if number == 1 else f"{year.title} — trang {number}",
                "directive": group.directive_id, "year": year.year, "kind": PageKind.YEAR.value}
        if count > 1:  # read by the site plugin (site/navigation.py): which page of the year lists an article
            meta.update({"page": number, "pages": count, "page_size": size})
        own = year.articles[(number - 1) * size:number * size]
        citing = year.citing[(number - 1) * size:number * size]
        pages.append((path, meta, _year_body(group, year, digest, path, number, count, own, citing,
                                             known_organisations or {})))
    return pages


def _year_body(group, year, digest, path, number, count, own, citing, known_organisations) -> str:
    base = f"{group.slug}/{year.slug}"
    out = [f"# {md.text(group.title)} — {md.text(year.title)}", ""]
    lead = f"{len(year.articles)} bài viết, theo thứ tự ngày."
    if count > 1:
        first = (number - 1) * YEAR_PAGE_SIZE + 1
        lead += f" Trang này: bài {first}–{first + len(own) - 1}." if own else ""
    out += [lead, ""]
    nav = pager(base, number, count)
    if nav:
        out += [nav, ""]
    out += [article_line(a, path, digest) for a in own] + [""]
    if citing:
        out += ["## Bài viết khác có trích dẫn", "",
                "Các bài thuộc văn bản khác nhưng có nhắc đến văn bản này"
                + (f" ({len(year.citing)} bài trong năm)." if count > 1 else "."), ""]
        out += [short_line(a, path, digest) for a in citing] + [""]
    if number == 1:
        rows = _year_figures(year.articles)
        if rows:
            out += ["## Số liệu chính trong năm", ""]
            if len(rows) == TOP_FIGURES:
                out += [f"Số liệu đầu tiên của {TOP_FIGURES} bài mới nhất có số liệu; "
                        "mọi số liệu có trên trang của từng bài.", ""]
            out += ["| Số liệu | Nội dung | Bài viết |", "|---|---|---|"]
            for figure, article in rows:
                target = f"{md.relative(digest.path_of(article), path)}#{FIGURES_ANCHOR}"
                out.append(f"| {md.text(figure.text)} | {md.text(figure.counts)} | {md.link(article.title, target)} |")
            out.append("")
        outlets = _outlets(year.articles)
        out += ["## Cơ quan báo chí", ""]
        out += _top(outlets, TOP_OUTLETS, lambda name, n: f"- {md.text(name)}: {n} bài") \
            or ["Các bài không ghi rõ cơ quan báo chí."]
        out.append("")
        found = [known_organisations.get(id(a)) for a in year.articles]
        orgs = Counter(o for a, known in zip(year.articles, found)
                       for o in (organisations(a.body_text) if known is None else known))
        if orgs:
            out += ["## Tổ chức được nhắc đến", ""]
            out += _top(orgs, TOP_ORGANISATIONS, lambda name, n: f"- {md.text(name)}" + (f" ({n} bài)" if n > 1 else ""))
            out.append("")
    if nav:
        out += [nav, ""]
    return "\n".join(out)


def year_page(group: DirectiveGroup, year: YearGroup, digest: Digest) -> str:
    """The year's first page (the only one for a year of at most YEAR_PAGE_SIZE articles)."""
    return year_pages(group, year, digest)[0][2]


def overview(digest: Digest) -> str:
    """The home page's generated part: totals, directive × year counts, the newest digests."""
    articles = digest.articles
    directives = [g for g in digest.groups if g.directive is not None]
    out = [f"Tổng cộng **{len(articles)}** bài viết từ **{len(_outlets(articles))}** cơ quan báo chí, "
           f"về **{len(directives)}** văn bản.", ""]
    years = sorted({y.year for g in digest.groups for y in g.years if y.year is not None and y.articles})
    has_unknown = any(y.year is None and y.articles for g in digest.groups for y in g.years)
    head = ["Văn bản"] + [str(y) for y in years] + (["Không rõ năm"] if has_unknown else []) + ["Tổng"]
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for group in (g for g in digest.groups if g.articles):
        counts = {y.year: (len(y.articles), y.slug) for y in group.years}
        label = group.directive.id if group.directive else group.title  # short: the table is wide
        cells = [md.link(label, f"{group.slug}/index.md")]
        for year in years + ([None] if has_unknown else []):
            n, slug = counts.get(year, (0, None))
            cells.append(md.link(str(n), f"{group.slug}/{slug}/index.md") if n else "")
        cells.append(str(len(group.articles)))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    cited_only = [g for g in digest.groups if not g.articles]
    if cited_only:
        out += ["Văn bản chỉ được trích dẫn trong các bài: "
                + ", ".join(f"{md.link(g.title, f'{g.slug}/index.md')} ({len(g.citing)} bài)" for g in cited_only)
                + ".", ""]
    latest = sorted((a for a in articles if a.date), key=article_sort_key, reverse=True)[:LATEST]
    if latest:
        out += ["## Bài viết mới nhất", ""]
        out += [article_line(a, "index.md", digest) for a in latest] + [""]
    return "\n".join(out)
