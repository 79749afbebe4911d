"""The search query set (tests/data/search_queries.json), drawn from real article text.

    python -m benchmarks.search_queries [--out tests/data/search_queries.json]

The articles: the bundled sample (articles/), the shared seeds and the real corpus
(shared/corpus/real: its loose .txt/.html files and vietnews-party/), digested as the site
digests them (``recall_inputs``). Queries are what a reader remembers of one article:

* ``body``: 3 to 5 syllables of one sentence of the full text, from after the summary and
  key points (so only the full text holds them), found in no other article;
* ``person``: a name (a common family name and one to three more capitalised syllables);
* ``place``: xã / huyện / phường / tỉnh / thôn … and its capitalised name;
* ``figure``: a number and the word after it ("137 hộ");
* ``outlet``, ``author``: the article's outlet or byline (any article of it counts);
* ``phrase``: a body query in quotes.

Every query but outlet and author is found (as text, match_key) in exactly one article.
A third of them is typed without diacritics, and those holding a tone-marked oa/oe/uy are
typed in the other tone-mark style. Drawn with a fixed random seed, by rule, before the
ranking was tuned; each query records its article (``sources``: the ``source`` front matter
of the pages that count) and its split: ``tuned`` (bundled, seeds, real files the split
lets us look at) or ``untouched`` (tests/data/real/split.json: reported, never tuned on).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from directive_digest.contract import PageKind
from directive_digest.search.documents import read_documents, split_page
from directive_digest.vntext import fold, match_key

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "tests" / "data" / "search_queries.json"
SPLIT = ROOT / "tests" / "data" / "real" / "split.json"
SEED = 13

SURNAMES = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Trịnh Mai Tô Lương "
            "Trương Cao Chu Lâm Thái Tạ Hà Lò Vi Quách Kiều Đoàn Triệu Nông Hứa Tăng").split()
PLACES = r"(?:xã|huyện|phường|thị trấn|thị xã|tỉnh|thôn|bản|xóm|tổ dân phố|thành phố|quận)"
_NAME = re.compile(rf"(?<!\w)(?:{'|'.join(SURNAMES)})(?: \w+){{1,3}}")
_PLACE = re.compile(rf"(?<!\w){PLACES}(?: \w+){{1,3}}")
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)* [^\W\d_]{2,}(?!\w)")
# Words after a number that say nothing of what it counts.
_NOT_COUNTED = set("của đến và là đã có được trong với cho từ tại năm ngày tháng theo về này khi thì mà đồng lần".split())
_SENTENCE_PART = re.compile(r"[^.,;:!?“”\"()…\-–—]+")
_SYLLABLE = re.compile(r"^[^\W\d_]+$")


def _capitalised(match: str, skip: int) -> str:
    """The match cut before its first syllable (after ``skip``) that is not capitalised."""
    words = match.split()
    keep = words[:skip]
    for w in words[skip:]:
        if not w[:1].isupper():
            break
        keep.append(w)
    return " ".join(keep) if len(keep) > skip else ""


def recall_inputs() -> list[Path]:
    """The articles of the recall site: bundled, seeds, and the real corpus."""
    real = SHARED / "corpus" / "real"
    inputs = [ROOT / "articles", SHARED / "corpus" / "seeds", real / "vietnews-party"]
    inputs += sorted(p for p in real.iterdir() if p.suffix in (".txt", ".html"))
    return inputs


def split_of(source: str, untouched: set[str]) -> str:
    return "untouched" if source in untouched or f"vietnews-party/{source}" in untouched else "tuned"


def digest(inputs: list[Path], out: Path) -> Path:
    content = out / "content"
    cmd = [sys.executable, str(ROOT / "build_digest.py"), "--output", str(content), "--report",
           str(out / "report.json"), "--cache", str(out / "cache"), "-q"]
    for path in inputs:
        cmd += ["--input", str(path)]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return content


def _swap_tone_style(text: str) -> str:
    """hoà <-> hòa, uỷ <-> ủy: the other way of placing the tone of oa/oe/uy."""
    import unicodedata
    tones = "\u0300\u0301\u0303\u0309\u0323"
    nfd = unicodedata.normalize("NFD", text)
    end = r"(?![\u0300-\u036f]|[^\W\d_])"  # the pair closes the syllable (hoà, thuỷ; never hoàng, hoặc)
    new = re.sub(f"([oO])([aAeE])([{tones}]){end}|([uU])([yY])([{tones}]){end}",  # new style -> old
                 lambda m: "".join(m.group(1, 3, 2) if m.group(1) else m.group(4, 6, 5)), nfd)
    if new == nfd:  # old style -> new
        new = re.sub(f"([oO])([{tones}])([aAeE]){end}|([uU])([{tones}])([yY]){end}",
                     lambda m: "".join(m.group(1, 3, 2) if m.group(1) else m.group(4, 6, 5)), nfd)
    return unicodedata.normalize("NFC", new)


def _articles(content: Path):
    """(source, [also published sources], meta, document) of each article page."""
    docs = {d.url: d for d in read_documents(str(content))}
    for path in sorted(content.rglob("*.md")):
        meta, _ = split_page(path.read_text(encoding="utf-8"))
        if PageKind.of(meta) != PageKind.ARTICLE:
            continue
        url = path.relative_to(content).with_suffix(".html").as_posix()
        also = [p.get("source") for p in meta.get("also_published") or [] if isinstance(p, dict)]
        yield str(meta["source"]), [a for a in also if a], meta, docs[url]


def make_queries(content: Path, untouched: set[str]) -> list[dict]:
    rnd = random.Random(SEED)
    articles = list(_articles(content))
    haystacks = [match_key(" ".join(b for bl in d.fields.values() for b in bl)) for _, _, _, d in articles]

    def unique(phrase: str, i: int) -> bool:
        key = match_key(phrase)
        return key in haystacks[i] and sum(key in h for h in haystacks) == 1

    queries = []
    for i, (source, also, meta, doc) in enumerate(articles):
        sources = [source] + also
        split = split_of(source, untouched)
        lead = match_key(" ".join(doc.fields.get("lead", []) + doc.fields.get("title", [])))
        body = [b for b in doc.fields.get("body", []) if len(b.split()) >= 12]
        picked = []
        # A body phrase: 3-5 syllables inside one sentence part, not in the title or lead.
        for _ in range(30):
            if not body:
                break
            parts = [p.strip() for p in _SENTENCE_PART.findall(rnd.choice(body)) if len(p.split()) >= 5]
            if not parts:
                continue
            words = rnd.choice(parts).split()
            size = rnd.randint(3, 5)
            start = rnd.randrange(0, len(words) - size + 1)
            phrase = " ".join(words[start:start + size])
            if all(_SYLLABLE.match(w) for w in words[start:start + size]) and match_key(phrase) not in lead \
                    and unique(phrase, i):
                picked.append(("body", phrase))
                break
        text = "\n".join(doc.fields.get("body", []))
        for kind, pattern in (("person", _NAME), ("place", _PLACE), ("figure", _FIGURE)):
            found = pattern.findall(text)
            if kind == "person":
                found = [_capitalised(f, 1) for f in found]
            elif kind == "place":
                found = [_capitalised(f, len(re.match(PLACES, f).group(0).split())) for f in found]
            else:
                found = [f for f in found if f.split()[-1].lower() not in _NOT_COUNTED]
            found = sorted(set(f for f in found if f))
            rnd.shuffle(found)
            for phrase in found:
                if unique(phrase, i):
                    picked.append((kind, phrase))
                    break
        if picked:  # one query an article, of a kind drawn among those it has
            kind, phrase = rnd.choice(picked)
            queries.append({"query": phrase, "kind": kind, "sources": sources, "split": split})
    # Outlets and authors: any article of theirs counts (bundled articles: the real corpus has none).
    by = {}
    for source, also, meta, _ in articles:
        for kind in ("outlet", "author"):
            if meta.get(kind):
                by.setdefault((kind, str(meta[kind])), []).extend([source] + also)
    for (kind, name), sources in sorted(by.items()):
        split = "tuned" if all(split_of(s, untouched) == "tuned" for s in sources) else "untouched"
        queries.append({"query": name, "kind": kind, "sources": sorted(set(sources)), "split": split})
    # Typed as readers type: a third without diacritics; the other tone-mark style where it applies;
    # a few body phrases in quotes.
    rnd.shuffle(queries)
    for n, q in enumerate(queries):
        if n % 3 == 0 and fold(q["query"]) != q["query"]:
            q["query"], q["typed"] = fold(q["query"]).lower(), "no diacritics"
        elif _swap_tone_style(q["query"]) != q["query"]:
            q["query"], q["typed"] = _swap_tone_style(q["query"]), "other tone style"
        else:
            q["typed"] = "as written"
    bodies = [q for q in queries if q["kind"] == "body"]
    for q in bodies[: max(5, len(bodies) // 6)]:
        queries.append({**q, "query": f'"{q["query"]}"', "kind": "phrase"})
    return sorted(queries, key=lambda q: (q["split"], q["kind"], q["sources"][0], q["query"]))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    untouched = set(json.loads(SPLIT.read_text(encoding="utf-8"))["untouched"])
    with tempfile.TemporaryDirectory(prefix="search-queries-") as tmp:
        content = digest(recall_inputs(), Path(tmp))
        queries = make_queries(content, untouched)
    data = {"about": "Search queries drawn from real article text by benchmarks/search_queries.py (see its docstring).",
            "seed": SEED, "queries": queries}
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {}
    for q in queries:
        counts[(q["split"], q["kind"])] = counts.get((q["split"], q["kind"]), 0) + 1
    print(f"{len(queries)} queries in {args.out}: " + ", ".join(f"{s}/{k} {n}" for (s, k), n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
