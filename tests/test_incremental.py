"""Incremental builds: per-file preparation (read, understand, page, shingles) cached and pooled.

No timings (benchmarks/run.py --digest-only measures); these check that a rebuild does the
per-article work for changed files only and that the pages stay byte-identical."""
from __future__ import annotations

import importlib
import posixpath
import re
import shutil
from pathlib import Path

import frontmatter
import pytest

from directive_digest import batch, markup, prepare, render, tag_pages, tags, workers
from directive_digest.build import build
from directive_digest.organisations import PROVINCES, canonical, places
from benchmarks.synth import generate

build_module = importlib.import_module("directive_digest.build")


def pages(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".digest")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    generate(30, root, [seeds_dir])
    # A syndicated copy (same text, one sentence more, another outlet): merged into its original,
    # whose page then lists it, so that page cannot come from the cache as prepared.
    first = sorted(root.rglob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += " Theo đánh giá, phong trào được nhân rộng ở 12 chi bộ."
    (root / "zz-ban-sao").mkdir()
    (root / "zz-ban-sao" / first.name).write_text("\n".join(lines), encoding="utf-8")
    return root


@pytest.fixture
def calls(monkeypatch):
    """Articles understood, article pages rendered and tags found, in this process."""
    seen: dict[str, list[str]] = {"understand": [], "page": [], "tags": []}
    understand, article_page, article_tags = build_module.understand, render.article_page, tags.article_tags

    def counting_understand(article, registry):
        seen["understand"].append(article.source)
        return understand(article, registry)

    def counting_page(article, registry, path=None, tags=None):
        seen["page"].append(article.source)
        return article_page(article, registry, path, tags)

    def counting_tags(article):
        seen["tags"].append(article.source)
        return article_tags(article)

    monkeypatch.setattr(build_module, "understand", counting_understand)
    monkeypatch.setattr(tags, "article_tags", counting_tags)
    monkeypatch.setattr(tag_pages, "article_tags", counting_tags)
    monkeypatch.setattr(prepare, "article_tags", counting_tags)
    monkeypatch.setattr(render, "article_page", counting_page)
    monkeypatch.setattr(prepare, "article_page", counting_page)
    return seen


def test_one_changed_article_is_read_understood_and_rendered_once(tmp_path, corpus, calls):
    work, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(corpus, work)
    first = build([work], out, cache_dir=cache, jobs=1)
    assert first.quality.duplicates_merged >= 1  # the syndicated copy was merged
    before = pages(out)
    victim = sorted(work.rglob("*.txt"))[7]
    lines = victim.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += " Đảng uỷ xã đã kết nạp thêm 9 đảng viên mới."
    victim.write_text("\n".join(lines), encoding="utf-8")
    calls["understand"].clear()
    calls["page"].clear()
    calls["tags"].clear()
    again = build([work], out, cache_dir=cache, jobs=1)
    changed = victim.relative_to(work).as_posix()
    assert calls["understand"] == [changed]
    assert calls["tags"] == [changed]  # the others' tags come from the cache
    # Its page is rendered when it is prepared; only the merged original is rendered again.
    kept_with_copies = [p for p, text in pages(out).items() if "## Nơi đăng" in text.decode("utf-8")]
    assert calls["page"].count(changed) == 1 and len(calls["page"]) == 1 + len(kept_with_copies)
    after = pages(out)
    # Pages written are exactly the pages whose bytes changed (the article's, its collections').
    assert sorted(again.written.written) == sorted(p for p in after if before.get(p) != after[p])
    assert 1 <= len(again.written.written) <= 4
    fresh = tmp_path / "fresh"
    build([work], fresh, jobs=1)
    assert pages(fresh) == after


def test_cache_holds_one_entry_per_file_and_a_warm_build_prepares_nothing(tmp_path, corpus, calls):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "cold", cache_dir=cache, jobs=1)
    index = batch.Cache(cache)._load_index()
    assert len(index) == len(list(corpus.rglob("*.txt")))
    assert len(list(cache.glob("packs/*.pack"))) == 1  # one pack for the run's one process, not a file per entry
    calls["understand"].clear()
    calls["page"].clear()
    build([corpus], tmp_path / "warm", cache_dir=cache, jobs=1)  # another output: no no-op shortcut
    assert calls["understand"] == []
    assert len(calls["page"]) == sum("## Nơi đăng" in t.decode("utf-8") for t in pages(tmp_path / "warm").values())
    assert pages(tmp_path / "cold") == pages(tmp_path / "warm")
    # A damaged cache entry is prepared again, not trusted.
    pack, offset, length = next(iter(index.values()))
    with open(cache / "packs" / pack, "r+b") as handle:
        handle.seek(offset)
        handle.write(b"not a pickle".ljust(length, b"\0"))
    build([corpus], tmp_path / "repaired", cache_dir=cache, jobs=1)
    assert len(calls["understand"]) == 1
    assert pages(tmp_path / "repaired") == pages(tmp_path / "cold")


