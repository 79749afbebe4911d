"""Collection pages: home overview, directive pages (registry data, chart, years, citing
articles), directive-year pages (articles, figures, outlets, organisations)."""
import posixpath
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import frontmatter
import pytest

from conftest import ARTICLES, ROOT
from directive_digest.charts import bar_chart
from directive_digest.organisations import organisations

LINK = re.compile(r"\]\(<([^>]+)>\)")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("collections") / "content"
    subprocess.run([sys.executable, str(ROOT / "build_digest.py"), "--input", str(ARTICLES), "--output", str(out),
                    "--report", str(out.parent / "r.json"), "-q"], check=True)
    return out


def links(page: Path, root: Path) -> list[str]:
    """Targets of the Markdown links on ``page``, relative to ``root``, fragments kept."""
    out = []
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(root).as_posix()), path))
        out.append(resolved + (f"#{fragment}" if fragment else ""))
    return out


def own_articles(year_page: Path, root: Path) -> list[str]:
    """Article pages a year page lists as its own (filed in its folder), in order."""
    folder = year_page.parent.relative_to(root).as_posix()
    return [t for t in links(year_page, root) if "#" not in t and t.endswith(".md") and posixpath.dirname(t) == folder]


def citing_articles(year_page: Path, root: Path) -> list[str]:
    """Article pages a year page lists as citing its directive (filed under another one)."""
    if "## Bài viết khác có trích dẫn" not in year_page.read_text(encoding="utf-8"):
        return []
    section = year_page.read_text(encoding="utf-8").split("## Bài viết khác có trích dẫn", 1)[1].split("\n## ", 1)[0]
    folder = year_page.parent.relative_to(root).as_posix()
    return [posixpath.normpath(posixpath.join(folder, t)) for t in LINK.findall(section)]


def article_pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.glob("*/*/*.md") if p.name != "index.md")


def test_every_article_is_linked_exactly_once_from_the_year_pages(content):
    seen = Counter()
    for year_page in content.glob("*/*/index.md"):
        targets = [t for t in links(year_page, content) if "#" not in t]
        own = [t for t in targets if posixpath.dirname(t) == year_page.parent.relative_to(content).as_posix()]
        assert len(own) == len(set(own)), year_page
        seen.update(own)
    assert sorted(seen) == article_pages(content)
    assert set(seen.values()) == {1}


def test_year_page_lists_articles_in_date_order_with_summaries(content):
    for year_page in content.glob("*/*/index.md"):
        listed = own_articles(year_page, content)
        posts = [frontmatter.load(content / t) for t in listed]
        dates = [p["date"] or "9999" for p in posts]
        assert dates == sorted(dates), year_page
        text = year_page.read_text(encoding="utf-8")
        for post in posts:
            assert post["summary"][:40].replace("*", "\\*") in text or post["summary"][:20] in text


def test_year_figures_table_links_back_to_each_articles_figures(content):
    for year_page in content.glob("*/*/index.md"):
        listed = own_articles(year_page, content)
        expected = sum(len(frontmatter.load(content / t)["key_figures"]) for t in listed)
        back = [t for t in links(year_page, content) if t.endswith("#so-lieu-chinh")]
        assert len(back) == expected, year_page
        assert {t.split("#")[0] for t in back} <= set(listed)
        for t in set(back):
            assert "## Số liệu chính { #so-lieu-chinh }" in (content / t.split("#")[0]).read_text(encoding="utf-8")


def test_year_page_names_outlets_and_organisations(content):
    page = (content / "ket-luan-01-kl-tw" / "2022" / "index.md").read_text(encoding="utf-8")
    assert "## Cơ quan báo chí" in page and "Báo Bắc Giang" in page  # the syndicated copy's outlet
    page = (content / "chi-thi-05-ct-tw" / "2019" / "index.md").read_text(encoding="utf-8")
    assert "## Tổ chức được nhắc đến" in page and "Huyện uỷ Can Lộc" in page


