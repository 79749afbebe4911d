"""Synthetic articles for the benchmarks: realistic, messy, reproducible.

Each synthetic article starts from a real seed as a *skeleton* (its headline position,
section label, dateline, site chrome, captions, byline, "Theo …" line, comment widgets
all stay where they are) and then varies what a corpus varies:

* the headline (organisation x action x directive, from real headlines' patterns);
* the date in the dateline (2016-2025);
* which directive the text is about (every "Chỉ thị số 05-CT/TW"-style reference is
  rewritten to one registry document, so articles spread over the directives);
* the outlet ("(Baonghean.vn) - " marker, "Theo …" line) and the folder it is filed in;
* the body: most long paragraphs (85 %) are swapped for paragraphs of other seeds.

    python -m benchmarks.synth N OUTDIR [--seed-dir DIR ...] [--random-seed S]
"""
from __future__ import annotations

import argparse
import os
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "directive_digest" / "data" / "directives.yaml"

ORGS = ["Đảng bộ Khối các cơ quan tỉnh", "Huyện ủy Nam Đàn", "Đảng ủy Sở Văn hóa", "Thành ủy Cẩm Phả",
        "Đảng bộ xã Kim Liên", "Chi bộ thôn Đông", "Đảng ủy Quân khu 4", "Huyện ủy Lục Ngạn",
        "Đảng bộ Khối Doanh nghiệp", "Tỉnh ủy Bắc Ninh", "Đảng ủy Công an tỉnh", "Quận ủy Ba Đình",
        "Đảng bộ Trường Đại học Vinh", "Huyện ủy Diễn Châu", "Đảng ủy Bệnh viện Đa khoa tỉnh",
        "Thị ủy Hoàng Mai", "Đảng bộ phường Trung Đô", "Huyện ủy Yên Thành", "Đảng ủy Khối cơ quan Trung ương"]
ACTIONS = ["sơ kết {n} năm thực hiện {d}", "tổng kết {n} năm thực hiện {d}", "quán triệt {d}",
           "đẩy mạnh thực hiện {d}", "đưa {d} vào cuộc sống", "kiểm tra việc thực hiện {d}",
           "học tập chuyên đề năm {y} theo {d}", "triển khai {d} đến chi bộ"]
OUTLETS = [("Baonghean.vn", "nghe-an"), ("ĐCSVN", "dang-cong-san"), ("QĐND", "qdnd"),
           ("Baobacgiang.vn", "bac-giang"), ("Baoquangninh.vn", "quang-ninh"), ("HNM", "ha-noi"),
           ("Dangcongsan.vn", "trung-uong"), ("Baohatinh.vn", "ha-tinh"), ("Danvan.vn", "dan-van")]
# Share of long paragraphs swapped for other seeds' ones: enough that two articles from one
# skeleton are not taken for syndicated copies of each other (shingle Jaccard < 0.5).
REPLACE = 0.85
_REF = re.compile(r"(Chỉ thị|Kết luận|Nghị quyết|Quy định)(\s+số)?\s+\d{1,3}\s*[-/]\s*(?:CT|KL|NQ|QĐ)\s*/\s*TW")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
_MARKER = re.compile(r"^\s*\(([^()]{2,30})\)\s*[-–—]\s*")
_THEO = re.compile(r"^(Theo|Nguồn)\s*:?\s+\S.{0,60}$")


def default_seed_dirs() -> list[Path]:
    shared = Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared"))
    return [p for p in (shared / "corpus" / "seeds", ROOT / "articles") if p.is_dir()]


def load_seeds(dirs: list[Path]) -> list[str]:
    seeds = []
    for d in dirs:
        for path in sorted(Path(d).rglob("*.txt")):
            try:
                seeds.append(path.read_text(encoding="utf-8-sig"))
            except (UnicodeDecodeError, OSError):
                continue
    if not seeds:
        raise SystemExit(f"no seed articles (*.txt) under {', '.join(map(str, dirs)) or 'nothing'}")
    return seeds


def load_directives() -> list[dict]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [d for d in data["directives"] if d.get("kind") in ("Chỉ thị", "Kết luận", "Nghị quyết", "Quy định")]


def _is_body(line: str) -> bool:
    return len(line.split()) >= 25


class Generator:
    def __init__(self, seeds: list[str], random_seed: int = 7):
        self.seeds = [s.replace("\r\n", "\n") for s in seeds]
        self.paragraphs = [ln for s in self.seeds for ln in s.split("\n") if _is_body(ln.strip())]
        self.directives = load_directives()
        self.random_seed = random_seed

    def article(self, n: int) -> tuple[str, str]:
        """(relative path, text) of synthetic article number ``n``; same n, same article."""
        rnd = random.Random(self.random_seed * 1_000_003 + n)
        d = rnd.choice(self.directives)
        ref = f"{d['kind']} số {d['number']}-{d['suffix']}"
        issued_year = int(str(d.get("issued", "2016"))[:4])
        year = rnd.randint(max(2016, issued_year), 2025)
        outlet, folder = rnd.choice(OUTLETS)
        lines = rnd.choice(self.seeds).split("\n")
        # Headline: the first line of 6+ words (a section label may come before it).
        title_at = next((i for i, ln in enumerate(lines) if len(ln.split()) >= 6), 0)
        action = rnd.choice(ACTIONS).format(n=rnd.randint(1, 10), d=ref, y=year)
        lines[title_at] = f"{rnd.choice(ORGS)} {action}"
        dated = False
        out = []
        for i, line in enumerate(lines):
            if not dated and i > title_at and _DATE.search(line):
                line = _DATE.sub(f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{year}", line, count=1)
                dated = True
            elif i > title_at and _is_body(line.strip()) and rnd.random() < REPLACE:
                line = rnd.choice(self.paragraphs)
            if _MARKER.match(line):
                line = _MARKER.sub(f"({outlet}) - ", line, count=1)
            elif _THEO.match(line.strip()):
                line = f"Theo {outlet}"
            out.append(line)
        text = _REF.sub(ref, "\n".join(out))
        return f"{folder}/{n:06d}.txt", text


def generate(count: int, outdir: Path, seed_dirs: list[Path] | None = None, random_seed: int = 7) -> list[Path]:
    gen = Generator(load_seeds(seed_dirs or default_seed_dirs()), random_seed)
    outdir = Path(outdir)
    written = []
    for n in range(count):
        rel, text = gen.article(n)
        path = outdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("count", type=int)
    p.add_argument("outdir", type=Path)
    p.add_argument("--seed-dir", action="append", type=Path)
    p.add_argument("--random-seed", type=int, default=7)
    args = p.parse_args(argv)
    paths = generate(args.count, args.outdir, args.seed_dir, args.random_seed)
    print(f"{len(paths)} synthetic articles in {args.outdir}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
