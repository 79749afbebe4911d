"""What is written around a reference, and whether it names the registry document its number
points to.

A number alone is not a document: numbers restart with every term and every issuer, so
"Chỉ thị 05 về gia đình văn hoá", a provincial "Nghị quyết số 18-NQ/TU" or a 2017
"Kết luận số 21 … về TP.HCM" reuse the numbers of registry documents. After a reference the
press writes, in some order, its issue date ("ngày 15/5/2016"), its issuer ("của Bộ Chính
trị"), the term ("khóa XII") and its subject ("về đẩy mạnh học tập …"); ``read_context``
reads them (on the reference's own line) and ``veto`` / ``vouches`` weigh them against a
registry document. Whether a reference is a Party or a State document (``is_state``) is read
from the same context and from how its number is written.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Optional

from .lexicon import load_lexicon
from .vntext import match_key

# Spaces on one line: what is read after a reference never crosses a line break.
_S = r"[^\S\n]"
_DATE = re.compile(
    rf"{_S}*,?{_S}*(?:\(?{_S}*)?(?:được{_S}+)?(?:ban{_S}+hành{_S}+|ký{_S}+)?(?:vào{_S}+)?ngày{_S}*"
    rf"(?:(?P<d>\d{{1,2}}){_S}*[/.\-]{_S}*(?P<m>\d{{1,2}}){_S}*[/.\-]{_S}*(?P<y>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}}){_S}+tháng{_S}+(?P<m2>\d{{1,2}}){_S}+năm{_S}+(?P<y2>(?:19|20)\d\d))(?!\d){_S}*\)?"
)
_YEAR_ONLY = re.compile(rf"{_S}*,?{_S}*(?:\(?{_S}*)?năm{_S}+(?P<y>(?:19|20)\d\d)(?!\d){_S}*\)?")
_OF = re.compile(rf"{_S}*,?{_S}*(?:của|do){_S}+")
_TERM = re.compile(rf"{_S}*,?{_S}*\(?{_S}*kho[áa]{_S}+(?P<term>[xvil]+|\d{{1,2}})(?!\w){_S}*\)?")
# Other bare numbers of the same kind before an issuer they share: ", 02", "và quy định số 231".
_MORE_NUMBERS = re.compile(rf"(?:{_S}*(?:,|và){_S}*(?:(?P<kind>chỉ thị|nghị quyết|kết luận|quy định|quyết định|"
                           rf"thông báo|hướng dẫn|kế hoạch){_S}+)?(?:số{_S}*)?\d{{1,4}}(?![\w/\-]|{_S}*[-/]{_S}*[a-zđ]))+")
_ABOUT = re.compile(rf"{_S}*,?{_S}*(?:về{_S}+(?:việc{_S}+)?|v/v{_S}+)")
# Where a subject ends: end of sentence or clause, a bracket, the next reference.
_SUBJECT_END = re.compile(r"[.;:!?()\[\]\n]|\s(?:và|cùng|;)\s+(?:các\s+)?(?:chỉ thị|nghị quyết|kết luận|quy định|"
                          r"quyết định|thông báo|hướng dẫn|kế hoạch|nghị định|thông tư|chương trình)\b")
_WORD = re.compile(r"[^\W\d_]+")
_MINISTRY = re.compile(rf"bộ(?:{_S}+(?!(?:về|ngày|năm|khoá|và|tại|đã|vừa)(?!\w))[^\W\d_]+){{1,4}}")
SUBJECT_BIGRAMS = 6  # the subject's first bigrams weighed against a document's words
# The registry's issuers (match keys); any other central name stands for the last, the Central Committee.
_ORGANS = ("bộ chính trị", "ban bí thư", "ban chấp hành trung ương")
# Party offices below the centre, State bodies: a document of theirs is not a registry one.
_LOCAL_CODES = {"TU", "HU", "ĐU", "ĐUK", "QU", "TH", "THU", "BTGTU", "UBKTTU", "BTCTU", "BDVTU", "ĐĐ", "BCS",
                "QUTW", "UBKTTW", "BTCTW", "BTGTW", "BDVTW", "BKTTW", "BNCTW", "VPTW", "ĐUCA", "ĐUQS"}
_STATE_CODES = {"CP", "TTG", "QH", "UBTVQH", "UBND", "HĐND", "VPCP", "TTCP", "KTNN", "NĐ", "TT", "BNV", "BCA",
                "BQP", "BGDĐT", "BTC", "BYT", "BTP", "BCT", "BXD", "BKHĐT", "BTTTT", "BGTVT", "BLĐTBXH",
                "BNNPTNT", "BTNMT", "BVHTTDL", "BKHCN", "NHNN", "TANDTC", "VKSNDTC", "HĐBCQG", "CTN"}
STATE_KINDS = frozenset({"nghị định", "thông tư"})


@dataclass(frozen=True)
class Context:
    """What the press wrote after a reference. ``end``: where the reference, with its issue
    date and issuer, ends as written (what a reader quotes)."""

    end: int
    date: Optional[dt.date] = None
    year: Optional[int] = None  # the issue year written ("ngày 15/5/2016", "năm 2011")
    issuer: Optional[str] = None  # "central" | "local" | "state"
    organ: Optional[str] = None  # the central body named, as the registry writes issuers (match key)
    term: Optional[str] = None  # "XII"
    subject: tuple[tuple[str, str], ...] = ()  # the first bigrams of "về …"
    skipped: Optional[tuple[int, int]] = None  # other numbers before a shared issuer: ", 02", "và quy định số 231"


def roman(value: str) -> str:
    """A term as the registry writes it: "12" -> "XII", "xiii" -> "XIII"."""
    if value.isdigit():
        n, out = int(value), ""
        for symbol, amount in (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1)):
            while n >= amount:
                out, n = out + symbol, n - amount
        return out
    return value.upper()


def bigrams(key: str) -> list[tuple[str, str]]:
    """Pairs of neighbouring words of a match key, not across punctuation: "đổi mới, sắp xếp"
    gives ("đổi", "mới"), ("sắp", "xếp")."""
    pairs = []
    for chunk in re.split(r"[^\w\s]|\d", key):
        words = _WORD.findall(chunk)
        pairs += zip(words, words[1:])
    return pairs


def _issuer_at(key: str, at: int) -> Optional[tuple[int, str, Optional[str]]]:
    """(end, "central" | "local" | "state", central body) for an issuer named at ``at``."""
    lexicon = load_lexicon()
    for name in lexicon.local_party_issuers:
        if key.startswith(name, at):
            return at + len(name), "local", None
    for name in lexicon.state_issuers:
        if key.startswith(name, at):
            return at + len(name), "state", None
    if key.startswith("bộ ", at) and not key.startswith("bộ chính trị", at):
        name = _MINISTRY.match(key[at:at + 40])  # "Bộ Tư pháp": a ministry
        return at + name.end(), "state", None
    for written in lexicon.party_issuers:  # longest first
        if key.startswith(written, at) and not key[at + len(written):at + len(written) + 1].isalnum():
            end = at + len(written)
            # "Ban Bí thư Trung ương Đảng", "Ban Chấp hành Trung ương Đảng (khóa XII)"
            tail = re.match(rf"(?:{_S}+trung{_S}+ương)?(?:{_S}+đảng)?(?!\w)", key[end:end + 20])
            organ = written if written in _ORGANS else _ORGANS[-1]
            return end + (tail.end() if tail else 0), "central", organ
    return None


def read_context(key: str, end: int) -> Context:
    """What follows a reference ending at ``end`` of match key ``key``, up to its subject."""
    limit = min(len(key), end + 300)
    found: dict = {}
    at = quoted_end = end
    while at < limit:
        m = _DATE.match(key, at, limit)
        if m and "date" not in found:
            day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("y") else \
                (m.group("d2"), m.group("m2"), m.group("y2"))
            found["year"] = int(year)
            try:
                found["date"] = dt.date(int(year), int(month), int(day))
            except ValueError:
                pass
            at = quoted_end = m.end()
            continue
        m = _YEAR_ONLY.match(key, at, limit)
        if m and "year" not in found:
            found["year"] = int(m.group("y"))
            at = quoted_end = m.end()
            continue
        m = _OF.match(key, at, limit)
        skipped = None
        if not m and "issuer" not in found:
            # "quy định số 51 và quy định số 231 của Ban Bí thư", "Nghị quyết 01, 02 của Chính phủ":
            # the issuer written after the last number is every one's.
            more = _MORE_NUMBERS.match(key, at, limit)
            m = _OF.match(key, more.end(), limit) if more else None
            skipped = (more.start(), more.end()) if m else None
        issuer = _issuer_at(key, m.end()) if m and "issuer" not in found else None
        if issuer:
            if skipped:
                found["skipped"] = skipped
            at, found["issuer"], found["organ"] = issuer
            quoted_end = at
            continue
        m = _TERM.match(key, at, limit)
        if m and "term" not in found:
            found["term"] = roman(m.group("term"))
            at = m.end()
            continue
        break
    m = _ABOUT.match(key, at, limit)
    if m:
        stop = _SUBJECT_END.search(key, m.end(), limit)
        subject = key[m.end():stop.start() if stop else limit]
        found["subject"] = tuple(bigrams(subject)[:SUBJECT_BIGRAMS])
    return Context(end=quoted_end, **found)


@functools.lru_cache(maxsize=None)
def document_bigrams(*texts: str) -> frozenset:
    """Every bigram of a document's name, topic and aliases (match keys)."""
    return frozenset(pair for text in texts for pair in bigrams(text))


