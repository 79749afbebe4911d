"""Shard fingerprints (directive_digest/shards/plan.py): what changes which shard's, with the
files read once (plan.files, the scan make_plan was given)."""
from __future__ import annotations

from pathlib import Path

from directive_digest.shards.plan import GENERATED, TOP, fingerprints, make_plan, scan


def _docs(root: Path) -> Path:
    docs = root / "content"
    files = {"index.md": "# Home\n", "gioi-thieu.md": "# About\n\nText.\n",
             "ct-05/index.md": "---\ntitle: CT 05\nkind: directive\n---\n\nLatest articles.\n",
             "ct-05/2019/index.md": "---\ntitle: 2019\nkind: year\n---\n", "ct-05/2019/a.md": "---\ntitle: A\n---\n\nA.\n",
             "ct-05/2020/index.md": "---\ntitle: 2020\nkind: year\n---\n", "ct-05/2020/b.md": "---\ntitle: B\n---\n\nB.\n",
             GENERATED: "{}"}
    for rel, text in files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    return docs


def _prints(docs: Path) -> dict[str, str]:
    scanned = scan(docs)
    plan = make_plan(docs, 2, scanned)
    assert plan.files == scanned[1] and [s.folders for s in plan.shards] == [[], ["ct-05/2019"], ["ct-05/2020"]]
    prints = fingerprints(plan, "common")
    assert prints == fingerprints(make_plan(docs, 2), "common")  # the same when walked again
    return {("top" if name == TOP else plan.shards.index(next(s for s in plan.shards if s.name == name))): v
            for name, v in prints.items()}


def _changed(docs: Path, rel: str, text: str) -> set:
    before = _prints(docs)
    (docs / rel).write_text(text, encoding="utf-8")
    after = _prints(docs)
    return {k for k in before if before[k] != after[k]}


def test_what_changes_which_fingerprint(tmp_path):
    docs = _docs(tmp_path)
    assert _changed(docs, "ct-05/2019/a.md", "---\ntitle: A\n---\n\nA, changed.\n") == {"top", 1}
    assert _changed(docs, "ct-05/2020/index.md", "---\ntitle: 2020\nkind: year\n---\n\nMore.\n") == {"top", 2}
    # A directive page: the other shards take its front matter only.
    assert _changed(docs, "ct-05/index.md", "---\ntitle: CT 05\nkind: directive\n---\n\nOther.\n") == {"top"}
    assert _changed(docs, "ct-05/index.md", "---\ntitle: CT 05 (new)\nkind: directive\n---\n\nOther.\n") == \
        {"top", 1, 2}
    assert _changed(docs, "gioi-thieu.md", "# About\n\nOther text.\n") == {"top", 1, 2}  # a hand-written page: whole
    assert _changed(docs, GENERATED, '{"x": 1}') == set()
