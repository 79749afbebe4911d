"""Evidence of the year from a year's work reviewed or planned: "Sáng 17-1, … tổng kết công
tác năm 2018 và triển khai nhiệm vụ năm 2019" is 2019, dated by the month of the meeting (a day
and month of the headline or lead: ``year_dates.lead_days``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .datelines import DateMention, make_date
from .year_basis import W_BOUND, W_WORK, Evidence, Layout
from .year_dates import lead_days

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

