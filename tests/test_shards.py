"""Sharded site builds (directive_digest/shards/, the plugin's ``shard`` option): the site
assembled from shards is the site one ``mkdocs build`` makes, a changed article rebuilds its
shard and the top one only, a Dask cluster builds the same bytes, and a broken page stops the
build naming it with the previous site left whole.

The corpus: the bundled articles plus synthetic ones (benchmarks/synth.py) moved into two
directives and two years, so that several year folders are paginated (``trang/2.md``, read
by the shards for their articles' way back) and the split falls inside a directive.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synth import generate
from directive_digest.shards.assemble import _walk_key, merge_sitemaps
from directive_digest.shards.links import broken_links
from directive_digest.shards.plan import make_plan, split
from directive_digest.site.shard import BUILD, READ, SKIP, Shard
from tests.conftest import ARTICLES, ROOT, build_site, need

SITE_URL = "https://example.org/digest/"
ENV = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/20\d\d\b")
_REF = re.compile(r"(Chỉ thị|Kết luận|Nghị quyết|Quy định)(\s+số)?\s+\d{1,3}\s*[-/]\s*(?:CT|KL|NQ|QĐ)\s*/\s*TW")
_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _corpus(root: Path, seed_dirs) -> Path:
    """400 synthetic articles in Chỉ thị 05 / Kết luận 01 × 2019 / 2020 (about 100 a folder:
    paginated years), beside the bundled articles."""
    synthetic = root / "synthetic"
    for i, path in enumerate(generate(400, synthetic, seed_dirs)):
        ref = "Chỉ thị số 05-CT/TW" if (i // 2) % 2 else "Kết luận số 01-KL/TW"
        text = _REF.sub(ref, path.read_text(encoding="utf-8"))
        path.write_text(_DATE.sub(lambda m: f"{m.group(1)}/{m.group(2)}/{2019 + i % 2}", text), encoding="utf-8")
    return synthetic


def _sharded(work: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "directive_digest", "site", "--quiet", *args], cwd=work, env=ENV,
                          capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a site; the sitemap's build dates (the day of the build) normalised."""
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            rel = path.relative_to(site).as_posix()
            data = path.read_bytes()
            if rel == "sitemap.xml":
                data = _LASTMOD.sub(b"<lastmod/>", data)
            out[rel] = data
    out.pop("sitemap.xml.gz", None)  # the sitemap again, with the build date as its time stamp
    return out


def _same(a: Path, b: Path) -> None:
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb)
    differ = [rel for rel in fa if fa[rel] != fb[rel]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:5]}"


@pytest.fixture(scope="module")
def built(tmp_path_factory, seeds_dir):
    """(work dir, single-build site, sharded site, build report) from one corpus."""
    root = tmp_path_factory.mktemp("shards")
    work = root / "site"
    work.mkdir()
    synthetic = _corpus(root, [seeds_dir, ARTICLES])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", SITE_URL)
        single = build_site(work, [ARTICLES, synthetic])
    _sharded(work, "--shards", "3", "-d", "site-sharded", "--cache", ".cache", "--report", "report.json")
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    return work, single, work / "site-sharded", report


def test_the_sharded_site_is_the_single_build(built):
    work, single, sharded, report = built
    names = [s["name"] for s in report["shards"]]
    assert names[0] == "top" and len(names) == 4 and report["built"] == names
    plan = make_plan(work / "content", 3)
    assert all(s.articles > 0 for s in plan.shards[1:])
    # The split falls inside a directive (year ranges), and article shards read paginated years.
    directives = [{f.split("/")[0] for f in s.folders} for s in plan.shards[1:]]
    assert any(a & b for a, b in zip(directives, directives[1:]))
    assert any((work / "content" / f / "trang").is_dir() for s in plan.shards[1:] for f in s.folders)
    _same(single, sharded)
    assert (sharded / "sitemap.xml").read_bytes().count(b"<url>") == len(list((work / "content").rglob("*.md"))) \
        - len(list((work / "content" / "_digest").rglob("*.md")))


