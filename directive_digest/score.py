"""Scoring: extracted fields against a labelled set, per-field accuracy.

    python -m directive_digest.score --labels LABELS.json --root DIR [--split SPLIT.json] [--verbose]
    python -m directive_digest.score --real [--pages DIR] [--verbose]

LABELS is a JSON list as in ``shared/corpus/seeds.labels.json``: ``file`` (relative to
ROOT), ``title``, ``published_date``, ``year``, ``primary_directive``, ``directives``
(non-registry references as "other:<text>"), ``author``, ``source_line``, optionally
``outlet``. A field absent from a label is not scored for that article.

Figures are given per part of a split (``tuned`` / ``untouched``, see tests/data/real/README.md)
and per input format (html, txt, md). ``--real`` scores the real corpus: the label files of
tests/data/real/ (the shared draft labels for files they do not label yet) with its split; the
labelled whole pages ("pages/<name>") are looked up in ``--pages DIR`` ($DIGEST_PAGES, default the
shared corpus' ``real/pages``), and those absent are counted and left out.
Misses are listed (``-v``) for every part but ``untouched``: that part is scored, never read to
fix a miss.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .article import Article
from .classify import is_state_reference
from .document_numbers import canonical_id
from .problems import InputError, Problem, internal_error
from .readers import read_file
from .registry import Registry, load_registry
from .stages import understand
from .vntext import match_key, normalise

FIELDS = ("title", "published_date", "year", "primary_directive", "directives", "author", "source_line", "outlet")
FORMATS = ("html", "txt", "md")
UNTOUCHED = "untouched"

REPO = Path(__file__).resolve().parent.parent
REAL_LABELS = REPO / "tests" / "data" / "real"
# Labelled whole pages are named "pages/<name>" and live in a pages folder of their own.
PAGES_PREFIX = "pages/"


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
    do "other:Kết luận số 16-KL/TW" and "16-KL/TW" (document_numbers.canonical_id)."""
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
    articles: int = 0
    built: int = 0
    year_wrong: int = 0  # a year given that is not the labelled one (a missing year is not wrong)
    year_missing: int = 0  # no year given where the label has one
    cited: dict = field(default_factory=lambda: {"found": 0, "labelled": 0, "right": 0, "given": 0})

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.total[name] if self.total[name] else 1.0

    def add(self, other: "Score") -> "Score":
        for name in FIELDS:
            self.right[name] += other.right[name]
            self.total[name] += other.total[name]
        for key in self.cited:
            self.cited[key] += other.cited[key]
        self.misses += other.misses
        self.articles += other.articles
        self.built += other.built
        self.year_wrong += other.year_wrong
        self.year_missing += other.year_missing
        return self


def score_article(label: dict, root: Path, registry: Registry) -> Score:
    """One labelled article: read and understood as the build does; a failure misses every field."""
    result = Score(articles=1)
    got: Optional[dict] = None
    try:
        items = read_file(label_path(label, root), root)
        if items and isinstance(items[0], Problem):
            raise InputError(items[0].reason)
        got = extracted(understand(items[0], registry))
        result.built = 1
    except (InputError, ValueError, OSError) as error:
        failure = f"(not built: {error})"
    except Exception as error:  # a bug costs the article, as in the build
        failure = f"(not built: {internal_error(error)})"
    for name in FIELDS:
        if name not in label:
            continue
        want = label[name]
        result.total[name] += 1
        if got is None:
            result.misses.append((label["file"], name, failure, want))
            continue
        if _same(name, got[name], want):
            result.right[name] += 1
        else:
            result.misses.append((label["file"], name, got[name], want))
    if "year" in label:
        given = got["year"] if got else None
        result.year_missing += given is None and label["year"] is not None
        result.year_wrong += given is not None and given != label["year"]
    if "directives" in label:
        want = {_reference_key(x) for x in label["directives"]}
        given = {_reference_key(x) for x in got["directives"]} if got else set()
        result.cited["labelled"] += len(want)
        result.cited["found"] += len(want & given)
        result.cited["given"] += len(given)
        result.cited["right"] += len(given & want)
    return result


