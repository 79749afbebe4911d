"""Sentence splitting for Vietnamese news text.

Protects what a naive split on "." breaks: numbers (4.725; 98,6%), abbreviations
(TP., TS., ThS., PGS.TS., v.v.), initials (H.T), quotes “…”, and the "./." terminator.
"""
from __future__ import annotations

import re

ABBREVIATIONS = ("TP", "Tp", "TS", "ThS", "PGS", "GS", "BS", "KS", "CN", "Th.S", "P", "Q", "TT", "TX",
                 "v.v", "vv", "St", "Mr", "Ms", "Dr", "No", "tr", "Tr", "NXB", "Nxb")
_ABBR = re.compile(r"(?<!\w)(?:%s)\.$" % "|".join(re.escape(a) for a in ABBREVIATIONS))
_INITIAL = re.compile(r"(?<!\w)[A-ZĐ]\.$")
# Candidate boundaries: end punctuation, optional closing quote/bracket, then space + capital/quote/digit.
_BOUNDARY = re.compile(r"(?:\./\.|[.!?…]+)[”\"’)\]]*(?=\s+[“\"‘(\[]?[A-ZĐÀ-ỸÂĂÊÔƠƯ0-9])")


def split_sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        candidate = text[start:m.end()]
        head = text[start:m.start() + 1] if text[m.start()] == "." else ""
        if head and (_ABBR.search(head) or _INITIAL.search(head)):
            continue  # "TP. Vinh", "PGS.TS. Nguyễn", "H. T"
        sentences.append(candidate.strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]
