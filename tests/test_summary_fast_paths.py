"""The summary's and key figures' shortcuts give exactly what their plain definitions give."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directive_digest import figures, summarise
from directive_digest.article import KeyFigure
from directive_digest.vntext import match_key

checks = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the text around a figure: every label, kind, duration word and qualifier (in
# three cases), numbers, spaces of every kind, letters that case folding treats apart.
_WORDS = ([w.replace("(?<!tổng )", "") for w in figures._LABELS] + list(figures._KINDS)
          + list(figures._DURATION_WORDS) + list(figures.QUALIFIERS))
figure_context = st.lists(st.sampled_from(sorted({v for w in _WORDS for v in (w, w.upper(), w.title())}) + [
    "tổng", "Tổng", "xCT", "năm", "Năm", "tháng", "thực hiện", "học tập", "h", "giờ", "hàng", "trăm",
    "800", "4.725", "98,6", "%", "32/32", "9/5", "2020", "0", "05", "-", "/", "(", ")", "“", "”", ",", "đảng viên",
    "cán bộ", "vi phạm", "tổ chức", "và", "İ", "ſ", "K", " ", "  ", "\u00a0", "\t", "\n"]), max_size=20)


@checks
@given(parts=figure_context, joiner=st.sampled_from(["", " "]), cut=st.integers(0, 200))
@example(parts=["tổng", "số"], joiner=" ", cut=200)
@example(parts=["xCT", " "], joiner="", cut=200)
def test_words_ending_here_are_the_searches_of_the_text_before(parts, joiner, cut):
    """The look-behinds tried where the text before a figure ends find what the ``\\s*$``
    searches of that text (copied, spaces stripped) find."""
    text = joiner.join(parts)
    for end in (len(text), min(cut, len(text))):
        before = text[:end].rstrip()
        assert figures._ends_with(figures._LABEL_ENDS_HERE, text, end) == \
            bool(figures._NOT_AFTER.search(before) or figures._KIND_ABBREVIATION.search(before))
        assert figures._ends_with(figures._DURATION_ENDS_HERE, text, end) == bool(figures._DURATION_AFTER.search(before))


def test_every_word_ending_here_is_found_as_the_search_finds_it():
    for word in _WORDS:
        for spelled in (word, word.upper(), word.title(), word[:-1]):
            for text in (f"{p}{spelled}{q}" for p in ("", "x", "1", "tổng ", "Tổng ", " ", "(") for q in ("", " ", " \t ")):
                before = text.rstrip()
                assert figures._ends_with(figures._LABEL_ENDS_HERE, text, len(text)) == \
                    bool(figures._NOT_AFTER.search(before) or figures._KIND_ABBREVIATION.search(before)), text
                assert figures._ends_with(figures._DURATION_ENDS_HERE, text, len(text)) == \
                    bool(figures._DURATION_AFTER.search(before)), text


@checks
@given(parts=figure_context, joiner=st.sampled_from(["", " "]), cut=st.integers(0, 200))
def test_patterns_matched_where_the_figure_ends_are_the_anchored_ones(parts, joiner, cut):
    """``_DURATION`` and ``_PERIOD_OF`` matched at a position: the ``^`` patterns on the rest
    of the text (for ``_DURATION``, with its leading spaces stripped)."""
    text = joiner.join(parts)
    pos = min(cut, len(text))
    rest = text[pos:]
    duration = re.compile("^" + figures._DURATION.pattern.removeprefix(r"\s*"), re.IGNORECASE)
    period = re.compile("^" + figures._PERIOD_OF.pattern, re.IGNORECASE)
    assert bool(figures._DURATION.match(text, pos)) == bool(duration.match(rest.lstrip()))
    assert bool(figures._PERIOD_OF.match(text, pos)) == bool(period.match(rest))


def figures_by_definition(sentence: str) -> list[KeyFigure]:
    """``figures_in_sentence`` as first written: every figure regex match, tested on copies of
    the text before and after it, in this order."""
    found = []
    for m in figures._FIGURE.finditer(sentence):
        number, unit, qualifier, word_number = m.group("n"), m.group("unit"), m.group("q"), m.group("w")
        if number and figures._is_date_or_year(number) and not unit:
            continue
        before = sentence[:m.start()]
        if figures._NOT_AFTER.search(before.rstrip()) or figures._KIND_ABBREVIATION.search(before.rstrip()):
            continue
        if before.endswith("(") and sentence[m.end():m.end() + 1] == ")":
            continue
        rest = sentence[m.end():]
        if number and not unit and figures._DOCUMENT_SUFFIX.match(rest):
            continue
        if number and not unit and re.match(r"(?:năm|tháng|tuần|ngày|giờ|phút|h)\b", rest.lstrip(), re.IGNORECASE) \
                and (not qualifier or figures._DURATION_AFTER.search(before.rstrip())):
            continue
        if number and not unit and re.match("^" + figures._PERIOD_OF.pattern, rest, re.IGNORECASE):
            continue
        if number and re.fullmatch("0+", number):
            continue
        if figures._inside_short_quote(sentence, m.start()):
            continue
        if qualifier and qualifier.lower() == "từ" and not (number and re.search("[-–]", number)):
            qualifier = None
        counts = figures._counts(rest)
        if not counts and not unit and not word_number:
            continue
        start = m.start() if qualifier else (m.start("n") if number else m.start("w"))
        found.append(KeyFigure(text=" ".join(sentence[start:m.end()].split()), counts=counts, sentence=sentence))
    return found


@checks
@given(parts=figure_context, joiner=st.sampled_from(["", " "]))
@example(parts=["Hơn", "800", "đảng viên", ",", "cán bộ", "và"], joiner=" ")
def test_figures_in_sentence_is_the_plain_reading(parts, joiner):
    sentence = joiner.join(parts)
    assert figures.figures_in_sentence(sentence) == figures_by_definition(sentence)


@checks
@given(parts=figure_context, cut=st.integers(0, 200))
def test_counts_read_in_place_are_the_counts_of_the_rest(parts, cut):
    sentence = " ".join(parts)
    pos = min(cut, len(sentence))
    assert figures._counts(sentence, pos) == figures._counts(sentence[pos:])


def test_date_or_year():
    assert [n for n in ("9/5", "15/5/2016", "2020", "32/32", "91/94", "17/17", "4.725", "12/5", "3/12", "110")
            if figures._is_date_or_year(n)] == ["9/5", "15/5/2016", "2020", "12/5", "3/12"]


_CUE_LISTS = ("LIMIT_CUES", "RESULT_CUES", "TASK_CUES", "PROTOCOL_CUES")
cue_text = st.lists(st.sampled_from(sorted({syllable for name in _CUE_LISTS for cue in getattr(summarise, name)
                                            for syllable in cue.split(" ")}) + [
    "x", "_", "2", "đ", " ", "  ", ",", ".", "-", "\n", "“", "a_b", "²"]), max_size=16)


@checks
@given(parts=cue_text, joiner=st.sampled_from(["", " ", "  "]))
@example(parts=["kết", "quả"], joiner=" ")
@example(parts=["tham", "dự", "có"], joiner=" ")
@example(parts=["chưa", "2"], joiner="")
def test_cues_found_are_the_plain_search(parts, joiner):
    """A kind's cues: the syllable look-ups and the search opening with letters find what
    ``(?<!\\w)(?:cue|…)(?!\\w)`` finds in the sentence's key."""
    key = match_key(joiner.join(parts))
    words = frozenset(summarise._WORD.findall(key))
    for name, cues in zip(_CUE_LISTS, (summarise._LIMIT, summarise._RESULT, summarise._TASK, summarise._PROTOCOL)):
        plain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, getattr(summarise, name))) + r")(?!\w)")
        assert cues.found(key, words) == bool(plain.search(key)), name


