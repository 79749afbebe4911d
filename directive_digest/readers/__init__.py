"""Readers: one per input format, each turning a file into ``Article`` objects.

``read_inputs`` walks files and directories; ``READERS`` maps a file extension to its
reader. A reader raises ``InputError`` with a reason a user can act on.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..article import Article
from .text import read_text_file

Reader = Callable[[Path, str], list[Article]]


class InputError(Exception):
    """An input the tool cannot read; the message says why."""


READERS: dict[str, Reader] = {
    ".txt": read_text_file,
}
# Editors' sidecar files ("bai-viet.override.yaml") are read with their article, not as articles.
SIDECAR_SUFFIXES = (".override.yaml", ".override.yml")


@dataclass
class Problem:
    source: str
    reason: str


def _register_optional() -> None:
    from .markdown import read_markdown_file

    READERS[".md"] = read_markdown_file
    READERS[".markdown"] = read_markdown_file


_register_optional()


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


def read_file(path: Path, root: Path) -> list[Article]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"unsupported file type '{path.suffix}'")
    return reader(path, source_name(path, root))
