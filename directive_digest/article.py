"""The content object every stage works on.

A reader makes an ``Article`` from one input (``text`` plus whatever the input states
outright in ``given``); the stages fill in the rest. Nothing here does any work.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

# Block kinds of a cleaned article body.
PARAGRAPH = "paragraph"
HEADING = "heading"
CAPTION = "caption"


@dataclass(slots=True)
class Block:
    kind: str  # PARAGRAPH | HEADING | CAPTION
    text: str
    credit: Optional[str] = None  # photo credit of a caption ("Ảnh: Phương Thúy")


@dataclass(slots=True)
class KeyFigure:
    """A quotable figure: "gần 800 cuộc kiểm tra, giám sát"."""

    text: str  # the figure as written, with its qualifier: "gần 800"
    counts: str  # what it counts: "cuộc kiểm tra, giám sát"
    sentence: str  # the sentence it comes from

    def as_dict(self) -> dict:
        return {"figure": self.text, "counts": self.counts, "sentence": self.sentence}


@dataclass
class Article:
    source: str  # input path relative to the input root (POSIX separators)
    text: str  # the article as read, before cleaning
    given: dict = field(default_factory=dict)  # fields the input states outright (HTML meta, front matter…)

    # clean
    title: str = ""
    section_label: Optional[str] = None
    blocks: list[Block] = field(default_factory=list)
    dateline: Optional[str] = None  # the dateline line as written
    author: Optional[str] = None
    source_line: Optional[str] = None
    outlet: Optional[str] = None
    # dates
    date: Optional[dt.date] = None
    year: Optional[int] = None
    date_source: Optional[str] = None  # dateline | inferred | override
    date_evidence: Optional[str] = None
    date_confidence: Optional[str] = None  # high | medium | low (dating.py); None with no year
    # classify
    directive: Optional[str] = None
    directives: list[str] = field(default_factory=list)
    cited_references: list[str] = field(default_factory=list)  # Party documents not in the registry
    state_references: list[str] = field(default_factory=list)  # State documents (Government, National Assembly…)
    # summarise
    summary: str = ""
    key_points: list[str] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    # bookkeeping
    overridden: list[str] = field(default_factory=list)  # fields an editor's override set
    also_published: list[dict] = field(default_factory=list)  # syndicated copies merged into this one
    slug: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == PARAGRAPH]

    @property
    def body_text(self) -> str:
        """Paragraphs and headings, in order: the prose a reader reads."""
        return "\n".join(b.text for b in self.blocks if b.kind != CAPTION)
