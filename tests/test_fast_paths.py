"""Shortcuts taken for speed give exactly what the plain definitions give."""
from __future__ import annotations

import zlib

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directive_digest import markup, syndication
from directive_digest.readers import decode
from directive_digest.vntext import match_key

checks = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
words = st.lists(st.sampled_from(["đảng", "ủy", "Khối", "chỉ", "thị", "05", "a", "ß", "ﬁ", "İ", "x_y", "—", ",",
                                  "  ", "\n", "Nghị", "quyết"]), max_size=40)


def shingles_by_definition(text: str, size: int) -> frozenset[int]:
    """Each run of ``size`` words joined by a space, CRC32, then the affine map."""
    found = syndication._WORD.findall(match_key(text))
    if not found:
        return frozenset()
    encoded = [w.encode("utf-8") for w in found]
    runs = [b" ".join(encoded[i:i + size]) for i in range(max(1, len(found) - size + 1))]
    return frozenset((syndication._A * zlib.crc32(r) + syndication._B) % syndication._PRIME for r in runs)


@checks
@given(parts=words, size=st.integers(1, 6))
def test_shingles_are_the_runs_of_words(parts, size):
    text = " ".join(parts)
    assert syndication.shingles(text, size) == shingles_by_definition(text, size)


def escape_by_definition(value: str) -> str:
    value = " ".join(str(value).split())
    if markup._SPECIAL.search(value):
        import html

        value = markup._INLINE.sub(r"\\\1", html.escape(value, quote=False))
    value = markup._LIST_START.sub(r"\1\2\\\3\4", value)
    return markup._BLOCK_START.sub(r"\1\\\2\3", value)


@checks
@given(value=st.one_of(st.text(max_size=30), st.text(alphabet="12.)- +>:#*a \n", max_size=12)))
def test_escape_is_the_substitutions(value):
    assert markup.escape(value) == escape_by_definition(value)


def test_legacy_signatures_need_a_mark():
    """legacy_encoding answers None at once for text without any mark: neither signature
    pattern can match such text."""
    marks = decode._VNI_MARKS | decode._TCVN3_MARKS
    others = [chr(c) for c in range(0x20, 0x3000) if chr(c) not in marks]
    for i in range(0, len(others), 64):
        chunk = others[i:i + 64]
        text = " ".join(f"a{c}a {c}a e{c}" for c in chunk)
        assert not decode._TCVN3_SYMBOLS.search(text)
        assert not decode._VNI_PAIRS.search(text)
    assert decode.legacy_encoding("Nghị quyết số 05") is None
    assert decode.legacy_encoding("Ñaûng uûy khoái ñaõ") == "VNI"


def test_atomic_write_makes_directories_keeps_mkstemp_mode_and_survives_a_leftover(tmp_path):
    import os
    import stat

    from directive_digest.write import atomic_write

    target = tmp_path / "a" / "b" / "page.md"
    atomic_write(target, b"one")  # directories missing: made
    assert target.read_bytes() == b"one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 & ~_umask()  # as mkstemp's files were
    leftover = target.parent / f".page.md.{os.getpid()}.tmp"
    leftover.write_bytes(b"half")  # a crashed run's temporary file under our pid
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert leftover.read_bytes() == b"half"  # not ours to touch
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([leftover.name, "page.md"])


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


heads = st.lists(st.sampled_from(["Đảng uỷ", "Đảng bộ", "Tỉnh uỷ", "Ban Tổ chức", "Uỷ ban Kiểm tra", "Chi bộ", "xĐảng uỷ",
                                  "Huyện uỷa", "_Thị uỷ", "Khối", "Đ", "\n", " ", "5", ",", "Quận uỷ\nX"]), max_size=12)


