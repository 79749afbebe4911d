"""Syndicated copies: one article published by several outlets becomes one digest.

Copies are rarely byte-identical: the republisher adds its own section label, dateline,
"Theo Báo …" credit and site chrome, and sometimes edits a sentence. So articles are
compared on their cleaned prose as sets of word 5-grams (shingles): two articles whose
shingle sets overlap by ``THRESHOLD`` (Jaccard) or more are copies of one article.

Candidates come from MinHash with banding (locality-sensitive hashing), so the work stays
close to linear in the number of articles: a one-permutation sketch (each shingle hash falls
in one of ``BUCKETS`` buckets; the sketch is the smallest hash in each), cut into ``BANDS``
bands; articles that agree on a whole band are candidates. With 21 bands of 3, a pair at
Jaccard 0.5 becomes a candidate with probability 0.94, at 0.6 with 0.994, at 0.8 with
1 - 3e-7; two different articles sharing only the field's stock phrases (Jaccard ~0.05)
with 0.003. Every candidate pair is then checked with the exact Jaccard. Hashes are fixed
(CRC32 mixed with constants), never Python's per-run ``hash``, so every run merges the same way.

The article kept is the original: one that does not credit another outlet ("Theo …"),
then the earliest date, then the input path. It lists every other copy in
``also_published`` as {outlet, source, date} (and ``credit``: the copy's "Theo …" line).
"""
from __future__ import annotations

import re
import zlib
from array import array
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from typing import Optional

from .article import Article
from .vntext import match_key

SHINGLE = 5  # words per shingle
THRESHOLD = 0.5  # Jaccard of shingle sets from which two texts are one article
BANDS, ROWS = 21, 3
BUCKETS = BANDS * ROWS
UNPACKED_KEPT = 512  # shingle sets merge_syndicated keeps unpacked (~30 MB at most)
_PRIME = (1 << 61) - 1
_A, _B = 0x5BD1E995_9E3779B1 % _PRIME, 0x27D4EB2F_165667B1 % _PRIME
_A_INVERSE = pow(_A, -1, _PRIME)
_WORD = re.compile(r"\w+")  # a word: what _run_hashes splits out of a text (faster, the same words)
_NOT_ASCII_NOR_WORD = re.compile(r"[^\x00-\x7f\w]+")
# Bytes: ASCII word characters and bytes of characters outside ASCII kept, other ASCII made spaces.
_SEPARATOR_BYTES = bytes(b if b >= 0x80 or chr(b).isalnum() or b == 0x5F else 0x20 for b in range(256))
_CREDIT = re.compile(r"^\(?\s*(?:theo|nguồn)\b", re.IGNORECASE)


