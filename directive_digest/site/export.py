"""``digest.json``: every article's digest (metadata, summary, key figures, tags) for other tools."""
from __future__ import annotations

import datetime as dt
import json

from .published import Published, link

FILE = "digest.json"
FIELDS = ("title", "date", "year", "date_source", "directive", "directives", "cited_references", "outlet",
          "author", "source_line", "source", "summary", "key_figures", "tags")


def export(articles: list[Published], site_url: str) -> dict:
    out = []
    for p in articles:
        m = p.meta
        row = {k: (v.isoformat() if isinstance(v := m.get(k), dt.date) else v) for k in FIELDS}
        row["url"] = link(p.url, site_url, "")
        out.append(row)
    return {"version": 1, "count": len(out), "articles": out}


def export_json(data: dict) -> str:
    """One article a line: readable and diffable, and written by json's C encoder (``indent``
    falls back to the pure-Python one, a second at 2,000 articles)."""
    rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in data["articles"])
    head = json.dumps({k: v for k, v in data.items() if k != "articles"}, ensure_ascii=False)[:-1]
    return f'{head}, "articles": [\n{rows}\n]}}\n'
