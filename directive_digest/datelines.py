"""Dates as the Vietnamese press writes them.

Pure parsing, no policy: ``find_dates`` lists every date-like mention of a text with its
position; ``is_dateline`` tells a dateline line ("Thứ Sáu, 25/06/2021, 11:14 [GMT+7]",
"Cập nhật: 09:15 - 10/05/2018") from prose. Deciding which date is the article's is
``dating.py``'s job.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Iterator, Optional

from .vntext import match_key

_DAY = r"(?P<d>[0-3]?\d)"
_MONTH = r"(?P<m>[01]?\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_SEP = r"\s*[/.\-]\s*"

# Full dates: 25/06/2021, 25-6-2021, 25.06.2021, ngày 15 tháng 5 năm 2016, 2021-06-25.
FULL_DATE = re.compile(
    rf"(?<![\d/.])(?:{_DAY}{_SEP}{_MONTH}{_SEP}{_YEAR}"
    rf"|{_DAY.replace('d>', 'd2>')}\s+tháng\s+{_MONTH.replace('m>', 'm2>')}\s*(?:năm|,)\s*{_YEAR.replace('y>', 'y2>')}"
    rf"|{_YEAR.replace('y>', 'y3>')}-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))(?![\d/])",
    re.IGNORECASE,
)
# Day and month only, as an event date at the start of a sentence or clause:
# "Chiều 9/5, …", "Sáng ngày 15/6, …", "17h ngày 10/10, …", "Ngày 18/5, …", "Trong 2 ngày 9 và 10/5".
PARTIAL_EVENT_DATE = re.compile(
    r"(?:^|(?<=[.!?;:]\s)|(?<=[.!?;:]”\s)|(?<=\n))\s*"
    r"(?:(?:vào\s+)?(?:lúc\s+)?\d{1,2}\s*(?:h|giờ)(?:\s*\d{2}(?:\s*phút)?)?\s*,?\s*)?"
    r"(?:(?:sáng|chiều|tối|trưa|đêm|cuối\s+giờ\s+chiều|đầu\s+giờ\s+sáng)\s+(?:nay\s+)?(?:\(|,)?\s*)?"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*,?\s*)?"
    r"(?:ngày\s+)?(?P<d>[0-3]?\d)\s*[/\-]\s*(?P<m>[01]?\d)(?![\d/\-])\s*\)?\s*,",
    re.IGNORECASE,
)
_TIME = r"\d{1,2}\s*(?:[:h]\s*\d{2}|giờ(?:\s*\d{2})?)(?:\s*(?:phút|am|pm|sa|ch))?"
_DATELINE_NOISE = re.compile(
    r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cập\s+nhật(?:\s+lúc)?|ngày\s+đăng|đăng\s+ngày|"
    r"đăng\s+lúc|đăng\s+tải|xuất\s+bản|ngày\s+xuất\s+bản|thời\s+gian|ngày|lúc|\[?gmt\s*[+\-]\s*\d+\]?|"
    r"\(?gmt\s*[+\-]\s*\d+\)?|utc\s*[+\-]?\s*\d*|(?:số\s+)?lượt\s+(?:xem|đọc|thích)|bình\s+luận|" + _TIME + r")",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: Optional[int]  # None for day/month-only event dates

    @property
    def date(self) -> Optional[dt.date]:
        if self.year is None:
            return None
        return make_date(self.year, self.month, self.day)


def make_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 30/02, 31/04: impossible dates are not dates
        return None


# Where a full date can start: a digit not right after a digit, "/" or "." (FULL_DATE's
# look-behind). FULL_DATE tried at these positions only finds what its ``finditer`` finds
# (every one of its forms opens with a digit), in a fraction of the time on long texts.
# The digit comes first and the look-behind after it ("\d(?<![\d/.].)": the character before
# the digit is not one of those) so the regex engine skips non-digits in one quick loop.
_FULL_DATE_START = re.compile(r"\d(?<![\d/.].)")
# Where an event date can start: the text's start, after a newline, or after end punctuation
# (and a closing quote) and a space: PARTIAL_EVENT_DATE's look-behinds, as match ends.
_EVENT_DATE_START = re.compile(r"[.!?;:]”?\s|\n")


def _matches_from(pattern: re.Pattern, text: str, starts) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern that can only match (non-empty) at one of
    ``starts`` (ascending): tries those positions only. ``match(text, pos)`` sees the text
    before ``pos``, so look-behinds work as in ``finditer``."""
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start)
        if m:
            yield m
            end = m.end()


def find_full_dates(text: str) -> list[DateMention]:
    found = []
    for m in _matches_from(FULL_DATE, text, map(re.Match.start, _FULL_DATE_START.finditer(text))):
        g = m.groupdict()
        day = g["d"] or g["d2"] or g["d3"]
        month = g["m"] or g["m2"] or g["m3"]
        year = g["y"] or g["y2"] or g["y3"]
        mention = DateMention(m.start(), m.end(), m.group(0), int(day), int(month), int(year))
        if mention.date is not None:
            found.append(mention)
    return found


def find_event_dates(text: str) -> list[DateMention]:
    """Day/month event dates opening a sentence: "Chiều 9/5, …"."""
    found = []
    starts = itertools.chain((0,), (s.end() for s in _EVENT_DATE_START.finditer(text)))
    for m in _matches_from(PARTIAL_EVENT_DATE, text, starts):
        day, month = int(m.group("d")), int(m.group("m"))
        if make_date(2000, month, day) is not None:  # 2000 is a leap year: 29/2 allowed
            found.append(DateMention(m.start("d"), m.end("m"), m.group(0).strip(), day, month, None))
    return found


def is_dateline(line: str) -> bool:
    """A line that is a date and nothing else worth reading (weekday, time, GMT, "Cập nhật")."""
    if len(line) > 90 or not find_full_dates(line):
        return False
    rest = FULL_DATE.sub(" ", match_key(line))
    rest = _DATELINE_NOISE.sub(" ", rest)
    words = [w for w in re.findall(r"\w+", rest) if not w.isdigit()]
    return len(words) <= 2