def _run_hashes(text: str, size: int) -> set[int]:
    """The distinct CRC32s of every run of ``size`` words of ``text`` (matching form)."""
    # The words (runs of \w) as UTF-8, found in bytes: the characters outside ASCII that are not
    # word characters (quotes, dashes, …) made spaces, every byte then either an ASCII word
    # character, part of a word character outside ASCII, or a separator (made a space by
    # _SEPARATOR_BYTES): a split, instead of a regex finding each word and a join and encoding.
    encoded = _NOT_ASCII_NOR_WORD.sub(" ", match_key(text)).encode("utf-8").translate(_SEPARATOR_BYTES).split()
    if not encoded:
        return set()
    if len(encoded) <= size:
        runs = [b" ".join(encoded)]  # fewer words than a shingle: the one run of all of them
    else:
        # Each run of ``size`` words: word i, i + 1, … zipped from shifted lists and joined,
        # all in C (no slice and no generator step per run).
        runs = map(b" ".join, zip(*[encoded[k:] for k in range(size)]))
    return set(map(zlib.crc32, runs))


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Hashes of every run of ``size`` words (matching form: case and tone-mark style ignored)."""
    # The affine map is one-to-one on CRC32 values (all below the prime): map each distinct CRC once.
    return frozenset([(_A * crc + _B) % _PRIME for crc in _run_hashes(text, size)])


def fingerprint(text: str) -> tuple[bytes, bytes, Optional[bytes]]:
    """What a worker keeps of ``text`` for syndication: its shingles packed (as ``pack`` does,
    in no particular order), their ``bitmap`` and their ``sketch`` packed (``pack_sketch``;
    None: no shingle), from one pass over the hashes instead of a set, a sort and a loop for each."""
    flags = bytearray(BITMAP_BITS)
    lowest = [_NO_HASH] * BUCKETS
    crcs = _run_hashes(text, SHINGLE)
    values = [(_A * crc + _B) % _PRIME for crc in crcs]  # distinct: see shingles
    for value in values:
        flags[value % BITMAP_BITS] = 1
        bucket = value % BUCKETS
        if value < lowest[bucket]:
            lowest[bucket] = value
    return array("I", crcs).tobytes(), _bits(flags), pack_sketch(_ranks(lowest)) if values else None


def jaccard(a: frozenset, b: frozenset) -> float:
    if not (a and b):
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)  # len(a | b), without building the union


def pack(shingle_set: frozenset[int]) -> bytes:
    """A shingle set as its CRC32s (the affine map undone), sorted, 4 bytes each: cheap to
    store, cache and send between processes, and held by the main process for every article
    until syndication. (``unpack`` does not need them sorted: ``fingerprint`` packs them unsorted.)"""
    return array("I", sorted((value - _B) * _A_INVERSE % _PRIME for value in shingle_set)).tobytes()


def unpack(shingle_set) -> frozenset[int]:
    """The shingle set of a packed one (the hashes ``shingles`` gives); a set stays as it is."""
    if not isinstance(shingle_set, bytes):
        return shingle_set
    return frozenset([(_A * crc + _B) % _PRIME for crc in array("I", shingle_set)])


def _unpack_crcs(shingle_set: bytes) -> frozenset[int]:
    """A packed set's CRC32s: what the affine map maps one-to-one onto its shingles, so two
    sets of CRC32s have the Jaccard of their shingle sets, found without mapping each."""
    return frozenset(array("I", shingle_set))


def sketch(shingle_set: frozenset[int]) -> tuple[int, ...]:
    """One-permutation MinHash: the smallest hash in each of ``BUCKETS`` buckets (-1: empty)."""
    # The smallest hash of each bucket, then its rank (hash // BUCKETS): within a bucket the
    # hashes are rank * BUCKETS + bucket, so they order as their ranks. One test per hash.
    lowest = [_NO_HASH] * BUCKETS
    for value in shingle_set:
        bucket = value % BUCKETS
        if value < lowest[bucket]:
            lowest[bucket] = value
    return _ranks(lowest)


def pack_sketch(ranks) -> bytes:
    """A sketch as 64-bit integers: 504 bytes against ~2.6 KB as a tuple of ints, for each of
    the articles the main process holds until syndication (at 100,000 articles, 200 MB)."""
    return ranks if isinstance(ranks, bytes) else array("q", ranks).tobytes()


def _ranks(lowest: list[int]) -> tuple[int, ...]:
    return tuple([-1 if value == _NO_HASH else value // BUCKETS for value in lowest])


_NO_HASH = _PRIME  # above every hash (all are below the prime)


def candidate_pairs(sets: list[frozenset[int]], sketches: Optional[list] = None) -> set[tuple[int, int]]:
    """Pairs of articles whose sketches agree on at least one whole band. ``sketches``, when
    given, are ``sketch(s)`` of each set (or it packed), computed earlier (in a worker, or cached)."""
    pairs: set[tuple[int, int]] = set()
    for members in candidate_groups(sets, sketches):
        pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    return pairs


_EMPTY_BAND = pack_sketch((-1,) * ROWS)


def candidate_groups(sets: list, sketches: Optional[list] = None) -> list[list[int]]:
    """Articles (indexes, ascending) that agree on one whole band; every pair in a group is a candidate."""
    # Band by band (a group's order does not change which articles end up together): the
    # bucket key is the band's rows alone, a slice of the packed sketch (equal bytes, equal rows).
    signatures = [(i, pack_sketch(sketches[i] if sketches is not None else sketch(unpack(shingle_set))))
                  for i, shingle_set in enumerate(sets) if shingle_set]
    groups: list[list[int]] = []
    width = 8 * ROWS
    for band in range(BANDS):
        start = band * width
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i, signature in signatures:
            buckets[signature[start:start + width]].append(i)
        buckets.pop(_EMPTY_BAND, None)
        groups += [members for members in buckets.values() if len(members) > 1]
    return groups


@dataclass
class Syndication:
    kept: list[Article]
    merged: int  # copies folded into another article


def _original_first(article: Article):
    return (credits_another_outlet(article.source_line), article.date.isoformat() if article.date else "9999", article.source)


def credits_another_outlet(source_line) -> bool:
    """"Theo Báo Bắc Giang": the outlet named is where the text came from, not who ran this copy."""
    return bool(source_line and _CREDIT.match(source_line))


def place(article: Article) -> dict:
    """Where an article ran: {outlet, source, date}, plus the credit line a copy carries."""
    out = {"outlet": article.outlet, "source": article.source,
           "date": article.date.isoformat() if article.date else None}
    if credits_another_outlet(article.source_line):
        out["credit"] = article.source_line
    return out


def find_root(parent: list[int], i: int) -> int:
    """The root of ``i`` in a union-find forest (``parent``), halving the path on the way."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def bitmap(shingle_set: frozenset[int]) -> bytes:
    """The set as ``BITMAP_BITS`` bits (bit ``h % BITMAP_BITS`` for each hash ``h``). Two sets'
    bits together are at most their union: a bound that rules most candidates out
    (``could_reach``) for a fraction of the exact Jaccard's cost."""
    flags = bytearray(BITMAP_BITS)  # one byte per bit, then read as a binary numeral: fast
    for value in shingle_set:
        flags[value % BITMAP_BITS] = 1
    return _bits(flags)


