"""Local check: the HTML rules on whole pages saved from public repositories.

    .venv/bin/python benchmarks/fetched_pages.py DIR

DIR holds the saved pages that tests/data/pages/README.md lists (sources, how to bring them back,
SHA-256). They are not committed and CI does not have them, so this is not part of pytest: the
tests run on our own fixtures in the same shapes. These are the checks tests/test_html_pages.py
made on the saved pages before the fixtures replaced them, including what trafilatura alone
gives. Each check prints PASS, FAIL (with what was found) or SKIP (a page is absent); a page whose
SHA-256 differs from the list is named. Exit status: 0 when checks ran and none failed, 1 when
a check failed or none could run, 2 when DIR is not a folder.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import traceback
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directive_digest.readers import InputError, read_file  # noqa: E402
from directive_digest.readers.html import EXTRACTOR_OPTIONS, extract_html  # noqa: E402
from directive_digest.registry import load_registry  # noqa: E402
from directive_digest.stages import understand  # noqa: E402

README = ROOT / "tests" / "data" / "pages" / "README.md"
_SUM_LINE = re.compile(r"^([0-9a-f]{64})  (\S+\.html)$", re.MULTILINE)

PORTAL = "sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html"
PORTAL_HEADLINE = "Đồng chí Hà Trung Ký giữ chức Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy nhiệm kỳ 2015 2020"
TEMPLATE = "baophuongdong-hop-tac-cong-tu.html"
DESKTOP, MOBILE = "tuoitre-thanh-tra-chat-cay-xanh.html", "tuoitre-thanh-tra-chat-cay-xanh-mobile.html"

CHECKS: list[tuple[str, tuple[str, ...], Callable[[Path], None]]] = []


def check(*files: str):
    """Register a check that needs ``files`` in the pages folder."""
    def register(fn: Callable[[Path], None]) -> Callable[[Path], None]:
        CHECKS.append((fn.__name__, files, fn))
        return fn
    return register


def expected_sums() -> dict[str, str]:
    """{file: sha256} as listed in tests/data/pages/README.md."""
    return {name: digest for digest, name in _SUM_LINE.findall(README.read_text(encoding="utf-8"))}


def trafilatura_alone(html: bytes):
    from trafilatura import bare_extraction

    return bare_extraction(html, **EXTRACTOR_OPTIONS)


def understood(pages: Path, name: str):
    return understand(read_file(pages / name, pages)[0], load_registry())


@check(PORTAL)
def portal_headline_above_the_text_not_the_site_name(pages: Path) -> None:
    html = (pages / PORTAL).read_bytes()
    assert trafilatura_alone(html).title == "Home", "trafilatura alone: the site's <h1>"
    text, given = extract_html(html)
    assert given["title"] == PORTAL_HEADLINE, given.get("title")
    assert given["outlet"] == "Trang thông tin điện tử Huyện Krông Nô", given.get("outlet")
    assert text.splitlines()[0] == given["title"]


@check(PORTAL)
def portal_lead_the_extractor_left_out(pages: Path) -> None:
    lead = "Ngày 28/5, Ban Thường vụ Tỉnh ủy đã tổ chức Lễ công bố và trao Quyết định của Ban Bí thư"
    assert lead not in trafilatura_alone((pages / PORTAL).read_bytes()).text
    first = understood(pages, PORTAL).blocks[0].text
    assert first.startswith(lead), first[:100]


@check(PORTAL)
def portal_date_line_by_the_headline(pages: Path) -> None:
    html = (pages / PORTAL).read_bytes()
    assert trafilatura_alone(html).date == "2019-06-11", "trafilatura alone: a listed article's date"
    assert extract_html(html)[1].get("date") == "2019-05-30"


@check("sharepoint-krongno-doan-cong-tac-quoc-hoi.html")
def portal_date_shared_by_listed_articles(pages: Path) -> None:
    html = (pages / "sharepoint-krongno-doan-cong-tac-quoc-hoi.html").read_bytes()
    assert html.decode("utf-8").count("(30/07/2019)") >= 3
    text, given = extract_html(html)
    assert given["title"] == "Đoàn công tác Ủy ban Pháp luật của Quốc hội làm việc tại tỉnh Đắk Nông", given.get("title")
    assert "date" not in given and "30/07/2019" not in text, given.get("date")


@check(PORTAL)
def portal_body_without_lists_and_sidebars(pages: Path) -> None:
    body = "\n".join(b.text for b in understood(pages, PORTAL).blocks)
    assert "Hà Trung Ký" in body
    for chrome in ("TIN ĐÃ ĐƯA", "Liên kết Website", "SỐ LƯỢT TRUY CẬP", "Home", "Trang chủ"):
        assert chrome not in body, chrome


@check("sharepoint-krongno-dac-san.html")
def page_where_the_extractor_finds_nothing(pages: Path) -> None:
    html = (pages / "sharepoint-krongno-dac-san.html").read_bytes()
    assert trafilatura_alone(html) is None
    text, given = extract_html(html)
    assert given["title"] == "Các sản phẩm đặc sản của huyện Krông Nô", given.get("title")
    assert "VietGAP" in text and "Giấy phép số" not in text


@check("sharepoint-pbgdpl-ke-hoach-khong-noi-dung.html", "baophuongdong-bai-viet-mau.html")
def pages_with_a_headline_and_no_text_are_refused(pages: Path) -> None:
    for name in ("sharepoint-pbgdpl-ke-hoach-khong-noi-dung.html", "baophuongdong-bai-viet-mau.html"):
        try:
            understood(pages, name)
        except InputError as error:
            assert "no article text" in str(error), f"{name}: {error}"
        else:
            raise AssertionError(f"{name} was not refused")


@check(TEMPLATE)
def newspaper_template_whose_meta_names_another_paper(pages: Path) -> None:
    html = (pages / TEMPLATE).read_bytes()
    assert b'og:title" content="The Boston Globe"' in html
    _text, given = extract_html(html)
    assert given["title"] == "Bí thư Thành ủy TP.HCM: Hợp tác công tư phải là chủ đạo", given.get("title")
    assert given["date"] == "2017-08-16", given.get("date")
    article = understood(pages, TEMPLATE)
    assert (article.outlet, article.source_line) == ("TTO", "Theo TTO"), (article.outlet, article.source_line)
    assert article.author is None, article.author
    assert article.blocks[0].text.startswith("Trong bối cảnh hiện nay, hợp tác công tư"), article.blocks[0].text[:80]


@check(DESKTOP, MOBILE)
def newspaper_pages_headline_date_and_site(pages: Path) -> None:
    for name in (DESKTOP, MOBILE):
        _text, given = extract_html((pages / name).read_bytes())
        assert given["title"] == "Thanh tra vụ chặt cây xanh Hà Nội trong 30 ngày", (name, given.get("title"))
        assert given["date"] == "2015-03-23", (name, given.get("date"))
        assert "Tuổi Trẻ" in given["outlet"], (name, given.get("outlet"))


@check(DESKTOP)
def newspaper_byline_under_the_text(pages: Path) -> None:
    article = understood(pages, DESKTOP)
    assert article.author == "XUÂN LONG", article.author
    body = "\n".join(b.text for b in article.blocks)
    assert "Từ khóa" not in body and "Bình Luận" not in body


@check(PORTAL)
def template_fragment_is_read_as_a_page(pages: Path) -> None:
    whole = (pages / PORTAL).read_bytes().decode("utf-8")
    start, end = whole.index('<div id="part1"'), whole.index('class="OtherTitle"')
    fragment = "@extends('layouts.master')\n@section('content')\n<div>" + whole[start:end] + "</div>\n@endsection\n"
    text, given = extract_html(fragment.encode("utf-8"))
    assert given["title"] == PORTAL_HEADLINE, given.get("title")
    assert "@extends" not in text and "@section" not in text
    assert "Ban Bí thư Trung ương Đảng" in text


def run(pages: Path) -> dict[str, int]:
    sums = expected_sums()
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    present = [name for name in sums if (pages / name).is_file()]
    print(f"{len(present)} of {len(sums)} listed pages in {pages}")
    for name in present:
        digest = hashlib.sha256((pages / name).read_bytes()).hexdigest()
        if digest != sums[name]:
            print(f"  {name}: SHA-256 differs from the list ({digest[:12]}…): not the page the checks were written for")
    for title, files, fn in CHECKS:
        absent = [name for name in files if not (pages / name).is_file()]
        if absent:
            status, detail = "SKIP", "absent: " + ", ".join(absent)
        else:
            try:
                fn(pages)
                status, detail = "PASS", ""
            except AssertionError as error:
                status, detail = "FAIL", str(error) or traceback.format_exc(limit=1).strip().splitlines()[-1]
            except InputError as error:
                status, detail = "FAIL", f"not read: {error}"
        counts[status] += 1
        print(f"{status} {title}" + (f": {detail}" if detail else ""))
    print(f"{counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("pages", type=Path, help="folder of the saved pages (tests/data/pages/README.md)")
    args = p.parse_args(argv)
    if not args.pages.is_dir():
        print(f"error: no folder at {args.pages}", file=sys.stderr)
        return 2
    counts = run(args.pages)
    return 1 if counts["FAIL"] or not counts["PASS"] else 0


if __name__ == "__main__":
    sys.exit(main())
