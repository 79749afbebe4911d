"""The directive registry (``data/directives.yaml``) and finding its documents in text.

A reference is found in two ways: the generic spelling "<kind> [số] <number>[-/]<suffix>"
("Chỉ thị số 05-CT/TW", "Chỉ thị 05/CT- TW", a bare "Chỉ thị 05"), and the registry's
``aliases`` for what that spelling cannot catch ("Nghị quyết Trung ương 4 khóa XII").
References that name no registry document are kept as cited references.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .data_checks import check_calendar, check_registry
from .lexicon import DATA_DIR, load_data_file
from .reference_checks import Context, document_bigrams, is_state, read_context, roman, subject_share, veto, vouches
from .reference_checks import SUBJECT_MATCH
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
class Reference:
    start: int
    end: int
    text: str  # as written
    directive_id: Optional[str]  # None: not in the registry (a cited reference)
    # How it was found: "suffix" ("05-CT/TW"), "alias", "plenum", "vouched" (a bare number whose
    # subject, issue date or issuer names the document), "bare" (a bare number the registry
    # lets stand alone), "settled" (a bare number the article cites in full elsewhere), "" (none).
    how: str = ""
    number_key: Optional[tuple[str, str]] = None  # (kind family, number) of a bare number
    vetoed: Optional[str] = None  # why its number's registry document was ruled out
    state: bool = False  # a State document (Government, National Assembly…), not a Party one
    issue_year: Optional[int] = None  # the issue year written after it
    issuer: Optional[str] = None  # the issuer written after it: "central" | "local" | "state"
    # A title successive documents bear ("Quy định về trách nhiệm nêu gương": 101-QĐ/TW, then
    # 08-QĐi/TW): every document it may name, oldest first; ``directive_id`` is the newest.
    candidates: tuple[str, ...] = ()

    @property
    def identified(self) -> bool:
        """Whether it names one document: a registry one, or one written with its suffix
        ("Kế hoạch số 15-KH/TU"), its issuer ("Chỉ thị 27 của Thủ tướng Chính phủ") or its name.
        A bare "Nghị quyết 25" names none."""
        return self.directive_id is not None or self.number_key is None or self.issuer is not None

    @property
    def firm(self) -> bool:
        """Resolved by what is written with it, not by its number alone."""
        return self.how in ("suffix", "alias", "plenum", "vouched")


def _suffix_key(suffix: str) -> str:
    return re.sub(r"\s*[-/–—]\s*", "/", match_key(suffix)).upper().replace("TƯ", "TW")


def _suffix_variants(key: str) -> tuple[str, ...]:
    """Suffix keys the press writes for one document: "QĐ/TW" for "QĐi/TW" and back, "TW/NQ"
    for "NQ/TW"."""
    parts = key.split("/")
    if len(parts) == 2 and parts[0] == "TW":
        parts.reverse()
    variants = ["/".join(parts)]
    if parts[0] == "QĐI":
        variants.append("/".join(["QĐ", *parts[1:]]))
    elif parts[0] == "QĐ":
        variants.append("/".join(["QĐI", *parts[1:]]))
    return tuple(variants)


# The letters of each kind in a document's number: "Quy định số 262 của Bộ Chính trị" is 262-QĐ/TW.
KIND_CODES = {"chỉ thị": "CT", "kết luận": "KL", "nghị quyết": "NQ", "quy định": "QĐ", "quyết định": "QĐ",
              "thông báo": "TB", "thông báo kết luận": "TB", "hướng dẫn": "HD", "kế hoạch": "KH"}


def canonical_id(written: str) -> Optional[str]:
    """The number a reference as written names a document by, in one spelling: "Kết luận số
    16-KL/TW", "Kết luận 16 của Bộ Chính trị" and "16-KL/TW" give "16-KL/TW"; "Quy định số
    08-QĐi/TW" gives "8-QĐ/TW" ("QĐi" and "QĐ" are written for one another). None when it is
    not written with a suffix or a central issuer."""
    key = match_key(normalise(written))
    m = _generic_pattern().match(key) or re.fullmatch(r"\s*(?P<number>\d{1,4})\s*[-/–—]\s*(?P<suffix>[a-zđ]{1,10}"
                                                       r"(?:\s*[-/–—]\s*[a-zđ]{1,10}){1,3})\s*", key)
    if m is None:
        return None
    number = _number_key(m.group("number"))
    if m.group("suffix"):
        return f"{number}-{_suffix_variants(_suffix_key(m.group('suffix')))[0].replace('QĐI', 'QĐ')}"
    kind = KIND_ABBREVIATIONS.get(m.group("kind"), m.group("kind"))
    context = read_context(key, m.end())
    if context.issuer == "central" and kind in KIND_CODES:
        return f"{number}-{KIND_CODES[kind]}/TW"
    return None


def kind_family(kind: str) -> str:
    """"thông báo kết luận" is written "thông báo" too."""
    kind = match_key(kind)
    return "thông báo" if kind.startswith("thông báo") else kind


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


@dataclass(frozen=True)
class Meeting:
    """A Party Congress (Đại hội) or a Central Committee plenum (Hội nghị Trung ương)."""

    term: str  # "XII": the Congress's number, the term of the Central Committee it elected
    plenum: Optional[int]  # None for a Congress
    start: dt.date
    end: dt.date


@dataclass
class Registry:
    directives: dict[str, Directive]
    meetings: list[Meeting] = field(default_factory=list)  # the Party calendar, for dating
    # Party documents known by name, not number ("Điều lệ Đảng"): cited as other references.
    named: tuple[str, ...] = ()
    _by_suffix: dict[tuple[str, str], str] = field(default_factory=dict)
    _by_number: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (kind family, number)
    _aliases: Optional[re.Pattern] = None
    _alias_ids: dict[str, str] = field(default_factory=dict)
    _alias_keys: dict[str, str] = field(default_factory=dict)  # alias (match key) -> its group
    _alias_more: dict[str, tuple[str, ...]] = field(default_factory=dict)  # group -> every document bearing it
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
            self._by_number.setdefault((kind_family(d.kind), _number_key(d.number)), []).append(d.id)
            for index, alias in enumerate(d.aliases):
                shared = self._alias_keys.get(match_key(alias))
                if shared:  # a title another document bears too
                    self._alias_more[shared] = self._alias_more.get(shared, (self._alias_ids[shared],)) + (d.id,)
                    continue
                group = f"a{len(self._alias_ids)}"
                self._alias_ids[group] = d.id
                self._alias_keys[match_key(alias)] = group
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
        for variant in _suffix_variants(_suffix_key(suffix)):
            found = self._by_suffix.get((_number_key(number), variant))
            if found:
                return found
        return None

    def by_number(self, kind: str, number: str) -> list[str]:
        """Documents of a kind with a number: what a bare "Chỉ thị 05" may name."""
        return self._by_number.get((kind_family(kind), _number_key(number)), [])

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
                if key.endswith(("các ", "những "), 0, m.start()):
                    continue  # "các quy định về …": the rules of a kind, not one document
                group = next(name for name, value in m.groupdict().items() if value)
                found.append(self._alias_reference(group, m.start(), m.end(), text))
                taken.append((m.start(), m.end()))
                # "Quy định về những điều đảng viên không được làm và trách nhiệm nêu gương của cán bộ,
                # đảng viên": a second title after "và", the kind and "về" left out.
                second = self._second_title(key, m.end())
                if second:
                    found.append(self._alias_reference(second[0], second[1], second[2], text))
                    taken.append(second[1:])
        for m in (_PLENUM.finditer(key) if _may_name_plenum(key) else ()):
            if taken and any(s < m.end() and m.start() < e for s, e in taken):
                continue
            plenum = _plenum_number(m.group("n1") or m.group("n2"))
            term = roman(m.group("term"))
            directive_id = self.resolve_plenum(m.group("kind"), plenum, term, read_context(key, m.end())) \
                if plenum and term else None
            if directive_id:
                found.append(Reference(m.start(), m.end(), text[m.start():m.end()], directive_id, "plenum"))
                taken.append((m.start(), m.end()))

        # "Nghị quyết Trung ương 4 khóa XI và khóa XII": the second term names a second document.
        for ref in list(found):
            first = self.get(ref.directive_id)
            more = _AND_TERM.match(key, ref.end) if first and first.plenum else None
            other = self.resolve_plenum(match_key(first.kind), first.plenum, roman(more.group("term"))) if more else None
            if other and other != ref.directive_id:
                found.append(Reference(more.start("term"), more.end(), text[more.start("term"):more.end()], other,
                                       "plenum"))
                taken.append((more.start(), more.end()))
        for start, end in self._named_matches(key):
            if not any(s < end and start < e for s, e in taken):
                found.append(Reference(start, end, text[start:end], None))
                taken.append((start, end))
        for m in _generic_matches(key):
            if taken and any(s < m.end() and m.start() < e for s, e in taken):
                continue
            kind, number, suffix = m.group("kind"), m.group("number"), m.group("suffix")
            if kind in KIND_ABBREVIATIONS:
                if not text[m.start():m.start() + len(kind)].isupper():
                    continue  # "ct 05" in lower case is not a reference
                kind = KIND_ABBREVIATIONS[kind]
            ref = self._checked(m, kind, key, text)
            if ref is not None:
                found.append(ref)
        found.sort(key=lambda r: r.start)
        return found

    def _alias_reference(self, group: str, start: int, end: int, text: str) -> Reference:
        bearers = tuple(sorted(self._alias_more.get(group, ()), key=lambda i: self.directives[i].issued or dt.date.min))
        return Reference(start, end, text[start:end], bearers[-1] if bearers else self._alias_ids[group], "alias",
                         candidates=bearers)

    def _second_title(self, key: str, end: int) -> Optional[tuple[str, int, int]]:
        """(alias group, start, end) of a title written after "và" without its "Quy định về"."""
        m = re.match(r"[^\S\n]+và[^\S\n]+", key[end:end + 6])
        if not m:
            return None
        at = end + m.end()
        for tail, group in self._alias_tails():
            if key.startswith(tail, at) and not key[at + len(tail):at + len(tail) + 1].isalnum():
                return group, at, at + len(tail)
        return None

    def _alias_tails(self) -> list[tuple[str, str]]:
        """(what follows "<kind> về " in an alias, its group), longest first."""
        tails = self.__dict__.get("_tails_cache")
        if tails is None:
            tails = []
            for alias, group in self._alias_keys.items():
                m = re.match(r"(?:chỉ thị|nghị quyết|kết luận|quy định)\s+về\s+(.{12,})", alias)
                if m:
                    tails.append((m.group(1), group))
            tails = self.__dict__["_tails_cache"] = sorted(tails, key=lambda t: len(t[0]), reverse=True)
        return tails

    def _named_matches(self, key: str) -> list[tuple[int, int]]:
        """Spans of Party documents cited by name: the registry's ``named_documents`` ("Điều lệ
        Đảng") and Congress resolutions ("Nghị quyết Đại hội XIV", "Nghị quyết Đại hội Đảng bộ
        tỉnh lần thứ XVI"), but not a body named after one ("Tiểu ban Điều lệ Đảng") nor words
        of another document's title ("Quy định số 30-QĐ/TW … thi hành … Điều lệ Đảng")."""
        spans = [(m.start(), m.end()) for m in _CONGRESS_RESOLUTION.finditer(key)] if "đại hội" in key else []
        for name in self._named_keys():
            at = key.find(name)
            while at >= 0:
                end = at + len(name)
                if (at == 0 or not key[at - 1].isalnum()) and \
                        (end == len(key) or not key[end].isalnum()) and \
                        not re.search(r"(?:tiểu ban|ban|dự thảo)\s+$", key[max(0, at - 12):at]) and \
                        not _TITLE_BEFORE.search(key[max(0, at - 120):at]):
                    spans.append((at, end))
                at = key.find(name, end)
        spans.sort(key=lambda span: (span[0], -span[1]))
        kept: list[tuple[int, int]] = []
        for span in spans:  # the longest of overlapping names
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    def _named_keys(self) -> tuple[str, ...]:
        keys = self.__dict__.get("_named_key_cache")
        if keys is None:
            keys = self.__dict__["_named_key_cache"] = tuple(sorted({match_key(n) for n in self.named}, key=len,
                                                                   reverse=True))
        return keys

    def _checked(self, m: re.Match, kind: str, key: str, text: str) -> Optional[Reference]:
        """The reference a generic match is, its number checked against what is written with
        it (reference_checks): a registry document only when nothing written rules it out and,
        for a bare number, the registry lets it stand alone or something written names it."""
        number, suffix = m.group("number"), m.group("suffix")
        context = read_context(key, m.end())
        if m.group("issued"):  # "Nghị quyết 71/2025": the number and its issue year
            context = dataclasses.replace(context, year=int(m.group("issued")))
        candidates = [self.by_suffix(number, suffix)] if suffix else self.by_number(kind, number)
        directive_id, how, vetoed = None, "", None
        for candidate in filter(None, candidates):
            d = self.directives[candidate]
            organ = match_key(d.issuer)
            vetoed = veto(context, d.term, d.issued, organ, d.words, bare=not suffix)
            if vetoed:
                continue
            if suffix:
                directive_id, how = candidate, "suffix"
            elif vouches(context, d.issued, organ, d.words):
                directive_id, how = candidate, "vouched"
            elif d.bare_number:
                directive_id, how = candidate, "bare"
            if directive_id:
                vetoed = None
                break
        state = directive_id is None and is_state(kind, m.group(0), suffix, context)
        # A reference kept outside the registry reads on to what identifies it: its issuer when
        # it has no suffix ("Chỉ thị 27 của Thủ tướng Chính phủ"), its date when that is what
        # ruled the registry one out ("Nghị quyết số 12-NQ/TW ngày 16/3/2022 của Bộ Chính trị").
        identified = directive_id is None and (context.issuer and not suffix or vetoed and vetoed.startswith("issued"))
        end = context.end if identified else m.end()
        if directive_id is None and not (suffix or " số" in m.group(0) or text[m.start()].isupper() or candidates):
            return None  # "kế hoạch 2 năm": a common noun, not a document
        written = text[m.start():end]
        if identified and context.skipped:  # "quy định số 51 [và quy định số 231] của Ban Bí thư"
            written = text[m.start():context.skipped[0]] + text[context.skipped[1]:end]
        return Reference(m.start(), end, written.strip(" ,"), directive_id, how,
                         None if suffix else (kind_family(kind), _number_key(number)), vetoed, state, context.year,
                         context.issuer)


