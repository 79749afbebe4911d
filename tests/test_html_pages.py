"""Whole saved HTML pages: the headline, the date line, the lead, the body and the credits as a
reader of the page sees them.

The pages are this repository's own fixtures (tests/data/pages/README.md): hand-written pages in
the shape of the site families met in saved pages (a SharePoint portal CMS, a newspaper template
re-used by another site, a newspaper's desktop and mobile pages, a Laravel Blade view), with new
text. Where trafilatura alone gets a part wrong, the test says what it gives, so that the contrast
is checked too. The same checks on the saved pages they model run locally:
``python benchmarks/fetched_pages.py DIR``."""
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from directive_digest.build import understand
from directive_digest.readers import InputError, read_file
from directive_digest.readers.html import EXTRACTOR_OPTIONS, extract_html
from directive_digest.registry import load_registry

PAGES = ROOT / "tests" / "data" / "pages"

PORTAL = "sharepoint-portal-so-ket-chi-thi-05.html"
PORTAL_HEADLINE = "Huyện ủy Ea Rơng sơ kết 3 năm thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị"
TEMPLATE = "newspaper-template-meta-bao-khac.html"
NEWSPAPER_HEADLINE = "Cán bộ chủ chốt phải đi đầu thực hiện Quy định 08 về trách nhiệm nêu gương"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def trafilatura_alone(html: bytes):
    from trafilatura import bare_extraction

    return bare_extraction(html, **EXTRACTOR_OPTIONS)


def understood(name: str):
    article = read_file(PAGES / name, PAGES)[0]
    return understand(article, load_registry())


def body(article) -> str:
    return "\n".join(b.text for b in article.blocks)


def test_every_fixture_says_which_family_it_models():
    names = sorted(p.name for p in PAGES.glob("*.html"))
    assert len(names) >= 9
    readme = (PAGES / "README.md").read_text(encoding="utf-8")
    for name in names:
        head = page(name).decode("utf-8")[:1500]
        assert "Fixture written for this repository" in head and "Family:" in head, name
        assert f"`{name}`" in readme, name


def test_portal_page_headline_above_the_text_not_the_site_name():
    html = page(PORTAL)
    assert trafilatura_alone(html).title == "Home"  # what trafilatura alone gives: the site's <h1>
    text, given = extract_html(html)
    assert given["title"] == PORTAL_HEADLINE  # <p class="Title"> above the text
    assert given["outlet"] == "Trang thông tin điện tử Huyện Ea Rơng"  # the site's name, from its <title>
    assert text.splitlines()[0] == given["title"]


def test_portal_page_keeps_the_lead_the_extractor_left_out():
    lead = "Sáng ngày 12/6, Ban Thường vụ Huyện ủy Ea Rơng tổ chức Hội nghị sơ kết 3 năm thực hiện Chỉ thị 05-CT/TW"
    assert lead not in trafilatura_alone(page(PORTAL)).text
    article = understood(PORTAL)
    assert article.blocks[0].text.startswith(lead)
    assert (article.directive, article.year) == ("05-CT/TW", 2019)


def test_portal_page_date_line_by_the_headline():
    html = page(PORTAL)
    assert trafilatura_alone(html).date == "2019-06-20"  # another article's, from the list under the text
    assert extract_html(html)[1]["date"] == "2019-06-14"  # <td class="Time">14/06/2019</td> by the headline


def test_portal_page_date_shared_by_listed_articles_is_not_its_date():
    html = page("sharepoint-portal-doan-kiem-tra-tem-ngay-xuat.html")
    assert html.decode("utf-8").count("(30/07/2019)") >= 3  # the site export's stamp on listed articles
    assert '<td style="TEXT-ALIGN: right; FONT-WEIGHT: normal" class="Time" valign="top" align="right">30/07/2019' \
        in html.decode("utf-8")  # ... and in the date cell by the headline
    text, given = extract_html(html)
    assert given["title"] == "Đoàn kiểm tra của Ban Thường vụ Tỉnh ủy làm việc với Huyện ủy Ea Rơng"
    assert "date" not in given and "30/07/2019" not in text
    article = understood("sharepoint-portal-doan-kiem-tra-tem-ngay-xuat.html")
    assert article.date is None and article.date_source != "dateline"


