"""mkdocs build --strict on the digest of the bundled sample articles."""
import frontmatter

from conftest import ARTICLES


def test_site_has_a_page_per_article_grouped_by_directive_and_year(sample_site):
    assert (sample_site / "index.html").is_file()
    article_html = [p for p in sample_site.rglob("*.html")
                    if p.name not in {"index.html", "404.html"} and len(p.relative_to(sample_site).parts) == 3]
    n_inputs = sum(1 for p in ARTICLES.rglob("*.txt"))
    assert n_inputs - 1 <= len(article_html) <= n_inputs
    assert (sample_site / "chi-thi-05-ct-tw" / "index.html").is_file()
    assert any((sample_site / "ket-luan-01-kl-tw").glob("20*/index.html"))


def test_home_links_to_every_directive_group(sample_site):
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    content = sample_site.parent / "content"
    for index in content.glob("*/index.md"):
        if index.parent.name.startswith("_") or frontmatter.load(index).get("kind") != "directive":
            continue
        assert f'href="{index.parent.name}/index.html"' in home, index.parent.name


def test_navigation_uses_vietnamese_section_titles(sample_site):
    page = (sample_site / "chi-thi-05-ct-tw" / "index.html").read_text(encoding="utf-8")
    assert "Chỉ thị 05 (05-CT/TW)" in page
    assert "chi-thi-05-ct-tw</" not in page


def test_footer_is_vietnamese(sample_site):
    """Material's generator line ("Made with Material for MkDocs") is English-only: replaced."""
    for page in ("index.html", "chi-thi-05-ct-tw/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert "Made with" not in html
        assert "bản quyền các bài viết thuộc cơ quan báo chí" in html


def test_article_page_has_metadata_header(sample_site):
    content = sample_site.parent / "content"
    md = next(p for p in content.glob("chi-thi-05-ct-tw/20*/*.md") if p.name != "index.md")
    post = frontmatter.load(md)
    html = (sample_site / md.relative_to(content).with_suffix(".html")).read_text(encoding="utf-8")
    assert 'class="digest-meta"' in html
    assert post["source"] in html
    if post["date"]:
        y, m, d = post["date"].split("-")
        assert f"{d}/{m}/{y}" in html
    assert 'class="digest-badge digest-badge--primary"' in html
