"""The simple summaries a summary must beat, and the ceiling: over a list of sentences.

* Lead-k: the first k sentences; Lead-60: the first 60 syllables (cut mid-sentence).
* LexRank (Erkan & Radev 2004): tf-idf cosine graph of the sentences, edges over 0.1,
  PageRank (damping 0.85); TextRank (Mihalcea & Tarau 2004): the same walk over the
  word-overlap similarity |Si ∩ Sj| / (log |Si| + log |Sj|). Both take the best-ranked
  sentences, at most 3 and 60 syllables, in article order.
* Oracle: the 1-3 sentences (60 syllables at most) chosen greedily for the best ROUGE-1 +
  ROUGE-2 against the reference: what extraction could reach at best.
"""
from __future__ import annotations

import math
from collections import Counter

from .rouge import Reference, ngram_f1, ngrams, syllables

BUDGET = 60  # syllables (words as spaces count them), as the digest's summary
MOST_SENTENCES = 3


def lead(sentences: list[str], k: int) -> str:
    return " ".join(sentences[:k])


def lead_words(sentences: list[str], words: int = BUDGET) -> str:
    return " ".join(" ".join(sentences).split()[:words])


def _within_budget(ranked: list[int], sentences: list[str]) -> str:
    chosen, total = [], 0
    for i in ranked:
        n = len(sentences[i].split())
        if total + n <= BUDGET:
            chosen.append(i)
            total += n
        if len(chosen) == MOST_SENTENCES:
            break
    if not chosen and ranked:  # every sentence is too long: the best one, cut
        return " ".join(sentences[ranked[0]].split()[:BUDGET])
    return " ".join(sentences[i] for i in sorted(chosen))


def _pagerank(weights: list[list[float]], damping: float = 0.85, rounds: int = 50) -> list[float]:
    n = len(weights)
    out = [sum(row) for row in weights]
    rank = [1.0 / n] * n
    for _ in range(rounds):
        rank = [(1 - damping) / n + damping * sum(rank[j] * weights[j][i] / out[j] for j in range(n) if out[j])
                for i in range(n)]
    return rank


def _ranked(scores: list[float]) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def lexrank(sentences: list[str], threshold: float = 0.1) -> str:
    if not sentences:
        return ""
    bags = [Counter(syllables(s)) for s in sentences]
    df = Counter(w for bag in bags for w in bag)
    idf = {w: math.log(len(bags) / d) + 1.0 for w, d in df.items()}
    vectors = [{w: c * idf[w] for w, c in bag.items()} for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
    n = len(sentences)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            small, large = sorted((vectors[i], vectors[j]), key=len)
            cosine = sum(v * large.get(w, 0.0) for w, v in small.items()) / (norms[i] * norms[j])
            if cosine > threshold:
                weights[i][j] = weights[j][i] = 1.0
    return _within_budget(_ranked(_pagerank(weights)), sentences)


def textrank(sentences: list[str]) -> str:
    if not sentences:
        return ""
    sets = [set(syllables(s)) for s in sentences]
    n = len(sentences)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            denominator = math.log(len(sets[i]) + 1) + math.log(len(sets[j]) + 1)
            if denominator:
                weights[i][j] = weights[j][i] = len(sets[i] & sets[j]) / denominator
    return _within_budget(_ranked(_pagerank(weights)), sentences)


def oracle(sentences: list[str], reference: Reference) -> str:
    tokens = [syllables(s) for s in sentences]
    words = [len(s.split()) for s in sentences]
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < MOST_SENTENCES:
        used = sum(words[i] for i in chosen)
        gains = []
        for i in range(len(sentences)):
            if i in chosen or used + words[i] > BUDGET:
                continue
            candidate = [t for j in sorted(chosen + [i]) for t in tokens[j]]
            score = ngram_f1(ngrams(candidate, 1), reference.unigrams) + ngram_f1(ngrams(candidate, 2), reference.bigrams)
            gains.append((score, -i))
        if not gains or max(gains)[0] <= best:
            break
        best, i = max(gains)
        chosen.append(-i)
    if not chosen:  # every sentence is longer than the budget: the best first 60 syllables of one
        return max((" ".join(s.split()[:BUDGET]) for s in sentences),
                   key=lambda s: ngram_f1(ngrams(syllables(s), 1), reference.unigrams), default="")
    return " ".join(sentences[i] for i in sorted(chosen))
