"""Our own code against the library proposed to replace it (issue 16, item 8), in one run:

* encoding detection (readers/decode.py) against charset-normalizer (``from_bytes().best()``,
  with our binary and legacy-font checks kept around it, since it knows neither);
* the one-permutation MinHash with banding of syndication.py against datasketch's MinHash
  and MinHashLSH (threshold 0.5, as ours).

    python -m benchmarks.dependencies [--articles 1000] [--copies 200] [--shared ../shared]

charset-normalizer is installed already (trafilatura depends on it). datasketch is not a
dependency; install it beside the project to measure it:
``pip install --target /tmp/ds datasketch==2.0.0`` then ``PYTHONPATH=/tmp/ds``.
Results: docs/dependencies.md.
"""
from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

from benchmarks.legacy_encodings import cp1258, tcvn3, vni
from benchmarks.synth import default_seed_dirs, generate
from directive_digest.article import Article
from directive_digest.problems import InputError
from directive_digest.readers import read_file
from directive_digest.readers.decode import binary_kind, check_text, decode_bytes
from directive_digest.registry import load_registry
from directive_digest.stages import understand
from directive_digest.syndication import THRESHOLD, candidate_groups, jaccard, shingles, sketch

ROOT = Path(__file__).resolve().parent.parent

# --- encodings ---------------------------------------------------------------------------------

# name -> (encode, what a right decoder does: "text" gives the text back, or refuses naming this)
VARIANTS = {
    "UTF-8": (lambda t: t.encode("utf-8"), "text"),
    "UTF-8 with BOM": (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "text"),
    "UTF-16 with BOM": (lambda t: t.encode("utf-16"), "text"),
    "UTF-16-LE, no BOM": (lambda t: t.encode("utf-16-le"), "text"),
    "UTF-16-BE, no BOM": (lambda t: t.encode("utf-16-be"), "text"),
    "Windows-1258": (cp1258, "text"),
    "TCVN3 bytes": (tcvn3, "TCVN3"),
    "TCVN3 already read as cp1252 (UTF-8)": (lambda t: tcvn3(t).decode("cp1252", "replace").encode("utf-8"), "TCVN3"),
    "VNI bytes": (vni, "VNI"),
    "VNI already read as cp1252 (UTF-8)": (lambda t: vni(t).decode("cp1252", "replace").encode("utf-8"), "VNI"),
}


def expected_text(name: str, text: str, data: bytes) -> str:
    """The text a right decoder gives back: what the encoding could write of it, NFC."""
    if name == "Windows-1258":
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    return unicodedata.normalize("NFC", text)


def decode_with_charset_normalizer(data: bytes) -> str:
    """decode_bytes with charset-normalizer choosing the encoding: our binary check before it
    and our legacy font check after it (check_text), as adopting it would keep them."""
    from charset_normalizer import from_bytes

    kind = binary_kind(data)
    if kind:
        raise InputError(f"binary file ({kind}), not text")
    best = from_bytes(data).best()
    if best is None:
        raise InputError("no encoding found")
    return check_text(str(best))


def judge(decode, data: bytes, want: str, text: str) -> str:
    try:
        out = decode(data)
    except InputError as error:
        if want != "text" and want in str(error):
            return "refused, naming the encoding"
        return "refused wrongly" if want == "text" else "refused, other reason"
    if want != "text":
        return "mojibake accepted"
    return "right text" if unicodedata.normalize("NFC", out) == text else "wrong text"


def real_texts(shared: Path) -> list[str]:
    paths = sorted((ROOT / "articles").rglob("*.txt"))
    for folder in (shared / "corpus" / "seeds", shared / "corpus" / "real"):
        paths += sorted(folder.rglob("*.txt")) if folder.is_dir() else []
    return [unicodedata.normalize("NFC", p.read_text(encoding="utf-8-sig")) for p in paths]


def measure_encodings(texts: list[str], synthetic: list[bytes]) -> None:
    decoders = {"ours": decode_bytes, "charset-normalizer": decode_with_charset_normalizer}
    print(f"\n## Encodings: {len(texts)} real articles, each written {len(VARIANTS)} ways\n")
    print("| written as | " + " | ".join(decoders) + " |\n|---|" + "---|" * len(decoders))
    totals = {name: Counter() for name in decoders}
    for variant, (encode, want) in VARIANTS.items():
        cells = []
        for name, decode in decoders.items():
            outcomes = Counter()
            for text in texts:
                data = encode(text)
                outcomes[judge(decode, data, want, expected_text(variant, text, data))] += 1
            totals[name].update(outcomes)
            cells.append(", ".join(f"{n} {what}" for what, n in outcomes.most_common()))
        print(f"| {variant} | " + " | ".join(cells) + " |")
    print("| **all** | " + " | ".join(
        f"{sum(n for w, n in totals[name].items() if w in ('right text', 'refused, naming the encoding'))}"
        f"/{sum(totals[name].values())} right" for name in decoders) + " |")
    print(f"\nTime per article ({len(synthetic)} synthetic articles, best of 3):\n")
    print("| written as | " + " | ".join(decoders) + " |\n|---|" + "---|" * len(decoders))
    for variant, convert in (("UTF-8", lambda d: d), ("Windows-1258", lambda d: cp1258(d.decode("utf-8")))):
        files = [convert(d) for d in synthetic]
        cells = []
        for decode in decoders.values():
            best = min(_timed(lambda: [_outcome(decode, d) for d in files]) for _ in range(3))
            cells.append(f"{best / len(files) * 1e3:.3f} ms")
        print(f"| {variant} | " + " | ".join(cells) + " |")


