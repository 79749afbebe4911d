"""The scale benchmark's harness (benchmarks/run.py): what it measures in, not how fast."""
from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks import run


def test_sizes_trees_are_deleted_only_when_every_size_is_done(tmp_path, monkeypatch):
    # Freeing a size's files just before the next size slows that size's file creation (see
    # benchmarks/run.py): the earlier trees must still be there while a later size is measured.
    base = tmp_path / "base"
    seen: list[tuple[int, list[str]]] = []

    def fake_run_size(n, work, *args):
        (work / "page.md").write_text("x", encoding="utf-8")
        seen.append((n, sorted(p.name for p in base.iterdir())))
        return {"n": n}

    monkeypatch.setattr(run, "run_size", fake_run_size)
    monkeypatch.setattr(run.tempfile, "mkdtemp", lambda prefix: str(base.mkdir() or base))
    args = argparse.Namespace(sizes=[10, 20, 30], keep=None, browser=False, digest_only=True, sharded=False)
    monkeypatch.setattr(run, "digest_line", lambda r: f"N={r['n']}")
    assert run._run_sizes(args, [], {"sizes": {}}, Path(".")) == 0
    assert seen == [(10, ["n10"]), (20, ["n10", "n20"]), (30, ["n10", "n20", "n30"])]
    assert not base.exists()


def test_file_creation_probe_reports_a_cost_and_keeps_its_files(tmp_path):
    cost = run.file_create_us(tmp_path, count=50)
    assert cost >= 0
    assert len(list((tmp_path / ".file-create-probe").iterdir())) == 50


def test_report_shows_the_file_creation_cost():
    size = {"n": 1000, "digest_cold": {"wall": 2.0, "cpu": 3.5, "peak_rss_mb": 60}, "digest_articles_per_s": 500,
            "digest_noop": {"wall": 0.3, "cpu": 0.3}, "digest_one_changed": {"wall": 0.5, "cpu": 0.5}, "one_changed_written": 2,
            "file_create_us": 23.4,
            "mkdocs_ours": {"wall": 10, "cpu": 10, "peak_rss_mb": 100},
            "mkdocs_peer": {"wall": 12, "cpu": 12, "peak_rss_mb": 100},
            "site_ours": {"bytes": 1, "files": 1, "largest_page": 1, "search_index": 1},
            "site_peer": {"bytes": 1, "files": 1, "largest_page": 1, "search_index": 2}, "pipeline_s": 12}
    report = run.render_report({"sizes": {"1000": size}})
    assert "| 1,000 | 2.0 s | 500 | 3.5 s | 0.30 s | 0.50 s (2) | 60 MB | 23 µs |" in report
    assert "(file creation 23.4 µs)" in run.digest_line(size)
