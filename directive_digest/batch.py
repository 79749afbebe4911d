"""Understanding many articles fast: a content-hash cache and a process pool.

``understand_batch`` wraps the per-article step (``build.understand``) of
``build.digest_articles`` without changing what it produces (whatever the digest step's
error handling and rules across articles are, they run as before, on the results):

* **Cache.** Each article's result (the understood ``Article``, or the error it
  raised) is stored in ``<cache dir>/<key[:2]>/<key>.pickle``. The key is the sha256 of
  the article as read (source name, text, the fields its input states, editors'
  overrides included), the tool's version and source code, the data files
  (``directives.yaml``, ``lexicon.yaml``) and the registry in use. Change any of them
  and the article is understood again; a no-op rebuild only reads and hashes.
* **Pool.** Articles not in the cache are understood by a ``multiprocessing`` pool
  (one worker per core). Results are put back in input order, so the pages rendered
  from them are byte-identical to a serial run.

The cache is a plain directory; deleting it is always safe.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from .article import Article
from .lexicon import DATA_DIR

CACHE_DIR_NAME = ".digest-cache"
# Below this many articles to understand, a pool costs more than it saves.
PARALLEL_THRESHOLD = 64
PACKAGE_DIR = Path(__file__).parent

# digest(articles, registry, report, understand=...) -> understood articles; problems go to report.problems.
DigestFn = Callable[..., list]
UnderstandFn = Callable[[Article, object], Article]


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """sha256 over the tool's version and every source file of the package."""
    from . import __version__

    h = hashlib.sha256(f"directive_digest {__version__}\n".encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def data_fingerprint(registry) -> str:
    """sha256 over the data files and the registry actually in use (it may not be the default one)."""
    h = hashlib.sha256()
    for path in sorted(DATA_DIR.glob("*")):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    directives = getattr(registry, "directives", {})
    h.update(repr(sorted((k, repr(v)) for k, v in directives.items())).encode())
    return h.hexdigest()


def article_key(article: Article, context: str) -> str:
    """The cache key of one article as read, before any stage has touched it."""
    given = json.dumps(article.given, ensure_ascii=False, sort_keys=True, default=repr)
    h = hashlib.sha256(context.encode())
    for part in (article.source, article.text, given):
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Cache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        try:
            with open(self._path(key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return None  # missing or unreadable (an older tool's classes): understand again

    def put(self, key: str, value) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# --- the pool ------------------------------------------------------------------------------
# Workers run the per-article step only (``understand``); what it returned or raised is then
# replayed through the caller's ``digest`` in the main process, so the digest step's rules
# across articles (duplicates, order, how a failure is reported) apply exactly as before.

_worker_state: dict = {}


def _init_worker(understand: UnderstandFn, registry) -> None:
    _worker_state.update(understand=understand, registry=registry)


def _outcome(article: Article, understand: UnderstandFn, registry) -> tuple:
    """("ok", understood article) or ("error", kind, type name, message): picklable either way."""
    from .readers import InputError

    try:
        return ("ok", understand(article, registry))
    except InputError as error:
        return ("error", "input", type(error).__name__, str(error))
    except ValueError as error:
        return ("error", "value", type(error).__name__, str(error))
    except Exception as error:  # noqa: BLE001 - the digest step decides what a bug costs
        return ("error", "other", type(error).__name__, str(error))


def _worker(article: Article) -> tuple:
    return _outcome(article, _worker_state["understand"], _worker_state["registry"])


def _raise(outcome: tuple):
    from .readers import InputError

    _, kind, name, message = outcome
    if kind == "input":
        raise InputError(message)
    if kind == "value":
        raise ValueError(message)
    raise type(name, (Exception,), {})(message)  # same name and message as the original


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _run(articles: list[Article], understand: UnderstandFn, registry, jobs: int, threshold: int) -> list:
    if jobs <= 1 or len(articles) < threshold:
        return [_outcome(a, understand, registry) for a in articles]
    import multiprocessing

    # fork: workers inherit the loaded modules and caches; no re-import per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunksize = max(1, min(64, len(articles) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(understand, registry)) as pool:
        return pool.map(_worker, articles, chunksize=chunksize)


def understand_batch(articles: list[Article], registry, report, digest: DigestFn, *, understand: UnderstandFn,
                     cache_dir: Optional[Path] = None, jobs: Optional[int] = None,
                     threshold: Optional[int] = None) -> list[Article]:
    """``digest(articles, registry, report)``, its ``understand`` calls cached and in parallel."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    threshold = PARALLEL_THRESHOLD if threshold is None else threshold
    cache = Cache(cache_dir) if cache_dir is not None else None
    outcomes: list = [None] * len(articles)
    keys: list[Optional[str]] = [None] * len(articles)
    if cache is not None:
        context = code_fingerprint() + data_fingerprint(registry)
        for i, article in enumerate(articles):
            keys[i] = article_key(article, context)
            outcomes[i] = cache.get(keys[i])
    missing = [i for i, r in enumerate(outcomes) if r is None]
    if missing:
        fresh = _run([articles[i] for i in missing], understand, registry, jobs, threshold)
        for i, outcome in zip(missing, fresh):
            outcomes[i] = outcome
            if cache is not None:
                cache.put(keys[i], outcome)
    by_article = {id(a): outcome for a, outcome in zip(articles, outcomes)}

    def replay(article: Article, _registry) -> Article:
        outcome = by_article[id(article)]
        if outcome[0] == "ok":
            return outcome[1]
        _raise(outcome)

    return digest(articles, registry, report, understand=replay)


# --- the no-op rebuild -----------------------------------------------------------------------
# When every input, the code and the data are what the last build saw, and the output still
# holds what that build wrote, the pages would come out byte-identical: skip grouping,
# rendering and writing, and give back that build's report.

LAST_BUILD = "last-build.pickle"


def build_fingerprint(inputs, registry, output: Path) -> str:
    """sha256 over the code, the data, the output's place and every input file's name and bytes
    (editors' sidecar files included), taken before reading: a no-op run reads no article."""
    from .overrides import sidecar_path
    from .readers import discover

    h = hashlib.sha256((code_fingerprint() + data_fingerprint(registry) + str(Path(output).resolve())).encode())
    for path, root in discover([Path(p) for p in inputs]):
        for file in (path, sidecar_path(path)):
            if file is None:
                continue
            h.update(b"\0" + str(file).encode("utf-8", "surrogateescape") + b"\0")
            try:
                h.update(hashlib.sha256(file.read_bytes()).digest())
            except OSError as error:
                h.update(f"unreadable: {error}".encode())
    return h.hexdigest()


def _output_intact(output: Path, files: dict[str, str]) -> bool:
    from .write import _digest, load_manifest

    if load_manifest(output) != files:
        return False
    for relative, digest in files.items():
        try:
            if _digest((output / relative).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def unchanged_build(fingerprint: str, output: Path, cache_dir: Optional[Path]):
    """The last build's report when nothing changed since it (see above), else None."""
    if cache_dir is None:
        return None
    try:
        with open(Path(cache_dir) / LAST_BUILD, "rb") as handle:
            last = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None
    if last.get("fingerprint") != fingerprint or not _output_intact(Path(output), last.get("files", {})):
        return None
    report = last["report"]
    written = type(report.written)()
    written.unchanged = sorted(last["files"])
    written.refused = list(report.written.refused)
    report.written = written
    return report


def remember_build(fingerprint: str, output: Path, cache_dir: Optional[Path], report) -> None:
    if cache_dir is None:
        return
    from .write import load_manifest

    Cache(cache_dir).directory.mkdir(parents=True, exist_ok=True)
    path = Path(cache_dir) / LAST_BUILD
    record = {"fingerprint": fingerprint, "files": load_manifest(Path(output)), "report": report}
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=cache_dir)
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
