"""What a Dask worker runs for the engine (dask_engine.py): the task that prepares input files
sent as bytes, and the check that this worker prepares them as the client would.

Nothing here imports Dask: the functions travel to the workers by name (pickled by
reference), so a worker needs the same directive-digest installed, and runs these from it.
"""
from __future__ import annotations

import importlib.metadata
import os
import pickle
import signal
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Optional

from .batch import code_fingerprint, data_fingerprint
from .dating import current_year
from .prepare import prepare_file

# What a worker's preparation depends on besides our code and data: the libraries that read
# the inputs (HTML extraction and its date finder, YAML sidecars and front matter).
READING_LIBRARIES = ("trafilatura", "htmldate", "justext", "courlan", "lxml", "lxml-html-clean",
                     "PyYAML", "python-frontmatter")


class EngineError(Exception):
    """The engine cannot be used (Dask not installed, scheduler unreachable, no workers,
    a worker that differs): the user's to fix. The message says what and how."""


class WorkerMismatch(EngineError):
    """A worker runs other code, data or libraries than this process."""


def _library_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def worker_context(registry) -> dict:
    """Everything besides an input file that decides what it becomes (the cache key's
    batch.build_context, and what the cache can assume is the same on one machine)."""
    return {
        "code": code_fingerprint(),
        "data files and registry": data_fingerprint(registry),
        "current year": current_year(),
        "Python": sys.version.split()[0],
        "Unicode tables": unicodedata.unidata_version,
        **{name: _library_version(name) for name in READING_LIBRARIES},
    }


def differences(here: dict, there: dict) -> list[str]:
    """What differs, named for the user: 'Python 3.11.7 here, 3.12.1 there'."""
    found = []
    for name in here:
        if here[name] != there.get(name):
            if name in ("code", "data files and registry"):
                found.append(f"{name} (another version of directive-digest or of its data files)")
            else:
                found.append(f"{name} {here[name]} here, {there.get(name)} there")
    return found


_checked: set[str] = set()  # in a worker: contexts found equal to its own
_registries: dict[str, object] = {}  # in a worker: the registry last sent, by its pickle's sha256


def _registry(data: bytes, digest: str):
    """The registry a task carries, unpickled once per worker process (its look-up caches too)."""
    if digest not in _registries:
        _registries.clear()
        _registries[digest] = pickle.loads(data)
    return _registries[digest]


def check_worker(expected: dict, registry) -> None:
    """In a worker: raise WorkerMismatch unless it prepares files as the client would."""
    key = repr(sorted(expected.items()))
    if key in _checked:
        return
    found = differences(expected, worker_context(registry))
    if found:
        raise WorkerMismatch("; ".join(found))
    _checked.add(key)


def _scratch_root() -> Optional[str]:
    """Memory-backed when there is one: creating and deleting files there costs no disk
    (on ext4 without a journal, each new file skips every recently freed inode)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def prepare_files(files: bytes, registry: tuple[bytes, str], understand, expected: dict) -> list[bytes]:
    """A task, run by a worker: ``files`` (pickled: a list of (source name, bytes, sidecar
    (name, bytes) or None), one object for Dask to carry instead of a structure it would walk)
    each prepared as ``prepare_file`` would prepare the file itself, pickled. The file is put
    under its source name in a directory of its own, so its source (and its sidecar's
    look-up) is the same as on the client's machine. ``registry``: pickled, and its sha256
    (each task carries it: data scattered to workers is lost with a worker that dies)."""
    registry = _registry(*registry)
    check_worker(expected, registry)
    results = []
    with tempfile.TemporaryDirectory(prefix="directive-digest-", dir=_scratch_root()) as scratch:
        for n, (source, data, sidecar) in enumerate(pickle.loads(files)):
            root = Path(scratch, str(n))
            path = root / source
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if sidecar is not None:
                path.with_name(sidecar[0]).write_bytes(sidecar[1])
            items = prepare_file(path, root, understand, registry)
            results.append(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
    return results


def worker_differences(expected: dict, registry) -> list[str]:
    """What differs between this worker and ``expected`` (run on every worker by the client)."""
    return differences(expected, worker_context(registry))


def dask_setup(worker) -> None:
    """Run by each worker of the local cluster when it starts (its ``preload``: dask_engine):
    Ctrl-C in the terminal reaches every process of the build; the build answers it (exit
    130) and closes the cluster, so a worker ignores it instead of printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
