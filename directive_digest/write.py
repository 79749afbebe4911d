"""Writing: the only stage that touches the output directory.

* Only files the tool generated (listed in its manifest) are ever replaced or removed;
  a generated file an editor changed by hand is left alone and reported.
* Writes are atomic (temporary file + rename), so every page is either the old one or the
  new one. Before replacing anything the manifest records the digests about to be written
  as "pending"; a run killed midway (even by SIGKILL) leaves a manifest that still
  recognises every file as the tool's own, old or new, and the next run completes it.
* One run at a time per output directory (a lock file).
* Pages staged ahead (``stage_page``, by the pool workers that rendered them, while the
  main process waits for the other articles) are moved into place by a rename instead of
  being written again: the same bytes (a staged file is named by its sha256), the same
  pending manifest first, the same one-rename-per-page atomicity. Creating a file is most
  of a page write's cost; the workers do it alongside their other work instead of the main
  process doing it alone after them.
* A page may come packed (``PackedPage``: zlib-compressed, with its sha256): what the main
  process holds of every article's page until writing, a third of the text's size.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Optional, Union

MANIFEST = ".digest-manifest.json"
LOCK = ".digest.lock"
# Pages written ahead by pool workers, named by their sha256 (see stage_page); removed by
# every build that stages (a crashed run's leftovers too) and never listed in the manifest.
STAGING = ".digest-staging"


class OutputLocked(Exception):
    pass


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PackedPage:
    """A page's UTF-8 bytes, zlib-compressed, and their sha256. Every article's page is held
    from the worker that rendered it until write_pages: packed, 100,000 pages take ~330 MB
    instead of ~1 GB. The digest comes along, so a page already written or staged is never
    unpacked."""
    __slots__ = ("packed", "digest")

    def __init__(self, data: bytes):
        self.packed = zlib.compress(data, 1)
        self.digest = _digest(data)

    def __getstate__(self):
        return self.packed, self.digest

    def __setstate__(self, state):
        self.packed, self.digest = state

    def data(self) -> bytes:
        return zlib.decompress(self.packed)


Page = Union[str, bytes, PackedPage]


def page_bytes(page: Page) -> bytes:
    """What a page's file holds."""
    if isinstance(page, PackedPage):
        return page.data()
    return page if isinstance(page, bytes) else page.encode("utf-8")


def page_digest(page: Page) -> str:
    return page.digest if isinstance(page, PackedPage) else _digest(page_bytes(page))


def atomic_write(path: Union[str, Path], data: bytes) -> None:
    # One temporary name per process and target, created exclusively with mkstemp's mode
    # (0600): no random name to draw, and the directory is made only when it is missing.
    # String paths: this runs once per page.
    path = os.fspath(path)
    directory, name = os.path.split(path)
    tmp = f"{directory}/.{name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o600)
    except (FileNotFoundError, NotADirectoryError):  # mkdir makes it, or fails as it always did
        Path(directory).mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, flags, 0o600)
    except FileExistsError:  # an earlier run's leftover under our pid: a random name instead
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def stage_page(staging: Path, page: Page) -> None:
    """Write a page ahead into ``staging`` under its sha256: write_pages renames it into
    place if that page (same bytes) is to be written. Whole or absent: written under a
    temporary name first. A page that cannot be staged is simply written later."""
    final = staging / f"{page_digest(page)}.page"
    data = page_bytes(page)
    tmp = staging / f".{final.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, final)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def staged_pages(staging: Path) -> dict[str, str]:
    """sha256 -> path of every page staged in ``staging``: each worker stages into a directory
    of its own (files created side by side in one directory by two processes cost each of
    them more kernel time)."""
    found: dict[str, str] = {}
    try:
        directories = sorted(os.listdir(staging))
    except OSError:
        return found
    for directory in directories:
        directory = os.path.join(staging, directory)
        try:
            names = os.listdir(directory)
        except OSError:  # not a directory
            continue
        for name in names:
            if name.endswith(".page") and not name.startswith("."):
                found.setdefault(name[:-len(".page")], f"{directory}/{name}")
    return found


