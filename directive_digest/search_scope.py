"""MkDocs hook: index what readers search, not the lists that point at it.

A year page lists its articles with their summaries, and a directive page lists every
article citing it: text the search index already holds once, on the article pages. In
the search index such lists only repeat results (the same summary three times) and add
a sixth of its size (measured on 2,000 articles: directive pages 11.5 %, year pages
5.9 % of the index; see docs/scaling.md). So:

* year pages (front matter ``kind: year``) are left out of the index;
* directive pages (``kind: directive``) keep their heading and the document's details
  table (a search for the directive's name finds its page), but their ``##`` sections,
  the article lists, are left out (Material's ``data-search-exclude``).

Pages stay in the navigation and are reachable as before; only the index changes.

After the build, each article's entries become one, and the lunr index is prebuilt for
Material's search worker, patched to load it (second part of this file; docs/search.md).
"""
from __future__ import annotations

import re

_H2 = re.compile(r"^(## [^\n{]+?)\s*$", re.MULTILINE)


def on_page_markdown(markdown, page, config, files):
    kind = (page.meta or {}).get("kind")
    if kind == "year":
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    elif kind == "directive":
        markdown = _H2.sub(r"\1 { data-search-exclude }", markdown)
    return markdown


# --- One search entry per article, and a prebuilt index -------------------------------------
#
# Material indexes every page and every section of it, in the reader's browser, each time
# the search opens: at 10,000 articles a 80 MB index took over half a minute before the
# first answer (docs/benchmarks.md). Readers search titles, outlets, authors, directives,
# organisations and figures (the tests in tests/test_site_search.py); those are in an
# article's header, summary, key points and key figures. So (measured in docs/search.md):
#
# * an article has ONE search entry: title; text = summary, key points, key figures
#   ("4.725 đảng viên") and the header (outlet, author, directives, date: site_hooks.py);
#   tags; meta. Its sections (full text, figures table with their quotes) are not indexed.
#   Results show the summary and header only (key points and figures are indexed, not shipped);
# * the lunr index is built here (lunr_index.py) and stored in the search index, and the
#   worker loads it instead of building it (the worker is patched below).

import json as _json
import os as _os

from html import unescape as _unescape

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

try:
    from . import lunr_index
except ImportError:  # loaded by MkDocs as a hook file: its folder is on sys.path
    import lunr_index

KEY_POINTS = "Ý chính"  # the section of an article kept in its entry (render.py's heading)
INDEXED = "indexed_text"  # an entry's text that is indexed but not shipped
_figures: dict[str, list[str]] = {}  # article address -> its key figures ("4.725 đảng viên")


def on_pre_build(config):
    _figures.clear()
    _rest.clear()


def _collect_figures(context, page, config, nav):
    meta = page.meta or {}
    if meta.get("source"):
        _figures[page.url] = [" ".join(str(f.get(k) or "") for k in ("figure", "counts")).strip()
                              for f in meta.get("key_figures") or [] if isinstance(f, dict)]
    return context


# Material's search plugin parses each page's whole HTML (its on_page_context, Python's
# HTMLParser: 12 % of a 1,000-article build), though of an article only two entries survive
# article_entries: the first (title, summary: the text before the first ## heading) and
# "Ý chính". So, for an article, the plugin is shown only the HTML up to the ## heading
# that follows them (render.py: "## Ý chính" is the last section kept, "Số liệu chính" or
# "Toàn văn" comes next), and the rest is put back as soon as the plugin is done. The cut
# is at a top-level heading, where the plugin starts a new section, so the entries before
# it are the same; everything after it would have been dropped. Not cut (the plugin sees
# the whole page, as before) if the rest holds another heading "Ý chính" (a full text's
# subheading: article_entries would keep it) or a data-search-* attribute (the plugin
# removes those from page.content). Handlers of priority 0 registered after Material's
# search (our hooks) see the shortened page.content too: none of them reads it.
_KEY_POINTS_H2 = re.compile(r"<h2\b[^>]*>\s*" + re.escape(KEY_POINTS) + r"\s*</h2>")
_H2_OPEN = re.compile(r"<h2\b")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG_OR_SPACE = re.compile(r"<[^>]*>|\s+")
_rest: dict[str, str] = {}  # article address -> the HTML hidden from the search plugin


def _after_kept(html: str) -> int:
    """Where the part of an article's HTML that its search entry needs ends (0: not cut)."""
    if not html.lstrip().startswith("<h1"):
        return 0
    key_points = _KEY_POINTS_H2.search(html)
    cut = _H2_OPEN.search(html, key_points.end() if key_points else 0)
    if not cut:
        return 0
    rest = html[cut.start():]
    if "data-search-" in rest or any(
            _TAG_OR_SPACE.sub("", _unescape(m.group(2))) == KEY_POINTS.replace(" ", "")
            for m in _HEADING.finditer(rest)):
        return 0
    return cut.start()


@event_priority(10)  # before Material's search plugin (0)
def _hide_unindexed(context, page, config, nav):
    if (page.meta or {}).get("source") and page.content:
        cut = _after_kept(page.content)
        if cut:
            _rest[page.url] = page.content[cut:]
            page.content = page.content[:cut]
    return context


@event_priority(-10)  # after it, before the page is rendered
def _restore_unindexed(context, page, config, nav):
    rest = _rest.pop(page.url, None)
    if rest is not None:
        page.content += rest
    return context


