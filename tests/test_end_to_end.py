"""The CLI on real files, as a user runs it: layout, front matter, re-runs, hand-written pages."""
import json
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest

from conftest import ARTICLES, ROOT

REQUIRED = {"title", "date", "year", "directive", "directives", "outlet", "author", "source", "summary",
            "key_figures", "date_source"}


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "build_digest.py"), *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True)


def article_pages(out: Path) -> list[Path]:
    """Generated article pages: OUTPUT/<directive>/<year>/<slug>.md."""
    return sorted(p for p in out.glob("*/*/*.md") if p.name != "index.md")


@pytest.fixture(scope="module")
def seed_output(seeds_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-digest") / "content"
    result = run_cli("--input", seeds_dir, "--output", out, "--report", out.parent / "report.json")
    assert result.returncode == 0, result.stderr
    return out


def test_front_matter_matches_seed_labels(seed_output, seed_labels):
    pages = {frontmatter.load(p)["source"]: (p, frontmatter.load(p)) for p in article_pages(seed_output)}
    assert len(pages) == len(seed_labels)
    for label in seed_labels:
        path, post = pages[Path(label["file"]).name]
        assert REQUIRED <= set(post.keys())
        assert post["title"] == label["title"]
        assert post["date"] == label["published_date"]
        assert post["year"] == label["year"]
        assert post["directive"] == label["primary_directive"]
        assert set(post["directives"]) == {d for d in label["directives"] if not d.startswith("other:")}
        assert post["author"] == label["author"]
        assert isinstance(post["summary"], str) and post["summary"]
        assert isinstance(post["key_figures"], list)
        # OUTPUT/<directive-slug>/<year>/<article-slug>.md
        rel = path.relative_to(seed_output).parts
        assert len(rel) == 3 and rel[1] == str(label["year"])


def test_index_pages_have_no_source(seed_output):
    indexes = list(seed_output.rglob("index.md"))
    assert indexes
    for page in indexes:
        assert "source" not in frontmatter.load(page).keys()


def test_rerun_is_byte_identical(seeds_dir, seed_output, tmp_path):
    out = tmp_path / "content"
    assert run_cli("--input", seeds_dir, "--output", out, "--report", tmp_path / "r.json").returncode == 0
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = {p.relative_to(seed_output): p.read_bytes() for p in seed_output.rglob("*") if p.is_file()}
    assert first == again
    assert run_cli("--input", seeds_dir, "--output", out, "--report", tmp_path / "r.json").returncode == 0
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == first


def test_unclassified_and_undated_articles_are_grouped_not_dropped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "vanhoa.txt").write_text("Câu lạc bộ dân ca làng Sen\n\nCâu lạc bộ có 30 hội viên sinh hoạt đều đặn.\n",
                                    encoding="utf-8")
    out = tmp_path / "content"
    assert run_cli("--input", src, "--output", out, "--report", tmp_path / "r.json").returncode == 0
    [page] = article_pages(out)
    assert page.relative_to(out).parts[:2] == ("chua-phan-loai", "khong-ro-nam")
    assert frontmatter.load(out / "chua-phan-loai" / "index.md")["title"] == "Chưa phân loại"
    assert frontmatter.load(out / "chua-phan-loai" / "khong-ro-nam" / "index.md")["title"] == "Không rõ năm"


def test_hand_written_pages_are_never_touched_and_stale_pages_removed(seeds_dir, tmp_path):
    out = tmp_path / "content"
    out.mkdir()
    mine = out / "gioi-thieu.md"
    mine.write_text("# Của tôi\n", encoding="utf-8")
    clash = out / "chi-thi-05-ct-tw" / "index.md"  # where the tool would write
    clash.parent.mkdir()
    clash.write_text("# Trang viết tay\n", encoding="utf-8")
    result = run_cli("--input", seeds_dir, "--output", out, "--report", tmp_path / "r.json")
    assert result.returncode == 0
    assert mine.read_text(encoding="utf-8") == "# Của tôi\n"
    assert clash.read_text(encoding="utf-8") == "# Trang viết tay\n"
    assert "did not write" in result.stderr and "chi-thi-05-ct-tw/index.md" in result.stderr
    assert run_cli("--input", seeds_dir, "--output", out, "--report", tmp_path / "r.json", "--strict").returncode == 1
    # Fewer inputs: pages of the removed articles go, hand-written ones stay.
    one = tmp_path / "one"
    one.mkdir()
    (one / "a.txt").write_bytes(next(seeds_dir.glob("003_*.txt")).read_bytes())
    assert run_cli("--input", one, "--output", out, "--report", tmp_path / "r.json").returncode == 0
    assert len(article_pages(out)) == 1
    assert mine.exists() and clash.exists()


def test_default_input_is_the_bundled_sample(tmp_path):
    out = tmp_path / "content"
    result = run_cli("--output", out, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    n_inputs = sum(1 for p in ARTICLES.rglob("*") if p.suffix in {".txt", ".md", ".html", ".json", ".jsonl"})
    assert len(article_pages(out)) >= n_inputs - 1  # syndicated copies may merge into one digest
    assert f"{n_inputs} articles" in result.stdout or "articles ->" in result.stdout


def test_build_prints_and_records_digest_quality(tmp_path):
    out, report = tmp_path / "content", tmp_path / "r.json"
    result = run_cli("--input", ARTICLES, "--output", out, "--report", report)
    assert result.returncode == 0, result.stderr
    quality = json.loads(report.read_text(encoding="utf-8"))["quality"]
    assert quality["duplicates_merged"] == 1  # the bundled near-copy
    assert 0 < quality["summary_words_avg"] <= quality["summary_words_max"] <= 60
    assert quality["figures_per_article"] > 0
    assert f"max {quality['summary_words_max']})" in result.stdout and "1 syndicated copy merged" in result.stdout


def test_missing_input_is_a_clear_error(tmp_path):
    result = run_cli("--input", tmp_path / "nope", "--output", tmp_path / "out")
    assert result.returncode == 2
    assert "input not found" in result.stderr and "Traceback" not in result.stderr
