"""Every input format and encoding an article arrives in becomes the same Article."""
import json
import unicodedata

import frontmatter
import pytest

from benchmarks.legacy_encodings import cp1258, tcvn3, vni
from directive_digest import build
from directive_digest.readers import InputError, Problem, read_file
from directive_digest.readers.decode import decode_bytes, legacy_encoding
from directive_digest.readers.html import extract_html

TITLE = "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW tại Đảng bộ Khối"
BODY = ("Sáng 20/5/2021, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW "
        "của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n\n"
        "Qua 5 năm, các tổ chức cơ sở đảng đã đưa việc học tập và làm theo Bác thành việc làm thường xuyên, "
        "gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị.\n\n"
        "Hội nghị đã khen thưởng 20 tập thể và 35 cá nhân có thành tích xuất sắc.\n")
ARTICLE = f"{TITLE}\n\n{BODY}"

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{TITLE} - Báo Nghệ An</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Báo Nghệ An">
<meta name="author" content="Minh Châu">
<meta property="article:published_time" content="2021-05-20T08:00:00+07:00">
<link rel="canonical" href="https://baonghean.vn/hoi-nghi-so-ket.html">
<style>body {{ color: red }}</style><script>var tracking = "MENU-SCRIPT";</script>
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự MENU-ITEM</a></li></ul></nav>
<article><h1>{TITLE}</h1>
{"".join(f"<p>{p}</p>" for p in BODY.split(chr(10) * 2) if p.strip())}
<iframe src="https://video.example/embed">IFRAME-TEXT</iframe>
<script>document.write("BODY-SCRIPT")</script>
</article>
<footer><p>Bản quyền © Báo Nghệ An. FOOTER-TEXT Địa chỉ: 123 Lê Hồng Phong.</p></footer>
</body></html>"""


def pages(out):
    return {frontmatter.load(p)["source"]: frontmatter.load(p) for p in out.glob("*/*/*.md") if p.name != "index.md"}


# --- encodings -------------------------------------------------------------------------------

# VNI: a base letter followed by a byte for its marks ("Ñaûng" = "Đảng").
VNI_SAMPLE = ("Hoäi nghò sô keát 5 naêm thöïc hieän Chæ thò 05-CT/TW taïi Ñaûng boä Khoái\n\n"
              "Saùng 20/5/2021, Ñaûng uûy Khoái caùc cô quan tænh toå chöùc hoäi nghò sô keát.\n")


def test_the_vni_writer_writes_vni():
    """benchmarks/legacy_encodings.vni (the measurement's VNI texts) against VNI as written above."""
    text = ("Hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW tại Đảng bộ Khối\n\n"
            "Sáng 20/5/2021, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị sơ kết.\n")
    assert vni(text) == VNI_SAMPLE.encode("cp1252")


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),  # with BOM
    lambda t: t.encode("utf-16-le"),  # no BOM
    lambda t: t.encode("utf-16-be"),
    lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    cp1258,
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "utf16be-nobom", "nfd", "cp1258"])
def test_encodings_decode_to_the_same_nfc_text(encode):
    text = decode_bytes(encode(ARTICLE))
    assert text == unicodedata.normalize("NFC", ARTICLE)


def test_cp1258_really_uses_combining_tones():
    data = cp1258("Đảng")
    assert data == b"\xd0a\xd2ng"  # Đ, a, combining hook above, n, g
    assert decode_bytes(data) == "Đảng"


@pytest.mark.parametrize("data,encoding", [
    (tcvn3(ARTICLE), "TCVN3"),
    (tcvn3(ARTICLE).decode("cp1252", errors="replace").encode("utf-8"), "TCVN3"),  # already mis-converted
    (VNI_SAMPLE.encode("cp1252"), "VNI"),
    (VNI_SAMPLE.encode("utf-8"), "VNI"),
], ids=["tcvn3-bytes", "tcvn3-as-utf8", "vni-bytes", "vni-as-utf8"])
def test_legacy_font_encodings_are_refused_naming_the_encoding(data, encoding):
    with pytest.raises(InputError, match=encoding):
        decode_bytes(data)


def test_tcvn3_signature_is_the_classic_mojibake():
    assert tcvn3("Đảng").decode("cp1252") == "§¶ng"


def test_real_vietnamese_with_a_few_foreign_letters_is_not_legacy():
    text = ARTICLE + "\nĐoàn công tác của ông Müller (Đức) và bà Nuñez thăm Việt Nam © 2021.\n"
    assert legacy_encoding(text) is None


