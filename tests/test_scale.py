"""Scale: the content-hash cache, the process pool, the no-op rebuild, the synthetic corpus.

No timings here (benchmarks/ measures); these check that going fast changes nothing."""
from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest

from directive_digest import batch, version, workers
from directive_digest.build import build
from benchmarks.synth import Generator, generate, load_seeds

build_module = importlib.import_module("directive_digest.build")  # the package exports build() by that name


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def pages(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(root).items() if not k.startswith(".digest")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    generate(24, root, [seeds_dir])
    (root / "extra").mkdir()
    (root / "extra" / "chi-co-tieu-de.txt").write_text("Chỉ có tiêu đề thôi\n", encoding="utf-8")  # a problem
    return root


@pytest.fixture
def counted(monkeypatch):
    """Counts the articles that reach the per-article step (i.e. were not taken from the cache)."""
    seen: list[str] = []
    real = build_module.understand

    def understand(article, registry):
        seen.append(article.source)
        return real(article, registry)

    monkeypatch.setattr(build_module, "understand", understand)
    return seen


def report_without_writes(report) -> dict:
    data = report.as_dict()
    for key in ("written", "unchanged", "removed"):
        data.pop(key)
    return data


def test_synthetic_generator_is_reproducible_and_builds(tmp_path, seeds_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    generate(20, a, [seeds_dir])
    generate(20, b, [seeds_dir])
    assert tree(a) == tree(b)
    texts = list(tree(a).values())
    assert len(texts) == 20 and len(set(texts)) == 20
    report = build([a], tmp_path / "out", jobs=1)
    # Two synthetic articles may come out alike enough to be merged as syndicated copies.
    assert report.articles + report.quality.duplicates_merged == 20 and not report.problems
    assert report.articles >= 18
    assert len([p for p in pages(tmp_path / "out") if p.count("/") == 2 and not p.endswith("index.md")]) == report.articles


def test_generator_keeps_the_mess(seeds_dir):
    gen = Generator(load_seeds([seeds_dir]))
    text = "\n".join(gen.article(n)[1] for n in range(30))
    assert "Theo " in text or "Ảnh" in text  # source lines / captions survive


def test_cached_build_is_identical_and_skips_understanding(tmp_path, corpus, counted):
    plain = build([corpus], tmp_path / "plain", jobs=1)
    cache = tmp_path / "cache"
    cold = build([corpus], tmp_path / "cold", cache_dir=cache, jobs=1)
    counted.clear()
    warm = build([corpus], tmp_path / "warm", cache_dir=cache, jobs=1)
    assert counted == []  # every article came from the cache
    assert pages(tmp_path / "plain") == pages(tmp_path / "cold") == pages(tmp_path / "warm")
    assert report_without_writes(plain) == report_without_writes(cold) == report_without_writes(warm)
    assert [p.source for p in warm.problems] == ["extra/chi-co-tieu-de.txt"]  # problems are cached too


def test_changed_input_is_understood_again(tmp_path, corpus, counted):
    work = tmp_path / "in"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    build([work], tmp_path / "out", cache_dir=cache, jobs=1)
    victim = sorted(work.rglob("*.txt"))[3]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nThêm một đoạn mới về 15 chi bộ.\n", encoding="utf-8")
    counted.clear()
    build([work], tmp_path / "out", cache_dir=cache, jobs=1)
    assert counted == [victim.relative_to(work).as_posix()]
    build([work], tmp_path / "fresh", jobs=1)
    assert pages(tmp_path / "out") == pages(tmp_path / "fresh")


def test_changed_data_file_or_version_invalidates(tmp_path, corpus, counted, monkeypatch):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out", cache_dir=cache, jobs=1)
    total = len(list(corpus.rglob("*.txt")))
    data = tmp_path / "data"
    shutil.copytree(batch.DATA_DIR, data)
    monkeypatch.setattr(batch, "DATA_DIR", data)
    counted.clear()
    build([corpus], tmp_path / "out2", cache_dir=cache, jobs=1)
    assert counted == []  # same data, other folder: still cached
    with open(data / "lexicon.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# an editor's comment\n")
    build([corpus], tmp_path / "out3", cache_dir=cache, jobs=1)
    assert len(counted) == total
    counted.clear()
    monkeypatch.setattr(version, "__version__", "999.0")
    batch.code_fingerprint.cache_clear()
    try:
        build([corpus], tmp_path / "out4", cache_dir=cache, jobs=1)
    finally:
        batch.code_fingerprint.cache_clear()
    assert len(counted) == total
    # Another version of the code starts an index of its own: the old one is not read again.
    assert len(list(cache.glob("index-*.pickle"))) == 2


def test_parallel_and_serial_builds_are_byte_identical(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    serial = build([corpus], tmp_path / "serial", jobs=1)
    parallel = build([corpus], tmp_path / "parallel", jobs=2)
    assert pages(tmp_path / "serial") == pages(tmp_path / "parallel")
    assert report_without_writes(serial) == report_without_writes(parallel)


def test_noop_rebuild_reports_the_same_and_notices_damage(tmp_path, corpus, counted):
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = build([corpus], out, cache_dir=cache, jobs=1, report_path=tmp_path / "r1.json")
    counted.clear()
    again = build([corpus], out, cache_dir=cache, jobs=1, report_path=tmp_path / "r2.json")
    assert counted == []
    assert report_without_writes(again) == report_without_writes(first)
    assert again.written.written == [] and len(again.written.unchanged) == first.pages
    r1, r2 = (json.loads((tmp_path / n).read_text(encoding="utf-8")) for n in ("r1.json", "r2.json"))
    assert r2["unchanged"] == r1["written"] and r2["problems"] == r1["problems"]
    # A generated page deleted from the output: the next run writes it again.
    victim = next(p for p in sorted(out.rglob("*.md")) if p.name != "index.md")
    expected = victim.read_bytes()
    victim.unlink()
    repaired = build([corpus], out, cache_dir=cache, jobs=1)
    assert victim.read_bytes() == expected
    assert repaired.written.written == [victim.relative_to(out).as_posix()]


def test_rules_across_articles_hold_with_cache_and_pool(tmp_path, corpus, monkeypatch):
    """The digest step's duplicate rule sees every article, whichever process understood it."""
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    work = tmp_path / "in"
    shutil.copytree(corpus, work)
    first = sorted(work.rglob("*.txt"))[0]
    (work / "zz-copy").mkdir()
    shutil.copy2(first, work / "zz-copy" / first.name)
    plain = build([work], tmp_path / "plain", jobs=1)
    for run in ("cold", "warm"):
        fast = build([work], tmp_path / run, cache_dir=tmp_path / "cache", jobs=2)
        assert report_without_writes(fast) == report_without_writes(plain)
        assert pages(tmp_path / run) == pages(tmp_path / "plain")
    assert any(p.source == f"zz-copy/{first.name}" and p.reason.startswith("duplicate") for p in plain.problems)


def test_a_build_leaves_garbage_collection_as_it_found_it(tmp_path, corpus):
    import gc

    assert gc.isenabled()
    build([corpus], tmp_path / "out", jobs=1)
    assert gc.isenabled()  # off during the build (build._build), on again after
    gc.disable()
    try:
        build([corpus], tmp_path / "out2", jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
