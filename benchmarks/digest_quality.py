"""The summary against "first two sentences" (lead-2) on the seeds and the sample articles.

    DIGEST_SHARED=/work/shared python benchmarks/digest_quality.py

Per article, for both summaries: words (the budget is 60), labelled key figures it states
(seeds: the figures in the label notes; samples: ``key_figures``), and restatement — the
share of its content words that only repeat the headline or the directive's name. Also the
key-figure recall of the extractor against the same labels. "lead2_60" is lead-2 cut to
the same 60-word budget.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directive_digest.build import understand  # noqa: E402
from directive_digest.quality import figure_found, figure_in_text, restatement, seed_note_figures  # noqa: E402
from directive_digest.readers import read_file  # noqa: E402
from directive_digest.registry import load_registry  # noqa: E402
from directive_digest.summarise import MAX_SUMMARY_WORDS, lead_summary  # noqa: E402
from directive_digest.vntext import word_count  # noqa: E402


def labelled_sets() -> list[tuple[list[dict], Path]]:
    shared = Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared"))
    sets = []
    if (shared / "corpus" / "seeds.labels.json").is_file():
        sets.append((json.loads((shared / "corpus" / "seeds.labels.json").read_text(encoding="utf-8")), shared / "corpus"))
    sets.append((json.loads((ROOT / "tests" / "data" / "articles.labels.json").read_text(encoding="utf-8")), ROOT / "articles"))
    return sets


def measure() -> dict:
    registry = load_registry()
    rows = []
    for labels, root in labelled_sets():
        for label in labels:
            article = understand(read_file(root / label["file"], root)[0], registry)
            want = label.get("key_figures") or seed_note_figures(label.get("notes", ""))
            directive = registry.get(article.directive) if article.directive else None
            name = directive.name if directive else ""
            row = {"file": label["file"], "labelled_figures": len(want),
                   "figures_found": sum(any(figure_found(w, f) for f in article.key_figures) for w in want)}
            lead = lead_summary(article.paragraphs)
            lead60 = " ".join(lead.split()[:MAX_SUMMARY_WORDS])
            for kind, text in (("summary", article.summary), ("lead2", lead), ("lead2_60", lead60)):
                row[f"{kind}_words"] = word_count(text)
                row[f"{kind}_figures"] = sum(figure_in_text(w, text) for w in want)
                row[f"{kind}_restatement"] = restatement(text, article.title, name)
            rows.append(row)
    n = len(rows)
    out = {"articles": n,
           "figure_recall": sum(r["figures_found"] for r in rows) / max(1, sum(r["labelled_figures"] for r in rows))}
    for kind in ("summary", "lead2", "lead2_60"):
        out[kind] = {
            "words_avg": sum(r[f"{kind}_words"] for r in rows) / n,
            "words_max": max(r[f"{kind}_words"] for r in rows),
            "over_budget": sum(r[f"{kind}_words"] > MAX_SUMMARY_WORDS for r in rows),
            "labelled_figures_stated": sum(r[f"{kind}_figures"] for r in rows),
            "articles_with_a_figure": sum(r[f"{kind}_figures"] > 0 for r in rows),
            "restatement_avg": sum(r[f"{kind}_restatement"] for r in rows) / n,
        }
    out["rows"] = rows
    return out


def main() -> int:
    m = measure()
    print(f"{m['articles']} labelled articles; key-figure recall {m['figure_recall']:.1%}")
    print(f"{'':<8} {'words avg':>9} {'max':>4} {'>60':>4} {'figures':>8} {'w/ figure':>9} {'restates':>9}")
    for kind in ("summary", "lead2", "lead2_60"):
        k = m[kind]
        print(f"{kind:<8} {k['words_avg']:9.1f} {k['words_max']:4d} {k['over_budget']:4d} {k['labelled_figures_stated']:8d} "
              f"{k['articles_with_a_figure']:9d} {k['restatement_avg']:9.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
