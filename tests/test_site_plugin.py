"""The ``directive-digest`` MkDocs plugin: the contract it shares with render (page kinds,
article order, dates), its feeds and export as the articles were written, its options, and
the check of the installed Material."""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import frontmatter
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ARTICLES, build_site
from directive_digest.contract import PageKind, article_order, date_vi
from directive_digest.site import material

HOSTILE_TITLE = 'Chi bộ "A & B" <b>học</b> tập Chỉ thị 05 & nêu gương'
HOSTILE_AUTHOR = 'Nguyễn Văn "Tèo" & <i>cộng sự</i>'
HOSTILE = f"""{HOSTILE_TITLE}

Ngày 12/03/2021, Đảng ủy xã Kim Liên tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

Theo báo cáo, 100% chi bộ đã xây dựng kế hoạch học tập chuyên đề hằng năm; 245 đảng viên đăng ký làm theo Bác bằng những việc làm cụ thể & thiết thực.

Hội nghị đã khen thưởng 12 tập thể và 30 cá nhân có thành tích xuất sắc trong thực hiện Chỉ thị 05.
"""


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    """The sample articles and one whose headline and author hold quotes, ampersands and tags."""
    work = tmp_path_factory.mktemp("plugin-site")
    extra = work / "extra"
    extra.mkdir()
    (extra / "chi-bo-a-b.md").write_text(f"---\nauthor: '{HOSTILE_AUTHOR.replace(chr(39), chr(39) * 2)}'\n---\n"
                                         + HOSTILE, encoding="utf-8")
    return build_site(work, [ARTICLES, extra])


def _articles(site: Path) -> dict[str, frontmatter.Post]:
    """Article pages by their address, from the content/ the site was built from."""
    content = site.parent / "content"
    out = {}
    for md in content.rglob("*.md"):
        post = frontmatter.load(md)
        if PageKind.of(post.metadata) == PageKind.ARTICLE:
            out[md.relative_to(content).with_suffix(".html").as_posix()] = post
    return out


# --- The contract -------------------------------------------------------------------------------

def test_page_kinds_of_front_matter():
    assert PageKind.of({"kind": "article"}) is PageKind.ARTICLE
    assert PageKind.of({"kind": "year", "page": 2}) is PageKind.YEAR
    assert PageKind.of({"title": "Giới thiệu"}) is PageKind.PAGE  # hand-written: no kind
    assert PageKind.of({"kind": "blog"}) is PageKind.PAGE and PageKind.of({"kind": 3}) is PageKind.PAGE
    assert PageKind.of(None) is PageKind.PAGE


def test_dates_as_vietnamese_readers_write_them():
    assert date_vi(dt.date(2021, 3, 4)) == "04/03/2021"
    assert date_vi(dt.datetime(2021, 3, 4, 10, 30)) == "04/03/2021"
    assert date_vi("2021-03-04") == "04/03/2021"
    assert date_vi(None) == date_vi("") == date_vi("4 tháng 3") == ""


def test_every_digest_page_has_a_kind_and_articles_are_told_by_it(plugin_site):
    content = plugin_site.parent / "content"
    manifest = json.loads((content / ".digest-manifest.json").read_text(encoding="utf-8"))["files"]
    kinds = {}
    for rel in manifest:
        if rel.startswith("_digest/"):  # fragments, included in the home page
            continue
        kinds[rel] = PageKind.of(frontmatter.load(content / rel).metadata)
    assert PageKind.PAGE not in kinds.values()
    assert {PageKind.ARTICLE, PageKind.DIRECTIVE, PageKind.YEAR, PageKind.TAG, PageKind.TAGS} <= set(kinds.values())
    for rel, kind in kinds.items():  # each kind where group.py files it
        depth = rel.count("/")
        if kind == PageKind.ARTICLE:
            assert depth == 2 and not rel.endswith("index.md"), rel
        elif kind == PageKind.DIRECTIVE:
            assert depth == 1 and rel.endswith("/index.md"), rel


