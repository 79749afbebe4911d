"""JSON Lines and JSON exports: one article per record.

A record is an object with ``text`` or ``html`` and optionally ``title``, ``date``,
``url``, ``outlet``, ``author``. ``.jsonl`` holds one record per line; ``.json`` holds a
record, a list of records, or ``{"articles": [...]}``. Each record becomes an Article
whose source is ``file.jsonl#<line>`` (``file.json#<n>`` for the n-th record of a list);
a bad record becomes a Problem naming that line, and the other records still build.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Union

from ..article import Article
from ..dating import as_date
from ..problems import InputError, Problem
from .decode import check_text, decode_bytes
from .html import extract_html

TEXT_FIELDS = ("title", "date", "url", "outlet", "author")


def record_article(record, source: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"a record must be a JSON object, not {_json_type(record)}")
    for name in TEXT_FIELDS + ("text", "html"):
        value = record.get(name)
        if value is not None and not isinstance(value, (str, int, float)):
            raise InputError(f"field '{name}' must be a string, not {_json_type(value)}")
    text = record.get("text")
    given: dict = {}
    if isinstance(text, str) and text.strip():
        text = check_text(text)
    elif isinstance(record.get("html"), str) and record["html"].strip():
        text, given = extract_html(record["html"])
    else:
        raise InputError("the record has no 'text' or 'html'")
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is not None and str(value).strip():
            given[name] = check_text(" ".join(str(value).split()))
    if "date" in given:
        if as_date(given["date"]) is None:
            raise InputError(f"date {given['date']!r} is not a real date")
    return Article(source=source, text=text, given=given)


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def read_jsonl_file(path: Path, source: str) -> list[Union[Article, Problem]]:
    out: list = []
    for number, line in enumerate(decode_bytes(path.read_bytes(), path).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        try:
            record = json.loads(line)
        except ValueError as error:
            out.append(Problem(where, f"line {number} is not valid JSON: {error.msg} (column {error.colno})"))
            continue
        except RecursionError:
            out.append(Problem(where, f"line {number} is not an article record: JSON nested too deeply"))
            continue
        try:
            out.append(record_article(record, where))
        except InputError as error:
            out.append(Problem(where, f"line {number}: {error}"))
    if not out:
        raise InputError("no records: the file is empty")
    return out


def read_json_file(path: Path, source: str) -> list[Union[Article, Problem]]:
    try:
        data = json.loads(decode_bytes(path.read_bytes(), path))
    except ValueError as error:
        raise InputError(f"not valid JSON: {error}") from None
    except RecursionError:
        raise InputError("not an article export: JSON nested too deeply") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [record_article(data, source)]
    if not isinstance(data, list) or not data:
        raise InputError("expected an article object or a non-empty list of them")
    if not any(isinstance(r, dict) and ("text" in r or "html" in r) for r in data):
        raise InputError(f"not an article export: none of its {len(data)} records has 'text' or 'html'")
    out: list = []
    for number, record in enumerate(data, start=1):
        where = f"{source}#{number}"
        try:
            out.append(record_article(record, where))
        except InputError as error:
            out.append(Problem(where, f"record {number}: {error}"))
    return out