def test_legacy_text_in_a_build_is_reported_and_others_build(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "cu.txt").write_bytes(tcvn3(ARTICLE))
    (src / "vni.txt").write_bytes(VNI_SAMPLE.encode("cp1252"))
    (src / "moi.txt").write_bytes(cp1258(ARTICLE))
    report = build([src], tmp_path / "out")
    reasons = {p.source: p.reason for p in report.problems}
    assert "TCVN3" in reasons["cu.txt"] and "VNI" in reasons["vni.txt"]
    assert pages(tmp_path / "out")["moi.txt"]["title"] == TITLE


# --- HTML ------------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata():
    text, given = extract_html(PAGE.encode("utf-8"))
    assert given == {"title": TITLE, "date": "2021-05-20", "author": "Minh Châu", "outlet": "Báo Nghệ An",
                     "url": "https://baonghean.vn/hoi-nghi-so-ket.html"}
    lines = text.split("\n")
    assert lines[0] == TITLE
    assert lines[1].startswith("Sáng 20/5/2021") and lines[-1].startswith("Hội nghị đã khen thưởng")
    for chrome in ("MENU", "SCRIPT", "IFRAME", "FOOTER", "tracking", "color: red", "<"):
        assert chrome not in text


def test_html_article_builds_with_page_metadata(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "trang đã lưu.html").write_text(PAGE, encoding="utf-8")
    build([src], tmp_path / "out")
    post = pages(tmp_path / "out")["trang đã lưu.html"]
    assert post["title"] == TITLE
    assert post["date"] == "2021-05-20" and post["directive"] == "05-CT/TW"
    assert post["author"] == "Minh Châu" and post["outlet"] == "Báo Nghệ An"
    assert "MENU" not in post.content and "SCRIPT" not in post.content


def test_html_in_a_legacy_charset_is_decoded():
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1258"')
    text, given = extract_html(cp1258(page))
    assert given["title"] == TITLE and "Đảng ủy Khối" in text


def test_html_with_no_article_is_refused(tmp_path):
    with pytest.raises(InputError, match="no article text"):
        extract_html(b"<html><head><title>T</title><script>x()</script></head><body></body></html>")
    src = tmp_path / "in"
    src.mkdir()
    (src / "menu.html").write_text("<html><body><nav><a href='/'>Trang chủ</a></nav><script>x()</script></body>"
                                   "</html>", encoding="utf-8")
    (src / "rong.html").write_text("<html><head><title>Trống</title></head><body></body></html>", encoding="utf-8")
    report = build([src], tmp_path / "out")
    reasons = {p.source: p.reason for p in report.problems}
    assert "no article text" in reasons["rong.html"]
    assert "no article text" in reasons["menu.html"] or "no article text under it" in reasons["menu.html"]


# --- JSON Lines / JSON -----------------------------------------------------------------------

def record(n, **extra):
    return {"title": f"Tin số {n}: hội nghị quán triệt Kết luận 01-KL/TW",
            "text": f"Ngày {n}/3/2022, chi bộ số {n} tổ chức quán triệt Kết luận 01-KL/TW của Bộ Chính trị "
                    f"cho {n + 20} đảng viên.\n\nChi bộ đề ra kế hoạch thực hiện cụ thể.",
            "date": f"2022-03-{n:02d}", "url": f"https://example.vn/tin-{n}", "outlet": "Báo Bắc Giang", **extra}


