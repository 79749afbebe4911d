"""Per-file preparation on a Dask distributed cluster: the engine past one machine.

``DaskEngine.prepare`` does what the local process pool does (workers.prepare_inputs):
``prepare.prepare_file`` (read, understand, render the article's page, its shingles…) for
each input file, here on the workers of a Dask cluster: one at ``scheduler`` (``--engine
dask --scheduler tcp://host:8786``), or a ``LocalCluster`` of ``workers`` processes started
for the build (``--engine dask`` alone). Why Dask and not Ray: docs/scaling.md.

What moves where (workers may be other machines; no shared file system is needed):

* This process (the client) reads each input file and its editors' sidecar and sends their
  bytes with the task, a few dozen files a task.
* A worker writes them under their source name into a scratch directory of its own (in
  memory, /dev/shm, where there is one), prepares them there, deletes them, and sends back
  each file's pickled result: what the local pool stores in the cache.
* This process keeps the cache and writes every page: the output and the cache are on the
  client's machine only. A worker writes nothing that outlives its task.
* Every worker must run what this process runs: the same code and data files, the same
  current year, Python, Unicode tables and reading libraries, or its pages would not be the
  local run's. Each worker is checked before its first task (``WorkerMismatch``: the build
  stops and says what differs). What runs on the workers: engine_worker.py.

A failing article costs that article only: preparation reports each file's problems itself,
and the files of a task that fails as a whole (its worker died, ran out of memory…) are tried
again one at a time, so only a file that fails alone is reported (``_Run``).

Dask is optional (``pip install 'directive-digest[dask]'``, requirements-dask.txt); it is
imported when a cluster is first needed. The pipeline never imports this module.
"""
from __future__ import annotations

import hashlib
import importlib.util
import logging
import pickle
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from . import engine_worker
from .batch import DirectoryNames
from .engine_worker import EngineError, WorkerMismatch, prepare_files, worker_context, worker_differences
from .overrides import sidecar_path
from .prepare import prepare_file
from .problems import Problem
from .readers import MAX_BYTES_BY_SUFFIX, MAX_FILE_BYTES, source_name

# A task: at most this many files, or about this many bytes of input (the last file may pass
# it). Dask costs about a millisecond a task; an article about three of preparation.
FILES_PER_TASK = 32
BYTES_PER_TASK = 2_000_000
# Tasks submitted ahead of the results, per worker thread: enough to keep every worker busy,
# few enough that the inputs in flight stay small in this process's memory.
TASKS_AHEAD_PER_THREAD = 4
# How long to try reaching a scheduler, and to wait for a first worker to join one that has none.
CONNECT_SECONDS = 10
WORKER_WAIT_SECONDS = 60
# A task whose result went with its worker (the worker died after finishing it) runs again,
# up to this many times; more means the cluster is losing workers faster than it works.
LOST_TRIES = 3


@dataclass
class _Task:
    indices: list[int] = field(default_factory=list)
    files: list = field(default_factory=list)  # (source, bytes, sidecar) as prepare_files takes them
    size: int = 0
    lost: int = 0  # times its result was lost with its worker


