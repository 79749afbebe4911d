"""Syndicated copies: one article published by several outlets becomes one digest.

Copies are rarely byte-identical: the republisher adds its own section label, dateline,
"Theo Báo …" credit and site chrome, and sometimes edits a sentence. So articles are
compared on their cleaned prose as sets of word 5-grams (shingles): two articles whose
shingle sets overlap by ``THRESHOLD`` (Jaccard) or more are copies of one article.

Candidates come from a bottom-k MinHash sketch: each article's ``SKETCH`` smallest shingle
hashes, indexed, so only articles sharing one of them are compared and the work stays close
to linear in the number of articles. Two texts with Jaccard J share at least one with
probability about 1 - (1 - J)^k (k = 16: > 99.99 % at J = 0.5), and every candidate pair is
then checked with the exact Jaccard. Hashes are fixed (CRC32 mixed with constants), never
Python's per-run ``hash``, so every run merges the same way.

The article kept is the original: one that does not credit another outlet ("Theo …"),
then the earliest date, then the input path. It lists every other copy in
``also_published`` as {outlet, source, date}.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from .article import Article
from .vntext import match_key

SHINGLE = 5  # words per shingle
THRESHOLD = 0.5  # Jaccard of shingle sets from which two texts are one article
SKETCH = 16  # smallest hashes kept per article
_PRIME = (1 << 61) - 1
_A, _B = 0x5BD1E995_9E3779B1 % _PRIME, 0x27D4EB2F_165667B1 % _PRIME
_WORD = re.compile(r"\w+")
_CREDIT = re.compile(r"^\(?\s*(?:theo|nguồn)\b", re.IGNORECASE)


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Hashes of every run of ``size`` words (matching form: case and tone-mark style ignored)."""
    words = _WORD.findall(match_key(text))
    runs = [" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))] if words else []
    return frozenset((_A * zlib.crc32(run.encode("utf-8")) + _B) % _PRIME for run in runs)


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def candidate_pairs(sets: list[frozenset[int]], k: int = SKETCH) -> set[tuple[int, int]]:
    """Pairs of articles sharing one of their ``k`` smallest shingle hashes."""
    index: dict[int, list[int]] = defaultdict(list)
    for i, shingle_set in enumerate(sets):
        for value in sorted(shingle_set)[:k]:
            index[value].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    return pairs


@dataclass
class Syndication:
    kept: list[Article]
    merged: int  # copies folded into another article


def _original_first(article: Article):
    credits_other = bool(article.source_line and _CREDIT.match(article.source_line))
    return (credits_other, article.date.isoformat() if article.date else "9999", article.source)


def _place(article: Article) -> dict:
    return {"outlet": article.outlet, "source": article.source,
            "date": article.date.isoformat() if article.date else None}


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def merge_syndicated(articles: list[Article], threshold: float = THRESHOLD) -> Syndication:
    """Fold near-identical articles into one; the input order of the rest is kept."""
    sets = [shingles(a.body_text) for a in articles]
    parent = list(range(len(articles)))
    for a, b in sorted(candidate_pairs(sets)):
        if jaccard(sets[a], sets[b]) >= threshold:
            parent[_find(parent, a)] = _find(parent, b)
    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        clusters[_find(parent, index)].append(index)
    keep: dict[int, Optional[list[Article]]] = {}
    for members in clusters.values():
        ordered = sorted((articles[i] for i in members), key=_original_first)
        original = ordered[0]
        known = {p["source"] for p in original.also_published}
        original.also_published = list(original.also_published) + [
            _place(copy) for copy in ordered[1:] if copy.source not in known]
        keep[id(original)] = None
    kept = [a for a in articles if id(a) in keep]
    return Syndication(kept, len(articles) - len(kept))
