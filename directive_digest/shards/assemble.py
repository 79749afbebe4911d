"""Put the shards' output together into one site, and swap it in whole.

The assembled site is made in a folder beside ``site_dir``: the top shard's output (home,
directive and tag pages, assets, search index, 404 page), each article shard's folders
(articles, year pages), one sitemap of every shard's pages, then the feeds and ``digest.json``
of every shard's records (``python -m directive_digest.site.publish``). Its links are checked
(links.py). Only then does it replace ``site_dir``: a failure leaves the previous site as it
was, and no partial site.

Files are hard links to the cache's copies where the file system allows (the cache never
rewrites a file: a shard built again is a new folder), else copies.
"""
from __future__ import annotations

import datetime as dt
import gzip
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .build import RECORDS, SITE, shard_dir
from .plan import Plan

SITEMAP = "sitemap.xml"
_URL = re.compile(r"<url>.*?</url>", re.DOTALL)
_LOC = re.compile(r"<loc>(.*?)</loc>")
_LASTMOD = re.compile(r"<lastmod>(\d{4}-\d\d-\d\d)</lastmod>")
# The folder holding the package: publish runs the same directive_digest as this process.
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class AssemblyFailed(Exception):
    pass


def _place(src: str, dest: str) -> None:
    """``dest`` a hard link to ``src`` (else a copy). A file already at ``dest`` (an earlier
    shard's) is replaced, never written through: it may be a link to the cache."""
    try:
        os.link(src, dest)
        return
    except FileExistsError:
        os.unlink(dest)
    except OSError:  # no hard links here (another file system): a copy
        shutil.copy2(src, dest)
        return
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def _tree(src: Path, dest: Path) -> None:
    """Every file under ``src`` at the same place under ``dest`` (the folders holding files
    made as needed, once each): str paths and one system call a file, hundreds of thousands of
    files a run."""
    src, dest = os.fspath(src), os.fspath(dest)
    cut = len(src) + 1
    for root, _dirs, names in os.walk(src):
        if not names:
            continue
        into = os.path.join(dest, root[cut:]) if len(root) > len(src) else dest
        os.makedirs(into, exist_ok=True)
        for name in names:
            _place(os.path.join(root, name), os.path.join(into, name))


def _walk_key(url_path: str) -> tuple:
    """The order MkDocs lists pages in (its walk of docs_dir): a folder's files, index first,
    then its subfolders, by name."""
    parts = url_path.split("/")
    name = parts[-1]
    stem = posixpath.splitext(name)[0]
    return tuple((1, d) for d in parts[:-1]) + ((0, (stem not in ("index", "README"), name)),)


def merge_sitemaps(parts: list[Path], dest: Path, site_url: str) -> None:
    """One sitemap.xml (and .gz) of every shard's pages, in MkDocs' order."""
    blocks: dict[str, str] = {}
    head = tail = None
    for path in parts:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        found = list(_URL.finditer(text))
        if head is None:
            start = text.find("<urlset")
            head = text[:text.find(">", start) + 1]
            tail = "\n</urlset>"
        for m in found:
            loc = _LOC.search(m.group(0))
            if loc:
                blocks.setdefault(loc.group(1), m.group(0))
    if head is None:
        return
    prefix = site_url.rstrip("/") + "/" if site_url else "/"

    def key(loc: str) -> tuple:
        return _walk_key(loc[len(prefix):] if loc.startswith(prefix) else loc)

    body = "".join(f"\n    {blocks[loc]}" for loc in sorted(blocks, key=key))
    output = f"{head}{body}{tail}"
    out = dest / SITEMAP
    if out.exists():
        out.unlink()  # a hard link to the cache: never written through
    out.write_text(output, encoding="utf-8")
    dates = _LASTMOD.findall(output)
    stamp = dt.datetime.fromisoformat(max(dates)).replace(tzinfo=dt.timezone.utc) if dates else None
    gz = dest / f"{SITEMAP}.gz"
    if gz.exists():
        mtime = int(stamp.timestamp()) if stamp else int.from_bytes(gz.read_bytes()[4:8], "little")
        gz.unlink()
        with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb", mtime=mtime) as z:
            z.write(output.encode("utf-8"))


class _Publishing:
    """``python -m directive_digest.site.publish`` writing the feeds and digest.json of every
    shard's records into a folder of its own, while the site's files are linked (it needs
    none of them); ``into`` then moves them into the site."""

    def __init__(self, out: Path, records: list[Path]):
        self.out = out
        path = os.pathsep.join(filter(None, [PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))
        self.errors = tempfile.TemporaryFile()
        try:
            out.mkdir(parents=True)
            self.process = subprocess.Popen(
                [sys.executable, "-m", "directive_digest.site.publish", str(out), *map(str, records)],
                env={**os.environ, "PYTHONPATH": path}, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=self.errors)
        except BaseException:
            self.close()
            raise

    def into(self, site: Path) -> None:
        """Wait for it, then each file it wrote at its place in ``site``, replacing (never
        writing through) a file there."""
        if self.process.wait() != 0:
            self.errors.seek(0)
            message = self.errors.read().decode("utf-8", "replace").strip()
            raise AssemblyFailed(f"writing the feeds and digest.json failed: {message}")
        out = os.fspath(self.out)
        for root, _dirs, names in os.walk(out):
            if not names:
                continue
            dest = os.path.join(os.fspath(site), os.path.relpath(root, out))
            os.makedirs(dest, exist_ok=True)
            for name in names:
                os.replace(os.path.join(root, name), os.path.join(dest, name))

    def close(self) -> None:
        """Stop it if it still runs; its folder removed."""
        process = getattr(self, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        self.errors.close()
        shutil.rmtree(self.out, ignore_errors=True)


def publish(site: Path, records: list[Path]) -> None:
    """The feeds and digest.json of every shard's records, written by the site's own code."""
    running = _Publishing(site.parent / f".{site.name}.publishing-{os.getpid()}", records)
    try:
        running.into(site)
    finally:
        running.close()


def assemble(plan: Plan, cache: Path, site_dir: Path, site_url: str) -> Path:
    """The whole site in a new folder beside ``site_dir`` (returned; ``swap`` puts it in place)."""
    staging = site_dir.parent / f".{site_dir.name}.assembling-{os.getpid()}"
    published = site_dir.parent / f".{site_dir.name}.publishing-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(published, ignore_errors=True)
    running = None
    try:
        # The feeds and digest.json (most of the time, reading every shard's records) are
        # written by another process while this one links the files.
        running = _Publishing(published, [shard_dir(cache, s.name) / RECORDS for s in plan.shards])
        top = shard_dir(cache, plan.shards[0].name) / SITE
        _tree(top, staging)
        for shard in plan.shards[1:]:
            built = shard_dir(cache, shard.name) / SITE
            for folder in shard.folders:  # its articles, year page and the year's later pages
                if (built / folder).is_dir():
                    _tree(built / folder, staging / folder)
        merge_sitemaps([shard_dir(cache, s.name) / SITE / SITEMAP for s in plan.shards], staging, site_url)
        running.into(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if running is not None:
            running.close()
    return staging


def swap(staging: Path, site_dir: Path) -> None:
    """``staging`` becomes ``site_dir``; the previous site is removed only once replaced."""
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