def test_one_changed_article_rebuilds_its_shard_and_the_top_one(built, tmp_path):
    work, _, _, report = built
    copy = tmp_path / "site"
    shutil.copytree(work, copy, symlinks=True)
    plan = make_plan(copy / "content", 3)
    owner = plan.shards[2]
    article = sorted(p for p in (copy / "content" / owner.folders[0]).glob("*.md") if p.name != "index.md")[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nMột câu thêm vào bài.\n", encoding="utf-8")
    _sharded(copy, "--shards", "3", "-d", "site-sharded", "--cache", ".cache", "--report", "again.json")
    again = json.loads((copy / "again.json").read_text(encoding="utf-8"))
    assert sorted(again["built"]) == sorted(["top", owner.name])
    assert len(again["reused"]) == 2
    # The rebuilt shards converted only the pages whose Markdown changed (site/converted.py):
    # the article, and the pages listing it (its year page, tags, the home page's overview).
    first = {s["name"]: s for s in report["shards"]}
    rebuilt = {s["name"]: s for s in again["shards"] if s["built"]}
    assert all(first[n]["pages_reused"] == 0 and first[n]["pages_converted"] > 0 for n in rebuilt)
    assert 1 <= rebuilt[owner.name]["pages_converted"] <= 3 < rebuilt[owner.name]["pages_reused"]
    assert rebuilt["top"]["pages_converted"] < rebuilt["top"]["pages_reused"]
    page = copy / "site-sharded" / owner.folders[0] / article.with_suffix(".html").name
    assert "Một câu thêm vào bài." in page.read_text(encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site-single"], cwd=copy,
                   env=ENV, check=True)
    _same(copy / "site-single", copy / "site-sharded")


def test_a_local_dask_cluster_builds_the_same_site(built):
    need(importlib.util.find_spec("distributed") is not None, "Dask distributed is not installed")
    work, _, sharded, _ = built
    _sharded(work, "--shards", "3", "--engine", "dask", "--jobs", "2", "-d", "site-dask", "--cache", ".cache-dask",
             "--report", "dask.json")
    report = json.loads((work / "dask.json").read_text(encoding="utf-8"))
    assert len(report["built"]) == 4
    a, b = _files(sharded), _files(work / "site-dask")
    assert a.keys() == b.keys() and all(a[k] == b[k] for k in a)
    gz = "sitemap.xml.gz"
    assert (sharded / gz).read_bytes() == (work / "site-dask" / gz).read_bytes()  # built the same day


def _tree_digest(site: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(site).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def test_a_broken_page_stops_the_build_naming_it_and_leaves_the_site(built, tmp_path):
    work, _, _, _ = built
    copy = tmp_path / "site"
    shutil.copytree(work, copy, symlinks=True)
    before = _tree_digest(copy / "site-sharded")
    plan = make_plan(copy / "content", 3)
    folder = plan.shards[3].folders[-1]
    article = sorted(p for p in (copy / "content" / folder).glob("*.md") if p.name != "index.md")[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n[Xem thêm](khong-co-trang-nay.md)\n", encoding="utf-8")
    done = _sharded(copy, "--shards", "3", "-d", "site-sharded", "--cache", ".cache", check=False)
    assert done.returncode == 1
    assert f"{folder}/{article.name}" in done.stderr and "khong-co-trang-nay.md" in done.stderr
    assert plan.shards[3].name in done.stderr
    assert _tree_digest(copy / "site-sharded") == before
    assert not [p.name for p in copy.iterdir() if ".assembling-" in p.name or ".old-" in p.name]


# --- the pieces ---------------------------------------------------------------------------

def test_a_shard_builds_its_folders_reads_what_its_pages_name_and_skips_the_rest():
    shard = Shard("s1", False, frozenset({"ct-05/2019"}), frozenset({"ct-05/2019", "ct-05/2020"}), "r")
    assert shard.role("ct-05/2019/bai.md") == shard.role("ct-05/2019/index.md") == BUILD  # articles, year pages
    assert shard.role("ct-05/2019/trang/2.md") == BUILD
    assert shard.role("ct-05/2020/bai.md") == shard.role("ct-05/2020/trang/2.md") == SKIP
    assert shard.role("ct-05/2020/index.md") == READ  # in the navigation
    assert shard.role("ct-05/2018/index.md") == READ  # a year without articles: the top shard's
    assert shard.role("the/ha-noi/index.md") == READ  # a tag's address
    assert shard.role("the/ha-noi/trang/2.md") == SKIP
    assert shard.role("index.md") == shard.role("gioi-thieu.md") == shard.role("ct-05/index.md") == READ
    top = Shard("top", True, frozenset(), shard.article_folders, "r")
    assert top.role("ct-05/2019/bai.md") == top.role("ct-05/2020/trang/2.md") == SKIP
    assert top.role("ct-05/2019/index.md") == READ
    assert top.role("ct-05/2018/index.md") == top.role("the/ha-noi/trang/2.md") == top.role("the/index.md") == BUILD
    assert top.role("ct-05/index.md") == top.role("index.md") == BUILD


def test_split_keeps_folder_order_and_balances_articles():
    folders = {f"d{i // 10}/{2010 + i % 10}": 10 + i for i in range(40)}
    runs = split(folders, 4)
    assert [f for run in runs for f in run] == list(folders)
    sizes = [sum(folders[f] for f in run) for run in runs]
    assert len(runs) == 4 and max(sizes) < 1.3 * sum(sizes) / 4
    assert split({"a/1": 500, "a/2": 1}, 5) == [["a/1"], ["a/2"]]  # a folder is never cut


def test_the_link_check_finds_a_link_to_no_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../b.html#x">b</a> <a href="c.html">c</a> '
                                               '<a href="https://x.org/">x</a> <img src="/digest/a/index.html">'
                                               '<a href="/elsewhere/x.html">y</a> <a href="#top">t</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<a href="a/">a</a>', encoding="utf-8")
    assert broken_links(tmp_path, root="/digest/") == [("a/index.html", "/elsewhere/x.html"), ("a/index.html", "c.html")]


def test_the_merged_sitemap_lists_pages_in_mkdocs_order(tmp_path):
    urls = ["index.html", "a/index.html", "a/z.html", "a/2019/index.html", "a/2019/b.html", "b.html"]
    expected = sorted(urls, key=_walk_key)
    assert expected == ["index.html", "b.html", "a/index.html", "a/z.html", "a/2019/index.html", "a/2019/b.html"]
    parts = []
    for i, group in enumerate((urls[::2], urls[1::2])):
        part = tmp_path / f"s{i}.xml"
        part.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="x">' + "".join(
            f"\n    <url>\n         <loc>{SITE_URL}{u}</loc>\n    </url>" for u in group) + "\n</urlset>",
            encoding="utf-8")
        parts.append(part)
    (tmp_path / "out").mkdir()
    merge_sitemaps(parts, tmp_path / "out", SITE_URL)
    text = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>(.*?)</loc>", text) == [SITE_URL + u for u in expected]


