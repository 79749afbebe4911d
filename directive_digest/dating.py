"""Dating: the article's date and year, how they were found, and how sure that is.

1. A date the input states (HTML/JSON metadata, front matter) or a dateline line: that date,
   ``date_source`` ``dateline``, confidence ``high``.
2. Otherwise every piece of evidence in the text (``year_evidence``: dates, anniversaries,
   years of implementation, plenums and Congresses, documents cited or newly issued, years
   stated) is weighed. Each names a year and allows a range of years; the year named with the
   most weight wins when the evidence against it is small. When evidence disagrees, or there
   is too little, the year is ``None`` ("Không rõ năm") rather than a guess.
   ``date_source`` is ``dateline`` when a full date opening a sentence of the headline or lead
   dates it, ``inferred`` otherwise; ``date_evidence`` lists what was used.
3. A full date: the stated one, or a day/month event date ("Chiều 9/5, …") in the found year.

Confidence: ``high`` (a stated date, nothing against it), ``medium`` (evidence of weight 3
or more: an anniversary, years of implementation, a reported plenum; little against it),
``low`` (weaker evidence: years stated, periods, dates deep in the text).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Optional

from .article import Article
from .datelines import DateMention, find_full_dates, make_date
from .reference_lines import article_lines, find_references_joined
from .references import Reference
from .registry import Registry, load_registry
from .year_basis import EARLIEST_YEAR, W_BOUND as BOUND, W_STATED as STATED, Evidence
from .year_evidence import find_evidence

MIN_SUPPORT = 0.8  # weight behind a year for it to be given at all (a period reviewed alone: low confidence)
MAX_AGAINST = 0.4  # weight against the year, as a share of the weight behind it, beyond which no year
CONFIDENT = 3.0  # weight behind a year for confidence "medium"
LATE_MONTH = 10  # from this month on, a year's review may be written in the next year
EVIDENCE_SHOWN = 3  # pieces of evidence written in date_evidence
HAPPENED = ("stated", "date")  # kinds of evidence naming a full date that had come when the article was written


def as_date(value) -> Optional[dt.date]:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        mentions = find_full_dates(value)
        if mentions:
            return mentions[0].date
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _score(year: int, evidence: list[Evidence]) -> float:
    """Weight for ``year``: full for evidence naming it, half for evidence allowing it, less
    for bounds allowing it."""
    total = 0.0
    for e in evidence:
        if e.point == year:
            total += e.weight
        elif e.allows(year):
            total += e.weight * (0.5 if e.point is not None else 0.3)
    return total


def firm_bounds(evidence: list[Evidence], this_year: int) -> tuple[int, int, Optional[Evidence]]:
    """(earliest, latest) year the firm bounds leave (a document cited cannot be cited before
    its issue, a fact written as past had happened, "tiến tới Đại hội XIII" is before it; none
    later than the current year), and the bound that gives the earliest. A full date that
    happened ("ngày 16-8-2017 Ban Tổ chức … đã công bố", wherever it stands) bounds as firmly:
    the article is not older than what it tells."""
    firm = [e for e in evidence if e.kind == "bound" and e.weight >= BOUND or e.kind in HAPPENED]
    lowest = max((e for e in firm if e.lo is not None), key=lambda e: e.lo, default=None)
    latest = min([e.hi for e in firm if e.hi is not None] + [this_year])
    return (lowest.lo if lowest else EARLIEST_YEAR), latest, lowest


def resolve(evidence: list[Evidence], this_year: int) -> list[Evidence]:
    """Evidence that names a day of one of a few years (``Evidence.dates``) names that year
    when the firm bounds leave only one of them; bounds that leave only the current year name
    it ("Nghị quyết Đại hội XIV" cited in 2026)."""
    lo, hi, lowest = firm_bounds(evidence, this_year)
    resolved = []
    for e in evidence:
        if e.dates and e.point is None:
            left = [d for d in e.dates if lo <= d.year <= hi]
            if len({d.year for d in left}) == 1:
                e = dataclasses.replace(e, point=left[0].year, lo=left[0].year, hi=left[0].year, date=left[0], dates=())
        resolved.append(e)
    if lowest is not None and lo == hi == this_year and not any(e.point == this_year for e in resolved):
        resolved.append(Evidence("bounds", this_year, this_year, this_year, BOUND, lowest.text, lowest.start))
    return resolved


def _year_in_review(year: int, named: list[Evidence], evidence: list[Evidence]) -> bool:
    """A year named only as the year spoken of ("Trong năm 2018, tỉnh đã …") by a text that tells
    of its last months (a dated fact of October or later): looked back on at its end or from the
    next year, which cannot be told."""
    return all(e.kind in ("statement", "period") for e in named) and \
        any(e.date is not None and e.date.year == year and e.date.month >= LATE_MONTH for e in evidence
            if e.kind in ("bound", "date"))


def weigh(evidence: list[Evidence], this_year: int) -> tuple[Optional[int], Optional[str], list[Evidence]]:
    """(year, confidence, the evidence naming it, strongest first), or (None, None, []) when
    the evidence is too little or disagrees."""
    evidence = [e for e in resolve(evidence, this_year) if e.point is None or EARLIEST_YEAR <= e.point <= this_year]
    candidates = {e.point for e in evidence if e.point is not None}
    if not candidates:
        return None, None, []
    year = max(sorted(candidates), key=lambda y: _score(y, evidence))
    support = sum(e.weight for e in evidence if e.point is not None and e.allows(year))
    against = sum(e.weight for e in evidence if not e.allows(year))
    if support < MIN_SUPPORT or against > MAX_AGAINST * support:
        return None, None, []
    named = sorted((e for e in evidence if e.point == year), key=lambda e: (-e.weight, e.start))
    if not named or _year_in_review(year, named, evidence):
        return None, None, []
    if named[0].kind == "stated" and named[0].weight >= STATED and not against:
        confidence = "high"
    elif support >= CONFIDENT and against <= 0.2 * support:
        confidence = "medium"
    else:
        confidence = "low"
    return year, confidence, named


def _full_date(year: int, named: list[Evidence], events: list[DateMention]) -> tuple[Optional[dt.date], Optional[str]]:
    """The article's full date in ``year`` and what gave it: a stated or meeting date, else the
    first day/month event date."""
    dated = [e for e in named if e.date is not None and e.date.year == year]
    if dated:
        first = min(dated, key=lambda e: (-e.weight, e.start))
        return first.date, first.text
    for event in events[:1]:
        day = make_date(year, event.month, event.day)
        if day:
            return day, event.text
    return None, None


def current_year() -> int:
    """The year the build runs in: no later year is evidence. The only reading of today's date;
    the cache key holds it (batch.build_context), since results depend on it."""
    return dt.date.today().year


def date_article(article: Article, registry: Registry | None = None,
                 line_references: list[list[Reference]] | None = None, today: Optional[dt.date] = None) -> Article:
    """Fill ``date``, ``year``, ``date_source``, ``date_evidence`` and ``date_confidence``.
    ``line_references``: those of the title and each block (reference_lines.references_in),
    when found already; ``today``: the day years after which are not evidence."""
    registry = registry or load_registry()
    given = as_date(article.given.get("date"))
    if given:
        return _set(article, given, given.year, "dateline", str(article.given.get("date")), "high")
    if article.dateline:
        mentions = find_full_dates(article.dateline)
        if mentions:
            return _set(article, mentions[0].date, mentions[0].year, "dateline", article.dateline, "high")
    lines = article_lines(article)
    refs = find_references_joined(registry, lines, line_references)
    evidence, events = find_evidence(lines, refs, registry)
    year, confidence, named = weigh(evidence, today.year if today else current_year())
    if year is None:
        return _set(article, None, None, None, None, None)
    date, date_text = _full_date(year, named, events)
    shown = [e.text for e in named[:EVIDENCE_SHOWN]]
    if date_text and date_text not in shown:
        shown.insert(0, date_text)
    source = "dateline" if named[0].kind == "stated" and named[0].weight >= STATED else "inferred"
    return _set(article, date, year, source, " + ".join(shown), confidence)


def _set(article, date, year, source, evidence, confidence) -> Article:
    article.date, article.year, article.date_source, article.date_evidence = date, year, source, evidence
    article.date_confidence = confidence
    return article
