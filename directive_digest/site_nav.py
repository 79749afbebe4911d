"""MkDocs hook (see ``hooks:`` in mkdocs.yml): a navigation whose size does not grow with the articles.

The side navigation holds the home page, hand-written pages, each directive and its years,
and the tags index: O(directives × years). Article pages, the later pages of a paginated
year (``<year>/trang/2.md``) and the tag pages are left out of it; every page still renders
the navigation, so listing the articles made each page's navigation, and the build, grow
with their number. Those pages find their way back through what this hook gives the
template (overrides/main.html):

* ``digest_trail``: the directive and the year page that lists the article (the right page
  of a paginated year), its place in the year ("bài 12/230"), and the previous and next
  article in the year's order (the order of the year pages: date, title, source);
* ``tags``: the article's tags, each linked to its tag page (directive_digest/tag_pages.py),
  in the form Material's ``partials/tags.html`` renders (its tags plugin is not used).

Pages left out of the navigation keep their year (or tags index) as ``parent``, so the
navigation still opens at, and marks, where the reader is. MkDocs builds pages that are in
no navigation like any other (with no ``nav:`` in mkdocs.yml it reports nothing about them).

Everything is gathered while MkDocs reads the pages (``on_page_markdown``: every page is
read before any template is rendered) and looked up per page, so the hook adds O(1) work a page.
"""
from __future__ import annotations

import posixpath
import re
from collections import defaultdict

from markupsafe import Markup
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

TAGS_INDEX = "the/index.md"

_articles: dict[str, list] = defaultdict(list)  # year folder -> [(sort key, page)]
_year_pages: dict[str, dict[int, Page]] = defaultdict(dict)  # year folder -> {page number: page}
_section_pages: dict[str, Page] = {}  # directive folder -> its index page
_tag_pages: dict[str, Page] = {}  # tag -> its first page
_order: dict[int, tuple] = {}  # id(article page) -> (year folder, position)
_state = {"sorted": False}
_left_out: set[int] = set()  # id() of the pages not in the navigation
_nav_folders: set[str] = set()  # folders (and their parents) of the pages in the navigation
_nav_html: dict[tuple, object] = {}  # (parent, folder) or (block, depth) -> rendered HTML
_own_nav: dict[int, tuple] = {}  # id(page in the navigation) -> (its folder, its navigation)
_parents: set[int] = set()  # id() of the pages (and sections) that pages left out have as parent


def on_pre_build(config):
    for store in (_articles, _year_pages, _section_pages, _tag_pages, _order, _left_out, _nav_html, _own_nav, _parents):
        store.clear()
    _state["sorted"] = False
    _state["derived_ok"] = None


# --- The navigation ----------------------------------------------------------------------

def _pages(items) -> list[Page]:
    out = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out += _pages(item.children)
    return out


def _is_index(item) -> bool:
    return isinstance(item, Page) and item.is_index


def _prune(section: Section, depth: int):
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
                left_out += _pages(child.children)
                continue
            child = _prune(child, depth + 1)
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
        _left_out.add(id(page))
        _parents.add(id(stand_in))
    return stand_in


def on_nav(nav, config, files):
    nav.items[:] = [_prune(item, 1) if isinstance(item, Section) else item for item in nav.items]
    every = list(nav.pages)
    nav.pages = _pages(nav.items)
    for page in every:  # articles get theirs, within their year, in on_page_context
        page.previous_page = page.next_page = None
    _nav_folders.clear()
    for page in nav.pages:  # every folder that holds a page of the navigation, and its parents
        folder = posixpath.dirname(page.url)
        while folder and folder not in _nav_folders:
            _nav_folders.add(folder)
            folder = posixpath.dirname(folder)
    for previous, following in zip(nav.pages, nav.pages[1:]):
        previous.next_page, following.previous_page = following, previous
    return nav


# --- Gathering, while pages are read --------------------------------------------------------

def _sort_key(meta: dict) -> tuple:
    """group.article_sort_key, from front matter: the order of the year pages."""
    date = meta.get("date")
    return (str(date) if date else "9999", str(meta.get("title") or ""), str(meta.get("source") or ""))


def _year_folder(src_uri: str) -> str:
    folder = posixpath.dirname(src_uri)
    return posixpath.dirname(folder) if posixpath.basename(folder) == "trang" else folder


def on_page_markdown(markdown, page, config, files):
    # Runs before site_safety.py escapes titles and tags (it is listed after this hook).
    meta = page.meta or {}
    uri = page.file.src_uri
    kind = meta.get("kind")
    if meta.get("source"):
        _articles[posixpath.dirname(uri)].append((_sort_key(meta), page))
        page.digest_raw_tags = [str(t) for t in meta.get("tags") or []]
    elif kind == "year":
        _year_pages[_year_folder(uri)][int(meta.get("page") or 1)] = page
    elif kind == "directive":
        _section_pages[posixpath.dirname(uri)] = page
    elif kind == "tag" and meta.get("tag") and int(meta.get("page") or 1) == 1:
        _tag_pages[str(meta["tag"])] = page
    return markdown


def _sort_once() -> None:
    if _state["sorted"]:
        return
    for folder, items in _articles.items():
        items.sort(key=lambda kp: kp[0])
        for position, (_, page) in enumerate(items):
            _order[id(page)] = (folder, position)
    _state["sorted"] = True


def _ref(page: Page | None, title=None) -> dict | None:
    if page is None:
        return None
    return {"url": page.url, "title": Markup.escape(title if title is not None else page.title or "")}


