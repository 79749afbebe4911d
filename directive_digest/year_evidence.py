"""What a text says about its own year: each piece of evidence, where it stands, how far it reaches.

Pure finding, no decision: ``dating.py`` weighs what is found here. Each ``Evidence`` names a
year (``point``), the years it allows (``lo``..``hi``, None: open) and a weight: the kind of
evidence times where it stands (the headline and lead weigh most; a date deep in a biography
little). Evidence without a point bounds the year only ("Nghị quyết Đại hội XIII" is cited
after the Congress; a document cannot be cited before it is issued).

Kinds: ``stated`` (a full date opening a sentence, "Chiều ngày 15/01/2019, …"), ``date`` (a
full date elsewhere in a sentence), ``anniversary`` ("kỷ niệm 70 năm … (16/10/1948 -
16/10/2018)", "kỷ niệm 130 năm Ngày sinh Chủ tịch Hồ Chí Minh"), ``implementation`` ("sau 3
năm triển khai thực hiện Chỉ thị 05": its issue year + 3; "tổng kết 15 năm thực hiện Nghị
quyết Trung ương 5 khoá VIII": the plenum's year + 15), ``meeting`` (a plenum or Congress the
article reports: "Ngày 5/10, tại Hội nghị Trung ương 8 khóa XII"), ``issued`` ("vừa ban
hành", "quán triệt" a document), ``statement`` ("Năm 2020, …"), ``period`` ("giai đoạn
2021 - 2024"), ``bound`` (cited documents, meetings, terms: years the article cannot precede
or follow). Deadlines ("trước ngày 30/6/2020") and documents' issue dates are not evidence of
the article's date.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Optional

from .datelines import DateMention, find_event_dates, find_full_dates, make_date
from .lexicon import load_lexicon
from .year_calendar import lunar_years, sessions, weekdays
from .year_basis import (EARLIEST_YEAR, W_ANNIVERSARY, W_BOUND, W_DATE, W_DEADLINE, W_FOLLOWED, W_IMPLEMENTATION, W_ISSUED,
                         W_MEETING, W_MEETING_DAY, W_MONTH, W_PERIOD, W_STATED, W_STATEMENT, W_WORK, Evidence, Layout)
from .reference_checks import roman
from .references import Reference
from .registry import Registry
from .vntext import match_key


# --- Explicit dates ---------------------------------------------------------------------------

# Before a date: it is a deadline or a future date, not something that happened.
_AHEAD = re.compile(r"(?:trước|đến(?:\s+hết)?|tới|chậm\s+nhất(?:\s+là)?|hạn(?:\s+chót)?|thời\s+hạn|hết|"
                    r"hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?(?:\s+từ)?|dự\s+kiến(?:\s+\S+){0,3}|sẽ(?:\s+\S+){0,3}|"
                    r"kéo\s+dài\s+đến|hoàn\s+thành(?:\s+\S+){0,2})\s+(?:vào\s+)?(?:ngày\s+)?$")
# Before a date: a birth, or the start of a span ("từ ngày 1/1/2018 đến nay"): it bounds the year only.
_SINCE = re.compile(r"(?:sinh|sn|từ|kể\s+từ|bắt\s+đầu\s+từ|trước\s+đó,?(?:\s+vào)?)\s+(?:ngày\s+)?$")
_CLAUSE_OPENING = re.compile(r",\s*(?:vào\s+)?(?:sáng|chiều|tối|trưa|đêm)\s+(?:nay\s+)?(?:ngày\s*)?$")
_OPENING = re.compile(r"\s*(?:vào\s+)?(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?\s*)?(?:sáng|chiều|tối|trưa|đêm)?\s*(?:nay\s*)?"
                      r"(?:thứ\s+\w+\s*,?\s*)?(?:ngày\s*)?")


def opens_sentence(key: str, start: int) -> bool:
    """A date at ``start`` of match key ``key`` opens its sentence ("Ngày 18/5/2023, …"), or a
    clause with the time of day ("Thực hiện Chỉ thị 05, chiều ngày 15/01/2019, …")."""
    before = key[max(0, start - 40):start]
    tail = re.split(r"[.!?;\n]\s*[”\"]?\s*", before)[-1]
    return bool(_OPENING.fullmatch(tail) or _CLAUSE_OPENING.search(tail))


def _issue_date_spans(text: str, refs: list[Reference], mentions: list[DateMention],
                      registry: Registry) -> set[tuple[int, int]]:
    """Documents' dates, not the article's: the issue date written with a reference ("Chỉ thị
    số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị", read by reference_checks.read_context), and
    a registry document's issue date wherever it stands. "Thực hiện Chỉ thị 05, chiều ngày
    15/01/2019, …" is an event after a reference, not its date."""
    issued = {d.issued for d in registry.directives.values() if d.issued}
    dated = [r for r in refs if r.issue_year]
    spans = set()
    for mention in mentions:
        if mention.date in issued or any(r.issue_year == mention.year and 0 <= mention.start - r.end <= 120
                                         and not re.search(r"[.;!?\n]", text[r.end:mention.start]) for r in dated):
            spans.add((mention.start, mention.end))
    return spans


def explicit_dates(text: str, key: str, layout: Layout, refs: list[Reference], registry: Registry,
                   anniversary_spans: list[tuple[int, int]]) -> list[Evidence]:
    """Full dates: stated (opening a sentence) or mentioned; each also bounds the year from
    below, as something that happened. Deadlines, future dates and documents' dates are not
    the article's (a document's date bounds it from below)."""
    found = []
    mentions = find_full_dates(text)
    documents = _issue_date_spans(text, refs, mentions, registry)
    for m in mentions:
        if any(s <= m.start < e for s, e in anniversary_spans):
            continue
        before = key[max(0, m.start - 40):m.start]
        if (m.start, m.end) in documents:
            found.append(Evidence("bound", None, m.year, None, W_BOUND, m.text, m.start, m.date))
        elif _AHEAD.search(before):
            # A deadline or date ahead: the article is from before it, mostly the same year.
            found.append(Evidence("deadline", m.year, m.year - 1, m.year, W_DEADLINE * layout.place(m.start), m.text,
                                  m.start))
        elif _SINCE.search(before):
            found.append(Evidence("bound", None, m.year, None, W_BOUND, m.text, m.start, m.date))
        elif opens_sentence(key, m.start):
            # In the headline or lead, the day reported; deeper, a step told on the way (it had happened).
            found.append(Evidence("stated", m.year, m.year, m.year if layout.line(m.start) <= 2 else None,
                                  W_STATED * layout.place(m.start), m.text, m.start, m.date))
        else:
            found.append(Evidence("date", m.year, m.year, None, W_DATE * layout.place(m.start), m.text, m.start,
                                  m.date))
    return found


# "tháng 3/2017", "Tháng 1/2019, …", "tháng 11 năm 2017": a month of a year.
_MONTH = re.compile(r"t(?<!\wt)háng\s+(?P<m>[01]?\d)\s*(?:[/\-.]\s*|\s+năm\s+)(?P<y>(?:19|20)\d\d)(?![\d/])")


def month_dates(text: str, key: str, layout: Layout) -> list[Evidence]:
    """Months of a year: opening a sentence of the headline or lead they state when ("Tháng
    1/2019, anh …"); elsewhere (a career told month by month) something that happened, so the
    article is of that year or later. A month ahead ("dự kiến
    tháng 6/2020") is not evidence."""
    found = []
    if "tháng" not in key:
        return found
    for m in _MONTH.finditer(key):
        if not 1 <= int(m.group("m")) <= 12:
            continue
        year = int(m.group("y"))
        before = key[max(0, m.start() - 40):m.start()]
        if _AHEAD.search(before + "ngày "):
            continue
        if opens_sentence(key, m.start()) and layout.in_lead(m.start()):
            found.append(Evidence("date", year, year, None, W_MONTH * layout.place(m.start()), text[m.start():m.end()],
                                  m.start()))
        else:  # "từ sau kỳ họp thứ 5 (tháng 11/2017) đến nay": something that happened
            found.append(Evidence("bound", None, year, None, W_BOUND, text[m.start():m.end()], m.start()))
    return found


# "Tổng kết công tác năm 2018 và triển khai nhiệm vụ năm 2019": a year's work reviewed or planned.
_WORK_NOUN = re.compile(r"(?<!\w)(?:tổng\s+kết|sơ\s+kết|kết\s+quả|báo\s+cáo|nhiệm\s+vụ|kế\s+hoạch|chương\s+trình|"
                        r"dự\s+toán|phương\s+hướng|chủ\s+đề|công\s+tác|ngân\s+sách|triển\s+khai)(?!\w)")
# "năm 2019" naming a year's work, not a time ("vào năm 2020", "đến năm 2020": a target).
_YEAR_WRITTEN = re.compile(r"n(?<!\wn)(?<!vào\sn)(?<!trong\sn)(?<!đến\sn)(?<!tới\sn)(?<!hết\sn)(?<!từ\sn)(?<!sau\sn)"
                           r"(?<!trước\sn)ăm\s+(?P<y>(?:19|20)\d\d)(?![\d\-–/])")
_CLAUSE_BREAK = re.compile(r",\s|\svà\s")  # "… năm 2018, triển khai nhiệm vụ năm 2019"
WORK_REACH = 200  # characters before "năm 2018" where the work it names can start
WORK_WORDS = 24  # words at most between the work and its year


@dataclass(frozen=True)
class WorkYear:
    noun: str  # "tổng kết", "nhiệm vụ"…
    start: int
    end: int
    year: int


def work_year_mentions(key: str) -> list[WorkYear]:
    """Each "năm <year>" a year's work names, in the same sentence: "tổng kết công tác năm 2018",
    "chương trình giao lưu … năm 2019". The work is the first noun of the last clause before the
    year that has one ("tổng kết … 2018, triển khai nhiệm vụ năm 2019": nhiệm vụ), else of the
    whole stretch ("báo cáo kết quả thực hiện nhiệm vụ năm 2018": báo cáo)."""
    found, end = [], 0
    for year in _YEAR_WRITTEN.finditer(key):
        lo = max(end, year.start() - WORK_REACH)
        stops = [m.end() for m in re.finditer(r"[.;:!?\n]", key[lo:year.start()])]
        lo += stops[-1] if stops else 0
        nouns = list(_WORK_NOUN.finditer(key, lo, year.start()))
        if not nouns:
            continue
        chosen = nouns[0]
        for b in reversed([m.end() for m in _CLAUSE_BREAK.finditer(key, lo, year.start())]):
            after = [n for n in nouns if n.start() >= b]
            if after:
                chosen = after[0]
                break
        if len(key[chosen.end():year.start()].split()) > WORK_WORDS:
            continue
        found.append(WorkYear(re.sub(r"\s+", " ", chosen.group()), chosen.start(), year.end(), int(year.group("y"))))
        end = year.end()
    return found


_LOOKS_AHEAD = ("nhiệm vụ", "kế hoạch", "chương trình", "dự toán", "phương hướng", "chủ đề", "triển khai")


# A day and month written in a sentence ("… của ngành Công Thương ngày 17-1", "… HĐND TP sáng 5/12"):
# with no year it says when, in the headline or lead, what is reported happened.
_DAY_MONTH = re.compile(r"(?<!\w)(?:(?:sáng|chiều|tối|trưa|đêm)\s+(?:nay\s+)?(?:ngày\s+)?|ngày\s+)"
                        r"(?P<d>[0-3]?\d)\s*[/\-]\s*(?P<m>[01]?\d)(?![\d/\-]|\s*[/\-]\s*\d)")


def lead_days(text: str, key: str, layout: Layout, events: list[DateMention]) -> list[DateMention]:
    """The day/month dates of the headline and lead: those opening a sentence (``events``), then
    those within one, deadlines left out."""
    lead_end = layout.places[3] if len(layout.places) > 3 else len(key)
    found = [e for e in events if e.start < lead_end]
    for m in _DAY_MONTH.finditer(key, 0, lead_end):
        if any(e.start <= m.start("d") < e.end + 1 for e in found) or _AHEAD.search(key[max(0, m.start() - 40):m.start()]):
            continue
        if make_date(2000, int(m.group("m")), int(m.group("d"))):
            found.append(DateMention(m.start("d"), m.end("m"), text[m.start():m.end()], int(m.group("d")),
                                     int(m.group("m")), None))
    return sorted(found, key=lambda e: e.start)


def work_years(text: str, key: str, layout: Layout, events: list[DateMention]) -> list[Evidence]:
    """A year's work the article reports on, dated by the month of its event: a review
    of 2018 held in January is of 2019, in December of 2018; the plan for 2017 is made in the
    autumn of 2016. Without a day and month the review allows that year or the next, the plan
    that year or the one before."""
    found = []
    if "năm" not in key:
        return found
    event = None
    for m in work_year_mentions(key):
        if event is None:
            event = next(iter(lead_days(text, key, layout, events)), False)
        year, noun = m.year, m.noun
        written, ahead = text[m.start:m.end], noun in _LOOKS_AHEAD
        if not event:
            # No day to tell: a bound only.
            found.append(Evidence("bound", None, year - 1 if ahead else year, None, W_BOUND / 2, written, m.start))
            continue
        if ahead:
            lo, hi, point = year - 1, year, year - 1 if event.month >= 9 else year
        else:  # a year's work or budget reported: reviewed then, or early the next year
            lo, hi, point = year, year + 1, year + 1 if event.month <= 4 else year
        found.append(Evidence("work", point, lo, hi, W_WORK * layout.place(m.start), written, m.start,
                              make_date(point, event.month, event.day)))
    return found


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
# What each match of IMPLEMENTED and STATEMENT ends with (their "năm …"), found fast (a literal
# first word), and the characters that can stand in a match before it: see ``matches``.
IMPLEMENTED_END = re.compile(r"năm\s+(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai|học\s+tập|quán\s+triệt|thi\s+hành)")
IMPLEMENTED_HEAD = frozenset("".join(_NUMBER_WORDS))  # the number before it (or digits, spaces)
# "Nghị quyết Trung ương 5 khoá VIII", "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa VIII".
PLENUM = re.compile(
    r"(?:nghị quyết|kết luận|hội nghị)(?:\s+(?:của\s+)?hội nghị)?\s+"
    r"(?:(?:ban chấp hành\s+)?(?:trung ương|tw|tư|t\.ư|t\s?ư)(?:\s+đảng)?\s*(?P<n1>\d{1,2})"
    r"|(?:lần\s+thứ\s+)(?P<n2>\d{1,2}|[^\W\d_]+)\s+(?:của\s+)?(?:ban chấp hành|bch)\s+(?:trung ương|tw)(?:\s+đảng)?)"
    r"[\s,(]*(?:\(\s*)?kho[áa]\s+(?P<term>[xvil]+|\d{1,2})(?!\w)\)?"
)
_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
             "mười": 10, "mười một": 11, "mười hai": 12}


