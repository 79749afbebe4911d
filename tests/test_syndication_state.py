"""Syndication from the last build's state (syndication_state.py) merges exactly as from scratch."""
from __future__ import annotations

import datetime as dt
import importlib
import pickle
import random
import shutil
from pathlib import Path

import pytest

from benchmarks.synth import generate
from directive_digest import batch, syndication, syndication_state
from directive_digest.article import PARAGRAPH, Article, Block
from directive_digest.build import build
from directive_digest.syndication import fingerprint, jaccard, merge_syndicated, shingles
from directive_digest.syndication_state import merge_with_state

build_module = importlib.import_module("directive_digest.build")
VOCABULARY = [f"từ{n}" for n in range(3000)]


def words(rng: random.Random, count: int) -> list[str]:
    return [rng.choice(VOCABULARY) for _ in range(count)]


def edited(rng: random.Random, text: list[str], changes: int = 4) -> list[str]:
    """A republished copy: a few words replaced (Jaccard with the text stays well above 0.5)."""
    copy = list(text)
    for _ in range(changes if copy else 0):
        copy[rng.randrange(len(copy))] = rng.choice(VOCABULARY)
    return copy


def planted_corpus(rng: random.Random) -> dict[str, dict]:
    """Sources -> {text, date, credit}: singles, groups of copies, and two groups that only a
    "bridge" article joins (A = X+C, B = C+Y share C: Jaccard 0.43; the bridge X+C+Y reaches
    0.71 with each)."""
    corpus: dict[str, dict] = {}

    def add(source: str, text: list[str], day: int, credit: bool = False):
        corpus[source] = {"text": " ".join(text), "date": day, "credit": credit}

    for n in range(40):
        add(f"single/{n:03d}.txt", words(rng, rng.randrange(60, 200)), rng.randrange(1, 28))
    for g in range(8):
        base = words(rng, rng.randrange(80, 200))
        for c in range(rng.randrange(2, 6)):
            add(f"group{g}/{c}.txt", edited(rng, base), rng.randrange(1, 28), credit=c > 0 and rng.random() < 0.5)
    x, c, y = words(rng, 40), words(rng, 60), words(rng, 40)
    add("bridged/a.txt", x + c, 3)
    add("bridged/a-copy.txt", edited(rng, x + c, 2), 5, credit=True)
    add("bridged/b.txt", c + y, 4)
    add("bridged/bridge.txt", x + c + y, 2)
    add("empty/none.txt", [], 1)
    return corpus


def articles_of(corpus: dict[str, dict]) -> list[Article]:
    """Fresh articles (merging writes into also_published), in a fixed shuffled order."""
    out = []
    for source, spec in sorted(corpus.items()):
        out.append(Article(source=source, text=spec["text"], title=source, blocks=[Block(PARAGRAPH, spec["text"])],
                           date=dt.date(2024, 3, spec["date"]), outlet=source.split("/")[0],
                           source_line="Theo Báo Gốc" if spec["credit"] else None))
    random.Random(len(out)).shuffle(out)
    return out


def merged(result) -> tuple:
    return ([a.source for a in result.kept], [(a.source, a.also_published) for a in result.kept], result.merged)


def incremental(corpus, previous):
    articles = articles_of(corpus)
    prints = [fingerprint(a.body_text) for a in articles]
    # The identity: the article's source and text (what its shingles come from).
    identities = [(a.source, corpus[a.source]["text"]) for a in articles]
    return merge_with_state(articles, [p[0] for p in prints], [p[2] for p in prints], [p[1] for p in prints],
                            identities, previous)


def from_scratch(corpus):
    articles = articles_of(corpus)
    prints = [fingerprint(a.body_text) for a in articles]
    return merge_syndicated(articles, sets=[p[0] for p in prints], sketches=[p[2] for p in prints],
                            bitmaps=[p[1] for p in prints])


@pytest.fixture
def whole_corpus_computations(monkeypatch):
    """How many articles each call of syndication.components (the computation over a list of
    articles) was given: the whole corpus only when no state was used."""
    sizes: list[int] = []

    def counting(sets, *args, **kwargs):
        sizes.append(len(sets))
        return syndication.components(sets, *args, **kwargs)

    monkeypatch.setattr(syndication_state, "components", counting)
    return sizes


