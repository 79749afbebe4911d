"""Every tie of the site to Material for MkDocs' internals, in one module (docs/architecture.md).

Material is in maintenance mode (end of life 2027-05-05). What the site assumes of it beyond
its documented configuration is here, each with what breaks if it changes:

* the versions tested (``TESTED_VERSIONS``): the build stops on another one (``check``);
* ``partials/nav.html`` renders the side navigation from ``nav`` and ``page`` alone: it is
  wrapped in one cached call (``cache_side_navigation``), no copy of the file is kept;
* the markup of the active page's entry in that navigation (``ACTIVE_LEAF``): an article's
  navigation is made from its year page's (``seen_from_below``), checked against Material's
  own rendering once a build, and rendered by Material when it differs;
* the header's title slot (``HEADER_TOPIC``, ``ELLIPSIS``): the header is rendered once per
  page depth and the title put in (``header_title_slot``), or rendered per page when the
  markup is not the expected one;
* the header's bar ends with its first ``</nav>``: our search box goes before it
  (``header_with_search``);
* ``partials/tags.html`` renders the context variable ``tags`` as ``{name, url}``
  (``tag_links``), its tags plugin unused;
* the search plugin's files copied with the theme (``UNUSED_SEARCH_ASSETS``): not published.

Also tied, outside Python: the blocks ``overrides/main.html`` extends (header, styles, libs,
scripts, config, footer, content) and the classes of the search dialog
(``overrides/partials/digest-search.html``, ``digest-search-ui.js``), which are Material's so
that it looks like Material's own.
"""
from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
from typing import Optional

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError

PACKAGE = "mkdocs-material"
# Versions whose templates and markup this module was checked against (the site's tests pass
# on them). A new one: run `make test`, then add it here.
TESTED_VERSIONS = ("9.8.1",)


def installed_version() -> Optional[str]:
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None


def check(theme_name: Optional[str], version: Optional[str]) -> None:
    """Stop the build, with what to do, unless the theme is a tested version of Material."""
    if theme_name != "material":
        raise PluginError(f"directive-digest: the site needs the Material theme (theme: name: material), "
                          f"not {theme_name!r}")
    if version not in TESTED_VERSIONS:
        raise PluginError(
            f"directive-digest: {PACKAGE} {version or '(not installed)'} is not a tested version "
            f"(tested: {', '.join(TESTED_VERSIONS)}). Install the pinned one "
            f"(pip install -r requirements.txt), or test this one (make test) and add it to "
            f"TESTED_VERSIONS in directive_digest/site/material.py.")


# --- The side navigation ------------------------------------------------------------------

NAV_TEMPLATE = "partials/nav.html"


def cache_side_navigation(env: jinja2.Environment, call: str) -> None:
    """Material's ``partials/nav.html`` (or the site's own override of it) inside
    ``{% call <call>(page) %}``: the template global ``call`` decides when to render it."""
    source, _, _ = env.loader.get_source(env, NAV_TEMPLATE)
    # The call's body opens with a line break whatever the file opens with (Material's opens
    # with a comment that strips the whitespace around it): the same HTML as before.
    wrapped = f"{{% call {call}(page) %}}{{{{ '\\n' }}}}{source}{{% endcall %}}\n"
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({NAV_TEMPLATE: wrapped}), env.loader])


# The entry of the page being read, in Material 9.8's nav-item.html: a toggle and a label
# for its table of contents, its link marked active, the table of contents. Seen from a page
# below it (an article of the year), the same entry is the plain link, still in an active item.
ACTIVE_LEAF = re.compile(
    r'(<li class="md-nav__item md-nav__item--active">\n)      \n      '
    r'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    r'.*?<a href="([^"]*)" class="md-nav__link md-nav__link--active">(.*?)</a>.*?\n    </li>', re.DOTALL)


def seen_from_below(html: str) -> Optional[str]:
    """A page's side navigation as a page below it sees it (its entry a plain link in an
    active item, no table of contents); None when the markup is not the one expected."""
    found = list(ACTIVE_LEAF.finditer(html))
    if len(found) != 1:
        return None
    m = found[0]
    return f'{html[:m.start()]}{m.group(1)}      <a href="{m.group(2)}" class="md-nav__link">{m.group(3)}</a>\n    </li>{html[m.end():]}'


# --- The header ---------------------------------------------------------------------------

HEADER_TOPIC = 'data-md-component="header-topic">'
ELLIPSIS = '<span class="md-ellipsis">'


def header_title_slot(html: str, title: str) -> Optional[tuple[str, str, str]]:
    """(before, inner, after) of Material's header around the slot that shows the page's
    title, where ``inner`` holds ``title``; None for any other shape of header."""
    topic = html.find(HEADER_TOPIC)
    start = html.find(ELLIPSIS, topic)
    end = html.find("</span>", start)
    if topic < 0 or start < 0 or end < 0 or not title or html[start + len(ELLIPSIS):end].strip() != title:
        return None
    start += len(ELLIPSIS)
    return html[:start], html[start:end], html[end:]


def header_with_search(header: str, search: str) -> str:
    """Material's header with our search box and dialog at the end of its bar, where
    Material puts its own (its search plugin is not used). A template filter."""
    return str(header).replace("</nav>", f"{search}</nav>", 1)


# --- Tags, assets ---------------------------------------------------------------------------

def tag_links(tags: list[tuple[str, Optional[str]]]) -> list[dict]:
    """``tags`` as Material's ``partials/tags.html`` renders them: names (escaped here: it
    prints them raw) and the address of each tag's page."""
    return [{"name": Markup.escape(name), "url": url} for name, url in tags]


# Material's own search (its worker, lunr and its languages): copied with the theme's files,
# never loaded by the site, so not published.
UNUSED_SEARCH_ASSETS = ("assets/javascripts/workers", "assets/javascripts/lunr")


def remove_unused_search_assets(site_dir: str) -> None:
    for unused in UNUSED_SEARCH_ASSETS:
        shutil.rmtree(os.path.join(site_dir, *unused.split("/")), ignore_errors=True)
