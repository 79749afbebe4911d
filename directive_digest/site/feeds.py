"""RSS 2.0 feeds, written with feedgen: ``feed.xml`` for the whole digest and
``<directive>/feed.xml`` per directive, newest first, dated from front matter (never from
git or file times).

feedgen builds the XML with lxml (escaping, namespaces, RFC 822 dates). Two of its defaults
are set aside so a feed depends only on the articles: ``lastBuildDate`` is the newest
article's date (feedgen's default is the time of the build; a feed with no dated article
has none), and neither ``generator`` nor ``docs`` is written.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Optional

from feedgen.feed import FeedGenerator
from lxml import etree

from .published import Published, link, write_file

FILE = "feed.xml"
VIETNAM = dt.timezone(dt.timedelta(hours=7))  # articles' dates are days in Vietnam
# Characters XML 1.0 cannot hold (lxml refuses them): dropped from feed text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    return _NOT_XML.sub("", str(value))


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def rss(title: str, description: str, articles: list[Published], site_url: str, feed_dir: str,
        limit: int) -> bytes:
    """The feed of ``articles`` (newest first; the first ``limit``), its links relative to
    ``feed_dir`` unless ``site_url`` is set."""
    fg = FeedGenerator()
    fg.load_extension("dc")  # dc:creator: RSS's own <author> must be an e-mail address
    fg.title(_text(title))
    fg.link(href=link(posixpath.join(feed_dir, "index.html") if feed_dir else "index.html", site_url, feed_dir))
    if site_url:
        fg.link(href=link(posixpath.join(feed_dir, FILE), site_url, feed_dir), rel="self")
    fg.description(_text(description) or _text(title))
    fg.language("vi")
    fg.generator("")
    fg.docs("")
    newest: Optional[dt.date] = None
    for page in articles[:limit]:
        m = page.meta
        entry = fg.add_entry(order="append")
        address = link(page.url, site_url, feed_dir)
        entry.title(_text(page.title))
        entry.link(href=address)
        entry.guid(address, permalink=bool(site_url))
        if page.date:
            entry.pubDate(_stamp(page.date))
            newest = max(newest or page.date, page.date)
        if m.get("summary"):
            entry.description(_text(m["summary"]))
        if m.get("author"):
            entry.dc.dc_creator(_text(m["author"]))
        for tag in m.get("tags") or []:
            entry.category(term=_text(tag))
    if newest is None:
        root = etree.fromstring(fg.rss_str())
        for stale in root.iter("lastBuildDate"):  # feedgen's "now": no date to give
            stale.getparent().remove(stale)
        return etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    fg.lastBuildDate(_stamp(newest))
    return fg.rss_str()


def write_feeds(site_dir: str, site_name: str, site_description: str, site_url: str,
                articles: list[Published], directives: list[Published], limit: int) -> list[str]:
    """feed.xml and each directive's feed.xml; the paths written, relative to ``site_dir``."""
    written = [(FILE, rss(site_name, site_description, articles, site_url, "", limit))]
    # Each directive's articles (newest first still): one pass, not one per directive.
    by_directive: Optional[dict] = {}
    try:
        for a in articles:
            by_directive.setdefault(a.meta.get("directive"), []).append(a)
    except TypeError:  # a directive written as a list, say (hand-edited front matter): compared instead
        by_directive = None
    for page in directives:
        directive = page.meta.get("directive")
        if not directive:
            continue
        feed_dir = posixpath.dirname(page.url)
        mine = [a for a in articles if a.meta.get("directive") == directive] if by_directive is None \
            else by_directive.get(directive, [])
        written.append((posixpath.join(feed_dir, FILE),
                        rss(f"{page.title} — {site_name}", f"Bài viết về {page.title}", mine, site_url, feed_dir, limit)))
    for rel, data in written:
        write_file(site_dir, rel, data)
    return [rel for rel, _ in written]