def subject_share(context: Context, words: frozenset) -> Optional[float]:
    """Share of the written subject's bigrams found among a document's (None: no subject)."""
    if len(context.subject) < 2:
        return None
    return sum(pair in words for pair in context.subject) / len(context.subject)


SUBJECT_MATCH = 0.34  # a third of the subject's first bigrams are the document's own words


def veto(context: Context, term: Optional[str], issued: Optional[dt.date], organ: str, words: frozenset,
         bare: bool) -> Optional[str]:
    """Why a reference cannot be this document (term, issue year, issuer, subject), or None.
    ``organ``: the document's issuer (match key); ``bare``: written without its suffix, where
    naming another central body than the document's also tells another document."""
    if context.term and term and context.term != term:
        return f"khóa {context.term}, not {term}"
    if context.year and issued and context.year != issued.year:
        return f"issued {context.year}, not {issued.year}"
    if context.issuer in ("local", "state"):
        return f"a {context.issuer} issuer"
    if bare and context.organ and organ and context.organ != organ:
        return f"issued by {context.organ}"
    share = subject_share(context, words)
    if share == 0:
        return "another subject"
    return None


def vouches(context: Context, issued: Optional[dt.date], organ: str, words: frozenset) -> bool:
    """Whether what is written names this document even without its suffix: its subject, its
    exact issue date, or its issuer."""
    share = subject_share(context, words)
    if share is not None and share >= SUBJECT_MATCH:
        return True
    if context.date and context.date == issued:
        return True
    return bool(context.organ and context.organ == organ)


def _suffix_codes(suffix: str) -> list[str]:
    return [p for p in re.split(r"\s*[-/–—]\s*", suffix.upper()) if p]


def is_state(kind: str, written: str, suffix: Optional[str], context: Context) -> bool:
    """A State document (Government, Prime Minister, National Assembly, ministries, People's
    Committees), not a Party one: its kind ("Nghị định"), its issuer, its number ("08/CT-TTg",
    "46/2026/NĐ-CP": State numbers carry a slash before the kind, often the year; Party
    numbers a hyphen: "05-CT/TW"), or where it was issued."""
    if kind in STATE_KINDS or context.issuer == "state":
        return True
    if context.issuer in ("central", "local"):
        return False
    if not suffix:
        return False
    codes = _suffix_codes(suffix)
    if any(c in _LOCAL_CODES or c in ("TW", "TƯ") for c in codes[1:]):
        return False
    if any(c in _STATE_CODES or c.startswith(("QH", "UBND", "B")) and c not in _LOCAL_CODES for c in codes[1:]):
        return True
    # "08/CT-…" or "46/2026/…": a slash between the number and the kind.
    return bool(re.search(r"\d\s*/\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐ]", written, re.IGNORECASE))
