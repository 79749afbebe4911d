"""Bad input: each case is reported with the file and the reason; every other article builds;
no traceback ever reaches the user."""
import json
import subprocess
import sys

import frontmatter
import pytest

from conftest import ROOT
from directive_digest import build, cli, stages
from directive_digest.readers import READERS

build_module = sys.modules["directive_digest.build"]

GOOD = ("Hội nghị sơ kết Chỉ thị 05-CT/TW tại Đảng bộ Khối\n\n"
        "Sáng 20/5/2021, Đảng ủy Khối tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW với 300 đảng viên "
        "tham dự.\n\nHội nghị đã khen thưởng 20 tập thể và 35 cá nhân có thành tích xuất sắc.\n")
OTHER = ("Quán triệt Kết luận 01-KL/TW tại chi bộ khu phố\n\n"
         "Ngày 3/4/2022, chi bộ khu phố 5 tổ chức quán triệt Kết luận 01-KL/TW của Bộ Chính trị cho 40 đảng viên.\n")
LONG_PARAGRAPH = "Đảng ủy Khối tổ chức hội nghị sơ kết thực hiện Chỉ thị 05-CT/TW với nhiều kết quả tích cực. "

# (file name, content, what the reason must say)
CASES = [
    ("rong.txt", b"", "empty file"),
    ("khoang trang.txt", b"  \n\n\t  \r\n   \n", "empty"),
    ("nhi phan.txt", bytes(range(256)) * 16, "binary"),
    ("anh.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    ("tai lieu.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    ("word.md", b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "ZIP archive"),
    ("dieu khien.txt", ("Tiêu đề\n\n" + "\x01\x02\x03\x04\x05\x06" * 50).encode(), "control characters"),
    ("khong phai utf8.txt", b"Ti\x81u \x8d\x8f \x90\x9d\x9e" * 20, "not UTF-8, UTF-16 or Windows-1258"),
    ("utf16 hong.txt", b"\xff\xfeH\x00i\x00\x00", "not valid UTF-16"),
    ("chi tieu de.txt", "Chỉ một tiêu đề, không có bài\n".encode(), "a headline with no article text under it"),
    ("dong dai.txt", ("Đảng ủy " * 700 + "\n\n" + GOOD).encode(), "the headline (first line) is 5,"),
    ("qua lon.txt", ("Bài rất dài\n\n" + LONG_PARAGRAPH * 30_000).encode(), "characters; at most 500,000"),
    ("front matter hong.md", b"---\ntitle: [chua dong\n---\n" + GOOD.encode(), "broken front matter"),
    ("front matter mo.md", b"---\ntitle: Kh\xc3\xb4ng \xc4\x91\xc3\xb3ng\n\n" + GOOD.encode(), "no closing '---'"),
    ("front matter ngay.md", b"---\ndate: 2021-02-30\n---\n" + GOOD.encode(), "day is out of range for month"),
    ("ngay sai.md", b"---\ndate: 30/02/2021\n---\n" + GOOD.encode(), "override date '30/02/2021' is not a date"),
    ("nam sai.md", b"---\nyear: 20211\n---\n" + GOOD.encode(), "override year 20211 is outside"),
    ("tieu de danh sach.md", b"---\ntitle: [a, b]\n---\n" + GOOD.encode(), "field 'title' must be text"),
    ("python tag.md", b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n" + GOOD.encode(),
     "broken front matter"),
    ("json hong.json", b'{"title": "x", "text": ', "not valid JSON"),
    ("json rong.json", b"[]", "non-empty list"),
    ("dong hong.jsonl", b'{"title": "x", "text": \n', "line 1 is not valid JSON"),
    ("loai la.jsonl", b'"just a string"\n', "must be a JSON object"),
    ("long sau.json", b"[" * 100_000, "nested too deeply"),
    ("long sau.jsonl", b"[" * 100_000 + b"\n", "line 1 is not an article record: JSON nested too deeply"),
]


def write_inputs(src, cases):
    src.mkdir(exist_ok=True)
    (src / "tot.txt").write_text(GOOD, encoding="utf-8")
    (src / "khac.txt").write_text(OTHER, encoding="utf-8")
    for name, data, _ in cases:
        (src / name).write_bytes(data)


def built_sources(out):
    return {frontmatter.load(p)["source"] for p in out.glob("*/*/*.md") if p.name != "index.md"}


@pytest.mark.parametrize("name,data,reason", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_and_the_rest_builds(tmp_path, name, data, reason):
    src = tmp_path / "in"
    write_inputs(src, [(name, data, reason)])
    report = build([src], tmp_path / "out")
    problems = {p.source.split("#")[0]: p.reason for p in report.problems}
    assert set(problems) == {name}, problems
    assert reason in problems[name]
    assert built_sources(tmp_path / "out") == {"tot.txt", "khac.txt"}


def test_oversized_file_is_refused_before_reading(tmp_path):
    src = tmp_path / "in"
    write_inputs(src, [])
    with open(src / "khong lo.txt", "wb") as handle:
        handle.truncate(11_000_000)  # sparse: 11 MB of NULs without writing them
    report = build([src], tmp_path / "out")
    [problem] = report.problems
    assert problem.source == "khong lo.txt" and "11.0 MB" in problem.reason and "at most 10 MB" in problem.reason
    assert built_sources(tmp_path / "out") == {"tot.txt", "khac.txt"}


def test_every_case_at_once_through_the_cli(tmp_path):
    """The user's view: one warning per bad input on stderr, the same in the JSON report, no traceback."""
    src = tmp_path / "in"
    write_inputs(src, CASES)
    out, report_file = tmp_path / "out", tmp_path / "report.json"
    args = [sys.executable, str(ROOT / "build_digest.py"), "--input", str(src), "--output", str(out),
            "--report", str(report_file)]
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr + result.stdout
    report = json.loads(report_file.read_text(encoding="utf-8"))
    reported = {p["source"].split("#")[0]: p["reason"] for p in report["problems"]}
    assert set(reported) == {name for name, _, _ in CASES}
    for name, _, reason in CASES:
        assert reason in reported[name]
        assert f"warning: {name}" in result.stderr
    assert report["articles"] == 2 and built_sources(out) == {"tot.txt", "khac.txt"}
    strict = subprocess.run(args + ["--strict"], capture_output=True, text=True)
    assert strict.returncode == 1 and "Traceback" not in strict.stderr


def test_duplicate_articles_keep_one_and_report_the_other(tmp_path):
    src = tmp_path / "in"
    write_inputs(src, [])
    (src / "ban sao").mkdir()
    # Same words, different line endings, spacing and Unicode form: the same article.
    import unicodedata
    copy = unicodedata.normalize("NFD", GOOD).replace("\n", "\r\n").replace(" tham dự", "  tham dự")
    (src / "ban sao" / "tot.txt").write_text(copy, encoding="utf-8")
    report = build([src], tmp_path / "out")
    [problem] = report.problems
    assert problem.source == "tot.txt" and "same text as ban sao/tot.txt" in problem.reason
    assert built_sources(tmp_path / "out") == {"ban sao/tot.txt", "khac.txt"}


def test_two_articles_wanting_the_same_slug_both_get_pages(tmp_path):
    """Same headline, same day, different articles (two outlets' own reports): three pages."""
    src = tmp_path / "in"
    src.mkdir()
    head = "Hội nghị sơ kết Chỉ thị 05-CT/TW tại Đảng bộ Khối\n\nSáng 20/5/2021, "
    bodies = ["Đảng ủy Khối tổ chức hội nghị với 300 đảng viên tham dự, biểu dương nhiều tập thể điển hình.",
              "các chi bộ trực thuộc trao đổi kinh nghiệm xây dựng mô hình dân vận khéo ở khu dân cư.",
              "đồng chí Bí thư phát biểu chỉ đạo, yêu cầu gắn việc học tập với chỉnh đốn Đảng trong cơ quan."]
    (src / "a.txt").write_text(head + bodies[0] + "\n", encoding="utf-8")
    (src / "b.txt").write_text(head + bodies[1] + "\n", encoding="utf-8")
    (src / "c.md").write_text("---\nslug: 2021-05-20-hoi-nghi-so-ket-chi-thi-05-ct-tw-tai-dang-bo-khoi\n---\n"
                              + head + bodies[2] + "\n", encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert report.problems == []
    pages = sorted(p.name for p in (tmp_path / "out").glob("*/2021/*.md") if p.name != "index.md")
    assert len(pages) == 3 and len(set(pages)) == 3
    assert "2021-05-20-hoi-nghi-so-ket-chi-thi-05-ct-tw-tai-dang-bo-khoi.md" in pages
    assert "2021-05-20-hoi-nghi-so-ket-chi-thi-05-ct-tw-tai-dang-bo-khoi-2.md" in pages


def test_impossible_date_in_the_text_is_not_used(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD.replace("Sáng 20/5/2021", "Sáng 30/2/2021"), encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert report.problems == []
    [page] = [p for p in (tmp_path / "out").glob("*/*/*.md") if p.name != "index.md"]
    assert frontmatter.load(page)["date"] != "2021-02-30"


def test_a_bug_in_a_stage_costs_one_article_not_the_build(tmp_path, monkeypatch):
    src = tmp_path / "in"
    write_inputs(src, [])
    real = stages.classify

    def buggy(article, registry, *found):
        if article.source == "khac.txt":
            raise ZeroDivisionError("division by zero")
        return real(article, registry, *found)

    monkeypatch.setattr(stages, "classify", buggy)
    report = build([src], tmp_path / "out")
    [problem] = report.problems
    assert problem.source == "khac.txt"
    assert problem.reason.startswith("internal error: ZeroDivisionError: division by zero")
    assert built_sources(tmp_path / "out") == {"tot.txt"}


def test_a_bug_in_a_reader_costs_one_file(tmp_path, monkeypatch):
    src = tmp_path / "in"
    write_inputs(src, [])
    real = READERS[".txt"]

    def buggy(path, source):
        if source == "khac.txt":
            raise KeyError("oops")
        return real(path, source)

    monkeypatch.setitem(READERS, ".txt", buggy)
    report = build([src], tmp_path / "out")
    assert [(p.source, p.reason.split(":")[0]) for p in report.problems] == [("khac.txt", "internal error")]
    assert built_sources(tmp_path / "out") == {"tot.txt"}


@pytest.mark.parametrize("error,status,message", [
    (RuntimeError("renderer exploded"), 3, "internal error: RuntimeError: renderer exploded"),
    (PermissionError(13, "Permission denied", "content/x.md"), 3, "cannot write content/x.md: Permission denied"),
    (KeyboardInterrupt(), 130, "interrupted"),
])
def test_cli_reports_a_failed_build_without_a_traceback(tmp_path, monkeypatch, capsys, error, status, message):
    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(cli, "build", failing)
    src = tmp_path / "in"
    write_inputs(src, [])
    assert cli.main(["--input", str(src), "--output", str(tmp_path / "out"), "--report",
                     str(tmp_path / "r.json")]) == status
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "previous output is left as it was" in err


def test_documents_and_named_files_of_other_types_are_reported_not_skipped_silently(tmp_path):
    src = tmp_path / "in"
    write_inputs(src, [])
    (src / "bản gốc.docx").write_bytes(b"PK\x03\x04")
    (src / "ảnh.jpg").write_bytes(b"\xff\xd8\xff")  # pictures beside articles: ignored quietly
    (src / "tot.override.yaml").write_text("author: Minh Châu\n", encoding="utf-8")
    named = tmp_path / "bài.rtf"
    named.write_bytes(b"{\\rtf1}")
    report = build([src, named], tmp_path / "out")
    reasons = {p.source: p.reason for p in report.problems}
    assert set(reasons) == {"bản gốc.docx", "bài.rtf"}
    assert all("not an article format" in r and ".txt" in r for r in reasons.values())
    assert built_sources(tmp_path / "out") == {"tot.txt", "khac.txt"}


def test_same_text_credited_to_another_outlet_is_a_syndicated_copy_not_a_duplicate(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    records = [{"text": GOOD, "outlet": "Báo Nghệ An"}, {"text": GOOD, "outlet": "Báo Hà Tĩnh"}, {"text": GOOD,
                                                                                                "outlet": "Báo Nghệ An"}]
    (src / "xuat.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    report = build([src], tmp_path / "out")
    assert [(p.source, p.reason) for p in report.problems] == [
        ("xuat.jsonl#3", "duplicate: same text as xuat.jsonl#1; skipped")]
    [page] = [p for p in (tmp_path / "out").glob("*/*/*.md") if p.name != "index.md"]
    post = frontmatter.load(page)
    assert post["source"] == "xuat.jsonl#1"
    assert [copy["source"] for copy in post["also_published"]] == ["xuat.jsonl#2"]
