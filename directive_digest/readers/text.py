"""Plain-text articles, as scrapers save them: headline first, then the body."""
from __future__ import annotations

from pathlib import Path

from ..article import Article
from .decode import decode_bytes


def read_text_file(path: Path, source: str) -> list[Article]:
    return [Article(source=source, text=decode_bytes(path.read_bytes(), path))]
