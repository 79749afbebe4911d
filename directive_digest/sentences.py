"""Sentence splitting for Vietnamese news text.

A boundary is end punctuation (. ! ? … ... or the "./." terminator), any closing quote or
bracket, then a space and something that can open a sentence (a capital, a digit, an
opening quote). It is *not* a boundary when the full stop ends:

* an abbreviation or title: "TP. Vinh", "PGS.TS. Nguyễn", "ThS. Lê" ("v.v." is one only
  when a lower-case word follows);
* an initial or a run of them: "Nguyễn V. Hùng", "N.T.Q. (18 tuổi)";
* an abbreviated given name, a capital and consonants only: "Nguyễn Thị Th. (SN 1990)";
* a sentence inside a quotation that goes on: “Phải làm thường xuyên. Không …” và …

Numbers (4.725; 98,6%; 15.6.2018) never hold a stop followed by a space, so they are safe.
``is_fragment`` tells a piece of a sentence (what a wrong cut leaves) from a sentence: the
summary never shows one, and ``benchmarks/summaries.py`` counts them.
``benchmarks/sentence_split.py`` compares this with underthesea's ``sent_tokenize``.
"""
from __future__ import annotations

import re

from .vntext import single_spaced

# Titles and abbreviations that take a full stop and are followed by a name or place.
ABBREVIATIONS = ("TP", "Tp", "TS", "ThS", "Th.S", "PGS", "GS", "BS", "KS", "CN", "TT", "TX", "Q", "P",
                 "PGS.TS", "GS.TS", "TS.BS", "ThS.BS", "NXB", "Nxb", "St", "Mr", "Ms", "Dr", "No", "tr", "Tr")
_TITLE = re.compile(r"(?<![\w.])(?:%s)$" % "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)))
# An initial or a run of them: "Nguyễn V. Hùng", "nạn nhân N.T.Q. (18 tuổi)".
_INITIAL = re.compile(r"(?<![\w.])(?:[A-ZĐ]\.)*[A-ZĐ]$")
# An abbreviated given name: a capital consonant, then consonants only, which no Vietnamese
# syllable is ("Th.", "Nh.", "Ngh."): "chị Nguyễn Thị Th. (SN 1990)", "Lê Quốc Th. 400 triệu".
_CONSONANTS = "bcdđghklmnpqrstvx"
_NAME_ABBREVIATION = re.compile(rf"(?<![\w.])[{_CONSONANTS.upper()}][{_CONSONANTS}]{{1,3}}$")
_LOWER_CONSONANTS = frozenset(_CONSONANTS)
_ETC = re.compile(r"(?<!\w)v\.v$", re.IGNORECASE)
# What the text before a stop must end with for each of those to match (plain string tests,
# before the searches): an abbreviation, a capital, "v.v" in any case.
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
_ETC_SPELLINGS = ("v.v", "V.v", "v.V", "V.V")

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# What opens a sentence after an abbreviated name: a capital or an opening quote.
_OPENS_SENTENCE = re.compile(rf"[{_UPPER}“\"‘]")
# End punctuation, closing quotes/brackets, then (space + an opener) or the end of the text.
# The stop is "\./\.|\.{3,}|…|[.!?]+" written so that every branch opens with a plain
# character ("\.\.\.+" for "\.{3,}"; "[.!?]+" as three branches, one per first character):
# the regex engine then skips every position holding none of . … ! ? instead of trying the
# pattern there. Same matches, tried in the same order.
_STOP = r"\./\.|\.\.\.+|…|\.[.!?]*|![.!?]*|\?[.!?]*"
_BOUNDARY = re.compile(
    rf"(?P<stop>{_STOP})(?P<close>[”\"’)\]]*)"
    rf"(?:(?P<space>\s+)(?=[“\"‘(\[]?[{_UPPER}0-9])|(?=[{_UPPER}][{_LOWER}]))"
)


_QUOTE_MARK = re.compile("[“”]")


def _open_quote(text: str, start: int, end: int) -> bool:
    """True when a “ opened in text[start:end] is still open at ``end`` and closes later."""
    if text.find("“", start, end) < 0:
        return False  # nothing opened (most sentences): no need to walk the characters
    depth = 0
    for mark in _QUOTE_MARK.findall(text, start, end):  # only the quotation marks count
        if mark == "“":
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0 and text.find("”", end) >= 0


# What the text before a stop ends with is all that is asked of it (every pattern below ends
# in ``$``, with at most a 2-character look-behind): only its last characters are searched,
# not the whole sentence so far at every candidate stop.
_BEFORE = 20
_LOWER_WORD_END = re.compile(rf"[{_LOWER}]{{2,}}$")


def _abbreviated(before: str, following: str = "") -> bool:
    """Whether a full stop after ``before`` ends an abbreviation, a title or an initial (the
    text goes on) rather than a sentence. An abbreviated given name ends a name, and often a
    sentence: the text goes on there only when ``following`` (the character after the space;
    "" when not known) is no capital or opening quote: "Nguyễn Thị Th. (SN 1990)", "Lê Quốc
    Th. 400 triệu", but "… chuyển cho Nh. Sau đó, …"."""
    if before.endswith(ABBREVIATIONS) and _TITLE.search(before):
        return True
    if before[-1:] in _CAPITALS:
        return _INITIAL.search(before) is not None
    return before[-1:] in _LOWER_CONSONANTS and not _OPENS_SENTENCE.match(following) \
        and _NAME_ABBREVIATION.search(before) is not None


def _is_boundary(text: str, start: int, m: re.Match) -> bool:
    stop, close = m.group("stop"), m.group("close")
    before = text[max(start, m.start() - _BEFORE):m.start()]
    if m.group("space") is None:  # "thành công.Sau đó": only a plain stop after a lower-case word
        return stop == "." and not close and bool(_LOWER_WORD_END.search(before))
    if stop == ".":
        if _abbreviated(before, text[m.end():m.end() + 1]):
            return False
        if before.endswith(_ETC_SPELLINGS) and _ETC.search(before):
            return True  # followed by a capital or digit (the pattern's look-ahead): it ends
    if not close.count("”") and _open_quote(text, start, m.start()):
        return False
    return True


def split_sentences(text: str) -> list[str]:
    text = single_spaced(text)
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.end("close") <= start or not _is_boundary(text, start, m):
            continue
        sentences.append(text[start:m.end("close")].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


# A sentence that opens as the rest of one: a lower-case letter, or a mark that continues.
_CONTINUES = re.compile(rf"[{_LOWER},;:)\]”’…]")


def is_fragment(sentence: str) -> bool:
    """A piece of a sentence shown as a sentence: it opens as a continuation (a lower-case
    letter, "," ";" ":" ")" "]" "”" "…"), or its last full stop ends an abbreviation, a
    title or an initial, where the splitter does not cut ("… chị Phạm Thị Huyền Tr.")."""
    text = sentence.strip()
    if _CONTINUES.match(text):
        return True
    return text.endswith(".") and not text.endswith("..") and _abbreviated(text[-1 - _BEFORE:-1])
