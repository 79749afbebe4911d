"""MkDocs hook: the site's full-text search index (directive_digest.search, docs/search.md).

The index is written from the Markdown pages (docs_dir), not from MkDocs' rendering, by
``python -m directive_digest.search`` in a process of its own: started when the build
starts, it runs on a second core while MkDocs renders pages on one, and its output is moved
into ``site/search/`` when the build ends. A page it cannot read is reported as a warning
(a strict build fails on it, as on any other warning); the other pages are indexed.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile

from mkdocs.exceptions import PluginError

_log = logging.getLogger("mkdocs.hooks.search")
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the folder holding the package
_run: dict = {}
# Material's own search (its worker, lunr and its languages): not used, so not published.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/workers", "assets/javascripts/lunr")


def start(docs_dir: str) -> None:
    finish_quietly()
    work = tempfile.mkdtemp(prefix="digest-search-")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
    _run["work"] = work
    _run["process"] = subprocess.Popen(
        [sys.executable, "-m", "directive_digest.search", docs_dir, os.path.join(work, "search")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def finish(site_dir: str) -> None:
    process, work = _run.pop("process", None), _run.pop("work", None)
    if process is None:
        return
    try:
        _, errors = process.communicate()
        for line in errors.splitlines():
            if line.startswith("search index:"):
                _log.warning(line)
        if process.returncode != 0:
            raise PluginError(f"search index: the indexer failed (exit {process.returncode}):\n{errors.strip()}")
        target = os.path.join(site_dir, "search")
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(os.path.join(work, "search"), target)
        for unused in MATERIAL_SEARCH_ASSETS:  # copied with Material's theme files, never loaded
            shutil.rmtree(os.path.join(site_dir, *unused.split("/")), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def finish_quietly() -> None:
    """Stop a run left from an interrupted build (``mkdocs serve`` rebuilding)."""
    process, work = _run.pop("process", None), _run.pop("work", None)
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    if work:
        shutil.rmtree(work, ignore_errors=True)


def _wanted() -> bool:
    """DIGEST_SEARCH_INDEX=0 builds the site without its index (benchmarks/run.py measures what
    writing it adds to the build)."""
    return os.environ.get("DIGEST_SEARCH_INDEX", "1") != "0"


def on_pre_build(config):
    if _wanted():
        start(config["docs_dir"])


def on_post_build(config):
    finish(config["site_dir"])


def on_build_error(error):
    finish_quietly()
