"""Dating: datelines, in-text dates, and years inferred from what the text says."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directive_digest.article import Article
from directive_digest.clean import clean
from directive_digest.datelines import find_full_dates, is_dateline
from directive_digest.dating import date_article

TITLE = "Đảng bộ Khối các cơ quan tỉnh học tập và làm theo Bác"


def dated(body: str, dateline: str = "") -> Article:
    text = f"{TITLE}\n{dateline}\n{body}" if dateline else f"{TITLE}\n{body}"
    return date_article(clean(Article(source="x.txt", text=text)))


@pytest.mark.parametrize("line, expected", [
    ("Thứ Sáu, 25/06/2021, 11:14 [GMT+7]", dt.date(2021, 6, 25)),
    ("Cập nhật: 09:15 - 10/05/2018", dt.date(2018, 5, 10)),
    ("15:20 | 20/05/2019", dt.date(2019, 5, 20)),
    ("Ngày đăng: 03/11/2023", dt.date(2023, 11, 3)),
    ("Thứ hai, ngày 15 tháng 5 năm 2023", dt.date(2023, 5, 15)),
    ("2022-04-12 08:30", dt.date(2022, 4, 12)),
])
def test_datelines(line, expected):
    assert is_dateline(line)
    a = dated("Hội nghị đã diễn ra thành công tốt đẹp với nhiều ý kiến tâm huyết.", line)
    assert (a.date, a.year, a.date_source) == (expected, expected.year, "dateline")


def test_prose_with_a_date_is_not_a_dateline():
    assert not is_dateline("Ngày 15/5/2016, Bộ Chính trị ban hành Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo Bác.")


def test_impossible_dates_are_not_dates():
    assert find_full_dates("ngày 30/02/2021 và 31/4/2020") == []


def test_directive_issue_date_is_not_the_article_date():
    a = dated("Sau 4 năm thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Đảng ủy đạt nhiều kết quả.")
    assert a.date is None
    assert (a.year, a.date_source) == (2020, "inferred")


@pytest.mark.parametrize("body, year", [
    ("Hội nghị sơ kết 2 năm thực hiện Chỉ thị 05 của Bộ Chính trị đã đánh giá kết quả.", 2018),
    ("Qua hơn 1 năm thực hiện Kết luận số 01, ngày 18/5/2021 của Bộ Chính trị, đã có chuyển biến.", 2022),
    ("Sau ba năm thực hiện Kết luận 01-KL/TW, nhiều mô hình hay đã xuất hiện.", 2024),
    ("Năm 2020, do tình hình dịch bệnh, nhiều hoạt động phải tạm dừng.", 2020),
    ("Trong giai đoạn 2021 - 2024, Đảng ủy Khối đã tổ chức 4 hội nghị; giai đoạn 2016-2021 có 3 hội nghị.", 2024),
    ("Hội nghị học tập chuyên đề năm 2023 được tổ chức trực tuyến.", 2023),
    ("Hướng tới kỷ niệm 130 năm Ngày sinh Chủ tịch Hồ Chí Minh, chi bộ tổ chức thi tìm hiểu.", 2020),
    ("Trong năm 2022, huyện phấn đấu đến hết năm 2025 có 100% chi bộ đạt chuẩn.", 2022),
])
def test_inferred_years(body, year):
    a = dated(body)
    assert (a.year, a.date_source) == (year, "inferred")
    assert a.date_evidence


def test_term_of_office_is_not_the_year():
    assert dated("Đại hội nhiệm kỳ 2020-2025 đã thành công.").year is None


def test_day_and_month_get_the_inferred_year():
    a = dated("Chiều 9/5, Đảng ủy Khối tổ chức Hội nghị sơ kết 2 năm thực hiện Chỉ thị 05/CT-TW của Bộ Chính trị.")
    assert (a.date, a.date_source) == (dt.date(2018, 5, 9), "inferred")
    a = dated("17h ngày 10/10, Huyện ủy họp. Năm 2020, huyện hoàn thành kế hoạch thực hiện Quy định 08-QĐi/TW.")
    assert a.date == dt.date(2020, 10, 10)


def test_stated_full_date_opening_a_sentence():
    a = dated("Ngày 18/5/2023, Ban Thường vụ Tỉnh ủy tổ chức hội nghị quán triệt Kết luận 01.")
    assert (a.date, a.date_source) == (dt.date(2023, 5, 18), "dateline")


def test_no_evidence_gives_no_year():
    a = dated("Chi bộ bản đã duy trì sinh hoạt đều đặn, nhân dân tin tưởng vào sự lãnh đạo của Đảng.")
    assert (a.date, a.year, a.date_source) == (None, None, None)


def test_seed_dates_and_years(seeds_dir, seed_labels):
    for label in seed_labels:
        a = date_article(clean(Article(source=label["file"],
                                       text=(seeds_dir.parent / label["file"]).read_text(encoding="utf-8"))))
        assert a.year == label["year"], label["file"]
        assert (a.date.isoformat() if a.date else None) == label["published_date"], label["file"]
        assert a.date_source == ("dateline" if label["year_basis"].startswith("dateline") else "inferred")


_DATING_WORDS = ["năm", "2016", "2021", "1999", "-", "–", "—", "đến", "giai", "đoạn", "từ", "nhiệm", "kỳ", "trong",
                 "riêng", "cuối", "đầu", "6", "12", "tháng", "quý", "iv", "hết", "chuyên", "đề", "hằng", "hai",
                 "mười", "thực", "hiện", "triển", "khai", "học", "tập", ",", ".", "\n", " ", "  ", "x", "ố"]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(_DATING_WORDS), max_size=40), sep=st.sampled_from(["", " "]))
@example(parts=["từ", "năm", "2016", "-", "2021", "-", "2025"], sep=" ")
@example(parts=["năm", "năm", "thực", "hiện"], sep=" ")
@example(parts=["6", "tháng", "đầu", "năm", "2019", ". ", "năm", "2020", ","], sep=" ")
def test_year_patterns_tried_near_their_endings_match_as_everywhere(parts, sep):
    from directive_digest import year_counted as c, year_statements as s
    from directive_digest.year_basis import matches

    key = sep.join(parts)
    for pattern, ending, head in [(c.IMPLEMENTED, c.IMPLEMENTED_END, c.IMPLEMENTED_HEAD),
                                  (s.STATEMENT_YEAR, s.STATEMENT_END, s.STATEMENT_HEAD),
                                  (s.PERIOD, s.PERIOD_END, s.PERIOD_HEAD)]:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(key)]
        assert [(m.span(), m.groupdict()) for m in matches(pattern, ending, head, key)] == expected


# --- Evidence of the year (issue #15), on sentences of real articles ---------------------------

def _body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def test_an_event_date_after_a_reference_is_not_its_issue_date():
    a = dated("Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị, chiều ngày 15/01/2019, Đảng ủy Khối tổ chức hội nghị "
              "sơ kết.")
    assert (a.date, a.date_source, a.date_confidence) == (dt.date(2019, 1, 15), "dateline", "high")


def test_a_date_written_in_words_opening_the_lead():
    a = dated("Ngày 25 tháng 9 năm 2023, Ban Thường vụ Huyện ủy tổ chức hội nghị quán triệt Kết luận 01-KL/TW.")
    assert (a.date, a.year, a.date_source) == (dt.date(2023, 9, 25), 2023, "dateline")


@pytest.mark.parametrize("body, year", [
    # "sau N năm thực hiện <document>": its issue year + N.
    ("Qua 3 năm triển khai thực hiện Chỉ thị 05 của Bộ Chính trị, các chi bộ có nhiều chuyển biến.", 2019),
    # A plenum's resolution outside the registry: the plenum's year (the Party calendar) + N.
    ("Hội nghị tổng kết 15 năm thực hiện Nghị quyết Trung ương 5 khoá VIII về xây dựng nền văn hóa.", 2013),
    # An anniversary counted between two dates.
    ("Kỷ niệm 70 năm ngày truyền thống ngành Tuyên giáo của Đảng (16/10/1948 - 16/10/2018), Ban Tuyên giáo "
     "tổ chức gặp mặt.", 2018),
    ("Nhân dịp kỷ niệm 129 năm ngày sinh Chủ tịch Hồ Chí Minh, Thủ tướng dự lễ dâng hương.", 2019),
])
def test_relative_evidence(body, year):
    a = dated(body)
    assert a.year == year and a.date_source == "inferred" and a.date_confidence == "medium", a.date_evidence


def test_a_plenum_the_lead_reports_dates_the_article():
    a = dated("Ngày 5/10, tại Hội nghị Trung ương 8, Ban Chấp hành Trung ương Đảng làm việc tại Hội trường. "
              "Hội nghị Trung ương 8 (khoá XII) thảo luận về trách nhiệm nêu gương.")
    assert (a.date, a.year) == (dt.date(2018, 10, 5), 2018)


def test_studying_a_plenum_soon_after_it():
    a = dated("Ngày 23-11, Ban Bí thư trung ương Đảng tổ chức hội nghị toàn quốc học tập, quán triệt, triển khai "
              "thực hiện các nội dung Hội nghị Trung ương 8, Khoá XII.")
    assert (a.date, a.year) == (dt.date(2018, 11, 23), 2018)


def test_studying_a_congress_resolution_soon_after_the_congress():
    a = dated("Ngày 10/3, Tỉnh ủy tổ chức hội nghị học tập, quán triệt Nghị quyết Đại hội XIII của Đảng.")
    assert (a.date, a.year) == (dt.date(2021, 3, 10), 2021)


def test_a_newly_issued_document():
    a = dated("Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Đinh Thế Huynh vừa ký ban hành Chỉ thị số 11-CT/TW "
              "của Ban Bí thư về việc tổ chức Tết năm 2017.")
    assert a.year == 2016


def test_a_year_of_work_dated_by_the_month_of_the_meeting():
    a = dated("Sáng 17-1, Bộ Công Thương tổ chức Hội nghị tổng kết công tác năm 2018 và triển khai nhiệm vụ "
              "năm 2019 của ngành.")
    assert (a.date, a.year) == (dt.date(2019, 1, 17), 2019)
    a = dated("Sáng 5/12, kỳ họp thứ 3 HĐND thành phố quyết định dự toán ngân sách năm 2017 và chủ đề công tác "
              "năm 2017.")
    assert (a.date, a.year) == (dt.date(2016, 12, 5), 2016)


def test_a_month_of_a_year_opening_the_lead():
    assert dated("Tháng 1/2019, anh là một trong 10 người được vinh danh “Đảng viên trẻ xuất sắc”.").year == 2019


def test_a_deadline_is_not_the_article_date():
    a = dated("Huyện yêu cầu các xã hoàn thành việc sáp nhập thôn trước ngày 30/9/2018.")
    assert a.date is None and a.date_source == "inferred" and a.date_confidence == "low"


def test_history_deep_in_a_biography_does_not_date_the_article():
    paragraphs = ["Lễ kỷ niệm ngày sinh của cụ được tổ chức sáng 16/9 tại Hà Nội."] + \
        ["Cụ là vị quan thanh liêm, được nhân dân kính trọng, luôn bênh vực người dân yếu thế."] * 4 + \
        ["Ngày 13/4/1955, cụ qua đời tại Hà Nội sau thời gian lâm bệnh."]
    assert dated(_body(*paragraphs)).year is None


def test_evidence_that_disagrees_gives_no_year():
    a = dated("Ngày 10/4/2019, Đảng ủy tổ chức lễ kỷ niệm 70 năm ngày thành lập Đảng bộ (1945 - 2015).")
    assert (a.year, a.date, a.date_confidence) == (None, None, None)


def test_confidence_is_in_the_front_matter_and_an_override_is_sure(tmp_path):
    from directive_digest.render import article_meta
    from directive_digest.registry import load_registry

    a = dated("Năm 2020, do tình hình dịch bệnh, nhiều hoạt động phải tạm dừng.")
    meta = article_meta(a, None, load_registry(), path="x/2020/a.md", tags=[])
    assert (meta["year"], meta["date_confidence"]) == (2020, "low")
