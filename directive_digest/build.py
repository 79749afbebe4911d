"""The build, as a list of steps: read -> understand -> group -> render -> write -> report."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .article import Article
from .batch import build_fingerprint, remember_build, unchanged_build, understand_batch
from .classify import classify
from .clean import clean
from .dating import date_article
from .group import Digest, group_articles
from .overrides import apply_overrides, load_sidecar
from .quality import Quality, quality_report
from .readers import InputError, Problem, discover, is_article_file, read_file, source_name
from .registry import Registry, load_registry
from .render import render_pages
from .summarise import summarise
from .syndication import merge_syndicated
from .write import Lock, WriteResult, write_pages


@dataclass
class BuildReport:
    articles: int = 0
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    unknown_references: Counter = field(default_factory=Counter)
    written: WriteResult = field(default_factory=WriteResult)
    groups: dict[str, int] = field(default_factory=dict)
    quality: Quality = field(default_factory=Quality)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.written.refused

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "pages": self.pages,
            "groups": self.groups,
            "problems": [{"source": p.source, "reason": p.reason} for p in self.problems],
            "refused_writes": [{"path": p, "reason": r} for p, r in self.written.refused],
            "unknown_references": dict(sorted(self.unknown_references.items())),
            "written": len(self.written.written),
            "unchanged": len(self.written.unchanged),
            "removed": len(self.written.removed),
            "quality": self.quality.as_dict(),
        }


def understand(article: Article, registry: Registry) -> Article:
    """Every per-article stage, in order. Pure: touches nothing but the article."""
    clean(article)
    date_article(article, registry)
    classify(article, registry)
    summarise(article)
    apply_overrides(article)
    if not article.title.strip():
        raise InputError("no headline found")
    if not article.blocks:
        raise InputError("a headline with no article text under it")
    return article


def read_articles(inputs: Iterable[Path], report: BuildReport) -> list[Article]:
    articles = []
    for path, root in discover(inputs):
        if not is_article_file(path):
            continue
        source = source_name(path, root)
        try:
            overrides = load_sidecar(path)
            for article in read_file(path, root):
                if overrides:
                    article.given["overrides"] = {**article.given.get("overrides", {}), **overrides}
                articles.append(article)
        except (InputError, ValueError, OSError) as error:
            report.problems.append(Problem(source, str(error)))
    return articles


def digest_articles(articles: list[Article], registry: Registry, report: BuildReport) -> list[Article]:
    done = []
    for article in articles:
        try:
            done.append(understand(article, registry))
        except (InputError, ValueError) as error:
            report.problems.append(Problem(article.source, str(error)))
    return done


def build(inputs: Iterable[Path], output: Path, registry: Optional[Registry] = None,
          report_path: Optional[Path] = None, cache_dir: Optional[Path] = None,
          jobs: Optional[int] = None) -> BuildReport:
    registry = registry or load_registry()
    report = BuildReport()
    articles = read_articles([Path(p) for p in inputs], report)
    # Nothing changed since the last build (inputs, code, data, output): its report, no work.
    fingerprint = build_fingerprint(articles, registry, report, output) if cache_dir is not None else ""
    unchanged = unchanged_build(fingerprint, output, cache_dir)
    if unchanged is not None:
        report = unchanged
    else:
        # digest_articles, cached (cache_dir) and over a process pool (jobs): same output, same order.
        articles = understand_batch(articles, registry, report, digest_articles, cache_dir=cache_dir, jobs=jobs)
        articles = merge_syndicated(articles).kept
        digest: Digest = group_articles(articles, registry)
        pages = render_pages(digest, registry)
        with Lock(Path(output)):
            report.written = write_pages(Path(output), pages)
        report.articles = len(articles)
        report.pages = len(pages)
        report.groups = {g.slug: len(g.articles) for g in digest.groups}
        report.quality = quality_report(articles)
        for article in articles:
            report.unknown_references.update(article.cited_references)
        remember_build(fingerprint, output, cache_dir, report)
    if report_path:
        report_path.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report
