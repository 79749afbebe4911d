"""Evidence of the year from years counted from a known one: anniversaries ("kỷ niệm 70 năm …
(16/10/1948 - 16/10/2018)", "130 năm Ngày sinh Chủ tịch Hồ Chí Minh" from data/lexicon.yaml)
and years of implementation ("sau 3 năm triển khai thực hiện Chỉ thị 05": its issue year + 3;
"15 năm thực hiện Nghị quyết Trung ương 5 khoá VIII": the plenum's year + 15).
"""
from __future__ import annotations

import functools
import re

from .lexicon import load_lexicon
from .references import Reference
from .registry import Registry
from .vntext import match_key
from .year_basis import W_ANNIVERSARY, W_IMPLEMENTATION, Evidence, Layout, matches
from .year_meetings import plenum_meetings

# --- Anniversaries ----------------------------------------------------------------------------

# "(16/10/1948 - 16/10/2018)", "(1948 - 2018)", "(1930-2020)": the years an anniversary counts.
_SPAN = re.compile(r"\(\s*(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?(?P<a>(?:18|19|20)\d\d)\s*[-–—]\s*"
                   r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?(?P<b>(?:19|20)\d\d)\s*\)")
_COUNTED = re.compile(r"(?<!\w)(?P<n>\d{1,3})\s+năm\s+")
_CELEBRATES = re.compile(r"kỷ\s+niệm|mừng|nhân\s+dịp|hướng\s+tới|tròn")


def anniversaries(text: str, key: str, layout: Layout) -> list[Evidence]:
    """"kỷ niệm 70 năm … (16/10/1948 - 16/10/2018)" -> 2018; "kỷ niệm 130 năm Ngày sinh Chủ tịch
    Hồ Chí Minh" (data/lexicon.yaml counts from 1890) -> 2020."""
    found = []
    if "(" in key:
        for m in _SPAN.finditer(key):
            a, b = int(m.group("a")), int(m.group("b"))
            before = key[max(0, m.start() - 160):m.start()]
            sentence = re.split(r"[.!?;\n]\s", before)[-1]
            counted = [int(c.group("n")) for c in _COUNTED.finditer(sentence)]
            if b > a and (b - a in counted or _CELEBRATES.search(sentence) and (b - a) % 5 == 0):
                found.append(Evidence("anniversary", b, b, b, W_ANNIVERSARY * layout.place(m.start()),
                                      text[m.start():m.end()], m.start()))
    lexicon = load_lexicon()
    if lexicon.anniversaries and "năm" in key:
        for m in _counted_phrases(lexicon.anniversaries).finditer(key):
            base = dict(lexicon.anniversaries)[m.group("p")]
            year = base + int(m.group("n"))
            found.append(Evidence("anniversary", year, year, year, W_ANNIVERSARY * layout.place(m.start()),
                                  text[m.start():m.end()], m.start()))
    return found


@functools.lru_cache(maxsize=4)
def _counted_phrases(anniversaries: tuple[tuple[str, int], ...]) -> re.Pattern:
    """"<N> năm <phrase>" for the lexicon's phrases, longest first: one pass over a text (the
    pattern opens with a digit, so the engine skips to digits)."""
    phrases = "|".join(re.escape(phrase) for phrase, _ in anniversaries)
    return re.compile(rf"(?P<n>\d(?<!\w\d)\d{{0,2}})\s+năm\s+(?P<p>{phrases})")


def span_positions(evidence: list[Evidence]) -> list[tuple[int, int]]:
    return [(e.start, e.start + len(e.text)) for e in evidence if e.kind == "anniversary" and e.text.startswith("(")]


# --- Years of implementation ------------------------------------------------------------------