def install_staged(staged: Union[str, Path], target: Union[str, Path]) -> bool:
    """Move a staged page to ``target`` (one rename, atomic like atomic_write's). False when
    there is no such staged page (or it cannot be moved there): then write it."""
    try:
        os.replace(staged, target)
        return True
    except FileNotFoundError:
        if not os.path.exists(staged):
            return False
    except OSError:  # another file system behind a symlinked target, …: written the usual way
        return False
    try:  # the target's directory is missing
        Path(os.path.dirname(os.fspath(target))).mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        return True
    except OSError:
        return False


def safe_target(root: Path, relative: str) -> Path:
    """``root/relative``, refusing anything that would land outside ``root``."""
    return Path(Targets(root)(relative))


class Targets:
    """``safe_target`` for many pages of one root, as a string path: each directory is
    checked and resolved once, and a page costs one ``lstat`` (is it a symlink?)."""

    def __init__(self, root: Path):
        self.root, self.real_root = root, os.path.realpath(root)
        self.directories: dict[str, tuple[str, bool]] = {}  # directory as given -> (resolved, inside root)

    def _inside(self, path: str) -> bool:
        return path == self.real_root or path.startswith(self.real_root.rstrip("/") + "/")

    def __call__(self, relative: str) -> str:
        head, _, name = relative.rpartition("/")
        known = self.directories.get(head)
        if known is None or name in ("", ".", ".."):
            pure = PurePosixPath(relative)
            if pure.is_absolute() or ".." in pure.parts or not pure.parts:
                raise ValueError(f"unsafe output path {relative!r}")
            parent = pure.parent.as_posix()
            parent = "" if parent == "." else parent
            if parent != head or pure.name != name:  # "a//b", "a/./b", "./a": the key is the clean form
                return self(pure.as_posix())
            directory = os.path.realpath(self.root / pure.parent)
            known = self.directories[head] = (directory, self._inside(directory))
        directory, inside = known
        target = f"{directory}/{name}" if directory != "/" else f"/{name}"
        if os.path.islink(target):
            target = os.path.realpath(target)
            inside = self._inside(target)
        if not inside:
            raise ValueError(f"output path {relative!r} leaves the output directory")
        return target


class Lock:
    def __init__(self, root: Path):
        self.path = root / LOCK

    def __enter__(self) -> "Lock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if self._stale():
                self.path.unlink(missing_ok=True)
                return self.__enter__()
            raise OutputLocked(f"{self.path.parent} is being written by another run (lock {self.path})") from None
        with os.fdopen(fd, "w") as handle:
            handle.write(str(os.getpid()))
        return self

    def _stale(self) -> bool:
        try:
            pid = int(self.path.read_text().strip() or "0")
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError):
            return True
        except PermissionError:
            return False
        except FileNotFoundError:
            return True
        return False

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


def load_manifest(root: Path, key: str = "files") -> dict[str, str]:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get(key, {}).items()}
    except (FileNotFoundError, ValueError, AttributeError):
        return {}


def output_intact(root: Path, files: dict[str, str]) -> bool:
    """True when ``root`` holds exactly the generated files ``files`` (path -> digest) names,
    each with those bytes: what a build that wrote them left, untouched since."""
    if load_manifest(root) != files:
        return False
    for relative, digest in files.items():
        try:
            if _digest((root / relative).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def _write_manifest(root: Path, files: dict[str, str], pending: dict[str, str] | None = None) -> None:
    manifest: dict = {"generator": "directive_digest", "files": dict(sorted(files.items()))}
    if pending:
        manifest["pending"] = dict(sorted(pending.items()))
    atomic_write(root / MANIFEST, (manifest_json(manifest) + "\n").encode("utf-8"))


def manifest_json(manifest: dict) -> str:
    """``json.dumps(manifest, ensure_ascii=False, indent=1)`` for the manifest's shape (a dict
    of strings and dicts of strings), written out: the indenting encoder is pure Python, and
    the manifest has a line per page and is written twice a build."""
    def plain(value) -> bool:
        return isinstance(value, str) or (isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()))

    if not manifest or not all(isinstance(k, str) and plain(v) for k, v in manifest.items()):
        return json.dumps(manifest, ensure_ascii=False, indent=1)
    quote = json.encoder.encode_basestring
    parts = []
    for key, value in manifest.items():
        if isinstance(value, str):
            parts.append(f" {quote(key)}: {quote(value)}")
        elif value:
            body = ",\n".join([f"  {quote(k)}: {quote(v)}" for k, v in value.items()])
            parts.append(f" {quote(key)}: {{\n{body}\n }}")
        else:
            parts.append(f" {quote(key)}: {{}}")
    return "{\n" + ",\n".join(parts) + "\n}"


