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
    rows = ",\n".join(encode_row(entry) for entry in data["articles"])
    head = json.dumps({k: v for k, v in data.items() if k != "articles"}, ensure_ascii=False)[:-1]
    return f'{head}, "articles": [\n{rows}\n]}}\n'


def from_rows(head: dict, rows: list[bytes]) -> bytes:
    """export_json's bytes (UTF-8) from ``head`` (version, count) and each article's line,
    already UTF-8 (the lines of hundreds of MB are neither decoded nor encoded again)."""
    start = json.dumps(head, ensure_ascii=False)[:-1].encode("utf-8")
    return b"".join((start, b', "articles": [\n', b",\n".join(rows), b"\n]}\n"))
