"""A lunr.js 2.3.9 index built at build time, the way Material's search worker builds it.

Material for MkDocs 9.x builds its lunr index in the reader's browser, from every search
entry, each time a page opens the search: at 10,000 articles that took half a minute.
This module builds the same index in Python, serialised as ``lunr.Index.toJSON()`` would
write it, so the worker only loads it (``lunr.Index.load``; see search_scope.py, which
patches the worker, and lunr.vi.min.js's ``lunr.vi.load``).

To give the same terms and scores as the browser would, this reproduces, exactly:

* Material's tokenizer (``integrations/search/internal``): HTML split into tag and text
  sections, text split with the ``search.separator`` regular expression, lower-cased;
* our Vietnamese pipeline (overrides/.../lunr.vi.min.js ``foldToken``): NFD, combining
  marks removed, đ/Đ (and the eth old fonts typed for them) -> d, lower case, punctuation
  trimmed at both ends (a token of punctuation only stays, as the empty term, as in lunr);
* lunr's Builder: BM25 with k1 = 1.2 and b = 0 (Material's setting), field and document
  boosts, scores rounded to three decimals, the inverted index sorted by term.

Differences, all invisible to readers: document references are entry numbers ("0", "1",
...; the worker maps them back to addresses); no term positions are stored (they would
triple the index): the worker finds the words to highlight in the entries it shows, when
it shows them; and the index is shipped without its inverted index (``compact``), which
the worker rebuilds from the field vectors.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

LUNR_VERSION = "2.3.9"  # the lunr bundled in Material 9.x's search worker
PIPELINE = ["vi-fold"]  # lunr.Pipeline label of lunr.vi's foldToken
K1 = 1.2

# JavaScript's \s and \d (Python's are wider: \x1c-\x1f, U+0085, non-ASCII digits).
_JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_EDGES = re.compile("^[^0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+|[^0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+$")
_D_UPPER = re.compile("[\u0110\u00d0]")
_D_LOWER = re.compile("[\u0111\u00f0]")
_ANGLE = re.compile("[<>]")


def js_regex(pattern: str) -> re.Pattern:
    """A JavaScript regular expression (as in mkdocs.yml's ``search.separator``) for Python."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            e = pattern[i + 1]
            if e == "s":
                out.append(_JS_SPACE if in_class else f"[{_JS_SPACE}]")
            elif e == "d":
                out.append("0-9" if in_class else "[0-9]")
            else:
                out.append(c + e)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return re.compile("".join(out))


def fold(text: str) -> str:
    """lunr.vi's fold: "Đảng Ủy" -> "dang uy"."""
    text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return _D_LOWER.sub("d", _D_UPPER.sub("D", text)).lower()


class Terms:
    """Material's tokenizer followed by lunr.vi's pipeline: a field's value -> its terms."""

    def __init__(self, separator: str):
        self.separator = js_regex(separator)
        self._folded: dict[str, str] = {}

    def _term(self, token: str) -> str:
        term = self._folded.get(token)
        if term is None:
            term = self._folded[token] = _EDGES.sub("", fold(token.lower()))
        return term

    def _text(self, section: str, out: list[str]) -> None:
        folded, term = self._folded, self._term
        # The pieces between separators; empty ones (separators at either end) are no token.
        out += [folded[t] if t in folded else term(t) for t in self.separator.split(section) if t]

    def __call__(self, value) -> list[str]:
        out: list[str] = []
        if value is None:
            return out
        for text in value if isinstance(value, list) else [value]:
            # Material's extract(): text between tags is indexed, tags are not. Its loop looks
            # at every character; only "<" and ">" change anything, so only those are visited.
            start = 0
            for m in _ANGLE.finditer(text):
                end = m.start()
                if text[end] == "<":
                    if end > start:  # text before a tag (or a second "<": then that is text too)
                        self._text(text[start:end], out)
                        start = end
                else:  # ">": what started at the last "<" was a tag
                    start = end + 1
            if len(text) > start:
                self._text(text[start:], out)
        return out


def _round(score: float) -> float:
    return math.floor(score * 1000 + 0.5) / 1000  # JavaScript's Math.round(score * 1000) / 1000


def _js_order(term: str) -> bytes:
    return term.encode("utf-16-be")  # JavaScript sorts strings by UTF-16 code units


def _field_terms(docs: list[dict], fields: dict[str, dict], separator: str) -> list[tuple]:
    """(field, ref, its terms' frequencies, field boost, entry boost) of every field of every
    entry, entry by entry (refs: the entries' positions in the list)."""
    terms_of = Terms(separator)
    out = []
    for number, doc in enumerate(docs):
        ref = str(number)
        doc_boost = doc.get("boost") or 1
        for name in fields:
            counts = Counter(terms_of(doc.get(name)))  # in order of first occurrence
            out.append((name, ref, counts, fields[name].get("boost") or 1, doc_boost))
    return out


def _idf(count: int, with_term: int) -> float:
    return math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))


