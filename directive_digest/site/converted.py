"""Pages' Markdown converted once: kept from one build to the next.

Converting Markdown is most of what a build does per page (a year or tag page of the digest
lists hundreds of articles, each a link MkDocs resolves). A page's HTML is a function of its
Markdown (after every plugin's ``on_page_markdown``), its source path and address, the site's
files (links resolve against them), the Markdown extensions and their settings, the
versions of MkDocs and Python-Markdown, and the digest's dialect (dialect.py: whether the page
gets the reduced parser). All of that goes into the key of each converted page, so a page
found under its key is what converting it again would give. Then MkDocs converts an empty
Markdown instead and ``restore`` puts the kept HTML back, with what MkDocs took from the
conversion: the table of contents, the title of the first heading, the anchors it holds and
the links to other pages' anchors (MkDocs still checks those after every page is rendered).

A page whose conversion logged a warning is never kept, so a hit never hides a warning
MkDocs would print (under ``strict``, a build that fails). The conversions of one build
(those it reused and those it made) are written after it: a whole-site build's into one
file of the ``page_cache`` folder, a shard's beside its output in the shard cache (it goes
with the shard), so pages no longer built drop out.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import zlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

FORMAT = 1
SITE = "site"  # the file name of a whole-site build's conversions
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")  # object addresses in a setting's repr: not part of it
_SOURCES = Path(__file__).parent


class _Warnings(logging.Handler):
    """Counts MkDocs' warnings, as its own strict mode does."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


def _versions() -> str:
    found = []
    for name in ("mkdocs", "markdown", "pymdown-extensions"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return "\n".join(found)


def _site_code() -> bytes:
    """The site sub-package's sources: the dialect and whatever the plugin does to a page."""
    h = hashlib.sha256()
    for path in sorted(_SOURCES.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.digest()


def _extensions(config) -> str:
    names = [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__qualname__}"
             for e in config["markdown_extensions"]]
    settings = repr(sorted((str(k), repr(v)) for k, v in (config["mdx_configs"] or {}).items()))
    return "\n".join(names) + "\n" + _ADDRESS.sub("", settings)


@dataclass
class _Pending:
    key: str
    markdown: str
    entry: bytes | None  # the kept conversion (a hit), or None: converted now
    warnings: int = 0  # MkDocs' warnings before the conversion


@dataclass
class ConvertedPages:
    """One build's converted pages: those kept from the last build (``stored``, read from
    ``source``) and those of this build (``kept``, written to ``target``), by key. No
    ``target``: nothing is kept."""

    source: str | None = None
    target: str | None = None
    stored: dict[str, bytes] = field(default_factory=dict)
    kept: dict[str, bytes] = field(default_factory=dict)
    context: str = ""
    pending: dict[str, _Pending] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    warnings: _Warnings = field(default_factory=_Warnings)

    @classmethod
    def in_folder(cls, folder: str | None) -> "ConvertedPages":
        """A whole-site build's: one file in ``folder``, read and written again."""
        path = os.path.join(folder, f"{SITE}.pickle") if folder else None
        return cls(path, path)

    def start(self) -> None:
        """Read the last build's conversions (none, if the file is missing or unreadable)
        and start counting MkDocs' warnings."""
        logging.getLogger("mkdocs").addHandler(self.warnings)
        if not (self.source and self.target):
            return
        try:
            with open(self.source, "rb") as f:
                fmt, stored = pickle.load(f)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, ImportError):
            return
        if fmt == FORMAT and isinstance(stored, dict):
            self.stored = stored

    def know_site(self, config, files) -> None:
        """What every page's conversion depends on besides its own Markdown: once the files
        are final (``on_env``)."""
        h = hashlib.sha256(f"{FORMAT}\n{_versions()}\n{_extensions(config)}\n"
                           f"{config['use_directory_urls']}\n".encode())
        h.update(_site_code())
        for file in files:
            h.update(f"{file.src_uri}\0{file.url}\n".encode())
        self.context = h.hexdigest()

    def lookup(self, markdown: str, page, digest_page: bool) -> str:
        """The Markdown MkDocs is to convert: ``markdown``, or nothing when its conversion is kept."""
        if not self.target or not self.context or not markdown:
            return markdown
        key = hashlib.sha256(f"{self.context}\0{page.file.src_uri}\0{page.url}\0{digest_page}\0".encode()
                             + markdown.encode("utf-8")).hexdigest()
        entry = self.stored.get(key)
        self.pending[page.file.src_uri] = _Pending(key, markdown, entry, self.warnings.count)
        return "" if entry is not None else markdown

    def restore(self, html: str, page, files) -> str:
        """The page's HTML: the kept one (and what MkDocs took from converting it), or the
        one just made, kept for the next build unless its conversion logged a warning."""
        pending = self.pending.pop(page.file.src_uri, None)
        if pending is None:
            return html
        if pending.entry is None:
            self.misses += 1
            if self.warnings.count == pending.warnings:
                links = {f.src_uri: dict(anchors) for f, anchors in (page.links_to_anchors or {}).items()}
                entry = (html, page.toc, page._title_from_render, set(page.present_anchor_ids or ()), links,
                         page.links_to_anchors is not None)
                self.kept[pending.key] = zlib.compress(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL), 1)
            return html
        self.hits += 1
        self.kept[pending.key] = pending.entry
        html, toc, title, anchors, links, had_links = pickle.loads(zlib.decompress(pending.entry))
        page.markdown = pending.markdown
        page.toc = toc
        page._title_from_render = title  # MkDocs' Page.title reads it (mkdocs/structure/pages.py)
        page.present_anchor_ids = anchors
        page.links_to_anchors = {files.get_file_from_path(uri): a for uri, a in links.items()} if had_links else None
        return html

    def finish(self) -> None:
        """Write this build's conversions (unless the same file holds them already)."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if not self.target or (self.source == self.target and self.kept.keys() == self.stored.keys()):
            return
        os.makedirs(os.path.dirname(self.target) or ".", exist_ok=True)
        temporary = f"{self.target}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as f:
                pickle.dump((FORMAT, self.kept), f, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.target)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass

    def stop(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
