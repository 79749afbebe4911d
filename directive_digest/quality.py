"""Measuring the digest: the build's quality report, and matching against labelled figures.

``quality_report`` is what the build prints (summary length, figures per article,
syndicated copies merged). ``figure_phrases`` / ``figure_found`` let tests and
``benchmarks/digest_quality.py`` check extracted key figures against labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .article import Article, KeyFigure
from .figures import QUALIFIERS
from .summarise import content_words  # the same content-word notion the summariser uses
from .vntext import match_key, word_count


@dataclass
class Quality:
    articles: int = 0
    summary_words_avg: float = 0.0
    summary_words_max: int = 0
    figures_avg: float = 0.0
    key_points_avg: float = 0.0
    duplicates_merged: int = 0

    def as_dict(self) -> dict:
        return {"summary_words_avg": round(self.summary_words_avg, 1), "summary_words_max": self.summary_words_max,
                "figures_per_article": round(self.figures_avg, 1), "key_points_per_article": round(self.key_points_avg, 1),
                "duplicates_merged": self.duplicates_merged}

    def line(self) -> str:
        return (f"digest quality: summary {self.summary_words_avg:.1f} words on average (max {self.summary_words_max}), "
                f"{self.figures_avg:.1f} key figures and {self.key_points_avg:.1f} key points per article, "
                f"{self.duplicates_merged} syndicated {'copy' if self.duplicates_merged == 1 else 'copies'} merged")


def quality_report(articles: list[Article]) -> Quality:
    q = Quality(articles=len(articles))
    if articles:
        lengths = [word_count(a.summary) for a in articles]
        q.summary_words_avg = sum(lengths) / len(lengths)
        q.summary_words_max = max(lengths)
        q.figures_avg = sum(len(a.key_figures) for a in articles) / len(articles)
        q.key_points_avg = sum(len(a.key_points) for a in articles) / len(articles)
        q.duplicates_merged = sum(len(a.also_published) for a in articles)
    return q


def seed_note_figures(notes: str) -> list[str]:
    """The figures a seed label's notes list: "Key figures include: a; b; c." -> [a, b, c]."""
    m = re.search(r"Key figures include:\s*(.+?)\.(?:\s+[A-Z]|\s*$)", notes)
    if not m:
        return []
    return [p.strip() for p in m.group(1).split(";") if p.strip()]


_LABEL = re.compile(rf"^(?P<head>(?:(?:{'|'.join(QUALIFIERS)})\s+)?(?:\d[\d.,/]*(?:\s*-\s*\d[\d.,]*)?\s*%?|hàng\s+\w+))"
                    rf"\s*(?P<rest>.*)$", re.IGNORECASE)


def figure_found(label: str, figure: KeyFigure) -> bool:
    """True when ``figure`` is the labelled phrase: it starts with the label's qualifier and
    number ("gần 800"), and the label's next word ("cuộc") follows within a few words."""
    label = re.sub(r"\s*\([^)]*\)", "", label).strip()
    m = _LABEL.match(label)
    if not m:
        return False
    head = " ".join(match_key(m.group("head")).split())
    if not " ".join(match_key(figure.text).split()).startswith(head):
        return False
    rest = re.findall(r"\w+", match_key(m.group("rest")))
    if not rest:
        return True
    sentence = " ".join(match_key(figure.sentence).split())
    at = re.search(r"(?<![\w.,/])" + re.escape(" ".join(match_key(figure.text).split())) + r"(?!\d)", sentence)
    following = re.findall(r"\w+", sentence[at.start() + len(head):])[:6] if at else []
    return rest[0] in following


def figure_in_text(label: str, text: str) -> bool:
    """The labelled figure's qualifier and number ("gần 800", "98,6%") written in ``text``."""
    m = _LABEL.match(re.sub(r"\s*\([^)]*\)", "", label).strip())
    if not m:
        return False
    head = " ".join(match_key(m.group("head")).split())
    return bool(re.search(r"(?<![\w.,/])" + re.escape(head) + r"(?![\d])", " ".join(match_key(text).split())))


def restatement(summary: str, title: str, directive_name: str = "") -> float:
    """Share of the summary's content words that only repeat the headline or the directive's
    name (0 = all new, 1 = nothing but the name). Lower is better."""
    words = content_words(summary)
    if not words:
        return 1.0
    return len(words & (content_words(title) | content_words(directive_name))) / len(words)


def caption_texts(notes: str) -> list[str]:
    """Captions a label's notes quote: "Caption 'Các đại biểu dự hội nghị …' stands alone"."""
    return re.findall(r"[Cc]aption(?: line)?(?: about [^']*)? '([^']{12,})'", notes)