def test_portal_page_body_without_menus_lists_sidebars_and_footer():
    article = understood(PORTAL)
    text = body(article)
    assert "Phạm Văn Toàn" in text and "tặng Giấy khen cho 12 tập thể" in text
    for chrome in ("TIN ĐÃ ĐƯA", "Văn bản mới", "Kế hoạch số 125/KH-UBND", "Liên kết Website", "SỐ LƯỢT TRUY CẬP",
                   "Home", "Trang chủ", "Giấy phép số", "Xem chi tiết", "Ea Rơng ra quân hưởng ứng", "Đăng nhập"):
        assert chrome not in text, chrome


def test_page_where_the_extractor_finds_nothing():
    html = page("sharepoint-portal-mo-hinh-bang-khong-van-ban.html")
    assert trafilatura_alone(html) is None  # the text is in a layout table
    text, given = extract_html(html)
    assert given["title"] == "Các mô hình học tập và làm theo Bác tiêu biểu của huyện Ea Rơng"
    assert "Tủ sách pháp luật ở thôn, buôn" in text and "100% đảng viên tham gia tổ tự quản an ninh" in text
    assert "Giấy phép số" not in text and "SỐ LƯỢT TRUY CẬP" not in text


@pytest.mark.parametrize("name", ["sharepoint-portal-than-bai-nap-bang-script.html",
                                  "newspaper-template-bai-mau-khong-noi-dung.html"])
def test_page_with_a_headline_and_no_text_is_refused(name):
    with pytest.raises(InputError, match="no article text"):
        understood(name)


