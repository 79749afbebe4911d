"""Primary directive: what the article is about, not merely the first mention."""
from directive_digest.article import Article
from directive_digest.classify import classify
from directive_digest.clean import clean


def classified(text: str) -> Article:
    return classify(clean(Article(source="x.txt", text=text)))


def test_headline_outweighs_an_earlier_mention_in_the_body():
    a = classified("Một năm thực hiện Quy định 08-QĐi/TW ở Nam Đàn\n\n"
                   "Gắn với Chỉ thị 05-CT/TW và Nghị quyết Trung ương 4 khóa XII, huyện đã thực hiện "
                   "nghiêm Quy định về nêu gương. Chỉ thị 05 được quán triệt.")
    assert a.directive == "08-QĐi/TW"
    assert set(a.directives) == {"08-QĐi/TW", "05-CT/TW", "04-NQ/TW"}
    assert a.directives[0] == "08-QĐi/TW"


def test_continuation_wins_a_tie_and_the_reviewed_document_wins_by_event():
    a = classified("Học tập, làm theo Bác là việc làm thường xuyên\n\n"
                   "Qua hơn 1 năm thực hiện Kết luận số 01 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05, "
                   "đã có chuyển biến.")
    assert a.directive == "01-KL/TW"
    a = classified("Cẩm Phả học và làm theo Bác\n\nThành ủy tổng kết 5 năm thực hiện Chỉ thị số 05-CT/TW và triển "
                   "khai Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị 05.")
    assert a.directive == "05-CT/TW"


def test_unregistered_references_are_cited_not_dropped():
    a = classified("Tiêu đề bài viết về Kết luận 01\n\nThực hiện Kết luận 01 theo tinh thần Chỉ thị 27 của "
                   "Thủ tướng Chính phủ và Kế hoạch số 15-KH/TU của Tỉnh ủy.")
    assert a.cited_references == ["Kế hoạch số 15-KH/TU"]
    assert a.state_references == ["Chỉ thị 27 của Thủ tướng Chính phủ"]


def test_no_directive():
    a = classified("Câu lạc bộ dân ca ví, giặm làng Sen\n\nCâu lạc bộ có 30 hội viên, sinh hoạt mỗi tháng một lần.")
    assert (a.directive, a.directives) == (None, [])


def test_seed_directives(seeds_dir, seed_labels):
    from directive_digest.score import score
    result = score(seed_labels, seeds_dir.parent)
    assert result.accuracy("primary_directive") == 1.0, result.misses
    assert result.accuracy("directives") == 1.0, result.misses
