"""directive_digest: Vietnamese press articles about Party directives, as a searchable digest.

The public API is small:

* ``build(inputs, output)`` runs the whole pipeline and writes Markdown pages;
* ``read_article(path)`` reads and understands one file, returning ``Article`` objects;
* ``Article`` is the content object every stage fills in.
"""
from __future__ import annotations

from pathlib import Path

from .article import Article
from .build import BuildReport, build, understand
from .readers import read_file
from .registry import load_registry
from .version import __version__


def read_article(path: str | Path) -> list[Article]:
    """Read one input file and run every per-article stage on it."""
    path = Path(path)
    registry = load_registry()
    return [understand(item, registry) for item in read_file(path, path.parent) if isinstance(item, Article)]


__all__ = ["Article", "BuildReport", "build", "read_article", "understand", "__version__"]
