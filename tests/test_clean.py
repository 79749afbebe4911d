"""Cleaning: headline, dateline, byline, source line, captions, subheadings, chrome."""
from hypothesis import example, given, settings
from hypothesis import strategies as st

from directive_digest.article import CAPTION, HEADING, PARAGRAPH, Article
from directive_digest.bylines import looks_like_name
from directive_digest.clean import clean, split_photo_credit

BODY = ("Đảng ủy Khối tổ chức hội nghị sơ kết việc thực hiện Chỉ thị 05-CT/TW với sự tham dự của "
        "đông đảo cán bộ, đảng viên trong toàn Đảng bộ và các đơn vị trực thuộc.")


def cleaned(text: str) -> Article:
    return clean(Article(source="x.txt", text=text))


def test_section_label_is_not_the_title():
    a = cleaned(f"Thời sự\n\nHội nghị sơ kết Chỉ thị 05 tại Đảng bộ Khối\n\n{BODY}")
    assert a.title == "Hội nghị sơ kết Chỉ thị 05 tại Đảng bộ Khối"
    assert a.section_label == "Thời sự"


def test_breadcrumb_above_the_title_is_dropped():
    a = cleaned(f"Trang chủ > Xây dựng Đảng\nHọc tập và làm theo Bác ở cơ sở\n{BODY}")
    assert a.title == "Học tập và làm theo Bác ở cơ sở"


def test_short_headline_is_kept():
    a = cleaned(f"Làm theo Bác\n\n{BODY}")
    assert a.title == "Làm theo Bác"


def test_dateline_forms_are_taken_out_of_the_body():
    for line in ["Thứ Sáu, 25/06/2021, 11:14 [GMT+7]", "Cập nhật: 09:15 - 10/05/2018", "15:20 | 20/05/2019",
                 "Ngày đăng: 03/11/2023", "Thứ hai, 12/4/2022 - 08:30"]:
        a = cleaned(f"Tiêu đề bài viết về Chỉ thị 05\n{line}\n{BODY}")
        assert a.dateline == line
        assert all(b.text != line for b in a.blocks)


def test_byline_source_line_and_comment_form_at_the_end():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\n{BODY}\n\nNhật Minh\n\nTheo MaskOnline\n\nTrả lời\n\n"
                "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *")
    assert (a.author, a.source_line, a.outlet) == ("Nhật Minh", "Theo MaskOnline", "MaskOnline")
    assert [b.text for b in a.blocks] == [BODY]


def test_indented_byline_with_parenthesised_source():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\n    {BODY}\n" + " " * 60 + "Vân Anh\n" + " " * 50 + "(Ban Tuyên giáo Trung ương)\n.")
    assert a.author == "Vân Anh"
    assert a.source_line == "(Ban Tuyên giáo Trung ương)"


def test_byline_with_prefix_and_two_names():
    assert cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n{BODY}\nBài, ảnh: Hoàng Long").author == "Hoàng Long"
    assert cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n{BODY}\nThu Hà - Quang Minh").author == "Thu Hà - Quang Minh"


def test_photo_credit_is_not_an_author():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n{BODY}\nCác đại biểu tham dự hội nghị. Ảnh: Phương Thúy")
    assert a.author is None
    assert a.blocks[-1] == type(a.blocks[-1])(CAPTION, "Các đại biểu tham dự hội nghị.", "Ảnh: Phương Thúy")


def test_inline_outlet_marker():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\n(Baonghean.vn) - {BODY}")
    assert a.outlet == "Baonghean.vn"
    assert a.source_line == "(Baonghean.vn)"
    assert a.blocks[0].text == BODY
    assert cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\nQĐND - {BODY}").outlet == "QĐND"


def test_repeated_caption_becomes_one_caption():
    caption = "Đảng ủy Khối trao Bằng khen cho các tập thể có thành tích trong học tập và làm theo Bác"
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n{BODY}\n \n{caption}\n{caption}\n{BODY}")
    assert [b.kind for b in a.blocks] == [PARAGRAPH, CAPTION, PARAGRAPH]


def test_subheading_versus_caption_in_its_image_slot():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\nChuyển biến nhưng chưa toàn diện\n\n{BODY}\n\n \n\n"
                " Đảng ủy Khối Các cơ quan và Doanh nghiệp tỉnh khen thưởng các cá nhân điển hình năm 2022\n\n"
                f"Đánh giá đúng thực chất\n\n{BODY}")
    assert [b.kind for b in a.blocks] == [HEADING, PARAGRAPH, CAPTION, HEADING, PARAGRAPH]


def test_trailing_site_chrome_is_cut():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\n{BODY}\n\nPhản hồi\n\nCác tin khác\n\nMột tin khác hẳn\n\nMới nhất\n\nLiên kết website")
    assert [b.text for b in a.blocks] == [BODY]