def matches(pattern: re.Pattern, ending: re.Pattern, head: frozenset, key: str):
    """``pattern.finditer(key)``, tried only at the positions from which characters of ``head``,
    digits and spaces lead up to a match of ``ending``, in order, instead of at every position
    of the text (these patterns open with common letters or a test: the engine tries most).

    For a pattern each match of which is such characters, then a match of ``ending`` that
    ``ending.finditer`` finds: the next ending after the match's start (no ending starts among
    those characters) when endings never overlap or, as PERIOD's, each is a match by itself."""
    end = 0  # where the last match ended, or past the last position tried
    for found in ending.finditer(key):
        at = found.start()
        start = at
        while start > end and (key[start - 1] in head or key[start - 1].isspace() or key[start - 1].isdecimal()):
            start -= 1
        for start in range(max(start, end), at + 1):
            m = pattern.match(key, start)
            if m:
                yield m
                end = m.end()
                break
        else:
            end = max(end, at + 1)


# "Hội nghị Trung ương 8" with no term: the plenum the text names elsewhere with its term.
PLENUM_UNTERMED = re.compile(r"(?:nghị quyết|kết luận|hội nghị)\s+(?:ban chấp hành\s+)?(?:trung ương|tw|tư|t\.ư)"
                             r"(?:\s+đảng)?\s*(?P<n>\d{1,2})(?![\d/])")


