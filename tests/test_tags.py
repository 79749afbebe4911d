"""Tags for article pages: outlet, organisations and places (directive_digest/tags.py)."""
from hypothesis import example, given, settings
from hypothesis import strategies as st

from directive_digest.article import PARAGRAPH, Article, Block
from directive_digest.organisations import organisations, places
from directive_digest.tags import article_tags


def test_organisation_names_in_one_tone_style_without_trailing_words():
    assert organisations("Đảng ủy Sở VHTT Hà Nội sơ kết 4 năm") == ["Đảng uỷ Sở VHTT Hà Nội"]
    assert organisations("Đảng uỷ Sở VHTT Hà Nội sơ kết 4 năm") == ["Đảng uỷ Sở VHTT Hà Nội"]
    assert organisations("Đảng ủy Khối Doanh nghiệp tỉnh sơ kết") == ["Đảng uỷ Khối Doanh nghiệp tỉnh"]
    assert organisations("Đảng bộ Khối các cơ quan Trung ương: Đẩy mạnh") == \
        ["Đảng bộ Khối các cơ quan Trung ương"]


def test_a_person_or_a_document_after_the_head_is_not_part_of_the_name():
    assert organisations("đồng chí Bí thư Tỉnh ủy Nguyễn Xuân Sơn phát biểu") == []
    assert organisations("Đảng ủy Quân khu 4 tổng kết Chỉ thị 05") == ["Đảng uỷ Quân khu 4"]


def test_places_are_provinces_and_ho_chi_minh_only_as_a_city():
    assert places("Hội nghị tại Hà Tĩnh và Nghệ An") == ["Hà Tĩnh", "Nghệ An"]
    assert places("học tập tư tưởng Hồ Chí Minh") == []
    assert places("Thành phố Hồ Chí Minh tổ chức") == ["TP. Hồ Chí Minh"]
    assert places("Tỉnh Hòa Bình") == ["Hoà Bình"]  # one tone-mark style


def test_article_tags_outlet_first_then_lead_organisations_and_places():
    a = Article(source="x.txt", text="", title="Đảng ủy Sở VHTT Hà Nội sơ kết", outlet="Báo Hànộimới",
                blocks=[Block(PARAGRAPH, "Sáng 3/5, tại Hà Nội, Đảng ủy Sở tổ chức hội nghị.")])
    assert article_tags(a) == ["Báo Hànộimới", "Đảng uỷ Sở VHTT Hà Nội", "Hà Nội"]


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from(["Hà", "Nam", "Định", "Hà Nam", "Nam Định", "Ninh Bình", "Bà Rịa - Vũng Tàu",
                                       "TP.", "Thành phố", "Hồ Chí Minh", "xHà Nam", "Hà Namx", "Huế", "Thừa Thiên",
                                       ",", "-", "\n", "Đắk Lắk", "Khánh Hòa", "Thanh Hoá"]), max_size=12),
       sep=st.sampled_from([" ", "", "  "]))
@example(parts=["Hà", "Nam", "Định"], sep=" ")
def test_places_are_every_province_named_as_a_whole_word(parts, sep):
    import re

    from directive_digest.organisations import _HCM, PROVINCES, canonical

    text = canonical(sep.join(parts))
    everywhere = re.compile("(?=(?<!\\w)(" + "|".join(map(re.escape, PROVINCES)) + ")(?!\\w))")
    expected = set(everywhere.findall(text)) | ({"TP. Hồ Chí Minh"} if _HCM.search(text) else set())
    assert places(sep.join(parts)) == sorted(expected)