def _trail(page: Page) -> dict | None:
    _sort_once()
    place = _order.get(id(page))
    if place is None:
        return None
    folder, position = place
    siblings = _articles[folder]
    years = _year_pages.get(folder, {})
    first = years.get(1)
    size = int((first.meta or {}).get("page_size") or 0) if first else 0
    number = position // size + 1 if size else 1
    year = years.get(number) or first
    previous = siblings[position - 1][1] if position > 0 else None
    following = siblings[position + 1][1] if position + 1 < len(siblings) else None
    page.previous_page, page.next_page = previous, following  # <link rel=prev/next> too
    return {
        "directive": _ref(_section_pages.get(posixpath.dirname(folder))),
        "year": _ref(year, first.title if first else None),
        "page": number if size else None,
        "position": position + 1,
        "count": len(siblings),
        "previous": _ref(previous),
        "next": _ref(following),
    }


def digest_cached_nav(page, caller):
    """overrides/partials/nav.html: the side navigation of a page left out of it depends only
    on its parent (which sections are open) and its folder (relative links): render it once
    for each such pair. Folders that no navigation link points into (a tag's, a year's
    trang/) give the same links as their siblings: one render for all of them. An article's
    parent is its year page, in the same folder, rendered just before: its navigation is the
    article's but for the year page's own entry (see ``_seen_from_below``)."""
    if page is None:
        return caller()
    if id(page) not in _left_out:
        html = caller()
        if id(page) in _parents:  # kept until the first page below it needs it
            _own_nav[id(page)] = (posixpath.dirname(page.url), html)
        return html
    folder = posixpath.dirname(page.url)
    if folder not in _nav_folders:  # no navigation link into it: its siblings' links are the same
        folder = (posixpath.dirname(folder), "*")
    key = (id(page.parent), folder)
    if key not in _nav_html:
        derived = _seen_from_below(page.parent, folder)
        if derived is not None and _state.get("derived_ok") is None:
            _state["derived_ok"] = derived == caller()  # checked once a build: Material's markup
        _nav_html[key] = derived if derived is not None and _state["derived_ok"] else caller()
    return _nav_html[key]


# The entry of the page being read, in Material 9.8's nav-item.html: a toggle and a label
# for its table of contents, its link marked active, the table of contents. Seen from a page
# below it (an article of the year), the same entry is the plain link, still in an active item.
_ACTIVE_LEAF = re.compile(
    r'(<li class="md-nav__item md-nav__item--active">\n)      \n      '
    r'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    r'.*?<a href="([^"]*)" class="md-nav__link md-nav__link--active">(.*?)</a>.*?\n    </li>', re.DOTALL)
def _seen_from_below(parent, folder):
    """The navigation of a page left out of it whose parent is a page of the same folder
    (an article and its year page), made from the parent's own navigation; None if unknown."""
    own = _own_nav.pop(id(parent), None)
    if own is None or own[0] != folder:
        return None
    html = own[1]
    found = list(_ACTIVE_LEAF.finditer(html))
    if len(found) != 1:
        return None
    m = found[0]
    return f'{html[:m.start()]}{m.group(1)}      <a href="{m.group(2)}" class="md-nav__link">{m.group(3)}</a>\n    </li>{html[m.end():]}'


def _depth(page) -> int:
    """Blocks that link only to the site's root and the theme's assets (never into a folder
    that holds pages) have the same relative links on every page as deep as this one."""
    return page.url.count("/")


def digest_cached_by_depth(name, page, caller):
    """overrides/main.html: a block that depends only on how deep the page is (its relative
    links to the root and assets), such as Material's __config script and its footer,
    rendered once per depth."""
    if page is None:
        return caller()
    key = (name, _depth(page))
    if key not in _nav_html:
        _nav_html[key] = caller()
    return _nav_html[key]


_TOPIC = 'data-md-component="header-topic">'
_ELLIPSIS = '<span class="md-ellipsis">'


def _header_title(page) -> str:
    meta = page.meta or {}
    return str(meta["title"] if meta.get("title") else page.title)


def digest_cached_header(page, caller):
    """overrides/main.html: Material's header depends on the page's depth (relative links to
    the root) and on its title, shown in one place (the header topic). Rendered once per depth; the
    title is put in for each page. Any other shape of header is rendered as it is."""
    if page is None:
        return caller()
    key = ("header", _depth(page))
    parts = _nav_html.get(key)
    if parts is None:
        html = caller()
        start = html.find(_ELLIPSIS, html.find(_TOPIC))
        end = html.find("</span>", start)
        title = _header_title(page)
        if html.find(_TOPIC) < 0 or start < 0 or end < 0 or not title \
                or html[start + len(_ELLIPSIS):end].strip() != title:
            _nav_html[key] = False  # not the header this was written for: never cached
            return html
        start += len(_ELLIPSIS)
        _nav_html[key] = parts = (html[:start], html[start:end], title, html[end:])
        return html
    if parts is False:
        return caller()
    before, inner, title, after = parts
    return before + inner.replace(title, _header_title(page), 1) + after


def on_env(env, config, files):
    env.globals["digest_cached_header"] = digest_cached_header
    env.globals["digest_cached_nav"] = digest_cached_nav
    env.globals["digest_cached_by_depth"] = digest_cached_by_depth
    return env


def on_page_context(context, page, config, nav):
    if (page.meta or {}).get("source"):
        context["digest_trail"] = _trail(page)
        # Material's partials/tags.html renders `tags` ({name, url}); its tags plugin is not used.
        context["tags"] = [
            {"name": Markup.escape(tag), "url": _tag_pages[tag].url if tag in _tag_pages else None}
            for tag in getattr(page, "digest_raw_tags", [])]
    return context