@checks
@given(parts=heads, joiner=st.sampled_from(["", " ", "-"]))
def test_organisation_heads_are_the_plain_pattern(parts, joiner):
    """organisations._ORG_HEAD (word boundary checked after the first letter) finds what
    the plain pattern with the boundary before the head finds, at every position."""
    import re

    from directive_digest import organisations

    plain = re.compile(r"(?<!\w)(" + "|".join(re.escape(h) for h in organisations.ORG_HEADS) + r")(?!\w)")
    text = joiner.join(parts)
    assert [m.span(1) for m in organisations._ORG_HEAD.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
    for pos in range(len(text) + 1):
        fast, slow = organisations._ORG_HEAD.match(text, pos), plain.match(text, pos)
        assert (fast and fast.span(1)) == (slow and slow.span(1))


def test_article_tags_twice_are_equal_lists_not_one_shared_list():
    from directive_digest.article import PARAGRAPH, Article, Block
    from directive_digest.tags import article_tags

    a = Article(source="x.txt", text="", title="Huyện ủy Lục Ngạn sơ kết", outlet="Báo Bắc Giang",
                blocks=[Block(PARAGRAPH, "Tại Bắc Giang, Đảng ủy Khối Doanh nghiệp tỉnh tổ chức.")])
    first = article_tags(a)
    first.append("changed by a caller")
    assert article_tags(a) == ["Báo Bắc Giang", "Huyện uỷ Lục Ngạn", "Đảng uỷ Khối Doanh nghiệp tỉnh", "Bắc Giang"]


alias_words = st.lists(st.sampled_from(["nghị quyết", "trung ương", "4", "khoá", "khóa", "xii", "xi", "xiii", "hội",
                                        "nghị", "kết luận", "tw4", "(", ")", ",", "quy định về", "trách nhiệm", "nêu",
                                        "gương", "cuộc vận động", "xnghị", "hộii", "\n", "  "]), max_size=30)


@checks
@given(parts=alias_words)
def test_alias_matches_are_the_alias_regex_finditer(parts):
    """Aliases.matches (match tried where an alias's first word starts) finds what
    the alias regex's finditer finds."""
    from directive_digest.registry import load_registry

    registry = load_registry()
    key = match_key(" ".join(parts))
    assert registry.aliases.starts is not None
    assert [(m.span(), m.lastgroup) for m in registry.aliases.matches(key)] == \
        [(m.span(), m.lastgroup) for m in registry.aliases.pattern.finditer(key)]


@checks
@given(lines=st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["ΑΣ", "Σα", "hòa", "Ủy", "\u0301a", "o\u0301a", "İ",
                                                                        "Ð", "\u00ad", "\u200b", "\t", "ς'", "'Σ"])),
                      max_size=6))
def test_match_key_of_lines_is_the_match_key_of_the_text(lines):
    """match_key works line by line on a text with line feeds (and no carriage return):
    that must be what the whole text's key is."""
    from directive_digest.vntext import normalise, unify_tone_marks

    text = "\n".join(lines)
    if "\r" in text:
        return
    assert match_key(text) == unify_tone_marks(normalise(text)).lower()


figure_parts = st.lists(st.sampled_from(["gần", "Gần", "cao hơn", "hơn", "tổng cộng", "Từ", "800", "4.725", "98,6", "%",
                                         "32/32", "hàng", "HÀNG", "Hàng", "trăm", "nghìn", "tỷ đồng", "x", "(", ")", "-",
                                         " ", "  ", "\u00a0", "\t", ",", ".", "2020", "đảng viên", "hànG", "h", "àng"]),
                        max_size=25)


@checks
@given(parts=figure_parts, joiner=st.sampled_from(["", " "]))
def test_figure_matches_are_the_figure_regex_finditer(parts, joiner):
    from directive_digest import figures

    text = joiner.join(parts)
    assert [(m.span(), m.groupdict()) for m in figures._figure_matches(text)] == \
        [(m.span(), m.groupdict()) for m in figures._FIGURE.finditer(text)]
    assert [m.start() for m in figures._FIGURE_ANCHOR.finditer(text)] == \
        [m.start() for m in figures._MAY_HOLD_FIGURE.finditer(text)]