@checks
@given(words=st.lists(st.frozensets(st.sampled_from("abcdefgh"), max_size=8), min_size=1, max_size=5))
def test_redundant_is_the_jaccard_of_built_sets(words):
    sentence, *chosen = [summarise.Sentence(i, "", w) for i, w in enumerate(words)]
    assert summarise._redundant(sentence, chosen) == \
        any(len(sentence.words & c.words) / max(1, len(sentence.words | c.words)) > 0.5 for c in chosen)


def open_quote_by_definition(text: str, start: int, end: int) -> bool:
    depth = 0
    for ch in text[start:end]:
        if ch == "“":
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
    return depth > 0 and "”" in text[end:]


@checks
@given(text=st.text(alphabet="“”\"a .", max_size=24), start=st.integers(0, 24), end=st.integers(0, 24))
def test_open_quote_counts_only_the_quotation_marks(text, start, end):
    from directive_digest import sentences

    assert sentences._open_quote(text, start, end) == open_quote_by_definition(text, start, end)


@checks
@given(text=st.one_of(st.text(max_size=30), st.text(alphabet="aĐđ ễ_2²½\u0301\u00a0\n,.“-ǅ", max_size=30)))
def test_all_words_are_the_word_runs(text):
    assert summarise._all_words(text) == set(summarise._WORD.findall(text))


