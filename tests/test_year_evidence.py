"""Evidence of the year found on real text (issue #15, round 2): each kind on sentences of the
tuned real articles (tests/data/real/README.md) or sentences written like them."""
import datetime as dt

from directive_digest.article import Article
from directive_digest.clean import clean
from directive_digest.dating import date_article

TODAY = dt.date(2026, 12, 4)  # the day these were measured; years after the build's year are no evidence


def dated(*paragraphs: str, title: str = "Tin hoạt động", today: dt.date = TODAY) -> Article:
    text = title + "\n" + "\n\n".join(paragraphs)
    return date_article(clean(Article(source="x.txt", text=text)), today=today)


FILLER = ("Các đại biểu đã thảo luận sôi nổi, đóng góp nhiều ý kiến tâm huyết, trách nhiệm vào các nội dung của "
          "hội nghị, tập trung vào những giải pháp thiết thực để thực hiện thắng lợi các mục tiêu đề ra. ") * 3


# --- A year's work, reviewed or planned, dated by the month of the meeting -----------------------

def test_a_year_of_work_named_deep_in_the_text_is_dated_by_the_lead():
    """The agenda comes after three paragraphs: a review of 2017 held on 4 January is of 2018."""
    a = dated("Sáng 4-1, hội nghị Ban chấp hành Trung ương Đoàn lần thứ hai, khoá XI khai mạc tại Hà Nội.",
              FILLER, FILLER, FILLER,
              "Chiều nay, các đại biểu sẽ tiếp tục cho ý kiến vào các nội dung: Báo cáo tổng kết công tác Đoàn và "
              "phong trào thanh thiếu nhi năm 2017; chương trình công tác Đoàn và phong trào thanh thiếu nhi năm 2018.")
    assert (a.year, a.date) == (2018, dt.date(2018, 1, 4))


def test_a_programme_named_at_length_is_the_year_of_its_day():
    a = dated("Sáng 19-8, Ban Tuyên giáo trung ương tổ chức chương trình giao lưu toàn quốc các điển hình tiêu biểu "
              "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2019 với tên gọi “Hồ Chí Minh - "
              "Hành trình khát vọng”.")
    assert (a.year, a.date) == (2019, dt.date(2019, 8, 19))


def test_the_work_of_a_year_is_the_last_clause_naming_one():
    """"tổng kết … 2018, triển khai nhiệm vụ năm 2019": the 2019 is a plan, made in January 2019."""
    a = dated("Sáng 10/1, tại Hà Nội, Thủ tướng dự Hội nghị trực tuyến toàn quốc tổng kết công tác dân vận và đánh "
              "giá kết quả thực hiện “Năm dân vận chính quyền” 2018, triển khai nhiệm vụ năm 2019.")
    assert a.year == 2019
    a = dated("Ngày 26/12, tại Hoà Bình, các đại biểu tham dự hội nghị tổng kết công tác hội và phong trào thi đua "
              "năm 2018, triển khai công tác năm 2019.")
    assert (a.year, a.date) == (2018, dt.date(2018, 12, 26))


def test_a_target_year_is_not_a_year_of_work():
    """"… công tác khoa học … đến năm 2020": the plan's horizon, not the year reviewed."""
    a = dated("Ngày 7-1, tại Hà Nội, Quân uỷ Trung ương đã tổ chức hội nghị ra nghị quyết lãnh đạo thực hiện nhiệm "
              "vụ quân sự, quốc phòng năm 2019. Hội nghị cho ý kiến về lãnh đạo công tác khoa học, công nghệ và "
              "môi trường trong quân đội đến năm 2020.")
    assert a.year == 2019


# --- Bounds that leave one year ----------------------------------------------------------------

def test_bounds_that_leave_only_the_current_year_name_it():
    body = ("Trả lời phỏng vấn, PGS.TS Bùi Hoài Sơn phân tích những điểm mới về chiến lược phát triển văn hóa "
            "trong Nghị quyết Đại hội XIV, cũng như những yêu cầu đặt ra trong những năm tới.")
    a = dated(body)
    assert (a.year, a.date_confidence) == (2026, "low")
    assert dated(body, today=dt.date(2027, 3, 1)).year is None  # a year later, 2026 and 2027 are both possible


def test_a_congress_at_which_something_was_said_had_been_held():
    a = dated("Trong bối cảnh ấy, thông điệp của Tổng Bí thư tại Đại hội XIV của Đảng: “Phải biết xấu hổ khi dân "
              "còn nghèo” mang ý nghĩa đặc biệt.")
    assert a.year == 2026
    assert dated("Các đại biểu sẽ thảo luận tại Đại hội XIV của Đảng sắp tới.").year is None


