"""Key figures: every quotable count in an article, with its qualifier and what it counts.

"gần 800 cuộc kiểm tra, giám sát", "4.725 đảng viên", "98,6%", "32/32 chi bộ",
"110 mô hình “Dân vận khéo”", "hàng vạn tập thể". Not figures: dates (9/5, 15/5/2016),
years (2020, 2016-2021), document numbers (Chỉ thị 05, Nghị quyết số 35, khóa XII,
Trung ương 4, TW4, CT 05), list markers "(1)", times "17h", "Covid-19", names in short
quotes (“Chợ 0 đồng”), and durations ("sau 2 năm", "qua hơn 1 năm thực hiện", "gần 4 năm
thực hiện Chỉ thị" — but "Hơn 10 năm qua, câu lạc bộ …" is kept: a qualified duration that
is not the implementation period is a result). Fractions are not dates: "32/32", "91/94".
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from .article import KeyFigure
from .sentences import split_sentences

QUALIFIERS = ("cao hơn", "thấp hơn", "gần", "hơn", "trên", "dưới", "khoảng", "gấp", "từ", "ước", "chừng",
              "tổng cộng")
_QUALIFIER = "|".join(re.escape(q) for q in QUALIFIERS)
_WORD_NUMBER = r"hàng\s+(?:chục|trăm|nghìn|ngàn|vạn|triệu)(?:\s+(?:nghìn|ngàn|vạn|triệu))?"
_NUMBER = r"\d+(?:[.,]\d+)*(?:/\d+)?"
_UNIT = r"%|tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|ngàn\s+đồng|tỷ|triệu|nghìn|ngàn|vạn|m2|m²|ha|km|tấn|lượt"
_FIGURE = re.compile(
    rf"(?<![\w.,/+\-–])(?:(?P<q>{_QUALIFIER})\s+)?"
    rf"(?:(?P<n>{_NUMBER}(?:\s*[-–]\s*{_NUMBER}(?=\s*%))?)(?![\w/]|[.,]\d)\s*(?P<unit>{_UNIT})?(?!\w)"
    rf"|(?P<w>{_WORD_NUMBER})(?!\w))",
    re.IGNORECASE,
)
# What a number right after these words is: a document number, an ordinal, a date part.
_NOT_AFTER = re.compile(
    r"(?:chỉ thị|kết luận|nghị quyết|quy định|hướng dẫn|quyết định|kế hoạch|thông báo|công văn|thông tri|"
    r"(?<!tổng )số|khóa|khoá|lần thứ|thứ|trung ương|tw|ngày|tháng|quý|điều|khoản|mục|phần|đợt|giai đoạn|năm học|"
    r"đại hội|covid)\s*$",
    re.IGNORECASE,
)
# "CT 05", "KL 01", "QĐ 08": a document kind abbreviated, in capitals.
_KIND_ABBREVIATION = re.compile(r"(?<!\w)(?:CT|KL|NQ|QĐ|QĐi|QĐ-TW|HD|KH|TB)\s*$")
# "gần 4 năm thực hiện Chỉ thị": the period of implementation, not a result.
_PERIOD_OF = re.compile(r"^\s*(?:năm|tháng)\s+(?:thực hiện|triển khai|học tập|thi hành|tổ chức thực hiện)\b",
                        re.IGNORECASE)
_DATE_OR_YEAR = re.compile(r"^(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}/\d{4}|(?:19|20)\d\d)$")
_ZEROS = re.compile(r"0+")
_RANGE = re.compile(r"[-–]")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")


def _is_date_or_year(number: str) -> bool:
    """"9/5", "15/5/2016", "5/2016", "2020" — but "32/32", "91/94", "17/17" are parts of a whole."""
    m = _FRACTION.match(number)
    if m and int(m.group(1)) <= int(m.group(2)) and (int(m.group(2)) > 12 or m.group(1) == m.group(2)):
        return False
    return bool(_DATE_OR_YEAR.match(number))


_DOCUMENT_SUFFIX = re.compile(r"\s*(?:-|/)\s*[A-ZĐ]")
_DURATION = re.compile(r"^(?:năm|tháng|tuần|ngày|giờ|phút|h)\b", re.IGNORECASE)
# Words that end the phrase saying what a figure counts.
_STOP_WORDS = {"và", "với", "được", "đã", "là", "cho", "tại", "từ", "trong", "theo", "để", "khi", "nhưng", "do",
               "vì", "đến", "về", "thì", "mà", "này", "đó", "có", "đang", "sẽ", "bị", "như", "nhằm", "gồm", "trên",
               "dưới", "so", "qua", "hoặc", "hay", "nên", "tham", "đạt", "ở", "vào", "ra", "lên", "thực", "đều",
               "giúp", "mở", "làm", "kèm", "xin", "luôn", "chỉ", "cần", "đăng", "hoàn", "xây", "triển", "áp", "bàn",
               "đóng", "thời", "bền", "trực", "tổng", "mỗi", "thuộc", "vi", "gắn", "hoạt", "đối"}
# Multi-syllable words that may start the counted phrase although one syllable is a stop word.
_KEEP_PAIRS = {"tổ chức", "vi phạm"}
_TOKEN = re.compile(r"“[^”]{1,60}”|\"[^\"]{1,60}\"|[\w²]+|[^\s\w]")
MAX_COUNT_WORDS = 5


def _is_word(token: str, following: str) -> bool:
    """A token that can be part of what a figure counts."""
    if not (token[0].isalpha() or token[0] in "“\""):
        return False
    return token.lower() not in _STOP_WORDS or f"{token} {following}".lower() in _KEEP_PAIRS


def _counts(rest: str) -> str:
    """What the figure counts: the words right after it ("cuộc kiểm tra, giám sát").

    Up to ``MAX_COUNT_WORDS`` syllables, then a comma continues only into a short list of
    nouns ("cán bộ, đảng viên", "cuộc kiểm tra, giám sát")."""
    # Tokens are read as the loops below ask for them (most figures need 6 or 7, not the
    # whole rest of the sentence). ``token(i)`` is "" past the last token (tokens are never
    # empty), as the list of all tokens with "" appended answered.
    found = _TOKEN.finditer(rest)
    tokens: list[str] = []

    def token(i: int) -> str:
        while len(tokens) <= i:
            m = next(found, None)
            if m is None:
                return ""
            tokens.append(m.group())
        return tokens[i]

    words: list[str] = []
    index = 0
    while token(index) and len(words) < MAX_COUNT_WORDS:
        if not _is_word(tokens[index], token(index + 1)):
            break
        words.append(tokens[index])
        index += 1
    while words and token(index) == "," and len(words) < 3 * MAX_COUNT_WORDS:
        segment = []
        j = index + 1
        while token(j) and _is_word(tokens[j], token(j + 1)) and len(segment) < 2:
            segment.append(tokens[j])
            j += 1
        after = token(j)
        ends = not after or not after[0].isalnum() or after.lower() in _STOP_WORDS
        if not segment or not ends or segment[0].lower() in QUALIFIERS:
            break  # "đảng viên mới, thành lập mới 4 …", "việc của tập thể, hơn 3.000 …": a new clause
        words += [","] + segment
        index = j
    return " ".join(words).replace(" ,", ",")


def _inside_short_quote(sentence: str, at: int) -> bool:
    opened = sentence.rfind("“", 0, at)
    if opened < 0 or sentence.rfind("”", 0, at) > opened:
        return False
    closed = sentence.find("”", at)
    return closed > 0 and len(sentence[opened:closed].split()) <= 8


# The words a figure may stand after, all ending the text before it (``\s*$``): a match can
# only start in the last ``_TAIL`` characters of that text (trailing spaces dropped), so the
# search starts there instead of trying every position of the sentence again for every
# figure. (A search from ``pos`` still sees the text before it in look-behinds.)
_TAIL = 16  # the longest of those words, "nghị quyết"/"trung ương", has 10 characters
_DURATION_AFTER = re.compile(r"(?:qua|sau|trong|suốt|của|mất)\s*$", re.IGNORECASE)


def _ends_with(pattern: re.Pattern, text: str) -> bool:
    r"""``pattern.search(text)`` for a pattern ending in ``\s*$`` whose matches are at most
    ``_TAIL`` characters long before that."""
    text = text.rstrip()
    return pattern.search(text, max(0, len(text) - _TAIL)) is not None


# Every figure has a digit or "hàng" (hàng trăm, hàng nghìn…) where its number starts.
_MAY_HOLD_FIGURE = re.compile(r"\d|hàng", re.IGNORECASE)
# Where ``_MAY_HOLD_FIGURE`` matches, found faster: it opens with a character class without
# IGNORECASE (each letter's class is exactly what IGNORECASE matches for it), so the regex
# engine skips the other characters in one quick loop. Same match starts.
_FIGURE_ANCHOR = re.compile(r"[\dhH](?:(?<=\d)|(?<=[hH])[àÀ][nN][gG])")


# A figure starts at its number (or "hàng"), or at a qualifier one whitespace run before it;
# qualifiers match as many characters as they have (case folding is one to one).
_LONGEST_QUALIFIER = max(map(len, QUALIFIERS))


def _figure_matches(sentence: str) -> Iterator[re.Match]:
    """``_FIGURE.finditer(sentence)``, without trying ``_FIGURE`` at every position.

    A match holds a digit or "hàng" where its number starts (its qualifier and the spaces
    after it hold neither), so none starts before ``_LONGEST_QUALIFIER`` characters plus the
    whitespace run before the first digit or "hàng" at or after where the last match ended:
    searching from there finds the same next match. The text between figures is skipped by
    one quick scan (``_FIGURE_ANCHOR``) instead of ``_FIGURE``'s tries at each position."""
    end = 0
    while True:
        anchor = _FIGURE_ANCHOR.search(sentence, end)
        if anchor is None:
            return
        start = anchor.start()
        while start > end and sentence[start - 1].isspace():
            start -= 1
        m = _FIGURE.search(sentence, max(end, start - _LONGEST_QUALIFIER))
        if m is None:
            return
        yield m
        end = m.end()


