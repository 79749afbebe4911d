"""Markdown with front matter: an editor's curated article. Its fields win."""
from __future__ import annotations

from pathlib import Path

import frontmatter

from ..article import Article
from .decode import decode_bytes

EDITOR_FIELDS = ("title", "date", "year", "directive", "directives", "outlet", "author", "summary", "slug")


def read_markdown_file(path: Path, source: str) -> list[Article]:
    from . import InputError

    text = decode_bytes(path.read_bytes(), path)
    try:
        post = frontmatter.loads(text)
    except Exception as error:  # yaml errors come in many classes
        raise InputError(f"broken front matter: {str(error).splitlines()[0]}") from None
    overrides = {k: post.metadata[k] for k in EDITOR_FIELDS if k in post.metadata}
    given = {k: post.metadata[k] for k in ("title", "outlet", "author", "url") if post.metadata.get(k)}
    return [Article(source=source, text=post.content, given={**given, "overrides": overrides})]