@checks
@given(text=st.text(alphabet="Ab. !?…”“\u00a0\t\n\u2003x", max_size=40))
def test_sentences_are_single_spaced(text):
    """What the scoring counts on: every sentence's word count is its spaces plus one."""
    from directive_digest.sentences import split_sentences
    from directive_digest.vntext import word_count

    for sentence in split_sentences(text):
        assert word_count(sentence) == sentence.count(" ") + 1 and " ".join(sentence.split()) == sentence


def test_stop_tests_need_their_endings():
    """``_is_boundary`` searches for an initial or "v.v" only when the text before the stop
    ends as each must (every character the initial matches; every letter that case folding
    takes to v). A title ends with one of ``ABBREVIATIONS`` by its pattern's making."""
    from directive_digest import sentences

    assert {chr(i) for i in range(0x110000) if sentences._INITIAL.search(chr(i))} == sentences._CAPITALS
    # An abbreviated name ends with one of its consonants, which case folding does not reach.
    assert {chr(i) for i in range(0x110000) if sentences._NAME_ABBREVIATION.search("T" + chr(i))} \
        == sentences._LOWER_CONSONANTS
    folds_to_v = {chr(i) for i in range(0x110000) if re.fullmatch("v", chr(i), re.IGNORECASE)}
    assert folds_to_v == {"v", "V"}
    assert {f"{a}.{b}" for a in folds_to_v for b in folds_to_v} == set(sentences._ETC_SPELLINGS)


@checks
@given(text=st.text(alphabet="TPGShs.vV ĐAbc“”!(4", max_size=30))
def test_sentences_split_as_the_plain_stop_tests(text):
    """split_sentences with the ending checks before each search: as with the searches alone."""
    from directive_digest import sentences

    def plain(text: str, start: int, m: re.Match) -> bool:
        before = text[max(start, m.start() - sentences._BEFORE):m.start()]
        if m.group("space") is None:
            return m.group("stop") == "." and not m.group("close") and bool(sentences._LOWER_WORD_END.search(before))
        if m.group("stop") == ".":
            if sentences._TITLE.search(before) or sentences._INITIAL.search(before):
                return False
            if sentences._NAME_ABBREVIATION.search(before) and not sentences._OPENS_SENTENCE.match(spaced[m.end():m.end() + 1]):
                return False
            if sentences._ETC.search(before):
                return True
        return not (not m.group("close").count("”") and sentences._open_quote(text, start, m.start()))

    spaced = " ".join(text.split())
    for m in sentences._BOUNDARY.finditer(spaced):
        for start in range(0, m.start() + 1):
            assert sentences._is_boundary(spaced, start, m) == plain(spaced, start, m)