_KIND_ONLY = re.compile(r"\s+(?P<kind>chỉ thị|nghị quyết|kết luận|quy định)(?!\s*(?:số\s*)?\d)(?!\s+(?:trung|tw|hội|đại))")


def plenum_meetings(key: str, registry: Registry) -> list:
    """(match, meeting) of each plenum named with its term, and of each named without it
    ("Hội nghị Trung ương 8") when the text names that plenum with its term elsewhere."""
    if "khoá" not in key:  # every plenum is named with its term somewhere ("khóa", as match keys write it)
        return []
    cached = _PLENUMS_SEEN.get(id(registry))
    if cached is not None and cached[0] == key:
        return cached[1]
    found = list(_plenum_meetings(key, registry))
    _PLENUMS_SEEN[id(registry)] = (key, found)
    return found


_PLENUMS_SEEN: dict = {}  # the last text's plenums, per registry: implementation and calendar both ask


def _plenum_meetings(key: str, registry: Registry):
    termed = []
    for m in PLENUM.finditer(key):
        value = m.group("n1") or m.group("n2")
        number = int(value) if value.isdigit() else _ORDINALS.get(value)
        meeting = registry.meeting(roman(m.group("term")), number) if number else None
        if meeting:
            termed.append((m, meeting))
    by_number = {}
    for _, meeting in termed:
        by_number.setdefault(meeting.plenum, set()).add(meeting)
    untermed = []
    for m in PLENUM_UNTERMED.finditer(key):
        meetings = by_number.get(int(m.group("n")), set())
        if len(meetings) == 1 and not any(t.start() <= m.start() < t.end() for t, _ in termed):
            untermed.append((m, next(iter(meetings))))
    yield from sorted(termed + untermed, key=lambda pair: pair[0].start())


