"""A saved HTML page as a reader sees it: blocks of text in reading order, and the page's meta.

trafilatura finds an article's main text, but does not say where on the page it stands and
often leaves out the lead printed above it in bold. ``page_blocks`` lists every block of
visible text with what holds it (a heading, a link, a list item, a date or byline element,
a menu, sidebar or footer), so that the headline, the date line and the lead can be taken from
where a reader sees them: right above the article's text. ``page_meta`` reads what the page
states about itself (Open Graph, ``<meta name=author>``, JSON-LD, ``<title>``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

# Elements whose text is never read: code, styles, controls, embedded media.
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "select", "option", "textarea",
                       "button", "input", "head", "title", "object", "embed", "canvas", "map", "video", "audio",
                       "picture", "source", "meta", "link", "label", "legend"})
# Elements that start a new block of text.
BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "td", "th",
                        "tr", "table", "tbody", "thead", "section", "article", "header", "footer", "nav", "aside",
                        "figure", "figcaption", "blockquote", "pre", "form", "main", "center", "address", "menu",
                        "body", "html", "fieldset", "caption", "hr"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Site chrome: menus, sidebars, footers. (Not forms: ASP.NET and SharePoint pages are one form.)
CHROME_TAGS = frozenset({"nav", "footer", "aside", "menu"})
LIST_TAGS = frozenset({"li", "dd", "dt"})
# What a class, id or itemprop says an element holds.
_TITLE_HINT = re.compile(r"(?:^|[-_\s])(?:title|headline|heading|hed|tieu-?de|tieude)(?=$|[-_\s\d])", re.IGNORECASE)
_DATE_HINT = re.compile(r"date|time|ngay|publish|posted", re.IGNORECASE)
_AUTHOR_HINT = re.compile(r"author|byline|tac-?gia|tacgia|writer", re.IGNORECASE)
# "( )" and "[]" a template left where a value was missing.
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\])")
# "Tiêu đề ( 2019-05-16T05:00:00.000Z )", "Tiêu đề (16/05/2019 08:30)": a date printed after a headline.
_TRAILING_DATE = re.compile(r"\s*[(\[]\s*(?P<date>\d[\d\s/.:+\-TZ]{5,38})\s*[)\]]\s*$")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass(frozen=True)
class _Context:
    tag: str = "body"  # the innermost block element
    heading: bool = False
    link: bool = False
    listed: bool = False
    chrome: bool = False
    date: bool = False
    author: bool = False
    media: bool = False  # inside a figure or an image object (photo credits live there)


@dataclass
class Block:
    """A block of visible text and what holds it."""

    text: str
    tag: str
    heading: bool  # a heading element, or an element named a title / headline
    link: bool  # (nearly) all its text is a link's
    listed: bool  # an item of a list
    chrome: bool  # in a menu, sidebar or footer
    date: bool  # a <time> element or one named a date
    author: bool  # an element named an author or byline
    media: bool  # in a figure (a caption, a photo credit)
    datetime: Optional[str] = None  # a <time> element's datetime attribute
    date_text: Optional[str] = None  # the text of the date elements in it


def _hints(el) -> str:
    return " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemprop"), el.get("rel"))))


def _enter(el, ctx: _Context) -> Optional[_Context]:
    """The context inside ``el``; None when nothing inside it is visible text."""
    tag = el.tag.lower()
    if tag in SKIP_TAGS or el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
        return None
    hints = _hints(el)
    itemtype = el.get("itemtype") or ""
    block = tag in BLOCK_TAGS
    # A date or byline element names its own text, not every block inside it ("post-date-wrapper").
    return _Context(
        tag=tag if block else ctx.tag,
        heading=ctx.heading or tag in HEADING_TAGS or bool(hints and _TITLE_HINT.search(hints)),
        link=ctx.link or tag == "a",
        listed=ctx.listed or tag in LIST_TAGS,
        chrome=ctx.chrome or tag in CHROME_TAGS,
        date=(ctx.date and not block) or tag == "time" or bool(hints and _DATE_HINT.search(hints)),
        author=(ctx.author and not block) or bool(hints and _AUTHOR_HINT.search(hints)),
        media=ctx.media or tag in ("figure", "figcaption") or "ImageObject" in itemtype,
    )


def page_blocks(tree) -> list[Block]:
    """The page's visible text, one block per block element, in document order."""
    blocks: list[Block] = []
    pieces: list[tuple[str, _Context]] = []
    times: list[str] = []

    def joined(parts) -> str:
        return _EMPTY_BRACKETS.sub("", " ".join("".join(parts).split())).strip()

    def flush() -> None:
        shown = [(p, c) for p, c in pieces if p.strip()]
        if shown:
            size = sum(len(p.strip()) for p, _ in shown)
            linked = sum(len(p.strip()) for p, c in shown if c.link)
            ctx = shown[0][1]
            dated = joined(p for p, c in shown if c.date)
            undated = joined(p for p, c in shown if not c.date)
            # A date element inside a heading ("Tiêu đề (16/05/2019)"): the heading without it.
            heading = all(c.heading for p, c in shown)
            text = undated if dated and undated and heading else joined(p for p, _ in pieces)
            trailing = _TRAILING_DATE.search(text) if heading else None
            if trailing and trailing.start() > 0:
                text, dated = text[:trailing.start()].rstrip(), trailing.group("date")
            if text:
                blocks.append(Block(text=text, tag=ctx.tag, heading=all(c.heading for p, c in shown),
                                    link=linked >= 0.8 * size, listed=ctx.listed, chrome=ctx.chrome,
                                    date=bool(dated) and not undated, author=any(c.author for p, c in shown),
                                    media=ctx.media, datetime=times[0] if times else None,
                                    date_text=dated or None))
        pieces.clear()
        times.clear()

    def visit(el, ctx: _Context) -> None:
        inner = _enter(el, ctx)
        if inner is None:
            return
        tag = el.tag.lower()
        starts_block = tag in BLOCK_TAGS or tag == "br"
        if starts_block:
            flush()
        if tag == "time" and el.get("datetime"):
            times.append(el.get("datetime"))
        if el.text:
            pieces.append((el.text, inner))
        for child in el:
            if isinstance(child.tag, str):
                visit(child, inner)
            if child.tail:
                pieces.append((child.tail, inner))
        if starts_block:
            flush()

    root = tree.find(".//body")
    visit(root if root is not None else tree, _Context())
    flush()
    return blocks


