"""The index: postings by word and by pair of adjacent words, in small JavaScript shards.

Layout under the output folder (``site/search/``), every file a script that hands its data
to ``DigestSearch.load(name, data)`` when a <script> tag loads it (works from file://,
where fetch and XHR do not):

* ``index.js``: the manifest: document count, BM25 constants, the first word of each
  word shard, the number of pair shards;
* ``t/<i>.js``: word shards, folded words in sorted ranges (so that a prefix "chuy" is
  found in one or two shards): folded word -> its exact forms, each with its document
  count and its postings (inline when short, else the number of a postings file);
* ``n/<i>.js``: pair shards, by a hash of the pair's first folded word: "chuyen doi" ->
  its exact forms ("chuyển đổi") with postings. All the pairs starting with one word are
  in one shard, so the last word typed can be completed from the word before it;
* ``p/<i>.js``: one long postings list each;
* ``d/<k>/<id>.js``: one document each: address, title, result line, and the text that
  snippets are cut from (raw DEFLATE, base64: a third of the text's size); loaded only for
  the results shown.

A postings list is a string of base-32 varints (digits ``ALPHABET[0:32]`` end a number,
``ALPHABET[32:64]`` continue it, most significant first): for each document, the gap
from the previous document number, then its *impact*: the BM25 term frequency part,
``tf = wtf / (1 - b + b * dl / avgdl)`` as one digit on a log scale (``impact``; wtf:
occurrences weighted by field; dl: the document's weighted length; a page kind's boost is
in the manifest and multiplies the score).
A list of more than one document in 8 is a bitmap of the documents instead, then their
impacts (``dense``): 1.2 digits a document instead of 2. The browser adds the idf (from the
document counts) and the saturation ``k1``.

``encode``, ``dense`` and ``impact`` state the format one value at a time; the lists are
encoded in bulk by postings.Encoder, with the same bytes (tests/test_search_index.py).
"""
from __future__ import annotations

import base64
import json
import math
import zlib
from array import array
from functools import lru_cache
from typing import NamedTuple, Optional

from .documents import PAGE_BOOST, Document
from .output import OutputTree
from .postings import (ALPHABET, B, DENSE, IMPACT_SCALE, K1, MAX_IMPACT, DocumentTerms, Encoder, Postings,
                       count_terms, encode_slow, impact)
from .text import PAIR_SHIFT, Vocabulary, fnv1a, folded

__all__ = ["ALPHABET", "B", "DENSE", "FORMAT", "IMPACT_SCALE", "K1", "MAX_IMPACT", "IndexWriter", "decode",
           "decode_postings", "dense", "encode", "impact", "write_index"]

INLINE_MAX = 1024  # longer postings go to a file of their own
SHARD_TARGET = 8_000  # bytes of a word or pair shard: a query loads one per word and per pair
DOCS_PER_FOLDER = 1000
FORMAT = 2

_SMALL = [encode_slow(v) for v in range(4096)]  # encodings of 0..4095


def encode(value: int) -> str:
    return _SMALL[value] if value < 4096 else encode_slow(value)


