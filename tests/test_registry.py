import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directive_digest.references import find_references
from directive_digest.registry import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize("text, expected", [
    ("Chỉ thị số 05-CT/TW của Bộ Chính trị", "05-CT/TW"),
    ("Chỉ thị 05/CT- TW của Bộ Chính trị", "05-CT/TW"),
    ("thực hiện Chỉ thị 05 có hiệu quả", "05-CT/TW"),
    ("Kết luận số 01-KL/TW ngày 18/5/2021", "01-KL/TW"),
    ("Kết luận 01 của Bộ Chính trị", "01-KL/TW"),
    ("gắn với Nghị quyết Trung ương 4 khóa XII", "04-NQ/TW"),
    ("gắn với Nghị quyết Trung ương 4 (khoá XII)", "04-NQ/TW"),
    ("Nghị quyết Hội nghị lần thứ 4 Ban Chấp hành Trung ương Đảng khóa XII", "04-NQ/TW"),
    ("các kết luận, quy định Hội nghị Trung ương 4, khóa XIII về", "21-KL/TW"),
    ("Quy định 08-QĐi/TW về trách nhiệm nêu gương", "08-QĐi/TW"),
    ("Quy định số 08", "08-QĐi/TW"),
    ("Quy định 08-QÐi/TW", "08-QĐi/TW"),  # Ð (U+00D0) typed for Đ
    ("Chỉ thị 03-CT/TW năm 2011", "03-CT/TW"),
    ("Chỉ thị 06-CT/TW", "06-CT/TW"),
    ("thực hiện CT 05 của Bộ Chính trị", "05-CT/TW"),
    ("theo QĐ 08-QĐi/TW", "08-QĐi/TW"),
    ("Nghị quyết số 04 của Trung ương", "04-NQ/TW"),
])
def test_press_spellings_resolve_to_canonical_ids(registry, text, expected):
    refs = find_references(registry, text)
    assert [r.directive_id for r in refs] == [expected]


def test_references_outside_the_registry_are_kept(registry):
    refs = find_references(registry, "theo tinh thần Chỉ thị 27 của Thủ tướng Chính phủ và Kế hoạch số 15-KH/TU")
    assert [(r.text, r.directive_id) for r in refs] == [
        ("Chỉ thị 27 của Thủ tướng Chính phủ", None), ("Kế hoạch số 15-KH/TU", None)]


def test_common_nouns_are_not_references(registry):
    assert find_references(registry, "xây dựng kế hoạch 2 năm và nghị quyết 3 điểm") == []


def test_a_directive_qualified_by_a_non_party_issuer_is_not_the_party_one(registry):
    refs = find_references(registry, "Chỉ thị 05 của Thủ tướng Chính phủ")
    assert refs[0].directive_id is None


def test_registry_data_is_consistent(registry):
    ids = set(registry.directives)
    slugs = [d.slug for d in registry.directives.values()]
    assert len(slugs) == len(set(slugs))
    for d in registry.directives.values():
        assert set(d.continues) <= ids, d.id
        assert d.issued is not None, d.id
    assert "05-CT/TW" in registry.get("01-KL/TW").continues


def test_two_terms_of_one_plenum_are_two_documents(registry):
    refs = find_references(registry, "tiếp nối Nghị quyết Trung ương 4 khóa XI và khóa XII, các cấp ủy")
    assert [r.directive_id for r in refs] == ["12-NQ/TW", "04-NQ/TW"]


def test_data_files_read_as_pyyaml_safe_load_reads_them():
    # The data files are read with libyaml's loader when there is one: same data as safe_load.
    import yaml

    from directive_digest.lexicon import DATA_DIR, load_data_file

    for path in sorted(DATA_DIR.glob("*.yaml")):
        assert load_data_file(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path.name


_REFERENCE_WORDS = ["chỉ thị", "Chỉ thị", "CT", "kết luận", "thông báo", "thông báo kết luận", "QĐi", "qđ", "số",
                    "05", "1", "2016", "-", "/", "CT/TW", "tw", "KL", "ngày", "15/5/2016", ",", ".", "\n", " ", "  ",
                    "của", "Thủ tướng", "kế hoạch", "2", "năm", "x", "đề án", "thị", "nghị quyết"]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(_REFERENCE_WORDS), max_size=30), sep=st.sampled_from(["", " "]))