def test_shards_built_apart_then_assembled_are_the_same_site(built, tmp_path):
    """The CI matrix of docs/scaling.md: list the shards, build each alone (as on its own runner,
    into a cache of its own), gather the caches, assemble."""
    work, _, sharded, _ = built
    listed = json.loads(_sharded(work, "--shards", "3", "--list").stdout)
    names = [s["name"] for s in listed]
    assert names[0] == "top" and len(names) == 4
    refused = _sharded(work, "--shards", "3", "--assemble-only", "--cache", str(tmp_path / "gathered"),
                       "-d", "site-gathered", check=False)
    assert refused.returncode == 1 and all(n in refused.stderr for n in names)
    for name in names:
        _sharded(work, "--shards", "3", "--only", name, "--cache", str(tmp_path / f"runner-{name}"))
        shutil.copytree(tmp_path / f"runner-{name}" / "shards" / name, tmp_path / "gathered" / "shards" / name)
    _sharded(work, "--shards", "3", "--assemble-only", "--cache", str(tmp_path / "gathered"), "-d", "site-gathered")
    _same(sharded, work / "site-gathered")


def test_auto_builds_a_small_site_in_one_mkdocs_build(built):
    """``make site``: below plan.SHARD_ABOVE articles, one ``mkdocs build --strict``, no shard."""
    work, single, _, _ = built
    _sharded(work, "-d", "site-auto", "--cache", ".cache-auto")
    assert not (work / ".cache-auto").exists()
    _same(single, work / "site-auto")