def write_pages(root: Path, pages: dict[str, Page], staged: Optional[dict[str, str]] = None,
                on_page: Optional[Callable[[], None]] = None) -> WriteResult:
    """Make ``root`` hold ``pages`` (text, UTF-8 encoded, or packed); returns what was done.
    ``staged``: pages staged ahead (``stage_page``) in ``root``'s file system, by sha256
    (``staged_pages``). ``on_page``: called after each page (progress). Caller holds the lock."""
    root.mkdir(parents=True, exist_ok=True)
    old = load_manifest(root)
    # Files an interrupted run may have written: theirs as much as the listed ones.
    interrupted = load_manifest(root, "pending")
    ours = {rel: {d for d in (old.get(rel), interrupted.get(rel)) if d} for rel in set(old) | set(interrupted)}
    new: dict[str, str] = {}
    result = WriteResult()
    # Each page's bytes are made when it is written: never every page's at once.
    digests = {relative: page_digest(page) for relative, page in pages.items()}
    _write_manifest(root, old, {**interrupted, **digests})
    targets = Targets(root)
    for relative in sorted(pages):
        try:
            target = targets(relative)
        except ValueError as error:
            result.refused.append((relative, str(error)))
            if on_page is not None:
                on_page()
            continue
        known = old.get(relative) or interrupted.get(relative)  # what the manifest keeps if we cannot write
        try:
            _write_one(relative, target, pages[relative], digests[relative], ours, known, new, result, staged)
        except OSError as error:  # a directory where a page goes, a read-only file…: this page only
            result.refused.append((relative, f"cannot write: {error.strerror or error}"))
            if known:
                new[relative] = known
        if on_page is not None:
            on_page()
    for relative in sorted(set(ours) - set(pages)):
        try:
            target = Path(targets(relative))
        except ValueError:
            continue
        try:
            if not target.is_file():
                continue
            if _digest(target.read_bytes()) not in ours[relative]:
                result.refused.append((relative, "no longer generated but edited by hand; left untouched"))
                continue
            target.unlink()
        except OSError as error:
            result.refused.append((relative, f"cannot remove: {error.strerror or error}"))
            continue
        result.removed.append(relative)
        _prune_empty_dirs(target.parent, root)
    _write_manifest(root, new)
    return result


def _write_one(relative: str, target: str, page: Page, digest: str, ours: dict[str, set[str]],
               known: str | None, new: dict[str, str], result: WriteResult,
               staged: Optional[dict[str, str]] = None) -> None:
    if os.path.exists(target):
        with open(target, "rb") as handle:
            current = _digest(handle.read())
        if relative not in ours:
            result.refused.append((relative, "a file the tool did not write is there; left untouched"))
            return
        if current not in ours[relative]:
            result.refused.append((relative, "edited by hand since the last build; left untouched"))
            new[relative] = known
            return
        if current == digest:
            result.unchanged.append(relative)
            new[relative] = current
            return
    ready = staged.get(digest) if staged else None
    if ready is None or not install_staged(ready, target):
        atomic_write(target, page_bytes(page))
    new[relative] = digest
    result.written.append(relative)


def _prune_empty_dirs(directory: Path, root: Path) -> None:
    root = root.resolve()
    directory = directory.resolve()
    while directory != root and directory.is_relative_to(root):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent
