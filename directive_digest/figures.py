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
from itertools import islice
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
_LABELS = ("chỉ thị", "kết luận", "nghị quyết", "quy định", "hướng dẫn", "quyết định", "kế hoạch", "thông báo",
           "công văn", "thông tri", "(?<!tổng )số", "khóa", "khoá", "lần thứ", "thứ", "trung ương", "tw", "ngày",
           "tháng", "quý", "điều", "khoản", "mục", "phần", "đợt", "giai đoạn", "năm học", "đại hội", "covid")
_NOT_AFTER = re.compile(rf"(?:{'|'.join(_LABELS)})\s*$", re.IGNORECASE)
# "CT 05", "KL 01", "QĐ 08": a document kind abbreviated, in capitals.
_KINDS = ("CT", "KL", "NQ", "QĐ", "QĐi", "QĐ-TW", "HD", "KH", "TB")
_KIND_ABBREVIATION = re.compile(rf"(?<!\w)(?:{'|'.join(_KINDS)})\s*$")
# "gần 4 năm thực hiện Chỉ thị": the period of implementation, not a result (matched where the figure ends).
_PERIOD_OF = re.compile(r"\s*(?:năm|tháng)\s+(?:thực hiện|triển khai|học tập|thi hành|tổ chức thực hiện)\b",
                        re.IGNORECASE)
_DATE_OR_YEAR = re.compile(r"^(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}/\d{4}|(?:19|20)\d\d)$")
_ZEROS = re.compile(r"0+")
_RANGE = re.compile(r"[-–]")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")


def _is_date_or_year(number: str) -> bool:
    """"9/5", "15/5/2016", "5/2016", "2020" — but "32/32", "91/94", "17/17" are parts of a whole."""
    if _DATE_OR_YEAR.match(number) is None:
        return False  # most counts ("4.725", "98,6", "110") fail here, with no fraction to read
    m = _FRACTION.match(number)
    return not (m and int(m.group(1)) <= int(m.group(2)) and (int(m.group(2)) > 12 or m.group(1) == m.group(2)))


_DOCUMENT_SUFFIX = re.compile(r"\s*(?:-|/)\s*[A-ZĐ]")
# A unit of time right after the figure (after its spaces: matched where the figure ends).
_DURATION = re.compile(r"\s*(?:năm|tháng|tuần|ngày|giờ|phút|h)\b", re.IGNORECASE)
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


# Tokens a count's first words can use: up to MAX_COUNT_WORDS words, then the one after the
# last (a stop word's pair, or the comma that continues the list).
_FIRST_TOKENS = MAX_COUNT_WORDS + 2


def _counts(sentence: str, pos: int = 0) -> str:
    """What the figure counts: the words of ``sentence[pos:]`` right after it ("cuộc kiểm tra, giám sát").

    Up to ``MAX_COUNT_WORDS`` syllables, then a comma continues only into a short list of
    nouns ("cán bộ, đảng viên", "cuộc kiểm tra, giám sát")."""
    # Tokens are read as the loops below ask for them (most figures need 6 or 7, not the
    # whole rest of the sentence). ``token(i)`` is "" past the last token (tokens are never
    # empty), as the list of all tokens with "" appended answered. (``_TOKEN`` looks neither
    # behind nor ahead: its matches from ``pos`` are those in ``sentence[pos:]``.)
    found = _TOKEN.finditer(sentence, pos)
    tokens = [m.group() for m in islice(found, _FIRST_TOKENS)]
    have = len(tokens)  # all of them when fewer than _FIRST_TOKENS

    def token(i: int) -> str:
        while len(tokens) <= i:
            m = next(found, None)
            if m is None:
                return ""
            tokens.append(m.group())
        return tokens[i]

    # The first words: index + 1 is at most MAX_COUNT_WORDS, within the tokens read already.
    words: list[str] = []
    index = 0
    while index < have and index < MAX_COUNT_WORDS:
        if not _is_word(tokens[index], tokens[index + 1] if index + 1 < have else ""):
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


# What the text before a figure ends with, asked where that text ends: one look-behind per
# word (each has a fixed length), tried at that one position, instead of a search of the
# text's last characters for the word followed by ``\s*$``.
def _ending_here(words: Iterable[str], flags: str = "") -> str:
    return "|".join(f"(?{flags}:(?<={word}))" if flags else f"(?<={word})" for word in words)


_DURATION_WORDS = ("qua", "sau", "trong", "suốt", "của", "mất")
_DURATION_AFTER = re.compile(rf"(?:{'|'.join(_DURATION_WORDS)})\s*$", re.IGNORECASE)
_DURATION_ENDS_HERE = re.compile(_ending_here(_DURATION_WORDS, "i"))
# ``_NOT_AFTER`` or ``_KIND_ABBREVIATION`` (each with its own case rule). Those two and
# ``_DURATION_AFTER`` stay as the definitions the tests compare with.
_LABEL_ENDS_HERE = re.compile(_ending_here(_LABELS, "i") + "|" + _ending_here(rf"(?<!\w){k}" for k in _KINDS))