def test_share_widgets_are_dropped_anywhere():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\nChia sẻ\nIn bài\n{BODY}\nZalo")
    assert [b.text for b in a.blocks] == [BODY]


def test_names_and_credits():
    assert looks_like_name("Vân Anh") and looks_like_name("H.T") and looks_like_name("HỒNG SƠN")
    assert not looks_like_name("Chuyển biến nhưng chưa toàn diện")
    assert split_photo_credit("Lễ trao giải - Ảnh: H.T") == ("Lễ trao giải", "Ảnh: H.T")
    assert split_photo_credit("Anh ấy chụp ảnh kỷ niệm.") == ("Anh ấy chụp ảnh kỷ niệm.", None)


def test_seed_titles_bylines_and_sources(seeds_dir, seed_labels):
    for label in seed_labels:
        path = seeds_dir.parent / label["file"]
        a = clean(Article(source=label["file"], text=path.read_text(encoding="utf-8")))
        assert a.title == label["title"], label["file"]
        assert a.author == label["author"], label["file"]
        assert a.source_line == label["source_line"], label["file"]
        body = " ".join(b.text for b in a.blocks)
        for chrome in ("Trả lời", "Email của bạn", "Các tin khác", "Liên kết website", "Mới nhất"):
            assert chrome not in body, (label["file"], chrome)


def test_byline_forms():
    assert cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\nBài và ảnh: Hoàng Long\n{BODY}").author == "Hoàng Long"
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n{BODY}\nMinh Châu (Trung tâm Văn hóa huyện)")
    assert (a.author, a.source_line) == ("Minh Châu", "(Trung tâm Văn hóa huyện)")
    assert cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n{BODY}\nPGS.TS. Nguyễn Văn Hùng").author == "Nguyễn Văn Hùng"


def test_related_links_box_inside_the_text_does_not_end_the_article():
    a = cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\n{BODY}\n\nXem thêm:\n\nMột bài khác về chủ đề này\n\n{BODY} Hết.\n\n{BODY} Thêm.")
    assert [b.text for b in a.blocks] == [BODY, BODY + " Hết.", BODY + " Thêm."]


def test_a_sentence_starting_like_a_marker_is_prose():
    line = "Trả lời câu hỏi của phóng viên, đồng chí Bí thư cho biết kết quả rất khả quan."
    assert [b.text for b in cleaned(f"Học tập và làm theo Bác ở Đảng bộ Khối\n\n{BODY}\n\n{line}").blocks] == [BODY, line]


@settings(max_examples=1000, deadline=None)
@given(line=st.text(alphabet=st.sampled_from(list("ab :|·•»+>][\u00a0\t\n")), max_size=16))
@example(line="Chia sẻ: Facebook")
@example(line="a:  b")
def test_widget_parts_are_the_separator_split(line):
    from directive_digest.lexicon import _WIDGET_SEPARATOR, _widget_parts

    assert _widget_parts(line) == _WIDGET_SEPARATOR.split(line)


# Crawler records join the last lines into one: a byline or a source line after the last sentence.
# Endings as they stand in real records (shared/corpus/real, tuned part).
def test_byline_run_into_the_last_paragraph():
    a = cleaned(f"Kỷ luật cán bộ\n\n{BODY} Qua xác minh ban đầu, ông L. đã thừa nhận hành vi của mình. Mộc Trà (tổng hợp)")
    assert (a.author, a.outlet, a.source_line) == ("Mộc Trà", None, None)  # "(tổng hợp)" names no outlet
    assert a.blocks[-1].text.endswith("hành vi của mình.")
    a = cleaned(f"Kỷ luật cán bộ\n\n{BODY} Ông Trương Minh Tuấn bị cách chức. Võ Hải - Anh Minh")
    assert a.author == "Võ Hải - Anh Minh"


def test_source_line_run_into_the_last_paragraph():
    a = cleaned(f"Hội nghị Trung ương\n\n{BODY} Các đơn vị đã triển khai kịp thời, đồng bộ. Theo TTXVN")
    assert (a.source_line, a.outlet, a.author) == ("Theo TTXVN", "TTXVN", None)
    assert a.blocks[-1].text.endswith("kịp thời, đồng bộ.")


def test_abbreviation_before_the_last_words_is_not_a_credit():
    a = cleaned(f"Hội nghị Thành ủy\n\n{BODY} Hội nghị diễn ra tại Hội trường Thành ủy TP. HCM")
    assert a.author is None and a.blocks[-1].text.endswith("TP. HCM")


def test_crawler_placeholder_is_no_source():
    a = cleaned(f"Ban Chỉ đạo Trung ương\n\n{BODY}\n\nNguồn: [Link nguồn]Nguồn: [Link nguồn]")
    assert a.outlet is None and a.source_line is None


