"""The registry's ``aliases``: titles the press gives its documents that the generic spelling of
a number cannot catch ("Nghị quyết Trung ương 4 khóa XII", "Quy định về trách nhiệm nêu
gương"), matched as one regex and found fast.

A title two documents bore in turn is one alias of both (``shared``); references.py says which
one a text means.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Optional

from .directives import Directive
from .document_numbers import KINDS
from .vntext import at_word_start, match_key


def _alias_pattern(alias: str) -> str:
    words = re.findall(r"\w+", match_key(alias))
    return r"(?<!\w)" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?!\w)"


# Words of document kinds and issuers: in most texts, so a poor first test for an alias.
_COMMON_ALIAS_WORDS = frozenset(re.findall(r"\w+", " ".join(KINDS) + " trung ương tw đảng hội của về và"))


def _anchor(words: tuple[str, ...]) -> str:
    """The word an alias is first tested by: its longest uncommon one ("khoá", "gương"…)."""
    return max([w for w in words if w not in _COMMON_ALIAS_WORDS] or words, key=len, default="")


def _alias_branch(alias: str, group: str) -> str:
    """``_alias_pattern`` as one branch of the alias alternation, written for speed: each
    branch opens with a plain letter (outside its group), so the regex engine skips every
    position no alias can start at instead of trying each alias there. Same matches."""
    words = re.findall(r"\w+", match_key(alias))
    if not words:
        return f"(?P<{group}>{_alias_pattern(alias)})"
    first, rest = words[0][0], words[0][1:]
    tail = r"[\W_]+".join(re.escape(w) for w in words[1:])
    body = re.escape(rest) + (r"[\W_]+" + tail if tail else "")
    # (?<!\w.) after the first letter: no word character before that letter.
    return rf"{re.escape(first)}(?<!\w.)(?P<{group}>{body}(?!\w))"


class Aliases:
    """The aliases of the registry's documents: one regex, a named group per alias."""

    def __init__(self, directives: Iterable[Directive]):
        directives = list(directives)
        self.pattern: Optional[re.Pattern] = None  # every alias, longest first
        self.ids: dict[str, str] = {}  # group -> the document bearing it (the first listed)
        self.keys: dict[str, str] = {}  # alias (match key) -> its group
        more: dict[str, tuple[str, ...]] = {}  # group -> every document bearing it
        # A quick test before the alias regex: {anchor word: [the words of each alias having it]}.
        self.anchors: Optional[dict[str, list[tuple[str, ...]]]] = None
        # Where an alias can start: its first word, at a word start (None: anywhere).
        self.starts: Optional[re.Pattern] = None
        alias_parts = []
        anchors: dict[str, list[tuple[str, ...]]] = {}
        first_words: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        for d in directives:
            for alias in d.aliases:
                shared = self.keys.get(match_key(alias))
                if shared:  # a title another document bears too
                    more[shared] = more.get(shared, (self.ids[shared],)) + (d.id,)
                    continue
                group = f"a{len(self.ids)}"
                self.ids[group] = d.id
                self.keys[match_key(alias)] = group
                alias_parts.append((len(f"(?P<{group}>{_alias_pattern(alias)})"), _alias_branch(alias, group)))
                words = tuple(re.findall(r"\w+", match_key(alias)))
                anchors.setdefault(_anchor(words), []).append(words)
                first_words.add(words[0] if words else "")
                letters = re.findall(r"[^\W_]+", match_key(alias))  # words cut at "_" too, as reference_lines cuts text
                pairs.update(zip(letters, letters[1:]))
        if alias_parts:
            # Longest aliases first so "… khóa XIII" wins over "… khóa XII".
            alias_parts.sort(key=lambda part: part[0], reverse=True)
            self.pattern = re.compile("|".join(branch for _, branch in alias_parts))
            # An alias without words (none in the data) would match anywhere: no quick test then.
            self.anchors = None if "" in anchors else anchors
            if "" not in first_words:
                self.starts = re.compile("|".join(at_word_start(w) for w in sorted(first_words)))
        # (word, next word) of every alias: what an alias reaching across a line break has around it.
        self.pairs = frozenset(pairs)
        issued = {d.id: d.issued or dt.date.min for d in directives}
        # A title several documents bore: group -> every one of them, oldest first.
        self.shared: dict[str, tuple[str, ...]] = {group: tuple(sorted(ids, key=issued.__getitem__))
                                                   for group, ids in more.items()}
        # (what follows "<kind> về " in an alias, its group), longest first.
        tails = []
        for alias, group in self.keys.items():
            m = re.match(r"(?:chỉ thị|nghị quyết|kết luận|quy định)\s+về\s+(.{12,})", alias)
            if m:
                tails.append((m.group(1), group))
        self.tails = sorted(tails, key=lambda t: len(t[0]), reverse=True)

    def may_occur(self, key: str) -> bool:
        """False when no alias can match ``key`` because each misses one of its words: a few
        substring tests instead of the alias regex, which tries many aliases at most letters."""
        if self.anchors is None:
            return True
        for anchor, aliases in self.anchors.items():
            if anchor in key and any(all(map(key.__contains__, words)) for words in aliases):
                return True
        return False

    def matches(self, key: str):
        """``self.pattern.finditer(key)``, trying only where an alias's first word stands at a
        word start: every branch of the alias regex opens with that word (``_alias_branch``),
        so no match starts elsewhere, and ``match`` at those positions, in order, skipping the
        ones inside the previous match, finds what ``finditer`` finds."""
        if self.starts is None:
            yield from self.pattern.finditer(key)
            return
        end = 0
        for start in self.starts.finditer(key):
            if start.start() < end:
                continue
            m = self.pattern.match(key, start.start())
            if m:
                yield m
                end = m.end()

    def second_title(self, key: str, end: int) -> Optional[tuple[str, int, int]]:
        """(alias group, start, end) of a title written after "và" without its "Quy định về"."""
        m = re.match(r"[^\S\n]+và[^\S\n]+", key[end:end + 6])
        if not m:
            return None
        at = end + m.end()
        for tail, group in self.tails:
            if key.startswith(tail, at) and not key[at + len(tail):at + len(tail) + 1].isalnum():
                return group, at, at + len(tail)
        return None
