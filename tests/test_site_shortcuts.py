"""Shortcuts the site build takes must give the site it would give without them:

* the digest's pages are parsed with only the Markdown rules they use (site/dialect.py),
  and hand-written or hand-edited pages keep every rule;
* an article's side navigation is made from its year page's (site/render_cache.py), not
  rendered.

Each is a plugin option (``markdown_dialect``, ``derived_navigation``): the site is built
with it and without it."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from conftest import ARTICLES, ROOT, build_site
from directive_digest.site import dialect
from test_security import hostile_inputs

PLUGIN_LINE = "  - directive-digest:\n"


def _mkdocs(workdir: Path, config: str, site: str) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config, "-d", site],
                   cwd=workdir, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def _with_option(workdir: Path, option: str, name: str) -> str:
    """mkdocs.yml with one more option of the plugin (``option``: "name: value"), as ``name``."""
    text = (workdir / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count(PLUGIN_LINE) == 1, "mkdocs.yml no longer configures the directive-digest plugin"
    (workdir / name).write_text(text.replace(PLUGIN_LINE, f"{PLUGIN_LINE}      {option}\n"), encoding="utf-8")
    return name


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.suffix in (".html", ".json", ".xml") and p.is_file()}


@pytest.fixture(scope="module")
def dialect_site(tmp_path_factory, seeds_dir):
    """Sample articles, the real seeds and hostile articles in one site, built with the shortcuts."""
    work = tmp_path_factory.mktemp("dialect-site")
    site = build_site(work, [ARTICLES, seeds_dir, hostile_inputs(work)])
    return work, site


def test_site_is_the_same_as_with_every_markdown_rule(dialect_site):
    work, site = dialect_site
    _mkdocs(work, _with_option(work, "markdown_dialect: false", "mkdocs-full.yml"), "site-full")
    ours, full = _pages(site), _pages(work / "site-full")
    assert len(ours) > 50 and ours.keys() == full.keys()
    differ = sorted(name for name in ours if ours[name] != full[name])
    assert not differ, f"pages that differ from a full Markdown parse: {differ[:10]}"


def _edit(path: Path, addition: str) -> bytes:
    data = path.read_bytes() + addition.encode("utf-8")
    path.write_bytes(data)
    return data


def test_only_pages_the_digest_wrote_as_it_wrote_them_get_the_dialect(dialect_site, tmp_path):
    work = tmp_path / "site"
    shutil.copytree(dialect_site[0], work, ignore=shutil.ignore_patterns("site", "site-full"))
    content = work / "content"
    manifest_path = content / ".digest-manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    articles = sorted(p for p in manifest["files"] if p.count("/") == 2 and not p.endswith("index.md"))
    as_written, edited = articles[0], articles[1]
    syntax = "\n\nẢnh ![ảnh](anh.png) và `mã` ở cuối.\n"
    # A page the digest wrote, as it wrote it (the manifest agrees): parsed in the dialect,
    # where images and code spans do not exist.
    data = _edit(content / as_written, syntax)
    manifest["files"][as_written] = hashlib.sha256(data).hexdigest()
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # A page an editor changed after the digest wrote it, and a hand-written page: every rule.
    _edit(content / edited, syntax)
    _edit(content / "gioi-thieu.md", syntax)
    (content / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for folder in {Path(as_written).parent, Path(edited).parent}:
        (content / folder / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _mkdocs(work, "mkdocs.yml", "site-edited")
    site = work / "site-edited"
    html = {name: (site / Path(name).with_suffix(".html")).read_text(encoding="utf-8")
            for name in (as_written, edited, "gioi-thieu.md")}
    assert "<img" not in html[as_written].split("Ảnh", 1)[1] and "`mã`" in html[as_written]
    assert '<img alt="ảnh" src="anh.png"' in html[edited] and "<code>mã</code>" in html[edited]
    assert '<img alt="ảnh" src="anh.png"' in html["gioi-thieu.md"] and "<code>mã</code>" in html["gioi-thieu.md"]


def test_restrict_leaves_the_rules_the_dialect_uses():
    md = markdown.Markdown(extensions=["admonition", "attr_list", "tables", "toc"])
    dialect.restrict(md)
    names = {item.name for item in md.inlinePatterns._priority}
    assert names == {"escape", "link", "linebreak", "entity", "em_strong"}
    assert md.treeprocessors["toc"].marker == ""
    text = ("# Tiêu đề { #dau }\n\n\\[TOC\\]\n\n!!! abstract \"Tóm tắt\"\n\n    Có 4.725 đảng viên &amp; *chú thích*\n\n"
            "- [Bài](<a b.md>) (01/02/2021)  \n  tóm tắt \\[1\\]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    full = markdown.Markdown(extensions=["admonition", "attr_list", "tables", "toc"])
    assert md.convert(text) == full.convert(text)


def _build_in_process(work: Path, config_file: str, site: str):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(work / config_file), site_dir=str(work / site))
    build(config)
    return config.plugins["directive-digest"]


def test_article_navigation_made_from_the_year_page_is_the_one_material_renders(dialect_site):
    work, _ = dialect_site
    plugin = _build_in_process(work, "mkdocs.yml", "site-derived")
    assert plugin.render_cache.derived_ok is True and plugin.render_cache.derived_count() >= 10
    rendered = _build_in_process(work, _with_option(work, "derived_navigation: false", "mkdocs-rendered.yml"),
                                 "site-rendered")
    assert rendered.render_cache.derived_ok is None
    ours, rendered = _pages(work / "site-derived"), _pages(work / "site-rendered")
    assert ours.keys() == rendered.keys()
    differ = sorted(name for name in ours if ours[name] != rendered[name])
    assert not differ, f"pages whose navigation differs from Material's: {differ[:10]}"


def _dom(data: bytes) -> list:
    """What a browser makes of a page, whitespace collapsed as HTML collapses it (kept as
    written inside pre, textarea, script and style): every element, attribute and text."""
    import re

    from lxml import html as lxml_html

    def text(value, element) -> str:
        if value is None:
            return ""
        if element.tag in ("pre", "textarea", "script", "style"):
            return value
        return re.sub(r"[ \t\r\n]+", " ", value)

    tree = lxml_html.document_fromstring(data)
    return [(str(e.tag), sorted(e.attrib.items()), text(e.text, e), text(e.tail, e.getparent()))
            for e in tree.iter()]


def test_compact_pages_are_smaller_and_the_same_to_a_browser(dialect_site):
    work, site = dialect_site
    _mkdocs(work, _with_option(work, "compact_html: false", "mkdocs-loose.yml"), "site-loose")
    ours, loose = _pages(site), _pages(work / "site-loose")
    assert ours.keys() == loose.keys()
    html = [name for name in ours if name.endswith(".html")]
    assert len(html) > 50
    differ = [name for name in html if _dom(ours[name]) != _dom(loose[name])]
    assert not differ, f"pages a browser would show differently: {differ[:10]}"
    assert sum(len(ours[n]) for n in html) < 0.85 * sum(len(loose[n]) for n in html)  # 0.80 on this site
    assert all(ours[n] == loose[n] for n in ours if not n.endswith(".html"))
