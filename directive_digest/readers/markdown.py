"""Markdown with front matter: an editor's curated article. Its fields win."""
from __future__ import annotations

import re
from pathlib import Path

import frontmatter

from ..article import Article
from ..problems import InputError
from .decode import check_text, decode_bytes

EDITOR_FIELDS = ("title", "date", "year", "directive", "directives", "outlet", "author", "summary", "slug")
TEXT_FIELDS = ("title", "outlet", "author", "url", "summary", "slug", "directive")
_OPENING = re.compile(r"\A---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def read_markdown_file(path: Path, source: str) -> list[Article]:
    text = decode_bytes(path.read_bytes(), path)
    if _OPENING.match(text) and not _CLOSING.search(text, _OPENING.match(text).end()):
        raise InputError("broken front matter: it opens with '---' but no closing '---' line follows")
    try:
        post = frontmatter.loads(text)
    except Exception as error:  # yaml errors (and impossible dates such as 2021-02-30) come in many classes
        raise InputError(f"broken front matter: {str(error).splitlines()[0]}") from None
    if _OPENING.match(text) and not isinstance(post.metadata, dict):
        raise InputError("broken front matter: it must be a mapping of field: value")
    for name in TEXT_FIELDS:
        value = post.metadata.get(name)
        if isinstance(value, (dict, list)):
            raise InputError(f"front matter field '{name}' must be text, not a {type(value).__name__}")
        if isinstance(value, str):
            post.metadata[name] = check_text(value)
    overrides = {k: post.metadata[k] for k in EDITOR_FIELDS if k in post.metadata}
    given = {k: str(post.metadata[k]) for k in ("title", "outlet", "author", "url") if post.metadata.get(k)}
    return [Article(source=source, text=post.content, given={**given, "overrides": overrides})]
