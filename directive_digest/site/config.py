"""The plugin's options (mkdocs.yml: ``plugins: - directive-digest: {…}``), typed and checked by
MkDocs; a misspelt or mistyped option stops the build with its name."""
from __future__ import annotations

import os

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class DigestConfig(Config):
    # RSS: feed.xml (the whole digest) and <directive>/feed.xml, the newest `feed_items` each.
    feeds = c.Type(bool, default=True)
    feed_items = c.Type(int, default=50)
    # digest.json: every article's digest, for other tools.
    json_export = c.Type(bool, default=True)
    # The full-text search index in site/search/ (docs/search.md). Off, the site builds
    # without it (benchmarks measure what writing it adds).
    search_index = c.Type(bool, default=True)
    # What each page gave the index, kept for the next build (a page whose bytes did not
    # change is not read again; only the index files that change are written): a folder,
    # relative to mkdocs.yml's. Empty: every build indexes every page.
    search_cache = c.Type(str, default=".digest-cache/search")
    # Each page's Markdown as converted, kept for the next build (converted.py): a page whose
    # Markdown, address and site files did not change is not converted again. A folder,
    # relative to mkdocs.yml's; empty: every build converts every page.
    page_cache = c.Type(str, default=".digest-cache/pages")
    # Shortcuts that give the same site with less work (tests/test_site_shortcuts.py builds
    # both ways): the digest's own pages parsed with only the Markdown rules they use, and an
    # article's side navigation made from its year page's.
    markdown_dialect = c.Type(bool, default=True)
    # Pages without the whitespace-only lines the theme's templates leave (compact.py):
    # 40 % of an article page's bytes; the same page to a browser.
    compact_html = c.Type(bool, default=True)
    derived_navigation = c.Type(bool, default=True)
    # One shard of a sharded build (directive_digest/shards/): the path of its spec, a JSON
    # file the shard builder writes. Empty: the whole site (the default).
    shard = c.Type(str, default="")


def cache_folder(config, option: str) -> str | None:
    """A cache folder option (``search_cache``, ``page_cache``), relative to mkdocs.yml's
    folder; None when empty."""
    return os.path.join(os.path.dirname(os.path.abspath(config.config_file_path or ".")), option) if option else None
