"""A navigation whose size does not grow with the articles.

The side navigation holds the home page, hand-written pages, each directive and its years,
and the tags index: O(directives × years). Article pages, the later pages of a paginated
year (``<year>/trang/2.md``) and the tag pages are left out of it; every page still renders
the navigation, so listing the articles made each page's navigation, and the build, grow
with their number. Those pages find their way back through what the plugin gives the
template (overrides/main.html):

* ``digest_trail``: the directive and the year page that lists the article (the right page
  of a paginated year), its place in the year ("bài 12/230"), and the previous and next
  article in the year's order (contract.article_order, the order of the year pages);
* ``tags``: the article's tags, each linked to its tag page (directive_digest/tag_pages.py),
  in the form Material's ``partials/tags.html`` renders (material.tag_links).

Pages left out of the navigation keep their year (or tags index) as ``parent``, so the
navigation still opens at, and marks, where the reader is. MkDocs builds pages that are in
no navigation like any other (with no ``nav:`` in mkdocs.yml it reports nothing about them).

Everything is gathered while MkDocs reads the pages (``gather``, from ``on_page_markdown``:
every page is read before any template is rendered) and looked up per page: O(1) work a page.
"""
from __future__ import annotations

import posixpath
from collections import defaultdict
from typing import Optional

from markupsafe import Markup
from mkdocs.structure.nav import Navigation as MkDocsNavigation
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from ..contract import PageKind, article_order
from . import material

TAGS_INDEX = "the/index.md"


def pages_of(items) -> list[Page]:
    out = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out += pages_of(item.children)
    return out


def _is_index(item) -> bool:
    return isinstance(item, Page) and item.is_index


def year_folder(src_uri: str) -> str:
    """The year's folder of a year page, its later pages (``trang/2.md``) included."""
    folder = posixpath.dirname(src_uri)
    return posixpath.dirname(folder) if posixpath.basename(folder) == "trang" else folder


class Navigation:
    """One build's navigation: what is left out of it, and each article's way back."""

    def __init__(self) -> None:
        self.articles: dict[str, list] = defaultdict(list)  # year folder -> [(sort key, page)]
        self.year_pages: dict[str, dict[int, Page]] = defaultdict(dict)  # year folder -> {number: page}
        self.directive_pages: dict[str, Page] = {}  # directive folder -> its index page
        self.tag_pages: dict[str, Page] = {}  # tag -> its first page
        self.raw_tags: dict[int, list[str]] = {}  # id(article page) -> its tags as written
        self.order: dict[int, tuple] = {}  # id(article page) -> (year folder, position)
        self.sorted = False
        self.left_out: set[int] = set()  # id() of the pages not in the navigation
        self.parents: set[int] = set()  # id() of the pages (and sections) that pages left out have as parent
        self.folders: set[str] = set()  # folders (and their parents) of the pages in the navigation

    # --- on_nav ---------------------------------------------------------------------------

    def _prune(self, section: Section, depth: int):
        """Years (depth 2) and the tags section keep only their index page, and then stand in
        the navigation as that page (a link, not an empty folder). Pages taken out get it as
        parent, so it is marked active when one of them is read. Returns what stands for
        ``section`` in its parent's children."""
        index = next((c for c in section.children if _is_index(c)), None)
        leaf = depth >= 2 or (index is not None and index.file.src_uri == TAGS_INDEX)
        kept, left_out = [], []
        for child in section.children:
            if isinstance(child, Section):
                if leaf:
                    left_out += pages_of(child.children)
                    continue
                child = self._prune(child, depth + 1)
            elif leaf and not _is_index(child):
                left_out.append(child)
                continue
            kept.append(child)
        section.children[:] = kept
        stand_in = section
        if leaf and kept == [index]:
            stand_in, index.parent = index, section.parent
        for page in left_out:
            page.parent = stand_in
            self.left_out.add(id(page))
            self.parents.add(id(stand_in))
        return stand_in

    def prune(self, nav: MkDocsNavigation) -> None:
        nav.items[:] = [self._prune(item, 1) if isinstance(item, Section) else item for item in nav.items]
        every = list(nav.pages)
        nav.pages = pages_of(nav.items)
        for page in every:  # articles get theirs, within their year, in ``trail``
            page.previous_page = page.next_page = None
        self.folders.clear()
        for page in nav.pages:  # every folder that holds a page of the navigation, and its parents
            folder = posixpath.dirname(page.url)
            while folder and folder not in self.folders:
                self.folders.add(folder)
                folder = posixpath.dirname(folder)
        for previous, following in zip(nav.pages, nav.pages[1:]):
            previous.next_page, following.previous_page = following, previous

    # --- on_page_markdown (before the front matter is escaped) ------------------------------

    def gather(self, page: Page) -> None:
        meta = page.meta or {}
        uri = page.file.src_uri
        kind = PageKind.of(meta)
        if kind == PageKind.ARTICLE:
            key = article_order(meta.get("date"), meta.get("title"), meta.get("source"))
            self.articles[posixpath.dirname(uri)].append((key, page))
            self.raw_tags[id(page)] = [str(t) for t in meta.get("tags") or []]
        elif kind == PageKind.YEAR:
            self.year_pages[year_folder(uri)][int(meta.get("page") or 1)] = page
        elif kind == PageKind.DIRECTIVE:
            self.directive_pages[posixpath.dirname(uri)] = page
        elif kind == PageKind.TAG and meta.get("tag") and int(meta.get("page") or 1) == 1:
            self.tag_pages[str(meta["tag"])] = page

    # --- on_page_context --------------------------------------------------------------------

    def _sort_once(self) -> None:
        if self.sorted:
            return
        for folder, items in self.articles.items():
            items.sort(key=lambda kp: kp[0])
            for position, (_, page) in enumerate(items):
                self.order[id(page)] = (folder, position)
        self.sorted = True

    @staticmethod
    def _ref(page: Optional[Page], title=None) -> Optional[dict]:
        if page is None:
            return None
        return {"url": page.url, "title": Markup.escape(title if title is not None else page.title or "")}

    def trail(self, page: Page) -> Optional[dict]:
        """An article's way back: directive, year page, place in the year, previous and next."""
        self._sort_once()
        place = self.order.get(id(page))
        if place is None:
            return None
        folder, position = place
        siblings = self.articles[folder]
        years = self.year_pages.get(folder, {})
        first = years.get(1)
        size = int((first.meta or {}).get("page_size") or 0) if first else 0
        number = position // size + 1 if size else 1
        year = years.get(number) or first
        previous = siblings[position - 1][1] if position > 0 else None
        following = siblings[position + 1][1] if position + 1 < len(siblings) else None
        page.previous_page, page.next_page = previous, following  # <link rel=prev/next> too
        return {
            "directive": self._ref(self.directive_pages.get(posixpath.dirname(folder))),
            "year": self._ref(year, first.title if first else None),
            "page": number if size else None,
            "position": position + 1,
            "count": len(siblings),
            "previous": self._ref(previous),
            "next": self._ref(following),
        }

    def tags(self, page: Page) -> list[dict]:
        """An article's tags, each with the address of its tag page."""
        return material.tag_links([(tag, self.tag_pages[tag].url if tag in self.tag_pages else None)
                                   for tag in self.raw_tags.get(id(page), [])])
