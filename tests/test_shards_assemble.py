"""Assembling cached shards into a site (directive_digest/shards/assemble.py), without MkDocs:
hard links to the cache's files that are never written through, a copy where linking fails,
the feeds and digest.json put in place over any file there, and nothing left on failure.

The cache is made by hand: each shard's ``site/`` and ``records.pickle`` (no record: the
digest.json of no article)."""
from __future__ import annotations

import errno
import json
import os
import pickle
from pathlib import Path

import pytest

from directive_digest.shards import assemble as assembly
from directive_digest.shards.assemble import AssemblyFailed, assemble, swap
from directive_digest.shards.plan import Plan, ShardPlan

SETTINGS = {"site_name": "Digest", "site_description": "", "site_url": "", "feeds": False, "feed_items": 20,
            "json_export": True}


def _shard(cache: Path, name: str, files: dict[str, str], top: bool) -> None:
    root = cache / "shards" / name
    for rel, text in files.items():
        (root / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "site" / rel).write_text(text, encoding="utf-8")
    (root / "records.pickle").write_bytes(pickle.dumps({"shard": name, "top": top, "settings": SETTINGS,
                                                        "records": []}))


@pytest.fixture()
def cache(tmp_path):
    """A top shard and one article shard of ``ct-05/2019``; the top's output holds a file of
    that folder too (the article shard's wins) and a digest.json (publish's wins)."""
    cache = tmp_path / "cache"
    _shard(cache, "top", {"index.html": "home", "assets/app.js": "js", "ct-05/index.html": "directive",
                          "ct-05/2019/index.html": "stale year page", "digest.json": "stale"}, top=True)
    _shard(cache, "s001", {"ct-05/2019/index.html": "year", "ct-05/2019/bai.html": "article",
                           "ct-05/2019/trang/2.html": "page 2", "ct-05/2020/bai.html": "not this shard's",
                           "index.html": "not this shard's"}, top=False)
    (cache / "shards" / "s001" / "site" / "ct-05" / "2019" / "empty").mkdir()
    return cache


def _plan(tmp_path) -> Plan:
    return Plan(tmp_path / "content", {"ct-05/2019": 1}, [ShardPlan("top"), ShardPlan("s001", ["ct-05/2019"], 1)])


def _cache_files(cache: Path) -> dict[str, tuple]:
    return {p.relative_to(cache).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(cache.rglob("*")) if p.is_file()}


def _site(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_site_is_linked_from_the_cache_which_is_never_written(tmp_path, cache):
    before = _cache_files(cache)
    staging = assemble(_plan(tmp_path), cache, tmp_path / "out" / "site", "")
    files = _site(staging)
    assert sorted(files) == ["assets/app.js", "ct-05/2019/bai.html", "ct-05/2019/index.html", "ct-05/2019/trang/2.html",
                             "ct-05/index.html", "digest.json", "index.html"]
    assert files["index.html"] == "home" and files["ct-05/2019/index.html"] == "year"  # the shard's, over the top's
    assert json.loads(files["digest.json"])["count"] == 0  # publish's, over the top's
    assert not (staging / "ct-05" / "2019" / "empty").exists()  # folders holding files only, as MkDocs' output
    same = os.stat(cache / "shards" / "s001" / "site" / "ct-05" / "2019" / "bai.html")
    assert (os.stat(staging / "ct-05" / "2019" / "bai.html").st_ino, os.stat(staging / "index.html").st_ino) == \
        (same.st_ino, os.stat(cache / "shards" / "top" / "site" / "index.html").st_ino)  # hard links
    assert _cache_files(cache) == before  # neither the replaced files nor digest.json written through
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [staging.name]  # publish's folder gone


def test_a_file_system_without_hard_links_gets_copies(tmp_path, cache, monkeypatch):
    def no_link(src, dst, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(assembly.os, "link", no_link)
    staging = assemble(_plan(tmp_path), cache, tmp_path / "out" / "site", "")
    assert _site(staging)["ct-05/2019/index.html"] == "year" and _site(staging)["assets/app.js"] == "js"
    assert os.stat(staging / "index.html").st_ino != os.stat(cache / "shards" / "top" / "site" / "index.html").st_ino


def test_a_failed_assembly_leaves_no_folder_and_the_previous_site(tmp_path, cache):
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("previous", encoding="utf-8")
    (cache / "shards" / "s001" / "records.pickle").write_bytes(b"not a pickle")
    with pytest.raises(AssemblyFailed, match="feeds and digest.json"):
        assemble(_plan(tmp_path), cache, site, "")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]
    assert _site(site) == {"index.html": "previous"}


def test_an_interrupted_assembly_stops_publishing_and_leaves_no_folder(tmp_path, cache, monkeypatch):
    running = []

    class Recorded(assembly._Publishing):
        def __init__(self, *args):
            super().__init__(*args)
            running.append(self)

    def interrupted(src, dest):
        raise KeyboardInterrupt

    monkeypatch.setattr(assembly, "_Publishing", Recorded)
    monkeypatch.setattr(assembly, "_tree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        assemble(_plan(tmp_path), cache, tmp_path / "out" / "site", "")
    assert running and running[0].process.poll() is not None  # not left running
    assert not list((tmp_path / "out").iterdir())


def test_swap_replaces_the_site_whole(tmp_path, cache):
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    (site / "old.html").write_text("previous", encoding="utf-8")
    swap(assemble(_plan(tmp_path), cache, site, ""), site)
    assert "old.html" not in _site(site) and _site(site)["index.html"] == "home"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]


def test_a_link_shared_by_pages_is_resolved_from_each_page_s_folder(tmp_path):
    from directive_digest.shards.links import broken_links

    for rel in ("a/x.html", "a/y.html", "b/x.html"):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text('<a href="z.html">z</a> <a href="../a/z.html">a</a> <a href="gone.html">g</a>',
                                    encoding="utf-8")
    (tmp_path / "a" / "z.html").write_text("", encoding="utf-8")
    assert broken_links(tmp_path, root="/") == [("a/x.html", "gone.html"), ("a/y.html", "gone.html"),
                                                ("b/x.html", "gone.html"), ("b/x.html", "z.html")]
