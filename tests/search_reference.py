"""The search index written the straightforward way, one posting at a time: the indexer as it
was before its postings were counted and encoded in C loops (directive_digest/search/postings.py).
tests/test_search_index.py checks that the indexer writes the same bytes as this, on the same
documents. Kept as the plain statement of the format: a change of format changes both."""
from __future__ import annotations

import json
import math
import os
import shutil
from array import array
from collections import Counter
from dataclasses import dataclass

from directive_digest.search.documents import PAGE_BOOST, WEIGHTS, Document
from directive_digest.search.text import exact_tokens, fnv1a, folded
from directive_digest.search.writer import (DENSE, DOCS_PER_FOLDER, FORMAT, IMPACT_SCALE, INLINE_MAX, K1,
                                            SHARD_TARGET, B, _SMALL, deflated, dense, encode, impact)


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


def write_index(docs, out_dir: str) -> dict:
    writer = IndexWriter()
    for doc in docs:
        writer.add(doc)
    return writer.write(out_dir)
