"""The learned sentence scorer of the summary: features of a sentence, and their weights.

A sentence's *value* is a linear function of a few features (its position, length, how much of
it the headline says, how central it is, how much of it stands in brackets). The weights
(``data/summary_model.json``, a few hundred bytes) are fitted by ``python -m
benchmarks.train_summary`` on public news whose reference summaries are known (VietNews): the
value estimates the share of a sentence's syllables that a reference summary also uses. Plain
arithmetic at run time, no network, no library.

The phrases the summary reads in the press (dated-event openings, references back to the
sentence before, what a long sentence can lose) are in ``data/summary.yaml``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from operator import mul
from pathlib import Path
from typing import AbstractSet

from .lexicon import DATA_DIR, load_data_file
from .vntext import match_key

FEATURES = (
    "bias", "first", "second", "inverse_position", "relative_position", "length", "length_squared",
    "headline_share", "headline_share_unbracketed", "headline_coverage", "centrality", "bracketed_share",
)
MODEL_FILE = DATA_DIR / "summary_model.json"
_WORD = re.compile(r"[^\W\d_]+")
_BRACKETED = re.compile(r"\([^()]*\)")
_CLOCK = re.compile(r"\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2})?\b")


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    reference_words: float  # the typical length of a reference summary, in words

    def value(self, features: tuple[float, ...]) -> float:
        return sum(map(mul, self.weights, features))


@functools.lru_cache(maxsize=None)
def load_model(path: str | None = None) -> Model:
    path = Path(path or MODEL_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: its features {data['features']} are not the scorer's {list(FEATURES)}; "
                         "run python -m benchmarks.train_summary")
    return Model(tuple(float(w) for w in data["weights"]), float(data["reference_words"]))


@dataclass(frozen=True)
class Phrases:
    event_opening: re.Pattern  # matched at a sentence's start
    frame_words: re.Pattern
    back_references: frozenset[str]
    not_back_references: tuple[str, ...]
    quoted_name_words: int
    speech_before_quote: tuple[str, ...]
    elaboration: re.Pattern  # ", nhất là", ", gắn với" …: where a trailing clause of detail opens


@functools.lru_cache(maxsize=None)
def load_phrases(path: str | None = None) -> Phrases:
    data = load_data_file(Path(path or DATA_DIR / "summary.yaml"))
    keys = lambda name: tuple(sorted({match_key(x) for x in data.get(name) or ()}, key=len, reverse=True))  # noqa: E731
    frame_words = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, keys("frame_words"))))
    # One of the openings, then a comma ("Sáng nay, …"), a figure ("Ngày 9/5", "Khoảng 9h") or
    # "ngày" and a figure ("Sáng ngày 15/6"), not a word ("Ngày càng …"); or a clock time.
    event_opening = re.compile(r"(?:%s)(?=[ ,])\s*(?:,|\d|ngày\s*\d)|%s"
                               % ("|".join(map(re.escape, keys("event_openings"))), _CLOCK.pattern))
    return Phrases(event_opening, frame_words, frozenset(keys("back_references")), keys("not_back_references"),
                   int(data.get("quoted_name_words", 8)), keys("speech_before_quote"),
                   re.compile(r", (?:%s)(?!\w)" % "|".join(map(re.escape, keys("elaborations")))))


def opens_event(key: str, phrases: Phrases) -> bool:
    """Whether a sentence (its match key) opens with a dated event: "Sáng 15/6, …", "17h ngày 10/10, …",
    "Sáng nay, …"."""
    return phrases.event_opening.match(key) is not None


def frames(key: str, phrases: Phrases) -> bool:
    """Whether a sentence (a lead) frames the article: it opens with a dated event, or its opening
    clause (before its first comma) places it in time or under a document ("Sau 3 năm thực hiện
    Kết luận 01, …"; not "Ngày càng nhiều người …")."""
    head, comma, _ = key.partition(",")
    return opens_event(key, phrases) or bool(comma) and phrases.frame_words.search(head) is not None


def refers_back(key: str, phrases: Phrases) -> bool:
    """Whether a sentence's first words (before its first comma when that is at most six words
    in, else its first three) point at the sentence before it: "Tại đây, …", "Trước đó, …",
    "Thời điểm trên, …", "Điều này cho thấy …", "Ông này năn nỉ …"."""
    head, comma, _ = key.partition(",")
    words = head.split()
    if not comma or len(words) > 6:
        words = words[:3]
    if " ".join(words).startswith(phrases.not_back_references):
        return False
    return not phrases.back_references.isdisjoint(words)


def features(index: int, count: int, words: int, key: str, content: AbstractSet[str], headline: AbstractSet[str],
             common: AbstractSet[str], centrality: float) -> tuple[float, ...]:
    """The ``FEATURES`` of one sentence: its place (``index`` of ``count``), its length in words, its
    match key and its content syllables (``content``: its syllables less ``common``, those too
    common to count: "và", "của", "học tập", "chỉ thị" — a directive's name restated in the
    headline and the lead is no news), the headline's content syllables, and how central it is
    (``summarise``). Shares are of distinct syllables."""
    in_headline = len(content & headline)
    share = in_headline / len(content) if content else 0.0
    if "(" in key:  # the share again without what stands in brackets ("(SN 1992, ngụ …)")
        bare = set(_WORD.findall(_BRACKETED.sub(" ", key))).difference(common)
        bare_share = len(bare & headline) / len(bare) if bare else 0.0
        bracketed = 1.0 - len(bare) / len(content) if content else 0.0
    else:
        bare_share, bracketed = share, 0.0
    length = min(words, 80) / 60
    return (1.0, float(index == 0), float(index == 1), 1.0 / (1 + index), index / max(1, count), length,
            length * length, share, bare_share, in_headline / len(headline) if headline else 0.0, centrality, bracketed)
