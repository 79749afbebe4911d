"""The digest's pages the site publishes beyond HTML (feeds, export), as their front matter
was written: gathered while MkDocs reads the pages, before it is escaped for the theme."""
from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from dataclasses import dataclass
from typing import Optional

from ..contract import PageKind

# A relative path of plain names (no empty, "." or ".." part): relpath from "." is itself.
_PLAIN = re.compile(r"(?!\.\.?(?:/|$))[^/]+(?:/(?!\.\.?(?:/|$))[^/]+)*")


@dataclass
class Published:
    url: str  # relative to the site root
    title: str
    kind: PageKind
    meta: dict  # the front matter as written

    @property
    def date(self) -> Optional[dt.date]:
        value = self.meta.get("date")
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None


def newest_first(pages: list[Published]) -> list[Published]:
    """Articles, newest first; undated ones after, by year (the feeds' and the export's order)."""
    articles = [p for p in pages if p.kind == PageKind.ARTICLE]
    return sorted(articles, key=newest_key, reverse=True)


def newest_key(p: Published) -> tuple:
    """What newest_first sorts by (descending)."""
    return (p.date or dt.date(p.meta.get("year") or 1, 1, 1), p.url)


def link(url: str, site_url: str, from_dir: str) -> str:
    """Absolute when site_url is set (RSS wants it); else relative to ``from_dir``, for file://."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    if not from_dir and _PLAIN.fullmatch(url):
        return url  # what relpath gives (its abspath of each, a tenth of digest.json's time)
    return posixpath.relpath(url, from_dir or ".")


def write_file(site_dir: str, rel: str, data: bytes) -> None:
    path = os.path.join(site_dir, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
