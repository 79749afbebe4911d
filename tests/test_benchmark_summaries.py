"""The summary benchmark's parts (benchmarks/summaries.py): ROUGE, the VietNews reader and split,
the baselines, the trainer's regression, the report section; and a run on a few VietNews files."""
from __future__ import annotations

import pytest

from benchmarks import baselines, report_sections, summaries, train_summary
from benchmarks.rouge import Reference, scores, syllables
from benchmarks.vietnews import default_dir, detokenise, held_out, load, read_article
from conftest import need
from directive_digest.sentences import is_fragment, split_sentences
from directive_digest.summarise import Sentence
from directive_digest.summary_model import FEATURES


def test_rouge_by_hand():
    # candidate a b c d, reference a b e: 2 shared words, 1 shared bigram, common subsequence a b.
    r1, r2, rl = scores("a b c d", Reference.of("a b e"))
    assert r1 == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert r2 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert rl == pytest.approx(r1)
    assert scores("x y", Reference.of("a b")) == (0.0, 0.0, 0.0)


def test_rouge_tokens_are_lower_cased_syllables_in_one_tone_mark_style():
    assert syllables("Hoà bình, “Thuỷ”: 19/9!") == syllables("hòa BÌNH thủy 19 9") == ["hoà", "bình", "thuỷ", "19", "9"]
    assert scores("Hòa bình.", Reference.of("hoà bình")) == (1.0, 1.0, 1.0)


def test_detokenise_undoes_the_dataset_s_segmentation():
    line = 'Ngày 19/9 , TAND tỉnh Đắk_Nông xét_xử bị_cáo Trần_Anh_Tiến ( SN 1992 ) về tội " Giết người " , “ nhanh ” .'
    assert detokenise(line) == 'Ngày 19/9, TAND tỉnh Đắk Nông xét xử bị cáo Trần Anh Tiến (SN 1992) về tội "Giết người", “nhanh”.'


def test_the_held_out_part_is_fixed_by_the_file_name():
    names = [f"{i:06d}.txt.seg" for i in range(1, 2001)]
    share = sum(map(held_out, names)) / len(names)
    assert 0.2 < share < 0.3
    assert [held_out(n) for n in names] == [held_out(n) for n in names]


def test_a_file_has_title_reference_body_and_captions(tmp_path):
    path = tmp_path / "000001.txt.seg"
    path.write_text("Tiêu_đề bài\n\nTóm_tắt .\n\nCâu một .\nCâu hai .\n\nẢnh một\n", encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.reference, article.body, article.captions) == (
        "Tiêu đề bài", "Tóm tắt.", ["Câu một.", "Câu hai."], ["Ảnh một"])
    assert article.text == "Tiêu đề bài\n\nCâu một. Câu hai.\n"


SENTENCES = ["Công an huyện bắt giữ hai đối tượng trộm cắp tài sản.", "Hai đối tượng khai nhận hành vi trộm cắp.",
             "Số tài sản bị trộm gồm xe máy và điện thoại.", "Vụ việc đang được điều tra làm rõ.",
             " ".join(["rất dài"] * 40) + "."]


def test_baselines_keep_to_the_budget_and_the_oracle_is_the_ceiling():
    reference = Reference.of("Hai đối tượng trộm cắp tài sản bị công an huyện bắt giữ.")
    assert len(baselines.lead_words(SENTENCES).split()) == 60
    assert baselines.lead(SENTENCES, 2) == " ".join(SENTENCES[:2])
    for method in (baselines.lexrank, baselines.textrank):
        chosen = split_sentences(method(SENTENCES))
        assert 1 <= len(chosen) <= 3 and set(chosen) <= set(SENTENCES)
        assert sum(len(s.split()) for s in chosen) <= 60
    best = baselines.oracle(SENTENCES, reference)
    ceiling = sum(scores(best, reference)[:2])
    assert all(ceiling >= sum(scores(s, reference)[:2]) for s in SENTENCES if len(s.split()) <= 60)


def test_the_trainer_s_regression_finds_known_weights():
    """Targets made from known weights (no noise): the ridge solution with no penalty is them."""
    weights = [0.1 * (i % 5) - 0.15 for i in range(len(FEATURES))]

    rows = []
    for k in range(200):
        features = tuple([1.0] + [((k * (i + 3)) % 17) / 17 + (i == k % len(FEATURES)) for i in range(1, len(FEATURES))])
        rows.append((features, sum(w * f for w, f in zip(weights, features))))
    original = train_summary.target
    try:
        train_summary.target = lambda sentence, reference: sentence.score  # the known target, carried as the score
        examples = [train_summary.Example("x", [Sentence(i, "", frozenset(), score=y, features=f)
                                                for i, (f, y) in enumerate(rows)], [], None, "")]
        assert train_summary.fit(examples, penalty=0.0) == pytest.approx(weights, abs=1e-6)
    finally:
        train_summary.target = original


def test_a_section_is_written_in_place_and_kept_by_the_other_writer(tmp_path):
    report = tmp_path / "benchmarks.md"
    report.write_text("# Benchmarks\n\nscale tables\n", encoding="utf-8")
    report_sections.replace_section(report, "summaries", "## Summaries\n\nfirst")
    report_sections.replace_section(report, "summaries", "## Summaries\n\nsecond")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nscale tables\n") and text.count("## Summaries") == 1 and "second" in text
    # benchmarks/run.py rewrites its own part and appends the kept sections.
    rewritten = "# Benchmarks\n\nnew scale tables\n" + report_sections.kept_sections(report)
    assert "new scale tables" in rewritten and "second" in rewritten and "first" not in rewritten


def test_the_benchmark_on_vietnews_files():
    directory = default_dir()
    need(directory.is_dir(), f"the VietNews validation files are not at {directory}")
    articles = load(directory, "tuning")[:40]  # the held-out part is never looked at article by article
    parts = summaries.measure(articles)
    whole = parts["tuning"]
    assert whole.articles == 40 and whole.failed == 0 and "held out" not in parts
    assert whole.over_budget["digest summary"] == 0 and whole.fragments["digest summary"] == 0
    text = summaries.report([(summaries.VIETNEWS, parts)], 1.0, "abc1234")
    assert "| digest summary |" in text and "| oracle |" in text and "Lead-60" in text
    # The ceiling is the ceiling: the oracle beats every method on these articles.
    oracle = sum(whole.rouge["oracle"])
    assert all(oracle >= sum(whole.rouge[m]) for m in summaries.METHODS)


def test_the_digest_summaries_of_vietnews_hold_no_fragment():
    directory = default_dir()
    need(directory.is_dir(), f"the VietNews validation files are not at {directory}")
    from directive_digest.article import Article
    from directive_digest.build import understand
    from directive_digest.registry import load_registry

    registry = load_registry()
    for article in load(directory, "tuning")[40:120]:
        summary = understand(Article(source=article.name, text=article.text), registry).summary
        assert len(summary.split()) <= 60
        assert not any(map(is_fragment, split_sentences(summary))), (article.name, summary)


def test_the_party_document_articles_and_their_split():
    from benchmarks.vietnews import load_party, party_dir

    need(party_dir().is_dir(), f"the Party-document VietNews articles are not at {party_dir()}")
    articles = load_party()
    assert len(articles) == 294
    untouched = sum(a.held_out for a in articles)
    assert 0.3 < untouched / len(articles) < 0.5  # tests/data/real/split.json: about 40 %
    for a in articles:
        assert a.title and a.reference and a.body and a.paragraphs
        assert a.body[0] != a.reference and a.text.startswith(a.title + "\n\n" + a.body[0])  # sapo taken off
