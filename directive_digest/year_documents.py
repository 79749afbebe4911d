"""Evidence of the year from the documents an article cites: one cited bounds the year from below
(it cannot be cited before it is issued); one "vừa ban hành" names the year; one studied ("quán
triệt") in the headline or lead, that year or the next; a rule applied ("Căn cứ Quy định số
181-QĐ/TW") bounds it from above once the registry says it was replaced.
"""
from __future__ import annotations

import re

from .datelines import DateMention
from .references import Reference
from .registry import Registry
from .year_basis import W_BOUND, W_FOLLOWED, W_ISSUED, Evidence, Layout
from .year_meetings import followed

_NEWLY_ISSUED = re.compile(r"(?:vừa|mới)\s+(?:chính\s+thức\s+)?(?:ký\s+)?(?:ban\s+hành|ký)\s+(?:\S+\s+){0,2}$")
_SIGNED = re.compile(r"(?:đã\s+)?(?:thay\s+mặt\s+\S+\s+\S+\s+)?ký\s+(?:ban\s+hành|quyết\s+định\s+ban\s+hành)\s+(?:\S+\s+){0,2}$")
# Before a document: the rule a decision applies, so one in force ("Căn cứ Quy định số 102-QĐ/TW …").
# After a document and its subject: ", vừa được ông … thay mặt Bộ Chính trị ký ban hành" (news of it).
_NEWLY_ISSUED_AFTER = re.compile(r"[^.;!?\n]{0,160}?,\s*(?:vừa|mới)\s+(?:được\s+)?(?:[^\s.;!?]+\s+){0,16}?"
                                 r"(?:ký\s+)?ban\s+hành(?!\w)")
_APPLIED = re.compile(r"căn\s+cứ\s+(?:vào\s+)?(?:\S+\s+){0,2}$")
_INDOCTRINATION = re.compile(r"(?:học\s+tập,?\s+)?quán\s+triệt(?:,?\s+(?:và\s+)?triển\s+khai(?:\s+thực\s+hiện)?)?"
                             r"(?:\s+\S+){0,4}\s+$")


def documents(text: str, key: str, layout: Layout, refs: list[Reference], registry: Registry,
              events: list[DateMention]) -> list[Evidence]:
    """A document cited bounds the year from below (it cannot be cited before it is issued); one
    "vừa ban hành" names the year; one "quán triệt" (studied when new) that year or the next."""
    found = []
    for ref in refs:
        # A title successive documents bore: "vừa ban hành" the newest; cited, the oldest bounds the year.
        newest = registry.get(ref.directive_id) if ref.directive_id and ref.firm else None
        oldest = registry.get(ref.candidates[0]) if newest and ref.candidates else newest
        year = ref.issue_year or (newest.year if newest else None)
        if year is None:
            continue
        before = key[max(0, ref.start - 60):ref.start]
        newly = bool(_NEWLY_ISSUED.search(before) or _NEWLY_ISSUED_AFTER.match(key, ref.end))
        if newly or layout.in_lead(ref.start) and (_INDOCTRINATION.search(before) or _SIGNED.search(before)):
            start = max(ref.start - 60, text.rfind("\n", 0, ref.start) + 1)  # the words before it, on its line
            if newest and newest.year == year:
                found.append(followed("issued", text, start, ref.end, layout, events, newest.issued, W_FOLLOWED,
                                      soon=newly or bool(_SIGNED.search(before))))
            else:
                found.append(Evidence("issued", year, year, year + 1, W_ISSUED * layout.place(ref.start),
                                      text[start:ref.end].strip(), start))
        else:
            bound = ref.issue_year or oldest.year
            found.append(Evidence("bound", None, bound, None, W_BOUND, ref.text, ref.start))
        replacement = registry.replaced_by(newest.id) if newest and not ref.candidates else None
        if replacement and replacement.issued and _APPLIED.search(before):
            # "Căn cứ Quy định số 181-QĐ/TW …": the rule in force, so not after it was replaced.
            found.append(Evidence("bound", None, None, replacement.issued.year, W_BOUND, ref.text, ref.start))
    return found