# --- Numbered sessions (data/calendar.yaml) ---------------------------------------------------

def test_a_session_of_the_inspection_commission_with_its_day():
    """Session 23 of term XII falls between the listed sessions 19 (November 2017) and 24 (April
    2018): 12-13 March, 2018. Term XI's session 23 may have fallen in 2013 or 2014: the rule applied,
    issued in 2017, leaves 2018."""
    session = ("Ngày 15-3, Uỷ ban Kiểm tra trung ương đã ra thông báo về kỳ họp 23 diễn ra trong hai ngày 12 và "
               "13-3 tại Hà Nội.")
    applied = ("Căn cứ Quy định số 102-QĐ/TW của Bộ Chính trị về xử lý kỷ luật đảng viên vi phạm, Uỷ ban Kiểm tra "
               "trung ương đề nghị cấp có thẩm quyền xem xét, thi hành kỷ luật.")
    a = dated(session, applied)
    assert (a.year, a.date, a.date_confidence) == (2018, dt.date(2018, 3, 13), "medium")
    assert dated(session).year is None


def test_a_session_whose_day_fits_several_terms_needs_the_articles_bounds():
    """Session 19 on 7-9 November fits term XII (2017) and the windows of terms XI and XIII; the
    rule applied, Quy định 181-QĐ/TW, was replaced in November 2017 and issued in 2013."""
    session = ("Uỷ ban Kiểm tra trung ương vừa ra thông báo họp kỳ 19 (ngày 7 đến 9-11), trong đó có nội dung xem "
               "xét, thi hành kỷ luật đối với ông Phạm Thế Dũng, nguyên chủ tịch UBND tỉnh.")
    applied = ("Căn cứ quy định số 181-QĐ/TW của Bộ Chính trị về xử lý kỷ luật đảng viên vi phạm, Uỷ ban Kiểm tra "
               "trung ương quyết định thi hành kỷ luật cảnh cáo.")
    assert dated(session).year is None
    assert dated(session, applied).year == 2017


def test_a_provincial_commission_session_is_not_the_central_one():
    a = dated("Tin từ Uỷ ban kiểm tra Thành uỷ Đà Nẵng ngày 16-1 cho biết tại kỳ họp thứ 19 diễn ra ngày 8-1, Uỷ ban "
              "Kiểm tra Thành uỷ Đà Nẵng đã xem xét, thi hành kỷ luật 3 cán bộ.")
    assert a.year is None


def test_a_national_assembly_session_named_with_its_term():
    a = dated("Tổng thư ký Quốc hội nói tại họp báo quốc tế chiều 18-10: các đại biểu nên tránh việc này.",
              "Cuộc họp báo nhằm cung cấp thông tin về chương trình làm việc của kỳ họp thứ 6 Quốc hội khoá XIV dự kiến "
              "khai mạc ngày 22-10.")
    assert (a.year, a.date) == (2018, dt.date(2018, 10, 22))


def test_a_session_not_listed_is_dated_between_its_listed_neighbours():
    from directive_digest.year_calendar import load_calendar

    commission = next(b for b in load_calendar() if b.name == "Ủy ban Kiểm tra Trung ương")
    assert commission.window("XII", 24) == (dt.date(2018, 4, 23), dt.date(2018, 4, 23))
    earliest, latest = commission.window("XII", 23)  # after 19 (9/11/2017), before 24 (23/4/2018)
    assert dt.date(2017, 11, 9) < earliest and latest < dt.date(2018, 4, 23)
    assert commission.window("IX", 3) is None  # a term the calendar does not hold


# --- Weekdays and lunar years ------------------------------------------------------------------

def test_a_weekday_with_its_day_leaves_one_year_within_the_bounds():
    """22 October was a Monday in 2012 and 2018; "tháng 11/2017", something past, leaves 2018."""
    a = dated("Theo ông Mẫn, từ sau kỳ họp thứ 5 (tháng 11/2017) đến nay đã có gần 3.000 ý kiến cử tri gửi đến Quốc "
              "hội. Kỳ họp tới dự kiến khai mạc vào thứ hai, ngày 22/10.")
    assert (a.year, a.date) == (2018, dt.date(2018, 10, 22))
    assert dated("Kỳ họp tới dự kiến khai mạc vào thứ hai, ngày 22/10.").year is None  # 2012 or 2018


