"""Dates in Vietnamese press text: ``datelines`` (ours) against dateparser's ``search_dates``.

    python -m benchmarks.dates [DIR]        # default: ../shared/corpus/real

dateparser comes with trafilatura (htmldate). This prints, on the phrases issue #15 names and on
every text file of DIR: how many full dates each finds, which ones it misses, and CPU per article.
The dating stage needs each date's position (what stands before it: "trước ngày", "Chiều ngày",
a document's number) and day/month dates with no year ("Sáng 17-1"), which ``search_dates``
does not give in a form it can weigh.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from directive_digest.datelines import find_full_dates

PHRASES = ["Chiều ngày 15/01/2019, Đảng ủy tổ chức hội nghị.", "Ngày 25 tháng 9 năm 2023, Ban Thường vụ họp.",
           "từ tháng 3/2017 đến nay", "Kỷ niệm 70 năm (16/10/1948 - 16/10/2018)", "Sáng 17-1, Bộ Công Thương họp.",
           "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"]


def main(argv: list[str]) -> int:
    from dateparser.search import search_dates

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    print("phrase | datelines | dateparser")
    for phrase in PHRASES:
        ours = [m.date.isoformat() for m in find_full_dates(phrase)]
        theirs = [d.date().isoformat() for _, d in (search_dates(phrase, languages=["vi"], settings=settings) or [])]
        print(f"{phrase!r} | {ours} | {theirs}")
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.txt"))]
    for name, find in [("datelines", lambda t: [m.date for m in find_full_dates(t)]),
                       ("dateparser", lambda t: [d.date() for _, d in (search_dates(t, languages=["vi"],
                                                                                    settings=settings) or [])])]:
        start = time.process_time()
        found = sum(len(find(t)) for t in texts)
        spent = time.process_time() - start
        print(f"{name}: {found} dates in {len(texts)} articles, {1000 * spent / len(texts):.2f} ms CPU per article")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
