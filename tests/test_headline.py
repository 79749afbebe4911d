"""The headline in a whole-page dump: site names, menus and labels above it are not it."""
from directive_digest.article import Article
from directive_digest.clean import clean
from directive_digest.headline import is_menu, is_site_name
from directive_digest.lexicon import load_lexicon

LEAD = ("Sáng 18/5, Ban Thường vụ Thành Đoàn tổ chức tuyên dương 130 thanh niên tiêu biểu trong học tập và làm "
        "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2020 với nhiều gương sáng.")


def test_menus_and_site_names():
    lexicon = load_lexicon()
    for line in ["Trang chủ | Chính trị - Xây dựng Đảng | Kinh tế | Văn hóa - Xã hội | Thế giới",
                 "Thời sự   Chính trị   Kinh tế   Xã hội   Pháp luật",
                 "Trang chủ / Chính trị / Bảo vệ nền tảng tư tưởng của Đảng", "Tin tức - Sự kiện  >  Tin địa phương"]:
        assert is_menu(line, lexicon), line
    for line in ["BÁO TUYÊN QUANG ĐIỆN TỬ", "Cổng thông tin điện tử", "Cơ quan của Ủy ban Dân tộc",
                 "Báo Kon Tum điện tử", "QUÂN KHU 7 ONLINE", "THÀNH ĐOÀN THÀNH PHỐ HỒ CHÍ MINH"]:
        assert is_site_name(line, lexicon), line
    for headline in ["Nêu gương - giải pháp then chốt trong thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị",
                     "Báo cáo viên Tỉnh ủy quán triệt Kết luận 01 tại huyện Nam Đàn"]:
        assert not is_menu(headline, lexicon) and not is_site_name(headline, lexicon)


def test_headline_under_a_whole_page_header():
    page = ("THÀNH ĐOÀN THÀNH PHỐ HỒ CHÍ MINH\nCổng thông tin điện tử\n"
            "Giới thiệu   Tin tức   Văn bản   Phong trào   Liên hệ\nTrang chủ > Tin tức > Tin Đoàn - Hội - Đội\n\n"
            "Tuyên dương 130 thanh niên tiêu biểu học tập và làm theo lời Bác\n\nLượt xem: 824\n\n"
            f"{LEAD}\n\nMINH THƯ\nTheo thanhnien.vn\n\nChia sẻ: [f] [Zalo]    [In trang]\n\nTin cùng chuyên mục:\n"
            "+ Ra mắt Câu lạc bộ Lý luận trẻ\n\nBAN TUYÊN GIÁO THÀNH ĐOÀN\nĐịa chỉ: Số 1 Phạm Ngọc Thạch")
    a = clean(Article(source="x.txt", text=page))
    assert a.title == "Tuyên dương 130 thanh niên tiêu biểu học tập và làm theo lời Bác"
    assert (a.author, a.source_line, a.outlet) == ("MINH THƯ", "Theo thanhnien.vn", "thanhnien.vn")
    assert [b.text for b in a.blocks] == [LEAD]


def test_byline_with_degree_over_affiliation_at_the_end():
    a = clean(Article(source="x.txt", text=f"Nêu gương từ những việc cụ thể ở Bắc Ninh\n\n{LEAD}\n\n"
                                            "ThS. LÊ THỊ HỒNG VÂN\nTrường Chính trị Nguyễn Văn Cừ, tỉnh Bắc Ninh"))
    assert a.author == "LÊ THỊ HỒNG VÂN"
    assert [b.text for b in a.blocks] == [LEAD]


def test_generic_credits_are_not_authors():
    for credit in ("Nhóm PV", "PV"):
        a = clean(Article(source="x.txt", text=f"Nêu gương từ những việc cụ thể ở Bắc Ninh\n\n{LEAD}\n\n{credit}"))
        assert a.author is None


def test_site_date_above_the_headline_yields_to_the_articles_own():
    page = ("Báo Quảng Ninh điện tử\nThứ Ba, 05/03/2024\nTrang chủ | Thời sự | Chính trị | Kinh tế\n\n"
            f"Tiên Yên: Một năm thực hiện Chỉ thị 05-CT/TW, nhiều chuyển biến\n\nCập nhật: 09:12, 19/05/2017\n\n{LEAD}")
    assert clean(Article(source="x.txt", text=page)).dateline == "Cập nhật: 09:12, 19/05/2017"
    page = f"Báo Hải Dương\nChính trị\n\nVăn Bằng\n02/02/2015 14:05\n\nTrao Huy hiệu 70 năm tuổi Đảng cho 5 đảng viên\n\n{LEAD}"
    a = clean(Article(source="x.txt", text=page))
    assert (a.title, a.author, a.dateline) == ("Trao Huy hiệu 70 năm tuổi Đảng cho 5 đảng viên", "Văn Bằng",
                                               "02/02/2015 14:05")
