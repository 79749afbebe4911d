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
