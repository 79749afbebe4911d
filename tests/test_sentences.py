"""Sentence splitting on the hard cases of Vietnamese news text (tests/data/sentence_cases.json)."""
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from directive_digest.sentences import is_fragment, split_sentences

CASES = json.loads((Path(__file__).parent / "data" / "sentence_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_hard_cases(case):
    assert split_sentences(case["text"]) == case["want"]


@given(st.lists(st.sampled_from(["Đảng bộ", "có", "4.725", "98,6%", "TP.", "Vinh", "“Học”", "…", ".", "./.",
                                 "Hội nghị", "v.v.", "32/32", "Ông", "H.", "T", "Th.", "(SN", "400"]), max_size=30))
def test_splitting_loses_and_reorders_nothing(words):
    text = " ".join(words)
    assert " ".join(split_sentences(text)) == " ".join(text.split())


@pytest.mark.parametrize("sentence", [
    "tới tấp.",  # the rest of a sentence cut after "chị Tr."
    ", ngụ ấp Tân Thuộc.",
    "Nạn nhân là bà Nguyễn Thị Th.",  # cut after an abbreviated given name
    "Hội nghị do PGS.",
    "Đồng chí Nguyễn V.",
    "Đơn vị đóng tại TP.",
])
def test_a_piece_of_a_sentence_is_a_fragment(sentence):
    assert is_fragment(sentence)


@pytest.mark.parametrize("sentence", [
    "Hội nghị bế mạc.", "Chi bộ tổ chức văn nghệ, thể thao, v.v.", "Người thân đã báo tin cho ông T..",
    "“Cần làm thường xuyên”, đồng chí Bí thư nói.", "30 tập thể được khen thưởng.", "Vì sao vậy?",
    "Hai người quen nhau từ trước tại TP. HCM.", "Anh ấy là tài xế của hãng Linh Anh.",
])
def test_a_whole_sentence_is_no_fragment(sentence):
    assert not is_fragment(sentence)
