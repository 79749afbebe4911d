"""Finding the headline in a page dump.

A page copied or scraped whole starts with the site: its name ("BÁO KON TUM", "Cổng thông tin
điện tử"), menus ("Trang chủ | Chính trị | Kinh tế | …"), breadcrumbs, a section label, a
date. The headline is the line, before the first paragraph of prose, that looks like a
headline and shares the most words with the text under it.
"""
from __future__ import annotations

import re
from typing import Optional

from .bylines import parse_byline
from .datelines import is_dateline
from .lexicon import Lexicon
from .vntext import ends_sentence, match_key, word_count

HEADER_LINES = 16  # how far down the page the headline may stand
_SEPARATORS = re.compile(r"\s*(?:[›»>|•·+]|>>)\s*|\s+[/\-–—]\s+|\s{2,}")
_WORD = re.compile(r"\w{2,}")
_CREDIT = re.compile(r"(?:^|[\s.\-–(])(?:Ảnh|Nguồn ảnh|Video|Clip)\s*:", re.IGNORECASE)


def is_menu(line: str, lexicon: Lexicon) -> bool:
    """Breadcrumbs and menu rows: "Trang chủ › Chính trị", "Thời sự   Chính trị   Kinh tế"."""
    parts = [p for p in _SEPARATORS.split(line.strip()) if p.strip()]
    if len(parts) < 2 or ends_sentence(line):
        return False
    if len(parts) >= 3 and all(word_count(p) <= 5 for p in parts):
        return True
    if lexicon.is_section_label(parts[0]) and all(word_count(p) <= 10 for p in parts):
        return True  # "Trang chủ / Chính trị / Bảo vệ nền tảng tư tưởng của Đảng"
    return sum(word_count(p) for p in parts) <= 12 and all(word_count(p) <= 4 for p in parts)


def is_site_name(line: str, lexicon: Lexicon) -> bool:
    """"BÁO TUYÊN QUANG ĐIỆN TỬ", "Cơ quan của Ủy ban Dân tộc", "QUÂN KHU 7 ONLINE"."""
    if word_count(line) > 16 or ends_sentence(line):
        return False
    if lexicon.is_site_line(line) or lexicon.is_footer(line):
        return True
    if word_count(line) > 10:
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 6 and all(c.isupper() for c in letters)


def _is_body(line: str) -> bool:
    words = word_count(line)
    return words >= 40 or (words >= 22 and ends_sentence(line))


def _content_words(text: str) -> set[str]:
    return set(_WORD.findall(match_key(text)))


def find_headline(lines: list[str], lexicon: Lexicon) -> Optional[int]:
    """Index of the headline among ``lines`` (the page's non-empty lines), or None."""
    window = lines[:HEADER_LINES]
    first_body = next((i for i, line in enumerate(window) if _is_body(line)), len(window))
    candidates = []  # (index, words) of the lines that may be the headline
    for index in range(first_body):
        line = window[index]
        words = word_count(line)
        if words < 2 or line.rstrip().endswith(".") or is_dateline(line) or lexicon.is_widget(line) \
                or lexicon.is_metadata(line) or lexicon.is_section_label(line) or is_menu(line, lexicon) \
                or is_site_name(line, lexicon) or _CREDIT.search(line) or parse_byline(line, strict=True):
            continue
        candidates.append((index, words))
    if len(candidates) == 1:
        return candidates[0][0]  # the only candidate is the best whatever the scores (most pages)
    # The words of the first 8 lines of text, line by line: the same set as the words of the
    # lines joined by spaces (match_key and words never reach across a space), and each line's
    # match_key is one the cleaning steps ask for again (cached), unlike their join's.
    body = set().union(*(_content_words(line) for line in lines[first_body:first_body + 8])) if candidates else set()
    scored: list[tuple[float, int]] = []
    for index, words in candidates:
        line = window[index]
        own = _content_words(line)
        overlap = len(own & body) / len(own) if own else 0.0
        score = 3.0 * overlap + (1.5 if 5 <= words <= 40 else 0.3 if words >= 3 else 0.0)
        if line.upper() == line:
            score -= 0.5
        scored.append((score, index))
    if not scored:
        return 0 if lines else None
    best = max(score for score, _ in scored)
    return next(index for score, index in scored if score >= best - 0.6)
