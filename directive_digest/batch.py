"""What makes a rebuild cheap: a content-hash cache of prepared files, and the no-op rebuild.

* **Cache.** Each input file's prepared items (``prepare.prepare_file``: read, understood,
  and what later steps need from each article alone) are stored under its key in ``<cache
  dir>`` (appended to a pack file, found through an index: ``Cache``). The key
  (``file_key``) is the sha256 of the file's bytes, its editors' sidecar, its source name,
  the tool's version and source code, the data files (``directives.yaml``, ``lexicon.yaml``),
  the registry in use and the current year (``dating.current_year``: year inference rejects
  later years). Change any of them and the file is prepared again; after one changed
  article, one file is. ``workers.prepare_inputs`` fills and reads it.
* **No-op rebuild.** When every input, the code and the data are what the last build saw,
  and the output still holds what that build wrote, the last build's report stands.
* **Syndication state.** Which articles were copies of which, by article identity
  (``syndication_state``): a rebuild compares the changed articles only.

The cache is a plain directory; deleting it is always safe. This module depends on the
pipeline's modules, never the other way round.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Optional

from . import version
from .dating import current_year
from .lexicon import DATA_DIR
from .overrides import sidecar_path
from .syndication_state import SyndicationState
from .write import load_manifest, output_intact

CACHE_DIR_NAME = ".digest-cache"
PACKAGE_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """sha256 over the tool's version and every source file of the package."""
    h = hashlib.sha256(f"directive_digest {version.__version__}\n".encode())
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


def build_context(registry) -> str:
    """Everything besides an input file that decides what it becomes: the code, the data files
    and the registry in use, and the current year (year inference rejects later years)."""
    return f"{code_fingerprint()}{data_fingerprint(registry)}year {current_year()}"


def file_key(path: Path, source: str, context: str, names: Optional[set[str]] = None) -> Optional[str]:
    """The cache key of one input file: what it holds and everything that decides what it
    becomes. None when it cannot be read (then it is prepared every time, and says why).
    ``names``: what the file's directory holds, when listed already (see ``DirectoryNames``)."""
    h = hashlib.sha256(context.encode() + b"\0" + source.encode("utf-8", "surrogateescape"))
    try:
        with open(path, "rb") as handle:
            h.update(b"\0" + hashlib.sha256(handle.read()).digest())
        # Without any override file in the directory, no sidecar to look for (most directories).
        sidecar = sidecar_path(path, names) if getattr(names, "sidecars", True) else None
        if sidecar is not None:
            h.update(b"\0sidecar " + hashlib.sha256(sidecar.read_bytes()).digest())
    except OSError:
        return None
    return h.hexdigest()


class DirectoryNames:
    """The names in each directory, listed once: the sidecar look-up of many files without
    three stat calls each. None for a directory that cannot be listed (look the usual way)."""

    def __init__(self):
        self._names: dict[str, Optional[set[str]]] = {}

    def __call__(self, path: Path) -> Optional[set[str]]:
        directory = os.path.dirname(os.fspath(path))
        if directory not in self._names:
            try:
                self._names[directory] = _Names(os.listdir(directory or "."))
            except OSError:
                self._names[directory] = None
        return self._names[directory]


class _Names(set):
    """A directory's names, knowing (once) whether an override file is among them."""

    def __init__(self, names):
        super().__init__(names)
        self.sidecars = any(name.endswith((".override.yaml", ".override.yml")) for name in names)


