"""Syndicated copies become one digest listing every place the article was published."""
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ARTICLES
from directive_digest.article import PARAGRAPH, Article, Block
from directive_digest.build import understand
from directive_digest.readers import read_file
from directive_digest.registry import load_registry
from directive_digest.syndication import candidate_pairs, jaccard, merge_syndicated, shingles

ORIGINAL = "bac-giang/luc-ngan-ket-luan-01.txt"
COPY = "trung-uong/Lục Ngạn đưa Kết luận 01 vào chi bộ.txt"


def sample_articles():
    registry = load_registry()
    return [understand(read_file(p, ARTICLES)[0], registry) for p in sorted(ARTICLES.rglob("*.txt"))]


def test_the_sample_near_copy_is_merged_into_the_original():
    articles = sample_articles()
    result = merge_syndicated(articles)
    assert result.merged == 1
    assert len(result.kept) == len(articles) - 1
    [merged] = [a for a in result.kept if a.also_published]
    assert merged.source == ORIGINAL  # the copy credits "Theo Báo Bắc Giang": it is not the original
    assert merged.also_published == [{"outlet": "Báo Bắc Giang", "source": COPY, "date": "2022-04-13",
                                       "credit": "Theo Báo Bắc Giang"}]
    assert COPY not in {a.source for a in result.kept}


def test_merging_does_not_depend_on_input_order():
    expected = [(a.source, a.also_published) for a in merge_syndicated(sample_articles()).kept]
    shuffled = sample_articles()
    random.Random(4).shuffle(shuffled)
    got = sorted((a.source, a.also_published) for a in merge_syndicated(shuffled).kept)
    assert got == sorted(expected)


def test_different_articles_on_the_same_directive_stay_apart():
    articles = sample_articles()
    sets = [shingles(a.body_text) for a in articles]
    pairs = [(a.source, b.source, jaccard(sa, sb)) for i, (a, sa) in enumerate(zip(articles, sets))
             for b, sb in zip(articles[i + 1:], sets[i + 1:])]
    near = [p for p in pairs if p[2] >= 0.5]
    assert [(a, b) for a, b, _ in near] in ([(ORIGINAL, COPY)], [(COPY, ORIGINAL)])
    assert max(j for a, b, j in pairs if {a, b} != {ORIGINAL, COPY}) < 0.2


def test_only_near_copies_are_compared_at_all():
    """The LSH index keeps articles that merely share the field's stock phrases apart."""
    articles = sample_articles()
    pairs = candidate_pairs([shingles(a.body_text) for a in articles])
    assert {frozenset((articles[a].source, articles[b].source)) for a, b in pairs} == {frozenset((ORIGINAL, COPY))}


BODY = ("Sáng 12/3, Đảng ủy xã Mường Phăng tổ chức hội nghị sơ kết việc học tập và làm theo Bác. "
        "Năm qua, 100% chi bộ đã đưa nội dung làm theo Bác vào sinh hoạt thường kỳ, mỗi đảng viên nhận giúp hai hộ. "
        "Nhờ đó, 46 hộ đã thoát nghèo, 12 hộ làm homestay, thu nhập bình quân tăng 15% so với năm trước. "
        "Tuy vậy, một số chi bộ còn lúng túng khi chọn việc làm cụ thể, sinh hoạt chuyên đề có lúc còn hình thức. "
        "Thời gian tới, Đảng ủy yêu cầu các chi bộ chọn việc vừa sức, làm đến nơi đến chốn và kiểm điểm công khai.")


def make(source, body, title="Mường Phăng làm theo Bác", extra=""):
    return understand(Article(source=source, text=f"{title}\n\n{body}\n{extra}"), load_registry())


def test_a_republished_copy_with_edits_and_a_credit_is_one_digest():
    original = make("a/goc.txt", BODY)
    edited = BODY.replace("làm đến nơi đến chốn", "làm đến cùng").replace("Sáng 12/3", "Sáng ngày 12/3")
    copy = make("b/ban-sao.txt", edited, extra="\nTheo Báo Điện Biên Phủ")
    other = make("c/khac.txt", "Hội nghị tổng kết công tác dân vận năm 2023 của huyện diễn ra sáng nay với 200 đại biểu. "
                 "Huyện đã có 67 mô hình “Dân vận khéo” được công nhận ở các cấp trong năm.", title="Dân vận khéo")
    result = merge_syndicated([copy, other, original])
    assert result.merged == 1
    assert [a.source for a in result.kept] == ["c/khac.txt", "a/goc.txt"]
    assert [p["source"] for p in original.also_published] == ["b/ban-sao.txt"]
    assert original.also_published[0]["outlet"] == "Báo Điện Biên Phủ"


