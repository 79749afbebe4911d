"""The digest of one article: summary, key points and key figures.

Extractive. Every sentence of the paragraphs (never captions, headings, bylines or site
chrome: ``clean`` has put those elsewhere) is scored twice.

The **summary** is chosen by a learned scorer (``summary_model``): each sentence's value
estimates the share of its syllables a reference summary would use, from its place, length,
what it shares with the headline, how central it is and how much of it is in brackets (weights
fitted on public news by ``benchmarks/train_summary.py``). The summary is the 1–3 whole
sentences within ``MAX_SUMMARY_WORDS`` of the best estimated ROUGE-1 F1, in article order, such
that:

* in a report on a Party document (the article cites one of the registry's), a lead that frames
  the article is in it: a dated event ("Sáng 15/6, Đảng ủy Khối … tổ chức hội nghị sơ kết …"), or
  an opening clause placing it in time or under the document it carries out ("Sau 3 năm thực
  hiện Kết luận 01, …"); that sentence is the event the digest reports (shortened by ``shorten``
  when it is over the budget; ``data/summary.yaml`` lists the words). Elsewhere the scorer
  decides alone: on general news, forcing such leads costs ROUGE against the reference
  summaries (``benchmarks/summaries.py``);
* a sentence that refers back ("Tại đây, …", "Điều này …") stands only right after its sentence;
* no fragment (``sentences.is_fragment``), caption, credit or source line ("Theo Báo …").

**Key points** are 3–5 other sentences covering results, limits and tasks, by a hand-weighted
score: counted results (key figures), cue words, centrality, minus restating the headline and
the directive's quoted name, and protocol ("Tham dự có đồng chí …").

``benchmarks/summaries.py`` measures the summary against Lead-k, LexRank, TextRank and the oracle
on VietNews; ``benchmarks/digest_quality.py`` against the first two sentences on our articles.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import chain, combinations, filterfalse
from typing import AbstractSet, Optional, Sequence

from .article import PARAGRAPH, Article, KeyFigure
from .figures import figures_in_sentence, unique_figures
from .sentences import is_fragment, split_sentences
from .shorten import shorten
from .summary_model import Model, features, frames, load_model, load_phrases, refers_back
from .vntext import at_word_start, match_key, word_count

MAX_SUMMARY_WORDS = 60
MIN_SENTENCE_WORDS = 6
LONE_LINE_WORDS = 15
CANDIDATES = 8  # the best-valued sentences among which the summary is chosen
_ANAPHORA = re.compile(r"^(?:Điều này|Đó là|Việc này|Những kết quả (?:này|trên|đạt được nêu trên)|Các kết quả này)\b")
_WORD = re.compile(r"[^\W\d_]+")
_LONG_QUOTE = re.compile(r"“([^”]{25,})”")
_END_MARK = re.compile(r"\./\.$")
# Syllables too common in this field to tell sentences apart.
_STOP = set(match_key(
    "và của các có được trong cho với là đã để theo về những này một người từ tại đến khi cũng như "
    "thì mà nên trên đó ra vào việc đảng bộ chi ủy cán viên thực hiện học tập làm tư tưởng đạo đức "
    "phong cách hồ chí minh chỉ thị kết luận nghị quyết số tw ct kl nq đồng"
).split())
RESULT_CUES = tuple(match_key(w) for w in (
    "kết quả", "đạt", "hoàn thành", "khen thưởng", "biểu dương", "kết nạp", "xây dựng được", "tặng", "chuyển biến",
    "mô hình", "đăng ký", "thoát nghèo", "kiểm tra", "giám sát", "xử lý", "kỷ luật"))
LIMIT_CUES = tuple(match_key(w) for w in (
    "hạn chế", "tồn tại", "khuyết điểm", "yếu kém", "chưa", "còn chậm", "hình thức", "bất cập", "khó khăn"))
TASK_CUES = tuple(match_key(w) for w in (
    "nhiệm vụ", "yêu cầu", "đề nghị", "cần", "phải", "tiếp tục", "thời gian tới", "giải pháp", "đề ra", "chỉ đạo",
    "nhấn mạnh"))
PROTOCOL_CUES = tuple(match_key(w) for w in (
    "tham dự có", "tham dự hội nghị có", "dự hội nghị có", "điều hành hội nghị", "chủ trì hội nghị", "đến dự",
    "về dự", "tham dự"))
# Credits and source lines: "Ảnh: …", "Nguồn …", "(Theo …)", and "Theo Báo Bắc Giang" — a
# short line of at most ten words and no comma; "Theo cáo trạng, …" is prose.
_NOT_PROSE = re.compile(r"(?:^|\s)(?:Ảnh|Nguồn|Theo)\s*:|^\(?Nguồn\s|^\(Theo\s|^Theo(?:\s+[^\s,]+){1,9}\s*$",
                        re.IGNORECASE)
# ``_NOT_PROSE.search`` in two parts: what it can match at the start (one try), and after a
# space ("\s" opens the pattern: the regex engine skips to the spaces), only with a colon.
_NOT_PROSE_OPENING = re.compile(r"(?:Ảnh|Nguồn|Theo)\s*:|\(?Nguồn\s|\(Theo\s|Theo(?:\s+[^\s,]+){1,9}\s*$",
                                re.IGNORECASE)
_NOT_PROSE_INSIDE = re.compile(r"\s(?:Ảnh|Nguồn|Theo)\s*:", re.IGNORECASE)


@dataclass(eq=False)  # one sentence of one article: compared by identity (``s not in chosen``)
class Sentence:
    index: int
    text: str
    words: frozenset
    score: float = 0.0  # key points' score; -1: not prose, too short, a lone line
    figures: int = 0
    kind: str = ""  # result | limit | task | ""
    features: tuple = ()  # the summary scorer's (``summary_model.FEATURES``); () for what is not prose


def content_words(text: str) -> frozenset:
    return frozenset(_all_words(match_key(text)) - _STOP)


def _all_words(key: str) -> set:
    """``set(_WORD.findall(key))``: the whitespace-separated parts that are letters only
    (most) are words as they are; only the others (punctuation, digits) are searched."""
    found = set(key.split())
    odd = list(filterfalse(str.isalpha, found))
    if odd:
        found.difference_update(odd)
        found.update(_WORD.findall(" ".join(odd)))  # the space: no word runs across two parts
    return found


class _Cues:
    """Cue words of one kind, found as whole words in a sentence's match key."""

    def __init__(self, cues: tuple[str, ...]):
        # A cue found as whole words has each of its syllables as one of the key's words
        # (``_WORD`` runs: each syllable is letters only, with a space or no word character
        # on either side), so a sentence whose words lack a syllable of every cue needs no
        # search: most sentences, told apart by a few set look-ups.
        assert all(_WORD.fullmatch(syllable) for cue in cues for syllable in cue.split(" ")), cues
        self.syllables = tuple(frozenset(cue.split(" ")) for cue in cues)
        self.first_syllables = frozenset(cue.split(" ")[0] for cue in cues)  # one look-up for most sentences
        # ``(?<!\w)(?:cue|…)(?!\w)``, each cue opening with its letter (``at_word_start``): the
        # regex engine skips to the positions holding one of those letters.
        self.pattern = re.compile("(?:" + "|".join(map(at_word_start, cues)) + r")(?!\w)")

    def found(self, key: str, words: AbstractSet[str]) -> bool:
        """Whether ``key`` holds a cue as whole words, ``words`` being all its ``_WORD`` runs."""
        return not self.first_syllables.isdisjoint(words) and any(map(words.issuperset, self.syllables)) \
            and self.pattern.search(key) is not None


