"""Vietnamese text primitives shared by every stage.

* ``normalise``: what the writer wrote, made canonical (NFC, odd spaces folded).
* ``match_key``: a form for *matching* only: lower case and one tone-mark style,
  so "Đảng uỷ" and "Đảng ủy", "hoà" and "hòa" compare equal. Same length as the input.
* ``fold``: no diacritics at all ("Đảng ủy" -> "dang uy"), for slugs and search.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress
from operator import not_

# Spaces that scrapers leave behind: NBSP, thin/figure/ideographic spaces, tabs.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# Invisible characters that only break matching: zero-width, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Old style puts the tone on the first vowel of oa/oe/uy (hòa, khỏe, ủy); new style on
# the second (hoà, khoẻ, uỷ). Both are correct Vietnamese; match_key uses the new style.
_OLD_STYLE_PAIR = re.compile(f"([oO])([{_TONES}])([aAeE])|([uU])([{_TONES}])([yY])")


@lru_cache(maxsize=8192)  # pure; the stages ask again and again about the same lines
def normalise(text: str) -> str:
    """NFC, Unix newlines, odd spaces folded to plain spaces, invisible characters dropped.

    Keeps the writer's spelling (tone-mark style, case)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    # Legacy "Ð" (U+00D0, Icelandic eth) is often typed for "Đ" (U+0110).
    text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return unicodedata.normalize("NFC", text)


def _new_style(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


# The same pairs as composed (NFC) text spells them: most text has none, and needs no NFD round trip.
def _composed_class(bases: str) -> str:
    """A character class of every letter whose decomposition starts with one of ``bases``."""
    return "[" + "".join(c for c in map(chr, range(0x20, 0x2000)) if unicodedata.normalize("NFD", c)[0] in bases) + "]"


_OLD_STYLE_COMPOSED = re.compile(
    "[" + "".join(unicodedata.normalize("NFC", v + t) for v in "oO" for t in _TONES) + "]" + _composed_class("aAeE")
    + "|[" + "".join(unicodedata.normalize("NFC", v + t) for v in "uU" for t in _TONES) + "]" + _composed_class("yY"))


def unify_tone_marks(text: str) -> str:
    """Move the tone of oa/oe/uy to the second vowel (hòa -> hoà, ủy -> uỷ)."""
    if "\n" in text:
        # Line by line, as match_key: NFC and the tone-mark pairs keep to their line, and the
        # lines of an article's text were unified already when match_key met them (cached).
        return "\n".join(map(_unify_line, text.split("\n")))
    return _unify_line(text)


@lru_cache(maxsize=8192)
def _unify_line(text: str) -> str:
    composed = unicodedata.normalize("NFC", text)
    if not _OLD_STYLE_COMPOSED.search(composed):
        return composed
    # Rewrite only the pairs (canonically the same as decomposing the whole text, as before).
    return unicodedata.normalize("NFC", _OLD_STYLE_COMPOSED.sub(_new_style_composed, composed))


def _new_style_composed(match: re.Match) -> str:
    return _new_style_pair(match.group(0))


@lru_cache(maxsize=4096)
def _new_style_pair(pair: str) -> str:
    first, second = unicodedata.normalize("NFD", pair[0]), unicodedata.normalize("NFD", pair[1])
    return unicodedata.normalize("NFC", first[0] + second[0] + first[1] + second[1:])


@lru_cache(maxsize=8192)
def match_key(text: str) -> str:
    """Lower-case, one tone-mark style. Same length as ``normalise(text)``."""
    if "\n" in text and "\r" not in text:
        # Line by line: every step keeps to its line (a line feed neither composes nor is
        # cased, and no tone-mark pair spans one), and a text's lines are the ones the
        # cleaning steps already asked about (cached): a whole article's key costs a join.
        return "\n".join(map(match_key, text.split("\n")))
    return unify_tone_marks(normalise(text)).lower()


def fold(text: str) -> str:
    """Strip every diacritic: "Đảng ủy Sở VHTT" -> "Dang uy So VHTT"."""
    decomposed = unicodedata.normalize("NFD", normalise(text))
    stripped = "".join(compress(decomposed, map(not_, map(unicodedata.combining, decomposed))))  # no mark, in C
    return stripped.replace("đ", "d").replace("Đ", "D")


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug for paths and URLs: "Chỉ thị 05-CT/TW" -> "chi-thi-05-ct-tw"."""
    slug = _SLUG_JUNK.sub("-", fold(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def at_word_start(word: str) -> str:
    r"""A regex for ``word`` with no word character before it: ``(?<!\w)word``, written with the
    look-behind after the first letter (``w(?<!\w.)ord``) so that the pattern opens with a
    letter and the regex engine skips every position that letter is not at. Same matches."""
    return rf"{re.escape(word[0])}(?<!\w.){re.escape(word[1:])}"


def _is_single_spaced(text: str) -> bool:
    """``" ".join(text.split()) == text``, without splitting: a printable text's only
    whitespace is the plain space (no other whitespace character is printable), so then no
    double, leading or trailing space is all that is asked."""
    return "  " not in text and text.isprintable() and text[:1] != " " and text[-1:] != " "


def single_spaced(text: str) -> str:
    """``" ".join(text.split())``: ``text`` itself when it is that already (most lines)."""
    return text if _is_single_spaced(text) else " ".join(text.split())


def word_count(text: str) -> int:
    """``len(text.split())``; in a single-spaced text (most), its spaces plus one."""
    if _is_single_spaced(text):
        return text.count(" ") + 1 if text else 0
    return len(text.split())


_TERMINAL = re.compile(r"[.!?…:;]\s*[”\"’)]*\s*$")
_TERMINAL_MARKS = frozenset(".!?…:;")


def ends_sentence(text: str) -> bool:
    """True when a line ends like a sentence (., !, ?, …, :, ; optionally before a quote).

    ``_TERMINAL.search(text.rstrip())``, with string methods: under the trailing quotes and
    the spaces before them, a terminal mark."""
    return text.rstrip().rstrip("”\"’)").rstrip()[-1:] in _TERMINAL_MARKS
