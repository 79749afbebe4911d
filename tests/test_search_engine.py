"""The search engine's parts: folding and tokenizing (Python and the browser's JavaScript
alike), reading pages into documents, the index format, and ranking.

Ranking runs the site's own script (overrides/assets/javascripts/digest-search.js) in Node
(tests/search_node.js) on an index that directive_digest.search writes from small pages.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, need
from directive_digest.search import build
from directive_digest.search.documents import read_documents, sections
from directive_digest.search.text import fnv1a, tokens
from directive_digest.search.writer import ALPHABET, IndexWriter, decode, decode_postings, dense, encode
from directive_digest.vntext import fold, match_key

NODE = shutil.which("node")


def _node(site: Path, request: dict) -> dict:
    need(NODE is not None, "Node.js is not installed (make test installs Debian's nodejs)")
    out = subprocess.run([NODE, str(ROOT / "tests" / "search_node.js"), str(site)], input=json.dumps(request),
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# --- Folding and tokenizing: Python and JavaScript agree ----------------------------------

HARD_CASES = [
    "Đảng ủy Sở VHTT", "Đảng uỷ Sở VHTT", "ĐẢNG ỦY", unicodedata.normalize("NFD", "Đảng ủy Khối"),
    "Ðảng (eth) ðoàn", "hòa bình, hoà bình", "khỏe khoẻ KHỎE", "thủy lợi thuỷ lợi", "Quý thuở của mùa",
    "hoặc hoàng hoạ hòa", "nghiêng ngả", "Nguyễn Thị Minh Khai", "TP.HCM", "TP. Hồ Chí Minh",
    "Bà Rịa – Vũng Tàu", "4.725 đảng viên", "2,5 tỷ đồng", "1.254,75", "05-CT/TW", "Quy định 08-QĐi/TW",
    "v.v.", "COVID-19", "số 15/5/2016", "a\u00a0b\u200bc d\u00ade", "ＡＢＣ", "Москва", "Ελλάδα", "İstanbul",
    "x.Phú Mỹ", "Đắk Lắk", "Ư Ơ ư ơ ă â ê ô", "“Nhà đồng đội”", "tăng 12%", "e\u0301\u0323", "ÀÁẢÃẠ àáảãạ",
    "giặc giã", "uyển chuyển", "thuở xưa", "quyết tâm", "ỦY BAN NHÂN DÂN", "Thủ tướng", "người đứng đầu",
    "a_b", "x²", "①②", "½", "café naïve",
]


def test_python_and_javascript_fold_and_tokenize_alike():
    answer = _node(ROOT / "site-does-not-matter", {"text": HARD_CASES})["text"]
    for text, js in zip(HARD_CASES, answer):
        assert js["matchKey"] == match_key(text), text
        assert js["tokens"] == [e for e, _ in tokens(text)], text
        assert js["folded"] == [f for _, f in tokens(text)], text
        assert js["fold"] == fold(text).lower(), text
        assert js["fnv1a"] == fnv1a(text), text


def test_tokens_keep_numbers_and_split_references():
    assert [f for _, f in tokens("Chỉ thị 05-CT/TW: 4.725 đảng viên, 2,5 tỷ.")] == [
        "chi", "thi", "05", "ct", "tw", "4.725", "dang", "vien", "2,5", "ty"]
    assert tokens("Đảng ỦY") == [("đảng", "dang"), ("uỷ", "uy")]
    assert tokens("hòa") == tokens("hoà") == [("hoà", "hoa")]  # one tone-mark style
    assert tokens("bản") != tokens("ban") and tokens("bản")[0][1] == "ban"  # exact keys differ, folded agree


# --- The index format ----------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10 ** 9), max_size=40))
def test_varints_decode_to_what_was_encoded(values):
    data = "".join(encode(v) for v in values)
    assert set(data) <= set(ALPHABET)
    assert decode(data) == values


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=300).flatmap(lambda n: st.tuples(
    st.just(n), st.sets(st.integers(min_value=0, max_value=n - 1), min_size=1))), st.randoms())
def test_dense_lists_decode_to_their_documents_and_impacts(n_docs, rnd):
    n, docs = n_docs
    docs = sorted(docs)
    impacts = [rnd.randint(1, 31) for _ in docs]
    assert decode_postings(dense(docs, impacts, n), n) == list(zip(docs, impacts))


def test_the_browser_decodes_both_forms_of_postings(tmp_path):
    sparse = "".join(encode(g) + encode(v) for g, v in [(3, 2), (0, 31), (40, 7)])
    lists = [[sparse, 100], [dense([0, 5, 6, 63, 99], [1, 2, 3, 31, 4], 100), 100]]
    answer = _node(tmp_path, {"decode": lists})["decode"]
    assert answer[0] == [[3, 4, 45], [2, 31, 7]]
    assert answer[1] == [[0, 5, 6, 63, 99], [1, 2, 3, 31, 4]]
    assert decode_postings(lists[0][0], 100) == list(zip(*answer[0]))


def _script_data(path: Path):
    """The data a shard hands to DigestSearch.load."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith('DigestSearch.load("') and text.endswith(")\n")
    return json.loads(text[text.index(",") + 1:-2])


