"""Every internal link of a built site resolves to a file.

Shards are built apart, so MkDocs' own link check sees only a shard; this one runs over the
assembled site (``href`` and ``src`` of the HTML pages; external, ``mailto:``, ``data:``,
``javascript:`` and in-page ``#`` links aside). Pages are checked in parallel processes.
"""
from __future__ import annotations

import concurrent.futures
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(rb'\s(?:href|src)="([^"]*)"')


def _page_links(site: str, rel: str, root: str = "/") -> list[tuple[str, str]]:
    """(page, link) of each link of the page ``rel`` that resolves to no file."""
    with open(os.path.join(site, rel), "rb") as f:
        html = f.read()
    base = posixpath.dirname(rel)
    broken, seen = [], set()
    for m in _LINK.finditer(html):
        link = m.group(1).decode("utf-8", "replace").replace("&amp;", "&")
        if link in seen:
            continue
        seen.add(link)
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        if path.startswith("/"):  # absolute: under the site's own path (site_url's), as the 404 page's
            if not path.startswith(root):
                broken.append((rel, link))
                continue
            path = path[len(root):]
            target = posixpath.normpath(path) if path else "."
        else:
            target = posixpath.normpath(posixpath.join(base, path))
        path = os.path.join(site, *target.split("/"))
        if target.startswith("..") or not (os.path.isfile(path) or os.path.isfile(os.path.join(path, "index.html"))):
            broken.append((rel, link))
    return broken


def _chunk(site: str, pages: list[str], root: str) -> list[tuple[str, str]]:
    out = []
    for rel in pages:
        out += _page_links(site, rel, root)
    return out


def broken_links(site: Path, pages: list[str] | None = None, jobs: int = 1, root: str = "/") -> list[tuple[str, str]]:
    """(page, link) of every broken internal link of ``pages`` (relative paths of .html files;
    default every page of ``site``), sorted. ``root``: the site's path on its server (the
    path of site_url), which absolute links start with."""
    root = root if root.endswith("/") else root + "/"
    if pages is None:
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    size = max(1, len(pages) // (jobs * 4) + 1)
    chunks = [pages[i:i + size] for i in range(0, len(pages), size)]
    if jobs <= 1 or len(chunks) <= 1:
        return sorted(_chunk(str(site), pages, root))
    out = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(_chunk, [str(site)] * len(chunks), chunks, [root] * len(chunks)):
            out += part
    return sorted(out)
