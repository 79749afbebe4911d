"""Finding the documents a text refers to: ``find_references(registry, text)``.

A reference is found in three ways: the registry's ``aliases`` ("Nghị quyết Trung ương 4 khóa
XII": aliases.py), a plenum and its term ("Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung
ương khóa XII": the registry's documents of that plenum), and the generic spelling
"<kind> [số] <number>[-/]<suffix>" ("Chỉ thị số 05-CT/TW", "Chỉ thị 05/CT- TW", a bare "Chỉ thị
05": document_numbers.py), its number checked against what is written with it
(reference_checks.py). References that name no registry document are kept as cited references,
and so are Party documents cited by name ("Điều lệ Đảng", "Nghị quyết Đại hội XIV").
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Optional

from .document_numbers import KIND_ABBREVIATIONS, generic_matches, kind_family, number_key
from .reference_checks import is_state, read_context, roman, veto, vouches
from .registry import Registry
from .vntext import match_key, normalise


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


def find_references(registry: Registry, text: str) -> list[Reference]:
    """Every document reference in ``text``, in order of appearance."""
    text = normalise(text)
    key = match_key(text)
    if len(key) != len(text):  # pragma: no cover - match_key keeps lengths for Vietnamese
        key = text.lower()
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []
    aliases = registry.aliases
    if aliases.pattern is not None and aliases.may_occur(key):
        for m in aliases.matches(key):
            if key.endswith(("các ", "những "), 0, m.start()):
                continue  # "các quy định về …": the rules of a kind, not one document
            group = next(name for name, value in m.groupdict().items() if value)
            found.append(_alias_reference(registry, group, m.start(), m.end(), text))
            taken.append((m.start(), m.end()))
            # "Quy định về những điều đảng viên không được làm và trách nhiệm nêu gương của cán bộ,
            # đảng viên": a second title after "và", the kind and "về" left out.
            second = aliases.second_title(key, m.end())
            if second:
                found.append(_alias_reference(registry, second[0], second[1], second[2], text))
                taken.append(second[1:])
    for m in (PLENUM.finditer(key) if _may_name_plenum(key) else ()):
        if taken and any(s < m.end() and m.start() < e for s, e in taken):
            continue
        plenum = _plenum_number(m.group("n1") or m.group("n2"))
        term = roman(m.group("term"))
        directive_id = registry.resolve_plenum(m.group("kind"), plenum, term, read_context(key, m.end())) \
            if plenum and term else None
        if directive_id:
            found.append(Reference(m.start(), m.end(), text[m.start():m.end()], directive_id, "plenum"))
            taken.append((m.start(), m.end()))

    # "Nghị quyết Trung ương 4 khóa XI và khóa XII": the second term names a second document.
    for ref in list(found):
        first = registry.get(ref.directive_id)
        more = _AND_TERM.match(key, ref.end) if first and first.plenum else None
        other = registry.resolve_plenum(match_key(first.kind), first.plenum, roman(more.group("term"))) if more else None
        if other and other != ref.directive_id:
            found.append(Reference(more.start("term"), more.end(), text[more.start("term"):more.end()], other,
                                   "plenum"))
            taken.append((more.start(), more.end()))
    for start, end in _named_matches(registry, key):
        if not any(s < end and start < e for s, e in taken):
            found.append(Reference(start, end, text[start:end], None))
            taken.append((start, end))
    for m in generic_matches(key):
        if taken and any(s < m.end() and m.start() < e for s, e in taken):
            continue
        kind, number, suffix = m.group("kind"), m.group("number"), m.group("suffix")
        if kind in KIND_ABBREVIATIONS:
            if not text[m.start():m.start() + len(kind)].isupper():
                continue  # "ct 05" in lower case is not a reference
            kind = KIND_ABBREVIATIONS[kind]
        ref = _checked(registry, m, kind, key, text)
        if ref is not None:
            found.append(ref)
    found.sort(key=lambda r: r.start)
    return found


# After a title: the day it was signed, in its sentence ("quy định trách nhiệm nêu gương … đã được Tổng Bí
# thư … ký ban hành ngày 25/10/2018").
_SIGNED_ON = re.compile(r"[^.;!?\n]{0,120}?(?:ban\s+hành|ký)\s+(?:vào\s+)?ngày\s+(?P<d>\d{1,2})\s*[/\-.]\s*"
                        r"(?P<m>\d{1,2})\s*[/\-.]\s*(?P<y>(?:19|20)\d\d)")


def _alias_reference(registry: Registry, group: str, start: int, end: int, text: str) -> Reference:
    """A document named by its title; a title several documents bore in turn keeps them all as
    candidates, unless the day it was signed is written with it."""
    bearers = registry.aliases.shared.get(group, ())
    signed = _SIGNED_ON.match(match_key(text), end) if bearers else None
    if signed:
        day = (int(signed.group("y")), int(signed.group("m")), int(signed.group("d")))
        dated = [b for b in bearers if (d := registry.directives[b].issued) and (d.year, d.month, d.day) == day]
        if dated:
            return Reference(start, end, text[start:end], dated[0], "alias")
    return Reference(start, end, text[start:end], bearers[-1] if bearers else registry.aliases.ids[group], "alias",
                     candidates=bearers)


def _named_matches(registry: Registry, key: str) -> list[tuple[int, int]]:
    """Spans of Party documents cited by name: the registry's ``named_documents`` ("Điều lệ
    Đảng") and Congress resolutions ("Nghị quyết Đại hội XIV", "Nghị quyết Đại hội Đảng bộ
    tỉnh lần thứ XVI"), but not a body named after one ("Tiểu ban Điều lệ Đảng") nor words
    of another document's title ("Quy định số 30-QĐ/TW … thi hành … Điều lệ Đảng")."""
    spans = [(m.start(), m.end()) for m in _CONGRESS_RESOLUTION.finditer(key)] if "đại hội" in key else []
    for name in _named_keys(registry.named):
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


