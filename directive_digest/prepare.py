"""The work done once per input file: read it, understand each article, and compute
everything later steps need from that article alone.

``prepare_file`` is what a pool worker runs and what the cache (batch.py) stores, so a
rebuild after one changed file does this work for that file only. For each article it
keeps (``Prepared``):

* its duplicate key (stages.duplicate_key, of the article as read; its sha256);
* what understanding it gave: ("ok", article) or ("error", kind, type name, message); the
  article without its text as read (``Article.text``): what follows reads its blocks;
* its page (render.article_page, as written, packed: write.PackedPage): used unless syndication
  later merges copies into it;
* its shingle set, MinHash sketch and bitmap (syndication.py);
* the organisations its text names (for its directive-year page);
* its slug before clashes are numbered (group.slug_base).

Problems met while reading the file are kept in order among the articles, so a build
from prepared files reports exactly what reading the files again would.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

from .article import Article
from .group import slug_base
from .organisations import organisations
from .overrides import load_sidecar
from .problems import InputError, Problem, internal_error
from .readers import read_file, source_name
from .render import article_page
from .stages import duplicate_key
from .syndication import fingerprint
from .tags import article_tags
from .write import PackedPage

UnderstandFn = Callable[[Article, object], Article]


@dataclass
class Prepared:
    source: str
    duplicate_key: str
    outcome: tuple  # ("ok", understood article) | ("error", kind, type name, message)
    page: Optional[PackedPage] = None
    shingles: bytes = b""  # syndication.pack(shingles(body_text)), unsorted (syndication.fingerprint): CRC32s
    bitmap: bytes = b""  # syndication.bitmap(shingles(body_text))
    sketch: Optional[bytes] = None  # syndication.pack_sketch(sketch(shingles(body_text)))
    organisations: Optional[list[str]] = None
    tags: Optional[list[str]] = None  # for the tag pages (tags.article_tags)
    slug_base: Optional[str] = None  # group.slug_base: the slug before clashes are numbered

    @property
    def article(self) -> Optional[Article]:
        return self.outcome[1] if self.outcome[0] == "ok" else None


Item = Union[Problem, Prepared]


def outcome(article: Article, understand: UnderstandFn, registry) -> tuple:
    """("ok", understood article) or ("error", kind, type name, message): picklable either way."""
    try:
        return ("ok", understand(article, registry))
    except InputError as error:
        return ("error", "input", type(error).__name__, str(error))
    except ValueError as error:
        return ("error", "value", type(error).__name__, str(error))
    except Exception as error:  # noqa: BLE001 - the digest step decides what a bug costs
        return ("error", "other", type(error).__name__, str(error))


def raise_error(outcome: tuple):
    """Raise again what understanding an article raised (``outcome``'s error): same type for
    the digest step's rules, same name and message."""
    _, kind, name, message = outcome
    if kind == "input":
        raise InputError(message)
    if kind == "value":
        raise ValueError(message)
    raise type(name, (Exception,), {})(message)


def read_items(path: Path, root: Path, names: Optional[set[str]] = None) -> list[Union[Problem, Article]]:
    """The file's articles as read (editors' overrides merged in) and its problems, in order.
    ``names``: what the file's directory holds, when listed already (batch.DirectoryNames)."""
    items: list[Union[Problem, Article]] = []
    try:
        overrides = load_sidecar(path, names)
        for item in read_file(path, root):
            if isinstance(item, Article) and overrides:
                item.given["overrides"] = {**item.given.get("overrides", {}), **overrides}
            items.append(item)
    except (InputError, ValueError) as error:  # the file's source name found only for a problem
        items.append(Problem(source_name(path, root), str(error)))
    except OSError as error:
        items.append(Problem(source_name(path, root), f"cannot read: {error.strerror or error}"))
    except Exception as error:  # a bug must cost one file, not the build
        items.append(Problem(source_name(path, root), internal_error(error)))
    return items


def prepare_article(article: Article, understand: UnderstandFn, registry) -> Prepared:
    key = duplicate_key(article)  # before understanding: of the article as read
    # Its sha256 stands for it (the key is the whole text): equal keys, equal digests.
    key = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest() if key else key
    result = outcome(article, understand, registry)
    prepared = Prepared(article.source, key, result)
    if result[0] != "ok":
        return prepared
    understood = result[1]
    prepared.shingles, prepared.bitmap, prepared.sketch = fingerprint(understood.body_text)
    prepared.slug_base = slug_base(understood)
    try:
        prepared.tags = article_tags(understood)  # for its page and the tag pages
        prepared.page = PackedPage(article_page(understood, registry, tags=prepared.tags).encode("utf-8"))
        prepared.organisations = organisations(understood.body_text)
    except Exception:  # noqa: BLE001 - rendered again in the main process, which reports it
        prepared.page = prepared.organisations = prepared.tags = None
    # The text as read served understanding and the duplicate key, both done: later steps read
    # the cleaned blocks. Not carrying it makes what the main process unpickles ~13% smaller.
    understood.text = ""
    return prepared


def prepare_file(path: Path, root: Path, understand: UnderstandFn, registry,
                 names: Optional[set[str]] = None) -> list[Item]:
    return [item if isinstance(item, Problem) else prepare_article(item, understand, registry)
            for item in read_items(path, root, names)]
