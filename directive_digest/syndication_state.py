"""Syndicated copies again after a few articles changed: work for those articles only.

Which articles are copies of one another is a graph: an edge joins two articles that are
candidates (their sketches agree on a whole band) and whose shingle sets reach the threshold
(Jaccard); copies are its connected components (``syndication.components``). Whether two
articles are joined depends on those two articles alone. So a build that keeps, for each
article, an identity (anything that changes whenever its shingle set or sketch could) and the
component it was in, lets the next build start from there:

* an article whose identity the last build saw is unchanged; any other is new (a changed
  article is new, and its old identity is gone, as is a removed article's);
* a last build's component that lost no member is still a component of the unchanged
  articles (an edge between two unchanged articles was one last time too, so both were in
  one component); a component that lost one may have come apart, and its remaining members
  are joined again among themselves, the same way as the whole corpus;
* a new article is compared with its candidates among all articles, as the whole corpus's
  pairs are (bitmap bound, then exact Jaccard), and joined to those it reaches.

The components, and so the originals and their ``also_published`` (``fold_copies``), are
exactly those of the full computation. Without a usable state (none, another version's or
other settings', or articles' identities not unique) everything is computed as before.

The state is the identities and a component label each: at 100,000 articles about 5 MB,
no shingle set in it.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from .article import Article
from .syndication import (BANDS, BITMAP_BITS, ROWS, SHINGLE, THRESHOLD, ShingleSets, Syndication, components,
                          find_root, fold_copies, jaccard, pack_sketch, set_sizes, sketch, unpack)

FORMAT = 1  # of the state; another format's state is not used
# Above this share of new articles the whole computation is done: it measures each pair in a
# group once, while each new article is compared with every candidate it has.
FULL_ABOVE = 0.25


@dataclass
class SyndicationState:
    """What one merge leaves for the next: each article's identity (None: not known, never
    matched) and a label per article, equal for articles in one component."""
    settings: tuple
    identities: list
    labels: array


def state_settings(context: str, threshold: float) -> tuple:
    """Everything besides the articles that decides the graph: a state made under others is not used.
    ``context``: the caller's word for its code and data (a build's code fingerprint)."""
    return (FORMAT, context, SHINGLE, threshold, BANDS, ROWS, BITMAP_BITS)


def merge_with_state(articles: list[Article], sets: list, sketches: Optional[list], bitmaps: Optional[list],
                     identities: list, previous: Optional[SyndicationState], context: str = "",
                     threshold: float = THRESHOLD) -> tuple[Syndication, SyndicationState]:
    """``merge_syndicated`` (the same result), starting from the ``previous`` merge's state
    when it can; and the state of this merge for the next. ``identities``: one per article
    (hashable; None when not known), equal only for articles with the same shingle set and sketch."""
    settings = state_settings(context, threshold)
    parent = None
    if previous is not None and getattr(previous, "settings", None) == settings:
        parent = _components_since(previous, sets, sketches, bitmaps, identities, threshold)
    if parent is None:
        parent = components(sets, sketches, bitmaps, threshold)
    labels = array("Q", [find_root(parent, i) for i in range(len(parent))])
    return fold_copies(articles, parent), SyndicationState(settings, list(identities), labels)


def _components_since(previous: SyndicationState, sets: list, sketches: Optional[list], bitmaps: Optional[list],
                      identities: list, threshold: float) -> Optional[list[int]]:
    """Union-find parents with the components of ``components(sets, …)``, from the previous
    state (see the module's docstring); None when the state cannot be used."""
    count = len(sets)
    if not (len(identities) == count and len(previous.identities) == len(previous.labels)):
        return None
    at = {identity: i for i, identity in enumerate(identities) if identity is not None}
    if len(at) != count - identities.count(None):
        return None  # two articles with one identity: which was which last time is unknown
    label_of: list[Optional[int]] = [None] * count
    members: dict[int, list[int]] = defaultdict(list)
    broken: set[int] = set()  # labels of components that lost a member
    for identity, label in zip(previous.identities, previous.labels):
        i = at.get(identity) if identity is not None else None
        if i is None:
            broken.add(label)
        elif label_of[i] is not None:
            return None  # an identity twice in the state: not one this module wrote
        else:
            label_of[i] = label
            members[label].append(i)
    new = [i for i in range(count) if label_of[i] is None]
    if len(new) > FULL_ABOVE * count:
        return None
    parent = list(range(count))
    for label, indexes in members.items():
        if label in broken:
            _join_among(parent, indexes, sets, sketches, bitmaps, threshold)
        else:
            for i in indexes[1:]:
                parent[i] = indexes[0]
    if new:
        _join_new(parent, new, sets, sketches, bitmaps, threshold)
    return parent


def _join_among(parent: list[int], indexes: list[int], sets: list, sketches: Optional[list],
                bitmaps: Optional[list], threshold: float) -> None:
    """Join the components of the articles ``indexes`` among themselves alone (``parent``
    holds each as its own root)."""
    if len(indexes) < 2:
        return
    local = components([sets[i] for i in indexes], [sketches[i] for i in indexes] if sketches is not None else None,
                       [bitmaps[i] for i in indexes] if bitmaps is not None else None, threshold)
    for k, i in enumerate(indexes):
        parent[i] = indexes[find_root(local, k)]


def _join_new(parent: list[int], new: list[int], sets: list, sketches: Optional[list],
              bitmaps: Optional[list], threshold: float) -> None:
    """Join each new article to the articles it reaches among its candidates: the articles
    (all of them, new or not) whose sketches agree with its own on a whole band."""
    signatures = [pack_sketch(sketches[i] if sketches is not None else sketch(unpack(s))) if s else None
                  for i, s in enumerate(sets)]
    width = 8 * ROWS
    empty = pack_sketch((-1,) * ROWS)
    candidates: dict[int, set[int]] = defaultdict(set)
    is_new = set(new)
    for band in range(BANDS):
        start = band * width
        wanted: dict[bytes, list[int]] = defaultdict(list)
        for n in new:
            if signatures[n] is not None:
                wanted[signatures[n][start:start + width]].append(n)
        wanted.pop(empty, None)
        if not wanted:
            continue
        # One slice per article and band: the only work here that grows with the corpus.
        for i, signature in enumerate(signatures):
            if signature is not None:
                found = wanted.get(signature[start:start + width])
                if found is not None:
                    for n in found:
                        candidates[n].add(i)
    shingle_set = ShingleSets(sets)
    sizes = set_sizes(sets)
    for n in new:
        for other in sorted(candidates.get(n, ())):
            if other == n or (other in is_new and other < n):
                continue  # the pair is measured once, from its first new article
            root_n, root_other = find_root(parent, n), find_root(parent, other)
            if root_n == root_other or not (sizes[n] and sizes[other]):
                continue
            if bitmaps is not None:
                union_bits = (int.from_bytes(bitmaps[n], "little") | int.from_bytes(bitmaps[other], "little")).bit_count()
                if not ((sizes[n] + sizes[other] - union_bits) / union_bits >= threshold):
                    continue
            if jaccard(shingle_set(n), shingle_set(other)) >= threshold:
                parent[root_n] = root_other