_LIMIT, _RESULT, _TASK, _PROTOCOL = map(_Cues, (LIMIT_CUES, RESULT_CUES, TASK_CUES, PROTOCOL_CUES))
_KIND_BONUS = {"result": 1.0, "limit": 0.8, "task": 0.6}


def _not_prose(text: str) -> bool:
    """"Ảnh: …", "Nguồn: …", "(Theo …": ``_NOT_PROSE.search(text)``, as its opening at the
    start or, when the text has a colon, its other form after a space."""
    return _NOT_PROSE_OPENING.match(text) is not None or (":" in text and _NOT_PROSE_INSIDE.search(text) is not None)


def _quoted_names(text: str) -> set:
    """Words inside long quotations: the directive's name written out, campaign titles."""
    return {w for q in _LONG_QUOTE.findall(text) for w in content_words(q)}


def _split(paragraphs: list[str]) -> list[list[str]]:
    """The sentences of each paragraph (split once, for the scores and the key figures)."""
    return [split_sentences(paragraph) for paragraph in paragraphs]


def score_sentences(paragraphs: list[str], title: str = "") -> list[Sentence]:
    split = _split(paragraphs)
    return _score(split, [[figures_in_sentence(t) for t in p] for p in split], title)


def _score(split: list[list[str]], figures: list[list[list[KeyFigure]]], title: str) -> list[Sentence]:
    """``score_sentences`` of paragraphs already split, with each sentence's figures.

    ``split_sentences`` gives single-spaced sentences: a sentence's word count is its
    spaces plus one (``word_count`` without its check of the spacing)."""
    texts, lone, counts = [], set(), []
    for sentences_of, figures_of in zip(split, figures):
        if len(sentences_of) == 1 and sentences_of[0].count(" ") + 1 <= LONE_LINE_WORDS:
            lone.add(len(texts))  # a short line on its own: a caption or subheading clean let through
        texts += sentences_of
        counts += map(len, figures_of)
    # Each sentence's key and all its words, found once: its content words (``content_words``) and
    # the cue look-ups below use them.
    keys = list(map(match_key, texts))
    all_words = list(map(_all_words, keys))
    sentences = [Sentence(i, t, frozenset(w - _STOP)) for i, (t, w) in enumerate(zip(texts, all_words))]
    freq = Counter(chain.from_iterable(s.words for s in sentences))
    restated_headline = content_words(title)
    restated = restated_headline | _quoted_names(" ".join(texts))
    spread = max(1, len(sentences)) ** 0.5
    for s, key, words, figure_count in zip(sentences, keys, all_words, counts):
        text, content = s.text, s.words
        n = text.count(" ") + 1
        s.figures = figure_count
        if not content or n < MIN_SENTENCE_WORDS or _not_prose(text) or (s.index in lone and not figure_count):
            s.score = -1.0
            continue
        size = len(content)
        shared = sum(map(freq.__getitem__, content)) - size  # sum of freq[w] - 1: every w is in freq
        central = shared / (size ** 0.5) / spread
        if _LIMIT.found(key, words):
            s.kind = "limit"
        elif figure_count or _RESULT.found(key, words):
            s.kind = "result"
        elif _TASK.found(key, words):
            s.kind = "task"
        protocol = not figure_count and _PROTOCOL.found(key, words)
        s.features = features(s.index, len(sentences), n, key, content, restated_headline, _STOP, central)
        score = 1.0 + central
        score += 1.5 * min(figure_count, 3)
        score += _KIND_BONUS.get(s.kind, 0.0)
        score *= 1.0 - 0.8 * (len(content & restated) / size)  # restates the headline / the name
        if protocol:
            score *= 0.3
        if n < 10 and not figure_count:
            score *= 0.5  # a topic line ("Công tác kiểm tra được chú trọng."): says little by itself
        if _ANAPHORA.match(text):
            score *= 0.5  # "Điều này dẫn tới …": means nothing out of context
        if n > 45:
            score *= 45 / n  # too long to read as a summary sentence
        score *= 1.0 + 0.3 / (1 + s.index)  # a mild lead bias: ties go to the top
        s.score = score
    return sentences


