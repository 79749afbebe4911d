"""The index's files as the writer makes them, into a fresh output folder.

Without a mirror every file is written into ``<out_dir>.tmp``, which then replaces
``out_dir``. With a *mirror* (a folder in the search cache holding the previous build's
tree, and a manifest of its files' digests), a file whose bytes are those of the mirror's
copy is not written again: only changed files are, the mirror's files no longer made are
removed, and the output folder is made of hard links to the mirror (copies where the file
system has no hard links). The mirror's files are replaced, never rewritten in place, so a
link handed out before keeps its bytes; a mirror file changed from outside (its size or
time differs from the manifest's) is written again.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from typing import Optional

MANIFEST = "manifest.pickle"


class OutputTree:
    def __init__(self, out_dir: str, mirror: Optional[str] = None):
        self.out_dir = out_dir.rstrip("/\\")
        self.mirror = mirror
        self.count = self.bytes = self.largest = self.written = 0
        self._dirs: set[str] = set()
        self._seen: dict[str, tuple] = {}
        self._known: dict[str, tuple] = {}
        if mirror is None:
            self.root = self.out_dir + ".tmp"
            shutil.rmtree(self.root, ignore_errors=True)
            os.makedirs(self.root)
        else:
            self.root = os.path.join(mirror, "tree")
            os.makedirs(self.root, exist_ok=True)
            try:
                with open(os.path.join(mirror, MANIFEST), "rb") as f:
                    self._known = pickle.load(f)
            except (OSError, pickle.PickleError, EOFError, ValueError, TypeError):
                self._known = {}

    def reuse(self) -> bool:
        """Make ``out_dir`` of the mirror as the last run left it, if every file is still
        what the manifest says (size and time); False when one is not (nothing done)."""
        if self.mirror is None or not self._known:
            return False
        for name, known in self._known.items():
            try:
                stat = os.stat(os.path.join(self.root, name))
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) != known[1:]:
                return False
        self._seen = dict(self._known)
        self._link()
        shutil.rmtree(self.out_dir, ignore_errors=True)
        os.replace(self.out_dir + ".tmp", self.out_dir)
        return True

    def put(self, name: str, data: bytes) -> None:
        """The file ``name`` ('/'-separated, under the output folder) holds ``data``."""
        self.count += 1
        self.bytes += len(data)
        self.largest = max(self.largest, len(data))
        path = self._path(name)
        if self.mirror is None:
            with open(path, "wb") as f:
                f.write(data)
            self.written += 1
            return
        digest = hashlib.blake2b(data, digest_size=16).digest()
        known = self._known.get(name)
        if known is not None and known[0] == digest:
            try:
                stat = os.stat(path)
                if (stat.st_size, stat.st_mtime_ns) == known[1:]:
                    self._seen[name] = known
                    return
            except OSError:
                pass
        temporary = path + ".new"
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
        stat = os.stat(path)
        self._seen[name] = (digest, stat.st_size, stat.st_mtime_ns)
        self.written += 1

    def _path(self, name: str) -> str:
        folder, _, _ = name.rpartition("/")
        if folder not in self._dirs:
            os.makedirs(os.path.join(self.root, folder), exist_ok=True)
            self._dirs.add(folder)
        return os.path.join(self.root, name)

    def finish(self) -> None:
        """Put the files made into ``out_dir`` (replaced)."""
        if self.mirror is not None:
            for name in self._known.keys() - self._seen.keys():
                try:
                    os.remove(os.path.join(self.root, name))
                except OSError:
                    pass
            # The manifest is written first into a file of its own: an interrupted write
            # leaves the old one, whose entries the stat check then finds stale.
            temporary = os.path.join(self.mirror, MANIFEST + ".new")
            with open(temporary, "wb") as f:
                pickle.dump(self._seen, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, os.path.join(self.mirror, MANIFEST))
            self._link()
        shutil.rmtree(self.out_dir, ignore_errors=True)
        os.replace(self.out_dir + ".tmp", self.out_dir)

    def _link(self) -> None:
        target = self.out_dir + ".tmp"
        shutil.rmtree(target, ignore_errors=True)
        made: set[str] = set()
        link = os.link
        for name in sorted(self._seen):
            folder, _, _ = name.rpartition("/")
            if folder not in made:
                os.makedirs(os.path.join(target, folder), exist_ok=True)
                made.add(folder)
            source, copy = os.path.join(self.root, name), os.path.join(target, name)
            try:
                link(source, copy)
            except OSError:  # another file system, or none with hard links
                link = shutil.copyfile
                shutil.copyfile(source, copy)
