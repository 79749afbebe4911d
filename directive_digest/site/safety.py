"""Front matter shown by the theme is text, not HTML.

MkDocs renders templates with autoescaping off, and Material prints some front matter raw:
``title`` in ``<title>``, the header, the navigation, breadcrumbs and the footer;
``author`` and ``description`` inside ``<meta content="…">`` attributes; ``subtitle`` in
the navigation; every tag name on the page and on the tags index. These values come from
an article's headline, byline and outlet or from an editor's front matter, so a headline
such as ``</title><script>…`` or an author ``"><script>…`` would become live markup.

``escape_meta`` escapes them once per page, after the plugin has read them as written
(navigation, feeds, export) and before any template is rendered; section titles (set from
index pages in ``on_nav``) are escaped by ``escape_sections`` once the navigation is final.
Text fields become ``Markup`` so a template's own ``| e`` does not escape them twice. Front
matter files keep the values as written (they round-trip); only the HTML is escaped.
"""
from __future__ import annotations

import html

from markupsafe import Markup
from mkdocs.structure.nav import Section

DONE = "_digest_meta_escaped"
# Front matter fields Material prints without escaping.
TEXT_FIELDS = ("title", "author", "description", "subtitle")
TAG_FIELDS = ("tags",)


def escape_title(value) -> Markup:
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def escape_meta(meta: dict) -> None:
    """The page's front matter, escaped in place (once)."""
    if meta.get(DONE):
        return
    for name in TEXT_FIELDS:
        if isinstance(meta.get(name), (str, int, float)) and not isinstance(meta.get(name), bool):
            meta[name] = escape_title(meta[name])
    for name in TAG_FIELDS:
        if isinstance(meta.get(name), list):
            meta[name] = [html.escape(str(tag), quote=True) for tag in meta[name]]
    meta[DONE] = True


def _sections(items):
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def escape_sections(nav) -> None:
    """Section titles, escaped (once per navigation)."""
    if nav is not None and not getattr(nav, DONE, False):
        for section in _sections(nav.items):
            if section.title is not None:
                section.title = escape_title(section.title)
        setattr(nav, DONE, True)
