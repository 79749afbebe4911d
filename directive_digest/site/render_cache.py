"""Template blocks rendered once and reused: the same HTML, less work a page.

Template globals (overrides/main.html, and Material's ``partials/nav.html`` wrapped by
material.cache_side_navigation) that render a block through ``caller()`` only when its
HTML is not known yet:

* ``digest_cached_nav``: the side navigation of a page left out of it depends only on its
  parent (which sections are open) and its folder (relative links); an article's is made
  from its year page's (``derived_navigation``), checked against Material's once a build;
* ``digest_cached_by_depth``: blocks whose links all go to the site's root or the theme's
  assets (styles, scripts, Material's ``__config``, its footer) depend only on how deep the
  page is;
* ``digest_cached_header``: Material's header depends on the page's depth and its title,
  shown in one place: rendered once per depth, the title put in for each page.
"""
from __future__ import annotations

import posixpath

from . import material
from .navigation import Navigation


def _depth(page) -> int:
    """Blocks that link only to the site's root and the theme's assets (never into a folder
    that holds pages) have the same relative links on every page as deep as this one."""
    return page.url.count("/")


def _header_title(page) -> str:
    meta = page.meta or {}
    return str(meta["title"] if meta.get("title") else page.title)


class RenderCache:
    """One build's rendered blocks. ``derived_navigation``: make an article's side navigation
    from its year page's (else Material renders each folder's once)."""

    def __init__(self, navigation: Navigation, derived_navigation: bool = True) -> None:
        self.navigation = navigation
        self.derived_navigation = derived_navigation
        self.html: dict[tuple, object] = {}  # (parent, folder) or (block, depth) -> rendered HTML
        self.own_nav: dict[int, tuple] = {}  # id(page in the navigation) -> (its folder, its navigation)
        self.derived_ok = None  # whether a derived navigation was Material's (checked once a build)

    def globals(self) -> dict:
        return {"digest_cached_header": self.cached_header, "digest_cached_nav": self.cached_nav,
                "digest_cached_by_depth": self.cached_by_depth}

    def _seen_from_below(self, parent, folder):
        """The navigation of a page left out of it whose parent is a page of the same folder
        (an article and its year page), made from the parent's own navigation; None if unknown."""
        own = self.own_nav.pop(id(parent), None)
        if not self.derived_navigation or own is None or own[0] != folder:
            return None
        return material.seen_from_below(own[1])

    def cached_nav(self, page, caller):
        """The side navigation of a page left out of it is the same for every such page with
        the same parent and folder: rendered once for each such pair. Folders that no
        navigation link points into (a tag's, a year's trang/) give the same links as their
        siblings: one render for all of them. An article's parent is its year page, in the
        same folder, rendered just before: its navigation is the article's but for the year
        page's own entry (``_seen_from_below``)."""
        if page is None:
            return caller()
        nav = self.navigation
        if id(page) not in nav.left_out:
            html = caller()
            if id(page) in nav.parents:  # kept until the first page below it needs it
                self.own_nav[id(page)] = (posixpath.dirname(page.url), html)
            return html
        folder = posixpath.dirname(page.url)
        if folder not in nav.folders:  # no navigation link into it: its siblings' links are the same
            folder = (posixpath.dirname(folder), "*")
        key = (id(page.parent), folder)
        if key not in self.html:
            derived = self._seen_from_below(page.parent, folder)
            if derived is not None and self.derived_ok is None:
                self.derived_ok = derived == caller()  # checked once a build: Material's markup
            self.html[key] = derived if derived is not None and self.derived_ok else caller()
        return self.html[key]

    def cached_by_depth(self, name, page, caller):
        """A block that depends only on how deep the page is, rendered once per depth."""
        if page is None:
            return caller()
        key = (name, _depth(page))
        if key not in self.html:
            self.html[key] = caller()
        return self.html[key]

    def cached_header(self, page, caller):
        """Material's header, rendered once per depth with each page's title put in; any
        other shape of header is rendered as it is."""
        if page is None:
            return caller()
        key = ("header", _depth(page))
        parts = self.html.get(key)
        if parts is None:
            html = caller()
            title = _header_title(page)
            slot = material.header_title_slot(html, title)
            self.html[key] = (*slot, title) if slot else False  # False: never cached
            return html
        if parts is False:
            return caller()
        before, inner, after, title = parts
        return before + inner.replace(title, _header_title(page), 1) + after

    def derived_count(self) -> int:
        """How many side navigations were made or reused per (parent, folder)."""
        return sum(1 for key in self.html if isinstance(key[1], str))