# "Nghị quyết Đại hội XIV của Đảng", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XII", "Nghị quyết
# Đại hội 14", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI": a Congress's resolution, by name.
_CONGRESS_RESOLUTION = re.compile(  # on one line: nothing it matches reaches across a line break
    r"n(?<!\w.)ghị quyết[^\S\n]+đại hội[^\S\n]+(?:đại biểu[^\S\n]+)?(?:(?:đảng[^\S\n]+)?(?:toàn quốc[^\S\n]+)?"
    r"(?:lần thứ[^\S\n]+)?(?:[xvil]+|\d{1,2})(?!\w)|đảng bộ[^\S\n]+[^\n.,;:()]{1,40}?[^\S\n]+lần thứ[^\S\n]+[xvil]+(?!\w))")
# A reference's title words run up to here: "Quy định số 30-QĐ/TW … thi hành Chương VII …".
_TITLE_BEFORE = re.compile(r"(?:chỉ thị|nghị quyết|kết luận|quy định|quyết định|hướng dẫn)\s+(?:số\s+)?\d[^.;!?\n]*$")
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


@functools.lru_cache(maxsize=None)
def _generic_pattern() -> re.Pattern:
    kinds = sorted((match_key(k) for k in (*KINDS, *KIND_ABBREVIATIONS)), key=lambda k: len(re.escape(k)), reverse=True)
    kinds = "|".join(map(at_word_start, kinds))
    return re.compile(
        rf"(?P<kind>{kinds})\s+(?:số\s*)?(?P<number>\d{{1,4}})"
        r"(?:/(?P<year>(?:19|20)\d\d)(?=/)|/(?P<issued>(?:19|20)\d\d)(?![\d/]))?(?!\d|/\d|\.\d|,\d)"
        r"(?:\s*[-/–—]\s*(?P<suffix>[a-zđư]{1,10}(?:\s*[-/–—]\s*[a-zđư]{1,10}){1,3}))?(?![\w/])"
    )


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
    return Registry(directives, meetings, tuple(named))