def test_figure_anchor_letters_are_what_ignorecase_matches():
    """_FIGURE_ANCHOR spells "hàng" with explicit classes: exactly the characters that
    IGNORECASE matches for each letter (checked over every code point)."""
    import re

    for letter, spelled in zip("hàng", ("hH", "àÀ", "nN", "gG")):
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        assert {chr(i) for i in range(0x110000) if pattern.fullmatch(chr(i))} == set(spelled)


@checks
@given(text=st.text(alphabet=".!?…/” \"’)]aAĐđ1\n", max_size=30))
def test_sentence_boundaries_are_the_plain_pattern(text):
    """sentences._BOUNDARY, its stop written branch by branch, matches as the plain stop does."""
    import re

    from directive_digest import sentences

    plain = re.compile(sentences._BOUNDARY.pattern.replace(sentences._STOP, r"\./\.|\.{3,}|…|[.!?]+"))
    assert plain.pattern != sentences._BOUNDARY.pattern
    assert [(m.span(), m.groupdict()) for m in sentences._BOUNDARY.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in plain.finditer(text)]


@checks
@given(text=st.text(alphabet="ảẢnNhHvVİıiIdeoOcClLpP 1/.:#-", max_size=14))
def test_quick_patterns_find_what_the_plain_ones_find(text):
    """Patterns rewritten so the regex engine can skip positions (first character outside
    any look-behind, letter classes spelt out) match where the plain ones match."""
    import re

    from directive_digest import clean, datelines, front_matter

    assert bool(clean._CREDIT_WORD_QUICK.search(text)) == bool(clean._CREDIT_WORD.search(text))
    assert [m.start() for m in datelines._FULL_DATE_START.finditer(text)] == \
        [m.start() for m in re.finditer(r"(?<![\d/.])\d", text)]
    assert front_matter._not_plain(text) == bool(front_matter._NOT_PLAIN.search(text))


def test_credit_word_first_letters_are_what_ignorecase_matches():
    import re

    for letter, spelled in zip("ảvc", ("ảẢ", "vV", "cC")):
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        assert {chr(i) for i in range(0x110000) if pattern.fullmatch(chr(i))} == set(spelled)


plenum_parts = st.lists(st.sampled_from(["nghị quyết", "hội nghị", "kết luận", "xnghị quyết", "trung ương", "tw", "4",
                                         "lần thứ", "tư", "ban chấp hành", "đảng", "khoá", "khóa", "xii", "12", "(", ")",
                                         ",", "của", "\n"]), max_size=16)


@checks
@given(parts=plenum_parts, joiner=st.sampled_from([" ", ""]))
@example(parts=["nghị quyết", "trung ương", "4", "khoá", "xii", ",", "xnghị quyết", "tw", "4", "(", "khóa", "12", ")"],
         joiner=" ")
@example(parts=["hội nghị", "lần thứ", "tư", "ban chấp hành", "trung ương", "đảng", "khoá", "xii"], joiner=" ")
def test_plenum_pattern_is_the_plain_one(parts, joiner):
    import re

    from directive_digest import references

    plain = re.compile(references.PLENUM.pattern.replace(
        "(?P<kind>n(?<!\\w.)ghị quyết|k(?<!\\w.)ết luận|h(?<!\\w.)ội nghị)", "(?<!\\w)(?P<kind>nghị quyết|kết luận|hội nghị)"))
    assert plain.pattern != references.PLENUM.pattern
    text = joiner.join(parts)
    assert [(m.span(), m.groupdict()) for m in references.PLENUM.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in plain.finditer(text)]


@checks
@given(lines=st.lists(st.one_of(st.text(max_size=12), st.sampled_from(["hòa", "Ủy", "o\u0301a", "\u0301a", "khỏe", "ỦY"])),
                      max_size=6))
