"""Dating: the article's date and year, and how they were found.

In order of trust:
1. a date the input states (dateline line, HTML/JSON metadata) -> ``dateline``;
2. a full date opening a sentence in the text ("Ngày 18/5/2023, …") -> ``dateline``;
3. a year inferred from what the text says -> ``inferred``: "sơ kết 2 năm thực hiện
   Chỉ thị 05" (issued 2016 -> 2018), then "Năm 2020, …", then "giai đoạn 2021 - 2024".
   A day/month event date ("Chiều 9/5, …") then gets that year.
Dates of the directives themselves ("Chỉ thị 05-CT/TW ngày 15/5/2016") are never the
article's. No evidence gives year ``None``, not a guess.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .article import Article
from .datelines import DateMention, find_event_dates, find_full_dates, make_date
from .lexicon import load_lexicon
from .reference_lines import article_lines, find_references_joined
from .registry import Reference, Registry, load_registry
from .vntext import match_key

_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                 "chín": 9, "mười": 10}
# "sơ kết 2 năm thực hiện", "sau hơn 1 năm triển khai thực hiện", "qua 5 năm thực hiện".
_ANNIVERSARY = re.compile(
    r"(?<!\w)(?P<n>\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+năm\s+"
    r"(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai|học\s+tập|quán\s+triệt)"
)
# "Năm 2020, …", "Trong năm 2023, …", "6 tháng đầu năm 2019", "tính đến hết năm 2022".
_YEAR_STATEMENT = re.compile(
    r"(?:(?:^|(?<=[.;!?:]\s)|(?<=\n))(?:trong\s+|riêng\s+|cuối\s+|đầu\s+)?năm\s+(?P<a>(?:19|20)\d\d)\s*,"
    r"|(?:\d+\s+tháng\s+(?:đầu|cuối)|quý\s+[ivx1-4]+|trong|hết|cuối|chuyên\s+đề(?:\s+hằng|\s+hàng)?)\s+năm\s+"
    r"(?P<b>(?:19|20)\d\d)(?!\s*[-–]))"
)
# "giai đoạn 2021 - 2024", "từ năm 2016-2021", "Từ năm 2021 đến năm 2024".
_PERIOD = re.compile(
    r"(?P<pre>giai\s+đoạn|từ\s+năm|từ|nhiệm\s+kỳ|trong\s+)?\s*(?P<a>(?:19|20)\d\d)\s*"
    r"(?:[-–—]|đến(?:\s+năm)?)\s*(?P<b>(?:19|20)\d\d)(?!\d)"
)
_FUTURE = re.compile(r"(?:phấn\s+đấu|mục\s+tiêu|đến|tới|dự\s+kiến|kế\s+hoạch|tầm\s+nhìn)\s+(?:\S+\s+){0,2}$")
_COUNTED_YEARS = re.compile(r"(?<!\w)(?:kỷ\s+niệm\s+)?(?P<n>\d{1,3})\s+năm\s+")
# What each match of _ANNIVERSARY and _YEAR_STATEMENT ends with (their "năm …"), found fast (a
# literal first word), and the characters that can stand in a match before it: see _matches.
_ANNIVERSARY_END = re.compile(r"năm\s+(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai|học\s+tập|quán\s+triệt)")
_ANNIVERSARY_HEAD = frozenset("".join(_NUMBER_WORDS))  # the number before it (or digits, spaces)
_YEAR_STATEMENT_END = re.compile(r"năm\s+(?:19|20)\d\d")
_YEAR_STATEMENT_HEAD = frozenset("trong riêng cuối đầu tháng quý ivx hết chuyên đề hằng hàng")
_PERIOD_END = re.compile(r"(?:19|20)\d\d\s*(?:[-–—]|đến(?:\s+năm)?)\s*(?:19|20)\d\d(?!\d)")  # a match by itself
_PERIOD_HEAD = frozenset("giai đoạn từ năm nhiệm kỳ trong")


def _matches(pattern: re.Pattern, ending: re.Pattern, head: frozenset, key: str):
    """``pattern.finditer(key)``, tried only at the positions from which characters of ``head``,
    digits and spaces lead up to a match of ``ending``, in order, instead of at every position
    of the text (these patterns open with common letters or a test: the engine tries most).

    For a pattern each match of which is such characters, then a match of ``ending`` that
    ``ending.finditer`` finds: the next ending after the match's start (no ending starts among
    those characters) when endings never overlap or, as _PERIOD's, each is a match by itself."""
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


DIRECTIVE_DATE_WINDOW = 45  # chars after a reference where its own issue date is written


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


def _opens_sentence(text: str, start: int) -> bool:
    before = match_key(text[max(0, start - 40):start])
    tail = re.split(r"[.!?;\n]\s*[”\"]?\s*", before)[-1]
    return bool(re.fullmatch(
        r"\s*(?:vào\s+)?(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?\s*)?(?:sáng|chiều|tối|trưa|đêm)?\s*(?:nay\s*)?"
        r"(?:thứ\s+\w+\s*,?\s*)?(?:ngày\s*)?", tail))


