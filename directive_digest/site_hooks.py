"""MkDocs hooks (see ``hooks:`` in mkdocs.yml).

Section titles in the navigation come from each section's ``index.md`` front matter
(``title: Chỉ thị 05 (05-CT/TW)``) instead of the directory name (``chi-thi-05-ct-tw``),
and newest years come first.
"""
from __future__ import annotations

import re

import frontmatter
from mkdocs.structure.nav import Section

_YEAR = re.compile(r"^(?:Năm )?(\d{4})$")


def _index_title(section: Section):
    for child in section.children:
        file = getattr(child, "file", None)
        if file is not None and file.name == "index" and file.abs_src_path:
            try:
                return frontmatter.load(file.abs_src_path).metadata.get("title")
            except Exception:  # a broken hand-written page: keep the directory name
                return None
    return None


def _retitle(items) -> None:
    for item in items:
        if isinstance(item, Section):
            title = _index_title(item)
            if title:
                item.title = str(title)
            _retitle(item.children)
            years = sorted((c for c in item.children if isinstance(c, Section) and _YEAR.match(c.title or "")),
                           key=lambda s: s.title, reverse=True)
            if years:
                index = [c for c in item.children if getattr(c, "is_index", False)]
                rest = [c for c in item.children if c not in index and c not in years]
                item.children[:] = index + years + rest


def on_nav(nav, config, files):
    _retitle(nav.items)
    return nav
