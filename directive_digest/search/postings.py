"""What each document contributes to the index (its weighted word and pair counts), the
postings lists gathered from them, and their encoding, without a Python step per posting.

A corpus of 10,000 articles holds about 7 million postings (a word or a pair of adjacent
words in a document); 100,000, ten times as many. Every per-posting step here is a C loop
(``map`` over builtins and operators, ``bytes.translate``, ``str.join``): a document's
postings are appended to their lists in one ``map``; a list's impacts are read from a table
per document length (``Impacts``), its gaps from a table of encoded numbers. The encoding is
the one writer.py documents (and ``writer.dense``, ``writer.encode`` spell out one value at
a time): the output is byte for byte what a loop over the postings writes.
"""
from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice, repeat
from operator import and_, getitem, lshift, or_, rshift, sub

from .documents import WEIGHTS, Document
from .text import PAIR_SHIFT, Vocabulary

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyzWXYZ-_"
K1, B = 1.2, 0.75
IMPACT_SCALE = 8  # impact = round(IMPACT_SCALE * ln(1 + tf)): one digit (0-31) for tf up to 47
MAX_IMPACT = 31
DENSE = 8  # a list of more than one document in DENSE is a bitmap

_DOC_SHIFT = 32  # a posting while gathering: document << 32 | weighted count
_COUNT_MASK = (1 << _DOC_SHIFT) - 1


def encode_slow(value: int) -> str:
    """A number as base-32 digits, most significant first: the last from ALPHABET[0:32]."""
    out = ALPHABET[value & 31]
    value >>= 5
    while value:
        out = ALPHABET[32 + (value & 31)] + out
        value >>= 5
    return out


def impact(tf: float) -> int:
    """A (weighted, length-normalised) term frequency as one digit, on a log scale: steps of
    13 %, up to 47 (BM25's saturation, k1 = 1.2, leaves 2 % above 47). The browser inverts it:
    exp(impact / IMPACT_SCALE) - 1."""
    return min(MAX_IMPACT, max(1, round(IMPACT_SCALE * math.log1p(tf))))


@dataclass
class DocumentTerms:
    """One document's exact words and pairs (numbers of a Vocabulary) with their counts,
    weighted by field; ``length`` is the weighted number of words (BM25's dl)."""
    words: array  # "I": word numbers
    word_counts: array  # "I"
    pairs: array  # "Q": first << PAIR_SHIFT | second
    pair_counts: array  # "I"
    length: int

    @property
    def top(self) -> int:
        """The largest count (a pair is never counted more often than its first word)."""
        return max(self.word_counts, default=0)


def count_terms(doc: Document, vocabulary: Vocabulary) -> DocumentTerms:
    """Words and pairs of adjacent words (within a block) of ``doc``, each occurrence counted
    as its field's weight."""
    words: list[int] = []
    pairs: list[int] = []
    for name, blocks in doc.fields.items():
        field_words: list[int] = []
        field_pairs: list[int] = []
        for block in blocks:
            numbers = vocabulary.numbers(block)
            if len(numbers) > 1:
                field_pairs += map(or_, map(lshift, numbers, repeat(PAIR_SHIFT, len(numbers) - 1)),
                                   islice(numbers, 1, None))
            field_words += numbers
        weight = WEIGHTS[name]
        words += field_words * weight
        pairs += field_pairs * weight
    word_counts, pair_counts = Counter(words), Counter(pairs)
    return DocumentTerms(array("I", word_counts.keys()), array("I", word_counts.values()),
                         array("Q", pair_counts.keys()), array("I", pair_counts.values()), len(words))


class Postings:
    """Every document's postings, gathered by key (word number, pair number), in document
    order: ``add`` each document's terms in turn."""

    def __init__(self):
        self.words: defaultdict[int, array] = defaultdict(partial(array, "Q"))
        self.pairs: defaultdict[int, array] = defaultdict(partial(array, "Q"))
        self.lengths = array("I")
        self.tops = array("I")

    def add(self, terms: DocumentTerms) -> int:
        number = len(self.lengths)
        tag = repeat(number << _DOC_SHIFT)
        deque(map(array.append, map(self.words.__getitem__, terms.words), map(or_, tag, terms.word_counts)), 0)
        deque(map(array.append, map(self.pairs.__getitem__, terms.pairs), map(or_, tag, terms.pair_counts)), 0)
        self.lengths.append(terms.length)
        self.tops.append(terms.top)
        return number


class Impacts:
    """Impact digits of (document, count) postings: ``impact(count / norm)``, the document's
    norm ``1 - b + b * dl / avgdl``, read from a table per document length (the same float
    arithmetic as one posting at a time)."""

    def __init__(self, lengths: array, tops: array):
        n = len(lengths)
        avgdl = (sum(lengths) / n) if n else 1.0
        needed: dict[int, int] = {}
        for dl, top in zip(lengths, tops):
            if top >= needed.get(dl, -1):
                needed[dl] = top
        by_length = {}
        for dl, top in needed.items():
            norm = (1 - B + B * dl / avgdl) or 1.0
            by_length[dl] = bytes(impact(w / norm) for w in range(top + 1))
        self.tables = list(map(by_length.__getitem__, lengths))

    def of(self, docs: list[int], counts) -> bytes:
        return bytes(map(getitem, map(self.tables.__getitem__, docs), counts))


_DIGITS = bytes.maketrans(bytes(range(64)), ALPHABET.encode("ascii"))
_SIX = re.compile("......")
_BITS = {"".join("1" if value >> bit & 1 else "0" for bit in range(6)): ALPHABET[value] for value in range(64)}


class _Runs(dict):
    """step -> "0" * (step - 1) + "1": a document ``step`` places after the previous one."""

    def __missing__(self, step: int) -> str:
        run = "0" * (step - 1) + "1"
        if step <= 4096:
            self[step] = run
        return run


class Encoder:
    """Postings lists as the index stores them (writer.py): gaps and impact digits, or, for a
    list of more than one document in DENSE, a bitmap and impact digits."""

    def __init__(self, postings: Postings):
        self.n = len(postings.lengths)
        self.impacts = Impacts(postings.lengths, postings.tops)
        # steps[d]: the gap before a document d places after the previous one (gap d - 1).
        self.steps = [""] + [encode_slow(gap) for gap in range(self.n)]
        self.runs = _Runs()

    def encode(self, gathered: array) -> tuple[int, str]:
        """(document count, encoded list) of a gathered list (document << 32 | count)."""
        docs = list(map(rshift, gathered, repeat(_DOC_SHIFT)))
        digits = self.impacts.of(docs, map(and_, gathered, repeat(_COUNT_MASK))).translate(_DIGITS).decode("ascii")
        steps = map(sub, docs, chain((-1,), docs))
        if len(docs) * DENSE > self.n:
            bits = "".join(map(self.runs.__getitem__, steps))
            bits += "0" * (6 * ((self.n + 5) // 6) - len(bits))
            return len(docs), "~" + "".join(map(_BITS.__getitem__, _SIX.findall(bits))) + digits
        return len(docs), "".join(map(str.__add__, map(self.steps.__getitem__, steps), digits))
