"""References of an article's lines: found line by line once, for dating and classification.

Classification reads the references of an article's title and of each block; dating, those
of the whole text (title and blocks joined by line breaks). ``references_in`` finds each
line's (``build.understand`` does it once and hands them to both), and
``find_references_joined`` puts them together as ``references.find_references`` would find
them in the joined text, searching lines joined only where something it matches could reach
across the line break between them (``inert_break``).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Optional

from .document_numbers import KIND_ABBREVIATIONS, KIND_CODES, KINDS, canonical_id, kind_family
from .references import Reference, find_references
from .registry import Registry
from .vntext import match_key, normalise

# What the patterns (and what is read after a reference) may go on with after spaces, so across
# a line break: the next line's first sign or word, after which last words of the line (None:
# any; "#": a number). Read from the patterns of references.py and document_numbers.py, and from
# what reference_checks.read_context reads after a reference (its date, issuer, term).
_BREAK_FIRST_SIGNS = frozenset(",(-/.")
_PLENUM_KINDS = {"quyết", "luận", "nghị"}  # nghị quyết, kết luận, hội nghị
_KIND_ENDS = {k.split()[-1] for k in map(match_key, (*KINDS, *KIND_ABBREVIATIONS))}  # "Chỉ thị số 05"
_BREAK_FIRST_WORDS: dict[str, Optional[set[str]]] = {
    "số": _KIND_ENDS, "của": None, "do": None, "ngày": None, "ban": None, "và": None, "bch": None,
    "hội": _PLENUM_KINDS | {"của"}, "lần": _PLENUM_KINDS, "thứ": {"lần"}, "hành": {"ban"},
    "trung": _PLENUM_KINDS | {"hành", "bch"}, "tw": _PLENUM_KINDS | {"hành", "bch"}, "tư": _PLENUM_KINDS | {"hành"},
    "đảng": {"ương", "tw", "tư"}, "khoá": {"#", "đảng", "ương", "tw", "và"}, "khóa": {"#", "đảng", "ương", "tw", "và"},
    "tháng": {"#"}, "năm": {"#"},
}
_BREAK_LAST_SIGNS = frozenset(",()-/")
_BREAK_LAST_WORDS = frozenset(["thứ", "của", "do"])  # "lần thứ <any word>", "của <issuer>", "do <issuer>"
_BEFORE_TERM = frozenset(["và", "khoá", "khóa"])  # "khoá XII", "và XIII"
# Words a number may follow after spaces: a kind's last word ("Chỉ thị 05"), "số", "Trung ương 4",
# "lần thứ 4", "khoá 12", "và 13", "ngày 15/5", "15 tháng 5 năm 2016".
_BEFORE_NUMBER = frozenset(_KIND_ENDS | {"số", "ương", "tw", "tư", "đảng", "thứ", "khoá", "khóa", "và", "ngày", "tháng", "năm"})
_ROMAN_WORD = re.compile(r"[xvil]+")  # a term ("khoá XII")
_GLUED_PLENUM = re.compile(r"(?:tw|tư)\d{1,2}")  # "TW4": the plenum's number glued to "Trung ương"
_FIRST_WORD = re.compile(r"[^\W_]+")  # an alias's words are these (it allows [\W_]+ between them)


def _last_word(text: str) -> str:
    """The last run of ``_FIRST_WORD`` characters (letters and digits) in ``text``."""
    end = len(text)
    while end and not text[end - 1].isalnum():
        end -= 1
    start = end
    while start and text[start - 1].isalnum():
        start -= 1
    return text[start:end]


def article_lines(article) -> tuple[str, ...]:
    """The lines dating and classification read: the title, then each block's text."""
    return (article.title, *[block.text for block in article.blocks])


def references_in(registry: Registry, lines: tuple[str, ...]) -> list[list[Reference]]:
    """``[find_references(registry, line) for line in lines]``, settled (``settle``)."""
    return settle(registry, [find_references(registry, line) for line in lines])


