"""Sentence splitters on Vietnamese news cases: ours against underthesea's ``sent_tokenize``.

    python benchmarks/sentence_split.py [--wheel underthesea-*.whl] [--verbose]

The cases are ``tests/data/sentence_cases.json`` (numbers, abbreviations, quotes, ellipses,
"./.", credits). underthesea is not a dependency: its ``sent_tokenize`` is pure Python, so
it is taken from an installed underthesea or, with ``--wheel``, straight from a wheel
fetched with ``pip download --no-deps underthesea`` (its own dependencies are not needed
for this function). A splitter scores a case only when every sentence is exactly right.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directive_digest.sentences import split_sentences  # noqa: E402

CASES = ROOT / "tests" / "data" / "sentence_cases.json"


def underthesea_splitter(wheel: Path | None):
    try:
        from underthesea import sent_tokenize  # type: ignore
        return sent_tokenize
    except ImportError:
        if wheel is None:
            return None
    tmp = Path(tempfile.mkdtemp(prefix="uts-"))
    prefix = "underthesea/pipeline/sent_tokenize/"
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.startswith(prefix):
                z.extract(name, tmp)
    spec = importlib.util.spec_from_file_location("uts_sent", tmp / prefix / "__init__.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sent_tokenize


def evaluate(split, cases: list[dict]) -> tuple[int, list[tuple[str, list[str]]]]:
    right, wrong = 0, []
    for case in cases:
        got = [" ".join(s.split()) for s in split(case["text"])]
        if got == case["want"]:
            right += 1
        else:
            wrong.append((case["why"], got))
    return right, wrong


def suspicious(split, paragraphs: list[str]) -> tuple[int, int]:
    """(sentences, suspicious ones) on real paragraphs: a piece that starts with a closing
    quote, "/." or a lower-case letter, or has fewer than 3 words, is a wrong cut."""
    total = bad = 0
    for paragraph in paragraphs:
        for sentence in split(paragraph):
            total += 1
            s = sentence.strip()
            if s[:1] in "”/" or s[:1].islower() or len(s.split()) < 3:
                bad += 1
    return total, bad


def corpus_paragraphs() -> list[str]:
    from directive_digest.article import PARAGRAPH
    from directive_digest.clean import clean
    from directive_digest.readers import read_file

    paragraphs = []
    shared = Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared"))
    roots = [ROOT / "articles", shared / "corpus" / "seeds"]
    for root in roots:
        for path in sorted(root.rglob("*.txt")) if root.is_dir() else []:
            for article in read_file(path, root):
                clean(article)
                paragraphs += [b.text for b in article.blocks if b.kind == PARAGRAPH]
    return paragraphs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--wheel", type=Path, help="an underthesea wheel (pip download --no-deps underthesea)")
    p.add_argument("--verbose", "-v", action="store_true")
    args = p.parse_args(argv)
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    paragraphs = corpus_paragraphs()
    splitters = {"directive_digest": split_sentences}
    other = underthesea_splitter(args.wheel)
    if other:
        splitters["underthesea.sent_tokenize"] = other
    else:
        print("underthesea not available (install it or pass --wheel); comparing ours only")
    for name, split in splitters.items():
        right, wrong = evaluate(split, cases)
        total, bad = suspicious(split, paragraphs)
        print(f"{name:<28} {right:>2}/{len(cases)} cases exactly right; "
              f"real paragraphs: {total} sentences, {bad} suspicious cuts")
        if args.verbose:
            for why, got in wrong:
                print(f"   MISS {why}: {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
