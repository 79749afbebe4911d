"""The built site at two sizes: no page grows with the number of articles (sizes, not timings).

Two synthetic corpora (200 and 800 articles) are digested with small page sizes (5 articles
a year page, 5 a tag page), so pagination starts early, and built with mkdocs --strict. The
largest page, the largest collection page and an article page's navigation must stay the
same size, give or take, while the corpus grows 4x. Then, in Chromium from file://: the
breadcrumb, previous/next between articles, year and tag pagination. Screenshots go to
test-artifacts/.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest

from benchmarks.synth import generate
from conftest import ARTIFACTS, ROOT
from directive_digest import collections, tag_pages
from directive_digest.build import build

PAGE_SIZE = 5
SIZES = (200, 800)


def _build_small_pages(workdir: Path, articles: Path) -> Path:
    for name in ("mkdocs.yml", "overrides", "directive_digest"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, workdir / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, workdir / name)
    content = workdir / "content"
    content.mkdir()
    for path in (ROOT / "content").glob("*.md"):
        shutil.copy2(path, content / path.name)
    shutil.copytree(ROOT / "content" / "stylesheets", content / "stylesheets")
    report = build([articles], content, jobs=1)
    assert report.articles > 0
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=workdir, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return workdir / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory, seeds_dir) -> dict[int, Path]:
    mp = pytest.MonkeyPatch()
    mp.setattr(collections, "YEAR_PAGE_SIZE", PAGE_SIZE)
    mp.setattr(tag_pages, "TAG_PAGE_SIZE", PAGE_SIZE)
    try:
        out = {}
        for n in SIZES:
            root = tmp_path_factory.mktemp(f"scale-{n}")
            generate(n, root / "articles", [seeds_dir])
            out[n] = _build_small_pages(root, root / "articles")
        return out
    finally:
        mp.undo()


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def _is_article(site: Path, page: Path) -> bool:
    md = site.parent / "content" / page.relative_to(site).with_suffix(".md")
    return md.is_file() and bool(frontmatter.load(md).get("source"))


def _largest(site: Path, articles: bool) -> tuple[int, str]:
    return max((p.stat().st_size, p.relative_to(site).as_posix()) for p in _pages(site)
               if articles or not _is_article(site, p))


def test_year_and_tag_pages_are_paginated(sites):
    site = sites[800]
    assert [p for p in site.glob("*/*/trang/2.html") if p.parts[-4] != "the"], "no year has a second page"
    assert list(site.glob("the/*/trang/2.html")), "no tag has a second page"
    # A year page lists at most PAGE_SIZE of its own articles (and as many citing ones).
    md = next(p for p in (site.parent / "content").glob("*/*/trang/2.md") if p.parts[-4] != "the")
    folder = md.parent.parent
    own = re.findall(r"^- \[.*?\]\(<\.\./([^/>]+\.md)>\)", md.read_text(encoding="utf-8"), re.MULTILINE)
    assert 0 < len(own) <= PAGE_SIZE and all((folder / name).is_file() for name in own)


def test_largest_page_does_not_grow_with_the_articles(sites):
    small, large = (_largest(sites[n], articles=True) for n in SIZES)
    small_lists, large_lists = (_largest(sites[n], articles=False) for n in SIZES)
    print(f"largest page: {small} at {SIZES[0]}, {large} at {SIZES[1]}; "
          f"largest collection page: {small_lists} / {large_lists}")
    # 4x the articles; the largest pages may differ by what the corpus happens to hold, not 4x.
    assert large[0] <= small[0] * 1.3, (small, large)
    assert large_lists[0] <= small_lists[0] * 1.3, (small_lists, large_lists)
    # The tags index names tags, not articles.
    index = [(sites[n] / "the" / "index.html").stat().st_size for n in SIZES]
    assert index[1] <= index[0] * 1.5, index


def test_article_navigation_does_not_grow_with_the_articles(sites):
    def nav_items(site: Path) -> int:
        article = next(p for p in sorted(site.glob("*/*/*.html")) if _is_article(site, p))
        html = article.read_text(encoding="utf-8")
        nav = html.split('md-nav--primary', 1)[1].split('md-sidebar--secondary', 1)[0]
        return nav.count("md-nav__item")

    counts = [nav_items(sites[n]) for n in SIZES]
    assert counts[1] <= counts[0] + 5, counts  # directives x years, not articles


def test_every_article_is_reachable_from_its_year_pages(sites):
    site = sites[800]
    content = site.parent / "content"
    years = [d for d in content.glob("*/*/trang") if d.parent.parent.name != "the"]
    year = max(years, key=lambda d: len(list(d.glob("*.md")))).parent
    listed = set()
    for md in [year / "index.md", *year.glob("trang/*.md")]:
        text = md.read_text(encoding="utf-8")
        listed |= {posixpath_norm(md.parent, t) for t in re.findall(r"\]\(<([^>#]+\.md)>\)", text)}
    articles = {p for p in year.glob("*.md") if p.name != "index.md"}
    assert articles and articles <= listed


def posixpath_norm(folder: Path, target: str) -> Path:
    return Path(os.path.normpath(folder / target))


def test_breadcrumb_pagination_and_previous_next_in_the_browser(sites, offline_page):
    ARTIFACTS.mkdir(exist_ok=True)
    site = sites[800]
    page = offline_page
    # A year whose second page lists several articles: the first of them has a next one in its year.
    second_pages = sorted(p for p in site.glob("*/*/trang/2.html") if p.parts[-4] != "the")
    second = max(second_pages, key=lambda p: p.read_text(encoding="utf-8").count('href="../'))
    year_index = second.parent.parent / "index.html"
    page.goto(year_index.as_uri())
    pager = page.locator(".md-content .digest-pager").first
    assert "Trang 1/" in pager.inner_text()
    first_listed = page.locator(".md-content li a[href$='.html']").first.get_attribute("href")
    page.screenshot(path=str(ARTIFACTS / "scale-year-page-1.png"), full_page=True)
    pager.locator("a", has_text="Trang sau").click()
    page.wait_for_url("**/trang/2.html")
    assert "Trang 2/" in page.locator(".md-content .digest-pager").first.inner_text()
    assert page.locator(".md-content li a[href$='.html']").first.get_attribute("href") != first_listed
    page.screenshot(path=str(ARTIFACTS / "scale-year-page-2.png"), full_page=True)
    # An article on page 2: its breadcrumb leads back to page 2 of its year.
    with page.expect_navigation():
        page.locator(".md-content ul li > a[href^='../']").first.click()
    page.wait_for_selector(".digest-trail")
    trail = page.locator(".digest-trail")
    assert "(trang 2)" in trail.inner_text()
    assert re.search(r"Bài \d+/\d+", trail.inner_text())
    page.screenshot(path=str(ARTIFACTS / "scale-article.png"), full_page=False)
    title = page.inner_text("h1")
    nxt = page.locator(".digest-pager__next")
    assert nxt.count() == 1
    with page.expect_navigation():
        nxt.click()
    page.wait_for_selector(".digest-pager__prev")
    assert page.inner_text("h1") != title
    with page.expect_navigation():
        page.locator(".digest-pager__prev").click()
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == title
    page.locator(".digest-trail a").nth(1).click()  # the year
    page.wait_for_url("**/trang/2.html")
    page.locator(".digest-pager a", has_text="Trang trước").first.click()
    page.wait_for_url("**/index.html")
    assert page.external_requests == [] and page.console_errors == []


def test_tags_index_and_a_paginated_tag_in_the_browser(sites, offline_page):
    site = sites[800]
    page = offline_page
    page.goto((site / "the" / "index.html").as_uri())
    assert page.inner_text("h1") == "Thẻ"
    page.screenshot(path=str(ARTIFACTS / "scale-tags-index.png"), full_page=False)
    tag = next(site.glob("the/*/trang/2.html")).parent.parent.name
    page.locator(f".md-content a[href='{tag}/index.html']").click()
    page.wait_for_url(f"**/the/{tag}/index.html")
    assert page.locator(".md-content li a[href$='.html']").count() == PAGE_SIZE
    page.locator(".digest-pager a", has_text="Trang sau").first.click()
    page.wait_for_url("**/trang/2.html")
    page.screenshot(path=str(ARTIFACTS / "scale-tag-page-2.png"), full_page=False)
    # From an article, its tags lead to their tag pages.
    page.locator(".md-content li a[href$='.html']").first.click()
    page.wait_for_selector(".md-tags a.md-tag")
    page.locator(".md-tags a.md-tag").first.click()
    page.wait_for_url("**/the/*/index.html")
    assert page.inner_text("h1").startswith("Thẻ: ")
    assert page.external_requests == [] and page.console_errors == []