def test_editing_a_sidecar_prepares_its_article_again(tmp_path, corpus, calls):
    work, cache = tmp_path / "in", tmp_path / "cache"
    shutil.copytree(corpus, work)
    build([work], tmp_path / "out", cache_dir=cache, jobs=1)
    article = sorted(work.rglob("*.txt"))[2]
    article.with_name(article.stem + ".override.yaml").write_text("author: Biên tập viên\n", encoding="utf-8")
    calls["understand"].clear()
    build([work], tmp_path / "out", cache_dir=cache, jobs=1)
    assert calls["understand"] == [article.relative_to(work).as_posix()]
    build([work], tmp_path / "fresh", jobs=1)
    assert pages(tmp_path / "out") == pages(tmp_path / "fresh")
    assert "Biên tập viên" in "".join(t.decode("utf-8") for t in pages(tmp_path / "out").values())


def test_pool_with_cache_equals_serial_without(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    serial = build([corpus], tmp_path / "serial", jobs=1)
    cache = tmp_path / "cache"
    pooled = build([corpus], tmp_path / "pooled", cache_dir=cache, jobs=2)
    assert len(list(cache.glob("packs/*.pack"))) == 2  # each worker wrote its own pack
    assert len(batch.Cache(cache)._load_index()) == len(list(corpus.rglob("*.txt")))
    warm = build([corpus], tmp_path / "warm", cache_dir=cache, jobs=2)
    assert pages(tmp_path / "serial") == pages(tmp_path / "pooled") == pages(tmp_path / "warm")
    for report in (pooled, warm):
        assert report.as_dict()["problems"] == serial.as_dict()["problems"]
        assert report.articles == serial.articles and report.groups == serial.groups


SHARED = ["x"]


@pytest.mark.parametrize("meta", [
    {"title": "Đảng uỷ: \"nêu gương\" — 'trước' #1", "date": "2021-06-25", "year": 2021, "empty": None},
    {"summary": "a" * 300 + " b: c", "list": ["- x", "? y", "@z", "`q`", "!tag", "%p", "&a", "*s", "|", ">"]},
    {"numbers": ["2021", "1.5", "0x1F", "1e3", "null", "yes", "No", "~", "true", ""], "n": 0, "neg": -3},
    {"badges": [{"id": "05-CT/TW", "href": "../../chi-thi-05-ct-tw/index.html"}], "tags": [], "key_figures": []},
    {"odd": "dòng một\ndòng hai", "tab": "a\tb", "trail": "x ", "lead": " y", "colon": "a:b", "hash": "a #b"},
    {"unicode": "Ảnh: Phương Thúy\u00a0(TTXVN)\u200b", "emoji": "✓ 😀", "bom": "\ufeffx", "ctrl": "a\x07b"},
    {"flag": True, "off": False, "float": 1.5, "nested": {"a": [[], {}, [1, None]]}},
    {"shared": SHARED, "again": SHARED},  # one list twice: an alias, as PyYAML writes it
])
def test_front_matter_is_what_python_frontmatter_writes(meta):
    body = "# Tiêu đề\n\nNội dung."
    expected = frontmatter.dumps(frontmatter.Post(body, **meta), allow_unicode=True, sort_keys=False,
                                 width=10_000) + "\n"
    assert render._dump(meta, body) == expected


def test_relative_links_are_posixpaths():
    parts = ["chi-thi-05-ct-tw", "2021", "index.md", "khong-ro-nam", "a.md", "_digest", "overview.md"]
    for target in ("/".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)):
        for page in ("index.md", "chi-thi-05-ct-tw/index.md", "chi-thi-05-ct-tw/2021/a.md", "_digest/overview.md",
                     "a/../b.md", "./x/y.md"):
            assert markup.relative(target, page) == posixpath.relpath(target, posixpath.dirname(page) or ".")