def test_a_lunar_year_name():
    from directive_digest.year_calendar import lunar_year

    assert lunar_year("kỷ", "hợi", 1990) == [2019, 2079]
    assert lunar_year("giáp", "thìn", 1990) == [2024, 2084]
    a = dated("Ban Bí thư yêu cầu các cấp uỷ tổ chức Tết Kỷ Hợi vui tươi, lành mạnh, an toàn, tiết kiệm.")
    assert (a.year, a.date_confidence) == (2019, "low")


# --- A rule applied is one in force ------------------------------------------------------------

def test_a_rule_applied_was_not_yet_replaced():
    """"Căn cứ Quy định 102-QĐ/TW": not after 69-QĐ/TW replaced it (6/7/2022), so a session 24 on
    23 April is term XII's (2018), not a later term's."""
    a = dated("Ngày 23-4, Uỷ ban Kiểm tra trung ương họp kỳ 24. Căn cứ Quy định số 102-QĐ/TW của Bộ Chính trị về xử "
              "lý kỷ luật đảng viên vi phạm, Uỷ ban đề nghị Ban Bí thư xem xét, thi hành kỷ luật.")
    assert (a.year, a.date) == (2018, dt.date(2018, 4, 23))


def test_a_dated_step_told_deep_in_the_text_had_happened():
    """"Ngày 1/9/2016, … ban hành Kế hoạch số 19" in the fourth paragraph is a step on the way, not
    the day reported: it does not stand against "qua gần 1 năm thực hiện Chỉ thị 05" (2017)."""
    a = dated("Một trong những kết quả nổi bật qua gần 1 năm thực hiện Chỉ thị 05 của Bộ Chính trị về đẩy mạnh học "
              "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh là đa dạng các hình thức tuyên truyền.",
              FILLER, FILLER,
              "Ngày 1/9/2016, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 19 về thực hiện Chỉ thị số 05.")
    assert a.year == 2017


def test_a_year_spoken_of_by_a_text_reaching_its_last_months_is_not_told():
    """"Trong năm 2018, tỉnh đã …" with a decision of 14/11/2018: reviewed at the end of 2018 or
    early in 2019. Without a dated fact that late, the year spoken of is the article's (low)."""
    review = ("Trong năm 2018, tỉnh Đắk Nông đã đẩy mạnh các hoạt động xúc tiến kêu gọi đầu tư du lịch, các tập "
              "đoàn lớn đã đến khảo sát tìm hiểu các dự án du lịch tại tỉnh.")
    late = "UBND tỉnh đã ban hành Quyết định số 1815/QĐ-UBND, ngày 14/11/2018 phê duyệt đề án phát triển du lịch."
    early = "UBND tỉnh đã ban hành Quyết định số 215/QĐ-UBND, ngày 14/3/2018 phê duyệt đề án phát triển du lịch."
    assert dated(review, late).year is None
    assert (dated(review, early).year, dated(review, early).date_confidence) == (2018, "low")


def test_anniversaries_counted_from_founding_days_in_the_lexicon():
    a = dated("Nhân dịp kỷ niệm 42 năm đất nước thống nhất và 131 năm ngày Quốc tế Lao động, thành phố dự kiến tổ "
              "chức bắn pháo hoa tại 4 điểm.")
    assert (a.year, a.date_confidence) == (2017, "medium")
    assert dated("Cuộc thi được tổ chức nhân kỷ niệm 88 năm ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh."
                 ).year == 2019


# --- Round 3: rules from the enlarged tuned part -------------------------------------------------

def test_a_past_full_date_leaves_one_term_of_an_unnumbered_session():
    """"kỳ họp thứ 35 … từ ngày 24 đến 26-4" fits session 35 of the Inspection Commission of term
    XI (2013-2015, not listed) or of term XII (2019); the career step "ngày 16-8-2017" had happened,
    so the article is not older: 2019 (vn-011774)."""
    lead = ("Tại kỳ họp thứ 35 diễn ra từ ngày 24 đến 26-4, Uỷ ban Kiểm tra Trung ương đã xem xét các vi phạm của "
            "ông Nguyễn Bá Cảnh - thành uỷ viên, phó trưởng ban thường trực Ban Dân vận TP Đà Nẵng.")
    career = ("Sau 5 năm giữ chức bí thư Thành đoàn, ngày 16-8-2017 Ban Tổ chức Thành uỷ Đà Nẵng đã công bố quyết "
              "định điều động ông Nguyễn Bá Cảnh sang giữ chức phó trưởng ban thường trực Ban Dân vận.")
    assert dated(lead, FILLER, career).year == 2019
    assert dated(lead, FILLER).year is None  # 2013, 2014, 2015 or 2019: not told