@example(parts=["thông báo kết luận", " ", "05", "-", "TB/TW"], sep="")
@example(parts=["xchỉ thị", "05", "chỉ thị", "06"], sep=" ")
def test_generic_references_found_where_kinds_are_written_match_as_everywhere(parts, sep):
    from directive_digest.document_numbers import generic_matches, generic_pattern
    from directive_digest.vntext import match_key

    key = match_key(sep.join(parts))
    expected = [(m.span(), m.groupdict()) for m in generic_pattern().finditer(key)]
    assert [(m.span(), m.groupdict()) for m in generic_matches(key)] == expected


_PHRASES = ["Nghị quyết Trung ương 4 khóa XII và XIII", "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
            "Chỉ thị 05 của Thủ tướng Chính phủ", "Kết luận số 01-KL/TW ban hành ngày 18 tháng 5 năm 2021",
            "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII", "Nghị quyết TW4 (khoá XII),",
            "Chỉ thị 05 ngày 15.5.2016. của Thủ tướng", "Quy định 08 - QĐi / TW", "Nghị quyết số 12-NQ/TW ngày 16/3/2022",
            "Hội nghị Trung ương 4, khóa 12", "kế hoạch 2 năm", "CT 05", "Kết luận 21 do Ban Bí thư", "x.", "Đức Thuận,",
            "làm theo Bác …", "“cán bộ”", "1. Đảng uỷ", "Ngày 10/4, đảng bộ",
            # Dates of another year than the document's, issuers that are not the Party's: what
            # find_references reads after a reference changes it.
            "Chỉ thị 05 ban hành ngày 15 tháng 5 năm 2020", "Chỉ thị số 05-CT/TW ngày 15.5.2019. của Thủ tướng",
            "Chỉ thị 05 do Thủ tướng Chính phủ", "Nghị quyết Trung ương 4 (khóa XII) và XIII",
            "Nghị quyết TW Đảng 4 khóa XII", "Nghị quyết Hội nghị lần thứ 4 BCH Trung ương khóa XII",
            "Kết luận 01 ngày 18 tháng 5 năm 2019"]


def _line_words():
    """Phrases that name documents (the registry's aliases among them) and prose around them."""
    registry = load_registry()
    return _PHRASES + [a for d in registry.directives.values() for a in d.aliases]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(phrases=st.lists(st.sampled_from(_line_words()), min_size=1, max_size=4), breaks=st.lists(st.booleans()))
@example(phrases=["Nghị quyết Trung ương 4 khóa XII và XIII"], breaks=[False] * 4 + [True])
def test_references_of_lines_joined_are_those_found_in_the_joined_text(phrases, breaks):
    """Phrases cut into lines anywhere between words: the references found line by line and
    joined are those found in the lines joined."""
    from directive_digest.reference_lines import find_references_joined, references_in, settle

    registry = load_registry()
    words = " ".join(phrases).split(" ")
    text = words[0] + "".join(("\n" if i < len(breaks) and breaks[i] else " ") + w for i, w in enumerate(words[1:]))
    lines = tuple(text.split("\n"))
    assert find_references_joined(registry, lines) == settle(registry, [find_references(registry, text)])[0]
    assert references_in(registry, lines) == settle(registry, [find_references(registry, line) for line in lines])


# --- A number alone is not a document (issue #15), on sentences of real articles ----------------

