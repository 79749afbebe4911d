"""Whole saved HTML pages (tests/data/pages/README.md gives their sources): the headline, the date
line, the lead, the body and the credits as a reader of the page sees them.

The pages are public repositories' files, kept in the shared corpus (``$DIGEST_SHARED/corpus/html-pages``),
not in this repository."""
import pytest

from conftest import SHARED, need
from directive_digest.build import understand
from directive_digest.readers import InputError, read_file
from directive_digest.readers.html import EXTRACTOR_OPTIONS, extract_html
from directive_digest.registry import load_registry

PAGES = SHARED / "corpus" / "html-pages"


def page(name: str) -> bytes:
    need((PAGES / name).is_file(), f"the saved page {name} is not in {PAGES} (tests/data/pages/README.md)")
    return (PAGES / name).read_bytes()


def trafilatura_alone(html: bytes):
    from trafilatura import bare_extraction

    return bare_extraction(html, **EXTRACTOR_OPTIONS)


def understood(name: str):
    page(name)
    article = read_file(PAGES / name, PAGES)[0]
    return understand(article, load_registry())


def test_portal_page_headline_above_the_text_not_the_site_name():
    html = page("sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html")
    assert trafilatura_alone(html).title == "Home"  # what trafilatura alone gives: the site's <h1>
    text, given = extract_html(html)
    assert given["title"] == "Đồng chí Hà Trung Ký giữ chức Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy nhiệm kỳ 2015 2020"
    assert given["outlet"] == "Trang thông tin điện tử Huyện Krông Nô"  # the site's name, from its <title>
    assert text.splitlines()[0] == given["title"]


def test_portal_page_keeps_the_lead_the_extractor_left_out():
    lead = "Ngày 28/5, Ban Thường vụ Tỉnh ủy đã tổ chức Lễ công bố và trao Quyết định của Ban Bí thư"
    html = page("sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html")
    assert lead not in trafilatura_alone(html).text
    article = understood("sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html")
    assert article.blocks[0].text.startswith(lead)


def test_portal_page_date_line_by_the_headline():
    html = page("sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html")
    assert trafilatura_alone(html).date == "2019-06-11"  # another article's, from the list under the text
    assert extract_html(html)[1]["date"] == "2019-05-30"  # <td class="Time">30/05/2019</td> by the headline


def test_portal_page_date_shared_by_listed_articles_is_not_its_date():
    html = page("sharepoint-krongno-doan-cong-tac-quoc-hoi.html")
    assert html.decode("utf-8").count("(30/07/2019)") >= 3  # the site export's stamp on every listed article
    text, given = extract_html(html)
    assert given["title"] == "Đoàn công tác Ủy ban Pháp luật của Quốc hội làm việc tại tỉnh Đắk Nông"
    assert "date" not in given and "30/07/2019" not in text


def test_portal_page_body_without_lists_and_sidebars():
    article = understood("sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html")
    body = "\n".join(b.text for b in article.blocks)
    assert "Hà Trung Ký" in body
    for chrome in ("TIN ĐÃ ĐƯA", "Liên kết Website", "SỐ LƯỢT TRUY CẬP", "Home", "Trang chủ"):
        assert chrome not in body


def test_page_where_the_extractor_finds_nothing():
    html = page("sharepoint-krongno-dac-san.html")
    assert trafilatura_alone(html) is None
    text, given = extract_html(html)
    assert given["title"] == "Các sản phẩm đặc sản của huyện Krông Nô"
    assert "VietGAP" in text and "Giấy phép số" not in text


@pytest.mark.parametrize("name", ["sharepoint-pbgdpl-ke-hoach-khong-noi-dung.html", "baophuongdong-bai-viet-mau.html"])
def test_page_with_a_headline_and_no_text_is_refused(name):
    with pytest.raises(InputError, match="no article text|no article text under it|headline with no article text"):
        understood(name)


def test_newspaper_template_whose_meta_names_another_paper():
    html = page("baophuongdong-hop-tac-cong-tu.html")
    assert b'og:title" content="The Boston Globe"' in html
    text, given = extract_html(html)
    assert given["title"] == "Bí thư Thành ủy TP.HCM: Hợp tác công tư phải là chủ đạo"
    assert given["date"] == "2017-08-16"  # <time itemprop="datePublished">thứ tư, 16 08 2017 10:08</time>
    article = understood("baophuongdong-hop-tac-cong-tu.html")
    assert (article.outlet, article.source_line) == ("TTO", "Theo TTO")
    assert article.author is None  # "Win McNamee" is the template's photo credit
    assert article.blocks[0].text.startswith("Trong bối cảnh hiện nay, hợp tác công tư")  # the lead


@pytest.mark.parametrize("name", ["tuoitre-thanh-tra-chat-cay-xanh.html", "tuoitre-thanh-tra-chat-cay-xanh-mobile.html"])
def test_newspaper_page_headline_date_and_site(name):
    text, given = extract_html(page(name))
    assert given["title"] == "Thanh tra vụ chặt cây xanh Hà Nội trong 30 ngày"
    assert given["date"] == "2015-03-23"
    assert "Tuổi Trẻ" in given["outlet"]  # og:site_name: "Tin tức thời sự - Báo Tuổi Trẻ", "Tuổi Trẻ Online"


def test_newspaper_byline_under_the_text():
    article = understood("tuoitre-thanh-tra-chat-cay-xanh.html")
    assert article.author == "XUÂN LONG"
    body = "\n".join(b.text for b in article.blocks)
    assert "Từ khóa" not in body and "Bình Luận" not in body


def test_template_fragment_is_read_as_a_page():
    """A page saved from a site's templates: directive lines, no <html> or <body>."""
    whole = page("sharepoint-krongno-chu-nhiem-uy-ban-kiem-tra.html").decode("utf-8")
    start, end = whole.index('<div id="part1"'), whole.index('class="OtherTitle"')
    fragment = "@extends('layouts.master')\n@section('content')\n<div>" + whole[start:end] + "</div>\n@endsection\n"
    text, given = extract_html(fragment.encode("utf-8"))
    assert given["title"] == "Đồng chí Hà Trung Ký giữ chức Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy nhiệm kỳ 2015 2020"
    assert "@extends" not in text and "@section" not in text
    assert "Ban Bí thư Trung ương Đảng" in text
