"""The registry's entries as ``data/directives.yaml`` lists them: each document (``Directive``),
the Party calendar (``Meeting``: each Congress and plenum) and the documents cited by name.

``read_entries`` reads the file, checked first (data_checks.py: a ``DataError`` names the file,
the entry and the field of a mistake). registry.py indexes what it reads.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .data_checks import check_calendar, check_registry
from .document_numbers import KINDS
from .lexicon import load_data_file
from .reference_checks import document_bigrams
from .vntext import match_key, normalise


@dataclass(frozen=True)
class Directive:
    id: str
    kind: str
    number: str
    suffix: str
    issuer: str
    issued: Optional[dt.date]
    name: str
    short_name: str
    slug: str
    term: Optional[str] = None
    topic: Optional[str] = None
    bare_number: bool = False
    aliases: tuple[str, ...] = ()
    continues: tuple[str, ...] = ()
    replaces: bool = False  # the documents it continues stopped being in force on its issue
    plenum: Optional[int] = None  # Hội nghị Trung ương number, with ``term``
    plenum_default: bool = False  # what "Nghị quyết/Hội nghị Trung ương <plenum> khóa <term>" alone names

    @property
    def year(self) -> Optional[int]:
        return self.issued.year if self.issued else None

    @property
    def words(self) -> frozenset:
        """Bigrams of its subject (its name after "về …", its topic) and aliases: what a written
        subject is weighed against."""
        subject = self.name.split(" về ", 1)[-1]
        return document_bigrams(*(match_key(t) for t in (subject, self.topic or "", *self.aliases)))


@dataclass(frozen=True)
class Meeting:
    """A Party Congress (Đại hội) or a Central Committee plenum (Hội nghị Trung ương)."""

    term: str  # "XII": the Congress's number, the term of the Central Committee it elected
    plenum: Optional[int]  # None for a Congress
    start: dt.date
    end: dt.date


def _as_date(value) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def read_entries(path: Path) -> tuple[dict[str, Directive], list[Meeting], tuple[str, ...]]:
    """(documents by id, the Party calendar, the documents cited by name) of the registry file
    ``path``; DataError naming the file, the entry and the field when it cannot be used."""
    directives = {}
    data = load_data_file(path)
    for entry in check_registry(data, path, KINDS):
        d = Directive(
            id=normalise(entry["id"]),
            kind=entry["kind"],
            number=str(entry["number"]),
            suffix=entry["suffix"],
            issuer=entry.get("issuer", ""),
            issued=_as_date(entry.get("issued")),
            name=entry.get("name", entry["id"]),
            short_name=entry.get("short_name") or f"{entry['kind']} {entry['number']}",
            slug=entry["slug"],
            term=entry.get("term"),
            topic=entry.get("topic"),
            bare_number=bool(entry.get("bare_number")),
            aliases=tuple(entry.get("aliases") or ()),
            continues=tuple(entry.get("continues") or ()),
            replaces=bool(entry.get("replaces")),
            plenum=entry.get("plenum"),
            plenum_default=bool(entry.get("plenum_default")),
        )
        directives[d.id] = d
    meetings, named = check_calendar(data, path)
    meetings = [Meeting(m["term"], m.get("plenum"), _as_date(m["start"]), _as_date(m.get("end") or m["start"]))
                for m in meetings]
    return directives, meetings, tuple(named)