def implementation(text: str, key: str, layout: Layout, refs: list[Reference], registry: Registry) -> list[Evidence]:
    """"sau 3 năm triển khai thực hiện Chỉ thị 05" -> the document's issue year + 3 (or the
    next year: reviews are held when the years are up or soon after)."""
    found = []
    if "năm" not in key:
        return found
    plenums = None
    for m in matches(IMPLEMENTED, IMPLEMENTED_END, IMPLEMENTED_HEAD, key):
        n = m.group("n")
        years = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        base, end = None, None
        ref = next((r for r in refs if 0 <= r.start - m.end() <= 120), None)
        if ref is not None:
            directive = registry.get(ref.directive_id) if ref.directive_id else None
            base = ref.issue_year or (directive.year if directive else None)
            end = ref.end
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
            year = base + years
            found.append(Evidence("implementation", year, year, year + 1, W_IMPLEMENTATION * layout.place(m.start()),
                                  text[m.start():end], m.start()))
    return found


# --- The Party calendar: plenums, Congresses, terms ----------------------------------------------

# "Đại hội XIII của Đảng", "Đại hội Đảng lần thứ XII", "Đại hội đại biểu toàn quốc lần thứ XIII",
# "Đại hội Đảng toàn quốc lần thứ XII", "Đại hội 14 của Đảng".
CONGRESS = re.compile(
    r"đại\s+hội\s+(?:(?:đại\s+biểu\s+)?(?:đảng\s+)?(?:toàn\s+quốc\s+)?(?:lần\s+thứ\s+)|đảng\s+)?"
    r"(?P<term>[xvi]{1,5}|\d{1,2})(?!\w)(?P<of>\s+(?:của\s+)?đảng(?!\s+bộ))?")
