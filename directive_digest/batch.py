"""Preparing many input files fast: a content-hash cache and a process pool.

``prepare_inputs`` runs ``prepare.prepare_file`` (read, understand, and what later steps
need from each article alone: its page, its shingles, its organisations) for every input
file, without changing what it produces:

* **Cache.** Each file's prepared items are stored in ``<cache dir>/<key[:2]>/<key>.pickle``.
  The key (``file_key``) is the sha256 of the file's bytes, its editors' sidecar, its source
  name, the tool's version and source code, the data files (``directives.yaml``,
  ``lexicon.yaml``) and the registry in use. Change any of them and the file is prepared
  again; after one changed article, one file is.
* **Pool.** Files not in the cache are prepared by a ``multiprocessing`` pool (one worker
  per core), reading and understanding together. Results are put back in input order, so
  the pages rendered from them are byte-identical to a serial run.

The digest step's rules across articles (duplicates, order, how a failure is reported) are
then applied to the prepared articles in the main process (build.py), exactly as before.
The cache is a plain directory; deleting it is always safe.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from .lexicon import DATA_DIR

CACHE_DIR_NAME = ".digest-cache"
# Below this many files to prepare, a pool costs more than it saves.
PARALLEL_THRESHOLD = 64
PACKAGE_DIR = Path(__file__).parent

UnderstandFn = Callable[..., object]


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


def file_key(path: Path, source: str, context: str, names: Optional[set[str]] = None) -> Optional[str]:
    """The cache key of one input file: what it holds and everything that decides what it
    becomes. None when it cannot be read (then it is prepared every time, and says why).
    ``names``: what the file's directory holds, when listed already (see ``DirectoryNames``)."""
    from .overrides import sidecar_path

    h = hashlib.sha256(context.encode() + b"\0" + source.encode("utf-8", "surrogateescape"))
    try:
        h.update(b"\0" + hashlib.sha256(path.read_bytes()).digest())
        sidecar = sidecar_path(path, names)
        if sidecar is not None:
            h.update(b"\0sidecar " + hashlib.sha256(sidecar.read_bytes()).digest())
    except OSError:
        return None
    return h.hexdigest()


class DirectoryNames:
    """The names in each directory, listed once: the sidecar look-up of many files without
    three stat calls each. None for a directory that cannot be listed (look the usual way)."""

    def __init__(self):
        self._names: dict[Path, Optional[set[str]]] = {}

    def __call__(self, path: Path) -> Optional[set[str]]:
        directory = path.parent
        if directory not in self._names:
            try:
                self._names[directory] = set(os.listdir(directory))
            except OSError:
                self._names[directory] = None
        return self._names[directory]


class Cache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._made: set[Path] = set()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        try:
            with open(self._path(key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return None  # missing or unreadable (an older tool's classes): prepare again

    def put(self, key: str, value) -> None:
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        tmp = path.with_name(f".{key}.{os.getpid()}.tmp")  # one writer per process: no clash
        try:
            with open(tmp, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


# --- the pool ------------------------------------------------------------------------------

_worker_state: dict = {}


def _init_worker(understand: UnderstandFn, registry, cache_dir: Optional[Path], staging: Optional[Path] = None) -> None:
    _worker_state.update(understand=understand, registry=registry,
                         cache=Cache(cache_dir) if cache_dir is not None else None, staging=staging)


def _worker(task: tuple) -> bytes:
    """One file prepared, pickled here (once) for the trip back and for the cache, which the
    worker writes too: the main process only receives."""
    from .prepare import prepare_file

    path, root, key = task
    items = prepare_file(path, root, _worker_state["understand"], _worker_state["registry"])
    data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
    if _worker_state["cache"] is not None and key is not None:
        _worker_state["cache"].put_bytes(key, data)
    if _worker_state["staging"] is not None:  # its page written ahead, here, in parallel (write.stage_page)
        from .prepare import Prepared
        from .write import stage_page

        for item in items:
            if isinstance(item, Prepared) and item.page is not None:
                stage_page(_worker_state["staging"], item.page)
    return data


def raise_error(outcome: tuple):
    """Raise again what understanding an article raised (same type for the digest step's rules)."""
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


def prepare_inputs(files: list[tuple[Path, Path]], keys: list[Optional[str]], registry, *,
                   understand: UnderstandFn, cache_dir: Optional[Path] = None, jobs: Optional[int] = None,
                   threshold: Optional[int] = None, staging: Optional[Path] = None) -> list[list]:
    """``prepare_file`` of each (path, root), in order: from the cache (``keys``, None: not
    cached) when there, else in a pool (``jobs`` processes) or in this process. ``staging``:
    a directory (made here when the pool runs) where pool workers write their articles'
    pages ahead (write.stage_page) for write_pages to move into place."""
    from .prepare import prepare_file

    jobs = default_jobs() if jobs is None else max(1, jobs)
    threshold = PARALLEL_THRESHOLD if threshold is None else threshold
    cache = Cache(cache_dir) if cache_dir is not None else None
    results: list = [None] * len(files)
    if cache is not None:
        for i, key in enumerate(keys):
            if key is not None:
                results[i] = cache.get(key)
    missing = [i for i, r in enumerate(results) if r is None]
    if jobs <= 1 or len(missing) < threshold:
        for i in missing:
            results[i] = prepare_file(*files[i], understand, registry)
            if cache is not None and keys[i] is not None:
                cache.put(keys[i], results[i])
        return results
    import multiprocessing

    # fork: workers inherit the loaded modules and caches; no re-import per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunksize = max(1, min(16, len(missing) // (jobs * 8)))
    tasks = [(*files[i], keys[i]) for i in missing]
    if staging is not None:
        try:
            staging.mkdir(parents=True, exist_ok=True)
        except OSError:
            staging = None  # nothing staged: every page written the usual way
    with context.Pool(jobs, initializer=_init_worker, initargs=(understand, registry, cache_dir, staging)) as pool:
        for i, data in zip(missing, pool.imap(_worker, tasks, chunksize=chunksize)):
            results[i] = pickle.loads(data)
    return results


# --- the no-op rebuild -----------------------------------------------------------------------
# When every input, the code and the data are what the last build saw, and the output still
# holds what that build wrote, the pages would come out byte-identical: skip grouping,
# rendering and writing, and give back that build's report.

LAST_BUILD = "last-build.pickle"


def build_fingerprint(context: str, inputs, output: Path, files: list[tuple[Path, Path]],
                      keys: list[Optional[str]]) -> str:
    """sha256 over the code and data (``context``), the inputs as named, the output's place and
    every input file's name and key (its bytes and its sidecar's): a no-op run reads no article."""
    h = hashlib.sha256((context + str(Path(output).resolve())).encode())
    for given in inputs:
        h.update(b"\0input " + str(given).encode("utf-8", "surrogateescape"))
    for (path, _root), key in zip(files, keys):
        h.update(b"\0" + str(path).encode("utf-8", "surrogateescape") + b"\0" + (key or "-").encode())
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