@pytest.mark.parametrize("text, why", [
    ("Nghị quyết 25 ban hành kèm theo Chỉ thị 05 về việc tăng cường công tác thi hành án dân sự", "another subject"),
    ("phong trào xây dựng gia đình văn hoá theo Chỉ thị 05 về gia đình văn hoá", "another subject"),
    ("nghị quyết 18-NQ/TW ngày 25 tháng 10 năm 2007, làm cơ sở xây dựng chiến lược năng lượng", "issued 2007"),
    ("Kết luận số 21-KL/TW ngày 11/9/2017 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết về TP.HCM", "issued 2017"),
    ("thực hiện Kết luận số 21 của Bộ Chính trị về xây dựng và phát triển TP.HCM", "issued by bộ chính trị"),
    ("Chỉ thị 05 của Bộ Chính trị khóa IX về công tác dân vận", "khóa IX"),
    ("Nghị quyết số 18-NQ/TU của Ban Thường vụ Tỉnh ủy", None),
    ("Đề án số 05-ĐA/TU của Tỉnh ủy về phát triển du lịch", None),
    ("Nghị quyết số 71 của Chính phủ, liên quan tới lĩnh vực đột phá", "a state issuer"),
])
def test_a_reused_number_is_another_document(registry, text, why):
    ref = find_references(registry, text)[-1]
    assert ref.directive_id is None
    assert (ref.vetoed or "").startswith(why or "") and (why is None or ref.vetoed)


def test_local_and_state_documents_are_told_apart(registry):
    refs = {r.text: r for r in find_references(
        registry, "theo Kế hoạch số 15-KH/TU của Tỉnh ủy, Chỉ thị 08/CT-TTg của Thủ tướng Chính phủ, Nghị định 46/2026 và "
        "Đề án số 05-ĐA/TU")}
    assert [r.state for r in refs.values()] == [False, True, True, False]


@pytest.mark.parametrize("text, expected, how", [
    # What is written with a bare number names the document: its subject, its exact date, its issuer.
    ("thực hiện Nghị quyết số 18 về đổi mới, sắp xếp tinh gọn tổ chức bộ máy hoạt động của các sở", "18-NQ/TW",
     "vouched"),
    ("Nghị quyết số 39 ngày 17/4/2015 của Bộ Chính trị về tinh giản biên chế", "39-NQ/TW", "vouched"),
    ("Theo Nghị quyết 71/2025 của Bộ Chính trị, các bộ, ngành", "71-NQ/TW", "vouched"),
    # Press spellings of a suffix.
    ("Quy định số 179 - QÐi/TW về chế độ kiểm tra, giám sát công tác cán bộ", "179-QĐ/TW", "suffix"),
    ("khoản 8, điều 3, quy định số 08-QĐ/TW của Ban Chấp hành trung ương", "08-QĐi/TW", "suffix"),
    ("quy định 08-QĐ/TƯ ngày 25-10-2018 của Ban Chấp hành trung ương", "08-QĐi/TW", "suffix"),
    ("thực hiện Nghị quyết số 57/TW-NQ", "57-NQ/TW", "suffix"),
    # A plenum's documents, told apart by the subject written after them.
    ("Nghị quyết Trung ương 7 khóa XII về cải cách chính sách tiền lương", "27-NQ/TW", "plenum"),
])
def test_what_is_written_with_a_number_names_the_document(registry, text, expected, how):
    ref = find_references(registry, text)[0]
    assert (ref.directive_id, ref.how) == (expected, how)


def test_a_plenum_with_several_documents_names_none_without_a_subject(registry):
    assert find_references(registry, "Nghị quyết Trung ương 6 khoá XII") == []
    assert find_references(registry, "Hội nghị Trung ương 8 khóa XII") == []
    assert [r.directive_id for r in find_references(registry, "Nghị quyết Trung ương 4 khóa XI")] == ["12-NQ/TW"]


def test_an_issuer_after_two_numbers_is_both_ones(registry):
    refs = find_references(registry, "vi phạm quy định số 51 và quy định số 231 của Ban Bí thư về quan hệ lãnh đạo")
    assert [(r.text, r.issuer) for r in refs] == [("quy định số 51 của Ban Bí thư", "central"),
                                                 ("quy định số 231 của Ban Bí thư", "central")]
    refs = find_references(registry, "Kết luận 01 và Kế hoạch số 123-KH/TU của Tỉnh ủy")
    assert [r.directive_id for r in refs] == ["01-KL/TW", None]  # a suffixed number names its own issuer


