"""MkDocs hook: index what readers search, not the lists that point at it.

A year page lists its articles with their summaries, and a directive page lists every
article citing it: text the search index already holds once, on the article pages. In
the search index such lists only repeat results (the same summary three times) and add
a sixth of its size (measured on 2,000 articles: directive pages 11.5 %, year pages
5.9 % of the index; see docs/scaling.md). So:

* year pages (front matter ``kind: year``) are left out of the index;
* directive pages (``kind: directive``) keep their heading and the document's details
  table (a search for the directive's name finds its page), but their ``##`` sections,
  the article lists, are left out (Material's ``data-search-exclude``).

Pages stay in the navigation and are reachable as before; only the index changes.
"""
from __future__ import annotations

import re

_H2 = re.compile(r"^(## [^\n{]+?)\s*$", re.MULTILINE)


def on_page_markdown(markdown, page, config, files):
    kind = (page.meta or {}).get("kind")
    if kind == "year":
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    elif kind == "directive":
        markdown = _H2.sub(r"\1 { data-search-exclude }", markdown)
    return markdown
