"""Bytes to text: UTF-8 (with or without BOM) and UTF-16 by their marks."""
from __future__ import annotations

import codecs
from pathlib import Path


def decode_bytes(data: bytes, path: Path) -> str:
    from . import InputError

    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start}: {data[error.start:error.start + 1]!r})") from None
