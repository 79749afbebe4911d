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
