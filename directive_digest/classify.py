"""Classification: which directives an article cites, and which one it is about.

The primary directive is the one the article is *about*: named in the headline, in the
lead, carried by weight of mentions (a single mention in the body is a passing one: no primary); when a document and the one that continues it are
both cited equally, the newer one wins (01-KL/TW continues 05-CT/TW).

A document cannot be cited before it exists: a reference whose registry document was issued
after the article's date (when dating is sure of it) names another document with the same
number, kept as a cited reference. References to State documents (Government, National
Assembly…) are listed apart, in ``state_references``.
"""
from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from .article import PARAGRAPH, Article
from .reference_checks import bigrams
from .reference_lines import article_lines, references_in
from .references import Reference, find_references
from .registry import Registry, load_registry
from .vntext import match_key
from .year_meetings import plenum_meetings

TITLE_WEIGHT = 5.0
LEAD_WEIGHT = 3.0
MENTION_WEIGHT = 1.0
MAX_MENTIONS = 6
# Before a reference: the rule a decision applies or a violation is judged by, not the article's subject.
_BASIS = re.compile(r"(?:căn\s+cứ|theo\s+quy\s+định\s+(?:tại|của)|vi\s+phạm)\s+(?:\S+\s+){0,3}$")
# Earlier in the clause: what was violated ("vi phạm nghiêm trọng nguyên tắc …, Quy chế làm việc … và Quy định số 172"),
# or the rules a decision rests on ("Căn cứ Quy định số 30-QĐ/TW … và Quy định số 102-QĐ/TW", "theo khoản 4, điều 2
# Quy định số 102-QĐ/TW").
_VIOLATED = re.compile(r"(?:vi\s+phạm|căn\s+cứ|theo\s+(?:khoản|điều|điểm)\s)[^.;:!?\n]*$")
# A plenum named as a whole, studied or carried out: "học tập, quán triệt … các nội dung Hội nghị Trung ương 8",
# "quán triệt Nghị quyết Hội nghị lần thứ Tám" (its resolutions), not a document of it ("Kết luận Hội nghị …").
_WHOLE_PLENUM = re.compile(r"(?:nghị\s+quyết\s+(?:của\s+)?)?hội\s+nghị")
_STUDIED = re.compile(r"(?:quán\s+triệt|học\s+tập|triển\s+khai|thông\s+báo\s+nhanh|thông\s+tin\s+nhanh|nội\s+dung)"
                      r"(?:\s+\S+){0,6}\s+$")
# Before a document: the article reports it carried out, studied or issued ("Thực hiện Nghị quyết số 18-NQ/TW, …").
_CARRIED_OUT = re.compile(r"(?:thực\s+hiện|triển\s+khai|quán\s+triệt|học\s+tập|ban\s+hành)\s+(?:\S+\s+){0,2}$")
# Before a title: a draft under discussion, not a document yet.
_DRAFT = re.compile(r"(?:thảo\s+luận|dự\s+thảo|cho\s+ý\s+kiến|xem\s+xét,?\s+(?:thông\s+qua|ban\s+hành))"
                    r"(?:\s+(?:về|vào|các|nội\s+dung))*\s+$")
LEAD_CHARS = 500  # the lead is the first paragraph's opening (year_basis.Layout: the same stretch)
EVENT_WEIGHT = 2.0  # "sơ kết 2 năm thực hiện Chỉ thị 05": the event the article reports
TOPIC_WEIGHT = 1.0  # the headline speaks of the document's subject ("… làm theo Bác": 05-CT/TW)
CARRIED_OUT_WEIGHT = 1.0  # "thực hiện Chỉ thị 05" anywhere: what the article reports being done
# Below this an article only mentions a document in passing (once, in its body): not about it.
MIN_PRIMARY_SCORE = 2.5
COMMON_PAIR_SHARE = 0.1  # word pairs in this share of the registry's documents say nothing of a subject
_EVENT = re.compile(r"(?:\d{1,2}|một|hai|ba|bốn|năm|mười)\s+năm\s+(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai)\s+$")


def _existed(directive_id: str, article: Article, registry: Registry, sure: bool = True) -> bool:
    """Whether the document existed by the article's date, as far as dating is sure of it
    (``sure``: only when dating's confidence is high or medium): a plenum's document from the
    plenum's first day (an article reporting the plenum that adopts it names it, though it is
    signed days later), another from its issue."""
    directive = registry.get(directive_id)
    if directive is None or directive.issued is None or sure and article.date_confidence not in ("high", "medium"):
        return True
    meeting = _adopted_at(directive, registry)
    adopted = min(meeting.start, directive.issued) if meeting else directive.issued
    if article.date is not None:
        return adopted <= article.date
    return article.year is None or adopted.year <= article.year


