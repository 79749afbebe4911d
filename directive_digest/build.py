"""The build, as a list of steps: read -> understand -> group -> render -> write -> report."""
from __future__ import annotations

import gc
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .article import Article
from .batch import (DirectoryNames, build_context, build_fingerprint, code_fingerprint, file_key,
                    load_syndication_state, remember_build, save_syndication_state, unchanged_build)
from .group import Digest, group_articles
from .lexicon import load_lexicon
from .prepare import Prepared, raise_error, read_items
from .problems import InputError, Problem, internal_error
from .progress import NO_PROGRESS, Progress
from .quality import Quality, quality_report
from .readers import READERS, SIDECAR_SUFFIXES, discover, is_article_file, source_name
from .registry import Registry, load_registry
from .render import render_pages
from .stages import duplicate_key, understand
from .syndication import merge_syndicated
from .syndication_state import merge_with_state
from .workers import Engine, prepare_inputs
from .write import STAGING, Lock, WriteResult, staged_pages, write_pages
from .year_calendar import load_calendar


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


def read_articles(inputs: Iterable[Path], report: BuildReport) -> list[Article]:
    """Every input's articles as read; what cannot be read goes to report.problems."""
    articles = []
    inputs = [Path(p) for p in inputs]
    for path, root in discover(inputs):
        for item in unread_problems(path, root, inputs) if not is_article_file(path) else read_items(path, root):
            (report.problems if isinstance(item, Problem) else articles).append(item)
    return articles


def unread_problems(path: Path, root: Path, inputs: list[Path]) -> list[Problem]:
    reason = unread_reason(path, named=path in inputs)
    return [Problem(source_name(path, root), reason)] if reason else []


# Documents people drop among the articles: said so, not silently skipped.
DOCUMENT_SUFFIXES = {".doc", ".docx", ".odt", ".rtf", ".pdf", ".pages", ".xls", ".xlsx", ".ods", ".epub"}


def unread_reason(path: Path, named: bool) -> Optional[str]:
    """Why a file that is not an article is skipped, when the user should hear about it."""
    if path.name.lower().endswith(SIDECAR_SUFFIXES):
        return None
    if named or path.suffix.lower() in DOCUMENT_SUFFIXES:
        readable = ", ".join(sorted(READERS))
        return f"not an article format ('{path.suffix or path.name}'); readable: {readable} (save it as one of these)"
    return None


def digest_articles(articles: list[Article], registry: Registry, report: BuildReport,
                    understand=understand, key=duplicate_key) -> list[Article]:
    """Understand each article; a failure costs that article only. Of articles with exactly
    the same text, the first (by source) that builds is kept and the others are reported."""
    done = []
    seen: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: a.source):
        key_ = key(article)
        if key_ and key_ in seen:
            report.problems.append(Problem(article.source, f"duplicate: same text as {seen[key_]}; skipped"))
            continue
        try:
            done.append(understand(article, registry))
        except (InputError, ValueError) as error:
            report.problems.append(Problem(article.source, str(error)))
            continue
        except Exception as error:  # a bug must cost one article, not the build
            report.problems.append(Problem(article.source, internal_error(error)))
            continue
        seen[key_] = article.source
    return done


def _prepared_outcome(prepared: Prepared, _registry) -> Prepared:
    """digest_articles' ``understand`` over prepared articles: what understanding gave, again."""
    if prepared.outcome[0] != "ok":
        raise_error(prepared.outcome)
    return prepared


