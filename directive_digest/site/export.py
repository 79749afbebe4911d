"""``digest.json``: every article's digest (metadata, summary, key figures, tags) for other tools."""
from __future__ import annotations

import datetime as dt
import json

from .published import Published, link

FILE = "digest.json"
FIELDS = ("title", "date", "year", "date_source", "directive", "directives", "cited_references", "outlet",
          "author", "source_line", "source", "summary", "key_figures", "tags")


def row(p: Published, site_url: str) -> dict:
    """An article's entry."""
    m = p.meta
    out = {k: (v.isoformat() if isinstance(v := m.get(k), dt.date) else v) for k in FIELDS}
    out["url"] = link(p.url, site_url, "")
    return out


def export(articles: list[Published], site_url: str) -> dict:
    out = [row(p, site_url) for p in articles]
    return {"version": 1, "count": len(out), "articles": out}


def encode_row(entry: dict) -> str:
    """An entry as its line of digest.json (a shard encodes its articles' once: shard.py)."""
    return json.dumps(entry, ensure_ascii=False)


def export_json(data: dict) -> str:
    """One article a line: readable and diffable, and written by json's C encoder (``indent``
    falls back to the pure-Python one, a second at 2,000 articles)."""
    head = {k: v for k, v in data.items() if k != "articles"}
    return from_rows(head, [encode_row(entry) for entry in data["articles"]])


def from_rows(head: dict, rows: list[str]) -> str:
    """digest.json of ``head`` (version, count) and the articles' encoded rows."""
    start = json.dumps(head, ensure_ascii=False)[:-1]
    body = ",\n".join(rows)
    return f'{start}, "articles": [\n{body}\n]}}\n'