def test_jsonl_export_gives_one_article_per_line_and_reports_bad_lines(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps(record(1), ensure_ascii=False),
             "{not json",
             json.dumps(record(2), ensure_ascii=False),
             "",
             json.dumps(["a", "list"]),
             json.dumps({"title": "Không có nội dung"}),
             json.dumps(record(3, date="30/02/2022"), ensure_ascii=False),
             json.dumps(record(4, title={"nested": 1}), ensure_ascii=False),
             json.dumps({"html": PAGE}, ensure_ascii=False),
             json.dumps(record(5), ensure_ascii=False)]
    (src / "xuất dữ liệu.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build([src], tmp_path / "out")
    reasons = {p.source: p.reason for p in report.problems}
    assert set(reasons) == {"xuất dữ liệu.jsonl#2", "xuất dữ liệu.jsonl#5", "xuất dữ liệu.jsonl#6",
                            "xuất dữ liệu.jsonl#7", "xuất dữ liệu.jsonl#8"}
    assert reasons["xuất dữ liệu.jsonl#2"].startswith("line 2 is not valid JSON")
    assert "must be a JSON object" in reasons["xuất dữ liệu.jsonl#5"]
    assert "no 'text' or 'html'" in reasons["xuất dữ liệu.jsonl#6"]
    assert "30/02/2022" in reasons["xuất dữ liệu.jsonl#7"] and "not a real date" in reasons["xuất dữ liệu.jsonl#7"]
    assert "'title' must be a string" in reasons["xuất dữ liệu.jsonl#8"]
    built = pages(tmp_path / "out")
    assert set(built) == {"xuất dữ liệu.jsonl#1", "xuất dữ liệu.jsonl#3", "xuất dữ liệu.jsonl#9",
                          "xuất dữ liệu.jsonl#10"}
    assert built["xuất dữ liệu.jsonl#3"]["title"] == record(2)["title"]
    assert built["xuất dữ liệu.jsonl#3"]["date"] == "2022-03-02"
    assert built["xuất dữ liệu.jsonl#3"]["outlet"] == "Báo Bắc Giang"
    assert built["xuất dữ liệu.jsonl#9"]["title"] == TITLE  # a record carrying a saved page


@pytest.mark.parametrize("shape", ["list", "wrapped", "single"])
def test_json_export_shapes(tmp_path, shape):
    records = [record(1), record(2)]
    data = {"list": records, "wrapped": {"articles": records}, "single": records[0]}[shape]
    src = tmp_path / "in"
    src.mkdir()
    (src / "export.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert report.problems == []
    expected = {"export.json"} if shape == "single" else {"export.json#1", "export.json#2"}
    assert set(pages(tmp_path / "out")) == expected


def test_read_file_returns_problems_beside_articles(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record(1), ensure_ascii=False) + "\n[1,\n", encoding="utf-8")
    items = read_file(path, tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "Problem"]
    assert isinstance(items[1], Problem) and items[1].source == "a.jsonl#2"


# --- directories and file names --------------------------------------------------------------

def test_directories_recursively_with_vietnamese_names_and_spaces(tmp_path):
    src = tmp_path / "bài viết"
    (src / "Hà Tĩnh" / "tháng 5").mkdir(parents=True)
    (src / "Hà Tĩnh" / "tháng 5" / "Sơ kết Chỉ thị 05 (bản cuối).txt").write_text(ARTICLE, encoding="utf-8")
    (src / "Nghệ An").mkdir()
    (src / "Nghệ An" / "trang web.htm").write_text(PAGE.replace(BODY.split("\n")[0], "Chiều 21/5/2021, Huyện ủy "
                                                              "tổng kết phong trào thi đua yêu nước năm 2021."),
                                                 encoding="utf-8")
    (src / "Nghệ An" / "ghi chú.docx").write_bytes(b"PK\x03\x04")  # not an article type: reported
    (src / "Nghệ An" / "ảnh.png").write_bytes(b"\x89PNG")  # a picture: ignored
    (src / ".nháp").mkdir()
    (src / ".nháp" / "bỏ qua.txt").write_text(ARTICLE, encoding="utf-8")  # hidden: ignored
    unicodedata_nfd = unicodedata.normalize("NFD", "Quảng Ninh")
    (src / unicodedata_nfd).mkdir()  # macOS writes decomposed names
    (src / unicodedata_nfd / "bài.md").write_text(  # a different article: copies would be merged as syndicated
        "---\ntitle: Bài từ máy Mac\n---\nNgày 3/4/2022, chi bộ khu phố 5 tổ chức quán triệt Kết luận 01-KL/TW "
        "của Bộ Chính trị cho 40 đảng viên.\n", encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert [(p.source, p.reason.split(" (")[0]) for p in report.problems] == [
        ("Nghệ An/ghi chú.docx", "not an article format")]
    built = pages(tmp_path / "out")
    assert set(built) == {"Hà Tĩnh/tháng 5/Sơ kết Chỉ thị 05 (bản cuối).txt", "Nghệ An/trang web.htm",
                          f"{unicodedata_nfd}/bài.md"}
    # Output paths are ASCII slugs, whatever the input names were.
    for path in (tmp_path / "out").rglob("*.md"):
        assert path.relative_to(tmp_path / "out").as_posix().isascii()


# --- property-based: no input makes a reader or the cleaner crash -----------------------------

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from directive_digest.clean import clean  # noqa: E402
from directive_digest.article import Article  # noqa: E402

ANY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ANY
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                      st.text(max_size=100).map(lambda t: t.encode("utf-16")),
                      st.text(alphabet="aeiouyđĐ ñÑøûïäöæ§¶¬®¸µ¹", max_size=60).map(
                          lambda t: t.encode("cp1252", errors="replace"))))
