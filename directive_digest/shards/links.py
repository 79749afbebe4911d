"""Every internal link of a built site resolves to a file.

Shards are built apart, so MkDocs' own link check sees only a shard; this one runs over the
assembled site (``href`` and ``src`` of the HTML pages; external, ``mailto:``, ``data:``,
``javascript:`` and in-page ``#`` links aside). Pages are checked in parallel processes;
each process asks the file system once per target (pages of a folder share most links: the
navigation, the assets).
"""
from __future__ import annotations

import concurrent.futures
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(rb'\s(?:href|src)="([^"]*)"')


class _Checker:
    def __init__(self, site: str, root: str):
        self.site, self.root = site, root
        self.found: dict[str, bool] = {}  # target (relative to the site) -> a file is there
        self.checked: dict[tuple[str, bytes], bool] = {}  # (page's folder, link) -> broken

    def exists(self, target: str) -> bool:
        known = self.found.get(target)
        if known is None:
            path = os.path.join(self.site, *target.split("/"))
            known = os.path.isfile(path) or os.path.isfile(os.path.join(path, "index.html"))
            self.found[target] = known
        return known

    def target(self, base: str, link: str):
        """The file ``link`` points to (relative to the site), "" when it is not checked, None
        when it is outside the site."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            return ""
        path = unquote(parts.path)
        if path.startswith("/"):  # absolute: under the site's own path (site_url's), as the 404 page's
            if not path.startswith(self.root):
                return None
            path = path[len(self.root):]
            target = posixpath.normpath(path) if path else "."
        else:
            target = posixpath.normpath(posixpath.join(base, path))
        return None if target.startswith("..") else target

    def page(self, rel: str) -> list[tuple[str, str]]:
        """(page, link) of each link of the page ``rel`` that resolves to no file."""
        with open(os.path.join(self.site, rel), "rb") as f:
            html = f.read()
        base = posixpath.dirname(rel)
        broken = []
        for raw in set(_LINK.findall(html)):
            # A folder's pages share most links (navigation, assets): each resolved once.
            bad = self.checked.get((base, raw))
            if bad is None:
                link = raw.decode("utf-8", "replace").replace("&amp;", "&")
                target = self.target(base, link)
                bad = target is None or bool(target and not self.exists(target))
                self.checked[(base, raw)] = bad
            if bad:
                broken.append((rel, raw.decode("utf-8", "replace").replace("&amp;", "&")))
        return broken


def _chunk(site: str, pages: list[str], root: str) -> list[tuple[str, str]]:
    checker = _Checker(site, root)
    out = []
    for rel in pages:
        out += checker.page(rel)
    return out


def broken_links(site: Path, pages: list[str] | None = None, jobs: int = 1, root: str = "/") -> list[tuple[str, str]]:
    """(page, link) of every broken internal link of ``pages`` (relative paths of .html files;
    default every page of ``site``), sorted. ``root``: the site's path on its server (the
    path of site_url), which absolute links start with."""
    root = root if root.endswith("/") else root + "/"
    if pages is None:
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    if jobs <= 1 or len(pages) < 200:
        return sorted(_chunk(str(site), pages, root))
    # Contiguous runs of pages (a folder's pages together: they share their targets).
    size = len(pages) // jobs + 1
    chunks = [pages[i:i + size] for i in range(0, len(pages), size)]
    out = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(_chunk, [str(site)] * len(chunks), chunks, [root] * len(chunks)):
            out += part
    return sorted(out)
