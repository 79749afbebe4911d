"""Which pages each shard builds, and what its output depends on (its fingerprint).

A shard is a set of whole *article folders* (``<directive>/<year>``: a year's articles stay
together, since each article's page names its place among them and its neighbours), taken
in path order so that a large directive is cut into ranges of years, balanced by article
count; a shard renders its folders' articles and year pages. The *top* shard owns every
other page (home, hand-written pages, directive and tag pages) and the search index. The site plugin decides what each shard renders from the
same folders (directive_digest/site/shard.py).

A shard's fingerprint covers everything its pages are made of:

* every shard: the code (batch.code_fingerprint), mkdocs.yml, the theme's overrides, the
  installed MkDocs and Material, the environment variables mkdocs.yml reads;
* the top shard: every file of ``content/``;
* an article shard: its folders' files (articles, year pages), and the *skeleton* every
  page's navigation and way back are made of: the other pages' paths and front matter (the
  whole file of a page the digest did not write, whose title may be its first heading). An
  article changed in one shard changes that shard and the top shard (its tag pages, its
  directive's latest articles, the search index), not the others.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import math
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import code_fingerprint
from ..tag_pages import TAGS_DIR

TOP = "top"
# `--shards auto`: shards of at most this many articles (a shard's memory and its rebuild
# time grow with it), and at least as many shards as cores.
ARTICLES_PER_SHARD = 5000
# `make site` / `--shards auto` builds the whole site in one MkDocs run below this many articles.
SHARD_ABOVE = 5000
GENERATED = ".digest-manifest.json"
_KIND = re.compile(rb"^kind:\s*(year|directive|tag|tags)\s*$", re.MULTILINE)
_ENV = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")


@dataclass
class ShardPlan:
    name: str
    folders: list[str] = field(default_factory=list)  # article folders (relative to docs_dir, posix)
    articles: int = 0

    @property
    def top(self) -> bool:
        return self.name == TOP


@dataclass
class Plan:
    docs_dir: Path
    article_folders: dict[str, int]  # folder -> pages in it (its index.md aside)
    shards: list[ShardPlan]  # the top shard first
    files: list[str] | None = None  # every file of docs_dir, as scan() listed them (None: not kept)

    @property
    def articles(self) -> int:
        return sum(self.article_folders.values())


def scan(docs_dir: Path) -> tuple[dict[str, int], list[str]]:
    """(article folders with their page counts, every file of docs_dir), paths relative and
    posix, in a stable order. An article folder is a folder two levels down (not the tags'
    or an underscore folder) holding Markdown pages besides its index.md."""
    folders: dict[str, int] = {}
    every: list[str] = []
    for root, dirs, names in os.walk(docs_dir):
        dirs.sort()
        rel = Path(root).relative_to(docs_dir).as_posix()
        rel = "" if rel == "." else rel
        for name in sorted(names):
            every.append(posixpath.join(rel, name) if rel else name)
        parts = rel.split("/") if rel else []
        if len(parts) == 2 and parts[0] != TAGS_DIR and not parts[0].startswith(("_", ".")):
            pages = sum(1 for n in names if n.endswith(".md") and n != "index.md")
            if pages:
                folders[rel] = pages
    return folders, every


def shard_count(articles: int, cores: int, wanted) -> int:
    """Article shards for ``--shards wanted`` ("auto" or a number)."""
    if wanted != "auto":
        return max(1, int(wanted))
    return max(cores, 2, math.ceil(articles / ARTICLES_PER_SHARD))


def split(folders: dict[str, int], count: int) -> list[list[str]]:
    """``folders`` (in path order) cut into at most ``count`` runs of about equal article counts."""
    total = sum(folders.values())
    runs: list[list[str]] = [[]]
    done = 0
    for folder, n in folders.items():
        # Start the next run once this one reached its share (never more runs than asked).
        if runs[-1] and len(runs) < count and done >= total * len(runs) / count:
            runs.append([])
        runs[-1].append(folder)
        done += n
    return [r for r in runs if r]


def make_plan(docs_dir: Path, count: int, scanned: tuple[dict[str, int], list[str]] | None = None) -> Plan:
    """The shards of ``docs_dir`` (``scanned``: what scan() gave for it, not walked again)."""
    folders, every = scanned if scanned is not None else scan(docs_dir)
    shards = [ShardPlan(TOP)]
    for i, run in enumerate(split(folders, count), 1):
        digest = hashlib.sha256("\n".join(run).encode()).hexdigest()[:10]
        shards.append(ShardPlan(f"s{i:03d}-{digest}", run, sum(folders[f] for f in run)))
    return Plan(docs_dir, folders, shards, every)


# --- fingerprints ------------------------------------------------------------------------

def _tree(h, root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())


def common_fingerprint(config_file: Path, overrides: Path | None) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    text = config_file.read_bytes()
    h.update(text)
    for name in sorted(set(_ENV.findall(text.decode("utf-8", "replace")))):
        h.update(f"\0{name}={os.environ.get(name)}".encode())
    for package in ("mkdocs", "mkdocs-material"):
        h.update(f"\0{package} {importlib.metadata.version(package)}".encode())
    if overrides is not None and overrides.is_dir():
        _tree(h, overrides)
    return h.hexdigest()


def _skeleton_part(data: bytes) -> bytes:
    """What the other shards' pages take from a page: a digest page's front matter (title,
    kind, page numbers); the whole of any other page."""
    if data.startswith(b"---\n"):
        end = data.find(b"\n---\n", 4)
        if end > 0 and _KIND.search(data, 0, end):
            return data[:end]
    return data


def fingerprints(plan: Plan, common: str) -> dict[str, str]:
    """Each shard's fingerprint, reading every file of docs_dir once and hashing it once (its
    sha256 is what the fingerprints take: the articles' bytes were hashed twice before, for
    the top shard and for their own)."""
    every = plan.files if plan.files is not None else scan(plan.docs_dir)[1]
    owner = {f: s.name for s in plan.shards for f in s.folders}
    top = hashlib.sha256(common.encode() + b"\0top\0")
    skeleton = hashlib.sha256()
    own = {s.name: hashlib.sha256(f"{common}\0{s.name}\0{chr(10).join(s.folders)}".encode())
           for s in plan.shards if not s.top}
    docs = os.fspath(plan.docs_dir)
    for rel in every:
        if rel == GENERATED:  # the digest's bookkeeping: it changes no page (site/dialect.py)
            continue
        with open(os.path.join(docs, rel), "rb") as f:
            data = f.read()
        digest = hashlib.sha256(data).digest()
        entry = rel.encode() + b"\0" + digest
        top.update(entry)
        folder = posixpath.dirname(rel)
        parent, last = posixpath.split(folder)
        year = folder if folder in owner else parent if last == "trang" and parent in owner else None
        if year is not None:  # the shard's own: its articles, year pages (site/shard.py)
            own[owner[year]].update(entry)
        elif rel.endswith(".md"):
            part = _skeleton_part(data)
            skeleton.update(rel.encode() + b"\0" + (digest if part is data else hashlib.sha256(part).digest()))
    out = {TOP: top.hexdigest()}
    for name, h in own.items():
        h.update(skeleton.digest())
        out[name] = h.hexdigest()
    return out
