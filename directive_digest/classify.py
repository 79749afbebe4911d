"""Classification: which directives an article cites, and which one it is about.

The primary directive is the one the article is *about*: named in the headline, in the
lead, carried by weight of mentions; when a document and the one that continues it are
both cited equally, the newer one wins (01-KL/TW continues 05-CT/TW).
"""
from __future__ import annotations

import re
from collections import defaultdict

from .article import PARAGRAPH, Article
from .reference_lines import article_lines, references_in
from .registry import Reference, Registry, load_registry
from .vntext import match_key

TITLE_WEIGHT = 5.0
LEAD_WEIGHT = 3.0
MENTION_WEIGHT = 1.0
MAX_MENTIONS = 6
EVENT_WEIGHT = 2.0  # "sơ kết 2 năm thực hiện Chỉ thị 05": the event the article reports
_EVENT = re.compile(r"(?:\d{1,2}|một|hai|ba|bốn|năm|mười)\s+năm\s+(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai)\s+$")


def cited(article: Article, registry: Registry, line_references: list[list[Reference]] | None = None
          ) -> tuple[list[str], list[str], dict[str, float]]:
    """(registry ids in order of appearance, other references, score per id). ``line_references``:
    those of the title and each block (reference_lines.references_in), when found already."""
    scores: dict[str, float] = defaultdict(float)
    order: list[str] = []
    others: list[str] = []
    mentions: dict[str, int] = defaultdict(int)

    def note(refs, weight, count=False):
        seen = set()
        for ref in refs:
            if ref.directive_id is None:
                if ref.text not in others:
                    others.append(ref.text)
                continue
            if ref.directive_id not in order:
                order.append(ref.directive_id)
            if count:
                mentions[ref.directive_id] += 1
            elif ref.directive_id not in seen:
                scores[ref.directive_id] += weight
            seen.add(ref.directive_id)

    # Each text is searched once: the lead is also the first paragraph block.
    if line_references is None:
        line_references = references_in(registry, article_lines(article))
    title_refs, *block_refs = line_references
    lead_index = next((i for i, b in enumerate(article.blocks) if b.kind == PARAGRAPH), None)
    lead = article.blocks[lead_index].text if lead_index is not None else ""
    lead_refs = block_refs[lead_index] if lead_index is not None else registry.find_references(lead)
    note(title_refs, TITLE_WEIGHT)
    note(lead_refs, LEAD_WEIGHT)
    for refs in block_refs:
        note(refs, MENTION_WEIGHT, count=True)
    for text, refs in [(article.title, title_refs), (lead, lead_refs)]:
        for ref in refs:
            if ref.directive_id and _EVENT.search(match_key(text[max(0, ref.start - 40):ref.start])):
                scores[ref.directive_id] += EVENT_WEIGHT
    for directive_id, count in mentions.items():
        scores[directive_id] += MENTION_WEIGHT * min(count, MAX_MENTIONS)
    return order, others, dict(scores)


def primary(order: list[str], scores: dict[str, float], registry: Registry) -> str | None:
    if not order:
        return None

    def continues(a: str, b: str) -> bool:
        d = registry.get(a)
        return bool(d and b in d.continues)

    best = order[0]
    for candidate in order[1:]:
        if scores.get(candidate, 0) > scores.get(best, 0):
            best = candidate
        elif scores.get(candidate, 0) == scores.get(best, 0) and continues(candidate, best):
            best = candidate
    return best


def classify(article: Article, registry: Registry | None = None,
             line_references: list[list[Reference]] | None = None) -> Article:
    """Fill ``directive``, ``directives`` (primary first) and ``cited_references``.
    ``line_references``: see ``cited``."""
    registry = registry or load_registry()
    order, others, scores = cited(article, registry, line_references)
    article.directive = primary(order, scores, registry)
    article.directives = ([article.directive] if article.directive else []) + [
        d for d in order if d != article.directive
    ]
    article.cited_references = others
    return article