def test_directive_page_has_registry_data_chart_years_and_citing_articles(content):
    page = content / "ket-luan-01-kl-tw" / "index.md"
    text = page.read_text(encoding="utf-8")
    assert "| Ngày ban hành | 18/05/2021 |" in text
    assert "| Cơ quan ban hành | Bộ Chính trị |" in text
    assert "| Tiếp nối | [Chỉ thị 05 (05-CT/TW)](<../chi-thi-05-ct-tw/index.md>) |" in text
    svg = re.search(r"<svg[^>]*>.*?</svg>", text).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<script" not in svg and "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    years = sorted(p.parent.name for p in page.parent.glob("*/index.md"))
    own_years = sorted(y for y in years if own_articles(page.parent / y / "index.md", content))
    assert svg.count("<rect") == int(own_years[-1]) - int(own_years[0]) + 1  # every year of the span
    targets = links(page, content)
    for year in years:
        assert f"ket-luan-01-kl-tw/{year}/index.md" in targets
    assert not [t for t in targets if t.count("/") == 2 and not t.endswith("index.md")]  # no article lists
    citing = [t for y in years for t in citing_articles(page.parent / y / "index.md", content)]
    assert citing and len(citing) == len(set(citing))
    for t in citing:  # filed under another directive, but it cites this one
        post = frontmatter.load(content / t)
        assert post["directive"] != "01-KL/TW" and "01-KL/TW" in post["directives"]
    assert "Được tiếp nối bởi" in (content / "chi-thi-05-ct-tw" / "index.md").read_text(encoding="utf-8")


def test_every_citing_article_is_listed_on_the_cited_directives_year_page(content):
    for path in article_pages(content):
        post = frontmatter.load(content / path)
        for cited in post["directives"]:
            if cited == post["directive"]:
                continue
            index = next((p for p in content.glob("*/index.md") if frontmatter.load(p).get("directive") == cited), None)
            if index is not None:  # on the cited directive's page for the article's year
                year_page = index.parent / str(post["year"] or "khong-ro-nam") / "index.md"
                assert citing_articles(year_page, content).count(path) == 1, (cited, path)


def test_home_overview_totals_table_and_latest(content):
    text = (content / "_digest" / "overview.md").read_text(encoding="utf-8")
    pages = article_pages(content)
    assert f"Tổng cộng **{len(pages)}** bài viết" in text
    directives = [p for p in content.glob("*/index.md") if frontmatter.load(p).get("directive")]
    assert f"về **{len(directives)}** văn bản" in text
    targets = [posixpath.normpath(t) for t in LINK.findall(text)]
    for index in content.glob("*/index.md"):
        if frontmatter.load(index).get("kind") == "directive":  # not the tags index (the/)
            assert index.relative_to(content).as_posix() in targets
    latest = text.split("## Bài viết mới nhất", 1)[1]
    shown = [t for t in LINK.findall(latest)]
    dates = [frontmatter.load(content / t)["date"] for t in shown]
    assert len(shown) == 5 and dates == sorted(dates, reverse=True)
    every = sorted((frontmatter.load(content / p)["date"] or "") for p in pages)
    assert dates[0] == every[-1]


def test_the_syndicated_copy_is_one_page_listing_both_places(content):
    pages = article_pages(content)
    assert len(pages) == sum(1 for _ in ARTICLES.rglob("*.txt")) - 1
    [page] = [p for p in pages if "luc-ngan" in p]
    post = frontmatter.load(content / page)
    assert post["source"] == "bac-giang/luc-ngan-ket-luan-01.txt"
    assert [p["source"] for p in post["also_published"]] == ["trung-uong/Lục Ngạn đưa Kết luận 01 vào chi bộ.txt"]
    assert "## Nơi đăng" in post.content
    places = post.content.split("## Nơi đăng", 1)[1].split("##", 1)[0]
    assert "12/04/2022, không rõ cơ quan báo chí (tệp bac-giang/luc-ngan-ket-luan-01.txt)" in places
    # The copy credits Báo Bắc Giang: it is not claimed to be Báo Bắc Giang's own publication.
    assert "13/04/2022, ghi nguồn “Theo Báo Bắc Giang” (tệp trung-uong/Lục Ngạn" in places