def dense(docs, impacts, n: int) -> str:
    """A common word's list: "~", a bitmap of the ``n`` documents (6 a digit, the first in the
    lowest bit), then one digit per document listed (its impact)."""
    bits = bytearray((n + 5) // 6)
    for doc in docs:
        bits[doc // 6] |= 1 << (doc % 6)
    return "~" + "".join(map(ALPHABET.__getitem__, bits)) + "".join(map(ALPHABET.__getitem__, impacts))


def decode_postings(data: str, n: int) -> list[tuple[int, int]]:
    """(document, impact) pairs of a postings string, either form."""
    if data.startswith("~"):
        width = (n + 5) // 6
        docs = [i * 6 + b for i, ch in enumerate(data[1:1 + width]) for b in range(6)
                if ALPHABET.index(ch) >> b & 1]
        return list(zip(docs, (ALPHABET.index(ch) for ch in data[1 + width:])))
    values = decode(data)
    out, doc = [], -1
    for gap, impact in zip(values[::2], values[1::2]):
        doc += gap + 1
        out.append((doc, impact))
    return out


def decode(data: str) -> list[int]:
    out, value = [], 0
    for ch in data:
        digit = ALPHABET.index(ch)
        if digit >= 32:
            value = (value << 5) | (digit - 32)
        else:
            out.append((value << 5) | digit)
            value = 0
    return out


class DocumentRecord(NamedTuple):
    """What the index keeps of a document besides its terms: its kind (the manifest lists the
    boosted ones) and the JSON of its file (address, title, kind, result line, text)."""
    kind: str
    data: str


def document_record(doc: Document) -> DocumentRecord:
    data = {"u": doc.url, "t": doc.title, "k": doc.kind, "m": doc.meta}
    if doc.text:
        data["z"] = deflated(doc.text)
    return DocumentRecord(doc.kind, _json(data))


class IndexWriter:
    """Feed it documents in order (``add``, or ``add_terms`` with what a cache kept of one),
    then ``write`` the shards. Opened on its output first (``open``), it writes each document's
    file as the document comes instead of keeping it until ``write``."""

    def __init__(self, vocabulary: Optional[Vocabulary] = None):
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        self.postings = Postings()
        self.records: list[DocumentRecord] = []  # until the output is open
        self.kinds: list[str] = []
        self.tree: Optional[OutputTree] = None

    def open(self, out_dir: str, mirror: Optional[str] = None) -> None:
        """Write into ``out_dir`` (replaced when ``write`` ends); with ``mirror`` (output.py),
        only files whose bytes changed since the last write are written."""
        self.tree = OutputTree(out_dir, mirror)
        records, self.records = self.records, []
        for number, record in enumerate(records):
            self._document(number, record)

    def reuse(self) -> bool:
        """With a mirror, nothing added: the last output as it is, when intact (output.py)."""
        return self.tree.reuse()

    def add(self, doc: Document) -> None:
        self.add_terms(count_terms(doc, self.vocabulary), document_record(doc))

    def add_terms(self, terms: DocumentTerms, record: DocumentRecord) -> None:
        number = self.postings.add(terms)
        self.kinds.append(record.kind)
        if self.tree is None:
            self.records.append(record)
        else:
            self._document(number, record)

    def _document(self, number: int, record: DocumentRecord) -> None:
        _Files(self.tree).raw(f"d/{number // DOCS_PER_FOLDER}/{number}", record.data)

    # --- writing -------------------------------------------------------------------------

    def write(self, out_dir: Optional[str] = None, mirror: Optional[str] = None) -> dict:
        """Write every shard into ``out_dir`` (replaced; the one ``open`` was given when it
        was); return figures about the index."""
        if self.tree is None:
            self.open(out_dir, mirror)
        tree = self.tree
        files = _Files(tree)
        n = len(self.kinds)
        encoder = Encoder(self.postings)
        spelled = self.vocabulary.words

        def entry(gathered: array) -> list:
            count, data = encoder.encode(gathered)
            return [count, data if len(data) <= INLINE_MAX else files.postings(data)]

        words: dict[str, dict[str, list]] = {}
        gathered_words = self.postings.words
        for number in sorted(gathered_words, key=spelled.__getitem__):
            exact = spelled[number]
            words.setdefault(folded(exact), {})[exact] = entry(gathered_words.pop(number))
        word_entries = [(key, _json([[e, *v] for e, v in variants.items()])) for key, variants in sorted(words.items())]
        firsts = files.ranged_shards("t", word_entries)
        del word_entries

        low = (1 << PAIR_SHIFT) - 1
        pairs: dict[str, dict[str, list]] = {}
        gathered_pairs = self.postings.pairs
        for number in sorted(gathered_pairs, key=lambda k: (spelled[k >> PAIR_SHIFT], spelled[k & low])):
            a, b = spelled[number >> PAIR_SHIFT], spelled[number & low]
            pairs.setdefault(f"{folded(a)} {folded(b)}", {})[f"{a} {b}"] = entry(gathered_pairs.pop(number))
        pair_entries = [(key, _json([[e, *v] for e, v in variants.items()])) for key, variants in sorted(pairs.items())]
        buckets = files.hashed_shards("n", pair_entries)
        del pair_entries

        # A page kind's boost multiplies its documents' scores (in tf, BM25's saturation would undo it).
        boosts = {number: PAGE_BOOST[kind] for number, kind in enumerate(self.kinds) if PAGE_BOOST.get(kind, 1) != 1}
        manifest = {"format": FORMAT, "n": n, "k1": K1, "impact": IMPACT_SCALE, "words": firsts, "pairs": buckets,
                    "folder": DOCS_PER_FOLDER, "boost": boosts}
        files.script("index", manifest)
        tree.finish()
        return {"documents": n, "words": len(words), "pairs": len(pairs), "files": tree.count,
                "bytes": tree.bytes, "largest_file": tree.largest, "postings_bytes": files.postings_bytes,
                "files_written": tree.written}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=None)
def _pair_shard_hash(first_word: str) -> int:
    return fnv1a(first_word)


class _Files:
    def __init__(self, tree: OutputTree):
        self.tree = tree
        self.postings_bytes = 0
        self._postings = 0

    def script(self, name: str, value) -> None:
        self.raw(name, _json(value))

    def raw(self, name: str, data_json: str) -> None:
        self.tree.put(name + ".js", f'DigestSearch.load("{name}",{data_json})\n'.encode("utf-8"))

    def postings(self, data: str) -> int:
        number = self._postings
        self._postings += 1
        self.raw(f"p/{number}", f'"{data}"')
        self.postings_bytes += len(data)
        return number

    def ranged_shards(self, folder: str, entries: list[tuple[str, str]]) -> list[str]:
        """Sorted (key, JSON) entries cut into shards of about SHARD_TARGET bytes; returns the
        first key of each shard."""
        firsts, parts, size = [], [], 0
        for key, data in entries:
            if not parts:
                firsts.append(key)
            parts.append(f"{_json(key)}:{data}")
            size += len(parts[-1])
            if size >= SHARD_TARGET:
                self.raw(f"{folder}/{len(firsts) - 1}", "{" + ",".join(parts) + "}")
                parts, size = [], 0
        if parts or not firsts:
            if not firsts:
                firsts.append("")
            self.raw(f"{folder}/{len(firsts) - 1}", "{" + ",".join(parts) + "}")
        return firsts

    def hashed_shards(self, folder: str, entries: list[tuple[str, str]]) -> int:
        """(pair key, JSON) entries into shards by the hash of the pair's first word; returns
        the number of shards."""
        total = sum(len(k) + len(d) + 4 for k, d in entries)
        count = max(1, math.ceil(total / SHARD_TARGET))
        shards: list[list[str]] = [[] for _ in range(count)]
        for key, data in entries:
            shards[_pair_shard_hash(key.split(" ", 1)[0]) % count].append(f"{_json(key)}:{data}")
        for i, parts in enumerate(shards):
            self.raw(f"{folder}/{i}", "{" + ",".join(parts) + "}")
        return count


def deflated(text: str) -> str:
    """Raw DEFLATE, base64: the browser inflates it with DecompressionStream("deflate-raw")."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(packer.compress(text.encode("utf-8")) + packer.flush()).decode("ascii")


def write_index(docs, out_dir: str) -> dict:
    writer = IndexWriter()
    for doc in docs:
        writer.add(doc)
    return writer.write(out_dir)
