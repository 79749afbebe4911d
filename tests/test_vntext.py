from hypothesis import example, given, settings
from hypothesis import strategies as st

from directive_digest.vntext import fold, match_key, normalise, slugify, unify_tone_marks


def test_both_tone_mark_styles_match():
    for old, new in [("Đảng ủy", "Đảng uỷ"), ("hòa bình", "hoà bình"), ("thủy lợi", "thuỷ lợi"), ("khỏe", "khoẻ")]:
        assert old != new
        assert match_key(old) == match_key(new)


def test_tone_mark_unification_leaves_other_words_alone():
    for word in ("của", "mùa", "quý", "thuở", "người", "Quán triệt"):
        assert unify_tone_marks(word) == word


def test_match_key_keeps_length_so_positions_map_back():
    text = "Đảng ủy Khối hòa nhập, KHỎE mạnh"
    assert len(match_key(text)) == len(normalise(text))


def test_normalise_folds_odd_spaces_and_composes():
    nfd = "Ðảng u\u0309y\u00a0Khối\u200b"
    assert normalise(nfd) == "Đảng ủy Khối"


def test_fold_and_slugify():
    assert fold("Đảng ủy Sở VHTT") == "Dang uy So VHTT"
    assert slugify("Chỉ thị 05-CT/TW") == "chi-thi-05-ct-tw"
    assert slugify("Quy định 08-QĐi/TW") == "quy-dinh-08-qdi-tw"
    assert len(slugify("dài " * 100, max_length=40)) <= 40


@settings(max_examples=1000, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list(".!?…:;”\"’)( \n\t\u00a0\u2028ax,")), max_size=12))
@example(text='x." )')
@example(text="x .” ”")
def test_ends_sentence_is_the_terminal_pattern(text):
    from directive_digest.vntext import _TERMINAL, ends_sentence

    assert ends_sentence(text) == bool(_TERMINAL.search(text.rstrip()))


@settings(max_examples=1000, deadline=None)
@given(text=st.one_of(st.text(max_size=20), st.text(alphabet=" \u00a0\t\u200ba\n", max_size=8)))
def test_word_count_is_the_length_of_the_split(text):
    from directive_digest.vntext import word_count

    assert word_count(text) == len(text.split())