def test_bar_chart_is_accessible_proportional_and_escaped():
    svg = bar_chart([("2020", 1), ("2021", 4), ("<b>", 2)], "Số bài & năm", "c1")
    assert svg == bar_chart([("2020", 1), ("2021", 4), ("<b>", 2)], "Số bài & năm", "c1")
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Số bài &amp; năm</title>' in svg
    assert "2020: 1 bài; 2021: 4 bài" in svg and "&lt;b&gt;" in svg and "<b>" not in svg
    heights = [int(h) for h in re.findall(r'<rect[^>]* height="(\d+)"', svg)]
    assert heights[1] == 4 * heights[0] and heights[2] == 2 * heights[0]
    assert "\n" not in svg and bar_chart([], "x", "y") == ""


def test_organisations_found_in_text():
    text = ("Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương đã ban hành kế hoạch. Tỉnh ủy Hà Tĩnh tổ chức hội nghị; "
            "Đảng uỷ Bộ Tài chính và Huyện ủy Lục Ngạn tham dự, cùng Phó Bí thư Tỉnh ủy Nguyễn Văn A.")
    assert organisations(text) == ["Huyện uỷ Lục Ngạn", "Tỉnh uỷ Hà Tĩnh", "Đảng uỷ Bộ Tài chính",
                                   "Đảng uỷ Khối các cơ quan Trung ương"]


def test_built_site_keeps_the_chart_and_the_figures_anchor(sample_site):
    html = (sample_site / "ket-luan-01-kl-tw" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*role="img"', html) and "<title id=" in html
    article = next(p for p in (sample_site / "ket-luan-01-kl-tw").glob("20*/*.html") if p.name != "index.html")
    assert 'id="so-lieu-chinh"' in article.read_text(encoding="utf-8")
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "Bài viết mới nhất" in home and "Tổng cộng" in home


def test_collection_pages_are_byte_identical_on_a_rerun(content, tmp_path):
    again = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "build_digest.py"), "--input", str(ARTICLES), "--output", str(again),
                    "--report", str(tmp_path / "r.json"), "-q"], check=True)
    first = {p.relative_to(content): p.read_bytes() for p in content.rglob("*.md")}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.md")}
    assert first == second and len(first) > 40


def test_a_piece_reprinted_everywhere_lists_a_bounded_number_of_places(seeds_dir):
    """An article copied by 4,000 outlets: its page and its year page list the first places
    and say how many others there are; the whole list stays in the front matter."""
    from directive_digest.build import understand
    from directive_digest.article import Article
    from directive_digest.collections import PLACES_IN_LIST, PLACES_ON_PAGE
    from directive_digest.group import group_articles
    from directive_digest.registry import load_registry
    from directive_digest.render import render_pages

    registry = load_registry()
    seed = next(p for p in sorted(seeds_dir.rglob("*.txt")) if "05" in p.read_text(encoding="utf-8"))
    article = understand(Article(source="goc.txt", text=seed.read_text(encoding="utf-8")), registry)
    copies = 4_000
    article.also_published = [{"outlet": f"Báo số {i}", "source": f"ban-sao/{i}.txt", "date": "2022-04-13"}
                              for i in range(copies)]
    pages = render_pages(group_articles([article], registry), registry)
    [(path, text)] = [(p, t) for p, t in pages.items() if "## Nơi đăng" in t]
    post = frontmatter.loads(text)
    assert len(post["also_published"]) == copies
    places = post.content.split("## Nơi đăng", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in places.splitlines() if line.startswith("- ")]
    assert len(listed) == PLACES_ON_PAGE + 1  # the article's own place and the first copies, then the rest
    assert listed[-1] == f"- *và {copies + 1 - PLACES_ON_PAGE:,} nơi khác*".replace(",", ".")
    year_page = next(t for p, t in pages.items() if "Đăng lại tại" in t)
    line = next(line for line in year_page.splitlines() if "Đăng lại tại" in line)
    assert line.count("(tệp ban-sao/") == PLACES_IN_LIST
    assert line.endswith(f"và {copies - PLACES_IN_LIST:,} nơi khác".replace(",", "."))
    assert len(text.split("---", 2)[2].encode()) < 40_000  # the page's body, without its front matter
