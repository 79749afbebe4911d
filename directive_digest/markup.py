"""Turning article text into Markdown that can only ever be text.

Article text is untrusted: raw HTML, Markdown syntax, attribute lists and template syntax
in it must show as written and never act on the page.
"""
from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache

from .vntext import single_spaced

_INLINE = re.compile(r"([\\`*_\[\]{}|!#])")  # Python-Markdown escapes these
_SPECIAL = re.compile(r"[&<>\\`*_\[\]{}|!#]")  # what html.escape or _INLINE would change
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s)")
_BLOCK_START = re.compile(r"^(\s*)([-+>:])(\s|$)")


def escape(value: str) -> str:
    """Escape a string for a Markdown paragraph, table cell or heading."""
    value = single_spaced(str(value))
    if _SPECIAL.search(value):  # most article text has none of these
        value = html.escape(value, quote=False)
        value = _INLINE.sub(r"\\\1", value)
    # Both patterns are anchored at the start (no MULTILINE): at most one match, at 0. ``match``
    # answers with one try where ``sub`` tries every position of the text.
    if _LIST_START.match(value):
        value = _LIST_START.sub(r"\1\2\\\3\4", value, count=1)
    if _BLOCK_START.match(value):
        value = _BLOCK_START.sub(r"\1\\\2\3", value, count=1)
    return value


# ``escape``, remembering recent answers: titles and summaries recur on collection pages (an
# article is listed on its year page and on the year pages of every directive it cites).
text = lru_cache(maxsize=1 << 14, typed=True)(escape)


def link(label: str, target: str) -> str:
    """A Markdown link to one of our own pages (targets are generated, never from input)."""
    return f"[{text(label)}](<{target}>)"


def relative(target: str, from_page: str) -> str:
    """Path of ``target`` relative to the page ``from_page`` (both relative to docs_dir)."""
    to, start = target.split("/"), from_page.split("/")[:-1]
    if any(part in _NOT_PLAIN for part in to + start):  # ".", "..", "//": let posixpath normalise
        return posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


_NOT_PLAIN = {"", ".", ".."}
