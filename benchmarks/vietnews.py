"""VietNews articles (VNDS, Nguyen et al. 2019) as plain text, and their fixed tuning / held-out split.

Each ``NNNNNN.txt.seg`` in ``../shared/corpus/vietnews-val/``: title, blank line, abstract (the
sapo: the reference summary), blank line, body (one sentence a line, as the dataset's own
splitter cut it), blank line, photo captions. Syllables of a word are joined by "_" and
punctuation stands apart ("TAND tỉnh Đắk_Nông ( SN 1992 )"); ``detokenise`` writes it as the
press does ("TAND tỉnh Đắk Nông (SN 1992)").

The split is fixed by a hash of the file name, decided before any result was looked at:
``held_out(name)`` for about a quarter of the files. Tuning and training look only at the
others (with cross-validation among them); the held-out part is scored as a whole, never
read article by article.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELD_OUT_SHARE = 4  # one file in four

# No space before these (closing marks, stops) / after these (opening marks).
_CLOSING = {",", ".", "..", "...", "....", "…", ";", ":", "!", "?", ")", "]", "}", "%", "”", "’"}
_OPENING = {"(", "[", "{", "“", "‘"}


@dataclass(frozen=True)
class NewsArticle:
    name: str  # file name, "000001.txt.seg"
    title: str
    reference: str  # the sapo
    body: list[str]  # the body's lines (the dataset's sentences), detokenised; or its paragraphs
    captions: list[str]
    held_out: bool = False  # in the part never tuned on
    paragraphs: bool = False  # ``body`` holds paragraphs, not the dataset's sentence lines

    @property
    def text(self) -> str:
        """Headline, blank line, body: one paragraph when the dataset kept no paragraph breaks."""
        return f"{self.title}\n\n{(chr(10) * 2 if self.paragraphs else ' ').join(self.body)}\n"


def held_out(name: str) -> bool:
    """Whether a file belongs to the held-out part: fixed by the SHA-256 of its name."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % HELD_OUT_SHARE == 0


def detokenise(line: str) -> str:
    """One segmented line as ordinary text: syllables joined by spaces, punctuation attached."""
    out: list[str] = []
    glue = False  # the next token attaches to the previous one (after an opening mark)
    straight_open = False  # a straight double quote is open
    for token in line.replace("_", " ").split():
        if token == '"':
            straight_open = not straight_open
            if straight_open:
                out.append(token if glue or not out else " " + token)
                glue = True
            else:
                out.append(token)
                glue = False
            continue
        if out and not glue and token not in _CLOSING:
            out.append(" ")
        out.append(token)
        glue = token in _OPENING
    return "".join(out).strip()


def default_dir() -> Path:
    shared = Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared"))
    return shared / "corpus" / "vietnews-val"


def read_article(path: Path) -> NewsArticle:
    sections = path.read_text(encoding="utf-8").split("\n\n")
    lines = [[detokenise(x) for x in s.split("\n") if x.strip()] for s in sections]
    lines += [[]] * (4 - len(lines))
    title, reference, body, captions = lines[:4]
    return NewsArticle(path.name, " ".join(title), " ".join(reference), body, captions, held_out(path.name))


def load(directory: Path | None = None, part: str = "all") -> list[NewsArticle]:
    """The articles of ``directory`` by file name: ``part`` is all, tuning (not held out) or held_out."""
    directory = directory or default_dir()
    paths = sorted(directory.glob("*.txt.seg"))
    if part != "all":
        paths = [p for p in paths if held_out(p.name) == (part == "held_out")]
    return [read_article(p) for p in paths]


def party_dir() -> Path:
    shared = Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared"))
    return shared / "corpus" / "real" / "vietnews-party"


def load_party(directory: Path | None = None) -> list[NewsArticle]:
    """VietNews articles that cite Party documents (``shared/corpus/real/vietnews-party``, 294 of
    the dataset's train split, detokenised already): headline, blank line, sapo (the reference),
    blank line, then the body's paragraphs. Held out: the ``untouched`` files of
    tests/data/real/split.json (fixed by a hash of the path before any result was looked at)."""
    directory = directory or party_dir()
    split = ROOT / "tests" / "data" / "real" / "split.json"
    untouched = set(json.loads(split.read_text(encoding="utf-8"))["untouched"]) if split.exists() else set()
    out = []
    for path in sorted(directory.glob("*.txt")):
        title, reference, *body = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        out.append(NewsArticle(path.name, title, reference, body, [], f"{directory.name}/{path.name}" in untouched, True))
    return out