def test_outlet_whose_reporter_asked():
    lead = ("Chia sẻ với phóng viênDân trí, lãnh đạo một doanh nghiệp nhập khẩu thực phẩm đông lạnh cho biết "
            "hồ sơ an toàn thực phẩm phải được bổ sung trước khi thông quan.")
    assert cleaned(f"Doanh nghiệp than trời\n\n{BODY}\n\n{lead}").outlet == "Dân trí"
    asked = "Trả lời phỏng vấnVnExpress, PGS.TS Bùi Hoài Sơn phân tích những điểm mới về chiến lược phát triển văn hóa."
    assert cleaned(f"Văn hóa là la bàn\n\n{asked}\n\n{BODY}").outlet == "VnExpress"
    other = "Tại buổi họp báo, phóng viên TTXVN đặt câu hỏi về văn hoá công vụ và trách nhiệm nêu gương của người đứng đầu."
    assert cleaned(f"Văn hoá công vụ\n\n{other}\n\n{BODY}").outlet is None  # another outlet's reporter
    assert cleaned(f"Nâng cao dân trí\n\nCần nâng cao dân trí ở vùng sâu, vùng xa.\n\n{BODY}").outlet is None


def test_author_named_in_a_caption():
    caption = ("Tác giả bài viết, nhà báo Lê Thọ Bình. Ảnh: DV Trong tư tưởng Hồ Chí Minh, liêm và sỉ là những "
               "phẩm chất cốt lõi của người cán bộ.")
    assert cleaned(f"Phải biết xấu hổ khi dân còn nghèo\n\n{BODY}\n\n{caption}\n\n{BODY}").author == "Lê Thọ Bình"


def test_person_credited_as_the_source_is_the_author():
    # "Nguồn tìn" as a portal page spells it; "Nguồn ảnh" is a photo credit.
    a = cleaned(f"Đảng ủy Sở học tập Nghị quyết\n\n{BODY}\n\nNguồn tìn: Nguyễn Văn Phú")
    assert (a.author, a.outlet, a.source_line) == ("Nguyễn Văn Phú", None, None)
    a = cleaned(f"Đảng ủy Sở học tập Nghị quyết\n\n{BODY}\n\nNguồn: Báo Đắk Nông")
    assert (a.author, a.outlet) == (None, "Báo Đắk Nông")
    assert cleaned(f"Đảng ủy Sở học tập Nghị quyết\n\n{BODY}\n\nNguồn ảnh: Internet").outlet is None


def test_byline_prefix_without_its_colon_or_its_tone_mark():
    a = cleaned(f"Giao ban cấp ủy tháng 6\n\n{BODY}\n\nTin, ành Lệ Sương (Đài Truyền thanh huyện)")
    assert a.author == "Lệ Sương"


def test_compiler_named_after_a_related_headline():
    a = cleaned(f"Kỷ luật cán bộ\n\n{BODY} Xem thêm: Nghi án phóng hoả giết người ở Sơn La: Lại thêm một nạn nhân "
                "tử vong Bá Di (Tổng hợp)")
    assert a.author == "Bá Di"


def test_outlet_that_reported_earlier_or_was_told():
    told = "Trao đổi với Tuổi Trẻ Online tối 1-7, ông Nguyễn Văn A cho biết sẽ kiểm điểm nghiêm túc trước tập thể."
    assert cleaned(f"Kiểm điểm\n\n{BODY}\n\n{told}").outlet == "Tuổi Trẻ Online"
    earlier = "Ông A đã bị đình chỉ. Như Tuổi Trẻ Online đã đưa tin, tại tỉnh Sơn La có 44 thí sinh được nâng điểm."
    assert cleaned(f"Gian lận thi cử\n\n{BODY}\n\n{earlier}").outlet == "Tuổi Trẻ Online"
    assert cleaned(f"Gian lận thi cử\n\n{BODY}\n\nNhư Tuổi Trẻ cho biết, việc này đang được làm rõ.").outlet is None
    talked = "Ông B trò chuyện sáng 5-3 với Tuổi Trẻ về việc thực hiện nghiêm kỷ luật của Đảng ở cơ sở."
    assert cleaned(f"Kỷ luật\n\n{BODY}\n\n{talked}").outlet == "Tuổi Trẻ"
    asked = "Liên quan đến thông tin trên, PV báo điện tử Người Đưa Tin đã lắng nghe phân tích từ ĐBQH Phạm Văn Hoà."
    assert cleaned(f"Kỷ luật\n\n{BODY}\n\n{asked}").outlet == "Người Đưa Tin"
    inline = "Theo TTXVN, ngày 13-8-2019, Ban Bí thư đã thi hành kỷ luật đối với một số cán bộ vi phạm."
    assert cleaned(f"Kỷ luật\n\n{inline}\n\n{BODY}").outlet is None  # facts attributed inside a sentence