def settle(registry: Registry, groups: list[list[Reference]]) -> list[list[Reference]]:
    """A bare number ("Nghị quyết 18") of a document the article cites in full elsewhere
    ("Nghị quyết số 18-NQ/TW", or "Nghị quyết số 18 về đổi mới, sắp xếp … bộ máy"), or of one
    that document continues or is continued by, names that document, unless what is written with it ruled it out; one of a central document outside
    the registry ("Chỉ thị 25" beside "Chỉ thị 25 của Ban Bí thư") is that one. ``groups``: the
    references of each line (or of a whole text), all of one article."""
    named, outside = {}, {}
    for refs in groups:
        for ref in refs:
            directive = registry.get(ref.directive_id) if ref.firm else None
            if directive:
                named.setdefault((kind_family(directive.kind), directive.number.lstrip("0") or "0"), ref.directive_id)
            elif ref.directive_id is None and not ref.state and ref.identified and ref.number_key is None \
                    or ref.issuer == "central" and ref.directive_id is None:
                number = canonical_id(ref.text)
                if number and number.endswith("/TW"):
                    outside.setdefault((number.split("-", 1)[1].split("/")[0], number.split("-", 1)[0]), ref)
    if not named and not outside:
        return groups
    # Documents one of those continues or is continued by ("Kết luận 19" beside Thông báo kết
    # luận 50-TB/TW, which follows Kết luận 19-KL/TW up) are cited by number alone too.
    for directive_id in registry.kin(list(named.values())):
        directive = registry.get(directive_id)
        named.setdefault((kind_family(directive.kind), directive.number.lstrip("0") or "0"), directive_id)

    def settled(ref: Reference) -> Reference:
        if ref.directive_id is not None or ref.number_key is None or ref.vetoed or ref.state:
            return ref
        if ref.number_key in named:
            return dataclasses.replace(ref, directive_id=named[ref.number_key], how="settled")
        twin = outside.get((KIND_CODES.get(ref.number_key[0]), ref.number_key[1]))
        if twin is not None and not ref.identified:
            return dataclasses.replace(ref, text=twin.text, issuer=twin.issuer or "central")
        return ref

    return [[settled(ref) for ref in refs] for refs in groups]


def find_references_joined(registry: Registry, lines: tuple[str, ...],
                           each: Optional[list[list[Reference]]] = None) -> list[Reference]:
    """``find_references(registry, "\\n".join(lines))``, settled, from each line's references (``each``:
    ``references_in(registry, lines)``, when found already) moved to where the line stands: a
    reference, and what find_references reads after one, can reach across few line breaks
    (``inert_break``); lines joined by those are searched joined, as one text."""
    texts = [normalise(line) for line in lines]  # what find_references reads, line by line
    keys = [match_key(text) for text in texts]
    if not all(len(key) == len(text) and "\r" not in line for key, text, line in zip(keys, texts, lines)):
        return settle(registry, [find_references(registry, "\n".join(lines))])[0]
    each = references_in(registry, lines) if each is None else each
    joined: list[Reference] = []
    offset = first = 0
    for last in range(len(lines)):
        if last + 1 < len(lines) and not inert_break(registry, keys[last], keys[last + 1]):
            continue  # the next line goes with this one
        refs = each[first] if first == last else find_references(registry, "\n".join(lines[first:last + 1]))
        joined += [dataclasses.replace(r, start=r.start + offset, end=r.end + offset) for r in refs] \
            if offset else refs
        offset += sum(len(text) + 1 for text in texts[first:last + 1])
        first = last + 1
    return settle(registry, [joined])[0]


def inert_break(registry: Registry, before: str, after: str) -> bool:
    """True when no reference, nor what find_references reads after one (its issuer, date,
    a second term), can reach across a line break between match keys ``before`` and
    ``after``. Every pattern but the aliases crosses a break only by the spaces it allows
    before particular signs and words (_BREAK_*), after particular words; aliases, between
    two of their words."""
    if not before or not after:
        return False
    last, first = before[-1], after[0]
    if last.isspace() or first.isspace() or last in _BREAK_LAST_SIGNS:
        return False
    last_word = _last_word(before)
    first_word = _FIRST_WORD.search(after)
    first_word = first_word.group() if first_word else ""
    opening = first_word if after.startswith(first_word) else ""  # the line's first word, if it opens with one
    if last.isalnum() or last == "_":  # a pattern may stop right at the break, or go on after spaces
        if first.isdecimal():
            if last_word in _BEFORE_NUMBER:
                return False
        elif first in _BREAK_FIRST_SIGNS or last_word in _BREAK_LAST_WORDS or \
                _ROMAN_WORD.fullmatch(opening) and last_word in _BEFORE_TERM:
            return False
        elif _GLUED_PLENUM.fullmatch(opening) and last_word in _PLENUM_KINDS:
            return False  # "Nghị quyết\nTW4 (khoá XII)"
        elif opening in _BREAK_FIRST_WORDS:
            after_words = _BREAK_FIRST_WORDS[opening]
            if after_words is None or last_word in after_words or "#" in after_words and last_word.isdecimal():
                return False
    elif last == "." and (before[:-1].rstrip()[-1:] in "/.-" or before[:-1].rstrip()[-1:].isdecimal()):
        # "ngày 15.5." or "ngày 15/5/2016." going on: a date or an issuer ("… 2016. của …").
        if first.isdecimal() or first in _BREAK_FIRST_SIGNS or opening in ("của", "do"):
            return False
    return (last_word, first_word) not in registry.aliases.pairs
