"""Bytes to text, and text that only looks like text.

Accepted: UTF-8 (with or without BOM), UTF-16 (by its BOM, or by the NUL pattern of
mostly-ASCII text), Windows-1258 (decoded, then NFC: it spells tones as combining marks).
Refused with a message naming the reason: binary files (documents, images, archives,
NUL or control bytes), and text in the legacy Vietnamese *font* encodings TCVN3 (ABC)
and VNI, which decode without error into mojibake ("§¶ng", "Ñaûng" for "Đảng") and
must never be published as such.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import Optional

from ..problems import InputError

# Magic numbers of files people drop into an articles folder by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF binary)"),
)
# C0/C1 control characters other than tab and newlines: never part of an article.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")

# Latin-1 letters that Vietnamese never uses. VNI spells diacritics as a second byte after
# the vowel ("aø" = à, "eá" = ế, "ñ" = đ, "ö" = ư), so VNI text is full of them.
_VNI_MARKS = set("øûïåäëüñöæØÛÏÅÄËÜÑÖÆ")
# TCVN3 puts its letters at 0xA1-0xFF; read as Windows-125x they show as these symbols
# ("§" = Đ, "¶" = ả, "¬" = ơ, "®" = đ, "¸" = á, "µ" = à, "¹" = ạ …).
_TCVN3_MARKS = set("§¨ª¬®µ¶¸¹º¼½¾¿¤¦")
_VIETNAMESE_LETTERS = set(
    "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
)


def binary_kind(data: bytes) -> Optional[str]:
    """What a non-text file is, by its first bytes, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """'utf-16-le'/'utf-16-be' when NULs sit on one side of mostly-ASCII code units."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


# Signatures strong enough to judge one line by (a mojibake headline above a Unicode body):
# TCVN3's symbols, and VNI's vowel + mark-byte pairs ("aø", "eä", "aû") or word-initial "ñ"/"Ñ".
_TCVN3_SYMBOLS = re.compile(r"[§¶¬¸µ¹¼½¾]")
_VNI_PAIRS = re.compile(r"[aeiouyAEIOUY][øûïåäëüæ]|\b[ñÑ][aeiouyAEIOUY]")


_VNI_MARK = re.compile("[" + re.escape("".join(sorted(_VNI_MARKS))) + "]")
_TCVN3_MARK = re.compile("[" + re.escape("".join(sorted(_TCVN3_MARKS))) + "]")


def legacy_encoding(text: str) -> Optional[str]:
    """'TCVN3 (ABC)' or 'VNI' when ``text`` (or one line of it) is a legacy font encoding read as Unicode."""
    vni = len(_VNI_MARK.findall(text))
    tcvn3 = len(_TCVN3_MARK.findall(text))
    marks = vni + tcvn3
    if not marks:
        return None  # both signature patterns need one of the marks (test_decode_signatures_need_marks)
    if marks >= 3 and marks >= 0.03 * max(1, len(text.split())):
        return "TCVN3 (ABC)" if tcvn3 >= vni else "VNI"
    if not (_TCVN3_SYMBOLS.search(text) or _VNI_PAIRS.search(text)):
        return None  # no line has a signature (neither pattern spans a line break)
    for line in text.split("\n"):
        if len(_TCVN3_SYMBOLS.findall(line)) >= 2:
            return "TCVN3 (ABC)"
        if len(_VNI_PAIRS.findall(line)) >= 2:
            return "VNI"
    return None


def check_text(text: str) -> str:
    """Drop control characters, refuse binaries and legacy font encodings; return NFC text."""
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(f"binary file ({controls} control characters), not text")
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    legacy = legacy_encoding(text)
    if legacy:
        raise InputError(
            f"text is in the legacy {legacy} font encoding, not Unicode (it would show as mojibake "
            f"such as '{_sample(text)}'); convert it to Unicode first, e.g. with UniKey's converter")
    return text


def _sample(text: str) -> str:
    marks = _VNI_MARKS | _TCVN3_MARKS
    for word in text.split():
        if any(c in marks for c in word):
            return word[:30]
    return ""


def _plausible_cp1258(text: str) -> bool:
    letters = sum(1 for c in text.lower() if c in _VIETNAMESE_LETTERS)
    return letters >= 0.02 * max(1, len(text.split())) or legacy_encoding(text) is not None


def _strict(data: bytes, encoding: str, claimed: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {claimed}: bad bytes at offset {error.start}") from None


def decode_bytes(data: bytes, path: Optional[Path] = None) -> str:
    """The text of an input file, NFC, or InputError saying why it cannot be text."""
    if data.startswith(codecs.BOM_UTF8):
        return check_text(_strict(data[len(codecs.BOM_UTF8):], "utf-8", "UTF-8 (it has a UTF-8 BOM)"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return check_text(_strict(data, "utf-16", "UTF-16 (it has a UTF-16 BOM)"))
    kind = binary_kind(data)
    if kind:
        raise InputError(f"binary file ({kind}), not text")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return check_text(_strict(data, utf16, "UTF-16"))
    if b"\x00" in data[:4096]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        return check_text(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_cp1258(text):
        return check_text(text)  # check_text refuses TCVN3/VNI bytes read this way
    raise InputError(
        f"not UTF-8, UTF-16 or Windows-1258 text (byte {utf8_error.start}: "
        f"{data[utf8_error.start:utf8_error.start + 1]!r}); save it as UTF-8")
