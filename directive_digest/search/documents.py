"""The searchable documents of a digest, read from its Markdown pages (MkDocs' docs_dir).

Reading the pages, not the built site, lets the index be written once for many site builds
(one per directive, issue #17) and beside the MkDocs build instead of inside it. A page's
address follows from its path (``use_directory_urls: false``): ``a/b.md`` -> ``a/b.html``.

What each kind of page gives (front matter ``kind``, contract.PageKind):

* an article: its title; its header (outlet, author, directives, date, tags); its lead
  (summary, key points, key figures); its full text. The full text is also what snippets
  are cut from;
* a directive page: its title and the document's details table (not its lists of
  articles: the articles are documents of their own);
* a year page (its first page only): its heading, "Chỉ thị 05 (05-CT/TW) — Năm 2021";
* any other page (hand-written ones): its title and text.

Pages whose front matter says ``search: {exclude: true}`` (tag pages) and files under a
folder starting with ``_`` (included fragments) are left out.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import yaml

from ..contract import PageKind, date_vi
from .markdown_text import inline_text, key_figures, sections  # noqa: F401  (inline_text: tests)

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _Loader

ARTICLE, DIRECTIVE, YEAR, PAGE = PageKind.ARTICLE, PageKind.DIRECTIVE, PageKind.YEAR, PageKind.PAGE

# Field weights (BM25F): a word in the title counts as much as five in the text.
TITLE, HEADER, LEAD, BODY = "title", "header", "lead", "body"
WEIGHTS = {TITLE: 5, HEADER: 3, LEAD: 1, BODY: 1}
# A directive's page before the articles that repeat its name ("Chỉ thị 05"): its score ×3.
PAGE_BOOST = {DIRECTIVE: 3, YEAR: 1, ARTICLE: 1, PAGE: 1}


@dataclass
class Document:
    url: str  # relative to the site root
    kind: PageKind
    title: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # field -> its blocks of text
    meta: str = ""  # the result's second line: directive · year · date · outlet
    text: str = ""  # what snippets are cut from (blocks joined by "\n")


def page_url(rel_path: str) -> str:
    return rel_path[:-3] + ".html"


# Front matter the index reads; the rest (key figures with their sentences, badges, evidence:
# most of an article's front matter) is not parsed. Key figures are read from the page's table.
FIELDS = ("title", "kind", "page", "search", "source", "date", "year", "directive", "directives", "outlet",
          "author", "summary", "tags", "also_published")
_TOP_LEVEL = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)


def _needed_front_matter(text: str) -> str:
    """The top-level entries of a YAML mapping that FIELDS names (an entry runs from its key at
    the start of a line to the next such key; lists and wrapped strings are indented or start
    with "- ")."""
    starts = [(m.start(), m.group(1)) for m in _TOP_LEVEL.finditer(text)]
    if not starts or starts[0][0] != 0:
        return text  # not a plain mapping: parse it all
    keep = []
    for (start, key), (end, _) in zip(starts, starts[1:] + [(len(text), "")]):
        if key in FIELDS:
            keep.append(text[start:end])
    return "".join(keep)


def split_page(source: str, all_fields: bool = False) -> tuple[dict, str]:
    """(front matter, Markdown body) of a page; ({}, source) when it has no front matter.
    Only FIELDS are read unless ``all_fields``."""
    head, body = _parts(source)
    if head is None:
        return {}, body
    meta = yaml.load(head if all_fields else _needed_front_matter(head), Loader=_Loader)
    return (meta if isinstance(meta, dict) else {}), body


def page_body(source: str) -> str:
    """The Markdown body of a page, its front matter left unread."""
    return _parts(source)[1]


def _parts(source: str) -> tuple:
    if source.startswith("\ufeff"):
        source = source[1:]
    if not source.startswith("---\n"):
        return None, source
    end = source.find("\n---\n", 3)
    if end < 0:
        return None, source
    return source[4:end + 1], source[end + 5:]


# --- Pages to documents ----------------------------------------------------------------

def _article(url: str, meta: dict, body: str, directive_titles: dict[str, str]) -> Document:
    parts = sections(body)
    title = str(meta.get("title") or "")
    ids = meta.get("directives") or ([meta["directive"]] if meta.get("directive") else [])
    date = date_vi(meta.get("date"))
    header = [str(v) for v in (meta.get("outlet"), meta.get("author")) if v]
    header += [directive_titles.get(i, str(i)) for i in ids] + ([date] if date else [])
    header += [str(t) for t in meta.get("tags") or []]
    lead = [str(meta["summary"])] if meta.get("summary") else []
    text: list[str] = []
    for heading, blocks in parts[1:]:
        if heading == "Ý chính":
            lead += blocks
        elif heading == "Toàn văn":
            text += blocks
    lead += key_figures(body)
    primary = meta.get("directive")
    year = meta.get("year")
    line = [directive_titles.get(primary, str(primary)) if primary else "Chưa phân loại",
            str(year) if year else "Không rõ năm"] + ([date] if date else [])
    if meta.get("outlet"):
        line.append(str(meta["outlet"]))
    return Document(url, ARTICLE, title, {TITLE: [title], HEADER: header, LEAD: lead, BODY: text},
                    " · ".join(line), "\n".join(text))


def _page(url: str, kind: PageKind, meta: dict, body: str) -> Document:
    parts = sections(body)
    first = parts[0][1]
    # The H1 is the page's first block when the page opens with one.
    title = str(meta.get("title") or (first[0] if first else "") or url)
    if kind == YEAR:
        heading = first[0] if first else title
        return Document(url, YEAR, heading, {TITLE: [heading]}, "Danh sách bài theo năm", "")
    if kind == DIRECTIVE:
        blocks = first[1:] if first else []
        return Document(url, DIRECTIVE, title, {TITLE: [title], BODY: blocks}, "Văn bản", "\n".join(blocks))
    blocks = [b for _, bs in parts for b in bs]
    if blocks and blocks[0] == title:
        blocks = blocks[1:]
    return Document(url, PAGE, title, {TITLE: [title], BODY: blocks}, "Trang", "\n".join(blocks))


def _excluded(meta: dict) -> bool:
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def page_paths(content_dir: str) -> list[str]:
    """Every Markdown page under ``content_dir`` (relative, '/'-separated, sorted), folders
    starting with '_' or '.' left out."""
    out = []
    for root, dirs, files in os.walk(content_dir):
        dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
        rel = os.path.relpath(root, content_dir)
        for name in files:
            if name.endswith(".md"):
                out.append(name if rel == "." else f"{rel.replace(os.sep, '/')}/{name}")
    return sorted(out)


def read_page(content_dir: str, rel: str) -> tuple[dict, str]:
    """(front matter, body) of the page ``rel``; raises PageError when it cannot be read."""
    try:
        with open(os.path.join(content_dir, rel), encoding="utf-8") as f:
            return split_page(f.read())
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PageError(rel, error) from error


def page_text(rel: str, data: bytes) -> str:
    """A page's bytes as text mode reads its file (UTF-8, universal newlines)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PageError(rel, error) from error
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def parse_page(rel: str, text: str) -> tuple[dict, str]:
    """``split_page``, a page that cannot be read raising PageError."""
    try:
        return split_page(text)
    except yaml.YAMLError as error:
        raise PageError(rel, error) from error


