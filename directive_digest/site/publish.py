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

from ..contract import PageKind
from . import export, feeds
from .published import Published, newest_first, write_file


def settings(config, options) -> dict:
    """What publishing needs of the site's configuration (mkdocs.yml and the plugin's options)."""
    return {"site_name": config.site_name, "site_description": config.site_description or "",
            "site_url": config.site_url or "", "feeds": options.feeds, "feed_items": options.feed_items,
            "json_export": options.json_export}


def gather(paths: list[str]) -> tuple[dict, list[Published], list[Published]]:
    """(settings, articles, directive pages) from every shard's records. Articles come from the
    shard that rendered them; directive pages, and the settings, from the top shard."""
    found, articles, directives = None, [], []
    for path in paths:
        with open(path, "rb") as f:
            part = pickle.load(f)
        articles += [p for p in part["records"] if p.kind == PageKind.ARTICLE]
        if part["top"]:
            found = part["settings"]
            directives += [p for p in part["records"] if p.kind == PageKind.DIRECTIVE]
    if found is None:
        raise ValueError("no record of the top shard among " + ", ".join(paths))
    return found, articles, directives


def publish(site_dir: str, paths: list[str]) -> list[str]:
    """Write the feeds and digest.json into ``site_dir``; the paths written (relative)."""
    options, published, directives = gather(paths)
    articles = newest_first(published)
    written = []
    if options["feeds"]:
        written += feeds.write_feeds(site_dir, options["site_name"], options["site_description"],
                                     options["site_url"], articles, directives, options["feed_items"])
    if options["json_export"]:
        write_file(site_dir, export.FILE,
                   export.export_json(export.export(articles, options["site_url"])).encode("utf-8"))
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