def _redundant(s: Sentence, chosen: list[Sentence]) -> bool:
    """Shares more than half its words (Jaccard) with a chosen sentence. The union's size is
    counted, not built: |A ∪ B| = |A| + |B| - |A ∩ B|."""
    size = len(s.words)
    for c in chosen:
        common = len(s.words & c.words)
        if common / max(1, size + len(c.words) - common) > 0.5:
            return True
    return False


def pick_summary(sentences: list[Sentence], max_words: int = MAX_SUMMARY_WORDS, max_sentences: int = 3,
                 topics: Sequence[str] = (), model: Optional[Model] = None) -> list[Sentence]:
    """The summary's sentences, in article order (a shortened one as a copy with its new text).
    ``topics``: of the registry documents the article cites (a report on one: its framing lead
    is stated; and ``shorten`` drops them); ``model``: the scorer's weights."""
    model = model or load_model()
    phrases = load_phrases()
    value = {s.index: max(0.0, model.value(s.features)) for s in sentences if s.features}
    first = sentences[0] if sentences and sentences[0].features else None
    # The first sentence (it may have to be in) and the best-valued ones, each as shown: only
    # these candidates are shortened.
    pool = []  # (sentence, as shown, words, estimated syllables it shares with a reference, refers back)
    for s in ([first] if first else []) + sorted((s for s in sentences if s.features), key=lambda s: (-value[s.index], s.index)):
        if len(pool) > CANDIDATES:
            break
        if s is first and pool or s.text.count(" ") >= 2 * max_words or is_fragment(s.text):
            continue  # looked at already; a run-on sentence, more than half of which would go; a fragment
        shown = shorten(s.text, max_words, topics, phrases)
        if shown is not None:
            n = word_count(shown)
            pool.append((s, shown, n, value[s.index] * n, s.index > 0 and refers_back(match_key(s.text), phrases)))
    report = bool(topics)  # the article reports on a Party document
    lead = pool[0] if report and pool and pool[0][0] is first and frames(match_key(first.text), phrases) else None
    others = sorted((p for p in pool if p is not lead), key=lambda p: (-value[p[0].index], p[0].index))
    candidates = ([lead] if lead is not None else []) + others[:CANDIDATES - (lead is not None)]
    best, best_f1 = None, -1.0
    for combo in _combinations(candidates, lead is not None, max_sentences, max_words):
        chosen = [candidates[i] for i in combo]
        words = sum(p[2] for p in chosen)
        f1 = 2 * sum(p[3] for p in chosen) / (words + model.reference_words)  # estimated ROUGE-1 F1
        if f1 > best_f1 and _in_context(chosen) and not any(
                _redundant(b[0], [a[0]]) for a, b in combinations(chosen, 2)):
            best, best_f1 = chosen, f1
    if best is not None:
        return [s if shown == s.text else replace(s, text=shown) for s, shown, *_ in sorted(best, key=lambda p: p[0].index)]
    return _fallback(sentences, max_words)


