"""The digest's summary on public news, against simple baselines and the oracle (issue #14).

    python -m benchmarks.summaries [--dir DIR] [--no-write] [--part all|tuning]

Over the VietNews validation articles (``benchmarks/vietnews.py``: 2,000 general news
articles, the reference is each article's sapo), every article is digested as a user's file
would be (``build.understand`` on headline + body; the body is one paragraph, the dataset
keeps no paragraph breaks) and its ``summary`` scored with ROUGE-1/2/L F1 on lower-cased
syllables (``benchmarks/rouge.py``), beside Lead-1/2/3, Lead-60, LexRank, TextRank and the
oracle (``benchmarks/baselines.py``) over the body as our splitter cuts it. The same over the
294 VietNews articles that cite Party documents (``shared/corpus/real/vietnews-party``, sapo
taken off the text as the reference), the digest's own field.

Printed and written into docs/benchmarks.md (its own section) for each whole set, its tuning
part and its held-out part (VietNews: a hash of the file name, ``vietnews.held_out``; the Party
set: the untouched files of tests/data/real/split.json). Only totals are shown: no per-article
result of a held-out part is ever printed. Also counted per method: words, summaries over 60
words, fragment sentences (``sentences.is_fragment``), cut sentences ("…" added); and, for the
digest's summary, how often it holds the body's first sentence, the share of its syllables found
in the headline, and how many hold a digit.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from directive_digest.article import Article
from directive_digest.build import understand
from directive_digest.readers import InputError
from directive_digest.registry import load_registry
from directive_digest.sentences import is_fragment, split_sentences
from directive_digest.vntext import normalise

from . import baselines
from .report_sections import replace_section
from .rouge import Reference, scores, syllables
from .vietnews import NewsArticle, load, load_party, party_dir

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"
SECTION = "summaries"
METHODS = ("digest summary", "Lead-1", "Lead-2", "Lead-3", "Lead-60", "LexRank", "TextRank", "oracle")
BUDGET = baselines.BUDGET
_DIGIT = re.compile(r"\d")


@dataclass
class Totals:
    """Sums over the articles of one part, per method."""

    articles: int = 0
    rouge: dict = field(default_factory=lambda: {m: [0.0, 0.0, 0.0] for m in METHODS})
    words: dict = field(default_factory=lambda: dict.fromkeys(METHODS, 0))
    over_budget: dict = field(default_factory=lambda: dict.fromkeys(METHODS, 0))
    fragments: dict = field(default_factory=lambda: dict.fromkeys(METHODS, 0))
    cut: dict = field(default_factory=lambda: dict.fromkeys(METHODS, 0))
    with_lead: int = 0  # digest summaries holding the body's first sentence
    headline_share: list = field(default_factory=lambda: [0.0, 0.0])  # summary, reference
    with_digit: list = field(default_factory=lambda: [0, 0])  # summary, reference
    failed: int = 0  # articles the digest refused

    def add(self, summaries: dict[str, str], reference: Reference, article: NewsArticle, first: str) -> None:
        self.articles += 1
        for method, text in summaries.items():
            for k, value in enumerate(scores(text, reference)):
                self.rouge[method][k] += value
            n = len(text.split())
            self.words[method] += n
            self.over_budget[method] += n > BUDGET
            if method != "Lead-60":  # cut mid-sentence by definition
                self.fragments[method] += sum(map(is_fragment, split_sentences(text)))
            self.cut[method] += text.endswith(" …")
        summary = summaries["digest summary"]
        self.with_lead += bool(first) and _same(first) in _same(summary)
        headline = set(syllables(article.title))
        for k, text in enumerate((summary, article.reference)):
            tokens = syllables(text)
            self.headline_share[k] += sum(t in headline for t in tokens) / max(1, len(tokens))
            self.with_digit[k] += bool(_DIGIT.search(text))


def _same(text: str) -> str:
    """A text as compared for "holds the first sentence": syllables only ("./." and spacing aside)."""
    return " ".join(syllables(text))


def summaries_of(article: NewsArticle, registry) -> tuple[dict[str, str], str]:
    """Every method's summary of one article, and the body's first sentence."""
    sentences = [s for p in (article.body if article.paragraphs else [" ".join(article.body)])
                 for s in split_sentences(normalise(p))]
    reference = Reference.of(article.reference)
    try:
        digest = understand(Article(source=article.name, text=article.text), registry).summary
    except InputError:
        digest = ""
    out = {"digest summary": digest,
           "Lead-1": baselines.lead(sentences, 1), "Lead-2": baselines.lead(sentences, 2),
           "Lead-3": baselines.lead(sentences, 3), "Lead-60": baselines.lead_words(sentences),
           "LexRank": baselines.lexrank(sentences), "TextRank": baselines.textrank(sentences),
           "oracle": baselines.oracle(sentences, reference)}
    return out, (sentences[0] if sentences else "")


def measure(articles: list[NewsArticle], parts: tuple[str, str] = ("tuning", "held out")) -> dict[str, Totals]:
    """Totals over all ``articles`` and over each part (``parts``: names for the tuned one and the
    held-out one); "all" is left out when every article is in one part."""
    registry = load_registry()
    totals = {"all": Totals(), parts[0]: Totals(), parts[1]: Totals()}
    for article in articles:
        found, first = summaries_of(article, registry)
        reference = Reference.of(article.reference)
        for name in ("all", parts[1] if article.held_out else parts[0]):
            totals[name].add(found, reference, article, first)
            totals[name].failed += not found["digest summary"]
    if not (totals[parts[0]].articles and totals[parts[1]].articles):  # one part alone: "all" would say it again
        del totals["all"]
    return {name: t for name, t in totals.items() if t.articles}


def table(t: Totals) -> list[str]:
    n = max(1, t.articles)
    rows = ["| method | R-1 | R-2 | R-L | words (avg) | over 60 words | fragment sentences | cut (…) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for m in METHODS:
        r1, r2, rl = (100 * x / n for x in t.rouge[m])
        fragments = "n/a" if m == "Lead-60" else str(t.fragments[m])
        rows.append(f"| {m} | {r1:.1f} | {r2:.1f} | {rl:.1f} | {t.words[m] / n:.1f} | {t.over_budget[m]} "
                    f"| {fragments} | {t.cut[m]} |")
    return rows


def margins(t: Totals) -> str:
    n = max(1, t.articles)
    ours, lead60 = t.rouge["digest summary"], t.rouge["Lead-60"]
    d1, d2, dl = ((a - b) * 100 / n for a, b in zip(ours, lead60))
    met = d1 >= 1.5 and d2 >= 1.0 and dl >= 1.0 and not t.fragments["digest summary"] \
        and not t.over_budget["digest summary"]
    return (f"Digest summary minus Lead-60: R-1 {d1:+.1f}, R-2 {d2:+.1f}, R-L {dl:+.1f} "
            f"(target ≥ +1.5 / +1.0 / +1.0, ≤ 60 words, no fragment: {'met' if met else 'NOT met'}).")


def diagnostics(t: Totals) -> str:
    n = max(1, t.articles)
    return (f"Digest summaries holding the body's first sentence: {t.with_lead} of {t.articles}; "
            f"headline syllables {100 * t.headline_share[0] / n:.1f}% of a summary's "
            f"({100 * t.headline_share[1] / n:.1f}% of a reference's); a digit in {t.with_digit[0]} summaries "
            f"({t.with_digit[1]} references); articles the digest refused: {t.failed}.")


VIETNEWS = ("VietNews validation: general news",
            "2,000 articles (VNDS, Nguyen et al. 2019; crime, society, economy: not Party documents), the "
            "reference being each article's sapo, which the dataset took off the body. Held out: a quarter of "
            "the files, fixed by a hash of the file name before any result was seen (`benchmarks/vietnews.py`); "
            "never looked at article by article, nor used for tuning or training (`benchmarks/train_summary.py` "
            "reads the tuning part only).")
PARTY = ("VietNews articles citing Party documents: the digest's own field",
         "294 articles of the dataset's train split that cite Party documents (`shared/corpus/real/vietnews-party`), "
         "the sapo taken off the text as the reference. Here a report on a registry document gets its framing lead "
         "stated, which is what the digest wants and costs ROUGE against the sapo. Held out: the `untouched` files of "
         "`tests/data/real/split.json` (fixed by a hash of the path, issue #15); not used for training.")


def report(corpora: list[tuple[tuple[str, str], dict[str, Totals]]], seconds: float, commit: str) -> str:
    """The section of docs/benchmarks.md: per corpus ((heading, introduction), totals per part)."""
    out = ["## Summaries against baselines (ROUGE)", "",
           "Generated by `python -m benchmarks.summaries` (`make bench`). ROUGE F1 (×100) on lower-cased syllables "
           "(`benchmarks/rouge.py`), averaged over articles. The digest's summary comes from the whole per-article "
           "pipeline on headline + body; the baselines (`benchmarks/baselines.py`) work on the body as our splitter "
           "cuts it; the oracle is the best 1-3 sentences within 60 words, the ceiling of extraction. Fragments: "
           "sentences `sentences.is_fragment` calls pieces (not counted for Lead-60, cut mid-sentence by definition).",
           ""]
    for (heading, introduction), parts in corpora:
        out += [f"### {heading}", "", introduction, ""]
        for name, t in parts.items():
            out += [f"#### {name.capitalize()} ({t.articles:,} articles)", "", *table(t), "", margins(t), "",
                    diagnostics(t), ""]
    out += [f"Commit `{commit}`; {seconds:.0f} s for every method over every article.", ""]
    return "\n".join(out)


def _commit() -> str:
    import subprocess
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", type=Path, help="VietNews files (default: ../shared/corpus/vietnews-val)")
    p.add_argument("--part", choices=("all", "tuning"), default="all",
                   help="tuning: only the parts tuned on (no held-out result is computed)")
    p.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = p.parse_args(argv)
    news = load(args.dir, args.part)
    if not news:
        print(f"no VietNews articles in {args.dir or 'the shared corpus'}", file=sys.stderr)
        return 2
    party = [a for a in load_party() if args.part == "all" or not a.held_out] if party_dir().is_dir() else []
    start = time.perf_counter()
    corpora = [(VIETNEWS, measure(news))]
    if party:
        corpora.append((PARTY, measure(party, ("tuned", "untouched"))))
    text = report(corpora, time.perf_counter() - start, _commit())
    print(text)
    if not args.no_write and args.part == "all":
        replace_section(REPORT, SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