def test_common_words_are_bitmaps_and_impacts_fit_one_digit(tmp_path):
    import math

    from directive_digest.search.documents import Document
    writer = IndexWriter()
    bodies = ["đảng " * (40 if i == 3 else 1) + ("hiếm" if i == 5 else "") for i in range(16)]
    for i, body in enumerate(bodies):
        writer.add(Document(f"{i}.html", "page", "t", {"body": [body]}))
    writer.write(str(tmp_path / "search"))
    words = {}
    for shard in (tmp_path / "search" / "t").glob("*.js"):
        words.update(_script_data(shard))
    (_, _, common), = words["dang"]
    (_, _, rare), = words["hiem"]
    lengths = [len(body.split()) for body in bodies]
    avgdl = sum(lengths) / len(lengths)

    def digit(doc: int, count: int) -> int:  # BM25's length-normalised tf, round(8 ln(1 + tf))
        return round(8 * math.log(1 + count / (0.25 + 0.75 * lengths[doc] / avgdl)))

    assert common.startswith("~") and len(common) == 1 + 3 + 16  # 16 documents: 3 bitmap digits, 16 impacts
    assert dict(decode_postings(common, 16))[3] == digit(3, 40) > digit(0, 1)
    assert not rare.startswith("~") and decode_postings(rare, 16) == [(5, digit(5, 1))]


# --- Pages into documents ------------------------------------------------------------------

def _page(root: Path, rel: str, meta: dict, body: str) -> None:
    import yaml
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body, encoding="utf-8")


ARTICLE_BODY = """# Tiêu đề bài

!!! abstract "Tóm tắt"

    Câu tóm tắt của bài.

## Ý chính

- Ý chính \\*một\\* với [liên kết](<../x.md>)

## Số liệu chính { #so-lieu-chinh }

| Số liệu | Nội dung | Câu trích |
|---|---|---|
| 4.725 | đảng viên | Câu trích dài. |

## Toàn văn

Đoạn một có cụm từ &lt;b&gt; Hội thi Bí thư chi bộ giỏi.

*Ảnh minh hoạ*{ .caption }

### Mục nhỏ

Đoạn hai.
"""


def test_pages_become_documents_by_kind(tmp_path):
    content = tmp_path / "content"
    _page(content, "chi-thi-05/index.md", {"title": "Chỉ thị 05 (05-CT/TW)", "kind": "directive", "directive": "05-CT/TW"},
          "# Chỉ thị 05 (05-CT/TW)\n\n| Thông tin | Chi tiết |\n|---|---|\n| Tên đầy đủ | Chỉ thị số 05 |\n\n"
          "## Theo năm\n\n- [Năm 2021](<2021/index.md>): 2 bài\n")
    _page(content, "chi-thi-05/2021/index.md", {"title": "Năm 2021", "kind": "year", "directive": "05-CT/TW", "year": 2021},
          "# Chỉ thị 05 (05-CT/TW) — Năm 2021\n\n- [Bài](<bai.md>) lists every article\n")
    _page(content, "chi-thi-05/2021/trang/2.md", {"title": "Năm 2021", "kind": "year", "page": 2}, "# Trang 2\n")
    _page(content, "chi-thi-05/2021/bai.md", {
        "title": "Tiêu đề bài", "kind": "article", "source": "a.txt", "date": "2021-06-25", "year": 2021, "directive": "05-CT/TW",
        "directives": ["05-CT/TW"], "outlet": "Báo A", "author": "Thu Phương", "summary": "Câu tóm tắt của bài.",
        "key_figures": [{"figure": "4.725", "counts": "đảng viên", "sentence": "Câu trích dài."}], "tags": ["Nghệ An"]},
        ARTICLE_BODY)
    _page(content, "the/nghe-an/index.md", {"title": "Nghệ An", "kind": "tag", "search": {"exclude": True}}, "# Thẻ\n")
    (content / "_digest").mkdir()
    (content / "_digest" / "overview.md").write_text("fragment\n", encoding="utf-8")
    (content / "gioi-thieu.md").write_text("# Giới thiệu\n\nTrang viết tay.\n", encoding="utf-8")

    docs = {d.url: d for d in read_documents(str(content))}
    assert sorted(docs) == ["chi-thi-05/2021/bai.html", "chi-thi-05/2021/index.html", "chi-thi-05/index.html",
                            "gioi-thieu.html"]
    article = docs["chi-thi-05/2021/bai.html"]
    assert article.fields["title"] == ["Tiêu đề bài"]
    assert article.fields["header"] == ["Báo A", "Thu Phương", "Chỉ thị 05 (05-CT/TW)", "25/06/2021", "Nghệ An"]
    assert article.fields["lead"] == ["Câu tóm tắt của bài.", "Ý chính *một* với liên kết", "4.725 đảng viên"]
    assert article.fields["body"] == ["Đoạn một có cụm từ <b> Hội thi Bí thư chi bộ giỏi.", "Ảnh minh hoạ", "Mục nhỏ",
                                      "Đoạn hai."]
    assert article.meta == "Chỉ thị 05 (05-CT/TW) · 2021 · 25/06/2021 · Báo A"
    assert "Câu trích dài" not in article.text  # the figures table is not text of the article
    directive = docs["chi-thi-05/index.html"]
    assert directive.fields["body"] == ["Thông tin · Chi tiết", "Tên đầy đủ · Chỉ thị số 05"]  # not its lists
    year = docs["chi-thi-05/2021/index.html"]
    assert year.title == "Chỉ thị 05 (05-CT/TW) — Năm 2021" and year.fields == {"title": [year.title]}
    assert docs["gioi-thieu.html"].title == "Giới thiệu" and docs["gioi-thieu.html"].text == "Trang viết tay."