def _bits(flags: bytearray) -> bytes:
    """``flags`` (one byte 0 or 1 per bit) as the bitmap's bytes."""
    number = int(flags.translate(_BINARY_DIGITS)[::-1], 2)
    return number.to_bytes(BITMAP_BITS // 8, "little")


BITMAP_BITS = 8192
_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def could_reach(bits_a: int, size_a: int, bits_b: int, size_b: int, threshold: float) -> bool:
    """False only when the Jaccard of the two sets is surely below ``threshold``. Their union
    has at least as many shingles as their bitmaps have bits together (``union_bits``), and
    Jaccard = (a + b - union) / union falls as the union grows; so does its floating-point
    value (division is correctly rounded), so no pair ``jaccard`` keeps is ruled out."""
    if not (size_a and size_b):
        return False
    union_bits = (bits_a | bits_b).bit_count()
    return (size_a + size_b - union_bits) / union_bits >= threshold


class ShingleSets:
    """The shingle sets of ``sets`` (packed or not) by index, unpacked on demand and only the
    ``UNPACKED_KEPT`` most recent kept: a frozenset costs ~60 KB against 4 KB packed, and at
    100,000 articles keeping every one unpacked held 2 GB. Packed sets are compared as their
    CRC32s (``_unpack_crcs``): the same Jaccard, without mapping each hash."""

    def __init__(self, sets: list):
        self.sets = sets
        self.packed = all(isinstance(s, bytes) for s in sets)
        self.unpacked: OrderedDict[int, frozenset[int]] = OrderedDict()

    def __call__(self, i: int) -> frozenset[int]:
        unpacked = self.unpacked
        found = unpacked.get(i)
        if found is None:
            found = unpacked[i] = _unpack_crcs(self.sets[i]) if self.packed else unpack(self.sets[i])
            if len(unpacked) > UNPACKED_KEPT:
                unpacked.popitem(last=False)
        else:
            unpacked.move_to_end(i)
        return found


def set_sizes(sets: list) -> list[int]:
    """How many shingles each set (packed: 4 bytes each) holds."""
    return [len(s) // 4 if isinstance(s, bytes) else len(s) for s in sets]


def components(sets: list, sketches: Optional[list] = None, bitmaps: Optional[list[bytes]] = None,
               threshold: float = THRESHOLD) -> list[int]:
    """Union-find parents whose trees are the copies: the connected components of the
    candidate pairs (``candidate_groups``) at or above ``threshold`` (Jaccard)."""
    shingle_set = ShingleSets(sets)
    # The components are the same whatever order the pairs are tried in, so no list of all
    # pairs is built or sorted, and a pair already joined through others is not measured.
    # A group's first member is compared with each other member in turn, so it stays among
    # the recently unpacked sets.
    # could_reach is written out in the loop below (the same arithmetic), with every
    # article's bitmap (as an int) and size found once: a group of articles sharing a band
    # of stock phrases makes hundreds of thousands of pairs to rule out.
    if bitmaps is not None:
        sizes = set_sizes(sets)
        bits = [int.from_bytes(b, "little") for b in bitmaps]
    parent = list(range(len(sets)))
    for members in candidate_groups(sets, sketches):
        for n, a in enumerate(members):
            if bitmaps is not None:
                bits_a, size_a = bits[a], sizes[a]
                if not size_a:
                    continue
            for b in members[n + 1:]:
                root_a = a if parent[a] == a else find_root(parent, a)
                root_b = b if parent[b] == b else find_root(parent, b)
                if root_a == root_b:
                    continue
                if bitmaps is not None:
                    size_b = sizes[b]
                    if not size_b:
                        continue
                    union_bits = (bits_a | bits[b]).bit_count()
                    if not ((size_a + size_b - union_bits) / union_bits >= threshold):
                        continue
                if jaccard(shingle_set(a), shingle_set(b)) >= threshold:
                    parent[root_a] = root_b
    return parent


def merge_syndicated(articles: list[Article], threshold: float = THRESHOLD,
                     sets: Optional[list[frozenset[int]]] = None,
                     sketches: Optional[list] = None,
                     bitmaps: Optional[list[bytes]] = None) -> Syndication:
    """Fold near-identical articles into one; the input order of the rest is kept.

    ``sets``, ``sketches`` and ``bitmaps`` (one per article, in order) are
    ``shingles(a.body_text)`` (or it ``pack``ed), its ``sketch`` and its ``bitmap``, when the
    caller computed them already (per article, cached). With bitmaps, candidates that cannot
    reach the threshold are ruled out before the exact Jaccard; the result is the same."""
    if sets is None:
        sets = [shingles(a.body_text) for a in articles]
    return fold_copies(articles, components(sets, sketches, bitmaps, threshold))


def fold_copies(articles: list[Article], parent: list[int]) -> Syndication:
    """Each component of ``parent`` (union-find, one entry per article) as its original, which
    lists the other members in ``also_published``; the input order of the originals is kept.
    Which union-find tree holds a component does not matter: only who is in it."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        clusters[find_root(parent, index)].append(index)
    keep: set[int] = set()
    for members in clusters.values():
        ordered = sorted((articles[i] for i in members), key=_original_first)
        original = ordered[0]
        known = {p["source"] for p in original.also_published}
        original.also_published = list(original.also_published) + [
            place(copy) for copy in ordered[1:] if copy.source not in known]
        keep.add(id(original))
    kept = [a for a in articles if id(a) in keep]
    return Syndication(kept, len(articles) - len(kept))