def test_year_pages_list_articles_in_the_order_the_plugin_gives_them(plugin_site):
    """render's order (group.article_sort_key) and the plugin's (from front matter) are one:
    each year page lists its articles as the breadcrumbs number them."""
    articles = _articles(plugin_site)
    by_year: dict[str, list] = {}
    for url, post in articles.items():
        by_year.setdefault(url.rsplit("/", 1)[0], []).append(
            (article_order(post.get("date"), post.get("title"), post.get("source")), url))
    checked = 0
    for folder, items in by_year.items():
        expected = [url for _, url in sorted(items)]
        year_page = plugin_site.parent / "content" / folder / "index.md"
        listed = re.findall(r"^- \[.*?\]\(<([^>]+)>\)", year_page.read_text(encoding="utf-8"), re.MULTILINE)
        assert [f"{folder}/{name[:-3]}.html" for name in listed[:len(expected)]] == expected, folder
        for position, url in enumerate(expected, 1):
            html = (plugin_site / url).read_text(encoding="utf-8")
            assert f"<span>Bài {position}/{len(expected)}</span>" in html, url
        checked += len(expected) > 1
    assert checked >= 5


# --- Feeds and export ----------------------------------------------------------------------------

def _feed(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") and channel.findtext("link") and channel.findtext("description")
    return channel


def test_feeds_are_rss_with_the_articles_as_written(plugin_site):
    articles = _articles(plugin_site)
    feeds = sorted(plugin_site.rglob("feed.xml"))
    assert len(feeds) > 5
    hostile_seen = False
    for path in feeds:
        channel = _feed(path)
        folder = path.parent.relative_to(plugin_site).as_posix()
        dates = []
        for item in channel.findall("item"):
            link = item.findtext("link")
            url = (Path(folder) / link).as_posix() if folder != "." else link
            post = articles[url]
            assert item.findtext("title") == post["title"]  # text, escaped once (by the XML)
            assert item.findtext("guid") == link
            assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == post.get("author")
            assert [c.text for c in item.findall("category")] == post["tags"]
            if post.get("date"):
                day = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
                assert day.date().isoformat() == str(post["date"]) and day.utcoffset() == dt.timedelta(hours=7)
                dates.append(day)
            hostile_seen |= post["title"] == HOSTILE_TITLE
        # Dated from the articles, never from the time of the build: the same bytes every build.
        if dates:
            assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")) == max(dates)
            assert dates == sorted(dates, reverse=True)
        else:
            assert channel.find("lastBuildDate") is None
        assert channel.find("generator") is None
    assert hostile_seen


def test_export_holds_the_front_matter_as_written(plugin_site):
    articles = _articles(plugin_site)
    rows = json.loads((plugin_site / "digest.json").read_text(encoding="utf-8"))["articles"]
    assert len(rows) == len(articles)
    for row in rows:
        post = articles[row["url"]]
        assert (row["title"], row["author"], row["tags"]) == (post["title"], post.get("author"), post["tags"])
    assert any(row["title"] == HOSTILE_TITLE and row["author"] == HOSTILE_AUTHOR for row in rows)


def test_the_page_shows_the_headline_as_text(plugin_site):
    url = next(u for u, post in _articles(plugin_site).items() if post["title"] == HOSTILE_TITLE)
    html = (plugin_site / url).read_text(encoding="utf-8")
    escaped = "Chi bộ &quot;A &amp; B&quot; &lt;b&gt;học&lt;/b&gt; tập Chỉ thị 05 &amp; nêu gương"
    assert f"<title>{escaped} - " in html and "<b>học</b>" not in html
    assert re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*' + re.escape(escaped), html)


# --- Options and the Material check ---------------------------------------------------------------

def _copy(site: Path, work: Path) -> Path:
    """The site's sources (mkdocs.yml, overrides, content) in ``work``."""
    for name in ("mkdocs.yml", "overrides", "content"):
        source = site.parent / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
    return work


def _options(work: Path, **options) -> str:
    """mkdocs.yml with the plugin's ``options`` (YAML values) set."""
    lines = (work / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  - directive-digest:") + 1
    for name, value in options.items():
        at = next((i for i in range(start, len(lines)) if lines[i].startswith(f"      {name}:")), None)
        if at is None:
            lines.insert(start, f"      {name}: {value}")
        else:
            lines[at] = f"      {name}: {value}"
    (work / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(work / "mkdocs.yml")


def test_options_turn_off_feeds_export_and_search_index(plugin_site, tmp_path):
    work = _copy(plugin_site, tmp_path)
    config = load_config(_options(work, feeds="false", json_export="false", search_index="false"),
                         site_dir=str(work / "site"))
    build(config)
    site = work / "site"
    assert (site / "index.html").is_file() and (site / "chi-thi-05-ct-tw" / "index.html").is_file()
    assert not list(site.rglob("feed.xml")) and not (site / "digest.json").exists()
    assert not (site / "search").exists() and not (site / "assets" / "javascripts" / "lunr").exists()


def _search_tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "search").rglob("*")) if p.is_file()}


