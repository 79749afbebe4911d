"""The pages the digest wrote are parsed with the Markdown rules they use.

``directive-digest`` writes Markdown of a small, known dialect (render.py, collections.py,
tag_pages.py): ATX headings, paragraphs, bullet lists, tables, admonitions, attribute
lists, links, emphasis, line breaks, raw HTML blocks (charts); every piece of text taken
from an article goes through ``markup.escape``, which turns ``& < >`` into entities and
backslash-escapes the other Markdown characters. So of Python-Markdown's inline rules,
which it tries one after the other on every piece of text of every page, only five can
ever match on such a page (escape, link, line break, entity, emphasis), and some block
rules never fire (indented code, setext headings, rules, numbered lists, quotes, link
references), nor does the table of contents' "[TOC]" placeholder.

For the digest's own pages -- those its manifest lists, with the bytes it wrote (a page an
editor changed by hand is parsed with every rule) -- the parser is built without the
others: the same HTML (tests/test_site_shortcuts.py compares whole sites built both ways,
and tests/test_security.py compares arbitrary hostile text), about a quarter less Markdown
work, which is most of what a site build does per page. Hand-written pages keep every rule.
"""
from __future__ import annotations

import hashlib
import json
import os

from markdown.extensions import Extension

MANIFEST = ".digest-manifest.json"  # write.py: {"files": {relative path: sha256 of its bytes}}

# Rules a digest page never needs (names as Python-Markdown 3 registers them). A rule not
# named here stays, so a new one in a later Python-Markdown is kept, not lost.
UNUSED_INLINE = ("backtick", "reference", "image_link", "image_reference", "short_reference",
                 "short_image_ref", "autolink", "automail", "html")
UNUSED_BLOCK = ("code", "setextheader", "hr", "olist", "quote", "reference")


def restrict(md) -> None:
    """Leave ``md`` (a Markdown instance) with only the rules a digest page can use."""
    for name in UNUSED_INLINE:
        md.inlinePatterns.deregister(name, strict=False)
    for name in UNUSED_BLOCK:
        md.parser.blockprocessors.deregister(name, strict=False)
    if "toc" in md.treeprocessors:  # no "[TOC]" placeholder to look for (article text has it escaped)
        md.treeprocessors["toc"].marker = ""


class DigestDialect(Extension):
    """Added last to the site's Markdown extensions: MkDocs builds a parser for each page,
    and the one for a digest page (``dialect.digest_page``) gets only the dialect's rules."""

    def __init__(self, dialect: "Dialect", **kwargs):
        self.dialect = dialect
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        if self.dialect.digest_page:
            restrict(md)


class Dialect:
    """One build's digest pages (from the manifest) and whether the page about to be
    rendered is one of them as the digest wrote it."""

    def __init__(self) -> None:
        self.written: dict[str, str] = {}  # src_uri -> sha256 of the bytes the digest wrote
        self.digest_page = False  # the page about to be rendered (set just before its render)

    def extension(self) -> DigestDialect:
        return DigestDialect(self)

    def read_manifest(self, docs_dir: str) -> None:
        self.written.clear()
        try:
            with open(os.path.join(docs_dir, MANIFEST), encoding="utf-8") as f:
                files = json.load(f).get("files", {})
            self.written.update((str(k), str(v)) for k, v in files.items())
        except (OSError, ValueError, AttributeError):
            pass  # no digest output yet: every page is hand-written

    def written_by_digest(self, page) -> bool:
        digest = self.written.get(page.file.src_uri)
        if digest is None or not page.file.abs_src_path:
            return False
        try:
            with open(page.file.abs_src_path, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest() == digest
        except OSError:
            return False

    def before_render(self, page) -> None:
        """MkDocs renders the page right after its page_markdown events: the flag is for it."""
        self.digest_page = self.written_by_digest(page)

    def after_render(self) -> None:
        self.digest_page = False  # the next parser is a full one unless told