def label_path(label: dict, root: Path) -> Path:
    """Where a labelled file is: ``path`` when the label was placed elsewhere (a folder of
    pages), else ``file`` under its set's root."""
    return Path(label["path"]) if "path" in label else root / label["file"]


def score(labels: list[dict], root: Path, registry: Registry | None = None) -> Score:
    registry = registry or load_registry()
    result = Score()
    for label in labels:
        result.add(score_article(label, root, registry))
    return result


def split_part(file: str, split: dict) -> str:
    """The part of a split a labelled file belongs to: as listed, else by the split's rule
    (tests/data/real/README.md: a hash of the path, so files added later follow it too)."""
    for part in (UNTOUCHED, "tuned"):
        if file in split.get(part, ()):
            return part
    return UNTOUCHED if int(hashlib.sha256(file.encode("utf-8")).hexdigest()[:8], 16) % 10 < 4 else "tuned"


def input_format(file: str) -> str:
    suffix = Path(file).suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix)


def score_groups(sets: list[tuple[list[dict], Path]], split: Optional[dict],
                 registry: Registry | None = None) -> dict[tuple[str, str], Score]:
    """{(part, format): Score} over labelled sets; the part is "all" without a split."""
    registry = registry or load_registry()
    groups: dict[tuple[str, str], Score] = {}
    for labels, root in sets:
        for label in labels:
            key = (split_part(label["file"], split) if split else "all", input_format(label["file"]))
            groups.setdefault(key, Score()).add(score_article(label, root, registry))
    return groups


@dataclass
class RealSets:
    """The real corpus' labelled sets (labels, root), its split file, and the labelled files
    that were not found: whole pages ("pages/…") apart from the rest."""

    sets: list[tuple[list[dict], Path]]
    split: Path
    pages_dir: Path
    missing_pages: list[str]
    missing: list[str]

    @property
    def pages(self) -> int:
        return sum(1 for labels, _root in self.sets for label in labels if label["file"].startswith(PAGES_PREFIX))


def real_sets(shared: Path, pages: Optional[Path] = None) -> RealSets:
    """Labelled sets of the real corpus.

    The label files of tests/data/real/ name files of shared/corpus/real/ (found there or beside
    the labels) and whole saved pages as "pages/<name>", found as ``<pages>/<name>`` (default:
    shared/corpus/real/pages). Files none of them labels keep their shared draft label
    (shared/corpus/real/labels.json), so each part is scored while its labels are written. A
    labelled file that is not there (pages not brought back) is left out and named."""
    corpus = shared / "corpus" / "real"
    pages = pages or corpus / "pages"
    sets = [(_load(path), corpus) for path in sorted(REAL_LABELS.glob("*.labels.json"))]
    labelled = {label["file"] for labels, _root in sets for label in labels}
    draft = corpus / "labels.json"
    if draft.is_file():
        sets.append(([label for label in _load(draft) if label["file"] not in labelled], corpus))
    found, missing_pages, missing = [], [], []
    for labels, root in sets:
        placed = [{**label, "path": str(pages / label["file"][len(PAGES_PREFIX):])} for label in labels
                  if label["file"].startswith(PAGES_PREFIX)]
        if placed:
            kept = [label for label in placed if Path(label["path"]).is_file()]
            missing_pages += [label["file"] for label in placed if label not in kept]
            if kept:
                found.append((kept, root))
        labels = [label for label in labels if not label["file"].startswith(PAGES_PREFIX)]
        for where in (root, REAL_LABELS):
            kept = [label for label in labels if (where / label["file"]).is_file()]
            if kept:
                found.append((kept, where))
            labels = [label for label in labels if label not in kept]
        missing += [label["file"] for label in labels]
    return RealSets(found, REAL_LABELS / "split.json", pages, missing_pages, missing)


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _cell(right: int, total: int) -> str:
    return f"{right}/{total} {right / total:6.1%}" if total else "—"