_BEFORE_CONGRESS = re.compile(r"(?:tiến\s+tới|chuẩn\s+bị|hướng\s+tới|chào\s+mừng|trước\s+thềm|dự\s+thảo|"
                              r"trình|sắp\s+tới|phục\s+vụ)\s+(?:\S+\s+){0,5}$")
_AFTER_CONGRESS = re.compile(r"(?:nghị\s+quyết|sau|từ\s+sau|kể\s+từ|tinh\s+thần|(?<!\w)tại|thành\s+công\s+của)"
                             r"\s+(?:\S+\s+)?$")
_AHEAD_OF_CONGRESS = re.compile(r"[^.;!?\n]{0,30}?(?:sắp\s+tới|tới\s+đây|sẽ|dự\s+kiến)")
_HELD = re.compile(r"\s*(?:\S+\s+){0,3}(?:khai\s+mạc|bế\s+mạc|diễn\s+ra|làm\s+việc|thảo\s+luận|họp|thành\s+công|"
                   r"đã\s+bầu|bầu)")
# "Ban Chấp hành Trung ương Đảng khóa XII", "Bộ Chính trị khoá XI": a body of a term that had begun.
_TERM_BODY = re.compile(r"(?:trung\s+ương|tw|bộ\s+chính\s+trị|ban\s+bí\s+thư)(?:\s+đảng)?[\s,(]*kho[áa]\s+"
                        r"(?P<term>[xvi]{1,5}|\d{1,2})(?!\w)")
# "nhiệm kỳ 2020 - 2025": the term of office, begun or about to begin.
_OFFICE_TERM = re.compile(r"nhiệm\s+kỳ\s+(?P<a>(?:19|20)\d\d)\s*[-–—]\s*(?P<b>(?:19|20)\d\d)")


def _in_meeting(event: DateMention, start: dt.date, end: dt.date) -> Optional[dt.date]:
    """The day of a day/month date that falls within a meeting's days, or None."""
    for year in {start.year, end.year}:
        try:
            day = dt.date(year, event.month, event.day)
        except ValueError:
            continue
        if start <= day <= end:
            return day
    return None


SOON = dt.timedelta(days=200)  # how long after a plenum or a document the press "quán triệt"s it
# Before a meeting or document: the article reports what followed it soon (studied, carried out,
# reported on), not the meeting itself.
_FOLLOWS = re.compile(r"(?:quán\s+triệt|triển\s+khai|học\s+tập|thông\s+tin\s+nhanh|thông\s+báo\s+nhanh|kết\s+quả|"
                      r"nội\s+dung|tinh\s+thần|tiếp\s+thu|sau)(?:\s+\S+){0,6}\s+(?:nghị\s+quyết\s+)?$")


def soon_after(events: list[DateMention], layout: Layout, since: dt.date) -> Optional[dt.date]:
    """The first day/month event date (of the headline or lead first, then of the rest) that
    falls soon after ``since`` (in ``since``'s year or the next): "Ngày 23-11, … quán triệt …
    Hội nghị Trung ương 8"."""
    for event in sorted(events, key=lambda e: not layout.in_lead(e.start)):
        for year in (since.year, since.year + 1):
            try:
                day = dt.date(year, event.month, event.day)
            except ValueError:
                continue
            if since <= day <= since + SOON:
                return day
    return None