class Cache:
    """Prepared files by key, appended to pack files (``packs/<process>.pack``: a run's
    process writes one) and found through an index (``index.pickle``: key -> pack, offset,
    length). Creating a file costs far more than writing to one, so a cold run creates a
    pack per process, not a file per input. Packs are only ever appended to, the index is
    replaced atomically and names only complete entries: an interrupted run leaves unnamed
    bytes, never a wrong entry. Two runs sharing a cache may each miss the other's new
    entries (prepared again next time), nothing worse. There is an index per version of the
    code (every key changes with it): one that only grew would be read whole by every build."""

    PACKS = "packs"

    @property
    def INDEX(self) -> str:
        return f"index-{code_fingerprint()[:16]}.pickle"

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._index: Optional[dict] = None
        self._added: dict[str, tuple[str, int, int]] = {}
        self._readers: dict[str, int] = {}
        self._pack: Optional[tuple[str, int]] = None  # (name, fd) of this process's pack
        self._end = 0

    def _load_index(self, name: Optional[str] = None) -> dict:
        try:
            with open(self.directory / (name or self.INDEX), "rb") as handle:
                index = pickle.load(handle)
            return index if isinstance(index, dict) else {}
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return {}

    def get(self, key: str):
        if self._index is None:
            self._index = self._load_index()
        try:
            return pickle.loads(self.read(self._added.get(key) or self._index.get(key)))
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return None  # missing or unreadable (an older tool's classes): prepare again

    def read(self, where: tuple[str, int, int]) -> bytes:
        """An entry's bytes (``put_bytes`` tells where it went); OSError when it cannot be read whole."""
        pack, offset, length = where
        fd = self._readers.get(pack)
        if fd is None:
            fd = self._readers[pack] = os.open(self.directory / self.PACKS / pack, os.O_RDONLY | _CLOEXEC)
        data = os.pread(fd, length, offset)
        if len(data) != length:
            raise OSError(f"cache pack {pack} is cut short")
        return data

    def put(self, key: str, value) -> None:
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, key: str, data: bytes) -> tuple[str, int, int]:
        """Append ``data`` to this process's pack; where it went (also for ``record``)."""
        if self._pack is None:
            packs = self.directory / self.PACKS
            packs.mkdir(parents=True, exist_ok=True)
            while True:
                name = f"{os.getpid()}-{os.urandom(4).hex()}.pack"
                try:
                    fd = os.open(packs / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o644)
                    break
                except FileExistsError:
                    continue
            self._pack, self._end = (name, fd), 0
        name, fd = self._pack
        view, offset = memoryview(data), self._end
        while view:
            written = os.pwrite(fd, view, self._end)
            view, self._end = view[written:], self._end + written
        where = (name, offset, len(data))
        self._added[key] = where
        return where

    def record(self, key: str, where: tuple[str, int, int]) -> None:
        """An entry another process (a pool worker) appended to its pack."""
        self._added[key] = where

    def save(self) -> None:
        """Name the entries added since the index was read in it, and close the packs."""
        for fd in list(self._readers.values()) + ([self._pack[1]] if self._pack else []):
            os.close(fd)
        self._readers, self._pack = {}, None
        if not self._added:
            return
        index = self._load_index()  # as it is now: another run may have added to it
        index.update(self._added)
        self._added = {}
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.directory / self.INDEX)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._index = index


    # Another version's index, or a pack no index names, untouched this long is no one's: a
    # build running now writes its packs as it goes (named in an index only when it ends),
    # and a version still in use saves its index whenever it prepares something.
    UNUSED_FOR = 3600.0  # seconds

    def prune(self, now: Optional[float] = None) -> list[str]:
        """Remove what no build can use any more: other code versions' indexes unused for
        ``UNUSED_FOR`` (every key changes with the code: a new version prepares everything
        again, so without this each upgrade left a whole copy behind), then every pack that no
        remaining index names and nobody wrote to for as long. Entries of this version for files
        since changed or deleted stay (one entry each). Returns the names removed."""
        now = time.time() if now is None else now
        removed: list[str] = []
        names: set[str] = set()
        try:
            listed = sorted(os.listdir(self.directory))
        except OSError:
            return removed
        for name in listed:
            if not (name.startswith("index-") and name.endswith(".pickle")):
                continue
            if name != self.INDEX and self._unused(self.directory / name, now):
                if self._remove(self.directory / name):
                    removed.append(name)
                    continue
            index = self._index if name == self.INDEX and self._index is not None else self._load_index(name)
            names.update(where[0] for where in index.values() if isinstance(where, tuple) and where)
        packs = self.directory / self.PACKS
        try:
            listed = sorted(os.listdir(packs))
        except OSError:
            return removed
        for name in listed:
            if name.endswith(".pack") and name not in names and self._unused(packs / name, now):
                if self._remove(packs / name):
                    removed.append(f"{self.PACKS}/{name}")
        return removed

    def _unused(self, path: Path, now: float) -> bool:
        try:
            return now - path.stat().st_mtime > self.UNUSED_FOR
        except OSError:
            return False

    @staticmethod
    def _remove(path: Path) -> bool:
        try:
            path.unlink()
            return True
        except OSError:
            return False


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


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


def unchanged_build(fingerprint: str, output: Path, cache_dir: Optional[Path]):
    """The last build's report when nothing changed since it (see above), else None."""
    if cache_dir is None:
        return None
    try:
        with open(Path(cache_dir) / LAST_BUILD, "rb") as handle:
            last = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None
    if last.get("fingerprint") != fingerprint or not output_intact(Path(output), last.get("files", {})):
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
    Cache(cache_dir).directory.mkdir(parents=True, exist_ok=True)
    path = Path(cache_dir) / LAST_BUILD
    record = {"fingerprint": fingerprint, "files": load_manifest(Path(output)), "report": report}
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=cache_dir)
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


# --- the syndication state ---------------------------------------------------------------------
# One file, replaced by each build with a cache: the state names the code it was made by
# (syndication_state.state_settings), so another version's is simply not used, and no file
# per version is left behind.

SYNDICATION_STATE = "syndication.pickle"


def load_syndication_state(cache_dir: Optional[Path]) -> Optional[SyndicationState]:
    """The last build's syndication state; None when there is none or it cannot be read."""
    if cache_dir is None:
        return None
    try:
        with open(Path(cache_dir) / SYNDICATION_STATE, "rb") as handle:
            state = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError,
            IndexError, KeyError, MemoryError):
        return None
    return state if isinstance(state, SyndicationState) else None


def save_syndication_state(cache_dir: Optional[Path], state: SyndicationState) -> None:
    """Replace the state atomically: a build stopped halfway leaves the old one or the new one."""
    if cache_dir is None:
        return
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".syndication.", suffix=".tmp", dir=cache_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, Path(cache_dir) / SYNDICATION_STATE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
