"""MkDocs hooks (see ``hooks:`` in mkdocs.yml).

Section titles in the navigation come from each section's ``index.md`` front matter
(``title: Chỉ thị 05 (05-CT/TW)``) instead of the directory name (``chi-thi-05-ct-tw``),
and newest years come first.
"""
from __future__ import annotations

import re

import yaml as _yaml
from mkdocs.structure.nav import Section

_YEAR = re.compile(r"^(?:Năm )?(\d{4})$")


try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _Loader


def _front_matter_title(path: str):
    """The ``title`` of a page's front matter, reading only the front matter (a year page's
    index can be long, and every section's index is read)."""
    with open(path, encoding="utf-8-sig") as f:
        if f.readline().strip() != "---":
            return None
        head = []
        for line in f:
            if line.strip() in ("---", "..."):
                meta = _yaml.load("".join(head), Loader=_Loader)
                return meta.get("title") if isinstance(meta, dict) else None
            head.append(line)
    return None


def _index_title(section: Section):
    for child in section.children:
        file = getattr(child, "file", None)
        if file is not None and file.name == "index" and file.abs_src_path:
            try:
                return _front_matter_title(file.abs_src_path)
            except Exception:  # a broken hand-written page: keep the directory name
                return None
    return None


def _retitle(items) -> None:
    for item in items:
        if isinstance(item, Section):
            title = _index_title(item)
            if title:
                item.title = str(title)
            _retitle(item.children)
            years = sorted((c for c in item.children if isinstance(c, Section) and _YEAR.match(c.title or "")),
                           key=lambda s: s.title, reverse=True)
            if years:
                index = [c for c in item.children if getattr(c, "is_index", False)]
                rest = [c for c in item.children if c not in index and c not in years]
                item.children[:] = index + years + rest


def on_nav(nav, config, files):
    _retitle(nav.items)
    return nav


# --- Feeds and export (site engineer) -----------------------------------------------------
#
# Pages are collected while MkDocs renders them; after the build:
#   * RSS 2.0 feeds: feed.xml for the site, <directive>/feed.xml per directive, dated from
#     front matter (never from git or file times), newest first;
#   * digest.json: every article's digest (metadata, summary, key figures, tags) for other tools.

import datetime as _dt
import email.utils as _eu
import logging as _logging
import json as _json
import os as _os
import posixpath as _pp
from xml.sax.saxutils import escape as _xml

from mkdocs.plugins import event_priority

_log = _logging.getLogger("mkdocs.hooks.site")
FEED_LIMIT = 50  # items per feed
_pages: list[dict] = []


def on_pre_build(config):
    _pages.clear()


# The home page's generated part (content/index.md: `--8<-- "_digest/overview.md"`). Included
# here rather than by pymdownx.snippets, whose preprocessor then ran on every page of the site.
_INCLUDE = re.compile(r'^--8<-- "(_digest/[\w.-]+\.md)"[ \t]*$', re.MULTILINE)


def _include_fragments(markdown: str, page, config) -> str:
    def fragment(match):
        path = _os.path.join(config["docs_dir"], match.group(1))
        try:
            with open(path, encoding="utf-8") as f:
                return f.read().rstrip("\n")
        except OSError:
            _log.warning("site_hooks: %s includes %s, which is missing (run build_digest.py)",
                         page.file.src_uri, match.group(1))
            return ""
    return _INCLUDE.sub(fragment, markdown)


def on_page_markdown(markdown, page, config, files):
    """Hand-written top-level pages get their generated fragments (never generated pages)."""
    if "/" not in page.file.src_uri and "--8<--" in markdown:
        markdown = _include_fragments(markdown, page, config)
    return markdown


def on_page_context(context, page, config, nav):
    meta = dict(page.meta or {})
    if meta.get("source") or meta.get("kind") == "directive":
        _pages.append({"url": page.url, "title": page.title, "meta": meta})
    return context


