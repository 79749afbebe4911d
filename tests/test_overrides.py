"""Editors' corrections win, without editing generated files, and are shown as such."""
import frontmatter

from directive_digest import build

ARTICLE = """Hội nghị sơ kết Chỉ thị 05 tại Đảng bộ Khối

Sáng nay, Đảng ủy Khối tổ chức hội nghị sơ kết thực hiện Chỉ thị 05-CT/TW với nhiều kết quả tích cực.
"""


def only_article_page(out):
    pages = [p for p in out.rglob("*.md") if p.name != "index.md" and "_digest" not in p.parts]
    assert len(pages) == 1
    return frontmatter.load(pages[0])


def test_sidecar_override(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "bai.override.yaml").write_text("date: 2019-05-20\ndirective: 01-KL/TW\nauthor: Minh Châu\n",
                                           encoding="utf-8")
    build([src], tmp_path / "out")
    post = only_article_page(tmp_path / "out")
    assert post["date"] == "2019-05-20" and post["year"] == 2019
    assert post["date_source"] == "override"
    assert post["directive"] == "01-KL/TW" and post["directives"][0] == "01-KL/TW"
    assert post["author"] == "Minh Châu"
    assert set(post["overridden"]) == {"date", "directive", "author"}
    assert (tmp_path / "out" / "ket-luan-01-kl-tw" / "2019").is_dir()


def test_markdown_front_matter_wins(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bai.md").write_text("---\ntitle: Tiêu đề do biên tập viên đặt\nyear: 2017\n---\n" + ARTICLE,
                                encoding="utf-8")
    build([src], tmp_path / "out")
    post = only_article_page(tmp_path / "out")
    assert post["title"] == "Tiêu đề do biên tập viên đặt"
    assert post["year"] == 2017 and post["date_source"] == "override"


def test_broken_sidecar_is_reported_and_others_build(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "a.override.yaml").write_text("date: [unclosed\n", encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE.replace("Hội nghị", "Hội thảo", 1), encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert [p.source for p in report.problems] == ["a.txt"]
    assert "a.override.yaml" in report.problems[0].reason
    assert report.articles == 1