_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                 "chín": 9, "mười": 10}
# "sơ kết 2 năm thực hiện", "sau hơn 1 năm triển khai thực hiện", "qua 5 năm thực hiện".
IMPLEMENTED = re.compile(
    r"(?<!\w)(?P<n>\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+năm\s+"
    r"(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai|học\s+tập|quán\s+triệt|thi\s+hành)"
)
# What each match of IMPLEMENTED ends with (its "năm …"), found fast (a literal first word), and
# the characters that can stand in a match before it: see ``year_basis.matches``.
IMPLEMENTED_END = re.compile(r"năm\s+(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai|học\s+tập|quán\s+triệt|thi\s+hành)")
IMPLEMENTED_HEAD = frozenset("".join(_NUMBER_WORDS))  # the number before it (or digits, spaces)
# "sau ba năm thực hiện chỉ thị": a kind with no number after the years.
_KIND_ONLY = re.compile(r"\s+(?P<kind>chỉ thị|nghị quyết|kết luận|quy định)(?!\s*(?:số\s*)?\d)(?!\s+(?:trung|tw|hội|đại))")


# Between a document and "N năm thực hiện …": the years are the subject of that document's title
# ("Kết luận số 19-KL/TW ngày 23/5/2012 của Ban Bí thư về tổng kết 10 năm thực hiện Chỉ thị 56"), not
# what the article reports.
_TITLE_SUBJECT = re.compile(r"[^.;!?\n]{0,100}?\s(?:về|v/v)\s+(?:việc\s+)?(?:sơ\s+kết|tổng\s+kết|đánh\s+giá)\s+(?:\S+\s+)?$")


# The issue date written after a document ("nghị quyết số 791-NQ/QUTW ngày 30-12-2012"), and the month
# of issue from which its years are up too late in the year counted for the review to be held then.
_ISSUED_ON = re.compile(r",?\s*(?:ban\s+hành\s+)?ngày\s+\d{1,2}\s*[/\-.]\s*(?P<m>\d{1,2})\s*[/\-.]\s*(?P<y>(?:19|20)\d\d)")
LATE_ISSUE = 12  # December: the years are up at the very end of the year counted


def implementation(text: str, key: str, layout: Layout, refs: list[Reference], registry: Registry) -> list[Evidence]:
    """"sau 3 năm triển khai thực hiện Chỉ thị 05" -> the document's issue year + 3 (or the
    next year: reviews are held when the years are up or soon after)."""
    found = []
    if "năm" not in key:
        return found
    plenums = None
    for m in matches(IMPLEMENTED, IMPLEMENTED_END, IMPLEMENTED_HEAD, key):
        if any(0 <= m.start() - r.end <= 120 and _TITLE_SUBJECT.fullmatch(key, r.end, m.start()) for r in refs):
            continue
        n = m.group("n")
        years = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        base, end, late = None, None, False
        ref = next((r for r in refs if 0 <= r.start - m.end() <= 120), None)
        if ref is not None:
            directive = registry.get(ref.directive_id) if ref.directive_id else None
            base = ref.issue_year or (directive.year if directive else None)
            end = ref.end
            issued = _ISSUED_ON.match(key, ref.end) if ref.issue_year else None
            month = int(issued.group("m")) if issued and int(issued.group("y")) == ref.issue_year else \
                (directive.issued.month if directive and directive.issued and directive.year == base else 0)
            late = month >= LATE_ISSUE
        if base is None:
            # "sau ba năm thực hiện chỉ thị": the article's one registry document of that kind.
            kind = _KIND_ONLY.match(key, m.end())
            same = {r.directive_id for r in refs if kind and r.firm and r.directive_id and
                    match_key(registry.directives[r.directive_id].kind) == kind.group("kind")}
            if len(same) == 1:
                directive = registry.directives[same.pop()]
                base, end = directive.year, kind.end()
        if base is None:
            if plenums is None:
                plenums = list(plenum_meetings(key, registry))
            plenum = next(((p, meeting) for p, meeting in plenums if 0 <= p.start() - m.end() <= 120), None)
            if plenum:
                base, end = plenum[1].start.year, plenum[0].end()
        if base is not None:
            # Issued late in a year, its years are up late in the year counted: reviewed then or in the next.
            year = base + years + (1 if late else 0)
            found.append(Evidence("implementation", year, year - (1 if late else 0), year + 1,
                                  W_IMPLEMENTATION * layout.place(m.start()), text[m.start():end], m.start()))
    return found