def _adopted_at(directive, registry: Registry):
    """The plenum that adopted a document (registry ``plenum`` and ``term``), if any."""
    return registry.meeting(directive.term, directive.plenum) if directive.plenum and directive.term else None


def _reports_adoption(directive_id: str, article: Article, registry: Registry) -> bool:
    """Whether the article is dated within the days of the plenum that adopted the document:
    "Ngày 5/10, tại Hội nghị Trung ương 8, … thảo luận về Quy định trách nhiệm nêu gương" is
    about the document that plenum adopted, not a draft left for later."""
    directive = registry.get(directive_id)
    meeting = _adopted_at(directive, registry) if directive else None
    return bool(meeting and article.date and meeting.start <= article.date <= meeting.end)


CURRENT_YEARS = 3  # an undated article cites documents of a few years around its newest one


def _in_force(candidates: tuple[str, ...], article: Article, registry: Registry, latest_cited) -> str | None:
    """Which of the documents that bore a title in turn an article means: the newest issued by
    its date; undated, the newest issued within ``CURRENT_YEARS`` of the newest document it
    cites by number (a 2017 article citing Quy định 102-QĐ/TW means 47-QĐ/TW by "Quy định về
    những điều đảng viên không được làm", not 37-QĐ/TW of 2021), else the first."""
    if article.year is not None:
        in_force = [c for c in candidates if _existed(c, article, registry, sure=False)]
        return in_force[-1] if in_force else None
    if latest_cited is not None:
        near = [c for c in candidates if registry.directives[c].year <= latest_cited.year + CURRENT_YEARS]
        return near[-1] if near else candidates[0]
    return candidates[0]  # no date at all: the title's first bearer, the one the press used it for longest


def cited(article: Article, registry: Registry, line_references: list[list[Reference]] | None = None
          ) -> tuple[list[str], list[str], dict[str, float], list[str]]:
    """(registry ids in order of appearance, other Party references, score per id, State
    references). ``line_references``: those of the title and each block
    (reference_lines.references_in), when found already."""
    scores: dict[str, float] = defaultdict(float)
    order: list[str] = []
    others: list[str] = []
    states: list[str] = []
    mentions: dict[str, int] = defaultdict(int)

    about: set[str] = set()  # documents cited other than as the rule a decision applies
    carried_out: set[str] = set()  # documents named as carried out, studied or issued

    def note(refs, weight, text, count=False):
        seen = set()
        for ref in refs:
            if ref.how == "alias" and _DRAFT.search(match_key(text[max(0, ref.start - 50):ref.start])) and \
                    not any(_reports_adoption(c, article, registry) for c in ref.candidates or (ref.directive_id,)):
                continue  # "Trung ương thảo luận Quy định về …": a draft, not yet a document
            if ref.candidates:  # a title several documents bore in turn: the one in force then
                chosen = _in_force(ref.candidates, article, registry, latest_cited)
                if chosen is None:
                    continue
                ref = dataclasses.replace(ref, directive_id=chosen)
            if ref.directive_id is not None and not _existed(ref.directive_id, article, registry):
                if ref.how in ("alias", "plenum"):
                    continue  # a title or plenum named before it was adopted: a draft, or no document
                ref = dataclasses.replace(ref, directive_id=None)
            if ref.directive_id is None:
                if not ref.identified:
                    continue  # "Nghị quyết 25": a bare number with no issuer names no document
                kept = states if ref.state else others
                if ref.text not in kept:
                    kept.append(ref.text)
                continue
            if ref.directive_id not in order:
                order.append(ref.directive_id)
            before = match_key(text[max(0, ref.start - 200):ref.start])
            if _BASIS.search(before[-30:]) or _VIOLATED.search(before):
                continue  # "Căn cứ Quy định số 102-QĐ/TW", "vi phạm Quy định …": the rule applied, cited only
            if _CARRIED_OUT.search(before[-40:]):
                carried_out.add(ref.directive_id)
            about.add(ref.directive_id)
            if count:
                mentions[ref.directive_id] += 1
            elif ref.directive_id not in seen:
                scores[ref.directive_id] += weight
            seen.add(ref.directive_id)

    # Each text is searched once: the lead is also the first paragraph block.
    if line_references is None:
        line_references = references_in(registry, article_lines(article))
    latest_cited = max((registry.directives[r.directive_id].issued for refs in line_references for r in refs
                        if r.firm and not r.candidates and registry.directives[r.directive_id].issued), default=None)
    title_refs, *block_refs = line_references
    lead_index = next((i for i, b in enumerate(article.blocks) if b.kind == PARAGRAPH), None)
    lead = article.blocks[lead_index].text if lead_index is not None else ""
    lead_refs = block_refs[lead_index] if lead_index is not None else find_references(registry, lead)
    # A body stored as one long paragraph: only its opening is the lead.
    lead_refs = [ref for ref in lead_refs if ref.start < LEAD_CHARS]
    note(title_refs, TITLE_WEIGHT, article.title)
    note(lead_refs, LEAD_WEIGHT, lead)
    for block, refs in zip(article.blocks, block_refs):
        note(refs, MENTION_WEIGHT, block.text, count=True)
    for text, refs in [(article.title, title_refs), (lead, lead_refs)]:
        for ref in refs:
            if ref.directive_id in order and _EVENT.search(match_key(text[max(0, ref.start - 40):ref.start])):
                scores[ref.directive_id] += EVENT_WEIGHT
    for directive_id, count in mentions.items():
        scores[directive_id] += MENTION_WEIGHT * min(count, MAX_MENTIONS)
    for directive_id in carried_out:
        scores[directive_id] += CARRIED_OUT_WEIGHT
    headline = set(bigrams(match_key(article.title))) - _common_pairs(registry)
    for directive_id in about:
        if headline & registry.directives[directive_id].words:
            scores[directive_id] += TOPIC_WEIGHT
    return order, others, dict(scores), states