def _followed(kind: str, text: str, start: int, end: int, layout: Layout, events: list[DateMention],
              since: dt.date, weight: float, soon: bool = True) -> Evidence:
    """Evidence of an article reporting what soon followed a meeting or document (``since``):
    its day, or without one (``soon``: the text says it is new) the year of ``since``."""
    day = soon_after(events, layout, since)
    if day:
        return Evidence(kind, day.year, day.year, day.year, weight, text[start:end], start, day)
    if not soon:  # studied or signed with no day to tell: maybe years on
        return Evidence("bound", None, since.year, None, W_BOUND, text[start:end], start)
    last = since.year + (1 if since.month >= 10 else 0)  # late in a year: studied in the next too
    return Evidence(kind, since.year, since.year, last, weight * layout.place(start) * 0.8, text[start:end], start)


def calendar(text: str, key: str, layout: Layout, registry: Registry, events: list[DateMention]) -> list[Evidence]:
    """Plenums and Congresses: reported (a day/month within their days, or named in the
    headline or lead with what happens there), or named only (they had begun)."""
    found = []
    # (start, end, meeting, whether the meeting itself is named, not a document it adopted)
    named = [(m.start(), m.end(), meeting, key.startswith("hội nghị", m.start()))
             for m, meeting in plenum_meetings(key, registry)]
    if "đại" in key and "hội" in key:
        for m in CONGRESS.finditer(key):
            meeting = registry.meeting(roman(m.group("term")))
            if not meeting:
                continue
            before = key[max(0, m.start() - 40):m.start()]
            if layout.in_lead(m.start()) and _FOLLOWS.search(key[max(0, m.start() - 80):m.start()]):
                found.append(_followed("meeting", text, m.start(), m.end(), layout, events, meeting.end, W_FOLLOWED))
            elif _BEFORE_CONGRESS.search(before):
                found.append(Evidence("bound", None, None, meeting.start.year, W_BOUND, text[m.start():m.end()],
                                      m.start()))
            elif _AFTER_CONGRESS.search(before) and not _AHEAD_OF_CONGRESS.match(key, m.end()):
                found.append(Evidence("bound", None, meeting.start.year, None, W_BOUND, text[m.start():m.end()],
                                      m.start()))
            else:
                named.append((m.start(), m.end(), meeting, True))
    for start, end, meeting, itself in named:
        written = text[start:end]
        # A day/month in the meeting's days, written on the meeting's line or in the lead.
        days = [d for e in events if layout.line(e.start) == layout.line(start) or layout.in_lead(e.start)
                for d in [_in_meeting(e, meeting.start, meeting.end)] if d]
        if itself and days:
            found.append(Evidence("meeting", days[0].year, days[0].year, days[0].year, W_MEETING_DAY, written, start,
                                  days[0]))
        elif itself and layout.in_lead(start) and _FOLLOWS.search(key[max(0, start - 80):start]):
            found.append(_followed("meeting", text, start, end, layout, events, meeting.end, W_FOLLOWED))
        elif itself and layout.in_lead(start) and _HELD.match(key, end):
            found.append(Evidence("meeting", meeting.start.year, meeting.start.year, meeting.end.year + 1,
                                  W_MEETING * layout.place(start), written, start))
        elif meeting.plenum is not None:  # a plenum named had been held
            found.append(Evidence("bound", None, meeting.start.year, None, W_BOUND, written, start))
    if "khoá" in key:
        for m in _TERM_BODY.finditer(key):
            meeting = registry.meeting(roman(m.group("term")))
            if meeting:
                found.append(Evidence("bound", None, meeting.start.year, None, W_BOUND / 2, text[m.start():m.end()],
                                      m.start()))
    if "nhiệm" in key:
        for m in _OFFICE_TERM.finditer(key):
            a, b = int(m.group("a")), int(m.group("b"))
            if a < b <= a + 6:
                found.append(Evidence("bound", None, a - 1, None, W_BOUND / 2, text[m.start():m.end()], m.start()))
    return found


# --- Documents cited, newly issued, indoctrinated ------------------------------------------------