def test_documents_cited_by_name(registry):
    refs = find_references(registry, "quán triệt Nghị quyết Đại hội 14 của Đảng; bổ sung, sửa đổi Điều lệ Đảng; "
                                    "Tiểu ban Điều lệ Đảng; Quy định số 30-QĐ/TW thi hành Chương VII và Chương VIII "
                                    "Điều lệ Đảng về công tác kiểm tra")
    assert [(r.text, r.directive_id) for r in refs] == [("Nghị quyết Đại hội 14", None), ("Điều lệ Đảng", None),
                                                        ("Quy định số 30-QĐ/TW", "30-QĐ/TW")]


def test_titles_name_every_document_that_bore_them(registry):
    refs = find_references(registry, "vi phạm quy định về những điều đảng viên không được làm và trách nhiệm nêu "
                                    "gương của cán bộ, đảng viên.")
    assert [r.candidates for r in refs] == [("47-QĐ/TW", "37-QĐ/TW"), ("101-QĐ/TW", "08-QĐi/TW")]
    assert find_references(registry, "thực hiện nghiêm túc các quy định những điều đảng viên không được làm") == []


@pytest.mark.parametrize("written, canonical", [
    ("Kết luận số 16-KL/TW", "16-KL/TW"), ("16-KL/TW", "16-KL/TW"), ("Quy định số 08-QĐi/TW", "8-QĐ/TW"),
    ("Quy định 262, ngày 8-10 - 2014 của Bộ Chính trị", "262-QĐ/TW"), ("Chỉ thị 25 của Ban Bí thư", "25-CT/TW"),
    ("Chỉ thị 27 của Thủ tướng Chính phủ", None), ("Điều lệ Đảng", None),
])
def test_canonical_numbers(written, canonical):
    from directive_digest.document_numbers import canonical_id
    assert canonical_id(written) == canonical


def test_bare_numbers_settle_on_the_document_cited_in_full():
    from directive_digest.reference_lines import references_in
    registry = load_registry()
    lines = ("Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng.",
             "Nghị quyết 18 đã được triển khai; tiếp tục thực hiện Kết luận 19, chỉ thị 56, Thông báo 50-TB/TW "
             "ngày 17/7/2018 của Ban Bí thư.", "Chỉ thị 32 của Bộ Chính trị về đối ngoại đảng; Chỉ thị 32 nêu rõ.")
    found = [[(r.text, r.directive_id) for r in refs] for refs in references_in(registry, lines)]
    assert found[1] == [("Nghị quyết 18", "18-NQ/TW"), ("Kết luận 19", "19-KL/TW"), ("chỉ thị 56", "56-CT/TW"),
                        ("Thông báo 50-TB/TW", "50-TB/TW")]
    assert found[2] == [("Chỉ thị 32 của Bộ Chính trị", None), ("Chỉ thị 32 của Bộ Chính trị", None)]


def test_the_party_calendar_dates_every_plenum_of_the_registry(registry):
    for d in registry.directives.values():
        if d.plenum:
            meeting = registry.meeting(d.term, d.plenum)
            assert meeting is not None and meeting.start <= d.issued, d.id


@pytest.mark.parametrize("written, directive_id", [
    # An en dash between the number and its suffix, as a portal page writes it.
    ("Ngành văn hóa sau 5 năm thực hiện Nghị quyết số 33 – NQ/TW của Ban chấp hành Trung ương khóa XI", "33-NQ/TW"),
    # Central documents the tuned real articles cite, added with their checked issue dates.
    ("Căn cứ Quy định số 07-QĐ/TW, ngày 28/8/2018 của Bộ Chính trị về xử lý tổ chức đảng vi phạm", "07-QĐi/TW"),
    ("Quy định 262, ngày 8-10 - 2014 của Bộ Chính trị về lấy phiếu tín nhiệm", "262-QĐ/TW"),
    ("Thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp", "35-CT/TW"),
])
def test_references_found_on_real_pages(registry, written, directive_id):
    assert [r.directive_id for r in find_references(registry, written)] == [directive_id]
