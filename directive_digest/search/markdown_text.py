"""Markdown pages back to the text a reader sees: blocks of text by section, and the key
figures table of an article (what documents.py indexes)."""
from __future__ import annotations

import html
import re

_ATTR_LIST = re.compile(r"\{\s*[:#.][^{}]*\}\s*$")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((?:<[^>]*>|[^)\s]*)\)")
_TAG = re.compile(r"<[^>]+>")
# A backslash escape (the character stays) or emphasis (unescaped asterisks: text never has
# any, markup.escape escapes them).
_ESCAPE_OR_EMPHASIS = re.compile(r"\\([\\`*_\[\]{}|!#.)+\-<>:])|\*+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ADMONITION = re.compile(r'^[!?]{3}\+?\s+\w+(?:\s+"([^"]*)")?\s*$')
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def inline_text(line: str) -> str:
    """A Markdown line as the reader sees it: links, emphasis, attribute lists, tags and
    escapes gone, entities decoded."""
    line = _ATTR_LIST.sub("", line)
    if "](" in line:
        line = _LINK.sub(r"\1", line)
    if "<" in line:
        line = _TAG.sub(" ", line)
    if "*" in line or "\\" in line:
        line = _ESCAPE_OR_EMPHASIS.sub(lambda m: m.group(1) or "", line)
    if "&" in line:
        line = html.unescape(line)
    return " ".join(line.split())


def sections(body: str) -> list[tuple[str, list[str]]]:
    """[(heading of the ## section or "" before the first, [its blocks of text])]. A block is
    a paragraph, a list item, a table row (cells joined) or a heading below ##."""
    out: list[tuple[str, list[str]]] = [("", [])]
    para: list[str] = []

    def flush():
        if para:
            text = inline_text(" ".join(para))
            if text:
                out[-1][1].append(text)
            para.clear()

    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            text = inline_text(heading.group(2))
            if len(heading.group(1)) == 2:
                out.append((text, []))
            elif text:
                out[-1][1].append(text)
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            flush()
            continue
        if line.startswith("|"):
            flush()
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
            if cells and not all(set(c) <= set("-: ") for c in cells):
                text = inline_text(" · ".join(c for c in cells if c))
                if text:
                    out[-1][1].append(text)
            continue
        if _LIST_ITEM.match(line):
            flush()
            para.append(_LIST_ITEM.sub("", line))
            flush()
            continue
        para.append(line)
    flush()
    return out


_FIGURES = "\n## Số liệu chính"
_CELL = re.compile(r"(?<!\\)\|")


def key_figures(body: str) -> list[str]:
    """"4.725 đảng viên": the figure and what it counts, from each row of the key figures table
    (render.py: | figure | what it counts | the sentence |), not the sentence."""
    start = body.find(_FIGURES)
    if start < 0:
        return []
    end = body.find("\n## ", start + 1)
    out = []
    rows = [line.strip() for line in body[start:end if end > 0 else len(body)].split("\n") if line.startswith("|")]
    for line in rows[1:]:  # under the table's head
        cells = _CELL.split(line.strip("|"))
        if len(cells) >= 2 and not set(cells[0]) <= set("-: "):
            figure = " ".join(t for t in (inline_text(cells[0]), inline_text(cells[1])) if t)
            if figure:
                out.append(figure)
    return out
