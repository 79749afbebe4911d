"""Fit the summary's sentence scorer (``directive_digest/data/summary_model.json``) on VietNews.

    python -m benchmarks.train_summary [--dir DIR] [--folds 5] [--no-write]

Only the tuning part of the VietNews validation articles is read (``vietnews.held_out`` keeps a
quarter apart, never used here). Each article goes through the digest's own steps (clean,
classify, sentence split, ``summarise.score_sentences``) so the features are those the build
computes. A sentence's target is the share of its syllables (lower-cased, clipped counts) found
in the article's reference summary; the weights are a ridge regression (closed form, plain
Python, deterministic) of the target on ``summary_model.FEATURES``.

Cross-validation: the tuning articles are cut into ``--folds`` groups by a hash of the file name;
for each group the weights are fitted on the others and the group's summaries (picked exactly as
the build picks them) are scored with ROUGE, beside Lead-60 on the same articles. The weights
written are then fitted on every tuning article, with the mean reference length.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from directive_digest.article import Article
from directive_digest.stages import cited_topics
from directive_digest.classify import classify
from directive_digest.clean import clean
from directive_digest.reference_lines import article_lines, references_in
from directive_digest.registry import load_registry
from directive_digest.summarise import Sentence, pick_summary, score_sentences
from directive_digest.summary_model import FEATURES, MODEL_FILE, Model

from .baselines import lead_words
from .rouge import Reference, ngrams, scores, syllables
from .vietnews import NewsArticle, load

RIDGE = 1.0  # penalty on every weight but the bias (features are of order 1)


@dataclass
class Example:
    name: str
    sentences: list[Sentence]
    topics: list[str]
    reference: Reference
    lead60: str  # the baseline on the same sentences


def prepare(article: NewsArticle, registry) -> Example:
    """The article through the digest's steps up to the summary's choice."""
    digest = clean(Article(source=article.name, text=article.text))
    classify(digest, registry, references_in(registry, article_lines(digest)))
    sentences = score_sentences(digest.paragraphs, digest.title)
    return Example(article.name, sentences, cited_topics(digest, registry), Reference.of(article.reference),
                   lead_words([s.text for s in sentences]))


def target(sentence: Sentence, reference: Reference) -> float:
    """The share of the sentence's syllables the reference uses (clipped counts)."""
    tokens = syllables(sentence.text)
    return sum((ngrams(tokens, 1) & reference.unigrams).values()) / len(tokens) if tokens else 0.0


def fit(examples: list[Example], penalty: float = RIDGE) -> list[float]:
    """Ridge regression, solved by Gauss-Jordan elimination on the normal equations."""
    d = len(FEATURES)
    a = [[0.0] * d for _ in range(d)]
    b = [0.0] * d
    for example in examples:
        for s in example.sentences:
            if not s.features:
                continue
            y = target(s, example.reference)
            x = s.features
            for i, xi in enumerate(x):
                if xi:
                    b[i] += xi * y
                    row = a[i]
                    for j, xj in enumerate(x):
                        row[j] += xi * xj
    for i in range(1, d):  # the bias (feature 0) is not penalised
        a[i][i] += penalty
    m = [row + [bi] for row, bi in zip(a, b)]
    for c in range(d):
        pivot = max(range(c, d), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(d):
            if r != c and m[r][c]:
                factor = m[r][c] / m[c][c]
                m[r] = [x - factor * y for x, y in zip(m[r], m[c])]
    return [m[i][d] / m[i][i] for i in range(d)]


def fold_of(name: str, folds: int) -> int:
    """A cross-validation group fixed by a hash of the file name (other bits than the held-out split's)."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[8:16], 16) % folds


def summary_of(example: Example, model: Model) -> str:
    return " ".join(s.text for s in pick_summary(example.sentences, topics=example.topics, model=model))


def cross_validate(examples: list[Example], folds: int, reference_words: float) -> dict:
    totals = {"summary": [0.0, 0.0, 0.0], "Lead-60": [0.0, 0.0, 0.0]}
    for k in range(folds):
        model = Model(tuple(fit([e for e in examples if fold_of(e.name, folds) != k])), reference_words)
        for e in (e for e in examples if fold_of(e.name, folds) == k):
            for method, text in (("summary", summary_of(e, model)), ("Lead-60", e.lead60)):
                for i, value in enumerate(scores(text, e.reference)):
                    totals[method][i] += value
    n = len(examples)
    return {method: [round(100 * x / n, 2) for x in values] for method, values in totals.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", type=Path, help="VietNews files (default: ../shared/corpus/vietnews-val)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--no-write", action="store_true", help=f"print only; leave {MODEL_FILE.name} alone")
    args = p.parse_args(argv)
    articles = load(args.dir, "tuning")
    if not articles:
        print("no VietNews articles found", file=sys.stderr)
        return 2
    registry = load_registry()
    examples = [prepare(a, registry) for a in articles]
    reference_words = sum(len(a.reference.split()) for a in articles) / len(articles)
    cv = cross_validate(examples, args.folds, reference_words)
    weights = fit(examples)
    print(f"{len(examples)} tuning articles, {args.folds}-fold cross-validation (ROUGE-1/2/L F1 x100):")
    for method, values in cv.items():
        print(f"  {method:8s} {values[0]:5.1f} {values[1]:5.1f} {values[2]:5.1f}")
    for name, w in zip(FEATURES, weights):
        print(f"  {name:28s} {w:+.4f}")
    if not args.no_write:
        data = {"features": list(FEATURES), "weights": [round(w, 6) for w in weights],
                "reference_words": round(reference_words, 2),
                "trained": {"by": "python -m benchmarks.train_summary", "articles": len(examples),
                            "data": "VietNews validation, tuning part (vietnews.held_out excluded)",
                            "target": "share of a sentence's syllables in the reference summary",
                            "ridge": RIDGE, "cross_validation": {"folds": args.folds, **cv}}}
        MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
