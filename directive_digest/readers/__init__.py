"""Readers: one per input format, each turning a file into ``Article`` objects.

``discover`` walks files and directories; ``READERS`` maps a file extension to its
reader. A reader raises ``InputError`` with a reason a user can act on; a reader of a
file holding many articles (JSON Lines) returns a ``Problem`` in place of each record it
cannot use, so one bad line does not cost the others.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from ..article import Article
from ..problems import InputError, Problem
from .html import read_html_file
from .markdown import read_markdown_file
from .records import read_json_file, read_jsonl_file
from .text import read_text_file

Reader = Callable[[Path, str], list[Union[Article, Problem]]]
# Files larger than this are refused before reading (an article is a few hundred kB at most;
# exports of many articles have their own, larger limit).
MAX_FILE_BYTES = 10_000_000
MAX_BYTES_BY_SUFFIX = {".html": 30_000_000, ".htm": 30_000_000,  # saved pages carry inline scripts/images
                       ".jsonl": 500_000_000, ".ndjson": 500_000_000, ".json": 500_000_000}

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".json": read_json_file,
}
# Editors' sidecar files ("bai-viet.override.yaml") are read with their article, not as articles.
SIDECAR_SUFFIXES = (".override.yaml", ".override.yml")


def discover(inputs: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) pairs: each input file with the root its ``source`` is relative to."""
    for given in inputs:
        given = Path(given)
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in path.relative_to(given).parts):
                    continue
                yield path, given
        else:
            yield given, given.parent


def is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return not name.endswith(SIDECAR_SUFFIXES) and path.suffix.lower() in READERS


def source_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_file(path: Path, root: Path) -> list[Union[Article, Problem]]:
    """The articles of one file, and a Problem for each record of it that cannot be used."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(f"unsupported file type '{path.suffix}'")
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file")
    limit = MAX_BYTES_BY_SUFFIX.get(suffix, MAX_FILE_BYTES)
    if size > limit:
        raise InputError(f"file is {size / 1e6:.1f} MB; an input file of this type can be at most "
                         f"{limit / 1e6:.0f} MB (is it really one article?)")
    return reader(path, source_name(path, root))