def test_the_planted_corpus_has_a_bridge():
    rng = random.Random(11)
    corpus = planted_corpus(rng)
    a, b, bridge = (shingles(corpus[f"bridged/{n}.txt"]["text"]) for n in ("a", "b", "bridge"))
    assert jaccard(a, b) < 0.5 <= min(jaccard(a, bridge), jaccard(b, bridge))
    with_bridge = {s.source: s.also_published for s in from_scratch(corpus).kept}
    assert {p["source"] for p in with_bridge["bridged/bridge.txt"]} == {"bridged/a.txt", "bridged/a-copy.txt",
                                                                       "bridged/b.txt"}
    del corpus["bridged/bridge.txt"]
    without = {s.source for s in from_scratch(corpus).kept}
    assert {"bridged/a.txt", "bridged/b.txt"} <= without


def test_merging_from_the_last_state_equals_merging_from_scratch(whole_corpus_computations):
    rng = random.Random(20261205)
    corpus = planted_corpus(rng)
    result, state = incremental(corpus, None)
    assert merged(result) == merged(from_scratch(corpus))
    assert whole_corpus_computations == [len(corpus)]  # no state: the whole computation
    for round_ in range(12):
        whole_corpus_computations.clear()
        sources = sorted(corpus)
        # Remove a few (the bridge in the first round), change a few (an original among them:
        # the earliest of a group; a copy turned into another text; a text turned into a copy
        # of another), add a few (new texts with a new copy each, new copies of existing texts).
        removed = ["bridged/bridge.txt"] if round_ == 0 else rng.sample(sources, 2)
        for source in removed:
            corpus.pop(source, None)
        sources = sorted(s for s in corpus if round_ or not s.startswith("bridged/"))  # round 0: the bridge alone
        groups = sorted({s.split("/")[0] for s in sources if s.startswith("group")})
        if groups:
            group = rng.choice(groups)
            original = min((s for s in sources if s.startswith(group + "/")), key=lambda s: corpus[s]["date"])
            corpus[original] = {**corpus[original], "text": " ".join(edited(rng, corpus[original]["text"].split(), 3))}
        changed = rng.choice(sources)
        corpus[changed] = {**corpus[changed], "text": " ".join(words(rng, 120))}
        into_copy = rng.choice(sources)
        corpus[into_copy] = {**corpus[into_copy], "text": " ".join(edited(rng, corpus[rng.choice(sources)]["text"].split()))
                             or "trống"}
        for n in range(2):
            text = words(rng, 90)
            corpus[f"added/{round_}-{n}.txt"] = {"text": " ".join(text), "date": rng.randrange(1, 28), "credit": False}
            corpus[f"added/{round_}-{n}-twin.txt"] = {"text": " ".join(edited(rng, text)), "date": rng.randrange(1, 28),
                                                     "credit": True}  # a copy of a new article, new too
            copied = corpus[rng.choice(sources)]
            corpus[f"added/{round_}-{n}-copy.txt"] = {"text": " ".join(edited(rng, copied["text"].split())) or "trống",
                                                     "date": rng.randrange(1, 28), "credit": rng.random() < 0.5}
        result, state = incremental(corpus, state)
        expected = merged(from_scratch(corpus))
        assert merged(result) == expected, f"round {round_}"
        # The state was used: only the components that lost a member were computed again.
        assert all(size < len(corpus) // 2 for size in whole_corpus_computations), whole_corpus_computations
        if round_ == 0:
            assert {"bridged/a.txt", "bridged/b.txt"} <= set(expected[0])  # the bridge's removal parted them
            assert whole_corpus_computations  # and its component was computed again


def test_a_state_made_under_other_settings_is_not_used(whole_corpus_computations):
    corpus = planted_corpus(random.Random(3))
    _, state = incremental(corpus, None)
    state.settings = state.settings[:3] + (0.9,) + state.settings[4:]
    whole_corpus_computations.clear()
    result, _ = incremental(corpus, state)
    assert whole_corpus_computations == [len(corpus)]
    assert merged(result) == merged(from_scratch(corpus))


def test_an_identity_given_twice_is_a_whole_computation(whole_corpus_computations):
    corpus = planted_corpus(random.Random(4))
    _, state = incremental(corpus, None)
    articles = articles_of(corpus)
    prints = [fingerprint(a.body_text) for a in articles]
    whole_corpus_computations.clear()
    result, _ = merge_with_state(articles, [p[0] for p in prints], [p[2] for p in prints], [p[1] for p in prints],
                                 ["same"] * len(articles), state)
    assert whole_corpus_computations == [len(corpus)]
    assert merged(result) == merged(from_scratch(corpus))


# --- the build ----------------------------------------------------------------------------------

def pages(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".digest")}


