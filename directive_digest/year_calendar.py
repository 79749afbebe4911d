"""Evidence of the year from calendars: numbered sessions, weekdays, lunar years.

- A session of a body that numbers them (``data/calendar.yaml``): "Kỳ họp thứ 6, Quốc hội khóa
  XIV", "Ủy ban Kiểm tra Trung ương họp kỳ 24" with the day written by it ("Ngày 23-4", "(ngày 7
  đến 9-11)"). A session not listed is dated between its listed neighbours; written without its
  term, every term is tried, and the day must fall in one term's window only, or the article's
  other bounds must leave one (``Evidence.dates``, resolved by ``dating.resolve``).
- A day with its weekday and no year ("khai mạc vào thứ hai, ngày 22/10"): the years in which that
  day fell on that weekday, one of which the article's bounds may leave.
- A lunar year's name ("Tết Kỷ Hợi", "Xuân Canh Tý"): the sexagenary cycle gives one year in sixty;
  the article is of that year or of the months before its Tết.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .data_checks import check_sessions
from .lexicon import DATA_DIR, load_data_file
from .reference_checks import roman
from .vntext import match_key
from .year_basis import W_DATE, W_MEETING, W_MEETING_DAY, Evidence, Layout

LATEST_YEAR = 2100  # days are tried up to this year; dating drops years after the current one
MIN_GAP = dt.timedelta(days=7)  # between two sessions of a body, at least …
MAX_GAP = dt.timedelta(days=75)  # … and at most
BEFORE = dt.timedelta(days=15)  # a day written with a session: its preparation, …
AFTER = dt.timedelta(days=30)  # … the session itself, or its report


@dataclass(frozen=True)
class Session:
    term: str
    number: int
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Body:
    name: str
    names: re.Pattern  # any of the names the press gives it, as match keys
    term_written: bool
    terms: dict[str, tuple[dt.date, dt.date]]
    sessions: tuple[Session, ...]  # in order of term, number

    def window(self, term: str, number: int) -> Optional[tuple[dt.date, dt.date]]:
        """The first and last day session ``number`` of ``term`` can fall on: its own days when
        listed, else between its listed neighbours (or the term's first and last day)."""
        if term not in self.terms:
            return None
        first, last = self.terms[term]
        listed = [s for s in self.sessions if s.term == term]
        for s in listed:
            if s.number == number:
                return s.start, s.end
        before = max((s for s in listed if s.number < number), key=lambda s: s.number, default=None)
        after = min((s for s in listed if s.number > number), key=lambda s: s.number, default=None)
        earliest = before.end + (number - before.number) * MIN_GAP if before else first
        latest = after.start - (after.number - number) * MIN_GAP if after else last
        if before:
            latest = min(latest, before.end + (number - before.number) * MAX_GAP)
        if after:
            earliest = max(earliest, after.start - (after.number - number) * MAX_GAP)
        return (earliest, min(latest, last)) if earliest <= min(latest, last) else None


def _pattern(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, match_key(w).split())) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def load_calendar(path: str | None = None) -> tuple[Body, ...]:
    """The bodies of ``path`` (default: the package's ``data/calendar.yaml``); DataError naming
    the file, the body and the field when it cannot be used."""
    path = Path(path or DATA_DIR / "calendar.yaml")
    bodies = []
    for body in check_sessions(load_data_file(path), path):
        sessions = sorted((Session(s["term"].upper(), n, s["start"], s["end"]) for s in body["sessions"]
                           for n in s["numbers"]), key=lambda s: (s.term, s.number))
        bodies.append(Body(body["name"], re.compile(rf"(?<!\w)(?:{_pattern(body['names'])})(?!\w)"),
                           body["term_written"], {t["term"].upper(): (t["start"], t["end"]) for t in body["terms"]},
                           tuple(sessions)))
    return tuple(bodies)


# --- Numbered sessions ----------------------------------------------------------------------

_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
             "mười một": 11, "mười hai": 12}