def test_unify_tone_marks_of_lines_is_that_of_the_text(lines):
    import unicodedata

    from directive_digest import vntext

    text = "\n".join(lines)
    composed = unicodedata.normalize("NFC", text)
    whole = unicodedata.normalize("NFC", vntext._OLD_STYLE_COMPOSED.sub(vntext._new_style_composed, composed))
    assert vntext.unify_tone_marks(text) == whole


@checks
@given(text=st.one_of(st.text(max_size=20), st.text(alphabet=" \u00a0\t\u200ba\n", max_size=8)))
def test_single_spaced_is_split_and_join(text):
    from directive_digest.vntext import single_spaced

    assert single_spaced(text) == " ".join(text.split())


def test_no_whitespace_but_the_space_is_printable():
    """single_spaced's shortcut: a printable text's only whitespace is U+0020."""
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]


@checks
@given(text=st.text(alphabet="ẢảNnguồTthe o(:\u00a0\n.x", max_size=16))
def test_not_prose_is_the_plain_search(text):
    from directive_digest import summarise

    assert summarise._not_prose(text) == bool(summarise._NOT_PROSE.search(text))


def sketch_by_definition(shingle_set):
    lowest = [-1] * syndication.BUCKETS
    for value in shingle_set:
        bucket, rank = value % syndication.BUCKETS, value // syndication.BUCKETS
        if lowest[bucket] < 0 or rank < lowest[bucket]:
            lowest[bucket] = rank
    return tuple(lowest)


@checks
@given(values=st.frozensets(st.integers(0, syndication._PRIME - 1), max_size=200))
def test_sketch_is_the_smallest_rank_of_each_bucket(values):
    assert syndication.sketch(values) == sketch_by_definition(values)
    text = " ".join(f"w{v % 97}" for v in sorted(values))
    assert syndication.sketch(syndication.shingles(text)) == sketch_by_definition(syndication.shingles(text))


@checks
@given(text=st.text(max_size=20))
def test_fold_drops_every_combining_mark(text):
    import unicodedata

    from directive_digest.vntext import fold, normalise

    decomposed = unicodedata.normalize("NFD", normalise(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    assert fold(text) == plain


@checks
@given(text=st.one_of(st.text(max_size=20), st.text(alphabet=" \u00a0\t\u200ba\n", max_size=8)))
def test_word_count_is_the_split_length(text):
    from directive_digest.vntext import word_count

    assert word_count(text) == len(text.split())


def counts_by_definition(rest: str) -> str:
    """figures._counts over the list of every token of ``rest`` and a final ""."""
    from directive_digest import figures

    tokens = figures._TOKEN.findall(rest) + [""]
    words: list[str] = []
    index = 0
    while index < len(tokens) - 1 and len(words) < figures.MAX_COUNT_WORDS:
        if not figures._is_word(tokens[index], tokens[index + 1]):
            break
        words.append(tokens[index])
        index += 1
    while words and tokens[index] == "," and len(words) < 3 * figures.MAX_COUNT_WORDS:
        segment = []
        j = index + 1
        while j < len(tokens) - 1 and figures._is_word(tokens[j], tokens[j + 1]) and len(segment) < 2:
            segment.append(tokens[j])
            j += 1
        after = tokens[j]
        ends = not after or not after[0].isalnum() or after.lower() in figures._STOP_WORDS
        if not segment or not ends or segment[0].lower() in figures.QUALIFIERS:
            break
        words += [","] + segment
        index = j
    return " ".join(words).replace(" ,", ",")


@checks
@given(parts=st.lists(st.sampled_from(["cán", "bộ", ",", "đảng", "viên", "và", "tổ", "chức", "hơn", "3.000", "“Dân vận”",
                                       "mới", ".", "được", "xã", "A", "x"]), max_size=30))
def test_counts_reads_tokens_as_the_whole_list_would(parts):
    from directive_digest import figures

    rest = " " + " ".join(parts)
    assert figures._counts(rest) == counts_by_definition(rest)
