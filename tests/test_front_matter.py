"""front_matter.emit writes exactly what PyYAML writes, or declines (None) and PyYAML does."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directive_digest import front_matter
from directive_digest.front_matter import dump as _front_matter, pyyaml_dump as _pyyaml_front_matter

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def pyyaml(meta: dict) -> str:
    return yaml.dump(meta, Dumper=DUMPER, default_flow_style=False, allow_unicode=True, sort_keys=False,
                     width=10_000)


# Strings YAML reads as something else, indicators, quotes, Vietnamese, spaces where they matter.
HOSTILE = ["", " ", "a ", " a", "yes", "No", "ON", "off", "null", "Null", "~", "true", "False", "0", "-1", "+1",
           "1_000", "0x1F", "0o17", "0b101", "1e3", "1.5", ".5", ".inf", "-.INF", ".nan", "2019-06-13",
           "2019-06-13 08:30", "2001-12-14t21:59:43.10-05:00", "12:30", "1:20:30", "<<", "=", "- a", "-", "-a",
           "? x", "?", "?x", ": x", ":", ":x", "a: b", "a:", "a:b", "a #b", "a#b", "#a", "---", "--- a", "...",
           "..x", "'q'", "it's", '"q"', 'say "hi"', "[x]", "{x}", "a, b", "a,b", "&a", "*a", "!a", "|", ">",
           "%x", "@x", "`x`", "100%", "55-QĐ/TW", "Quy định số 55-QĐ/TW ngày 18/5/2021", "Thứ Hai, 13/06/2019 - 08:30",
           "“vận động 100% hộ”", "a\tb", "a\nb", "a\rb", "\x85", "a\u2028b", "\ufeff", "\x7f", "\x9f", "\xa0",
           "\ue000", "\ufffd", "\ufffe", "😀", "x" * 9001, "a " * 4600, "Tóm tắt: điều chỉnh", "a ' b", "a  b",
           "\u00a0a\u00a0", "x:\u00a0y", "a -", "a ?", "- ", "-- a", "a---", "?-", "- -"]

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                 st.text(alphabet=st.sampled_from(list(" -:#'\"?,[]{}.0123456789eE+_xaĐđ\t\n")), max_size=12))
keys = st.one_of(st.sampled_from(["title", "date", "year", "id", "href", "null", "yes", "on", "y", "n", "a_b"]),
                 st.text(max_size=8))
scalars = st.one_of(text, st.integers(), st.none(), st.booleans(), st.floats(allow_nan=False))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)), max_leaves=12)
metas = st.dictionaries(keys, values, min_size=1, max_size=8)

checks = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@checks
@given(meta=metas)
@example(meta={"a": [[1, [2, 3]], {"b": [4, {"c": []}]}, [], {}], "d": {"e": {"f": [None, True]}}})
@example(meta={"s": "x" * 8999 + " y", "t": "a b" * 2999})
def test_emit_is_pyyaml_or_declines(meta):
    direct = front_matter.emit(meta)
    if direct is not None:
        assert direct == pyyaml(meta)
    assert _front_matter(meta) == pyyaml(meta)


@checks
@given(value=text)
def test_every_plain_or_single_quoted_string_is_written_directly_and_exactly(value):
    meta = {"title": value, "tags": [value, {"id": value}]}
    reference = pyyaml(meta)
    direct = front_matter.emit(meta)
    # Declining is only allowed for what PyYAML writes double-quoted, on several lines, or long
    # enough to fold.
    if direct is None:
        assert ('"' in reference.splitlines()[0] or any(c in value for c in "\n\r\x85\u2028\u2029")
                or len(value) > front_matter.MAX_STRING)
    else:
        assert direct == reference


def test_shared_objects_are_left_to_pyyaml():
    shared = ["a"]
    meta = {"directives": shared, "cited_references": shared}
    assert front_matter.emit(meta) is None
    assert _front_matter(meta) == pyyaml(meta)  # an anchor and an alias, as before
    assert "&id001" in _front_matter(meta)


def test_an_article_page_front_matter_is_written_directly():
    meta = {"title": "Chi bộ thôn Đông sơ kết 3 năm thực hiện Quy định số 55-QĐ/TW", "date": "2019-06-13",
            "year": 2019, "outlet": None, "summary": "Toàn huyện: 45.000 m2 đất", "overridden": [],
            "key_figures": [{"figure": "63", "counts": "", "sentence": "Đảng bộ có 63 tổ chức."}],
            "directive_badges": [{"id": "55-QĐ/TW", "href": "../index.html"}], "tags": ["Báo Nhân Dân"]}
    direct = front_matter.emit(meta)
    assert direct == pyyaml(meta) == _pyyaml_front_matter(meta)
    assert "date: '2019-06-13'\n" in direct and "summary: 'Toàn huyện: 45.000 m2 đất'\n" in direct


def test_a_key_seen_as_good_does_not_let_a_bad_value_through():
    assert front_matter.emit({"title": "ok"}) == "title: ok\n"
    assert front_matter.emit({"title": "a\tb"}) is None  # the key is known; the value still checked
