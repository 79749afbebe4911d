"""One shard of a sharded site build (directive_digest/shards/, docs/scaling.md).

A sharded build runs one ``mkdocs build`` per shard, each with the plugin's ``shard`` option
naming a spec (JSON) the shard builder wrote:

``{"name": str, "top": bool, "folders": [article folders this shard renders],
   "article_folders": [every article folder of the site], "records": path,
   "conversions": [the shard's last converted pages, where this build's go] (optional)}``

An *article folder* (``<directive>/<year>``) holds articles; its pages (the articles, the
year page ``index.md`` and its later pages ``trang/N.md``) belong to the shard that owns the
folder. The *top* shard owns every other page: home, hand-written pages, directive and tag
pages (and the years without articles), and the search index.

Every page a shard does not render is one of:

* ``skip``: never read. Articles of other shards, the later pages of other shards' years
  (``<year>/trang/N.md``) and later tag pages: no page of the shard needs them. MkDocs is
  told they are excluded (``InclusionLevel.EXCLUDED``), so links to them still resolve to
  their address (MkDocs reports such a link at INFO level, not as a warning).
* ``read``: read (the navigation shows its title, an article's way back names it) but not
  rendered: excluded once every page is read (``on_env``), before pages are written.

So each shard renders the same navigation as the whole site, and its own pages only. The
feeds and ``digest.json`` need every article: each shard writes the records of the pages
it published (``records``, pickled ``Published``), and publish.py writes them once all are in.
A shard's converted pages (converted.py) are read from its last build's folder and written
into the new one (``conversions``), so they go with the shard: gone when it is.
"""
from __future__ import annotations

import json
import os
import pickle
import posixpath
from dataclasses import dataclass
from typing import Optional

from mkdocs.structure.files import InclusionLevel

from ..contract import PageKind
from . import export
from .published import newest_key

BUILD, READ, SKIP = "build", "read", "skip"
LATER_PAGES = "trang"  # collections.page_path, tag_pages: <base>/trang/N.md
TAGS_DIR = "the"  # tag_pages.TAGS_DIR


@dataclass
class Shard:
    name: str
    top: bool
    folders: frozenset
    article_folders: frozenset
    records: str
    conversions: tuple = ()  # (last build's file, this build's file): converted.py; () none

    @classmethod
    def load(cls, path: str) -> Optional["Shard"]:
        if not path:
            return None
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        return cls(str(spec["name"]), bool(spec["top"]), frozenset(spec["folders"]),
                   frozenset(spec["article_folders"]), str(spec["records"]),
                   tuple(map(str, spec.get("conversions") or ())))

    def role(self, src_uri: str) -> str:
        """What this shard does with the page at ``src_uri``: BUILD, READ or SKIP."""
        folder, name = posixpath.split(src_uri)
        parent, last = posixpath.split(folder)
        year = folder if folder in self.article_folders else \
            parent if last == LATER_PAGES and parent in self.article_folders else None
        if year is not None:  # an article folder: its articles, its year page and the year's later pages
            if year in self.folders:
                return BUILD
            return READ if year == folder and name == "index.md" else SKIP  # the navigation shows a year page
        if self.top:
            return BUILD
        return SKIP if last == LATER_PAGES else READ  # a tag's later pages: no page needs them

    def exclude(self, files, role: str) -> None:
        """Mark the documentation pages of ``role`` excluded from this build."""
        for file in files.documentation_pages():
            if self.role(file.src_uri) == role:
                file.inclusion = InclusionLevel.EXCLUDED

    def write_records(self, records: list, settings: dict) -> None:
        """The records publish.py reads: the pages other than articles as they are; each article
        as what publishing takes of it, made here once (a shard not built again is not read
        again: at 100,000 articles, reading every article's record and encoding its line of
        digest.json were most of the assembly's time). See publish.Article."""
        articles = [(newest_key(p), p.meta.get("directive"), export.encode_row(export.row(p, settings["site_url"])).encode("utf-8"),
                     pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL))
                    for p in records if p.kind == PageKind.ARTICLE]
        os.makedirs(os.path.dirname(self.records) or ".", exist_ok=True)
        partial = f"{self.records}.partial"
        with open(partial, "wb") as f:
            pickle.dump({"shard": self.name, "top": self.top, "settings": settings,
                         "records": [p for p in records if p.kind != PageKind.ARTICLE],
                         "articles": articles, "site_url": settings["site_url"]}, f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.records)
