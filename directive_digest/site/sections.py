"""Section titles in the navigation from each section's ``index.md`` front matter
(``title: Chỉ thị 05 (05-CT/TW)``) instead of the directory name (``chi-thi-05-ct-tw``),
and newest years first."""
from __future__ import annotations

import re

import yaml
from mkdocs.structure.nav import Section

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML without libyaml
    from yaml import SafeLoader as _Loader

YEAR = re.compile(r"^(?:Năm )?(\d{4})$")


def front_matter_title(path: str):
    """The ``title`` of a page's front matter, reading only the front matter (a year page's
    index can be long, and every section's index is read)."""
    with open(path, encoding="utf-8-sig") as f:
        if f.readline().strip() != "---":
            return None
        head = []
        for line in f:
            if line.strip() in ("---", "..."):
                meta = yaml.load("".join(head), Loader=_Loader)
                return meta.get("title") if isinstance(meta, dict) else None
            head.append(line)
    return None


def _index_title(section: Section):
    for child in section.children:
        file = getattr(child, "file", None)
        if file is not None and file.name == "index" and file.abs_src_path:
            try:
                return front_matter_title(file.abs_src_path)
            except Exception:  # a broken hand-written page: keep the directory name
                return None
    return None


def retitle(items) -> None:
    """Sections named by their index page, their years newest first."""
    for item in items:
        if isinstance(item, Section):
            title = _index_title(item)
            if title:
                item.title = str(title)
            retitle(item.children)
            years = sorted((c for c in item.children if isinstance(c, Section) and YEAR.match(c.title or "")),
                           key=lambda s: s.title, reverse=True)
            if years:
                index = [c for c in item.children if getattr(c, "is_index", False)]
                rest = [c for c in item.children if c not in index and c not in years]
                item.children[:] = index + years + rest
