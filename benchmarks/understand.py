"""The per-article analysis (``build.understand``): CPU per stage, and a golden to keep it exact.

    python -m benchmarks.understand stages DIR [--cold]     # ms/article per stage, best of 5
    python -m benchmarks.understand dump OUT.json DIR...     # every Article field after understand()
    python -m benchmarks.understand compare OLD.json NEW.json

``stages`` runs clean, date_article, classify, summarise and apply_overrides over the
articles of DIR in one process (serial) and prints process CPU time per article. ``--cold``
empties the text caches (normalise, match_key, line_key) before each article, so nothing is
reused across articles (synthetic corpora share paragraphs between articles).

``dump`` before and after a speed change, then ``compare``: an optimisation must leave every
field of every article (or the error it raised) exactly as it was.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import time
from pathlib import Path

from directive_digest import lexicon, vntext
from directive_digest.build import BuildReport, read_articles, understand
from directive_digest.classify import classify
from directive_digest.clean import clean
from directive_digest.dating import date_article
from directive_digest.overrides import apply_overrides
from directive_digest.registry import load_registry
from directive_digest.summarise import summarise

TEXT_CACHES = (vntext.normalise, vntext.match_key, vntext._unify_line, vntext._new_style_pair, lexicon.line_key)


def stages(directory: Path, cold: bool, repeats: int = 5) -> dict[str, float]:
    """Seconds of CPU per stage over the articles of ``directory`` (best of ``repeats``)."""
    registry = load_registry()
    steps = [("clean", clean), ("date_article", lambda a: date_article(a, registry)),
             ("classify", lambda a: classify(a, registry)), ("summarise", summarise),
             ("apply_overrides", apply_overrides)]
    best: dict[str, float] = {}
    count = 0
    for _ in range(repeats):
        articles = [a for a in read_articles([directory], BuildReport()) if a.text.strip()]
        count = len(articles)
        for cache in TEXT_CACHES:
            cache.cache_clear()
        spent = dict.fromkeys([name for name, _ in steps], 0.0)
        for article in articles:
            if cold:
                for cache in TEXT_CACHES:
                    cache.cache_clear()
            for name, step in steps:
                start = time.process_time()
                try:
                    step(article)
                except Exception:  # noqa: BLE001 - a refused article costs what it cost
                    pass
                spent[name] += time.process_time() - start
        for name, seconds in spent.items():
            best[name] = min(best.get(name, float("inf")), seconds)
    best["articles"] = count
    return best


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return repr(value)


def dump(out: Path, directories: list[Path]) -> int:
    registry = load_registry()
    result = {}
    for directory in directories:
        report = BuildReport()
        for article in sorted(read_articles([directory], report), key=lambda a: a.source):
            key = f"{directory}:{article.source}"
            try:
                result[key] = dataclasses.asdict(understand(article, registry))
            except Exception as error:  # noqa: BLE001 - the error is part of the result
                result[key] = {"error": f"{type(error).__name__}: {error}"}
        result[f"{directory}:problems"] = [(p.source, p.reason) for p in report.problems]
    out.write_text(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=0, default=_plain), encoding="utf-8")
    return len(result)


def compare(old: Path, new: Path) -> int:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (old, new))
    differing = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differing[:10]:
        old_fields, new_fields = a.get(key) or {}, b.get(key) or {}
        fields = [f for f in old_fields.keys() | new_fields.keys() if old_fields.get(f) != new_fields.get(f)]
        print(f"{key}: {', '.join(sorted(fields)) or 'missing'}")
    print(f"{len(a)} entries compared, {len(differing)} differ")
    return len(differing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("stages")
    p.add_argument("directory", type=Path)
    p.add_argument("--cold", action="store_true")
    p = sub.add_parser("dump")
    p.add_argument("out", type=Path)
    p.add_argument("directories", type=Path, nargs="+")
    p = sub.add_parser("compare")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "stages":
        spent = stages(args.directory, args.cold)
        n = spent.pop("articles") or 1
        for name, seconds in spent.items():
            print(f"{name:16s} {1000 * seconds / n:7.3f} ms/article")
        total = sum(spent.values())
        print(f"{'understand':16s} {1000 * total / n:7.3f} ms/article  ({n} articles, {n / total:.0f}/s CPU)")
        return 0
    if args.command == "dump":
        print(dump(args.out, args.directories), "entries")
        return 0
    return 1 if compare(args.old, args.new) else 0


if __name__ == "__main__":
    sys.exit(main())