def build(inputs: Iterable[Path], output: Path, registry: Optional[Registry] = None,
          report_path: Optional[Path] = None, cache_dir: Optional[Path] = None,
          jobs: Optional[int] = None, engine: Optional[Engine] = None,
          progress: Progress = NO_PROGRESS) -> BuildReport:
    """``engine``: prepares the articles instead of the local process pool (dask_engine);
    ``progress``: shown phase by phase (progress.for_stream)."""
    registry = registry or load_registry()
    load_lexicon()  # a broken lexicon or calendar (DataError) stops the build here, not in every article
    load_calendar()
    inputs = [Path(p) for p in inputs]
    files = list(discover(inputs))
    articles_at = [i for i, (path, _root) in enumerate(files) if is_article_file(path)]
    keys: list[Optional[str]] = [None] * len(articles_at)
    fingerprint = ""
    if cache_dir is not None:
        context = build_context(registry)
        names = DirectoryNames()
        with progress.phase("checking inputs", total=len(articles_at), unit="files") as checked:
            keys = []
            for i in articles_at:
                keys.append(file_key(files[i][0], source_name(*files[i]), context, names(files[i][0])))
                checked.update()
        keys_of_files: list[Optional[str]] = [None] * len(files)
        for i, key in zip(articles_at, keys):
            keys_of_files[i] = key
        fingerprint = build_fingerprint(context, inputs, output, files, keys_of_files)
    # Nothing changed since the last build (inputs, code, data, output): its report, no work.
    unchanged = unchanged_build(fingerprint, output, cache_dir)
    if unchanged is not None:
        report = unchanged
    else:
        report = _build(inputs, output, registry, files, articles_at, keys, cache_dir, jobs, engine, progress)
        remember_build(fingerprint, output, cache_dir, report)
    if report_path:
        report_path.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def _build(inputs: list[Path], output: Path, registry: Registry, files: list, articles_at: list[int],
           keys: list[Optional[str]], cache_dir: Optional[Path], jobs: Optional[int],
           engine: Optional[Engine], progress: Progress) -> BuildReport:
    # The lock is held from the start: pool workers write pages ahead into the output's
    # staging directory (write.stage_page) while the other articles are prepared.
    # No cyclic garbage collection meanwhile: every prepared article stays alive to the end,
    # and each full collection walked all of them again (at 10,000 articles, half the time of
    # finding syndication candidates). What the build leaves is freed by reference counting
    # when it returns; pool workers collect as usual (workers._init).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with Lock(Path(output)):
            staging = Path(output) / STAGING
            shutil.rmtree(staging, ignore_errors=True)  # a crashed run's leftovers
            try:
                return _build_locked(inputs, output, registry, files, articles_at, keys, cache_dir, jobs, staging,
                                     engine, progress)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # pages staged but not used (merged copies, …)
    finally:
        if collecting:
            gc.enable()


def _build_locked(inputs: list[Path], output: Path, registry: Registry, files: list, articles_at: list[int],
                  keys: list[Optional[str]], cache_dir: Optional[Path], jobs: Optional[int],
                  staging: Path, engine: Optional[Engine], progress: Progress) -> BuildReport:
    report = BuildReport()
    # Read, understand and prepare each file: cached (cache_dir) and over a process pool (jobs)
    # or the engine.
    prepared_files = prepare_inputs([files[i] for i in articles_at], keys, registry, understand=understand,
                                    cache_dir=cache_dir, jobs=jobs, staging=staging, engine=engine,
                                    progress=progress)
    by_file = dict(zip(articles_at, prepared_files))
    prepared: list[Prepared] = []
    for i, (path, root) in enumerate(files):
        for item in by_file[i] if i in by_file else unread_problems(path, root, inputs):
            (report.problems if isinstance(item, Problem) else prepared).append(item)
    with progress.phase("merging copies, grouping, rendering"):
        # The rules across articles (duplicates, failures) as digest_articles has them.
        done = digest_articles(prepared, registry, report, understand=_prepared_outcome,
                               key=lambda p: p.duplicate_key)
        articles = merge_copies(done, prepared_files, keys, cache_dir)
        digest: Digest = group_articles(articles, registry, slug_bases={
            id(p.article): p.slug_base for p in done if p.slug_base is not None})
        pages = render_pages(digest, registry, {id(p.article): p for p in done})
    with progress.phase("writing pages", total=len(pages), unit="pages") as writing:
        report.written = write_pages(Path(output), pages, staged_pages(staging) if staging.is_dir() else None,
                                     on_page=writing.update)
    report.articles = len(articles)
    report.pages = len(pages)
    report.groups = {g.slug: len(g.articles) for g in digest.groups}
    report.quality = quality_report(articles)
    for article in articles:
        report.unknown_references.update(article.cited_references)
    return report


def merge_copies(done: list[Prepared], prepared_files: list[list], keys: list[Optional[str]],
                 cache_dir: Optional[Path]) -> list[Article]:
    """The articles with syndicated copies merged (syndication.py). With a cache, from the last
    build's state (syndication_state.py): a rebuild compares the changed articles only."""
    articles = [p.article for p in done]
    sets, sketches, bitmaps = [p.shingles for p in done], [p.sketch for p in done], [p.bitmap for p in done]
    if cache_dir is None:
        return merge_syndicated(articles, sets=sets, sketches=sketches, bitmaps=bitmaps).kept
    # An article's identity: its file's cache key (the file's bytes, its sidecar, its source name,
    # the code and data: all its shingles come from) and its place among the file's items.
    identity_of: dict[int, bytes] = {}
    for key, items in zip(keys, prepared_files):
        if key is not None:
            prefix = bytes.fromhex(key)
            for n, item in enumerate(items):
                identity_of[id(item)] = prefix + n.to_bytes(4, "little")
    result, state = merge_with_state(articles, sets, sketches, bitmaps, [identity_of.get(id(p)) for p in done],
                                     load_syndication_state(cache_dir), context=code_fingerprint())
    save_syndication_state(cache_dir, state)
    return result.kept
