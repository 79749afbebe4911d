"""Preparing many input files fast: from the cache, else in a process pool.

``prepare_inputs`` runs ``prepare.prepare_file`` (read, understand, and what later steps
need from each article alone: its page, its shingles, its organisations) for every input
file, without changing what it produces: each file comes from the cache (batch.Cache) when
its key is there, else from a ``multiprocessing`` pool (one worker per core, ``fork``) or,
for a few files, from this process. Results are put back in input order, so the pages
rendered from them are byte-identical to a serial run. The digest step's rules across
articles (duplicates, order, how a failure is reported) are then applied in the main
process (build.py).

Each worker prepares files, appends each result to its cache pack
(batch.Cache) and stages each article's page in the output (write.stage_page): creating
files is kernel work (~0.3-0.5 ms a file on the machine measured), done here alongside the
other worker's understanding instead of serially in the main process after the pool.

Another engine (``engine``: dask_engine.DaskEngine, given by the command line) can take the
pool's place: it is handed the files to prepare and gives back each one's pickled result,
which this process caches and uses as the serial path does (nothing is staged: the engine's
workers may be on other machines).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Callable, Iterator, Optional, Protocol

from .batch import Cache, DirectoryNames
from .prepare import Prepared, prepare_file
from .progress import NO_PROGRESS, Phase, Progress
from .write import stage_page

# Below this many files to prepare, a pool costs more than it saves.
PARALLEL_THRESHOLD = 64

UnderstandFn = Callable[..., object]

_state: dict = {}


class Engine(Protocol):
    """What runs preparation instead of the local pool (dask_engine.DaskEngine)."""

    def describe(self) -> str:
        """What it is, for messages: 'a local Dask cluster'."""

    def start(self) -> None:
        """Reach or start what runs the work (before the first task; may take seconds)."""

    def prepare(self, tasks: list[tuple[Path, Path]], registry, understand: UnderstandFn
                ) -> Iterator[tuple[int, bytes, bool]]:
        """(index in ``tasks``, pickled ``prepare_file`` result, whether it may be cached) of every
        task, as each is done. Not cached: what stands for a file the engine failed to prepare."""


def _init(understand, registry, cache_dir: Optional[Path], staging: Optional[Path]) -> None:
    gc.enable()  # the main process builds without (build._build); a worker's own garbage is collected
    # Ctrl-C reaches every process in the terminal: the main process answers it (exit 130) and
    # ends the pool; a worker printing its own KeyboardInterrupt traceback would only be noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if staging is not None:  # a directory of its own (write.staged_pages)
        try:
            staging = staging / str(os.getpid())
            staging.mkdir(exist_ok=True)
        except OSError:
            staging = None
    # Each directory listed once (a few dozen), not three sidecar look-ups per article.
    _state.update(understand=understand, registry=registry, names=DirectoryNames(),
                  cache=Cache(cache_dir) if cache_dir is not None else None, staging=staging)


def prepare_task(task: tuple) -> tuple[Optional[bytes], Optional[tuple]]:
    """One file prepared and pickled here, once, for the cache (the worker appends it to its
    pack) and for the main process, which reads it from there: what comes back through the
    pool is only where it went, not ~23 KB an article for the main process's result thread
    to copy out of a pipe. Without a cache (or a key) the bytes come back themselves."""
    path, root, key = task
    items = prepare_file(path, root, _state["understand"], _state["registry"], _state["names"](path))
    data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
    where = None
    if _state["cache"] is not None and key is not None:
        where = _state["cache"].put_bytes(key, data)
    if _state["staging"] is not None:  # its page written ahead, here, alongside the other worker's work
        for item in items:
            if isinstance(item, Prepared) and item.page is not None:
                stage_page(_state["staging"], item.page)
    return (None if where is not None else data), where


class _QuietPool(Pool):
    """The stock pool whose worker-handler thread does not wake for results. It waits on
    the result pipe too (for pools whose workers exit after some tasks, which ours never
    do: worker exits and state changes still wake it), so while the result thread reads
    a result it spins: 1.4 s of the main process's CPU over 10,000 articles."""

    def _get_sentinels(self):
        results = getattr(getattr(self, "_outqueue", None), "_reader", None)
        return [sentinel for sentinel in super()._get_sentinels() if sentinel is not results]


