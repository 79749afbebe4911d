"""Scoring: extracted fields against a labelled set, per-field accuracy.

    python -m directive_digest.score --labels LABELS.json --root DIR [--verbose]

LABELS is a JSON list as in ``shared/corpus/seeds.labels.json``: ``file`` (relative to
ROOT), ``title``, ``published_date``, ``year``, ``primary_directive``, ``directives``
(non-registry references as "other:<text>"), ``author``, ``source_line``, optionally
``outlet``. A field absent from a label is not scored for that article.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article
from .classify import is_state_reference
from .stages import understand
from .readers import read_file
from .registry import Registry, canonical_id, load_registry
from .vntext import match_key, normalise

FIELDS = ("title", "published_date", "year", "primary_directive", "directives", "author", "source_line", "outlet")


def extracted(article: Article) -> dict:
    return {
        "title": article.title,
        "published_date": article.date.isoformat() if article.date else None,
        "year": article.year,
        "primary_directive": article.directive,
        "directives": sorted(article.directives) + sorted(f"other:{r}" for r in article.cited_references),
        "author": article.author,
        "source_line": article.source_line,
        "outlet": article.outlet,
    }


def _reference_key(ref: str) -> str:
    """"other:Chỉ thị số 27 của Thủ tướng" and "other:Chỉ thị 27" name the same document, and so
    do "other:Kết luận số 16-KL/TW" and "16-KL/TW" (registry.canonical_id)."""
    number = canonical_id(ref.removeprefix("other:"))
    if number:
        return match_key(number)
    key = re.sub(r"\s+số\s+", " ", match_key(normalise(ref)))
    return re.split(r"\s+(?:ngày|của|do|năm)\s+", key)[0].strip()


def _party_keys(references) -> set:
    """The Party documents among references: State ones ("other:Chỉ thị 27 của Thủ tướng Chính
    phủ", which older labels list) are not scored as cited directives."""
    return {_reference_key(x) for x in references if not (x.startswith("other:") and is_state_reference(x[6:]))}


def _same(name: str, got, want) -> bool:
    if name == "directives":
        return _party_keys(got) == _party_keys(want)
    if isinstance(want, str) and isinstance(got, str):
        return normalise(got).strip() == normalise(want).strip()
    return got == want


@dataclass
class Score:
    right: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    total: dict = field(default_factory=lambda: {f: 0 for f in FIELDS})
    misses: list = field(default_factory=list)  # (file, field, got, want)

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.total[name] if self.total[name] else 1.0


def score(labels: list[dict], root: Path, registry: Registry | None = None) -> Score:
    registry = registry or load_registry()
    result = Score()
    for label in labels:
        path = root / label["file"]
        articles = read_file(path, root)
        got = extracted(understand(articles[0], registry))
        for name in FIELDS:
            if name not in label:
                continue
            result.total[name] += 1
            if _same(name, got[name], label[name]):
                result.right[name] += 1
            else:
                result.misses.append((label["file"], name, got[name], label[name]))
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m directive_digest.score", description=__doc__.splitlines()[0])
    p.add_argument("--labels", type=Path, required=True, action="append", help="labels JSON; repeatable")
    p.add_argument("--root", type=Path, action="append",
                   help="directory the labels' file paths are relative to (default: the labels file's directory); "
                        "one per --labels")
    p.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = p.parse_args(argv)
    roots = args.root or [labels.parent for labels in args.labels]
    if len(roots) != len(args.labels):
        p.error("give one --root per --labels")
    total = Score()
    for labels_path, root in zip(args.labels, roots):
        s = score(json.loads(labels_path.read_text(encoding="utf-8")), root)
        for name in FIELDS:
            total.right[name] += s.right[name]
            total.total[name] += s.total[name]
        total.misses += s.misses
    print(f"{'field':<18} {'right':>5} / {'total':<5} accuracy")
    for name in FIELDS:
        print(f"{name:<18} {total.right[name]:>5} / {total.total[name]:<5} {total.accuracy(name):7.1%}")
    if args.verbose:
        for file, name, got, want in total.misses:
            print(f"MISS {file} {name}: got {got!r}, want {want!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
