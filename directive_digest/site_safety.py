"""MkDocs hook (see ``hooks:`` in mkdocs.yml): front matter shown by the theme is text, not HTML.

MkDocs renders templates with autoescaping off, and Material prints some front matter raw:
``title`` in ``<title>``, the header, the navigation, breadcrumbs and the footer;
``author`` and ``description`` inside ``<meta content="…">`` attributes; ``subtitle`` in
the navigation; every tag name on the page and on the tags index. These values come from
an article's headline, byline and outlet or from an editor's front matter, so a headline
such as ``</title><script>…`` or an author ``"><script>…`` would become live markup.

This hook escapes them once per page, before site_nav.py turns the tags into links to
the tag pages and before any template is rendered; section
titles (set from index pages by other hooks' ``on_nav``) are escaped in ``on_env``. Text
fields become ``Markup`` so a template's own ``| e`` does not escape them twice. Front
matter files keep the values as written (they round-trip); only the HTML is escaped.
"""
from __future__ import annotations

import html

from markupsafe import Markup
from mkdocs.structure.nav import Section

_DONE = "_digest_meta_escaped"
# Front matter fields Material prints without escaping.
TEXT_FIELDS = ("title", "author", "description", "subtitle")
TAG_FIELDS = ("tags",)


def escape_title(value) -> Markup:
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def on_page_markdown(markdown, page, config, files):
    meta = page.meta
    if meta.get(_DONE):
        return markdown
    for name in TEXT_FIELDS:
        if isinstance(meta.get(name), (str, int, float)) and not isinstance(meta.get(name), bool):
            meta[name] = escape_title(meta[name])
    for name in TAG_FIELDS:
        if isinstance(meta.get(name), list):
            # Plain strings: site_nav.py looks them up by name.
            meta[name] = [html.escape(str(tag), quote=True) for tag in meta[name]]
    meta[_DONE] = True
    return markdown


def _sections(items):
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _escape_sections(nav) -> None:
    if nav is not None and not getattr(nav, _DONE, False):
        for section in _sections(nav.items):
            if section.title is not None:
                section.title = escape_title(section.title)
        setattr(nav, _DONE, True)


_navs: list = []


def on_nav(nav, config, files):
    _navs[:] = [nav]  # escaped in on_env, after every hook's on_nav has set section titles
    return nav


def on_env(env, config, files):
    # Runs after all on_nav events and before any template (the 404 page first) is rendered.
    for nav in _navs:
        _escape_sections(nav)
    _navs.clear()
    return env


def on_page_context(context, page, config, nav):
    _escape_sections(nav)  # idempotent; covers a nav another plugin replaced after on_nav
    return context
