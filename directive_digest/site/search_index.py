"""The site's full-text search index (directive_digest.search, docs/search.md), written beside
the build.

The index is written from the Markdown pages (docs_dir), not from MkDocs' rendering, by
``python -m directive_digest.search`` in a process of its own: started when the build
starts, it runs on a second core while MkDocs renders pages on one, and its output is moved
into ``site/search/`` when the build ends. With the plugin's ``search_cache`` folder
(``.digest-cache/search/`` beside mkdocs.yml), a page whose bytes an earlier build indexed
is not read again and only the index files that change are written
(directive_digest/search/cache.py). A page it cannot read is reported as a warning
(a strict build fails on it, as on any other warning); the other pages are indexed.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Optional

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.directive_digest.search")
# The folder holding the package: the indexer imports the same directive_digest as the build.
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class SearchIndexRun:
    """The indexer of one build: ``start`` it, then ``finish`` (or ``stop``) it."""

    def __init__(self) -> None:
        self.process: Optional[subprocess.Popen] = None
        self.work: Optional[str] = None

    def start(self, docs_dir: str, cache_dir: Optional[str] = None) -> None:
        """Start indexing ``docs_dir``; with ``cache_dir``, a page indexed by an earlier build
        is not read again (directive_digest/search/cache.py)."""
        self.stop()
        self.work, options = None, []
        if cache_dir:
            try:  # beside the cache: its files are linked into the index, which is then moved into the site
                os.makedirs(cache_dir, exist_ok=True)
                self.work, options = tempfile.mkdtemp(prefix="run-", dir=cache_dir), ["--cache", cache_dir]
            except OSError:
                pass
        if self.work is None:
            self.work = tempfile.mkdtemp(prefix="digest-search-")
        command = [sys.executable, "-m", "directive_digest.search", docs_dir, os.path.join(self.work, "search"), *options]
        path = os.pathsep.join(filter(None, [PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            command,
            env={**os.environ, "PYTHONPATH": path}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8")

    def finish(self, site_dir: str) -> None:
        """Wait for the index and move it into ``site_dir``/search."""
        process, work = self.process, self.work
        self.process = self.work = None
        if process is None:
            return
        try:
            _, errors = process.communicate()
            for line in errors.splitlines():
                if line.startswith("search index:"):
                    log.warning(line)
            if process.returncode != 0:
                raise PluginError(f"search index: the indexer failed (exit {process.returncode}):\n{errors.strip()}")
            target = os.path.join(site_dir, "search")
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(os.path.join(work, "search"), target)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def stop(self) -> None:
        """Stop a run left from an interrupted build (``mkdocs serve`` rebuilding)."""
        process, work = self.process, self.work
        self.process = self.work = None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        if work:
            shutil.rmtree(work, ignore_errors=True)
