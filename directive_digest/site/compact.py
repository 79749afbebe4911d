"""Pages without the blank lines the theme's templates leave behind.

Material's Jinja templates put every ``{% … %}`` tag on a line of its own, indented, so a page
carries thousands of lines that hold only spaces: 40 % of an article page (67 KB -> 40 KB at
100,000 articles), a quarter of a year or home page (110 KB -> 85 KB). A browser sees no
difference once they are gone: between tags, a run of whitespace that holds a line break
still holds one. Inside ``pre``, ``textarea``, ``script`` and ``style`` whitespace may
matter, so those are left exactly as they are.
"""
from __future__ import annotations

import re

# Elements whose whitespace is kept as written (non-greedy: each element up to its own end tag).
_AS_WRITTEN = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


# A line break, then lines that hold only spaces and tabs (a line of no-break spaces is text),
# each with its own line break: one line break instead.
_BLANK_LINES = re.compile(r"\n(?:[ \t\r]*\n)+")


def _lines_with_text(part: str) -> str:
    return _BLANK_LINES.sub("\n", part)


def without_blank_lines(html: str) -> str:
    """``html`` less its lines that hold only whitespace, outside pre, textarea, script and style."""
    out = []
    start = 0
    for kept in _AS_WRITTEN.finditer(html):
        out.append(_lines_with_text(html[start:kept.start()]))
        out.append(kept.group(0))
        start = kept.end()
    out.append(_lines_with_text(html[start:]))
    return "".join(out)
