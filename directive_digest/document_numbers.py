"""How the press writes a document's kind and number, and the one spelling it is known by.

The generic spelling is "<kind> [số] <number>[-/]<suffix>": "Chỉ thị số 05-CT/TW", "Chỉ thị
05/CT- TW", a bare "Chỉ thị 05", in capitals "CT 05". ``generic_pattern`` matches it
(``generic_matches`` finds its matches fast); ``suffix_key``, ``suffix_variants`` and
``number_key`` write a suffix and a number as the registry indexes them; ``canonical_id`` writes
a reference as one number ("Quy định số 08-QĐi/TW" is "8-QĐ/TW"). Which document a number names
is the registry's question (registry.py, references.py).
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from .reference_checks import read_context
from .vntext import at_word_start, match_key, normalise

KINDS = ("chỉ thị", "kết luận", "nghị quyết", "quy định", "hướng dẫn", "quyết định", "kế hoạch",
         "thông báo kết luận", "thông báo", "công văn", "thông tri", "đề án", "chương trình hành động",
         "nghị định", "thông tư")
# Abbreviations the press uses, recognised only in capitals: "CT 05", "KL 01", "QĐ 08-QĐi/TW".
KIND_ABBREVIATIONS = {"ct": "chỉ thị", "kl": "kết luận", "nq": "nghị quyết", "qđ": "quy định", "qđi": "quy định"}
# The letters of each kind in a document's number: "Quy định số 262 của Bộ Chính trị" is 262-QĐ/TW.
KIND_CODES = {"chỉ thị": "CT", "kết luận": "KL", "nghị quyết": "NQ", "quy định": "QĐ", "quyết định": "QĐ",
              "thông báo": "TB", "thông báo kết luận": "TB", "hướng dẫn": "HD", "kế hoạch": "KH"}


def suffix_key(suffix: str) -> str:
    return re.sub(r"\s*[-/–—]\s*", "/", match_key(suffix)).upper().replace("TƯ", "TW")


def suffix_variants(key: str) -> tuple[str, ...]:
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


def number_key(number: str) -> str:
    return number.lstrip("0") or "0"


def kind_family(kind: str) -> str:
    """"thông báo kết luận" is written "thông báo" too."""
    kind = match_key(kind)
    return "thông báo" if kind.startswith("thông báo") else kind


def canonical_id(written: str) -> Optional[str]:
    """The number a reference as written names a document by, in one spelling: "Kết luận số
    16-KL/TW", "Kết luận 16 của Bộ Chính trị" and "16-KL/TW" give "16-KL/TW"; "Quy định số
    08-QĐi/TW" gives "8-QĐ/TW" ("QĐi" and "QĐ" are written for one another). None when it is
    not written with a suffix or a central issuer."""
    key = match_key(normalise(written))
    m = generic_pattern().match(key) or re.fullmatch(r"\s*(?P<number>\d{1,4})\s*[-/–—]\s*(?P<suffix>[a-zđ]{1,10}"
                                                      r"(?:\s*[-/–—]\s*[a-zđ]{1,10}){1,3})\s*", key)
    if m is None:
        return None
    number = number_key(m.group("number"))
    if m.group("suffix"):
        return f"{number}-{suffix_variants(suffix_key(m.group('suffix')))[0].replace('QĐI', 'QĐ')}"
    kind = KIND_ABBREVIATIONS.get(m.group("kind"), m.group("kind"))
    context = read_context(key, m.end())
    if context.issuer == "central" and kind in KIND_CODES:
        return f"{number}-{KIND_CODES[kind]}/TW"
    return None


def generic_matches(key: str):
    """``generic_pattern().finditer(key)``, tried only where a kind is written: every match opens
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
    pattern = generic_pattern()
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


@functools.lru_cache(maxsize=None)
def generic_pattern() -> re.Pattern:
    kinds = sorted((match_key(k) for k in (*KINDS, *KIND_ABBREVIATIONS)), key=lambda k: len(re.escape(k)), reverse=True)
    kinds = "|".join(map(at_word_start, kinds))
    return re.compile(
        rf"(?P<kind>{kinds})\s+(?:số\s*)?(?P<number>\d{{1,4}})"
        r"(?:/(?P<year>(?:19|20)\d\d)(?=/)|/(?P<issued>(?:19|20)\d\d)(?![\d/]))?(?!\d|/\d|\.\d|,\d)"
        r"(?:\s*[-/–—]\s*(?P<suffix>[a-zđư]{1,10}(?:\s*[-/–—]\s*[a-zđư]{1,10}){1,3}))?(?![\w/])"
    )
