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
"""
from __future__ import annotations

import base64
import json
import math
import os
import shutil
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass

from .documents import PAGE_BOOST, WEIGHTS, Document
from .text import exact_tokens, fnv1a, folded

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyzWXYZ-_"
K1, B = 1.2, 0.75
IMPACT_SCALE = 8  # impact = round(IMPACT_SCALE * ln(1 + tf)): one digit (0-31) for tf up to 47
MAX_IMPACT = 31
DENSE = 8  # a list of more than one document in DENSE is a bitmap
INLINE_MAX = 1024  # longer postings go to a file of their own
SHARD_TARGET = 8_000  # bytes of a word or pair shard: a query loads one per word and per pair
DOCS_PER_FOLDER = 1000
FORMAT = 2

_SMALL = []  # encodings of 0..4095


def _encode_slow(value: int) -> str:
    out = ALPHABET[value & 31]
    value >>= 5
    while value:
        out = ALPHABET[32 + (value & 31)] + out
        value >>= 5
    return out


_SMALL = [_encode_slow(v) for v in range(4096)]


def encode(value: int) -> str:
    return _SMALL[value] if value < 4096 else _encode_slow(value)


def impact(tf: float) -> int:
    """A (weighted, length-normalised) term frequency as one digit, on a log scale: steps of
    13 %, up to 47 (BM25's saturation, k1 = 1.2, leaves 2 % above 47). The browser inverts it:
    exp(impact / IMPACT_SCALE) - 1."""
    return min(MAX_IMPACT, max(1, round(IMPACT_SCALE * math.log1p(tf))))


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


@dataclass
class _Postings:
    docs: array
    weights: array

    @classmethod
    def new(cls) -> "_Postings":
        return cls(array("I"), array("I"))


class IndexWriter:
    """Feed it documents in order (``add``), then ``write`` the shards."""

    def __init__(self):
        self.docs: list[Document] = []
        self.lengths = array("I")
        self.words: dict[str, _Postings] = {}  # exact word -> postings
        self.pairs: dict[tuple[str, str], _Postings] = {}  # exact (word, next word) -> postings

    def add(self, doc: Document) -> None:
        number = len(self.docs)
        self.docs.append(doc)
        words: Counter = Counter()
        pairs: Counter = Counter()
        for name, blocks in doc.fields.items():
            weight = WEIGHTS[name]
            for block in blocks:
                toks = exact_tokens(block)
                if not toks:
                    continue
                for _ in range(weight):
                    words.update(toks)
                    pairs.update(zip(toks, toks[1:]))
        self.lengths.append(sum(words.values()))
        for store, counts in ((self.words, words), (self.pairs, pairs)):
            for key, count in counts.items():
                postings = store.get(key)
                if postings is None:
                    store[key] = postings = _Postings.new()
                postings.docs.append(number)
                postings.weights.append(count)

    # --- writing -------------------------------------------------------------------------

    def _encoded(self, postings: _Postings, norms: list[float]) -> str:
        impacts = [impact(weight / norms[doc]) for doc, weight in zip(postings.docs, postings.weights)]
        if len(postings.docs) * DENSE > len(self.docs):
            return dense(postings.docs, impacts, len(self.docs))
        out, previous = [], -1
        for doc, value in zip(postings.docs, impacts):
            out.append(encode(doc - previous - 1) + _SMALL[value])
            previous = doc
        return "".join(out)

    def write(self, out_dir: str) -> dict:
        """Write every shard into ``out_dir`` (replaced); return figures about the index."""
        tmp = out_dir.rstrip("/\\") + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        n = len(self.docs)
        avgdl = (sum(self.lengths) / n) if n else 1.0
        norms = [(1 - B + B * dl / avgdl) or 1.0 for dl in self.lengths]
        files = _Files(tmp)

        def entry(postings: _Postings) -> list:
            data = self._encoded(postings, norms)
            return [len(postings.docs), data if len(data) <= INLINE_MAX else files.postings(data)]

        words: dict[str, dict[str, list]] = {}
        for exact in sorted(self.words):
            words.setdefault(folded(exact), {})[exact] = entry(self.words[exact])
        word_entries = [(key, _json([[e, *v] for e, v in variants.items()])) for key, variants in sorted(words.items())]
        firsts = files.ranged_shards("t", word_entries)

        pairs: dict[str, dict[str, list]] = {}
        for (a, b) in sorted(self.pairs):
            pairs.setdefault(f"{folded(a)} {folded(b)}", {})[f"{a} {b}"] = entry(self.pairs[(a, b)])
        pair_entries = [(key, _json([[e, *v] for e, v in variants.items()])) for key, variants in sorted(pairs.items())]
        buckets = files.hashed_shards("n", pair_entries)

        for number, doc in enumerate(self.docs):
            files.document(number, doc)
        # A page kind's boost multiplies its documents' scores (in tf, BM25's saturation would undo it).
        boosts = {number: PAGE_BOOST[doc.kind] for number, doc in enumerate(self.docs) if PAGE_BOOST.get(doc.kind, 1) != 1}
        manifest = {"format": FORMAT, "n": n, "k1": K1, "impact": IMPACT_SCALE, "words": firsts, "pairs": buckets,
                    "folder": DOCS_PER_FOLDER, "boost": boosts}
        files.script("index", manifest)
        shutil.rmtree(out_dir, ignore_errors=True)
        os.replace(tmp, out_dir)
        return {"documents": n, "words": len(words), "pairs": len(pairs), "files": files.count,
                "bytes": files.bytes, "largest_file": files.largest, "postings_bytes": files.postings_bytes}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Files:
    def __init__(self, root: str):
        self.root = root
        self.count = self.bytes = self.largest = self.postings_bytes = 0
        self._postings = 0

    def _write(self, name: str, text: str) -> None:
        path = os.path.join(self.root, *name.split("/")) + ".js"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.count += 1
        self.bytes += len(data)
        self.largest = max(self.largest, len(data))

    def script(self, name: str, value) -> None:
        self.raw(name, _json(value))

    def raw(self, name: str, data_json: str) -> None:
        self._write(name, f'DigestSearch.load("{name}",{data_json})\n')

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
            shards[fnv1a(key.split(" ", 1)[0]) % count].append(f"{_json(key)}:{data}")
        for i, parts in enumerate(shards):
            self.raw(f"{folder}/{i}", "{" + ",".join(parts) + "}")
        return count

    def document(self, number: int, doc: Document) -> None:
        data = {"u": doc.url, "t": doc.title, "k": doc.kind, "m": doc.meta}
        if doc.text:
            data["z"] = deflated(doc.text)
        self.script(f"d/{number // DOCS_PER_FOLDER}/{number}", data)


def deflated(text: str) -> str:
    """Raw DEFLATE, base64: the browser inflates it with DecompressionStream("deflate-raw")."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(packer.compress(text.encode("utf-8")) + packer.flush()).decode("ascii")


def write_index(docs, out_dir: str) -> dict:
    writer = IndexWriter()
    for doc in docs:
        writer.add(doc)
    return writer.write(out_dir)
