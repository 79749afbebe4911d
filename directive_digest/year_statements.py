"""Evidence of the year from years stated ("Năm 2020, …", "6 tháng đầu năm 2019", a year in the
headline) and periods reviewed ("giai đoạn 2021 - 2024"): the latest of each names the year,
earlier ones bound it from below; a five-year plan, a school year or a term of office only
bounds it.
"""
from __future__ import annotations

import re

from .year_basis import W_BOUND, W_PERIOD, W_STATEMENT, Evidence, Layout, matches

# "Năm 2020, …", "Trong năm 2023, …", "6 tháng đầu năm 2019", "tính đến hết năm 2022".
STATEMENT_YEAR = re.compile(
    r"(?:(?:^|(?<=[.;!?:]\s)|(?<=\n))(?:trong\s+|riêng\s+|cuối\s+|đầu\s+)?năm\s+(?P<a>(?:19|20)\d\d)\s*,"
    r"|(?:\d+\s+tháng\s+(?:đầu|cuối)|quý\s+[ivx1-4]+|trong|hết|cuối|chuyên\s+đề(?:\s+hằng|\s+hàng)?)\s+năm\s+"
    r"(?P<b>(?:19|20)\d\d)(?!\s*[-–]))"
)
# "giai đoạn 2021 - 2024", "từ năm 2016-2021", "Từ năm 2021 đến năm 2024".
PERIOD = re.compile(
    r"(?P<pre>giai\s+đoạn|từ\s+năm|từ|nhiệm\s+kỳ|trong\s+)?\s*(?P<a>(?:19|20)\d\d)\s*"
    r"(?:[-–—]|đến(?:\s+năm)?)\s*(?P<b>(?:19|20)\d\d)(?!\d)"
)
_TITLE_YEAR = re.compile(r"(?<!\w)năm\s+(?P<y>(?:19|20)\d\d)(?![\d\-–/])")
_FUTURE = re.compile(r"(?:phấn\s+đấu|mục\s+tiêu|đến|tới|dự\s+kiến|kế\s+hoạch|tầm\s+nhìn)\s+(?:\S+\s+){0,2}$")
# Before "năm học 2019-2020": the school year as it starts.
_NEW_SCHOOL_YEAR = re.compile(r"(?:khai\s+giảng|tựu\s+trường|đến\s+trường|chuẩn\s+bị\s+cho)\s+(?:\S+\s+){0,2}năm\s+học\s+$")
# What each match of STATEMENT_YEAR and PERIOD ends with, found fast, and the characters that can
# stand in a match before it: see ``year_basis.matches``.
STATEMENT_END = re.compile(r"năm\s+(?:19|20)\d\d")
STATEMENT_HEAD = frozenset("trong riêng cuối đầu tháng quý ivx hết chuyên đề hằng hàng")
PERIOD_END = re.compile(r"(?:19|20)\d\d\s*(?:[-–—]|đến(?:\s+năm)?)\s*(?:19|20)\d\d(?!\d)")  # a match by itself
PERIOD_HEAD = frozenset("giai đoạn từ năm nhiệm kỳ trong")


def statements(text: str, key: str, layout: Layout, excluded: list[tuple[int, int]]) -> list[Evidence]:
    """The latest year the text speaks of as present or past ("Năm 2020, …") and the end of the
    latest period it reviews ("giai đoạn 2021 - 2024"): the article is of that year or later.
    Earlier ones bound the year from below."""
    found: list[Evidence] = []
    if "năm" in key:
        for m in matches(STATEMENT_YEAR, STATEMENT_END, STATEMENT_HEAD, key):
            group = "a" if m.group("a") else "b"
            if any(s <= m.start(group) < e for s, e in excluded) or _FUTURE.search(key[max(0, m.start() - 30):m.start()]):
                continue
            year = int(m.group(group))
            found.append(Evidence("statement", year, year, None, W_STATEMENT * layout.place(m.start()),
                                  text[m.start():m.end()].strip(" ,"), m.start()))
    title_end = layout.starts[1] if len(layout.starts) > 1 else len(key)
    for m in _TITLE_YEAR.finditer(key, 0, title_end):  # "Tăng trưởng GDP năm 2018 đạt 7,08%"
        if not _FUTURE.search(key[max(0, m.start() - 30):m.start()]) and \
                not any(e.start == m.start() for e in found):
            year = int(m.group("y"))
            found.append(Evidence("statement", year, year, None, W_STATEMENT, text[m.start():m.end()], m.start()))
    for m in matches(PERIOD, PERIOD_END, PERIOD_HEAD, key):
        if (m.group("pre") or "").startswith("nhiệm") or _FUTURE.search(key[max(0, m.start() - 30):m.start()]):
            continue  # a term of office or a plan names its planned end, not the present
        a, b = int(m.group("a")), int(m.group("b"))
        if not a < b <= a + 15:
            continue
        written = text[m.start():m.end()].strip()
        school = key.endswith(("năm học ", "niên khoá "), 0, m.start("a"))
        if school and b == a + 1 and (_NEW_SCHOOL_YEAR.search(key[max(0, m.start("a") - 40):m.start("a")]) or
                                      "năm học mới" in key):
            # The school year starting: "trước thềm năm học mới", "học sinh đến trường năm học 2019-2020".
            found.append(Evidence("statement", a, a, a, W_STATEMENT * layout.place(m.start()), written, m.start()))
        elif b == a + 4 and a % 5 == 1 or school:
            # A five-year plan's period (2016-2020, 2021-2025) is named before and during it, a
            # school year (năm học 2019-2020) at its start: they bound the year only.
            found.append(Evidence("bound", None, a - 1, None, W_BOUND / 2, written, m.start()))
        else:
            found.append(Evidence("period", b, b, None, W_PERIOD * layout.place(m.start()), written, m.start()))
    latest: dict[str, Evidence] = {}
    for e in found:
        if e.point is not None and (e.kind not in latest or (e.point, e.weight) > (latest[e.kind].point,
                                                                                  latest[e.kind].weight)):
            latest[e.kind] = e
    return [e if e.point is None or latest[e.kind] is e else
            Evidence("bound", None, e.point, None, W_BOUND / 2, e.text, e.start) for e in found]