def report_lines(groups: dict[tuple[str, str], Score]) -> list[str]:
    """A table per part: every field, all formats together then each format."""
    lines = []
    for part in sorted({p for p, _ in groups}, key=lambda p: (p == UNTOUCHED, p)):
        by_format = {fmt: s for (p, fmt), s in groups.items() if p == part}
        formats = [f for f in FORMATS if f in by_format] + sorted(set(by_format) - set(FORMATS))
        columns = {"all": Score()}
        for fmt in formats:
            columns["all"].add(by_format[fmt])
        columns.update({fmt: by_format.get(fmt, Score()) for fmt in FORMATS})
        columns.update({fmt: by_format[fmt] for fmt in formats})
        lines.append(f"== {part}: " + ", ".join(f"{fmt} {by_format[fmt].articles}" for fmt in formats))
        lines.append(f"{'field':<18}" + "".join(f"{name:>16}" for name in columns))
        rows = [("built", lambda s: (s.built, s.articles))]
        rows += [(name, lambda s, n=name: (s.right[n], s.total[n])) for name in FIELDS]
        rows += [("year wrong", lambda s: (s.year_wrong, s.total["year"])),
                 ("year missing", lambda s: (s.year_missing, s.total["year"])),
                 ("cited recall", lambda s: (s.cited["found"], s.cited["labelled"])),
                 ("cited precision", lambda s: (s.cited["right"], s.cited["given"]))]
        for name, figures in rows:
            if not any(figures(s)[1] for s in columns.values()):
                continue
            lines.append(f"{name:<18}" + "".join(f"{_cell(*figures(s)):>16}" for s in columns.values()))
    return lines


def real_note(real: RealSets) -> str:
    """What the real corpus' figures stand on: pages found and labelled files left out."""
    labelled_pages = real.pages + len(real.missing_pages)
    lines = [f"(labelled whole pages: {real.pages} of {labelled_pages} found in {real.pages_dir}"
             + (f"; {len(real.missing_pages)} absent, left out: tests/data/real/README.md says how to bring them "
                f"back, then give --pages DIR)" if real.missing_pages else ")")]
    if real.missing:
        lines.append(f"({len(real.missing)} other labelled files of the real corpus were not found: left out)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m directive_digest.score", description=__doc__.splitlines()[0])
    p.add_argument("--labels", type=Path, action="append", default=[], help="labels JSON; repeatable")
    p.add_argument("--root", type=Path, action="append",
                   help="directory the labels' file paths are relative to (default: the labels file's directory); "
                        "one per --labels")
    p.add_argument("--split", type=Path, help="split JSON (tuned / untouched file lists): figures per part")
    p.add_argument("--real", action="store_true",
                   help="score the real corpus: tests/data/real/*.labels.json (the shared draft labels for the rest) "
                        "over $DIGEST_SHARED/corpus/real (default ../shared), per part of tests/data/real/split.json")
    p.add_argument("--pages", type=Path, metavar="DIR",
                   help="with --real: the folder holding the labelled whole pages (pages/<name> in the labels; "
                        "default $DIGEST_PAGES, else the shared corpus' real/pages)")
    p.add_argument("--verbose", "-v", action="store_true", help="list every miss (never the untouched part's)")
    args = p.parse_args(argv)
    if args.pages and not args.real:
        p.error("--pages goes with --real")
    if args.pages and not args.pages.is_dir():
        p.error(f"no folder of pages at {args.pages}")
    roots = args.root or [labels.parent for labels in args.labels]
    if len(roots) != len(args.labels):
        p.error("give one --root per --labels")
    for labels_path in args.labels:
        if not labels_path.is_file():
            p.error(f"no labels file at {labels_path}")
    sets = [(_load(labels_path), root) for labels_path, root in zip(args.labels, roots)]
    split_path = args.split
    if args.real:
        shared = Path(os.environ.get("DIGEST_SHARED", REPO.parent / "shared"))
        pages = args.pages or (Path(os.environ["DIGEST_PAGES"]) if os.environ.get("DIGEST_PAGES") else None)
        real = real_sets(shared, pages)
        sets += real.sets
        split_path = split_path or real.split
        print(real_note(real))
    if not sets:
        p.error("give --labels (and --root) or --real")
    split = json.loads(split_path.read_text(encoding="utf-8")) if split_path else None
    groups = score_groups(sets, split)
    print("\n".join(report_lines(groups)))
    if args.verbose:
        for (part, _fmt), s in sorted(groups.items()):
            if part == UNTOUCHED:
                continue
            for file, name, got, want in s.misses:
                print(f"MISS {file} {name}: got {got!r}, want {want!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