def _combinations(candidates: list, keep_first: bool, most: int, max_words: int):
    """Index tuples of 1 to ``most`` candidates within ``max_words`` words (each candidate's words
    at ``[2]``), in order; all holding candidate 0 when ``keep_first``."""
    words = [p[2] for p in candidates]
    stack = [((0,), words[0])] if keep_first else [((), 0)]
    if keep_first and words[0] <= max_words:
        yield (0,)
    while stack:
        combo, total = stack.pop()
        for i in range(combo[-1] + 1 if combo else 0, len(candidates)):
            if total + words[i] <= max_words:
                longer = combo + (i,)
                yield longer
                if len(longer) < most:
                    stack.append((longer, total + words[i]))


def _in_context(chosen: list) -> bool:
    """A sentence that refers back stands right after its sentence."""
    if not any(p[4] for p in chosen):
        return True
    indices = {p[0].index for p in chosen}
    return all(not p[4] or p[0].index - 1 in indices for p in chosen)


def _fallback(sentences: list[Sentence], max_words: int) -> list[Sentence]:
    """No sentence could be a summary as it is (only short lines, fragments, run-ons): the first
    prose one that is no fragment, else the first with words that is none, else the first with
    words; cut at a word boundary when it is over ``max_words``."""
    whole = [s for s in sentences if s.words and not is_fragment(s.text)]
    best = next((s for s in whole if s.score > 0), None) or next(iter(whole), None) \
        or next((s for s in sentences if s.words), None)
    if best is None:
        return []
    text = best.text
    if word_count(text) > max_words:
        text = " ".join(text.split()[:max_words - 1]).rstrip(",;:") + " …"
    return [Sentence(best.index, text, best.words)]


def pick_key_points(sentences: list[Sentence], summary: list[Sentence], most: int = 5) -> list[Sentence]:
    """3–5 sentences: the best results, limits and tasks not already in the summary."""
    used = {s.index for s in summary}
    pool = sorted((s for s in sentences if s.score > 0 and s.index not in used), key=lambda s: (-s.score, s.index))
    chosen: list[Sentence] = []
    for kind in ("result", "limit", "task"):  # one of each kind first, when the article has it
        best = next((s for s in pool if s.kind == kind and s not in chosen and not _redundant(s, chosen)), None)
        if best:
            chosen.append(best)
    for s in pool:
        if len(chosen) >= most:
            break
        if s not in chosen and s.kind and not _redundant(s, chosen):
            chosen.append(s)
    for s in pool + sorted((sentences[s.index] for s in summary), key=lambda s: -s.score):  # short articles: up to three
        if len(chosen) >= 3:
            break
        if s not in chosen:
            chosen.append(s)
    return sorted(chosen[:most], key=lambda s: s.index)


def summarise_text(paragraphs: list[str], title: str = "", topics: Sequence[str] = ()) -> tuple[str, list[str]]:
    return _summarise_scored(score_sentences(paragraphs, title), topics)


def _summarise_scored(sentences: list[Sentence], topics: Sequence[str] = ()) -> tuple[str, list[str]]:
    summary = pick_summary(sentences, topics=topics)
    points = pick_key_points(sentences, summary)
    return " ".join(_shown(s.text) for s in summary), [_shown(s.text) for s in points]


def _shown(sentence: str) -> str:
    """A sentence as the digest shows it: the press's end-of-article mark "./." is a full stop."""
    return _END_MARK.sub(".", sentence)


def lead_summary(paragraphs: list[str], n: int = 2) -> str:
    """The baseline a summary must beat: the first ``n`` sentences."""
    return " ".join([s for p in paragraphs for s in split_sentences(p)][:n])


def summarise(article: Article, topics: Sequence[str] = ()) -> Article:
    """Fill ``summary``, ``key_points`` and ``key_figures``. ``topics``: of the documents the article
    cites (the registry's), which a lead over the word budget can do without."""
    paragraphs = [b.text for b in article.blocks if b.kind == PARAGRAPH]
    # What summarise_text and find_key_figures do, sharing the sentence split and each
    # sentence's figures between them instead of computing both twice.
    split = _split(paragraphs)
    figures = [[figures_in_sentence(t) for t in p] for p in split]
    article.summary, article.key_points = _summarise_scored(_score(split, figures, article.title), topics)
    article.key_figures = unique_figures(f for p in figures for fs in p for f in fs)
    return article