class Workers:
    """The pool, started on first use (``pool()``); ``close`` ends it."""

    def __init__(self, jobs: int, understand, registry, cache_dir: Optional[Path], staging: Optional[Path]):
        self.jobs, self.staging = jobs, staging
        self._initargs = (understand, registry, cache_dir, staging)
        self._pool = None

    def pool(self):
        if self._pool is None:
            # fork: workers inherit the loaded modules and caches; no re-import per worker.
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            if self.staging is not None:
                try:
                    self.staging.mkdir(parents=True, exist_ok=True)
                except OSError:
                    self.staging = None  # nothing staged: every page written the usual way
                    self._initargs = self._initargs[:3] + (None,)
            self._pool = _QuietPool(self.jobs, initializer=_init, initargs=self._initargs, context=context)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()  # every task is done or no longer wanted
            self._pool.join()
            self._pool = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def prepare_inputs(files: list[tuple[Path, Path]], keys: list[Optional[str]], registry, *,
                   understand: UnderstandFn, cache_dir: Optional[Path] = None, jobs: Optional[int] = None,
                   threshold: Optional[int] = None, staging: Optional[Path] = None,
                   engine: Optional[Engine] = None, progress: Progress = NO_PROGRESS) -> list[list]:
    """``prepare_file`` of each (path, root), in order: from the cache (``keys``, None: not
    cached) when there, else in a pool (``jobs`` processes), on ``engine`` when given, or in
    this process (fewer than ``threshold`` files to prepare). ``staging``: a directory (made
    when the pool starts) where pool workers write their articles' pages ahead
    (write.stage_page) for write_pages to move into place. ``progress``: told of each file done."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    threshold = PARALLEL_THRESHOLD if threshold is None else threshold
    cache = Cache(cache_dir) if cache_dir is not None else None
    results: list = [None] * len(files)
    if cache is not None:
        for i, key in enumerate(keys):
            if key is not None:
                results[i] = cache.get(key)
    missing = [i for i, r in enumerate(results) if r is None]
    on_engine = engine is not None and missing and len(missing) >= threshold
    workers = Workers(jobs, understand, registry, cache_dir, staging)  # started only if needed
    try:
        if on_engine:
            with progress.phase(f"starting {engine.describe()}"):
                engine.start()
        with progress.phase("preparing articles", total=len(files), unit="files") as done:
            done.update(len(files) - len(missing))
            if on_engine:
                _prepare_on_engine(engine, files, keys, registry, understand, cache, missing, results, done)
            else:
                _prepare_missing(files, keys, registry, understand, cache, jobs, threshold, missing, results,
                                 workers, done)
    finally:
        if cache is not None:
            cache.save()  # what was prepared stays cached even when the build then fails
        workers.close()
    if cache is not None:
        cache.prune()
    return results


def _prepare_missing(files, keys, registry, understand, cache, jobs, threshold, missing, results, workers,
                     done: Phase) -> None:
    if jobs <= 1 or len(missing) < threshold:
        names = DirectoryNames()
        for i in missing:
            results[i] = prepare_file(*files[i], understand, registry, names(files[i][0]))
            if cache is not None and keys[i] is not None:
                cache.put(keys[i], results[i])
            done.update()
        return
    # Small chunks: what comes back is small (where the result went), and the last chunk is
    # what one worker still has to do while the other has nothing left.
    chunksize = max(1, min(4, len(missing) // (jobs * 8)))
    tasks = [(*files[i], keys[i]) for i in missing]
    for i, (data, where) in zip(missing, workers.pool().imap(prepare_task, tasks, chunksize=chunksize)):
        if where is not None:
            cache.record(keys[i], where)
            data = cache.read(where)
        results[i] = pickle.loads(data)
        done.update()


def _prepare_on_engine(engine: Engine, files, keys, registry, understand, cache, missing, results,
                       done: Phase) -> None:
    """The missing files on ``engine``; each result cached here, in this process's pack."""
    for j, data, cacheable in engine.prepare([files[i] for i in missing], registry, understand):
        i = missing[j]
        if cacheable and cache is not None and keys[i] is not None:
            cache.put_bytes(keys[i], data)
        results[i] = pickle.loads(data)
        done.update()