def _shippable(path: Path) -> bool:
    """Whether the file goes to a worker: not when it is too large to be read at all (the
    refusal, like any problem reading it here, is found in this process, as cheaply)."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size <= MAX_BYTES_BY_SUFFIX.get(path.suffix.lower(), MAX_FILE_BYTES)


def _payload(path: Path, root: Path, names: Optional[set[str]]
             ) -> Optional[tuple[str, bytes, Optional[tuple[str, bytes]]]]:
    """(source, bytes, sidecar) of an input file, or None when this process cannot read it.
    ``names``: what its directory holds (batch.DirectoryNames)."""
    try:
        data = path.read_bytes()
        sidecar = sidecar_path(path, names) if getattr(names, "sidecars", True) else None
        extra = (sidecar.name, sidecar.read_bytes()) if sidecar is not None else None
    except OSError:
        return None
    return source_name(path, root), data, extra


class DaskEngine:
    """Preparation on a Dask cluster; a context manager (``close`` on exit). The cluster is
    reached (or started) on first use: a build with nothing to prepare starts nothing."""

    def __init__(self, scheduler: Optional[str] = None, workers: Optional[int] = None):
        """``workers``: processes of the local cluster (default: one per core); a cluster at
        ``scheduler`` has the workers it has. EngineError at once when Dask is not installed."""
        if importlib.util.find_spec("distributed") is None:
            raise EngineError("--engine dask needs Dask distributed: pip install 'directive-digest[dask]' "
                              "(or: pip install -r requirements-dask.txt)")
        self.scheduler, self.workers = scheduler, workers
        self._client = self._cluster = self._dask = None

    def __enter__(self) -> "DaskEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def describe(self) -> str:
        return f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"

    @property
    def started(self) -> bool:
        """Whether a cluster was reached or started (not when nothing had to be prepared)."""
        return self._client is not None

    def start(self) -> None:
        self.client()

    def client(self):
        if self._client is None:
            import distributed  # ~0.5 s: only when a cluster is needed

            self._dask = distributed
            self._client = self._connect(distributed)
        return self._client

    def _connect(self, distributed):
        if self.scheduler is None:
            # Its scheduler's and workers' log lines (a worker died…) are ours to report, per article.
            # Distributed always starts a dashboard (None does not stop it): on a free loopback
            # port, so that a cluster already holding 8787 costs no warning and nothing listens
            # beyond this machine.
            self._cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                     dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL,
                                                     preload=[engine_worker.__name__])  # its dask_setup
            return distributed.Client(self._cluster)
        try:
            client = distributed.Client(self.scheduler, timeout=f"{CONNECT_SECONDS}s")
        except (OSError, TimeoutError, ValueError) as error:
            raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError:
            client.close()
            raise EngineError(f"no worker joined the Dask scheduler at {self.scheduler} in {WORKER_WAIT_SECONDS} s "
                              f"(start some: dask worker {self.scheduler})") from None
        return client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def prepare(self, tasks: list[tuple[Path, Path]], registry, understand) -> Iterator[tuple[int, bytes, bool]]:
        """(index, pickled ``prepare_file`` result, cacheable) of every (path, root) in ``tasks``,
        as each is done (workers.Engine)."""
        client = self.client()
        expected = worker_context(registry)
        self._check_workers(client, expected, registry)
        threads = max(1, sum(client.nthreads().values()))
        per_task = max(1, min(FILES_PER_TASK, len(tasks) // (threads * 8)))
        run = _Run(self, client, registry, understand, expected)
        yield from run.results(tasks, _tasks(tasks, per_task), threads * TASKS_AHEAD_PER_THREAD)

    def _check_workers(self, client, expected: dict, registry) -> None:
        """Every worker there now, checked before any task: a mismatch stops the build early.
        (Workers that join later are checked by their first task.)"""
        for address, found in sorted(client.run(worker_differences, expected, registry).items()):
            if found:
                raise WorkerMismatch(f"the Dask worker {address} differs from this machine: {'; '.join(found)} "
                                     "(install the same directive-digest and libraries on every worker)")


class _Run:
    """One ``DaskEngine.prepare``: tasks submitted a window ahead of the results, and what
    failed sorted out. A task that failed as a whole (it raised, or workers died running it:
    Dask also fails the tasks that merely waited on a dying worker) has its files tried
    again one a task, and those suspects run one at a time, so a file that kills its worker
    takes no other file with it: it alone is reported, as a problem that is not cached."""

    def __init__(self, engine: DaskEngine, client, registry, understand, expected: dict):
        self.engine, self.client, self.registry, self.understand = engine, client, registry, understand
        data = pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL)
        self.arguments = ((data, hashlib.sha256(data).hexdigest()), understand, expected)
        # Results are fetched as tasks finish, in the background; errors come back as values.
        self.running = engine._dask.as_completed(with_results=True, raise_errors=False)
        self.submitted: dict = {}  # future -> _Task
        self.again: deque[_Task] = deque()  # tasks whose results were lost with their worker
        self.suspects: deque[_Task] = deque()  # files of failed tasks, each alone
        self.suspect = None  # the suspect's future in flight, if any

    def results(self, tasks: list[tuple[Path, Path]], pending: Iterator[_Task], ahead: int
                ) -> Iterator[tuple[int, bytes, bool]]:
        while True:
            if self.suspect is None and self.suspects:
                self.suspect = self._submit(self.suspects.popleft())
            while len(self.submitted) < ahead:
                task = self.again.popleft() if self.again else next(pending, None)
                if task is None:
                    break
                if task.files:
                    self._submit(task)
                    continue
                for i in task.indices:  # a file this process could not ship: prepared here
                    items = prepare_file(*tasks[i], self.understand, self.registry)
                    yield i, pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL), True
            if not self.submitted:
                return
            future, value = next(self.running)
            task = self.submitted.pop(future)
            suspected = future is self.suspect
            if suspected:
                self.suspect = None
            if future.status == "finished" and isinstance(value, list):
                yield from zip(task.indices, value, [True] * len(task.indices))
            elif future.status == "error":
                yield from self._failed(task, value[1], suspected)
            else:  # cancelled, or lost with a worker that died after finishing it: not the files' doing
                task.lost += 1
                if self.client.status != "running" or task.lost > LOST_TRIES:
                    raise EngineError(f"{self.engine.describe()} keeps losing its work (task {future.status}, "
                                      f"client {self.client.status}): are its workers dying or gone?")
                (self.suspects.appendleft if suspected else self.again.append)(task)

    def _submit(self, task: _Task):
        files = pickle.dumps(task.files, protocol=pickle.HIGHEST_PROTOCOL)
        future = self.client.submit(prepare_files, files, *self.arguments, pure=False)
        self.submitted[future] = task
        self.running.add(future)
        return future

    def _failed(self, task: _Task, error: BaseException, suspected: bool) -> Iterator[tuple[int, bytes, bool]]:
        if isinstance(error, WorkerMismatch):
            raise WorkerMismatch(f"a worker of {self.engine.describe()} differs from this machine: {error}")
        if not suspected:  # perhaps another task's doing: each of its files alone, one at a time
            self.suspects.extend(_Task([i], [f], len(f[1])) for i, f in zip(task.indices, task.files))
            return
        if type(error).__name__ == "KilledWorker":  # distributed's: every worker that tried it died
            why = "the worker process died while preparing it (out of memory, or a crash in a library)"
        else:
            why = f"{type(error).__name__}: {str(error)[:300]}"
        problem = Problem(task.files[0][0], f"could not be prepared on {self.engine.describe()}: {why}")
        yield task.indices[0], pickle.dumps([problem], protocol=pickle.HIGHEST_PROTOCOL), False


def _tasks(tasks: list[tuple[Path, Path]], per_task: int) -> Iterator[_Task]:
    """The files in tasks of ``per_task`` files or about BYTES_PER_TASK; a file this process
    cannot ship comes alone, in a task with no payload (prepared in this process)."""
    task, names = _Task(), DirectoryNames()
    for i, (path, root) in enumerate(tasks):
        payload = _payload(path, root, names(path)) if _shippable(path) else None
        if payload is None:
            yield _Task([i])
            continue
        task.indices.append(i)
        task.files.append(payload)
        task.size += len(payload[1])
        if len(task.indices) >= per_task or task.size >= BYTES_PER_TASK:
            yield task
            task = _Task()
    if task.indices:
        yield task