class PageError(Exception):
    def __init__(self, rel: str, error: Exception):
        first = str(error).splitlines()[0] if str(error) else ""
        super().__init__(f"{type(error).__name__}: {first}")
        self.rel, self.reason = rel, f"{type(error).__name__}: {first}"


def directive_title(meta: dict):
    """(directive id, its title) when the page is a directive's own page, else None: article
    headers name their directives by these titles."""
    if not _excluded(meta) and PageKind.of(meta) == DIRECTIVE and meta.get("directive"):
        return str(meta["directive"]), str(meta.get("title") or meta["directive"])
    return None


def titles_used(meta: dict, titles: dict[str, str]) -> tuple:
    """The directive titles an article's document holds, as (id, title) pairs: the document is
    the same while these are."""
    if _excluded(meta) or PageKind.of(meta) != ARTICLE:
        return ()
    ids = list(meta.get("directives") or ([meta["directive"]] if meta.get("directive") else []))
    if meta.get("directive"):
        ids.append(meta["directive"])
    return tuple((i, titles.get(i, str(i))) for i in ids)


def document_of(rel: str, meta: dict, body: str, titles: dict[str, str]):
    """The searchable document of a page, or None (left out: excluded, a tag page, a year's
    later page)."""
    if _excluded(meta):
        return None
    url = page_url(rel)
    kind = PageKind.of(meta)
    if kind == ARTICLE:
        return _article(url, meta, body, titles)
    if kind == YEAR:
        return _page(url, YEAR, meta, body) if int(meta.get("page") or 1) == 1 else None
    if kind == DIRECTIVE:
        return _page(url, DIRECTIVE, meta, body)
    if kind in (PageKind.TAG, PageKind.TAGS):
        return None
    return _page(url, PAGE, meta, body)


def read_documents(content_dir: str, on_error=None) -> list[Document]:
    """The searchable documents of ``content_dir``, in the order of their paths. A page that
    cannot be read is reported to ``on_error(path, reason)`` and left out."""
    pages = []
    for rel in page_paths(content_dir):
        try:
            meta, body = read_page(content_dir, rel)
        except PageError as error:
            if on_error:
                on_error(rel, error.reason)
            continue
        pages.append((rel, meta, body))
    titles = dict(filter(None, (directive_title(meta) for _, meta, _ in pages)))
    return [doc for doc in (document_of(rel, meta, body, titles) for rel, meta, body in pages) if doc is not None]