def _directive_dates(text: str, registry: Registry, refs: list[Reference] | None = None,
                     mentions: list[DateMention] | None = None) -> set[tuple[int, int]]:
    """Spans of the directives' own dates. ``refs`` and ``mentions``: the text's references
    and full dates, when the caller has them already."""
    spans = set()
    issued = {d.issued for d in registry.directives.values() if d.issued}
    refs = registry.find_references(text) if refs is None else refs
    for mention in (find_full_dates(text) if mentions is None else mentions):
        near_ref = any(0 <= mention.start - r.end <= DIRECTIVE_DATE_WINDOW
                       and not re.search(r"[.;!?\n]", text[r.end:mention.start]) for r in refs)
        if near_ref or mention.date in issued:
            spans.add((mention.start, mention.end))
    return spans


def _anniversary_years(key: str, text: str, registry: Registry,
                       refs: list[Reference] | None = None) -> list[tuple[int, str]]:
    refs = registry.find_references(text) if refs is None else refs
    found = []
    for m in _matches(_ANNIVERSARY, _ANNIVERSARY_END, _ANNIVERSARY_HEAD, key):
        n = m.group("n")
        years = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        ref = next((r for r in refs if 0 <= r.start - m.end() <= 120 and r.directive_id), None)
        directive = registry.get(ref.directive_id) if ref else None
        if directive and directive.year:
            found.append((directive.year + years, text[m.start():ref.end]))
    return found


def _counted_from_anniversaries(key: str, text: str) -> list[tuple[int, str]]:
    """"kỷ niệm 130 năm Ngày sinh Chủ tịch Hồ Chí Minh" -> 2020."""
    found = []
    anniversaries = load_lexicon().anniversaries
    if not any(phrase in key for phrase, _ in anniversaries):
        return found  # no anniversary named at all (most texts): no need to visit every "N năm"
    for m in _COUNTED_YEARS.finditer(key):
        rest = key[m.end():m.end() + 60]
        for phrase, base in anniversaries:
            if rest.startswith(phrase):
                found.append((base + int(m.group("n")), text[m.start():m.end() + len(phrase)]))
                break
    return found


def current_year() -> int:
    """The year the build runs in: no later year is inferred. The only reading of today's date;
    the cache key holds it (batch.build_context), since results depend on it."""
    return dt.date.today().year


def infer_year(text: str, registry: Registry, exclude: set[tuple[int, int]],
               refs: list[Reference] | None = None) -> Optional[tuple[int, str]]:
    """(year, evidence as written) from what the text says, or None. ``refs``: the text's
    references, when the caller has them already."""
    key = match_key(text)
    this_year = current_year()

    def plausible(candidates):
        return [(y, e) for y, e in candidates if 1990 <= y <= this_year]

    anniversaries = plausible(_anniversary_years(key, text, registry, refs) + _counted_from_anniversaries(key, text))
    if anniversaries:
        return max(anniversaries)
    statements = []
    for m in _matches(_YEAR_STATEMENT, _YEAR_STATEMENT_END, _YEAR_STATEMENT_HEAD, key):
        group = "a" if m.group("a") else "b"
        if any(s <= m.start(group) < e for s, e in exclude) or _FUTURE.search(key[max(0, m.start() - 30):m.start()]):
            continue
        statements.append((int(m.group(group)), text[m.start():m.end()].strip(" ,")))
    statements = plausible(statements)
    if statements:
        return max(statements)
    periods = []
    for m in _matches(_PERIOD, _PERIOD_END, _PERIOD_HEAD, key):
        if (m.group("pre") or "").startswith("nhiệm"):
            continue  # a term of office names its planned end, not the present
        a, b = int(m.group("a")), int(m.group("b"))
        if a < b <= a + 15:
            periods.append((b, text[m.start():m.end()].strip()))
    periods = plausible(periods)
    if periods:
        return max(periods)
    return None


def date_article(article: Article, registry: Registry | None = None,
                 line_references: list[list[Reference]] | None = None) -> Article:
    """Fill ``date``, ``year``, ``date_source`` and ``date_evidence``. ``line_references``: those
    of the title and each block (reference_lines.references_in), when found already."""
    registry = registry or load_registry()
    given = as_date(article.given.get("date"))
    if given:
        return _set(article, given, given.year, "dateline", str(article.given.get("date")))
    if article.dateline:
        mentions = find_full_dates(article.dateline)
        if mentions:
            return _set(article, mentions[0].date, mentions[0].year, "dateline", article.dateline)
    lines = article_lines(article)
    text = "\n".join(lines)
    # The whole text's references and dates, found once for the steps below; the references
    # from those of each line (reference_lines).
    refs = find_references_joined(registry, lines, line_references)
    mentions = find_full_dates(text)
    excluded = _directive_dates(text, registry, refs, mentions)
    stated: list[DateMention] = [m for m in mentions
                                 if (m.start, m.end) not in excluded and _opens_sentence(text, m.start)]
    if stated:
        return _set(article, stated[0].date, stated[0].year, "dateline", stated[0].text)
    inferred = infer_year(text, registry, excluded, refs)
    if inferred is None:
        return _set(article, None, None, None, None)
    year, evidence = inferred
    events = find_event_dates(text)
    if events:
        event_date = make_date(year, events[0].month, events[0].day)
        if event_date:
            return _set(article, event_date, year, "inferred", f"{events[0].text} + {evidence}")
    return _set(article, None, year, "inferred", evidence)


def _set(article, date, year, source, evidence) -> Article:
    article.date, article.year, article.date_source, article.date_evidence = date, year, source, evidence
    return article