@example(data=b"\xff\xfe")
@example(data=b"\xef\xbb\xbf")
def test_any_bytes_decode_to_nfc_text_or_a_reason(data):
    try:
        text = decode_bytes(data)
    except InputError as error:
        assert str(error)
        return
    assert text == unicodedata.normalize("NFC", text)
    assert not any(ord(c) < 32 and c not in "\n\r\t" for c in text)


@ANY
@given(html=st.one_of(st.text(max_size=300),
                      st.lists(st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<article>", "<h1>", "<nav>",
                                                "<iframe src='x'>", "<!--", "<meta property='og:title' content='",
                                                "'>", "Đảng ủy Khối tổ chức hội nghị.", "<title>", "</title>",
                                                "&lt;", "&amp;", "<![CDATA[", "]]>", "\x00", "<?xml?>"]),
                               max_size=30).map("".join)))
def test_any_html_extracts_to_text_or_a_reason(html):
    try:
        text, given = extract_html(html)
    except InputError as error:
        assert str(error)
        return
    assert isinstance(text, str) and text.strip()
    assert all(isinstance(v, str) and v for v in given.values())


@ANY
@given(text=st.text(max_size=500), title=st.one_of(st.none(), st.text(max_size=50)))
def test_clean_never_raises(text, title):
    article = clean(Article(source="a.txt", text=text, given={"title": title} if title else {}))
    assert isinstance(article.title, str)
    assert all(block.text.strip() for block in article.blocks)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1258"])
def test_sidecar_override_saved_by_notepad(tmp_path, encoding):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    sidecar = "author: Nguyễn Văn Bình\ndate: 2021-05-21\n"
    data = cp1258(sidecar) if encoding == "cp1258" else sidecar.encode(encoding)
    (src / "bai.override.yaml").write_bytes(data)
    report = build([src], tmp_path / "out")
    assert report.problems == []
    post = pages(tmp_path / "out")["bai.txt"]
    assert post["author"] == "Nguyễn Văn Bình" and post["date"] == "2021-05-21"


def test_sidecar_in_a_legacy_encoding_is_reported(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "bai.override.yaml").write_bytes(tcvn3("author: Nguyễn Văn Bình Đảng ủy Khối\n"))
    report = build([src], tmp_path / "out")
    [problem] = report.problems
    assert problem.source == "bai.txt" and "bai.override.yaml" in problem.reason and "TCVN3" in problem.reason


@pytest.mark.parametrize("headline,encoding", [
    (tcvn3(TITLE).decode("cp1252"), "TCVN3"),
    ("Hoäi nghò sô keát Chæ thò 05 taïi Ñaûng boä Khoái", "VNI"),
])
def test_a_legacy_headline_over_a_unicode_body_is_refused(headline, encoding):
    with pytest.raises(InputError, match=encoding):
        decode_bytes((headline + "\n\n" + BODY * 5).encode("utf-8"))


def test_foreign_names_in_one_line_are_not_legacy():
    line = "Đoàn của ông Müller, bà Nuñez và ông Gößling (Đức, Tây Ban Nha, Áo) thăm Đảng bộ Khối © 2021.\n"
    assert legacy_encoding(TITLE + "\n\n" + line + BODY) is None


def test_front_matter_directives_as_one_string_is_one_reference(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bai.md").write_text("---\ndirectives: 01-KL/TW\n---\n" + ARTICLE, encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert report.problems == []
    assert pages(tmp_path / "out")["bai.md"]["directives"] == ["01-KL/TW"]


def test_a_json_file_that_is_not_an_export_is_one_problem_not_one_per_record(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "labels.json").write_text(json.dumps([{"file": "bai.txt", "year": 2021}] * 5), encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert [(p.source, p.reason) for p in report.problems] == [
        ("labels.json", "not an article export: none of its 5 records has 'text' or 'html'")]
    assert set(pages(tmp_path / "out")) == {"bai.txt"}