def test_refused_page_is_reported_and_the_others_build(tmp_path):
    """Through the CLI: the empty page is named with its reason, the rest of the folder builds."""
    inputs = tmp_path / "pages"
    inputs.mkdir()
    for name in (PORTAL, "sharepoint-portal-than-bai-nap-bang-script.html"):
        shutil.copyfile(PAGES / name, inputs / name)
    report = tmp_path / "report.json"
    result = subprocess.run([sys.executable, str(ROOT / "build_digest.py"), "--input", str(inputs), "--output",
                             str(tmp_path / "content"), "--report", str(report), "-q"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    problems = json.loads(report.read_text(encoding="utf-8"))["problems"]
    assert [(p["source"], "no article text" in p["reason"]) for p in problems] == \
        [("sharepoint-portal-than-bai-nap-bang-script.html", True)]
    built = list((tmp_path / "content").glob("*/*/*.md"))
    assert [p.parent.parent.name for p in built if p.name != "index.md"] == ["chi-thi-05-ct-tw"]


def test_newspaper_template_whose_meta_names_another_paper():
    html = page(TEMPLATE)
    assert b'og:title" content="The Harbor Herald"' in html
    alone = trafilatura_alone(html)
    assert (alone.title, alone.sitename) == ("The Harbor Herald", "HarborHerald.com")  # the template's paper
    text, given = extract_html(html)
    assert given["title"] == "Bí thư Thành ủy: Kinh tế tư nhân phải thật sự là động lực quan trọng"  # the <h1>
    assert given["date"] == "2017-09-21"  # <time itemprop="datePublished">thứ năm, 21 09 2017 10:15</time>
    article = understood(TEMPLATE)
    assert (article.outlet, article.source_line) == ("TTO", "Theo TTO")
    assert article.author is None  # "Mark Ellison" is the template's photo credit; the byline link is empty
    assert article.blocks[0].text.startswith("Kinh tế tư nhân chỉ trở thành động lực quan trọng")  # the lead
    assert "Thomas Reed" not in body(article) and "Khởi công cầu vượt" not in body(article)


@pytest.mark.parametrize("name, outlet", [("newspaper-desktop-quy-dinh-08-neu-guong.html", "Tin tức thời sự - Báo Bình Minh"),
                                          ("newspaper-mobile-quy-dinh-08-neu-guong.html", "Bình Minh Online")])
def test_newspaper_page_headline_date_and_site(name, outlet):
    text, given = extract_html(page(name))
    assert given["title"] == NEWSPAPER_HEADLINE  # the <h1>, not og:title's "… - Chính trị - Xã hội - Bình Minh Online"
    assert given["date"] == "2018-11-05"  # not the header's clock on the desktop page
    assert given["outlet"] == outlet  # og:site_name; the mobile page has none: the site part of its <title>


@pytest.mark.parametrize("name", ["newspaper-desktop-quy-dinh-08-neu-guong.html",
                                  "newspaper-mobile-quy-dinh-08-neu-guong.html"])
def test_newspaper_byline_under_the_text(name):
    assert "THANH HÀ" not in trafilatura_alone(page(name)).text  # what trafilatura alone leaves out
    article = understood(name)
    assert article.author == "THANH HÀ"
    assert (article.directive, article.year) == ("08-QĐi/TW", 2018)
    text = body(article)
    assert article.blocks[0].text.startswith("Trao đổi với Bình Minh")  # the lead, without its "BM - " mark
    for chrome in ("Từ khóa", "Bình Luận", "Tin liên quan", "Tin đọc nhiều", "Ban hành quy định về",
                   "Vui lòng nhập", "Bản quyền"):
        assert chrome not in text, chrome


def test_desktop_keyword_links_are_left_out_where_trafilatura_keeps_them():
    name = "newspaper-desktop-quy-dinh-08-neu-guong.html"
    assert trafilatura_alone(page(name)).text.endswith("- Từ khóa\n- nêu gương\n- Quy định 08\n- cán bộ chủ chốt")
    text, _given = extract_html(page(name))
    assert text.splitlines()[-1] == "THANH HÀ"


def test_template_fragment_is_read_as_a_page():
    """A Laravel Blade view: directive lines and template echoes, no <html> or <body>."""
    name = "laravel-blade-hoi-thao-nghi-quyet.html"
    html = page(name)
    assert len(re.findall(rb"^[ \t]*@\w+", html, re.MULTILINE)) >= 8 and b"<body" not in html
    assert b"{{ $item->title }}" in html
    text, given = extract_html(html)
    assert given["title"] == "Hội thảo khoa học về nâng cao chất lượng học tập, quán triệt nghị quyết của Đảng"
    assert given["date"] == "2023-03-16"
    for template in ("@extends", "@section", "@include", "@foreach", "@endsection", "{{", "$item"):
        assert template not in text, template
    assert "Các tham luận chỉ ra rằng ở nhiều chi bộ" in text and "Tin mới" not in text
    article = understood(name)
    assert article.author == "Mai Anh"
    assert article.blocks[0].text.startswith("Ngày 15/3/2023, Trường Chính trị tỉnh Lâm Nguyên")


def test_fragment_cut_from_a_whole_page_keeps_its_headline():
    """The news web part alone, as a template of the portal would hold it."""
    whole = page(PORTAL).decode("utf-8")
    start, end = whole.index('<div id="part1"'), whole.index('class="OtherTitle"')
    fragment = "@extends('layouts.master')\n@section('content')\n<div>" + whole[start:end] + "</div>\n@endsection\n"
    text, given = extract_html(fragment.encode("utf-8"))
    assert given["title"] == PORTAL_HEADLINE
    assert "@extends" not in text and "@section" not in text
    assert "Ban Thường vụ Huyện ủy tặng Giấy khen cho 12 tập thể" in text


def test_local_check_of_the_saved_pages_runs_on_what_it_is_given(tmp_path):
    """benchmarks/fetched_pages.py (the saved pages are not in CI): a folder without them checks
    nothing and says so; a page that is not the listed one is named and its checks fail."""
    script = [sys.executable, str(ROOT / "benchmarks" / "fetched_pages.py")]
    empty = subprocess.run(script + [str(tmp_path)], capture_output=True, text=True)
    assert empty.returncode == 1 and "0 passed, 0 failed, 11 skipped" in empty.stdout
    shutil.copyfile(PAGES / PORTAL, tmp_path / "sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html")
    wrong = subprocess.run(script + [str(tmp_path)], capture_output=True, text=True)
    assert wrong.returncode == 1
    assert "sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html: SHA-256 differs from the list" in wrong.stdout
    assert "FAIL portal_headline_above_the_text_not_the_site_name" in wrong.stdout