# "kỳ họp thứ 6", "họp kỳ 24", "Kỳ thứ 27", "kỳ họp thứ sáu"; not "nhiệm kỳ 2", "học kỳ 2".
SESSION = re.compile(r"k(?<!\wk)(?<!nhiệm\sk)(?<!học\sk)(?<!định\sk)(?<!chu\sk)ỳ\s+(?:họp\s+)?"
                     r"(?:thứ\s+(?P<w>mười\s+một|mười\s+hai|nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|"
                     r"(?:thứ\s+)?(?P<n>\d{1,2}))(?!\w)(?!\s*[/\-]\s*\d)")
_TERM = re.compile(r"[\s,(]*(?:khoá|khóa)\s+(?P<term>[xvil]+|\d{1,2})(?!\w)")
# A day and month with no year: "23-4", "(ngày 7 đến 9-11)" (its last day), "24-26/4".
DAY_MONTH = re.compile(r"(?<![\d/.])(?P<d>[0-3]?\d)\s*[/\-.]\s*(?P<m>[01]?\d)(?!\d|\s*[/\-.]\s*\d)")
REACH = 120  # characters between a session and the body's name


def _sentence(key: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``start``..``end``."""
    opening = max(key.rfind(c, 0, start) for c in ".!?;\n") + 1
    closing = min([i for i in (key.find(c, end) for c in ".!?;\n") if i >= 0] or [len(key)])
    return opening, closing


def _days(key: str, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    for m in DAY_MONTH.finditer(key, start, end):
        day, month = int(m.group("d")), int(m.group("m"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((day, month))
    return found


def _dates_in(window: tuple[dt.date, dt.date], days: list[tuple[int, int]]) -> list[dt.date]:
    """The days written that fall near the window (just before it, in it, or a report after)."""
    earliest, latest = window[0] - BEFORE, window[1] + AFTER
    found = []
    for day, month in days:
        for year in range(earliest.year, latest.year + 1):
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if earliest <= date <= latest:
                found.append(date)
    return found


def _at(key: str, words: tuple[str, ...], pattern: re.Pattern):
    """``pattern.finditer(key)`` for a pattern whose every match opens with one of ``words``:
    tried only where they stand (a few C-level substring scans instead of the regex engine
    stopping at every letter the words open with). Same matches."""
    starts = sorted({i for w in words for i in _occurrences(key, w)})
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(key, start)
            if m:
                yield m
                end = m.end()


def _occurrences(key: str, word: str):
    at = key.find(word)
    while at >= 0:
        yield at
        at = key.find(word, at + 1)


def sessions(text: str, key: str, layout: Layout, lead_days: Callable[[], list[tuple[int, int]]],
             bodies: tuple[Body, ...] | None = None) -> list[Evidence]:
    """Sessions of the calendar's bodies named with the day they were held or reported;
    ``lead_days``: gives the day/month dates of the headline and lead (asked only when needed)."""
    found: list[Evidence] = []
    if "kỳ" not in key:
        return found
    bodies = load_calendar() if bodies is None else bodies
    for m in _at(key, ("kỳ",), SESSION):
        opening, closing = _sentence(key, m.start(), m.end())
        number = int(m.group("n")) if m.group("n") else _ORDINALS[re.sub(r"\s+", " ", m.group("w"))]
        for body in bodies:
            names = [n for n in body.names.finditer(key, max(opening, m.start() - REACH), min(closing, m.end() + REACH))]
            if not names:
                continue
            if body.term_written:
                terms = [t.group("term") for n in names for t in [_TERM.match(key, n.end())] if t] + \
                        [t.group("term") for t in [_TERM.match(key, m.end())] if t]
                if not terms:
                    continue
                terms = [roman(terms[0])]
            elif any(other.term_written and other.names.search(key, m.end(), min(closing, m.end() + 20))
                     for other in bodies):
                continue  # "kỳ họp thứ 6 Quốc hội" in a sentence naming another body too
            else:
                terms = list(body.terms)
            windows = [w for w in (body.window(t, number) for t in terms) if w]
            if not windows:
                continue
            days = _days(key, opening, closing) or (lead_days() if layout.in_lead(m.start()) else [])
            written = text[m.start():m.end()]
            dates = sorted({d for w in windows for d in _dates_in(w, days)})
            years = {d.year for d in dates}
            weight = W_MEETING_DAY * (1.0 if layout.in_lead(m.start()) else layout.place(m.start()))
            if len(years) == 1:
                year = dates[0].year
                found.append(Evidence("session", year, year, year if layout.in_lead(m.start()) else year + 1,
                                      weight, written, m.start(), dates[0] if len(dates) == 1 else None))
            elif dates:
                found.append(Evidence("session", None, None, None, weight, written, m.start(), dates=tuple(dates)))
            elif body.term_written and len(windows) == 1 and layout.in_lead(m.start()):
                start, end = windows[0]  # named in the lead with no day: the year it was held, or the next
                found.append(Evidence("session", start.year, start.year, end.year + 1, W_MEETING * layout.place(m.start()),
                                      written, m.start()))
            break
    return found


# --- Weekdays -----------------------------------------------------------------------------------

_WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "2": 0, "3": 1, "4": 2, "5": 3, "6": 4,
             "7": 5, "chủ nhật": 6}
WEEKDAY_DATE = re.compile(r"(?:t(?<!\wt)hứ\s+(?P<w>hai|ba|tư|năm|sáu|bảy|[2-7])|c(?<!\wc)(?P<sun>hủ\s+nhật))\s*,?\s*\(?\s*"
                          r"(?:ngày\s+)?(?P<d>[0-3]?\d)\s*[/\-.]\s*(?P<m>[01]?\d)(?!\d|\s*[/\-.]\s*\d)")


def weekdays(text: str, key: str, layout: Layout, earliest: int) -> list[Evidence]:
    """"vào thứ hai, ngày 22/10": the years from ``earliest`` in which 22 October was a Monday."""
    found = []
    if "thứ" not in key and "chủ nhật" not in key:
        return found
    for m in _at(key, ("thứ", "chủ nhật"), WEEKDAY_DATE):
        weekday = 6 if m.group("sun") else _WEEKDAYS[m.group("w")]
        dates = []
        for year in range(earliest, LATEST_YEAR + 1):
            try:
                date = dt.date(year, int(m.group("m")), int(m.group("d")))
            except ValueError:
                break
            if date.weekday() == weekday:
                dates.append(date)
        if dates:
            found.append(Evidence("weekday", None, None, None, W_DATE * layout.place(m.start()), text[m.start():m.end()],
                                  m.start(), dates=tuple(dates)))
    return found


# --- Lunar years --------------------------------------------------------------------------------

STEMS = ("giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý")
BRANCHES = ("tý", "sửu", "dần", "mão", "thìn", "tỵ", "ngọ", "mùi", "thân", "dậu", "tuất", "hợi")
_BRANCH_SPELLINGS = {"mẹo": "mão", "tị": "tỵ"}
LUNAR_YEAR = re.compile(
    rf"(?P<lead>x(?<!\wx)uân|t(?<!\wt)ết(?:\s+nguyên\s+đán)?)\s+(?P<stem>{_pattern(list(STEMS))})\s+"
    rf"(?P<branch>{_pattern(list(BRANCHES) + list(_BRANCH_SPELLINGS))})(?!\w)")


def lunar_year(stem: str, branch: str, earliest: int) -> list[int]:
    """The years from ``earliest`` whose lunar year (beginning at Tết) bears this name: 2019 for
    Kỷ Hợi (1984 was Giáp Tý, the cycle's first)."""
    s = [match_key(x) for x in STEMS].index(stem)
    b = [match_key(x) for x in BRANCHES].index(match_key(_BRANCH_SPELLINGS.get(branch, branch)))
    first = next(y for y in range(earliest, earliest + 60) if (y - 1984) % 10 == s and (y - 1984) % 12 == b)
    return list(range(first, LATEST_YEAR + 1, 60))


def lunar_years(text: str, key: str, layout: Layout, earliest: int) -> list[Evidence]:
    """"Tết Kỷ Hợi", "Xuân Canh Tý": that year, or the months before its Tết (its preparations)."""
    found = []
    if "xuân" not in key and "tết" not in key:
        return found
    for m in _at(key, ("xuân", "tết"), LUNAR_YEAR):
        for year in lunar_year(m.group("stem"), re.sub(r"\s+", " ", m.group("branch")), earliest):
            found.append(Evidence("lunar", year, year - 1, year, W_DATE * layout.place(m.start()),
                                  text[m.start():m.end()], m.start()))
    return found