def test_three_copies_become_one_listing_the_other_two():
    copies = [make(f"x/{n}.txt", BODY) for n in ("c", "a", "b")]
    result = merge_syndicated(copies)
    assert [a.source for a in result.kept] == ["x/a.txt"]
    assert [p["source"] for p in result.kept[0].also_published] == ["x/b.txt", "x/c.txt"]


def test_articles_with_no_text_in_common_are_never_merged():
    a = make("p/1.txt", BODY)
    b = make("p/2.txt", "Câu lạc bộ dân ca ví, giặm làng Sen có 46 thành viên, sinh hoạt đều đặn mỗi tối thứ Bảy.",
             title="Dân ca làng Sen")
    assert merge_syndicated([a, b]).merged == 0


_WORDS = ["đảng", "ủy", "Khối", "chỉ", "thị", "05", "a", "ß", "ﬁ", "İ", "x_y", "—", ",", "  ", "\n", "Nghị", "quyết"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(_WORDS), max_size=40))
@example(parts=[])
@example(parts=["chỉ", "thị", "05", ","] * 30)
def test_fingerprint_is_the_packed_shingles_their_bitmap_and_sketch(parts):
    from directive_digest import syndication

    text = " ".join(parts)
    expected = shingles(text)
    packed, bits, sketch = syndication.fingerprint(text)
    assert len(packed) == 4 * len(expected) and syndication.unpack(packed) == expected
    assert syndication.unpack(syndication.pack(expected)) == expected
    assert bits == syndication.bitmap(expected)
    assert sketch == (syndication.pack_sketch(syndication.sketch(expected)) if expected else None)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=60))
@example(text="“Chỉ thị” – 05… İ ß x_y\u0301 a\x1fb")
def test_shingles_are_the_word_runs_of_any_text(text):
    import zlib

    from directive_digest import syndication
    from directive_digest.vntext import match_key

    words = [w.encode("utf-8") for w in syndication._WORD.findall(match_key(text))]
    runs = [b" ".join(words[i:i + 5]) for i in range(max(1, len(words) - 4))] if words else []
    expected = frozenset((syndication._A * zlib.crc32(r) + syndication._B) % syndication._PRIME for r in runs)
    assert shingles(text) == expected


def test_merge_is_the_same_when_few_unpacked_sets_are_kept(monkeypatch):
    # merge_syndicated keeps only the most recently unpacked shingle sets (memory): a group
    # larger than that must merge exactly as with every set kept.
    from directive_digest import syndication

    words = ("đảng bộ xã kim liên sơ kết năm năm thực hiện chỉ thị 05 về đẩy mạnh học tập và làm theo "
             "tư tưởng đạo đức phong cách hồ chí minh các chi bộ đăng ký việc làm cụ thể").split()
    rng = random.Random(5)
    base = [rng.choice(words) for _ in range(200)]
    texts = [" ".join(base[:190] + [f"bản{i}"] + base[190:]) for i in range(12)]  # one article, 12 copies
    texts += [" ".join(rng.choice(words) for _ in range(200)) for _ in range(4)]  # four others
    articles = [Article(source=f"a{i:02d}.txt", text=t, title=f"Bài {i}", blocks=[Block(PARAGRAPH, t)])
                for i, t in enumerate(texts)]
    prints = [syndication.fingerprint(a.body_text) for a in articles]

    def merged():
        result = syndication.merge_syndicated(list(articles), sets=[p[0] for p in prints],
                                              bitmaps=[p[1] for p in prints], sketches=[p[2] for p in prints])
        return [(a.source, [p["source"] for p in a.also_published]) for a in result.kept]

    everything = merged()
    for article in articles:
        article.also_published = []
    monkeypatch.setattr(syndication, "UNPACKED_KEPT", 1)
    assert merged() == everything and len(everything) == 5  # the copies are one article
