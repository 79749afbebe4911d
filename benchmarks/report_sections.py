"""Sections of docs/benchmarks.md that one benchmark writes and the others keep.

A section is the text between ``<!-- section: NAME -->`` and ``<!-- /section: NAME -->``.
``replace_section`` puts a benchmark's text there (appending the section the first time);
``kept_sections`` gives every section of a file, for a benchmark that rewrites the rest.
"""
from __future__ import annotations

import re
from pathlib import Path

_SECTION = re.compile(r"<!-- section: (?P<name>[\w-]+) -->\n.*?<!-- /section: (?P=name) -->\n", re.DOTALL)


def _wrapped(name: str, text: str) -> str:
    return f"<!-- section: {name} -->\n{text.rstrip()}\n<!-- /section: {name} -->\n"


def replace_section(path: Path, name: str, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new = _wrapped(name, text)
    for m in _SECTION.finditer(old):
        if m.group("name") == name:
            path.write_text(old[:m.start()] + new + old[m.end():], encoding="utf-8")
            return
    path.write_text(old.rstrip("\n") + ("\n\n" if old else "") + new, encoding="utf-8")


def kept_sections(path: Path) -> str:
    """Every marked section of ``path``, each after a blank line ('' when there is none)."""
    if not path.exists():
        return ""
    return "".join("\n" + m.group(0) for m in _SECTION.finditer(path.read_text(encoding="utf-8")))
