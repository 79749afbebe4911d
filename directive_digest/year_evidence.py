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
2021 - 2024"), ``sequence`` (the lead's day after a dated fact told as before it: "Sáng 13/8, …" with
"Trước đó, hồi giữa tháng 7/2019, …" is 2019), ``bound`` (cited documents, meetings, terms: years
the article cannot precede or follow). Deadlines ("trước ngày 30/6/2020") and documents' issue dates are not evidence of
the article's date.

Each family of evidence has its module: dates written (year_dates.py), a year's work
(year_work.py), anniversaries and years of implementation (year_counted.py), the Party calendar
(year_meetings.py), documents cited (year_documents.py), years stated and periods
(year_statements.py), other calendars (year_calendar.py); year_basis.py is what they are made of.
"""
from __future__ import annotations

from collections.abc import Sequence

from .datelines import DateMention, find_event_dates
from .references import Reference
from .registry import Registry
from .vntext import match_key
from .year_basis import EARLIEST_YEAR, Evidence, Layout
from .year_calendar import lunar_years, sessions, weekdays
from .year_counted import anniversaries, implementation, span_positions
from .year_dates import explicit_dates, lead_days, month_dates, told_before
from .year_documents import documents
from .year_meetings import calendar
from .year_statements import statements
from .year_work import work_years


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
    found += told_before(text, key, layout, events)
    found += implementation(text, key, layout, refs, registry)
    found += calendar(text, key, layout, registry, events)
    found += documents(text, key, layout, refs, registry, events)
    found += sessions(text, key, layout, lambda: [(d.day, d.month) for d in lead_days(text, key, layout, events)])
    found += weekdays(text, key, layout, EARLIEST_YEAR)
    found += lunar_years(text, key, layout, EARLIEST_YEAR)
    found += statements(text, key, layout, spans + [(e.start, e.start + len(e.text)) for e in found
                                                   if e.kind in ("stated", "date", "bound")])
    return found, events