def _common_pairs(registry: Registry) -> frozenset:
    """Word pairs of many documents' names ("cán bộ", "của Đảng"): no sign of one subject."""
    common = registry.__dict__.get("_common_pairs")
    if common is None:
        counts: dict = defaultdict(int)
        for directive in registry.directives.values():  # in full names: issuers' words are common too
            for pair in set(bigrams(match_key(f"{directive.name} {directive.topic or ''}"))):
                counts[pair] += 1
        limit = COMMON_PAIR_SHARE * len(registry.directives)
        common = registry.__dict__["_common_pairs"] = frozenset(p for p, n in counts.items() if n >= limit)
    return common


def is_state_reference(text: str, registry: Registry | None = None) -> bool:
    """Whether a reference as written ("Chỉ thị 27 của Thủ tướng Chính phủ") names a State
    document: what ``classify`` lists in ``state_references``, not among the Party's."""
    refs = find_references(registry or load_registry(), text)
    return bool(refs) and all(ref.state for ref in refs)


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
    return best if scores.get(best, 0) >= MIN_PRIMARY_SCORE else None


def plenum_as_a_whole(article: Article, registry: Registry, order: list[str]) -> set[str]:
    """The documents of a plenum the headline or lead names as a whole ("học tập, quán triệt các
    nội dung Hội nghị Trung ương 8, Khoá XII"), when the article cites several of them: each is a
    part of what it reports, none its subject alone."""
    lead = next((b.text for b in article.blocks if b.kind == PARAGRAPH), "")[:LEAD_CHARS]
    key = match_key(f"{article.title}\n{lead}")
    named = {(meeting.term, meeting.plenum) for m, meeting in plenum_meetings(key, registry)
             if meeting.plenum is not None and _WHOLE_PLENUM.match(key, m.start())
             and _STUDIED.search(key[max(0, m.start() - 80):m.start()])}
    if not named:
        return set()
    parts = {d for d in order if (registry.directives[d].term, registry.directives[d].plenum) in named}
    return parts if len(parts) >= 2 else set()


def classify(article: Article, registry: Registry | None = None,
             line_references: list[list[Reference]] | None = None) -> Article:
    """Fill ``directive``, ``directives`` (primary first), ``cited_references`` and
    ``state_references``. ``line_references``: see ``cited``."""
    registry = registry or load_registry()
    order, others, scores, states = cited(article, registry, line_references)
    whole = plenum_as_a_whole(article, registry, order)
    article.directive = primary(order, {d: 0.0 if d in whole else s for d, s in scores.items()}, registry)
    article.directives = ([article.directive] if article.directive else []) + [
        d for d in order if d != article.directive
    ]
    # "Cương lĩnh chính trị" beside "Cương lĩnh chính trị xây dựng đất nước …": one document.
    keys = [match_key(o) for o in others]
    article.cited_references = [o for o, k in zip(others, keys)
                                if not any(other != k and other.startswith(k + " ") for other in keys)]
    article.state_references = states
    return article
