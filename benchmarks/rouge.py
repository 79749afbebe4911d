"""ROUGE-1, -2 and -L F1 on lower-cased syllables, in a few lines.

rouge-score's default tokenizer keeps only [a-z0-9] and so drops most Vietnamese letters;
here a token is a run of letters or digits of ``match_key(text)`` (lower case, one tone-mark
style: "hoà" and "hòa" are one syllable), punctuation dropped. ROUGE-L is the longest
common subsequence of the whole texts (rouge-score's ``rougeL``, not ``rougeLsum``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from directive_digest.vntext import match_key

_TOKEN = re.compile(r"[^\W_]+")


def syllables(text: str) -> list[str]:
    return _TOKEN.findall(match_key(text))


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def ngram_f1(candidate: Counter, reference: Counter) -> float:
    """F1 of two n-gram multisets (clipped counts)."""
    overlap = sum((candidate & reference).values())
    return _f1(overlap, sum(candidate.values()), sum(reference.values()))


def ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(zip(*(tokens[i:] for i in range(n))))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (one row of the table at a time)."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Reference:
    """A reference summary's tokens and n-grams, computed once for every candidate."""

    tokens: list[str]
    unigrams: Counter
    bigrams: Counter

    @classmethod
    def of(cls, text: str) -> "Reference":
        tokens = syllables(text)
        return cls(tokens, ngrams(tokens, 1), ngrams(tokens, 2))


def scores(candidate: str, reference: Reference) -> tuple[float, float, float]:
    """ROUGE-1, -2, -L F1 (0-1) of ``candidate`` against ``reference``."""
    tokens = syllables(candidate)
    r1 = ngram_f1(ngrams(tokens, 1), reference.unigrams)
    r2 = ngram_f1(ngrams(tokens, 2), reference.bigrams)
    rl = _f1(lcs_length(tokens, reference.tokens), len(tokens), len(reference.tokens))
    return r1, r2, rl