def test_places_finds_what_one_search_per_province_finds():
    texts = ["Tỉnh uỷ Hà Nam và Nam Định", "Hà Nội,Hải Phòng;Đà Nẵng", "HàNội", "Bà Rịa - Vũng Tàu nay",
             "Thanh Hóa, Khánh Hòa, Hòa Bình", "TP. Hồ Chí Minh và Hồ Chí Minh", "Quảng Nam Quảng Ngãi"]
    for text in texts:
        folded = canonical(text)
        expected = {p for p in PROVINCES if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", folded)}
        assert set(places(text)) - {"TP. Hồ Chí Minh"} == expected


def test_bitmap_bound_never_rules_out_a_pair_the_exact_jaccard_keeps():
    import random

    from directive_digest.syndication import bitmap, could_reach, jaccard

    rng = random.Random(7)
    population = [rng.getrandbits(61) for _ in range(4000)]
    checked = ruled_out = 0
    for _ in range(400):
        shared = rng.sample(population, rng.randint(0, 900))
        a = frozenset(shared + rng.sample(population, rng.randint(1, 600)))
        b = frozenset(shared + rng.sample(population, rng.randint(1, 600)))
        for threshold in (0.3, 0.5, 0.8):
            reach = could_reach(int.from_bytes(bitmap(a), "little"), len(a), int.from_bytes(bitmap(b), "little"),
                                len(b), threshold)
            if jaccard(a, b) >= threshold:
                assert reach
                checked += 1
            ruled_out += not reach
    assert checked > 50 and ruled_out > 50  # both sides of the bound were exercised


def test_merge_with_bitmaps_merges_the_same(corpus):
    from directive_digest import prepare
    from directive_digest.registry import load_registry
    from directive_digest.syndication import merge_syndicated

    registry = load_registry()
    prepared = [item for path in sorted(corpus.rglob("*.txt"))
                for item in prepare.prepare_file(path, corpus, build_module.understand, registry)
                if isinstance(item, prepare.Prepared) and item.article]
    plain = merge_syndicated([p.article for p in prepared])
    plain_result = [(a.source, a.also_published) for a in plain.kept]
    prepared = [item for path in sorted(corpus.rglob("*.txt"))
                for item in prepare.prepare_file(path, corpus, build_module.understand, registry)
                if isinstance(item, prepare.Prepared) and item.article]
    fast = merge_syndicated([p.article for p in prepared], sets=[p.shingles for p in prepared],
                            sketches=[p.sketch for p in prepared], bitmaps=[p.bitmap for p in prepared])
    assert plain.merged >= 1 and [(a.source, a.also_published) for a in fast.kept] == plain_result


def test_cache_packs_keep_complete_entries_only_and_runs_sharing_a_cache_add_up(tmp_path):
    first, second = batch.Cache(tmp_path), batch.Cache(tmp_path)
    first.put("a" * 64, ["first"])
    second.put("b" * 64, ["second"])
    assert batch.Cache(tmp_path).get("a" * 64) is None  # not in the index until saved
    first.save()
    second.save()  # reads the index again: keeps what the other run added
    reader = batch.Cache(tmp_path)
    assert reader.get("a" * 64) == ["first"] and reader.get("b" * 64) == ["second"]
    reader.save()
    # A pack cut short (a full disk, a copy interrupted): its entries are misses, not errors.
    pack, offset, length = batch.Cache(tmp_path)._load_index()["b" * 64]
    with open(tmp_path / "packs" / pack, "r+b") as handle:
        handle.truncate(offset + length - 1)
    again = batch.Cache(tmp_path)
    assert again.get("b" * 64) is None and again.get("a" * 64) == ["first"]
    (tmp_path / batch.Cache(tmp_path).INDEX).write_bytes(b"damaged")
    assert batch.Cache(tmp_path).get("a" * 64) is None


def test_cache_drops_what_an_older_version_left_and_keeps_what_is_in_use(tmp_path, corpus, calls):
    import os
    import pickle
    import time

    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out", cache_dir=cache, jobs=1)
    (pack,) = [p.name for p in (cache / "packs").iterdir()]
    hour_ago = time.time() - 2 * batch.Cache.UNUSED_FOR
    # An older version of the tool: its index and the pack it names, last used long ago.
    (cache / "packs" / "old.pack").write_bytes(pickle.dumps(["old"]))
    (cache / "index-0ld0ld0ld0ld0ld0.pickle").write_bytes(pickle.dumps({"k" * 64: ("old.pack", 0, 10)}))
    # Another version used a minute ago (two checkouts sharing a cache), and a pack being
    # written by a build still running (named in no index yet): both stay.
    (cache / "packs" / "recent.pack").write_bytes(pickle.dumps(["recent"]))
    (cache / "index-recentrecentre.pickle").write_bytes(pickle.dumps({"r" * 64: ("recent.pack", 0, 10)}))
    (cache / "packs" / "running.pack").write_bytes(b"")
    # A pack no index names, untouched for long (a run killed before it saved its index).
    (cache / "packs" / "orphan.pack").write_bytes(b"x")
    for name in ("packs/old.pack", "index-0ld0ld0ld0ld0ld0.pickle", "packs/orphan.pack", f"packs/{pack}"):
        os.utime(cache / name, (hour_ago, hour_ago))
    removed = batch.Cache(cache).prune()
    assert sorted(removed) == ["index-0ld0ld0ld0ld0ld0.pickle", "packs/old.pack", "packs/orphan.pack"]
    assert sorted(p.name for p in (cache / "packs").iterdir()) == sorted([pack, "recent.pack", "running.pack"])
    # This version's entries are all still there: a warm build prepares nothing.
    calls["understand"].clear()
    build([corpus], tmp_path / "warm", cache_dir=cache, jobs=1)
    assert calls["understand"] == []
    assert pages(tmp_path / "warm") == pages(tmp_path / "out")


def test_a_build_prunes_the_cache_it_uses(tmp_path, corpus):
    import os
    import time

    cache = tmp_path / "cache"
    (cache / "packs").mkdir(parents=True)
    (cache / "packs" / "orphan.pack").write_bytes(b"x")
    long_ago = time.time() - 2 * batch.Cache.UNUSED_FOR
    os.utime(cache / "packs" / "orphan.pack", (long_ago, long_ago))
    build([corpus], tmp_path / "out", cache_dir=cache, jobs=1)
    assert not (cache / "packs" / "orphan.pack").exists()
    assert len(list((cache / "packs").iterdir())) == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_sidecar_is_found_in_the_pool_and_serially(tmp_path, corpus, monkeypatch, jobs):
    # Directories are listed once to look for override files: a directory with one is read
    # as such, one without needs no look-up per article.
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    work = tmp_path / "in"
    shutil.copytree(corpus, work)
    article = sorted(work.rglob("*.txt"))[3]
    article.with_name(article.stem + ".override.yaml").write_text("author: Biên tập viên\n", encoding="utf-8")
    build([work], tmp_path / "out", jobs=jobs)
    pages_with = [t.decode("utf-8") for t in pages(tmp_path / "out").values() if "Biên tập viên" in t.decode("utf-8")]
    assert len(pages_with) >= 1
    assert all("author: Biên tập viên" in t for t in pages_with if t.startswith("---") and "## Nơi đăng" in t)
