"""A page's Markdown converted in an earlier build is reused (site/converted.py) only when
converting it again would give the same: the site is byte for byte the one a build without
the kept conversions gives, and MkDocs' warnings and checks are not lost."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from directive_digest.site.converted import SITE

CONFIG = """site_name: Thử
docs_dir: content
use_directory_urls: false
strict: {strict}
theme:
  name: material
  language: vi
plugins:
  - directive-digest:
      feeds: false
      json_export: false
      search_index: false
      page_cache: "{cache}"
markdown_extensions:
  - attr_list
  - toc:
      permalink: false
"""

PAGES = {
    "index.md": "# Trang chủ\n\nXem [phần hai](b.md#phan-hai) và [trang C](sub/c.md).\n",
    "b.md": "---\ntitle: Trang B\n---\n\n## Phần một\n\nMở đầu.\n\n## Phần hai {#phan-hai}\n\nNội dung.\n",
    # A title from the first heading only (MkDocs takes it from the conversion).
    "sub/c.md": "# Trang C tự viết\n\nVề [trang chủ](../index.md) và [B](../b.md).\n",
}


def _project(root: Path, strict: bool = True, cache: str = ".digest-cache/pages") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG.format(strict=str(strict).lower(), cache=cache), encoding="utf-8")
    for name, text in PAGES.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _build(root: Path, site: str = "site"):
    """Build ``root``'s site into ``site``; the plugin (its counts of kept and new conversions)."""
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / site))
    plugin = config.plugins["directive-digest"]
    build(config)
    return plugin


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _pages_html(site: Path) -> dict[str, bytes]:
    return {k: v for k, v in _files(site).items() if k.endswith(".html")}


def test_second_build_reuses_every_page_and_gives_the_same_site(tmp_path):
    root = _project(tmp_path / "p")
    first = _build(root, "site1")
    assert (first.converted.hits, first.converted.misses) == (0, 3)
    assert (root / ".digest-cache" / "pages" / f"{SITE}.pickle").is_file()
    second = _build(root, "site2")
    assert (second.converted.hits, second.converted.misses) == (3, 0)
    assert _files(root / "site1") == _files(root / "site2")
    c = (root / "site2" / "sub" / "c.html").read_text(encoding="utf-8")
    assert "<title>Trang C tự viết - Thử</title>" in c  # the title MkDocs took from the kept conversion


def test_a_changed_page_alone_is_converted_and_the_site_is_a_fresh_builds(tmp_path):
    root = _project(tmp_path / "p")
    _build(root, "site1")
    b = root / "content" / "b.md"
    b.write_text(b.read_text(encoding="utf-8") + "\n## Phần ba\n\nThêm.\n", encoding="utf-8")
    again = _build(root, "site2")
    assert (again.converted.hits, again.converted.misses) == (2, 1)
    fresh = _project(tmp_path / "fresh", cache="")
    shutil.copy2(b, fresh / "content" / "b.md")
    plain = _build(fresh, "site2")
    assert plain.converted.hits == plain.converted.misses == 0  # no cache folder: nothing kept
    assert _pages_html(root / "site2") == _pages_html(fresh / "site2")
    assert 'id="phan-ba"' in (root / "site2" / "b.html").read_text(encoding="utf-8")


def test_a_removed_link_target_is_still_reported(tmp_path):
    """The site's files are part of every key: a page whose link lost its target is
    converted again, and strict MkDocs stops on it as it would without kept conversions."""
    root = _project(tmp_path / "p")
    _build(root, "site1")
    (root / "content" / "sub" / "c.md").unlink()
    with pytest.raises(Abort):
        _build(root, "site2")


def test_a_page_that_warned_is_never_kept(tmp_path, caplog):
    root = _project(tmp_path / "p", strict=False)
    (root / "content" / "d.md").write_text("---\ntitle: D\n---\n\n[Mất](khong-co.md)\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        first = _build(root, "site1")
    warned = [r for r in caplog.records if "khong-co.md" in r.getMessage()]
    assert warned and first.converted.misses == 4 and len(first.converted.kept) == 3
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        second = _build(root, "site2")
    assert [r for r in caplog.records if "khong-co.md" in r.getMessage()], "the warning was hidden by the cache"
    assert (second.converted.hits, second.converted.misses) == (3, 1)


def test_anchors_of_kept_pages_are_still_checked(tmp_path):
    """MkDocs checks links to other pages' anchors after every page is converted, from what
    the conversion found: a kept page must give it the same."""
    root = _project(tmp_path / "p")
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as f:
        f.write("validation:\n  anchors: warn\n")
    _build(root, "site1")
    b = root / "content" / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("{#phan-hai}", "{#doi-ten}"), encoding="utf-8")
    with pytest.raises(Abort):  # index.md (kept) links to b.md#phan-hai, which is gone
        _build(root, "site2")


def test_an_unreadable_cache_is_no_cache(tmp_path):
    root = _project(tmp_path / "p")
    _build(root, "site1")
    (root / ".digest-cache" / "pages" / f"{SITE}.pickle").write_bytes(b"not a pickle")
    again = _build(root, "site2")
    assert (again.converted.hits, again.converted.misses) == (0, 3)
    assert _files(root / "site1") == _files(root / "site2")