def test_a_page_that_cannot_be_read_is_reported_and_the_others_indexed(tmp_path):
    content = tmp_path / "content"
    _page(content, "a.md", {"title": "Trang A"}, "# Trang A\n\nchữ\n")
    (content / "b.md").write_text("---\ntitle: [broken\n---\n\ntext\n", encoding="utf-8")
    (content / "c.md").write_bytes(b"\xff\xfe not utf-8 \xff")
    errors = []
    docs = read_documents(str(content), on_error=lambda path, reason: errors.append(path))
    assert [d.url for d in docs] == ["a.html"]
    assert sorted(errors) == ["b.md", "c.md"]


def test_sections_read_markdown_as_the_reader_sees_it():
    assert sections("intro\n\n## A\n\n- x\n- y\n\npara one\nstill one\n") == [("", ["intro"]), ("A", ["x", "y", "para one still one"])]


# --- Ranking, in the site's own script ------------------------------------------------------

DOCS = {
    # url: (title, full text)
    "run.md": ("Hội nghị", "Đẩy mạnh chuyển đổi số trong cơ quan."),
    "apart.md": ("Hội nghị khác", "Chuyển giao công nghệ, đổi mới cách làm, số hoá hồ sơ."),
    "only-two.md": ("Tin", "Chuyển đổi mô hình."),
    "ban.md": ("Tin ban", "Ban thường vụ họp bàn việc."),
    "ban-exact.md": ("Tin bản", "Chi bộ bản Pá Khoang họp."),
    "title.md": ("Nêu gương người đứng đầu", "Bài về cán bộ."),
    "body.md": ("Tin khác", "Bài có nói nêu gương một lần trong đoạn dài về cán bộ và đảng viên ở cơ sở."),
    "phrase.md": ("Hội thi", "Hội thi Bí thư chi bộ giỏi năm nay."),
    "scattered.md": ("Tin thi", "Bí thư dự hội thi; chi bộ giỏi được khen."),
}


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tiny")
    content = root / "content"
    for rel, (title, text) in DOCS.items():
        _page(content, f"d/2020/{rel}", {"title": title, "source": rel, "year": 2020}, f"# {title}\n\n## Toàn văn\n\n{text}\n")
    build(str(content), str(root / "site" / "search"))
    return root / "site"


def _ranked(site: Path, *queries: str) -> list[list[str]]:
    answers = _node(site, {"queries": list(queries)})["queries"]
    return [[u.rsplit("/", 1)[1].replace(".html", ".md") for u in a["urls"]] for a in answers]


def test_every_word_must_match(tiny_site):
    [found] = _ranked(tiny_site, "chuyển đổi số ")
    assert set(found) == {"run.md", "apart.md"}  # only-two.md has no "số"


def test_adjacent_syllables_rank_first(tiny_site):
    [found] = _ranked(tiny_site, "chuyển đổi số ")
    assert found[0] == "run.md"


def test_exact_diacritics_rank_above_folded(tiny_site):
    exact, folded = _ranked(tiny_site, "bản ", "ban ")
    assert exact[0] == "ban-exact.md" and set(exact) == {"ban-exact.md", "ban.md"}
    assert set(folded) == set(exact)


def test_title_weighs_more_than_text(tiny_site):
    [found] = _ranked(tiny_site, "nêu gương ")
    assert found[:2] == ["title.md", "body.md"]


def test_quoted_phrase_matches_only_the_run(tiny_site):
    quoted, loose = _ranked(tiny_site, '"Bí thư chi bộ giỏi"', "Bí thư chi bộ giỏi ")
    assert quoted == ["phrase.md"]
    assert set(loose) == {"phrase.md", "scattered.md"} and loose[0] == "phrase.md"


def test_last_word_is_a_prefix_while_typing(tiny_site):
    typing, typed, done = _ranked(tiny_site, "nêu gươ", "neu guong", "nêu gươ ")
    assert typing[:2] == ["title.md", "body.md"] and typed[:2] == typing[:2]
    assert done == []  # followed by a space, "gươ" is a whole word: none