def _outcome(decode, data: bytes):
    try:
        return decode(data)
    except InputError as error:
        return error


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


# --- MinHash ----------------------------------------------------------------------------------

def near_copy(text: str, rng: random.Random) -> str:
    """A republished copy: some sentences dropped or reworded, a line of the outlet's own added."""
    sentences = text.replace("\n", " \n ").split(". ")
    keep = rng.uniform(0.45, 1.0)
    out = [s if rng.random() < 0.9 else s.replace(" và ", " cùng ") for s in sentences if rng.random() < keep]
    return "Theo Báo Nhân Dân. " + ". ".join(out or sentences[:1])


def exact_pairs(sets: list[frozenset]) -> set[tuple[int, int]]:
    """Every pair at or above the threshold: the truth the candidates are judged by."""
    pairs = set()
    sizes = [len(s) for s in sets]
    for a in range(len(sets)):
        for b in range(a + 1, len(sets)):
            small, large = sorted((sizes[a], sizes[b]))
            if small and small / large >= THRESHOLD and jaccard(sets[a], sets[b]) >= THRESHOLD:
                pairs.add((a, b))
    return pairs


def measure_minhash(bodies: list[str], real: list[str], args) -> None:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        MinHash = MinHashLSH = None
    rng = random.Random(16)
    originals = rng.sample(range(len(bodies)), min(args.copies, len(bodies)))
    texts = bodies + real + [near_copy(bodies[i], rng) for i in originals]
    shingle_time = min(_timed(lambda: [shingles(t) for t in texts]) for _ in range(3))
    sets = [shingles(t) for t in texts]
    truth = exact_pairs(sets)
    sketch_time = min(_timed(lambda: [sketch(s) for s in sets]) for _ in range(3))
    sketches = [sketch(s) for s in sets]
    start = time.perf_counter()
    ours = {(a, b) for group in candidate_groups(sets, sketches) for n, a in enumerate(group) for b in group[n + 1:]}
    ours_lsh = time.perf_counter() - start
    per = lambda seconds: f"{seconds / len(texts) * 1e3:.3f} ms"  # noqa: E731
    print(f"\n## MinHash: {len(texts)} article bodies ({len(bodies)} synthetic, {len(real)} real, {len(originals)} "
          f"edited copies), {len(truth)} pairs at Jaccard >= {THRESHOLD}\n")
    print(f"Shingling (word 5-grams, both): {per(shingle_time)} per article.\n")
    print("| | sketch per article | candidates per article | pairs found | candidate pairs to check |\n"
          "|---|---|---|---|---|")
    print(f"| ours: one permutation, 63 buckets, 21 bands x 3 | {per(sketch_time)} | {per(ours_lsh)} | "
          f"{len(truth & ours)}/{len(truth)} | {len(ours)} |")
    if MinHash is None:
        print("| datasketch | not installed (see the module's doc) | | | |")
        return
    encoded = [[v.to_bytes(8, "little") for v in s] for s in sets]
    for num_perm, params in ((63, (21, 3)), (64, None), (128, None)):
        def minhashes():
            out = []
            for shingle_bytes in encoded:
                m = MinHash(num_perm=num_perm, seed=1)
                m.update_batch(shingle_bytes)
                out.append(m)
            return out
        sketch_time = min(_timed(minhashes) for _ in range(3))
        signatures = minhashes()
        start = time.perf_counter()
        lsh = MinHashLSH(threshold=THRESHOLD, num_perm=num_perm, params=params)
        for i, m in enumerate(signatures):
            if sets[i]:
                lsh.insert(i, m)
        found = {(min(i, j), max(i, j)) for i, m in enumerate(signatures) if sets[i] for j in lsh.query(m) if j != i}
        lsh_time = time.perf_counter() - start
        print(f"| datasketch: {num_perm} permutations, {lsh.b} bands x {lsh.r}{' (ours)' if params else ''} | "
              f"{per(sketch_time)} | {per(lsh_time)} | {len(truth & found)}/{len(truth)} | {len(found)} |")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=1000, help="synthetic articles (default 1000)")
    p.add_argument("--copies", type=int, default=200, help="edited copies of some of them, for MinHash (default 200)")
    p.add_argument("--shared", type=Path, default=Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared")))
    args = p.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="deps-") as tmp:
        generate(args.articles, Path(tmp), default_seed_dirs())
        paths = sorted(Path(tmp).rglob("*.txt"))
        synthetic = [path.read_bytes() for path in paths]
        registry = load_registry()
        bodies = [understand(a, registry).body_text for path in paths for a in read_file(path, Path(tmp))]
    texts = real_texts(args.shared)
    measure_encodings(texts, synthetic)
    real = []
    for text in texts:
        try:
            real.append(understand(Article(source="real", text=text), registry).body_text)
        except InputError:
            continue
    measure_minhash(bodies, real, args)


if __name__ == "__main__":
    main()
