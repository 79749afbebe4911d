"""HTML pages as a browser or scraper saved them: the article, not the site around it.

trafilatura finds the main text and the page's metadata (title, published time, author,
site name, canonical URL); menus, footers, scripts, styles and iframes are dropped, so no
markup from the page ever reaches the digest: only its text does.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from ..article import Article
from ..problems import InputError
from .decode import binary_kind, check_text

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def extract_html(html: str | bytes) -> tuple[str, dict]:
    """(text, given) of one HTML page: the title line, then one paragraph per line."""
    try:
        from trafilatura import bare_extraction
    except ImportError as error:  # pragma: no cover - an incomplete install
        raise InputError(f"cannot read HTML: {error} (pip install -r requirements.txt)") from None
    if isinstance(html, bytes):
        kind = binary_kind(html)
        if kind or b"\x00" in html[:4096]:
            raise InputError(f"binary file ({kind or 'NUL bytes'}), not an HTML page")
    document = bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                               include_images=False, include_links=False, favor_precision=True)
    if document is None or not (document.text or "").strip():
        raise InputError("no article text found in the HTML page (only menus, scripts or an empty body)")
    title = _field(document.title)
    paragraphs = [line.strip() for line in check_text(document.text).split("\n") if line.strip()]
    if title:
        title = check_text(title)
        if paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
    given = {"title": title, "date": _field(document.date), "author": _field(document.author),
             "outlet": _field(document.sitename), "url": _field(document.url)}
    given = {k: check_text(v) if isinstance(v, str) else v for k, v in given.items() if v}
    text = "\n".join(([title] if title else []) + paragraphs)
    return text, given


def _field(value) -> Optional[str]:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def read_html_file(path: Path, source: str) -> list[Article]:
    text, given = extract_html(path.read_bytes())
    return [Article(source=source, text=text, given=given)]