@dataclass
class PageMeta:
    """What a page states about itself."""

    titles: list[str] = field(default_factory=list)  # og:title, twitter:title, JSON-LD / itemprop headline
    title_tag: Optional[str] = None  # <title>
    site_names: list[str] = field(default_factory=list)  # og:site_name, application-name, publisher
    authors: list[str] = field(default_factory=list)  # meta author, article:author, JSON-LD author
    dates: list[str] = field(default_factory=list)  # published times, as written
    url: Optional[str] = None


_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                  "OpinionNewsArticle", "WebPage")


def _names(value) -> list[str]:
    """Names of a JSON-LD author / publisher: a string, an object with "name", or a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _json_ld_objects(tree) -> Iterable[dict]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # broken JSON-LD is common; the rest of the page still counts
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _clean(value) -> Optional[str]:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def page_meta(tree) -> PageMeta:
    meta = PageMeta()
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if not value:
            continue
        if key in ("og:title", "twitter:title", "headline"):
            meta.titles.append(value)
        elif key in ("og:site_name", "application-name", "al:android:app_name"):
            meta.site_names.append(value)
        elif key in ("author", "article:author", "dc.creator", "byl") and not value.startswith("http"):
            meta.authors.append(value)
        elif key in ("article:published_time", "datepublished", "pubdate", "publishdate", "dc.date.issued",
                     "dc.date", "date", "og:published_time", "article:published"):
            meta.dates.append(value)
        elif key == "og:url":
            meta.url = meta.url or value
    for item in _json_ld_objects(tree):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(t in _ARTICLE_TYPES for t in types):
            if _clean(item.get("headline")) and "WebPage" not in types:
                meta.titles.append(_clean(item["headline"]))
            meta.authors += [n for n in map(_clean, _names(item.get("author"))) if n]
            meta.site_names += [n for n in map(_clean, _names(item.get("publisher"))) if n]
            if _clean(item.get("datePublished")):
                meta.dates.append(_clean(item["datePublished"]))
        elif "WebSite" in types and _clean(item.get("name")):
            meta.site_names.append(_clean(item["name"]))
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag == "meta":
            continue
        prop = (el.get("itemprop") or "").lower()
        if prop == "datepublished":
            value = _clean(el.get("datetime") or el.get("content") or el.text_content())
            if value:
                meta.dates.append(value)
    title = tree.find(".//title")
    if title is not None:
        meta.title_tag = _clean(title.text_content())
    return meta