def test_the_search_cache_gives_the_index_a_build_without_it_gives(plugin_site, tmp_path):
    (tmp_path / "cached").mkdir()
    (tmp_path / "plain").mkdir()
    cached, plain = _copy(plugin_site, tmp_path / "cached"), _copy(plugin_site, tmp_path / "plain")
    article = next(p for p in sorted((cached / "content").rglob("*.md")) if "kind: article" in p.read_text(encoding="utf-8"))
    for step in ("cold", "one article changed"):
        if step != "cold":
            for work in (cached, plain):
                page = work / "content" / article.relative_to(cached / "content")
                page.write_text(page.read_text(encoding="utf-8") + "\nĐoạn thêm: hội nghị sơ kết mới.\n", encoding="utf-8")
        build(load_config(str(cached / "mkdocs.yml"), site_dir=str(cached / "site")))
        build(load_config(_options(plain, search_cache='""', page_cache='""'), site_dir=str(plain / "site")))
        assert _search_tree(cached / "site") == _search_tree(plain / "site"), step
    cache = cached / ".digest-cache" / "search"
    assert (cache / "index.pickle").is_file() and not list(cache.glob("run-*"))  # the run's folder moved or removed
    assert not (plain / ".digest-cache").exists()


def test_a_mistyped_option_stops_the_build_naming_it(plugin_site, tmp_path, caplog):
    work = _copy(plugin_site, tmp_path)
    with pytest.raises(Exception, match="configuration error"):
        load_config(_options(work, feed_items="many"), site_dir=str(work / "site"))
    assert "Plugin 'directive-digest' option 'feed_items': Expected type: <class 'int'>" in caplog.text


def test_an_untested_material_stops_the_build_saying_what_to_do(plugin_site, tmp_path, monkeypatch, caplog):
    assert material.installed_version() in material.TESTED_VERSIONS  # the pinned one (requirements.txt)
    work = _copy(plugin_site, tmp_path)
    monkeypatch.setattr(material, "installed_version", lambda: "9.9.0")
    with pytest.raises(Exception, match="Aborted"):
        build(load_config(str(work / "mkdocs.yml"), site_dir=str(work / "site")))
    assert ("directive-digest: mkdocs-material 9.9.0 is not a tested version (tested: 9.8.1). Install the pinned "
            "one (pip install -r requirements.txt), or test this one (make test) and add it to TESTED_VERSIONS"
            in caplog.text)
    assert not (work / "site" / "index.html").exists()
    with pytest.raises(PluginError, match="needs the Material theme"):
        material.check("mkdocs", "9.8.1")
