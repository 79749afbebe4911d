"""Editors' corrections: a sidecar ``<article>.override.yaml`` or a Markdown input's
front matter. Overrides win over everything found in the text and are recorded in
``Article.overridden`` so the page can show them as such."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import yaml

from .article import Article
from .dating import as_date
from .problems import InputError
from .readers.decode import decode_bytes

FIELDS = ("title", "date", "year", "directive", "directives", "outlet", "author", "summary", "slug")


def sidecar_path(path: Path, names: Optional[set[str]] = None) -> Optional[Path]:
    """``names``, when given: what the article's directory holds (a name not there is no file)."""
    for name in (path.stem + ".override.yaml", path.name + ".override.yaml", path.stem + ".override.yml"):
        if names is not None and name not in names:
            continue
        candidate = path.with_name(name)
        if candidate.is_file():
            return candidate
    return None


def _sidecar_text(sidecar: Path) -> str:
    """Editors save with Notepad too: UTF-8 with a BOM, UTF-16, Windows-1258."""
    try:
        return decode_bytes(sidecar.read_bytes(), sidecar)
    except InputError as error:
        raise ValueError(f"override file {sidecar.name}: {error}") from None


def load_sidecar(path: Path, names: Optional[set[str]] = None) -> dict:
    """The sidecar's fields; raises ValueError with a reason when it cannot be used.
    ``names``: what the article's directory holds, when listed already (batch.DirectoryNames)."""
    if names is not None and not getattr(names, "sidecars", True):
        return {}  # no override file at all in the directory: nothing to look for
    sidecar = sidecar_path(path, names)
    if sidecar is None:
        return {}
    try:
        data = yaml.safe_load(_sidecar_text(sidecar)) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ValueError(f"override file {sidecar.name} is not valid YAML: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ValueError(f"override file {sidecar.name} must be a mapping of field: value")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ValueError(f"override file {sidecar.name} has unknown fields: {', '.join(unknown)}")
    return data


# Years a digest page can be filed under: anything else is a typo, and would make odd paths.
YEARS = range(1930, 2101)


def _as_year(value) -> Optional[int]:
    if value is None:
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ValueError(f"override year {value!r} is not a year") from None
    if year not in YEARS:
        raise ValueError(f"override year {year} is outside {YEARS.start}-{YEARS.stop - 1}")
    return year


def apply_overrides(article: Article) -> Article:
    overrides = article.given.get("overrides") or {}
    for name in FIELDS:
        if name not in overrides:
            continue
        value = overrides[name]
        if name == "date":
            date = as_date(value)
            if value is not None and date is None:
                raise ValueError(f"override date {value!r} is not a date")
            if date and date.year not in YEARS:
                raise ValueError(f"override date {value!r} is outside {YEARS.start}-{YEARS.stop - 1}")
            article.date = date
            article.year = date.year if date else article.year
            article.date_source, article.date_evidence, article.date_confidence = "override", None, "high"
        elif name == "year":
            article.year = _as_year(value)
            if article.date and article.date.year != article.year:
                article.date = None
            article.date_source, article.date_evidence, article.date_confidence = "override", None, "high"
        elif name == "directives":
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, (list, tuple, type(None))):
                raise ValueError(f"override directives must be a list of references, not {value!r}")
            article.directives = [str(v) for v in (value or [])]
        elif name == "directive":
            article.directive = str(value) if value else None
            if article.directive and article.directive not in article.directives:
                article.directives.insert(0, article.directive)
        else:
            setattr(article, name, value if value is None else str(value))
        article.overridden.append(name)
    if "directive" in overrides and article.directive in article.directives:
        article.directives.remove(article.directive)
        article.directives.insert(0, article.directive)
    return article

