"""MkDocs hook (see ``hooks:`` in mkdocs.yml): page and section titles are text, not HTML.

MkDocs renders templates with autoescaping off, and Material prints titles raw in
``<title>``, the header, the navigation, breadcrumbs and the footer. A title comes from
an article's headline or an editor's front matter, so a headline such as
``</title><script>…`` would become live markup. This hook escapes every title once,
after all pages are read and before any template is rendered. Front matter keeps the
title as written (it round-trips); only the HTML output is escaped.
"""
from __future__ import annotations

import html

from mkdocs.structure.nav import Section

_DONE = "_digest_title_escaped"


def escape_title(value) -> str:
    return html.escape(str(value), quote=True)


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("title") is not None and not page.meta.get(_DONE):
        page.meta["title"] = escape_title(page.meta["title"])
        page.meta[_DONE] = True
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