_NEWLY_ISSUED = re.compile(r"(?:vừa|mới)\s+(?:chính\s+thức\s+)?(?:ký\s+)?(?:ban\s+hành|ký)\s+(?:\S+\s+){0,2}$")
_SIGNED = re.compile(r"(?:đã\s+)?(?:thay\s+mặt\s+\S+\s+\S+\s+)?ký\s+(?:ban\s+hành|quyết\s+định\s+ban\s+hành)\s+(?:\S+\s+){0,2}$")
# Before a document: the rule a decision applies, so one in force ("Căn cứ Quy định số 102-QĐ/TW …").
_APPLIED = re.compile(r"căn\s+cứ\s+(?:vào\s+)?(?:\S+\s+){0,2}$")
_INDOCTRINATION = re.compile(r"(?:học\s+tập,?\s+)?quán\s+triệt(?:,?\s+(?:và\s+)?triển\s+khai(?:\s+thực\s+hiện)?)?"
                             r"(?:\s+\S+){0,4}\s+$")


def documents(text: str, key: str, layout: Layout, refs: list[Reference], registry: Registry,
              events: list[DateMention]) -> list[Evidence]:
    """A document cited bounds the year from below (it cannot be cited before it is issued); one
    "vừa ban hành" names the year; one "quán triệt" (studied when new) that year or the next."""
    found = []
    for ref in refs:
        # A title successive documents bore: "vừa ban hành" the newest; cited, the oldest bounds the year.
        newest = registry.get(ref.directive_id) if ref.directive_id and ref.firm else None
        oldest = registry.get(ref.candidates[0]) if newest and ref.candidates else newest
        year = ref.issue_year or (newest.year if newest else None)
        if year is None:
            continue
        before = key[max(0, ref.start - 60):ref.start]
        if _NEWLY_ISSUED.search(before) or layout.in_lead(ref.start) and (_INDOCTRINATION.search(before) or
                                                                           _SIGNED.search(before)):
            start = max(ref.start - 60, text.rfind("\n", 0, ref.start) + 1)  # the words before it, on its line
            if newest and newest.year == year:
                found.append(_followed("issued", text, start, ref.end, layout, events, newest.issued, W_FOLLOWED,
                                       soon=bool(_NEWLY_ISSUED.search(before) or _SIGNED.search(before))))
            else:
                found.append(Evidence("issued", year, year, year + 1, W_ISSUED * layout.place(ref.start),
                                      text[start:ref.end].strip(), start))
        else:
            bound = ref.issue_year or oldest.year
            found.append(Evidence("bound", None, bound, None, W_BOUND, ref.text, ref.start))
        replacement = registry.replaced_by(newest.id) if newest and not ref.candidates else None
        if replacement and replacement.issued and _APPLIED.search(before):
            # "Căn cứ Quy định số 181-QĐ/TW …": the rule in force, so not after it was replaced.
            found.append(Evidence("bound", None, None, replacement.issued.year, W_BOUND, ref.text, ref.start))
    return found


# --- Years stated -----------------------------------------------------------------------------

# "Năm 2020, …", "Trong năm 2023, …", "6 tháng đầu năm 2019", "tính đến hết năm 2022".
STATEMENT_YEAR = re.compile(
    r"(?:(?:^|(?<=[.;!?:]\s)|(?<=\n))(?:trong\s+|riêng\s+|cuối\s+|đầu\s+)?năm\s+(?P<a>(?:19|20)\d\d)\s*,"
    r"|(?:\d+\s+tháng\s+(?:đầu|cuối)|quý\s+[ivx1-4]+|trong|hết|cuối|chuyên\s+đề(?:\s+hằng|\s+hàng)?)\s+năm\s+"
    r"(?P<b>(?:19|20)\d\d)(?!\s*[-–]))"
)
# "giai đoạn 2021 - 2024", "từ năm 2016-2021", "Từ năm 2021 đến năm 2024".
PERIOD = re.compile(
    r"(?P<pre>giai\s+đoạn|từ\s+năm|từ|nhiệm\s+kỳ|trong\s+)?\s*(?P<a>(?:19|20)\d\d)\s*"
    r"(?:[-–—]|đến(?:\s+năm)?)\s*(?P<b>(?:19|20)\d\d)(?!\d)"
)
_TITLE_YEAR = re.compile(r"(?<!\w)năm\s+(?P<y>(?:19|20)\d\d)(?![\d\-–/])")
_FUTURE = re.compile(r"(?:phấn\s+đấu|mục\s+tiêu|đến|tới|dự\s+kiến|kế\s+hoạch|tầm\s+nhìn)\s+(?:\S+\s+){0,2}$")
STATEMENT_END = re.compile(r"năm\s+(?:19|20)\d\d")
STATEMENT_HEAD = frozenset("trong riêng cuối đầu tháng quý ivx hết chuyên đề hằng hàng")
PERIOD_END = re.compile(r"(?:19|20)\d\d\s*(?:[-–—]|đến(?:\s+năm)?)\s*(?:19|20)\d\d(?!\d)")  # a match by itself
PERIOD_HEAD = frozenset("giai đoạn từ năm nhiệm kỳ trong")