def test_the_day_reported_follows_what_the_text_tells_came_before_it():
    """"Sáng 13/8, …" then "Trước đó, hồi giữa tháng 7/2019, …": the next 13 August, 2019
    (vn-072394); "Ngày 14/5, …" after "Trước đó, … cuối tháng 12/2018": May 2019."""
    lead = ("Sáng 13/8, tin từ Uỷ ban Kiểm tra Tỉnh uỷ Sóc Trăng cho biết, các đơn vị có xe công đi đám cưới đã gửi "
            "báo cáo về việc kiểm điểm cán bộ.")
    before = ("Trước đó, hồi giữa tháng 7/2019, bà Đào cưới vợ cho con trai trưởng, đãi tiệc 4 lần trong 3 ngày từ 19 "
              "đến 21/7.")
    a = dated(lead, before)
    assert (a.year, a.date) == (2019, dt.date(2019, 8, 13))
    a = dated("Ngày 14/5, Ban Bí thư đã kỷ luật cách tất cả các chức vụ trong Đảng của ông Nguyễn Bá Cảnh.",
              "Trước đó, tại kỳ họp HĐND thành phố cuối tháng 12/2018, ông Cảnh đã đọc bản kiểm điểm.")
    assert a.year == 2019
    assert dated(lead).year is None  # the day alone tells no year


def test_a_document_said_to_be_just_issued_after_its_title():
    """"… Quy định số 179 - QÐi/TW về chế độ kiểm tra, giám sát công tác cán bộ, vừa được ông Trần
    Quốc Vượng … ký ban hành" (vn-013301): news of a new document, of its issue year (25/2/2019)."""
    a = dated("Đó là nội dung của Quy định số 179 - QÐi/TW về chế độ kiểm tra, giám sát công tác cán bộ, vừa được "
              "ông Trần Quốc Vượng - Thường trực Ban Bí thư thay mặt Bộ Chính trị ký ban hành.")
    assert a.year == 2019
    # Cited with what it replaced, not as news: the issue year bounds the article only.
    assert dated("Quy định số 179 - QÐi/TW về chế độ kiểm tra, giám sát công tác cán bộ thay thế quy chế ban hành "
                 "kèm theo Quyết định số 58 - QÐ/TW, ngày 7-5-2007 của Bộ Chính trị.").year is None


def test_a_day_recalled_is_past_not_the_day_reported():
    """"Chúng ta còn nhớ ngày 3-10-2017, Bộ GD-ĐT có công văn 4612 …" (vn-072639): a day the
    reader is reminded of, so the article is later, not of 2017."""
    recalled = ("Chúng ta còn nhớ ngày 3-10-2017, Bộ GD-ĐT có công văn 4612/BGDĐT-GDTrH về việc hướng dẫn thực hiện "
                "chương trình giáo dục phổ thông hiện hành.")
    told = ("Ngày 3-10-2017, Bộ GD-ĐT có công văn 4612/BGDĐT-GDTrH về việc hướng dẫn thực hiện chương trình giáo "
            "dục phổ thông hiện hành.")
    assert dated(FILLER, recalled).year is None
    assert dated(told).year == 2017


def test_years_of_implementation_in_a_cited_documents_title_are_not_the_articles():
    """"Kết luận số 19-KL/TW … về tổng kết 10 năm thực hiện Chỉ thị số 56-CT/TW" (vn-069595):
    the review of 2010 is that Kết luận's subject; the letter is of Tết Kỷ Hợi, 2019."""
    body = ("Các cấp hội tiếp tục đẩy mạnh thực hiện Kết luận số 19-KL/TW ngày 23/5/2012 của Ban Bí thư về tổng kết "
            "10 năm thực hiện Chỉ thị số 56-CT/TW ngày 18/8/2000 của Bộ Chính trị khoá VIII.")
    assert dated(body, title="Thư chúc Tết Kỷ Hợi 2019").year == 2019
    # The review itself reported: 2000 + 10.
    assert dated("Hội nghị tổng kết 10 năm thực hiện Chỉ thị số 56-CT/TW ngày 18/8/2000 của Bộ Chính trị khoá "
                 "VIII.").year == 2010


def test_a_day_written_beside_a_plenums_name_in_its_days():
    """"Tổng bí thư … phát biểu khai mạc hội nghị Trung ương 8, khoá XII, sáng 2/10" (vn-100558):
    2/10 falls in that plenum's days (2-6/10/2018), deep in the text as it is."""
    a = dated(FILLER, FILLER, "Tổng bí thư Nguyễn Phú Trọng phát biểu khai mạc hội nghị Trung ương 8, khoá XII, sáng "
                              "2/10. Trung ương cũng sẽ quyết định thành lập các tiểu ban chuẩn bị Đại hội XIII.")
    assert a.year == 2018
    # A day outside the plenum's days says nothing of it.
    assert dated(FILLER, FILLER, "Tổng bí thư phát biểu về hội nghị Trung ương 8, khoá XII, sáng 20/11.").year is None