on_page_context = CombinedEvent(_hide_unindexed, _collect_figures, _restore_unindexed)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def article_entries(docs: list[dict], figures: dict[str, list[str]]) -> list[dict]:
    """Each article's page and section entries merged into one entry; other pages as they are.

    An article's entry shows (``text``) its summary and header, and also indexes
    (``INDEXED``) its key points and key figures: two thirds of the text, which a result
    need not repeat (the reader opens the article)."""
    out, kept = [], {}
    for doc in docs:
        page, _, anchor = doc.get("location", "").partition("#")
        if page not in figures:
            out.append(doc)
        elif not anchor:
            kept[page] = entry = dict(doc)
            labels = [f for f in figures[page] if f]
            entry[INDEXED] = "<p>Số liệu: " + _escape(" · ".join(labels)) + "</p>" if labels else ""
            out.append(entry)
        elif doc.get("title") == KEY_POINTS and page in kept:
            kept[page][INDEXED] = (doc.get("text") or "") + kept[page][INDEXED]
    return out


def indexed(doc: dict) -> dict:
    """The entry as indexed: its text followed by what is indexed but not shown."""
    if INDEXED not in doc:
        return doc
    entry = {k: v for k, v in doc.items() if k != INDEXED}
    entry["text"] = (entry.get("text") or "") + doc[INDEXED]
    return entry


def shown(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != INDEXED}


# After site_hooks.py added the article header to the entries (-50), before the offline
# plugin copies the index into search_index.js (-100).
@event_priority(-60)
def on_post_build(config):
    site_dir = config["site_dir"]
    path = _os.path.join(site_dir, "search", "search_index.json")
    if not _os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as f:
        index = _json.load(f)
    entries = article_entries(index["docs"], _figures)
    conf = index["config"]
    prebuilt = lunr_index.build_compact([indexed(e) for e in entries], conf["fields"], conf["separator"])
    index["docs"] = [shown(e) for e in entries]
    # A string: the page and the worker pass it on, and only the worker parses it.
    conf["prebuilt"] = _json.dumps(prebuilt, ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as f:
        _json.dump(index, f, ensure_ascii=False, separators=(",", ":"))
    patch_worker(_os.path.join(site_dir, "assets", "javascripts", "workers"))


# Material 9.8.1's worker (assets/javascripts/workers/search.*.min.js), minified: the
# patterns name the places it builds the index and collects the words to highlight.
_CONSTRUCTOR = re.compile(r"constructor\(\{config:(\w+),docs:(\w+),options:\w+\}\)\{")
_TOKENIZER = re.compile(r"this\.tokenizer=(\w+),")
_BUILD = "this.index=lunr(function(){"
_POSITIONS = re.compile(
    r"let (\w+)=\[\];for\(let (\w+) of Object\.values\((\w+)\.metadata\)\)typeof \2\[(\w+)\]!=\"undefined\"&&"
    r"\1\.push\(\.\.\.\2\[\4\]\.position\);if\(!\1\.length\)continue;"
    r"let (\w+)=this\.table\.get\(\[(\w+)\.location,\4\]\.join\(\":\"\)\),")
_LISTENER = re.compile(r"addEventListener\(\"message\",(\w+)=>(\w+)\(null,null,function\*\(\)\{"
                       r"postMessage\(yield (\w+)\(\1\.data\)\)\}\)\)")
_PATCHED = "lunr.vi.load("


def patch_worker(workers_dir: str) -> None:
    """Make Material's search worker load the prebuilt index (lunr.vi.load), find the words
    to highlight when it shows a result (lunr.vi.positions), and pass each message through
    lunr.vi.message (folds queries, skips those typed over). Fails the build if the worker
    is not the one these patterns were written for (Material upgraded)."""
    names = [n for n in _os.listdir(workers_dir) if n.startswith("search.") and n.endswith(".min.js")] \
        if _os.path.isdir(workers_dir) else []
    if len(names) != 1:
        raise PluginError(f"search_scope: expected one search worker in {workers_dir}, found {names}")
    path = _os.path.join(workers_dir, names[0])
    with open(path, encoding="utf-8") as f:
        code = f.read()
    if _PATCHED in code:
        return
    ctor, tokenizer, positions = _CONSTRUCTOR.search(code), _TOKENIZER.search(code), _POSITIONS.search(code)
    listener = _LISTENER.search(code)
    if not (ctor and tokenizer and positions and listener and code.count(_BUILD) == 1):
        raise PluginError(f"search_scope: Material's search worker {names[0]} changed; cannot make it load "
                          "the prebuilt index (update patch_worker in directive_digest/search_scope.py)")
    config, docs = ctor.groups()
    code = code.replace(_BUILD, f"this.index={config}.prebuilt?lunr.vi.load({config},{docs},this):" + _BUILD[11:])
    found, d, match, field, table, doc = positions.groups()
    code = code.replace(positions.group(0), (
        f"let {found}=[],{table};if(this.viPrebuilt)[{found},{table}]=lunr.vi.positions(this,{doc},{field},"
        f"{match}.metadata,{tokenizer.group(1)});else{{for(let {d} of Object.values({match}.metadata))"
        f"typeof {d}[{field}]!=\"undefined\"&&{found}.push(...{d}[{field}].position);"
        f"{table}=this.table.get([{doc}.location,{field}].join(\":\"))}}if(!{found}.length)continue;let "))
    ev, run, handle = listener.groups()
    code = code.replace(listener.group(0), (
        f"addEventListener(\"message\",{ev}=>{run}(null,null,function*(){{let vi_m=self.lunr&&lunr.vi?"
        f"yield lunr.vi.message({ev}.data):{ev}.data;if(vi_m)postMessage(yield {handle}(vi_m))}}))"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(code)