def _date(meta) -> _dt.date | None:
    value = meta.get("date")
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _articles() -> list[dict]:
    """Article pages, newest first; undated ones after, by year."""
    arts = [p for p in _pages if p["meta"].get("source")]
    return sorted(arts, key=lambda p: (_date(p["meta"]) or _dt.date(p["meta"].get("year") or 1, 1, 1),
                                       p["url"]), reverse=True)


def _link(url: str, site_url: str, feed_dir: str) -> str:
    """Absolute when site_url is set (RSS wants it); else relative to the feed, for file://."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return _pp.relpath(url, feed_dir or ".")


def _rss(title: str, description: str, arts: list[dict], site_url: str, feed_dir: str) -> str:
    home = _link(_pp.join(feed_dir, "index.html") if feed_dir else "index.html", site_url, feed_dir)
    items = []
    for p in arts[:FEED_LIMIT]:
        m = p["meta"]
        link = _link(p["url"], site_url, feed_dir)
        item = [f"<title>{_xml(p['title'])}</title>", f"<link>{_xml(link)}</link>",
                f'<guid isPermaLink="{"true" if site_url else "false"}">{_xml(link)}</guid>']
        d = _date(m)
        if d:
            stamp = _dt.datetime(d.year, d.month, d.day, tzinfo=_dt.timezone(_dt.timedelta(hours=7)))
            item.append(f"<pubDate>{_eu.format_datetime(stamp)}</pubDate>")
        if m.get("summary"):
            item.append(f"<description>{_xml(str(m['summary']))}</description>")
        if m.get("author"):
            item.append(f"<dc:creator>{_xml(str(m['author']))}</dc:creator>")
        for tag in m.get("tags") or []:
            item.append(f"<category>{_xml(str(tag))}</category>")
        items.append("<item>" + "".join(item) + "</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{_xml(title)}</title><link>{_xml(home)}</link>"
            f"<description>{_xml(description)}</description><language>vi</language>"
            + "".join(items) + "</channel></rss>\n")


def _export(arts: list[dict], site_url: str) -> dict:
    keep = ("title", "date", "year", "date_source", "directive", "directives", "cited_references", "outlet",
            "author", "source_line", "source", "summary", "key_figures", "tags")
    out = []
    for p in arts:
        m = p["meta"]
        row = {k: (m.get(k).isoformat() if isinstance(m.get(k), _dt.date) else m.get(k)) for k in keep}
        row["url"] = _link(p["url"], site_url, "")
        out.append(row)
    return {"version": 1, "count": len(out), "articles": out}


def _export_json(data: dict) -> str:
    """One article a line: readable and diffable, and written by json's C encoder (``indent``
    falls back to the pure-Python one, a second at 2,000 articles)."""
    rows = ",\n".join(_json.dumps(row, ensure_ascii=False) for row in data["articles"])
    head = _json.dumps({k: v for k, v in data.items() if k != "articles"}, ensure_ascii=False)[:-1]
    return f'{head}, "articles": [\n{rows}\n]}}\n'


def _write(site_dir: str, rel: str, text: str) -> None:
    path = _os.path.join(site_dir, rel)
    _os.makedirs(_os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


@event_priority(-50)
def on_post_build(config):
    site_dir, site_url = config["site_dir"], config.get("site_url") or ""
    arts = _articles()
    _write(site_dir, "feed.xml", _rss(config["site_name"], config.get("site_description") or "", arts, site_url, ""))
    for p in _pages:
        m = p["meta"]
        if m.get("kind") != "directive" or not m.get("directive"):
            continue
        feed_dir = _pp.dirname(p["url"])
        mine = [a for a in arts if a["meta"].get("directive") == m["directive"]]
        _write(site_dir, _pp.join(feed_dir, "feed.xml"),
               _rss(f"{p['title']} — {config['site_name']}", f"Bài viết về {p['title']}", mine, site_url, feed_dir))
    _write(site_dir, "digest.json", _export_json(_export(arts, site_url)))