def statements(text: str, key: str, layout: Layout, excluded: list[tuple[int, int]]) -> list[Evidence]:
    """The latest year the text speaks of as present or past ("Năm 2020, …") and the end of the
    latest period it reviews ("giai đoạn 2021 - 2024"): the article is of that year or later.
    Earlier ones bound the year from below."""
    found: list[Evidence] = []
    if "năm" in key:
        for m in matches(STATEMENT_YEAR, STATEMENT_END, STATEMENT_HEAD, key):
            group = "a" if m.group("a") else "b"
            if any(s <= m.start(group) < e for s, e in excluded) or _FUTURE.search(key[max(0, m.start() - 30):m.start()]):
                continue
            year = int(m.group(group))
            found.append(Evidence("statement", year, year, None, W_STATEMENT * layout.place(m.start()),
                                  text[m.start():m.end()].strip(" ,"), m.start()))
    title_end = layout.starts[1] if len(layout.starts) > 1 else len(key)
    for m in _TITLE_YEAR.finditer(key, 0, title_end):  # "Tăng trưởng GDP năm 2018 đạt 7,08%"
        if not _FUTURE.search(key[max(0, m.start() - 30):m.start()]) and \
                not any(e.start == m.start() for e in found):
            year = int(m.group("y"))
            found.append(Evidence("statement", year, year, None, W_STATEMENT, text[m.start():m.end()], m.start()))
    for m in matches(PERIOD, PERIOD_END, PERIOD_HEAD, key):
        if (m.group("pre") or "").startswith("nhiệm") or _FUTURE.search(key[max(0, m.start() - 30):m.start()]):
            continue  # a term of office or a plan names its planned end, not the present
        a, b = int(m.group("a")), int(m.group("b"))
        if not a < b <= a + 15:
            continue
        written = text[m.start():m.end()].strip()
        if b == a + 4 and a % 5 == 1 or key.endswith(("năm học ", "niên khoá "), 0, m.start("a")):
            # A five-year plan's period (2016-2020, 2021-2025) is named before and during it, a
            # school year (năm học 2019-2020) at its start: they bound the year only.
            found.append(Evidence("bound", None, a - 1, None, W_BOUND / 2, written, m.start()))
        else:
            found.append(Evidence("period", b, b, None, W_PERIOD * layout.place(m.start()), written, m.start()))
    latest: dict[str, Evidence] = {}
    for e in found:
        if e.point is not None and (e.kind not in latest or (e.point, e.weight) > (latest[e.kind].point,
                                                                                  latest[e.kind].weight)):
            latest[e.kind] = e
    return [e if e.point is None or latest[e.kind] is e else
            Evidence("bound", None, e.point, None, W_BOUND / 2, e.text, e.start) for e in found]


class EventDates(Sequence):
    """``datelines.find_event_dates(text)``, found when first asked for: most texts need them
    only when a plenum, a year's work or a year to complete a date is found."""

    def __init__(self, text: str):
        self.text, self._found = text, None

    def _all(self) -> list[DateMention]:
        if self._found is None:
            self._found = find_event_dates(self.text)
        return self._found

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())


def find_evidence(lines: tuple[str, ...], refs: list[Reference], registry: Registry) -> tuple[list[Evidence], list[DateMention]]:
    """Every piece of evidence of the year in an article's lines (its title, then its blocks),
    and the day/month event dates opening its sentences (``datelines.find_event_dates``)."""
    text = "\n".join(lines)
    key = match_key(text)
    layout = Layout(lines)
    events = EventDates(text)
    found = anniversaries(text, key, layout)
    spans = span_positions(found)
    found += explicit_dates(text, key, layout, refs, registry, spans)
    found += month_dates(text, key, layout)
    found += work_years(text, key, layout, events)
    found += implementation(text, key, layout, refs, registry)
    found += calendar(text, key, layout, registry, events)
    found += documents(text, key, layout, refs, registry, events)
    found += sessions(text, key, layout, lambda: [(d.day, d.month) for d in lead_days(text, key, layout, events)])
    found += weekdays(text, key, layout, EARLIEST_YEAR)
    found += lunar_years(text, key, layout, EARLIEST_YEAR)
    found += statements(text, key, layout, spans + [(e.start, e.start + len(e.text)) for e in found
                                                   if e.kind in ("stated", "date", "bound")])
    return found, events