def _vectors(frequencies: list[tuple], number_of: dict[str, int], idf: dict[str, float]) -> list[list]:
    """The field vectors: [field/ref, [term number, score, ...]] by term number."""
    scores: dict[tuple, float] = {}  # a score depends only on these four: most recur
    vectors = []
    for name, ref, counts, field_boost, doc_boost in frequencies:
        elements = []
        for number, term, tf in sorted((number_of[t], t, tf) for t, tf in counts.items()):
            score = scores.get((number, tf, field_boost, doc_boost))
            if score is None:
                # BM25 with b = 0: the field length does not count (Material's this.b(0)).
                score = scores[number, tf, field_boost, doc_boost] = _round(
                    idf[term] * ((K1 + 1) * tf) / (K1 * 1 + tf) * field_boost * doc_boost)
            elements += [number, score]
        vectors.append([f"{name}/{ref}", elements])
    return vectors


def build(docs: list[dict], fields: dict[str, dict], separator: str) -> dict:
    """The serialised lunr index of ``docs`` (refs: their positions in the list)."""
    names = list(fields)
    frequencies = _field_terms(docs, fields, separator)
    postings: dict[str, dict] = {}
    for name, ref, counts, _, _ in frequencies:
        for term in counts:
            posting = postings.get(term)
            if posting is None:
                posting = postings[term] = {"_index": len(postings), **{f: {} for f in names}}
            posting[name][ref] = {}
    idf = {term: _idf(len(docs), sum(len(posting[f]) for f in names)) for term, posting in postings.items()}
    return {
        "version": LUNR_VERSION,
        "fields": names,
        "fieldVectors": _vectors(frequencies, {t: p["_index"] for t, p in postings.items()}, idf),
        "invertedIndex": [[t, postings[t]] for t in sorted(postings, key=_js_order)],
        "pipeline": PIPELINE,
    }


def compact(index: dict) -> dict:
    """``index`` as shipped: the terms (in lunr's order) and the field vectors, whose
    elements number the terms by that order. The inverted index, as large again, only says
    which entries hold each term, which the vectors say too: lunr.vi.load rebuilds it."""
    terms = [t for t, _ in index["invertedIndex"]]
    number = {posting["_index"]: n for n, (_, posting) in enumerate(index["invertedIndex"])}
    vectors = []
    for field_ref, elements in index["fieldVectors"]:
        pairs = sorted((number[i], s) for i, s in zip(elements[::2], elements[1::2]))
        vectors.append([field_ref, [x for pair in pairs for x in pair]])
    return {"version": index["version"], "fields": index["fields"], "pipeline": index["pipeline"],
            "terms": terms, "vectors": vectors}


def build_compact(docs: list[dict], fields: dict[str, dict], separator: str) -> dict:
    """``compact(build(docs, fields, separator))``, without building the inverted index
    (a dictionary per term and entry) that ``compact`` drops: what the site ships."""
    frequencies = _field_terms(docs, fields, separator)
    with_term: dict[str, int] = {}  # term -> how many (entry, field) hold it
    for _, _, counts, _, _ in frequencies:
        for term in counts:
            with_term[term] = with_term.get(term, 0) + 1
    terms = sorted(with_term, key=_js_order)
    idf = {t: _idf(len(docs), n) for t, n in with_term.items()}
    vectors = _vectors(frequencies, {t: n for n, t in enumerate(terms)}, idf)
    return {"version": LUNR_VERSION, "fields": list(fields), "pipeline": PIPELINE, "terms": terms, "vectors": vectors}