def _ends_with(pattern: re.Pattern, sentence: str, end: int) -> bool:
    r"""``re.search(r"(?:WORDS)\s*$", sentence[:end])`` for ``pattern = re.compile(_ending_here(WORDS))``:
    the words end where the text's trailing whitespace starts."""
    while end and sentence[end - 1].isspace():
        end -= 1
    return pattern.match(sentence, end) is not None


# Every figure has a digit or "hàng" (hàng trăm, hàng nghìn…) where its number starts.
_MAY_HOLD_FIGURE = re.compile(r"\d|hàng", re.IGNORECASE)
# Where ``_MAY_HOLD_FIGURE`` matches, found faster: it opens with a character class without
# IGNORECASE (each letter's class is exactly what IGNORECASE matches for it), so the regex
# engine skips the other characters in one quick loop. Same match starts.
_FIGURE_ANCHOR = re.compile(r"[\dhH](?:(?<=\d)|(?<=[hH])[àÀ][nN][gG])")


# A figure starts at its number (or "hàng"), or at a qualifier one whitespace run before it;
# qualifiers match as many characters as they have (case folding is one to one).
_LONGEST_QUALIFIER = max(map(len, QUALIFIERS))
_QUALIFIER_ENDS_HERE = re.compile(_ending_here(map(re.escape, QUALIFIERS), "i"))


def _figure_matches(sentence: str) -> Iterator[re.Match]:
    """``_FIGURE.finditer(sentence)``, without trying ``_FIGURE`` at every position.

    A match holds a digit or "hàng" where its number starts (its qualifier and the spaces
    after it hold neither), so none starts before ``_LONGEST_QUALIFIER`` characters plus the
    whitespace run before the first digit or "hàng" at or after where the last match ended:
    searching from there finds the same next match. The text between figures is skipped by
    one quick scan (``_FIGURE_ANCHOR``) instead of ``_FIGURE``'s tries at each position.

    When no qualifier ends where that whitespace run starts (most numbers), a match can only
    start at the digit or "hàng" itself: ``_FIGURE`` is tried there alone, and when it fails
    ("2016-2021", "15/5/2016", "Covid-19"), at the next digit or "hàng" (no qualifier holds
    one), not at every position up to the end of the sentence."""
    end = 0  # where the last match ended
    pos = 0  # where the next digit or "hàng" is looked for
    while True:
        anchor = _FIGURE_ANCHOR.search(sentence, pos)
        if anchor is None:
            return
        at = start = anchor.start()
        while start > end and sentence[start - 1].isspace():
            start -= 1
        if _QUALIFIER_ENDS_HERE.match(sentence, start) is None:
            m = _FIGURE.match(sentence, at)
            if m is None:
                pos = at + 1
                continue
        else:
            m = _FIGURE.search(sentence, max(end, start - _LONGEST_QUALIFIER))
            if m is None:
                return
        yield m
        end = pos = m.end()


def figures_in_sentence(sentence: str) -> list[KeyFigure]:
    # Each test reads the sentence where the figure starts (``at``) or ends (``end``) instead
    # of copying the text before and after it; the tests only refuse a figure, in any order.
    found = []
    for m in _figure_matches(sentence):
        number, unit, qualifier, word_number = m.group("n", "unit", "q", "w")
        at, end = m.span()
        if number and not unit:
            if _is_date_or_year(number):
                continue
            if _DOCUMENT_SUFFIX.match(sentence, end):
                continue  # "05-CT/TW", "05/CT-TW"
            if _DURATION.match(sentence, end) and (not qualifier or _ends_with(_DURATION_ENDS_HERE, sentence, at)):
                continue  # "sau 2 năm", "17h", "qua hơn 1 năm thực hiện" (but "Hơn 10 năm qua, …" is a result)
            if _PERIOD_OF.match(sentence, end):
                continue  # "gần 4 năm thực hiện Chỉ thị 05"
        if _ends_with(_LABEL_ENDS_HERE, sentence, at):
            continue  # "Chỉ thị 05", "khóa XII", "CT 05"
        if at and sentence[at - 1] == "(" and sentence[end:end + 1] == ")":
            continue  # "(1)", "(2)": list markers
        if number and _ZEROS.fullmatch(number):
            continue  # "Chợ 0 đồng": a name, not a count
        if _inside_short_quote(sentence, at):
            continue  # “Chợ 0 đồng”, “3 không”: slogans and names
        if qualifier and qualifier.lower() == "từ" and not (number and _RANGE.search(number)):
            qualifier = None  # "từ" qualifies a range ("từ 30 - 50%"), not "từ 5 đơn vị"
        counts = _counts(sentence, end)
        if not counts and not unit and not word_number:
            continue
        start = at if qualifier else (m.start("n") if number else m.start("w"))
        text = " ".join(sentence[start:end].split())
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
