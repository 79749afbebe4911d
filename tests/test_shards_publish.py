"""The feeds and digest.json of a sharded build (directive_digest/site/publish.py) are the
ones a whole build writes (plugin.on_post_build), whatever the shards' records hold: articles
encoded by their shard (shard.py), records of an earlier version (Published only), or encoded
for another site address. Only the articles a feed shows are unpickled."""
from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from directive_digest.contract import PageKind
from directive_digest.site import export, feeds, publish
from directive_digest.site.published import Published, newest_first, write_file
from directive_digest.site.shard import Shard

SETTINGS = {"site_name": "Digest", "site_description": "Tổng hợp", "site_url": "", "feeds": True, "feed_items": 2,
            "json_export": True}


def _pages() -> tuple[list[Published], list[Published]]:
    """Two shards' articles over three directives, dated, undated (by year) and tagged; the
    directive pages (the top shard's)."""
    shards = [[], []]
    for i in range(24):
        directive = ("05-CT/TW", "01-KL/TW", "18-NQ/TW")[i % 3]
        slug = directive.split("/")[0].lower()
        date = dt.date(2019 + i % 4, 1 + i % 12, 1 + i) if i % 5 else None
        meta = {"title": f"Bài {i}", "directive": directive, "year": 2019 + i % 4, "summary": f"Tóm tắt {i}",
                "tags": [f"thẻ {i % 4}"], "author": "Tác giả" if i % 2 else None, "date": date.isoformat() if date else None,
                "key_figures": [f"{i} tỷ"]}
        shards[i * 2 // 24].append(Published(f"{slug}/{2019 + i % 4}/bai-{i}.html", f"Bài {i}", PageKind.ARTICLE, meta))
    directives = [Published(f"{d.split('/')[0].lower()}/index.html", d, PageKind.DIRECTIVE, {"directive": d})
                  for d in ("05-CT/TW", "01-KL/TW", "18-NQ/TW")]
    return shards, directives


def _whole(out: Path, articles: list[Published], directives: list[Published], settings: dict) -> dict:
    """What a whole build writes (plugin.on_post_build)."""
    newest = newest_first(articles)
    feeds.write_feeds(str(out), settings["site_name"], settings["site_description"], settings["site_url"], newest,
                      directives, settings["feed_items"])
    write_file(str(out), export.FILE, export.export_json(export.export(newest, settings["site_url"])).encode("utf-8"))
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _records(tmp_path: Path, shards, directives, settings: dict, form: str) -> list[str]:
    paths = []
    for name, records, top in [("top", directives, True), ("s001", shards[0], False), ("s002", shards[1], False)]:
        path = tmp_path / "cache" / name / "records.pickle"
        if form == "records":  # before articles were encoded by their shard
            path.parent.mkdir(parents=True)
            path.write_bytes(pickle.dumps({"shard": name, "top": top, "settings": settings, "records": records}))
        else:
            shard_settings = {**settings, "site_url": "https://elsewhere.org/"} if form == "other address" and not top \
                else settings  # the top shard's settings are the ones publish takes
            Shard(name, top, frozenset(), frozenset(), str(path)).write_records(records, shard_settings)
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("form", ["encoded", "records", "other address"])
@pytest.mark.parametrize("site_url", ["", "https://example.org/digest/"])
def test_published_from_shards_is_the_whole_build_s(tmp_path, form, site_url):
    settings = {**SETTINGS, "site_url": site_url}
    shards, directives = _pages()
    expected = _whole(tmp_path / "whole", shards[0] + shards[1] + directives, directives, settings)
    assert len(expected) == 5 and expected["feed.xml"].count(b"<item>") == 2
    out = tmp_path / "sharded"
    written = publish.publish(str(out), _records(tmp_path, shards, directives, settings, form))
    assert sorted(written) == sorted(expected)
    assert {rel: (out / rel).read_bytes() for rel in expected} == expected


def test_a_feed_unpickles_only_the_articles_it_shows():
    shards, _ = _pages()
    settings = {**SETTINGS, "site_url": ""}
    articles = [publish._article(p, "") for p in shards[0] + shards[1]]
    articles.sort(key=lambda a: a.key, reverse=True)
    shown = publish._shown(articles, 2)
    assert len(shown) == 6 and [a.directive for a in shown].count("05-CT/TW") == 2  # 2 of all, 2 of each directive
    assert [a for a in articles if a in shown] == shown and shown[:2] == articles[:2]
    assert publish._shown(articles, None) == articles and publish._shown(articles, 0) == []
    assert settings["feed_items"] == 2


def test_a_directive_that_is_no_key_still_publishes_as_the_whole_build(tmp_path):
    """Hand-edited front matter may give ``directive`` as a list: compared, as before."""
    shards, directives = _pages()
    odd = shards[1][0]
    shards[1][0] = Published(odd.url, odd.title, odd.kind, {**odd.meta, "directive": ["05-CT/TW"]})
    expected = _whole(tmp_path / "whole", shards[0] + shards[1] + directives, directives, SETTINGS)
    out = tmp_path / "sharded"
    publish.publish(str(out), _records(tmp_path, shards, directives, SETTINGS, "encoded"))
    assert {rel: (out / rel).read_bytes() for rel in expected} == expected