def figures_in_sentence(sentence: str) -> list[KeyFigure]:
    found = []
    for m in _figure_matches(sentence):
        number, unit, qualifier, word_number = m.group("n"), m.group("unit"), m.group("q"), m.group("w")
        if number and _is_date_or_year(number) and not unit:
            continue
        before = sentence[:m.start()]
        if _ends_with(_NOT_AFTER, before) or _ends_with(_KIND_ABBREVIATION, before):
            continue
        if before.endswith("(") and sentence[m.end():m.end() + 1] == ")":
            continue  # "(1)", "(2)": list markers
        rest = sentence[m.end():]
        if number and not unit and _DOCUMENT_SUFFIX.match(rest):
            continue  # "05-CT/TW", "05/CT-TW"
        if number and not unit and _DURATION.match(rest.lstrip()) \
                and (not qualifier or _ends_with(_DURATION_AFTER, before)):
            continue  # "sau 2 năm", "17h", "qua hơn 1 năm thực hiện" (but "Hơn 10 năm qua, …" is a result)
        if number and not unit and _PERIOD_OF.match(rest):
            continue  # "gần 4 năm thực hiện Chỉ thị 05"
        if number and _ZEROS.fullmatch(number):
            continue  # "Chợ 0 đồng": a name, not a count
        if _inside_short_quote(sentence, m.start()):
            continue  # “Chợ 0 đồng”, “3 không”: slogans and names
        if qualifier and qualifier.lower() == "từ" and not (number and _RANGE.search(number)):
            qualifier = None  # "từ" qualifies a range ("từ 30 - 50%"), not "từ 5 đơn vị"
        counts = _counts(rest)
        if not counts and not unit and not word_number:
            continue
        start = m.start() if qualifier else (m.start("n") if number else m.start("w"))
        text = " ".join(sentence[start:m.end()].split())
        found.append(KeyFigure(text=text, counts=counts, sentence=sentence))
    return found


def find_key_figures(paragraphs: list[str]) -> list[KeyFigure]:
    return unique_figures(figure for paragraph in paragraphs for sentence in split_sentences(paragraph)
                          for figure in figures_in_sentence(sentence))


def unique_figures(figures: Iterable[KeyFigure]) -> list[KeyFigure]:
    """The first of each figure (same text, same counted thing), in order."""
    kept: list[KeyFigure] = []
    seen = set()
    for figure in figures:
        key = (figure.text.lower(), figure.counts.lower())
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept
