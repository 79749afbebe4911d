"""The feeds and ``digest.json`` of a sharded build, written once every shard is built.

Each shard's plugin writes the records of the pages it published (shard.py); this module
reads them all and writes what ``on_post_build`` writes in a whole-site build, from the
same functions (feeds.py, export.py), so the files are the same:

    python -m directive_digest.site.publish SITE_DIR RECORDS...

The shard builder (directive_digest/shards/) runs it as a command, as the plugin runs the
search indexer: nothing outside the site imports the site.
"""
from __future__ import annotations

import gc
import pickle
import sys
from typing import NamedTuple, Optional

from ..contract import PageKind
from . import export, feeds
from .published import Published, newest_key, write_file


def settings(config, options) -> dict:
    """What publishing needs of the site's configuration (mkdocs.yml and the plugin's options)."""
    return {"site_name": config.site_name, "site_description": config.site_description or "",
            "site_url": config.site_url or "", "feeds": options.feeds, "feed_items": options.feed_items,
            "json_export": options.json_export}


class Article(NamedTuple):
    """What publishing takes of an article: its place in newest_first's order, its directive
    (its feed), its line of digest.json (UTF-8), and its record (pickled: unpickled only for
    the articles a feed shows)."""
    key: tuple
    directive: Optional[str]
    row: bytes
    record: bytes


def _article(p: Published, site_url: str) -> Article:
    return Article(newest_key(p), p.meta.get("directive"), export.encode_row(export.row(p, site_url)).encode("utf-8"),
                   pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL))


def gather(paths: list[str]) -> tuple[dict, list[Article], list[Published]]:
    """(settings, articles, directive pages) from every shard's records. Articles come from the
    shard that rendered them; directive pages, and the settings, from the top shard."""
    found, parts, directives = None, [], []
    for path in paths:
        with open(path, "rb") as f:
            part = pickle.load(f)
        parts.append(part)
        if part["top"]:
            found = part["settings"]
            directives += [p for p in part["records"] if p.kind == PageKind.DIRECTIVE]
    if found is None:
        raise ValueError("no record of the top shard among " + ", ".join(paths))
    articles: list[Article] = []
    for part in parts:
        encoded = list(map(Article._make, part.get("articles", ())))
        if part.get("site_url") == found["site_url"]:
            articles += encoded
        else:  # encoded for another address (or records of an earlier version): encoded here
            articles += [_article(pickle.loads(a.record), found["site_url"]) for a in encoded]
        articles += [_article(p, found["site_url"]) for p in part["records"] if p.kind == PageKind.ARTICLE]
    return found, articles, directives


def _shown(articles: list[Article], limit) -> list[Article]:
    """The articles a feed shows (``articles`` newest first): the newest ``limit`` of all and of
    each directive; all when ``limit`` is not a count."""
    if not isinstance(limit, int) or limit < 0:
        return articles
    counts: dict = {}
    out = []
    try:
        for i, a in enumerate(articles):
            seen = counts.get(a.directive, 0)
            if i < limit or seen < limit:
                out.append(a)
            counts[a.directive] = seen + 1
    except TypeError:  # a directive that is no key (a list, say): every article, as write_feeds compares them
        return articles
    return out


def publish(site_dir: str, paths: list[str]) -> list[str]:
    """Write the feeds and digest.json into ``site_dir``; the paths written (relative)."""
    options, articles, directives = gather(paths)
    articles.sort(key=lambda a: a.key, reverse=True)  # newest_first's order
    written = []
    if options["feeds"]:
        # A feed is made of the newest articles (write_feeds takes the first `feed_items` of
        # each list): the others' records need not be read.
        shown = [pickle.loads(a.record) for a in _shown(articles, options["feed_items"])]
        written += feeds.write_feeds(site_dir, options["site_name"], options["site_description"],
                                     options["site_url"], shown, directives, options["feed_items"])
    if options["json_export"]:
        write_file(site_dir, export.FILE,
                   export.from_rows({"version": 1, "count": len(articles)}, [a.row for a in articles]))
        written.append(export.FILE)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m directive_digest.site.publish SITE_DIR RECORDS...", file=sys.stderr)
        return 2
    # Hundreds of thousands of objects read and none freed before the process ends: the
    # collector's passes over them were two thirds of reading the records (4 s at 100,000).
    gc.disable()
    publish(argv[0], argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