def test_years_of_a_document_issued_in_december_are_reviewed_in_the_next_year():
    """"sơ kết 5 năm thực hiện nghị quyết số 791-NQ/QUTW ngày 30-12-2012" (vn-019065): five years
    are up at the end of 2017, so the review is of 2018 or 2019, and does not stand against the
    plan for 2019 of a conference held on 7 January."""
    lead = ("Ngày 7-1, tại Hà Nội, Quân uỷ Trung ương tổ chức hội nghị ra nghị quyết lãnh đạo thực hiện nhiệm vụ quân "
            "sự, quốc phòng năm 2019.")
    review = ("Quân uỷ Trung ương cũng cho ý kiến về các dự thảo sơ kết 5 năm thực hiện nghị quyết số 791-NQ/QUTW "
              "ngày 30-12-2012 của Quân uỷ Trung ương về lãnh đạo công tác khoa học, công nghệ và môi trường.")
    assert dated(lead, FILLER, review).year == 2019
    assert dated(review).year == 2018


def test_a_school_year_as_it_starts_names_its_first_year():
    """"Năm học 2019-2020, ngành giáo dục xác định …" in an interview "trước thềm năm học mới"
    (vn-073254): 2019. Named alone, a school year only bounds the year."""
    lead = ("Năm học 2019-2020, ngành giáo dục xác định việc 'dạy người', dạy đạo đức, lối sống cho học sinh phải "
            "là một trong những nhiệm vụ được ưu tiên hàng đầu.")
    assert dated(lead, "Đó là chia sẻ của Bộ trưởng Bộ GD-ĐT với Tuổi Trẻ trước thềm năm học mới.").year == 2019
    assert dated("Tháng cao điểm an toàn giao thông cho học sinh đến trường năm học 2019-2020 bắt đầu.").year == 2019
    assert dated(lead).year is None


def test_congresses_of_a_term_held_as_it_begins():
    """"Đến ngày 29/10, 63 … đảng bộ trực thuộc trung ương đã tổ chức xong đại hội nhiệm kỳ
    2015-2020" (vn-097327): 2015. The same term named with a congress's resolution carried out
    later only bounds the year."""
    assert dated("Đến ngày 29/10, 63 trên tổng số 68 đảng bộ trực thuộc trung ương đã tổ chức xong đại hội nhiệm kỳ "
                 "2015-2020, trong đó có 59 Đảng bộ tỉnh, thành phố.").year == 2015
    assert dated("Ngày 29/10, Đại hội Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2015-2020 khai mạc tại thành phố.").year == 2015
    assert dated("Ngày 29/10, tỉnh sơ kết việc thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ "
                 "2015-2020.").year is None
    assert dated("Ngày 29/10, tỉnh rà soát các chỉ tiêu mà Đại hội Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2015-2020 đã "
                 "đề ra.").year is None


def test_what_came_before_dates_the_day_only_when_it_is_the_latest_fact():
    """"Sáng 6/11, …" with "Trước đó, ngày 30/4/2017, …" but a verdict "Ngày 27/6/2018" told later:
    the step before is not the latest, so it does not make the day 6/11/2017; a span's start
    ("Trước đó, … từ 1/1/2017 đến nay, …") says nothing of when the day is."""
    lead = "Sáng 6/11, Toà án nhân dân tỉnh Ninh Bình mở phiên toà xét xử phúc thẩm đối với bị cáo Vũ Văn Hùng."
    a = dated(lead, "Trước đó, ngày 30/4/2017, Vũ Văn Hùng đã dụ dỗ bé gái sang nhà mình.",
              "Ngày 27/6/2018, Toà án nhân dân huyện Hoa Lư đã tuyên phạt Hùng 2,5 năm tù về tội Dâm ô trẻ em.")
    assert a.year != 2017
    a = dated("Sáng 19/7, VKSND tỉnh Đắk Nông đã phê chuẩn quyết định tạm giữ hình sự đối với ông Lưu Văn Nguyện.",
              "Trước đó, báo Tuổi Trẻ đưa tin, từ 1/1/2017 đến nay, các đối tượng dùng 4.200 tỉ đồng để mua dung môi.")
    assert a.year is None
