"""What every kind of evidence of the year is made of: ``Evidence`` (the year it names, the
years it allows, its weight), the weight of each kind, and ``Layout``: where a position of an
article's text stands (headline, lead, deep in the body), which scales the weight. ``matches``
finds a pattern's matches fast, for the families whose patterns open with common letters."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass(frozen=True)
class Evidence:
    kind: str
    point: Optional[int]  # the year it names; None: a bound only
    lo: Optional[int]  # the years it allows (None: open)
    hi: Optional[int]
    weight: float
    text: str  # as written
    start: int = 0  # where it stands in the text
    date: Optional[dt.date] = None  # the full date it names, when it names one
    # The days it may name, when it names one of a few years and not which ("thứ hai, ngày 22/10",
    # a session numbered without its term): the year is one of theirs (dating.weigh picks it).
    dates: tuple[dt.date, ...] = ()

    def allows(self, year: int) -> bool:
        return (self.lo is None or year >= self.lo) and (self.hi is None or year <= self.hi) and \
            (not self.dates or any(d.year == year for d in self.dates))


EARLIEST_YEAR = 1990  # years before are history the articles recall ("3/2/1930"), not their own

# Weights of each kind where it weighs most (headline, lead); ``Layout.place`` scales them.
W_STATED, W_DATE, W_ANNIVERSARY, W_IMPLEMENTATION, W_MEETING_DAY, W_MEETING = 4, 1.5, 3, 3, 4, 2.5
W_ISSUED, W_FOLLOWED, W_STATEMENT, W_PERIOD, W_DEADLINE, W_BOUND = 3, 3.5, 1.5, 0.8, 1.0, 1.0
W_MONTH, W_WORK, W_SEQUENCE = 2.5, 2.5, 2.0


# A day and month written in a sentence ("… của ngành Công Thương ngày 17-1", "… HĐND TP sáng 5/12"):
# with no year it says when, in the headline or lead, what is reported happened.
DAY_MONTH = re.compile(r"(?<!\w)(?:(?:sáng|chiều|tối|trưa|đêm)\s+(?:nay\s+)?(?:ngày\s+)?|ngày\s+)"
                       r"(?P<d>[0-3]?\d)\s*[/\-]\s*(?P<m>[01]?\d)(?![\d/\-]|\s*[/\-]\s*\d)")


class Layout:
    """Where a position of the joined text stands: the headline (line 0), the lead (line 1),
    the next lines, the rest. The headline and lead say what the article reports. A long line
    (a body stored as one line) counts as a line every ``LINE_CHARS`` characters."""

    PLACES = (1.0, 1.0, 0.8, 0.6, 0.6)
    ELSEWHERE = 0.4
    LINE_CHARS = 500

    def __init__(self, lines: Iterable[str]):
        self.starts = [0]
        self.places = []  # (start of each stretch, its place in reading order)
        for line in lines:
            for offset in range(0, max(len(line), 1), self.LINE_CHARS) if self.starts[-1] else (0,):
                self.places.append(self.starts[-1] + offset)
            self.starts.append(self.starts[-1] + len(line) + 1)

    def line(self, position: int) -> int:
        """The stretch ``position`` stands in: 0 the headline, 1 the lead…"""
        return bisect.bisect_right(self.places, position) - 1

    def place(self, position: int) -> float:
        index = self.line(position)
        return self.PLACES[index] if index < len(self.PLACES) else self.ELSEWHERE

    def in_lead(self, position: int) -> bool:
        return self.line(position) <= 1


def matches(pattern: re.Pattern, ending: re.Pattern, head: frozenset, key: str):
    """``pattern.finditer(key)``, tried only at the positions from which characters of ``head``,
    digits and spaces lead up to a match of ``ending``, in order, instead of at every position
    of the text (these patterns open with common letters or a test: the engine tries most).

    For a pattern each match of which is such characters, then a match of ``ending`` that
    ``ending.finditer`` finds: the next ending after the match's start (no ending starts among
    those characters) when endings never overlap or, as year_statements.PERIOD's, each is a match by itself."""
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

