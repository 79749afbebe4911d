"""Vietnamese text written the ways older tools write it, for tests and measurements:
Windows-1258 (base letters precomposed, tones as combining marks), and the legacy *font*
encodings TCVN3 (ABC) and VNI, which decoders must refuse rather than publish as mojibake.

Characters an encoding cannot write (typographic quotes in TCVN3, say) are written as
Windows-1252 bytes when they have one, as older editors did, else as "?".
"""
from __future__ import annotations

import unicodedata

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
TONES = (ACUTE, GRAVE, HOOK, TILDE, DOT)


def _fallback(char: str) -> bytes:
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return b"?"


def cp1258(text: str) -> bytes:
    """Windows-1258 the way Vietnamese Windows writes it: base letters precomposed, tones combining."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
            tones = "".join(c for c in decomposed if c in TONES)
            try:
                out += base.encode("cp1258") + tones.encode("cp1258")
            except UnicodeEncodeError:
                out += b"?"
    return bytes(out)


# TCVN3 (ABC): lower-case letters only, one byte each in 0xA1-0xFF.
_TCVN3 = dict(zip(
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xB5, 0xB6, 0xB7, 0xB8,
     0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3,
     0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9,
     0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC,
     0xFD, 0xFE]))


def tcvn3(text: str) -> bytes:
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = _TCVN3.get(char) or _TCVN3.get(char.lower())  # TCVN3 has no upper-case toned letters
        out += bytes([code]) if code else char.encode("ascii") if char.isascii() else _fallback(char)
    return bytes(out)


# VNI Windows: a base letter, then a byte for its marks ("Ñaûng" = "Đảng"); upper-case letters
# take the upper-case form of that byte. i/I with a tone and ơ/ư are one byte each.
_VNI_TONE = dict(zip(TONES, "ùøûõï"))
_VNI_CIRCUMFLEX = dict(zip((None,) + TONES, "âáàåãä"))
_VNI_BREVE = dict(zip((None,) + TONES, "êéèúüë"))
_VNI_I = dict(zip(TONES, "íìæóò"))
_VNI_HORN = {"o": "ô", "u": "ö"}


def vni(text: str) -> bytes:
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in "đĐ":
            out.append("ñ" if char == "đ" else "Ñ")
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        if not marks or not base.isascii():
            out.append(char)
            continue
        case = str.upper if base.isupper() else str.lower
        tone = next((m for m in marks if m in TONES), None)
        if base in "iI" and tone and len(marks) == 1:
            out.append(case(_VNI_I[tone]))
            continue
        if HORN in marks and base.lower() in _VNI_HORN:
            out.append(case(_VNI_HORN[base.lower()]))
        elif CIRCUMFLEX in marks:
            out.append(base + case(_VNI_CIRCUMFLEX[tone]))
            tone = None
        elif BREVE in marks:
            out.append(base + case(_VNI_BREVE[tone]))
            tone = None
        else:
            out.append(base)
        if tone:
            out.append(case(_VNI_TONE[tone]))
    return b"".join(map(_fallback, "".join(out)))
