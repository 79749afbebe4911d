"""The directive registry: the documents of ``data/directives.yaml`` (directives.py), indexed by
what the press writes to name them (number and suffix, kind and bare number, plenum and term,
their aliases: aliases.py), the Party calendar, and the links between documents (``continues``,
``replaces``). references.py finds the registry's documents in a text with these lookups.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .aliases import Aliases
from .directives import Directive, Meeting, read_entries
from .document_numbers import kind_family, number_key, suffix_key, suffix_variants
from .lexicon import DATA_DIR
from .reference_checks import SUBJECT_MATCH, Context, subject_share
from .vntext import match_key


@dataclass
class Registry:
    directives: dict[str, Directive]
    meetings: list[Meeting] = field(default_factory=list)  # the Party calendar, for dating
    # Party documents known by name, not number ("Điều lệ Đảng"): cited as other references.
    named: tuple[str, ...] = ()
    aliases: Aliases = field(init=False)  # the documents' aliases, as one regex
    _by_suffix: dict[tuple[str, str], str] = field(default_factory=dict)
    _by_number: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (kind family, number)
    _by_plenum: dict[tuple[int, str], list[Directive]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for d in self.directives.values():
            self._by_suffix[(number_key(d.number), suffix_key(d.suffix))] = d.id
            if d.plenum and d.term:
                self._by_plenum.setdefault((d.plenum, d.term.upper()), []).append(d)
            self._by_number.setdefault((kind_family(d.kind), number_key(d.number)), []).append(d.id)
        self.aliases = Aliases(self.directives.values())

    def meeting(self, term: str, plenum: Optional[int] = None) -> Optional[Meeting]:
        """Congress ``term`` (plenum None) or plenum ``plenum`` of the Central Committee ``term``."""
        return next((m for m in self.meetings if m.term == term and m.plenum == plenum), None)

    def kin(self, directive_ids: list[str]) -> set[str]:
        """The documents linked to these by ``continues``, either way and step by step (one
        subject's line of documents: 06-CT/TW, 03-CT/TW, 05-CT/TW, 01-KL/TW)."""
        links: dict[str, set[str]] = self.__dict__.get("_links_cache")
        if links is None:
            links = {}
            for d in self.directives.values():
                for other in d.continues:
                    links.setdefault(d.id, set()).add(other)
                    links.setdefault(other, set()).add(d.id)
            self.__dict__["_links_cache"] = links
        found, todo = set(), list(directive_ids)
        while todo:
            for other in links.get(todo.pop(), ()):
                if other not in found and other in self.directives:
                    found.add(other)
                    todo.append(other)
        return found - set(directive_ids)

    def replaced_by(self, directive_id: str) -> Optional[Directive]:
        """The document that replaced this one (its ``continues``, with ``replaces``), if any."""
        return next((d for d in self.directives.values() if d.replaces and directive_id in d.continues), None)

    def get(self, directive_id: str) -> Optional[Directive]:
        return self.directives.get(directive_id)

    def by_slug(self, slug: str) -> Optional[Directive]:
        return next((d for d in self.directives.values() if d.slug == slug), None)

    def by_suffix(self, number: str, suffix: str) -> Optional[str]:
        """The document numbered "<number>-<suffix>", as the press writes the suffix."""
        for variant in suffix_variants(suffix_key(suffix)):
            found = self._by_suffix.get((number_key(number), variant))
            if found:
                return found
        return None

    def by_number(self, kind: str, number: str) -> list[str]:
        """Documents of a kind with a number: what a bare "Chỉ thị 05" may name."""
        return self._by_number.get((kind_family(kind), number_key(number)), [])

    def resolve_plenum(self, kind: str, plenum: int, term: str, context: Optional[Context] = None) -> Optional[str]:
        """The document "<kind> Trung ương <plenum> khóa <term>" names: among the plenum's
        documents, the one its subject ("về …") names, else the one the plenum alone names
        (``plenum_default``, or the only one). A conference ("Hội nghị Trung ương 6 khóa XII")
        names a document only when one is the plenum's default."""
        candidates = self._by_plenum.get((plenum, term.upper()), [])
        if context is not None and context.subject:
            best = max(candidates, key=lambda d: subject_share(context, d.words) or 0, default=None)
            if best is not None and (subject_share(context, best.words) or 0) >= SUBJECT_MATCH:
                return best.id
        defaults = [d for d in candidates if d.plenum_default]
        if kind == "hội nghị":
            return defaults[0].id if defaults else None
        same_kind = [d for d in candidates if match_key(d.kind) == kind]
        chosen = defaults if defaults and (not same_kind or defaults[0] in same_kind) else same_kind
        if len(chosen) == 1 or chosen and chosen is defaults:
            return chosen[0].id
        return None


@functools.lru_cache(maxsize=None)
def load_registry(path: str | None = None) -> Registry:
    """The registry in ``path`` (default: the package's ``data/directives.yaml``); DataError
    naming the file, the entry and the field when it cannot be used (data_checks.py)."""
    return Registry(*read_entries(Path(path or DATA_DIR / "directives.yaml")))
