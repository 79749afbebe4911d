"""The indexer's cache between builds: what each page gave, keyed by the page file's bytes.

Layout of the cache folder (``.digest-cache/search/`` beside mkdocs.yml, safe to delete):

* ``index.pickle``: the code's fingerprint, the vocabulary (exact words, numbered: the
  cached terms are word numbers), and for each page digest its entry: where its data is,
  the directive title it gives (a directive's page) and the titles it holds (an article);
* ``packs/<i>.pack``: the pages' data (their document file and their terms), appended
  by each build into one new file (few files: creating files is what costs most on a busy
  file system); rewritten into one when half of them is no longer used;
* ``mirror/``: the previous build's output tree (output.py).

An entry is used only by the same code (``fingerprint``: the search package, the text
primitives and the page contract, Python's and PyYAML's versions): anything else starts
the cache afresh. A build that cannot lock the folder (another build is using it) runs
without it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
from array import array
from functools import lru_cache
from typing import NamedTuple, Optional

import yaml

from .. import contract, vntext
from .postings import DocumentTerms
from .text import Vocabulary
from .writer import DocumentRecord

try:
    import fcntl
except ImportError:  # not on POSIX: no lock, no cache
    fcntl = None

INDEX = "index.pickle"
# What reading a damaged pack raises (cut short, changed, gone): the page is read again.
CACHE_DAMAGE = (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError)


@lru_cache(maxsize=None)
def fingerprint() -> str:
    """What an entry was made by: the code that reads pages and counts their words."""
    digest = hashlib.blake2b(digest_size=16)
    here = os.path.dirname(os.path.abspath(__file__))
    paths = sorted(os.path.join(here, name) for name in os.listdir(here) if name.endswith(".py"))
    for path in paths + [vntext.__file__, contract.__file__]:
        with open(path, "rb") as f:
            digest.update(f.read())
    digest.update(f"{sys.version} {yaml.__version__}".encode())
    return digest.hexdigest()


def page_digest(rel: str, data: bytes) -> bytes:
    """The key of a page: its path (its address) and its bytes."""
    digest = hashlib.blake2b(rel.encode("utf-8") + b"\0", digest_size=20)
    digest.update(data)
    return digest.digest()


class Entry(NamedTuple):
    pack: int  # -1: the page gives no document
    offset: int
    size: int
    directive: Optional[tuple]  # (id, title) of a directive's own page
    uses: tuple  # ((id, title), ...) the titles an article's document holds


class SearchCache:
    """Open it (``open``: None when the folder cannot be used), look pages up (``entry``,
    ``load``), ``store`` new ones, then ``save``."""

    def __init__(self, root: str, lock_file):
        self.root = root
        self._lock = lock_file
        self.packs_dir = os.path.join(root, "packs")
        self.mirror = os.path.join(root, "mirror")
        self.vocabulary = Vocabulary()
        self.entries: dict[bytes, Entry] = {}
        self.fresh: dict[bytes, Entry] = {}
        self.last_run: Optional[tuple] = None  # (page digests in order, figures) of the last run
        self._readers: dict[int, int] = {}
        state = self._read_index()
        if state:
            self.vocabulary = Vocabulary(state["words"])
            self.entries = state["entries"]
            self.last_run = state.get("last_run")
        os.makedirs(self.packs_dir, exist_ok=True)
        packs = {int(n.split(".")[0]) for n in os.listdir(self.packs_dir) if n.endswith(".pack")}
        used = {e.pack for e in self.entries.values()} - {-1}
        for number in packs - used:  # left by an interrupted build, or no longer used
            os.remove(self._pack_path(number))
        self.live = sum(e.size for e in self.entries.values())
        self.total = sum(os.path.getsize(self._pack_path(n)) for n in used)
        # Half of the packs no longer used, or too many of them: this build writes every
        # entry it uses into its new pack, and the older packs go.
        self.compact = self.total > 2 * self.live + (1 << 20) or len(used) > 8
        self.pack = max(packs, default=-1) + 1
        self._out = open(self._pack_path(self.pack), "wb")
        self._written = 0

    @classmethod
    def open(cls, root: str) -> Optional["SearchCache"]:
        if fcntl is None:
            return None
        try:
            os.makedirs(root, exist_ok=True)
            lock = open(os.path.join(root, "lock"), "w")
        except OSError:
            return None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            return None
        try:
            return cls(root, lock)
        except (OSError, ValueError):
            shutil.rmtree(os.path.join(root, "packs"), ignore_errors=True)
            try:
                os.remove(os.path.join(root, INDEX))
            except OSError:
                pass
            return cls(root, lock)

    def _read_index(self) -> Optional[dict]:
        try:
            with open(os.path.join(self.root, INDEX), "rb") as f:
                state = pickle.load(f)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            return None
        if not isinstance(state, dict) or state.get("fingerprint") != fingerprint():
            shutil.rmtree(self.mirror, ignore_errors=True)
            shutil.rmtree(os.path.join(self.root, "packs"), ignore_errors=True)
            return None
        return state

    def _pack_path(self, number: int) -> str:
        return os.path.join(self.packs_dir, f"{number}.pack")

    def entry(self, digest: bytes) -> Optional[Entry]:
        return self.fresh.get(digest) or self.entries.get(digest)

    def load(self, digest: bytes) -> tuple[DocumentTerms, DocumentRecord]:
        """The terms and document record of a page with a document; ``keep`` them for the next build."""
        entry = self.entry(digest)
        if entry.pack == self.pack:
            self._out.flush()
        fd = self._readers.get(entry.pack)
        if fd is None:
            fd = self._readers[entry.pack] = os.open(self._pack_path(entry.pack), os.O_RDONLY)
        blob = os.pread(fd, entry.size, entry.offset)
        kind, data, words, word_counts, pairs, pair_counts, length = pickle.loads(blob)
        loaded = (DocumentTerms(_array("I", words), _array("I", word_counts), _array("Q", pairs),
                                _array("I", pair_counts), length), DocumentRecord(kind, data))
        if self.compact and entry.pack != self.pack:
            self.fresh[digest] = self._append(blob, entry.directive, entry.uses)
        else:
            self.fresh[digest] = entry
        return loaded

    def keep(self, digest: bytes) -> None:
        """Keep a page's entry for the next build, its data not read."""
        self.fresh[digest] = self.entry(digest)

    def store(self, digest: bytes, terms: Optional[DocumentTerms], record: Optional[DocumentRecord],
              directive: Optional[tuple], uses: tuple) -> None:
        if terms is None:
            self.fresh[digest] = Entry(-1, 0, 0, directive, uses)
            return
        blob = pickle.dumps((str(record.kind), record.data, terms.words.tobytes(), terms.word_counts.tobytes(),
                             terms.pairs.tobytes(), terms.pair_counts.tobytes(), terms.length),
                            protocol=pickle.HIGHEST_PROTOCOL)
        self.fresh[digest] = self._append(blob, directive, uses)

    def _append(self, blob: bytes, directive, uses) -> Entry:
        entry = Entry(self.pack, self._written, len(blob), directive, uses)
        self._out.write(blob)
        self._written += len(blob)
        return entry

    def save(self, run: Optional[tuple] = None) -> None:
        """Keep the entries this build used (and the vocabulary), and ``run``: its pages'
        digests and figures (the mirror holds its output); drop the rest."""
        self._out.close()
        for fd in self._readers.values():
            os.close(fd)
        self._readers.clear()
        state = {"fingerprint": fingerprint(), "words": self.vocabulary.words, "entries": self.fresh, "last_run": run}
        temporary = os.path.join(self.root, INDEX + ".new")
        with open(temporary, "wb") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, os.path.join(self.root, INDEX))
        used = {e.pack for e in self.fresh.values()} - {-1}
        for name in os.listdir(self.packs_dir):
            if name.endswith(".pack") and int(name.split(".")[0]) not in used:
                os.remove(os.path.join(self.packs_dir, name))

    def close(self) -> None:
        if not self._out.closed:
            self._out.close()
        for fd in self._readers.values():
            os.close(fd)
        self._readers.clear()
        self._lock.close()


def _array(typecode: str, data: bytes) -> array:
    out = array(typecode)
    out.frombytes(data)
    return out
