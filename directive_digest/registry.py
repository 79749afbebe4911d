"""The directive registry (``data/directives.yaml``) and finding its documents in text.

A reference is found in two ways: the generic spelling "<kind> [số] <number>[-/]<suffix>"
("Chỉ thị số 05-CT/TW", "Chỉ thị 05/CT- TW", a bare "Chỉ thị 05"), and the registry's
``aliases`` for what that spelling cannot catch ("Nghị quyết Trung ương 4 khóa XII").
References that name no registry document are kept as cited references.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .data_checks import check_registry
from .lexicon import DATA_DIR, load_data_file, load_lexicon
from .vntext import at_word_start, match_key, normalise

KINDS = ("chỉ thị", "kết luận", "nghị quyết", "quy định", "hướng dẫn", "quyết định", "kế hoạch",
         "thông báo kết luận", "thông báo", "công văn", "thông tri", "đề án", "chương trình hành động",
         "nghị định", "thông tư")
# Abbreviations the press uses, recognised only in capitals: "CT 05", "KL 01", "QĐ 08-QĐi/TW".
KIND_ABBREVIATIONS = {"ct": "chỉ thị", "kl": "kết luận", "nq": "nghị quyết", "qđ": "quy định", "qđi": "quy định"}


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
    plenum: Optional[int] = None  # Hội nghị Trung ương number, with ``term``

    @property
    def year(self) -> Optional[int]:
        return self.issued.year if self.issued else None


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    text: str  # as written
    directive_id: Optional[str]  # None: not in the registry (a cited reference)


def _suffix_key(suffix: str) -> str:
    return re.sub(r"\s*[-/]\s*", "/", match_key(suffix)).upper()


def _number_key(number: str) -> str:
    return number.lstrip("0") or "0"


def _alias_pattern(alias: str) -> str:
    words = re.findall(r"\w+", match_key(alias))
    return r"(?<!\w)" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?!\w)"


# Words of document kinds and issuers: in most texts, so a poor first test for an alias.
_COMMON_ALIAS_WORDS = frozenset(re.findall(r"\w+", " ".join(KINDS) + " trung ương tw đảng hội của về và"))


def _anchor(words: tuple[str, ...]) -> str:
    """The word an alias is first tested by: its longest uncommon one ("khoá", "gương"…)."""
    return max([w for w in words if w not in _COMMON_ALIAS_WORDS] or words, key=len, default="")


def _alias_branch(alias: str, group: str) -> str:
    """``_alias_pattern`` as one branch of the alias alternation, written for speed: each
    branch opens with a plain letter (outside its group), so the regex engine skips every
    position no alias can start at instead of trying each alias there. Same matches."""
    words = re.findall(r"\w+", match_key(alias))
    if not words:
        return f"(?P<{group}>{_alias_pattern(alias)})"
    first, rest = words[0][0], words[0][1:]
    tail = r"[\W_]+".join(re.escape(w) for w in words[1:])
    body = re.escape(rest) + (r"[\W_]+" + tail if tail else "")
    # (?<!\w.) after the first letter: no word character before that letter.
    return rf"{re.escape(first)}(?<!\w.)(?P<{group}>{body}(?!\w))"


@dataclass
class Registry:
    directives: dict[str, Directive]
    _by_suffix: dict[tuple[str, str], str] = field(default_factory=dict)
    _by_bare: dict[tuple[str, str], str] = field(default_factory=dict)
    _aliases: Optional[re.Pattern] = None
    _alias_ids: dict[str, str] = field(default_factory=dict)
    _by_plenum: dict[tuple[int, str], list[Directive]] = field(default_factory=dict)
    # A quick test before the alias regex: {anchor word: [the words of each alias having it]}.
    _alias_anchors: Optional[dict[str, list[tuple[str, ...]]]] = None
    # Where an alias can start: its first word, at a word start (None: anywhere).
    _alias_starts: Optional[re.Pattern] = None
    # (word, next word) of every alias: what an alias reaching across a line break has around it.
    _alias_pairs: frozenset = frozenset()

    def __post_init__(self) -> None:
        alias_parts = []
        anchors: dict[str, list[tuple[str, ...]]] = {}
        first_words: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for d in self.directives.values():
            self._by_suffix[(_number_key(d.number), _suffix_key(d.suffix))] = d.id
            if d.plenum and d.term:
                self._by_plenum.setdefault((d.plenum, d.term.upper()), []).append(d)
            if d.bare_number:
                self._by_bare[(match_key(d.kind), _number_key(d.number))] = d.id
            for index, alias in enumerate(d.aliases):
                group = f"a{len(self._alias_ids)}"
                self._alias_ids[group] = d.id
                alias_parts.append((len(f"(?P<{group}>{_alias_pattern(alias)})"), _alias_branch(alias, group)))
                words = tuple(re.findall(r"\w+", match_key(alias)))
                anchors.setdefault(_anchor(words), []).append(words)
                first_words.add(words[0] if words else "")
                letters = re.findall(r"[^\W_]+", match_key(alias))  # words cut at "_" too, as reference_lines cuts text
                pairs.update(zip(letters, letters[1:]))
        if alias_parts:
            # Longest aliases first so "… khóa XIII" wins over "… khóa XII".
            alias_parts.sort(key=lambda part: part[0], reverse=True)
            self._aliases = re.compile("|".join(branch for _, branch in alias_parts))
            # An alias without words (none in the data) would match anywhere: no quick test then.
            self._alias_anchors = None if "" in anchors else anchors
            if "" not in first_words:
                self._alias_starts = re.compile("|".join(at_word_start(w) for w in sorted(first_words)))
        self._alias_pairs = frozenset(pairs)

    def get(self, directive_id: str) -> Optional[Directive]:
        return self.directives.get(directive_id)

    def by_slug(self, slug: str) -> Optional[Directive]:
        return next((d for d in self.directives.values() if d.slug == slug), None)

    def resolve(self, kind: str, number: str, suffix: Optional[str], non_party: bool) -> Optional[str]:
        if suffix:
            return self._by_suffix.get((_number_key(number), _suffix_key(suffix)))
        if non_party:
            return None
        return self._by_bare.get((match_key(kind), _number_key(number)))

    def resolve_plenum(self, kind: str, plenum: int, term: str) -> Optional[str]:
        candidates = self._by_plenum.get((plenum, term.upper()), [])
        same_kind = [d for d in candidates if match_key(d.kind) == kind]
        chosen = same_kind or candidates
        return chosen[0].id if chosen else None

    def _may_cite_alias(self, key: str) -> bool:
        """False when no alias can match ``key`` because each misses one of its words: a few
        substring tests instead of the alias regex, which tries many aliases at most letters."""
        if self._alias_anchors is None:
            return True
        for anchor, aliases in self._alias_anchors.items():
            if anchor in key and any(all(map(key.__contains__, words)) for words in aliases):
                return True
        return False

    def _alias_matches(self, key: str):
        """``self._aliases.finditer(key)``, trying only where an alias's first word stands at a
        word start: every branch of the alias regex opens with that word (``_alias_branch``),
        so no match starts elsewhere, and ``match`` at those positions, in order, skipping the
        ones inside the previous match, finds what ``finditer`` finds."""
        if self._alias_starts is None:
            yield from self._aliases.finditer(key)
            return
        end = 0
        for start in self._alias_starts.finditer(key):
            if start.start() < end:
                continue
            m = self._aliases.match(key, start.start())
            if m:
                yield m
                end = m.end()

    def find_references(self, text: str) -> list[Reference]:
        """Every document reference in ``text``, in order of appearance."""
        text = normalise(text)
        key = match_key(text)
        if len(key) != len(text):  # pragma: no cover - match_key keeps lengths for Vietnamese
            key = text.lower()
        found: list[Reference] = []
        taken: list[tuple[int, int]] = []
        if self._aliases is not None and self._may_cite_alias(key):
            for m in self._alias_matches(key):
                group = next(name for name, value in m.groupdict().items() if value)
                found.append(Reference(m.start(), m.end(), text[m.start():m.end()], self._alias_ids[group]))
                taken.append((m.start(), m.end()))
        for m in (_PLENUM.finditer(key) if _may_name_plenum(key) else ()):
            if taken and any(s < m.end() and m.start() < e for s, e in taken):
                continue
            plenum = _plenum_number(m.group("n1") or m.group("n2"))
            term = _term(m.group("term"))
            directive_id = self.resolve_plenum(m.group("kind"), plenum, term) if plenum and term else None
            if directive_id:
                found.append(Reference(m.start(), m.end(), text[m.start():m.end()], directive_id))
                taken.append((m.start(), m.end()))

        # "Nghị quyết Trung ương 4 khóa XI và khóa XII": the second term names a second document.
        for ref in list(found):
            first = self.get(ref.directive_id)
            more = _AND_TERM.match(key, ref.end) if first and first.plenum else None
            other = self.resolve_plenum(match_key(first.kind), first.plenum, _term(more.group("term"))) if more else None
            if other and other != ref.directive_id:
                found.append(Reference(more.start("term"), more.end(), text[more.start("term"):more.end()], other))
                taken.append((more.start(), more.end()))
        for m in _generic_matches(key):
            if taken and any(s < m.end() and m.start() < e for s, e in taken):
                continue
            kind, number, suffix = m.group("kind"), m.group("number"), m.group("suffix")
            if kind in KIND_ABBREVIATIONS:
                if not text[m.start():m.start() + len(kind)].isupper():
                    continue  # "ct 05" in lower case is not a reference
                kind = KIND_ABBREVIATIONS[kind]
            issuer = _issuer_after(key, m.end())
            non_party = issuer is not None and issuer[1] == "non_party"
            # Keep "của Thủ tướng Chính phủ" when it is what identifies the document (no suffix).
            end = issuer[0] if issuer and non_party and not suffix else m.end()
            directive_id = None
            if kind in _registry_kinds(self):
                directive_id = self.resolve(kind, number, suffix, non_party)
            dated = _DATED.match(key, end)
            if dated:
                year = int(dated.group("y") or dated.group("y2"))
                known = self.get(directive_id) if directive_id else None
                if known and known.year and known.year != year:
                    # Same number, another document: "Nghị quyết số 12-NQ/TW ngày 16/3/2022".
                    directive_id = None
                    issuer_after = _issuer_after(key, dated.end())
                    end = issuer_after[0] if issuer_after else dated.end()
            written = text[m.start():end].strip(" ,")
            if directive_id is None and not (suffix or " số" in m.group(0) or text[m.start()].isupper()):
                continue  # "kế hoạch 2 năm": a common noun, not a document
            found.append(Reference(m.start(), end, written, directive_id))
        found.sort(key=lambda r: r.start)
        return found


# ", ngày 16/3/2022" or " ngày 15 tháng 5 năm 2016" right after a reference: its issue date.
_DATED = re.compile(r"\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?P<y>\d{4})"
                    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?P<y2>\d{4}))")
_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
             "mười": 10}
# "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết TW4 (khoá XII)", "Hội nghị Trung ương 4, khóa XIII",
# "Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XII", "… lần thứ tư … khóa 12".
# (?<!\w) after each kind's first letter, as vntext.at_word_start writes it: the engine skips positions.
_PLENUM = re.compile(
    r"(?P<kind>n(?<!\w.)ghị quyết|k(?<!\w.)ết luận|h(?<!\w.)ội nghị)(?:\s+(?:của\s+)?hội nghị)?\s+"
    r"(?:(?:ban chấp hành\s+)?(?:trung ương|tw|tư)(?:\s+đảng)?\s*(?P<n1>\d{1,2})"
    r"|lần\s+thứ\s+(?P<n2>\d{1,2}|[^\W\d_]+)\s+(?:của\s+)?(?:ban chấp hành|bch)\s+(?:trung ương|tw)(?:\s+đảng)?)"
    r"[\s,(]*(?:\(\s*)?kho[áa]\s+(?P<term>[xvil]+|\d{1,2})(?!\w)\)?"
)
_AND_TERM = re.compile(r"\s*(?:,|và)\s*(?:kho[áa]\s+)?(?P<term>[xvil]+|\d{1,2})(?!\w)")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def _may_name_plenum(key: str) -> bool:
    """False when ``_PLENUM`` cannot match: it needs "khóa"/"khoá" and one of its kinds."""
    return "kho" in key and ("nghị quyết" in key or "kết luận" in key or "hội nghị" in key)


def _generic_matches(key: str):
    """``_generic_pattern().finditer(key)``, tried only where a kind is written: every match opens
    with one. The kinds are found by substring search (a few C-level scans of the text), and the
    pattern matched at each of those places, in order, skipping those inside the last match:
    what ``finditer`` finds, without it trying the pattern at every letter a kind starts with."""
    starts = []
    for kind in _kind_openings():
        at = key.find(kind)
        while at >= 0:
            starts.append(at)
            at = key.find(kind, at + 1)
    if not starts:
        return
    pattern = _generic_pattern()
    end = 0
    for start in sorted(starts):
        if start >= end:
            m = pattern.match(key, start)
            if m:
                yield m
                end = m.end()


@functools.lru_cache(maxsize=None)
def _kind_openings() -> tuple[str, ...]:
    """The kinds (and abbreviations) as match keys, less those another one opens
    ("thông báo kết luận" starts where "thông báo" does)."""
    kinds = tuple(match_key(k) for k in (*KINDS, *KIND_ABBREVIATIONS))
    return tuple(k for k in kinds if not any(other != k and k.startswith(other) for other in kinds))


def _plenum_number(value: str) -> Optional[int]:
    return int(value) if value.isdigit() else _ORDINALS.get(value)


def _term(value: str) -> Optional[str]:
    """Roman numeral as the registry writes it: "12" -> "XII", "xiii" -> "XIII"."""
    if value.isdigit():
        n, out = int(value), ""
        for symbol, amount in (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1)):
            while n >= amount:
                out, n = out + symbol, n - amount
        return out
    return value.upper()


def _registry_kinds(registry: Registry) -> frozenset[str]:
    kinds = registry.__dict__.get("_kinds_cache")
    if kinds is None:  # computed once per registry: find_references asks for every reference
        kinds = registry.__dict__["_kinds_cache"] = frozenset(match_key(d.kind) for d in registry.directives.values())
    return kinds


@functools.lru_cache(maxsize=None)
def _generic_pattern() -> re.Pattern:
    kinds = sorted((match_key(k) for k in (*KINDS, *KIND_ABBREVIATIONS)), key=lambda k: len(re.escape(k)), reverse=True)
    kinds = "|".join(map(at_word_start, kinds))
    return re.compile(
        rf"(?P<kind>{kinds})\s+(?:số\s*)?(?P<number>\d{{1,4}})(?:/(?P<year>(?:19|20)\d\d)(?=/))?(?!\d|/\d|\.\d|,\d)"
        r"(?:\s*[-/]\s*(?P<suffix>[a-zđ]{1,6}(?:\s*[-/]\s*[a-zđ]{1,6}){1,3}))?(?![\w/])"
    )


_ISSUER_INTRO = re.compile(r"(?:\s*,)?(?:\s*ngày\s*[\d/.\-]+)?\s*(?:của|do)\s+")


def _issuer_after(key: str, end: int) -> Optional[tuple[int, str]]:
    """("…", "non_party") when the reference is qualified "của Thủ tướng Chính phủ" etc."""
    m = _ISSUER_INTRO.match(key, end, end + 60)  # as matching key[end:end + 60]: no copy
    if not m:
        return None
    at = m.end()  # where the issuer's name starts (tested in place, not in a copy of the rest)
    lexicon = load_lexicon()
    for issuer in lexicon.party_issuers:
        if key.startswith(issuer, at):
            return at + len(issuer), "party"
    for issuer in lexicon.non_party_issuers:
        if key.startswith(issuer, at):
            return at + len(issuer), "non_party"
    return None


def _as_date(value) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@functools.lru_cache(maxsize=None)
def load_registry(path: str | None = None) -> Registry:
    """The registry in ``path`` (default: the package's ``data/directives.yaml``); DataError
    naming the file, the entry and the field when it cannot be used (data_checks.py)."""
    path = Path(path or DATA_DIR / "directives.yaml")
    directives = {}
    for entry in check_registry(load_data_file(path), path, KINDS):
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
            plenum=entry.get("plenum"),
        )
        directives[d.id] = d
    return Registry(directives)
