"""Sentence splitting on the hard cases of Vietnamese news text (tests/data/sentence_cases.json)."""
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from directive_digest.sentences import split_sentences

CASES = json.loads((Path(__file__).parent / "data" / "sentence_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_hard_cases(case):
    assert split_sentences(case["text"]) == case["want"]


@given(st.lists(st.sampled_from(["Đảng bộ", "có", "4.725", "98,6%", "TP.", "Vinh", "“Học”", "…", ".", "./.",
                                 "Hội nghị", "v.v.", "32/32", "Ông", "H.", "T"]), max_size=30))
def test_splitting_loses_and_reorders_nothing(words):
    text = " ".join(words)
    assert " ".join(split_sentences(text)) == " ".join(text.split())