@pytest.fixture(scope="module")
def corpus_with_copies(tmp_path_factory, seeds_dir) -> Path:
    root = tmp_path_factory.mktemp("syndication-state")
    generate(30, root, [seeds_dir])
    # Two syndicated copies of one article (one sentence more each, other outlets): merged into it.
    first = sorted(root.rglob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    for n, sentence in enumerate([" Theo đánh giá, phong trào được nhân rộng ở 12 chi bộ.",
                                  " Nhiều chi bộ đã đăng ký việc làm cụ thể."]):
        copy = list(lines)
        copy[longest] += sentence
        (root / f"zz-ban-sao-{n}").mkdir()
        (root / f"zz-ban-sao-{n}" / first.name).write_text("\n".join(copy), encoding="utf-8")
    return root


def test_a_rebuild_after_a_copy_changed_writes_what_a_fresh_build_writes(tmp_path, corpus_with_copies,
                                                                       whole_corpus_computations):
    work, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(corpus_with_copies, work)
    first = build([work], out, cache_dir=cache, jobs=1)
    assert first.quality.duplicates_merged >= 2
    assert (cache / batch.SYNDICATION_STATE).is_file()
    assert whole_corpus_computations == [first.articles + first.quality.duplicates_merged]
    before = pages(out)
    # One copy rewritten into a copy of another article: its first original lists one copy, the other one.
    copy = next((work / "zz-ban-sao-1").glob("*.txt"))
    other = sorted(work.rglob("*.txt"))[5].read_text(encoding="utf-8")
    copy.write_text(other.replace("\n\n", "\n\nBài viết được biên tập lại cho số báo này.\n\n", 1), encoding="utf-8")
    whole_corpus_computations.clear()
    again = build([work], out, cache_dir=cache, jobs=1)
    assert all(size < again.articles for size in whole_corpus_computations)  # from the state
    fresh = tmp_path / "fresh"
    build([work], fresh, jobs=1)
    assert pages(out) == pages(fresh)
    assert pages(out) != before
    # And back: the copy is merged again, from the state.
    copy.write_text(next((corpus_with_copies / "zz-ban-sao-1").glob("*.txt")).read_text(encoding="utf-8"),
                    encoding="utf-8")
    whole_corpus_computations.clear()
    build([work], out, cache_dir=cache, jobs=1)
    assert all(size < again.articles for size in whole_corpus_computations)
    shutil.rmtree(fresh)
    build([work], fresh, jobs=1)
    assert pages(out) == pages(fresh) == before


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps({"identities": []}),
                                    pickle.dumps(["truncated"] * 1000)[:100]],
                         ids=["empty", "not-a-pickle", "another-object", "cut-short"])
def test_a_damaged_state_is_a_whole_computation(tmp_path, corpus_with_copies, whole_corpus_computations, damage):
    cache = tmp_path / "cache"
    build([corpus_with_copies], tmp_path / "cold", cache_dir=cache, jobs=1)
    (cache / batch.SYNDICATION_STATE).write_bytes(damage)
    whole_corpus_computations.clear()
    report = build([corpus_with_copies], tmp_path / "again", cache_dir=cache, jobs=1)  # another output: no no-op
    assert whole_corpus_computations == [report.articles + report.quality.duplicates_merged]
    assert pages(tmp_path / "again") == pages(tmp_path / "cold")
    assert batch.load_syndication_state(cache) is not None  # written again
