"""Summaries and key figures (baseline; see ``sentences.py`` for splitting).

The summary is extractive: sentences scored by how much of the article they share,
minus sentences that only restate the directive's name. Captions, bylines and chrome
never reach here: ``clean`` has taken them out of the paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter

from .article import PARAGRAPH, Article, KeyFigure
from .sentences import split_sentences
from .vntext import match_key, word_count

MAX_SUMMARY_WORDS = 60
_WORD = re.compile(r"\w+")
# Syllables too common in this field to tell sentences apart.
_STOP = set(match_key(
    "và của các có được trong cho với là đã để theo về những này một người từ tại đến khi cũng như "
    "thì mà nên trên đó ra vào việc đảng bộ chi ủy cán viên thực hiện học tập làm tư tưởng đạo đức "
    "phong cách hồ chí minh chỉ thị kết luận nghị quyết số tw ct kl nq"
).split())
_QUALIFIER = r"(?:gần|hơn|trên|dưới|khoảng|gấp|tới|đạt|hàng|chỉ|tổng\s+số|tổng\s+cộng)"
_NUMBER = r"\d+(?:[.,]\d+)*(?:/\d+)?"
_FIGURE = re.compile(
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUMBER})\s*(?P<unit>%|tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|đồng)?"
    rf"(?P<counts>(?:\s+(?!và\b|với\b|của\b|trong\b|được\b|đã\b|là\b|cho\b|tại\b|từ\b)[^\s,.;:()“”\"]+){{0,4}})",
    re.IGNORECASE,
)
_NOT_FIGURES = re.compile(r"^(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:19|20)\d\d)$")


def _words(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(match_key(sentence)) if w not in _STOP and not w.isdigit()]


def _restates_name(sentence: str) -> bool:
    key = match_key(sentence)
    return word_count(sentence) < 45 and key.count("học tập và làm theo") and not re.search(r"\d", key)


def summarise_text(paragraphs: list[str], max_sentences: int = 3) -> tuple[str, list[str]]:
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    if not sentences:
        return "", []
    freq = Counter(w for s in sentences for w in set(_words(s)))
    scored = []
    for index, sentence in enumerate(sentences):
        words = _words(sentence)
        if not words:
            continue
        score = sum(freq[w] for w in set(words)) / (len(set(words)) ** 0.5)
        score *= 1.0 + 0.6 / (1 + index)  # the lead matters, but does not win by position alone
        if re.search(r"\d", sentence):
            score *= 1.25  # results are counted
        if _restates_name(sentence):
            score *= 0.3
        scored.append((score, index, sentence))
    ranked = sorted(scored, key=lambda t: (-t[0], t[1]))
    chosen: list[tuple[int, str]] = []
    total = 0
    for _, index, sentence in ranked:
        n = word_count(sentence)
        if total + n > MAX_SUMMARY_WORDS and chosen:
            continue
        chosen.append((index, sentence))
        total += n
        if len(chosen) >= max_sentences or total >= MAX_SUMMARY_WORDS * 0.8:
            break
    summary = " ".join(s for _, s in sorted(chosen))
    if word_count(summary) > MAX_SUMMARY_WORDS:
        summary = " ".join(summary.split()[:MAX_SUMMARY_WORDS]).rstrip(",;:") + "…"
    key_points = [s for _, _, s in ranked[:5]]
    order = {s: i for _, i, s in scored}
    return summary, sorted(key_points, key=lambda s: order[s])


def find_key_figures(paragraphs: list[str]) -> list[KeyFigure]:
    figures: list[KeyFigure] = []
    seen = set()
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            for m in _FIGURE.finditer(sentence):
                number = m.group("n")
                if _NOT_FIGURES.match(number) and not m.group("unit"):
                    continue
                before = sentence[max(0, m.start() - 12):m.start()].lower()
                if re.search(r"(?:chỉ thị|kết luận|nghị quyết|quy định|số|khóa|khoá|lần thứ)\s*$", before):
                    continue
                counts = m.group("counts").strip()
                text = " ".join(x for x in (m.group("q"), number, m.group("unit")) if x)
                if not counts and not m.group("unit"):
                    continue
                if (text, counts) in seen:
                    continue
                seen.add((text, counts))
                figures.append(KeyFigure(text=text, counts=counts, sentence=sentence))
    return figures


def summarise(article: Article) -> Article:
    """Fill ``summary``, ``key_points`` and ``key_figures``."""
    paragraphs = [b.text for b in article.blocks if b.kind == PARAGRAPH]
    article.summary, article.key_points = summarise_text(paragraphs)
    article.key_figures = find_key_figures(paragraphs)
    return article
