"""Evidence of the year from dates written in the text: full dates (stated, opening a sentence,
or mentioned within one), months of a year, and the day/month dates of the headline and lead.

A full date opening a sentence of the headline or lead ("Chiều ngày 15/01/2019, …") is the day
reported (``stated``); elsewhere a date is something that happened (``date``). Deadlines and
dates ahead ("trước ngày 30/6/2020"), births and starts of a span ("từ ngày 1/1/2018") and
documents' issue dates are not the article's: they bound its year, or say nothing.
"""
from __future__ import annotations

import re

from .datelines import DateMention, find_full_dates, make_date
from .references import Reference
from .registry import Registry
from .year_basis import DAY_MONTH, EARLIEST_YEAR, W_BOUND, W_DATE, W_DEADLINE, W_MONTH, W_SEQUENCE, W_STATED, Evidence, Layout

# Before a date: it is a deadline or a future date, not something that happened.
_AHEAD = re.compile(r"(?:trước|đến(?:\s+hết)?|tới|chậm\s+nhất(?:\s+là)?|hạn(?:\s+chót)?|thời\s+hạn|hết|"
                    r"hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?(?:\s+từ)?|dự\s+kiến(?:\s+\S+){0,3}|sẽ(?:\s+\S+){0,3}|"
                    r"kéo\s+dài\s+đến|hoàn\s+thành(?:\s+\S+){0,2})\s+(?:vào\s+)?(?:ngày\s+)?$")
# Before a date: a birth, the start of a span ("từ ngày 1/1/2018 đến nay"), or a day recalled ("Chúng
# ta còn nhớ ngày 3-10-2017, …"): it bounds the year only.
_SINCE = re.compile(r"(?:sinh|sn|từ|kể\s+từ|bắt\s+đầu\s+từ|trước\s+đó,?(?:\s+vào)?|"
                    r"(?<!\w)nhớ(?:\s+lại)?(?:\s+rằng)?,?(?:\s+vào)?)\s+(?:ngày\s+)?$")
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


def lead_days(text: str, key: str, layout: Layout, events: list[DateMention]) -> list[DateMention]:
    """The day/month dates of the headline and lead: those opening a sentence (``events``), then
    those within one, deadlines left out."""
    lead_end = layout.places[3] if len(layout.places) > 3 else len(key)
    found = [e for e in events if e.start < lead_end]
    for m in DAY_MONTH.finditer(key, 0, lead_end):
        if any(e.start <= m.start("d") < e.end + 1 for e in found) or _AHEAD.search(key[max(0, m.start() - 40):m.start()]):
            continue
        if make_date(2000, int(m.group("m")), int(m.group("d"))):
            found.append(DateMention(m.start("d"), m.end("m"), text[m.start():m.end()], int(m.group("d")),
                                     int(m.group("m")), None))
    return sorted(found, key=lambda e: e.start)


# "Trước đó, hồi giữa tháng 7/2019, …": what the sentence tells came before the day reported.
_BEFORE_THAT = re.compile(r"(?:^|(?<=[.;!?]\s)|(?<=\n))trước\s+đó(?!\w)")
_SENTENCE_END = re.compile(r"[.;!?\n]\s")


def _latest_fact(text: str, key: str) -> tuple[int, int]:
    """(year, month) of the latest full date or month of a year the text tells as happened
    (deadlines and dates ahead left out)."""
    facts = [(m.year, m.month) for m in find_full_dates(text) if not _AHEAD.search(key[max(0, m.start - 40):m.start])]
    facts += [(int(m.group("y")), int(m.group("m"))) for m in _MONTH.finditer(key)
              if not _AHEAD.search(key[max(0, m.start() - 40):m.start()] + "ngày ")]
    return max(facts, default=(0, 0))


def told_before(text: str, key: str, layout: Layout, events: list[DateMention]) -> list[Evidence]:
    """The day of the headline or lead ("Sáng 13/8, …") after the latest dated fact, which the
    text tells as before it ("Trước đó, hồi giữa tháng 7/2019, …", "Trước đó, … ngày 12/4/2019"):
    the press reports the latest step of a story, so the day is the first one after that fact, in
    its year or the next. A span's start ("Trước đó, từ tháng 5/2017, …") says nothing of its end."""
    found = []
    if "trước đó" not in key:
        return found
    days = lead_days(text, key, layout, events)
    if not days:
        return found
    day, latest = days[0], None
    for cue in _BEFORE_THAT.finditer(key, day.end):
        stop = _SENTENCE_END.search(key, cue.end())
        end = stop.start() + 1 if stop else len(key)
        month = _MONTH.search(key, cue.end(), end)
        full = next(iter(find_full_dates(text[cue.end():end])), None)
        if full and (not month or full.start + cue.end() < month.start()):
            at, fact, after = full.start + cue.end(), (full.year, full.month), (day.month, day.day) >= (full.month, full.day)
        elif month and 1 <= int(month.group("m")) <= 12:
            at, fact = month.start(), (int(month.group("y")), int(month.group("m")))
            after = day.month >= fact[1]
        else:
            continue
        latest = latest or _latest_fact(text, key)
        if fact[0] < EARLIEST_YEAR or fact < latest or re.search(r"(?:từ|kể\s+từ)\s+(?:ngày\s+)?$", key[cue.end():at]):
            break
        year = fact[0] + (0 if after else 1)
        found.append(Evidence("sequence", year, year, year, W_SEQUENCE * layout.place(day.start),
                              text[cue.start():end].strip(), cue.start(), make_date(year, day.month, day.day)))
        break
    return found
