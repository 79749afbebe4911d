"""Words as the search sees them: tokens, their exact form and their folded form.

A *token* is a run of letters and digits; a dot or comma between two digits stays inside
it ("4.725", "2,5"), every other character separates ("05-CT/TW" -> 05, ct, tw). Each
token has two keys:

* ``exact``: ``vntext.match_key`` (NFC, lower case, one tone-mark style): "Uỷ" and "ủy"
  are one exact key; "bản" and "ban" are two;
* ``folded``: no diacritics at all (``vntext.fold``, lower case): "bản", "bạn", "ban"
  are one folded key.

The browser (overrides/assets/javascripts/digest-search.js) computes the same keys for a
query; tests/test_search_text.py runs both on the same hard cases.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from ..vntext import fold, match_key

# Letters, digits and combining marks (NFD input keeps its marks inside the word until
# match_key composes it); [.,] only between two digits. The JavaScript twin: TOKEN in
# digest-search.js.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
TOKEN = re.compile(rf"(?:[^\W_]|[{_MARKS}])+(?:(?<=\d)[.,](?=\d)(?:[^\W_]|[{_MARKS}])+)*")


@lru_cache(maxsize=1 << 16)
def folded(exact: str) -> str:
    """The folded key of an exact key (which is lower case already)."""
    return fold(exact).lower()


def exact_tokens(text: str) -> list[str]:
    """The exact keys of the tokens of ``text``, in order."""
    return TOKEN.findall(match_key(text))


def tokens(text: str) -> list[tuple[str, str]]:
    """(exact, folded) for each token of ``text``, in order."""
    return [(e, folded(e)) for e in exact_tokens(text)]


def has_diacritics(exact: str) -> bool:
    return folded(exact) != exact


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the UTF-16 code units of ``text`` (what JavaScript strings hold):
    the shard of a word pair, computed the same way in the browser."""
    h = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


# --- Token numbers: what the indexer counts ----------------------------------------------

PAIR_SHIFT = 24  # a pair of adjacent words is one number: first << PAIR_SHIFT | second
MAX_WORDS = 1 << PAIR_SHIFT


class Vocabulary:
    """Exact keys numbered in the order first met (``words[i]`` is key number ``i``), and the
    tokens of each whitespace-separated chunk of text, memoised: a token never spans white
    space (it is made of letters, digits, marks, and [.,] between digits), and every step of
    ``match_key`` keeps to the chunk (white space neither composes nor is cased, and no
    tone-mark pair spans it), so a block's tokens are its chunks' tokens in order. Text holds
    far fewer distinct chunks than chunks: each is tokenised once
    (tests/test_search_index.py checks this against ``exact_tokens``)."""

    def __init__(self, words=()):
        self.words: list[str] = []
        self.number: dict[str, int] = {}
        self.chunks = _Chunks(self)
        for word in words:
            self.add(word)

    def add(self, word: str) -> int:
        number = self.number.get(word)
        if number is None:
            number = self.number[word] = len(self.words)
            if number >= MAX_WORDS:
                raise OverflowError("more distinct words than a pair number holds")
            self.words.append(word)
        return number

    def numbers(self, text: str) -> list[int]:
        """The numbers of the exact keys of ``text``'s tokens, in order."""
        return list(chain.from_iterable(map(self.chunks.__getitem__, text.split())))


class _Chunks(dict):
    def __init__(self, vocabulary: Vocabulary):
        super().__init__()
        self.vocabulary = vocabulary

    def __missing__(self, chunk: str) -> tuple[int, ...]:
        value = self[chunk] = tuple(map(self.vocabulary.add, exact_tokens(chunk)))
        return value