@functools.lru_cache(maxsize=8)
def _named_keys(named: tuple[str, ...]) -> tuple[str, ...]:
    """The registry's documents cited by name, as match keys, longest first."""
    return tuple(sorted({match_key(n) for n in named}, key=len, reverse=True))


def _checked(registry: Registry, m: re.Match, kind: str, key: str, text: str) -> Optional[Reference]:
    """The reference a generic match is, its number checked against what is written with
    it (reference_checks): a registry document only when nothing written rules it out and,
    for a bare number, the registry lets it stand alone or something written names it."""
    number, suffix = m.group("number"), m.group("suffix")
    context = read_context(key, m.end())
    if m.group("issued"):  # "Nghị quyết 71/2025": the number and its issue year
        context = dataclasses.replace(context, year=int(m.group("issued")))
    candidates = [registry.by_suffix(number, suffix)] if suffix else registry.by_number(kind, number)
    directive_id, how, vetoed = None, "", None
    for candidate in filter(None, candidates):
        d = registry.directives[candidate]
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
                     None if suffix else (kind_family(kind), number_key(number)), vetoed, state, context.year,
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
PLENUM = re.compile(
    r"(?P<kind>n(?<!\w.)ghị quyết|k(?<!\w.)ết luận|h(?<!\w.)ội nghị)(?:\s+(?:của\s+)?hội nghị)?\s+"
    r"(?:(?:ban chấp hành\s+)?(?:trung ương|tw|tư|t\.\s?ư)(?:\s+đảng)?\s*(?P<n1>\d{1,2})"
    r"|lần\s+thứ\s+(?P<n2>\d{1,2}|[^\W\d_]+)\s+(?:của\s+)?(?:ban chấp hành|bch)\s+(?:trung ương|tw)(?:\s+đảng)?)"
    r"[\s,(]*(?:\(\s*)?kho[áa]\s+(?P<term>[xvil]+|\d{1,2})(?!\w)\)?"
)
_AND_TERM = re.compile(r"\s*(?:,|và)\s*(?:kho[áa]\s+)?(?P<term>[xvil]+|\d{1,2})(?!\w)")


def _may_name_plenum(key: str) -> bool:
    """False when ``PLENUM`` cannot match: it needs "khóa"/"khoá" and one of its kinds."""
    return "kho" in key and ("nghị quyết" in key or "kết luận" in key or "hội nghị" in key)


def _plenum_number(value: str) -> Optional[int]:
    return int(value) if value.isdigit() else _ORDINALS.get(value)
