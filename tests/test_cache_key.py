"""The cache key holds everything a result depends on, today's date included: year inference
rejects years after the current one, so the same article read in another year can get
another year. Same input, warm cache, another "today": the new result, not the cached one."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import time_machine

from directive_digest import cli

# Two pieces of evidence for the year: "10 năm thực hiện Chỉ thị 05" (issued 2016: 2026) wins
# while 2026 has come; before it, only "Năm 2023, …" is plausible.
ARTICLE = ("Đảng ủy Khối sơ kết việc học tập và làm theo Bác\n\n"
           "Đảng ủy Khối các cơ quan tỉnh tổng kết 10 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị.\n\n"
           "Năm 2023, toàn Đảng bộ có 45 mô hình hay được biểu dương, khen thưởng.\n")


def built_years(output: Path) -> dict[str, int]:
    found = {}
    for page in output.rglob("*.md"):
        meta = frontmatter.load(page).metadata
        if meta.get("source"):
            found[meta["source"]] = meta["year"]
    return found


def digest_on(day: dt.date, inputs: Path, output: Path, cache: Path) -> dict[str, int]:
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 12), tick=False):
        assert dt.date.today() == day
        status = cli.main(["--input", str(inputs), "--output", str(output), "--cache", str(cache),
                           "--report", str(output.parent / "report.json"), "-q", "--jobs", "1"])
    assert status == 0
    return built_years(output)


def test_another_year_today_gives_the_new_result_with_a_warm_cache(tmp_path):
    inputs, cache = tmp_path / "in", tmp_path / "cache"
    inputs.mkdir()
    (inputs / "so-ket.txt").write_text(ARTICLE, encoding="utf-8")
    assert digest_on(dt.date(2030, 6, 1), inputs, tmp_path / "out", cache) == {"so-ket.txt": 2026}
    # The same output (the no-op rebuild's shortcut) and the same cache, a year when 2026 is future.
    assert digest_on(dt.date(2025, 6, 1), inputs, tmp_path / "out", cache) == {"so-ket.txt": 2023}
    assert digest_on(dt.date(2025, 6, 1), inputs, tmp_path / "fresh", tmp_path / "no-cache-yet") == {"so-ket.txt": 2023}
    # Another day of the same year needs no new work: the cached result stands.
    assert digest_on(dt.date(2030, 12, 31), inputs, tmp_path / "other", cache) == {"so-ket.txt": 2026}
    assert len(list(cache.glob("packs/*.pack"))) == 2  # one per run that prepared something: 2030, then 2025
