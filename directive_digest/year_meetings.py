"""Evidence of the year from the Party calendar (the registry's ``meetings``): plenums and
Congresses reported ("Ngày 5/10, tại Hội nghị Trung ương 8 khóa XII"), studied soon after
("Ngày 23-11, … quán triệt … Hội nghị Trung ương 8, khóa XII") or named only (they had begun),
and the terms that bound the year ("Ban Chấp hành Trung ương khóa XII", "nhiệm kỳ 2020–2025").

``plenum_meetings`` (each plenum a text names, with its meeting) serves the years of
implementation and classify.py too; ``followed`` (what soon followed a date) the documents
newly issued or studied.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .datelines import DateMention
from .reference_checks import roman
from .registry import Registry
from .year_basis import DAY_MONTH, W_BOUND, W_FOLLOWED, W_MEETING, W_MEETING_DAY, Evidence, Layout

# "Nghị quyết Trung ương 5 khoá VIII", "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa VIII".
PLENUM = re.compile(
    r"(?:nghị quyết|kết luận|hội nghị)(?:\s+(?:của\s+)?hội nghị)?\s+"
    r"(?:(?:ban chấp hành\s+)?(?:trung ương|tw|tư|t\.ư|t\s?ư)(?:\s+đảng)?\s*(?P<n1>\d{1,2})"
    r"|(?:lần\s+thứ\s+)(?P<n2>\d{1,2}|[^\W\d_]+)\s+(?:của\s+)?(?:ban chấp hành|bch)\s+(?:trung ương|tw)(?:\s+đảng)?)"
    r"[\s,(]*(?:\(\s*)?kho[áa]\s+(?P<term>[xvil]+|\d{1,2})(?!\w)\)?"
)
_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
             "mười": 10, "mười một": 11, "mười hai": 12}
# "Hội nghị Trung ương 8" with no term: the plenum the text names elsewhere with its term.
PLENUM_UNTERMED = re.compile(r"(?:nghị quyết|kết luận|hội nghị)\s+(?:ban chấp hành\s+)?(?:trung ương|tw|tư|t\.ư)"
                             r"(?:\s+đảng)?\s*(?P<n>\d{1,2})(?![\d/])")


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


# --- Evidence: plenums and Congresses reported or named, terms ------------------------------------

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
# "nhiệm kỳ 2015-2020" with that term's congress being held, in its sentence: "đã tổ chức xong đại hội
# nhiệm kỳ 2015-2020", "Đại hội Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2020-2025 khai mạc" (not its
# resolution carried out later: "Đại hội … nhiệm kỳ 2015-2020 đã đề ra").
_CONGRESS_BEFORE = re.compile(r"(?<!nghị\squyết\s)(?<!sau\s)(?<!từ\s)đại\s+hội(?:\s+[^\s.;!?\n]+){0,8}\s+$")
_HELD_BEFORE = re.compile(r"(?:tổ\s+chức(?:\s+xong)?|khai\s+mạc|bế\s+mạc|tiến\s+hành|diễn\s+ra)\s+(?:các\s+)?đại\s+hội"
                          r"(?:\s+[^\s.;!?\n]+){0,8}\s+$")
_HELD_AFTER = re.compile(r"[^.;!?\n]{0,60}?(?:khai\s+mạc|bế\s+mạc|diễn\s+ra|thành\s+công\s+tốt\s+đẹp|đã\s+bầu|bầu\s+ra)")
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


def followed(kind: str, text: str, start: int, end: int, layout: Layout, events: list[DateMention],
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


BESIDE = 60  # characters around a meeting's name where a day written with it is its day


def _days_beside(key: str, start: int, end: int, meeting) -> list[dt.date]:
    """Days in the meeting's days written beside its name in the same sentence ("… phát biểu khai
    mạc hội nghị Trung ương 8, khoá XII, sáng 2/10")."""
    lo, hi = max(0, start - BESIDE), min(len(key), end + BESIDE)
    days = []
    for m in DAY_MONTH.finditer(key, lo, hi):
        between = key[min(m.end(), end):max(m.start(), start)]
        if re.search(r"[.;!?\n]", between):
            continue
        day = _in_meeting(DateMention(m.start(), m.end(), m.group(), int(m.group("d")), int(m.group("m")), None),
                          meeting.start, meeting.end)
        if day:
            days.append(day)
    return days


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
                found.append(followed("meeting", text, m.start(), m.end(), layout, events, meeting.end, W_FOLLOWED))
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
                for d in [_in_meeting(e, meeting.start, meeting.end)] if d] + _days_beside(key, start, end, meeting)
        if itself and days:
            found.append(Evidence("meeting", days[0].year, days[0].year, days[0].year, W_MEETING_DAY, written, start,
                                  days[0]))
        elif itself and layout.in_lead(start) and _FOLLOWS.search(key[max(0, start - 80):start]):
            found.append(followed("meeting", text, start, end, layout, events, meeting.end, W_FOLLOWED))
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
            if not a < b <= a + 6:
                continue
            before = key[max(0, m.start() - 160):m.start()]
            if _HELD_BEFORE.search(before) or _CONGRESS_BEFORE.search(before) and _HELD_AFTER.match(key, m.end()):
                # "đã tổ chức xong đại hội nhiệm kỳ 2015-2020": a term's congresses are held as it begins.
                found.append(Evidence("meeting", a, a - 1, a, W_MEETING * layout.place(m.start()),
                                      text[m.start():m.end()], m.start()))
            else:
                found.append(Evidence("bound", None, a - 1, None, W_BOUND / 2, text[m.start():m.end()], m.start()))
    return found

