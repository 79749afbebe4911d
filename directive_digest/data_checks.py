"""The data files editors change (``directives.yaml``, ``lexicon.yaml``, ``calendar.yaml``, or a registry kept
elsewhere: ``--registry``), checked before anything uses them. A mistake is the editor's to
fix, so it is reported as ``DataError`` naming the file, the entry (with its line) and the
field: a missing or duplicate id or slug, an impossible date, a ``continues`` naming no
entry, a value of the wrong type. The command line exits with 2 on it.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable, Optional

import yaml

from .problems import DataError
from .vntext import match_key, normalise

# Field -> the types its value may have, and whether an entry must have it.
DIRECTIVE_FIELDS: dict[str, tuple[tuple[type, ...], bool]] = {
    "id": ((str,), True),
    "kind": ((str,), True),
    "number": ((str, int), True),
    "suffix": ((str,), True),
    "slug": ((str,), True),
    "issuer": ((str,), False),
    "issued": ((dt.date, str), False),
    "name": ((str,), False),
    "short_name": ((str,), False),
    "term": ((str,), False),
    "topic": ((str,), False),
    "bare_number": ((bool,), False),
    "aliases": ((list,), False),
    "continues": ((list,), False),
    "replaces": ((bool,), False),
    "plenum": ((int,), False),
    "plenum_default": ((bool,), False),
}
# A directive's slug names its folder and its pages' URLs: lower-case ASCII words and hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LEXICON_LISTS = ("section_labels", "tail_markers", "widget_lines", "metadata_prefixes", "byline_titles",
                 "local_party_issuers", "state_issuers", "party_issuers", "masthead_prefixes", "masthead_suffixes",
                 "footer_prefixes", "outlets", "surnames")
LEXICON_MAPPINGS = ("anniversaries",)  # phrase -> the year it counts from


def _type_name(value) -> str:
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping",
            dt.date: "a date"}.get(type(value), type(value).__name__)


def _wanted(types: tuple[type, ...]) -> str:
    return " or ".join(dict.fromkeys({str: "text", int: "a whole number", bool: "true or false", list: "a list",
                                      dt.date: "a date (YYYY-MM-DD)", dict: "a mapping"}[t] for t in types))


def _is(value, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False  # true/false is no number here
    return isinstance(value, types)


def _item_lines(text: str, key: str) -> list[int]:
    """The line (1-based) of each item of the top-level list or mapping ``key``: said in messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key_node, value in root.value:
        if key_node.value == key:
            if isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
            if isinstance(value, yaml.MappingNode):
                return [item.start_mark.line + 1 for item, _ in value.value]
            return [value.start_mark.line + 1]
    return []


class _Entries:
    """Names the entries of one list for messages: "entry 3 (id 05-CT/TW, line 47)"."""

    def __init__(self, path: Path, key: str, label: str = "entry"):
        self.path, self.key, self.label = path, key, label
        self._lines: Optional[list[int]] = None

    def name(self, index: int, entry=None) -> str:
        if self._lines is None:  # only when a message needs it: the file is read again
            try:
                self._lines = _item_lines(self.path.read_text(encoding="utf-8"), self.key)
            except (OSError, UnicodeDecodeError):
                self._lines = []
        details = []
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            details.append(f"id {entry['id']}")
        if index < len(self._lines):
            details.append(f"line {self._lines[index]}")
        return f"{self.label} {index + 1}" + (f" ({', '.join(details)})" if details else "")

    def error(self, index: int, entry, field: Optional[str], reason: str) -> DataError:
        return DataError(self.path, reason, self.name(index, entry), field)


def check_calendar(data: dict, path: Path) -> tuple[list[dict], list[str]]:
    """The registry's ``meetings`` (each Congress and plenum: term, plenum, start, end) and
    ``named_documents`` (text), checked like its entries."""
    meetings, named = data.get("meetings") or [], data.get("named_documents") or []
    if not isinstance(meetings, list):
        raise DataError(path, f"must be a list, not {_type_name(meetings)}", field="meetings")
    items = _Entries(path, "meetings", "meeting")
    for index, meeting in enumerate(meetings):
        if not isinstance(meeting, dict) or not isinstance(meeting.get("term"), str):
            raise items.error(index, None, "term", "a meeting needs its term: {term: XII, plenum: 8, start: …}")
        if meeting.get("plenum") is not None and not _is(meeting["plenum"], (int,)):
            raise items.error(index, None, "plenum", f"must be a whole number, not {_type_name(meeting['plenum'])}")
        for field in ("start", "end"):
            value = meeting.get(field)
            if value is None and field == "end":
                continue
            if isinstance(value, str):
                try:
                    value = meeting[field] = dt.date.fromisoformat(value.strip())
                except ValueError:
                    value = None
            if not isinstance(value, dt.date):
                raise items.error(index, None, field, f"must be a date (YYYY-MM-DD), not {value!r}")
        if meeting.get("end") and meeting["end"] < meeting["start"]:
            raise items.error(index, None, "end", "ends before it starts")
    if not isinstance(named, list) or not all(isinstance(n, str) and n.strip() for n in named):
        raise DataError(path, "must be a list of document names (text)", field="named_documents")
    return meetings, named


def check_registry(data, path: Path, kinds: tuple[str, ...]) -> list[dict]:
    """The registry's entries, each checked (see the module's doc); ``kinds``: the document
    kinds the matcher knows. Raises DataError at the first mistake."""
    if not isinstance(data, dict) or not isinstance(data.get("directives"), list):
        raise DataError(path, "the file must hold a list 'directives:' of entries")
    entries = data["directives"]
    names = _Entries(path, "directives")
    known_kinds = {match_key(k) for k in kinds}
    ids: dict[str, int] = {}
    slugs: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise names.error(index, entry, None, f"an entry must be a mapping of field: value, not {_type_name(entry)}")
        for field in entry:
            if field not in DIRECTIVE_FIELDS:
                raise names.error(index, entry, str(field),
                                  f"unknown field (known: {', '.join(DIRECTIVE_FIELDS)})")
        for field, (types, required) in DIRECTIVE_FIELDS.items():
            value = entry.get(field)
            if value is None or value == "":
                if required:
                    raise names.error(index, entry, field, "missing (every entry needs id, kind, number, suffix, slug)")
                continue
            if not _is(value, types):
                raise names.error(index, entry, field, f"must be {_wanted(types)}, not {_type_name(value)} ({value!r})")
        for field in ("aliases", "continues"):
            for item in entry.get(field) or ():
                if not isinstance(item, str) or not item.strip():
                    raise names.error(index, entry, field, f"every item must be text, not {_type_name(item)} ({item!r})")
        issued = entry.get("issued")
        if isinstance(issued, str):
            try:
                dt.date.fromisoformat(issued.strip())
            except ValueError:
                raise names.error(index, entry, "issued", f"{issued!r} is not a real date (write YYYY-MM-DD)") from None
        if match_key(entry["kind"]) not in known_kinds:
            raise names.error(index, entry, "kind", f"{entry['kind']!r} is not a document kind the matcher knows "
                                                    f"({', '.join(kinds)})")
        if not SLUG.fullmatch(entry["slug"]):
            raise names.error(index, entry, "slug", f"{entry['slug']!r} must be lower-case ASCII letters, digits and "
                                                    "hyphens (it names the directive's folder and URLs)")
        for field, seen in (("id", ids), ("slug", slugs)):
            value = normalise(str(entry[field]))
            if value in seen:
                raise names.error(index, entry, field, f"{value!r} again: {names.name(seen[value], entries[seen[value]])} "
                                                       f"has it already")
            seen[value] = index
    for index, entry in enumerate(entries):
        for other in entry.get("continues") or ():
            if normalise(other) not in ids:
                raise names.error(index, entry, "continues", f"{other!r} is not the id of any entry")
    return entries


def check_lexicon(data, path: Path, key: Callable[[str], str]) -> dict:
    """The lexicon's lists, each checked: known names, text items (none empty, nor only
    punctuation, as ``key`` looks a line up: it would match every line), anniversaries as
    phrase: year. Raises DataError."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DataError(path, f"the file must be a mapping of list names to lists, not {_type_name(data)}")
    for name, value in data.items():
        if name not in LEXICON_LISTS + LEXICON_MAPPINGS:
            raise DataError(path, f"unknown list (known: {', '.join(LEXICON_LISTS + LEXICON_MAPPINGS)})", field=str(name))
        if value is None:  # a list with nothing in it yet
            data[name] = {} if name in LEXICON_MAPPINGS else []
            continue
        items = _Entries(path, name, "item")
        if name in LEXICON_MAPPINGS:
            if not isinstance(value, dict):
                raise DataError(path, f"must be a mapping of phrase: year, not {_type_name(value)}", field=name)
            for index, (phrase, year) in enumerate(value.items()):
                if not isinstance(phrase, str) or not key(phrase):
                    raise items.error(index, None, name, f"the phrase must be text, not {_type_name(phrase)} ({phrase!r})")
                if not _is(year, (int,)) or not 1000 <= year <= 2999:
                    raise items.error(index, None, name, f"{phrase!r}: the year must be a year such as 1890, "
                                                         f"not {_type_name(year)} ({year!r})")
            continue
        if not isinstance(value, list):
            raise DataError(path, f"must be a list, not {_type_name(value)}", field=name)
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise items.error(index, None, name, f"must be text, not {_type_name(item)} ({item!r})")
            if not key(item):
                raise items.error(index, None, name, f"{item!r} is empty once punctuation is set aside "
                                                     "(it would match every line)")
    return data


def _as_day(value):
    """A date as YAML reads it (YYYY-MM-DD), or as text; None when it is not one."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def check_sessions(data, path: Path) -> list[dict]:
    """The bodies of ``calendar.yaml``, each with names, term_written, terms and sessions
    (data/calendar.yaml says what each holds), dates as dates. Raises DataError."""
    if not isinstance(data, dict) or not isinstance(data.get("bodies"), list):
        raise DataError(path, "the file must hold a list 'bodies:' of bodies and their sessions")
    bodies = _Entries(path, "bodies", "body")
    for index, body in enumerate(data["bodies"]):
        if not isinstance(body, dict) or not isinstance(body.get("name"), str):
            raise bodies.error(index, None, "name", "a body needs its name: {name: Quốc hội, names: […], …}")
        where = f"body {body['name']!r}"
        names = body.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise DataError(path, "must be a list of the names the press gives it", where, "names")
        if not isinstance(body.get("term_written"), bool):
            raise DataError(path, "must be true or false", where, "term_written")
        for field in ("terms", "sessions"):
            items = body.get(field)
            if not isinstance(items, list) or not items:
                raise DataError(path, "must be a list", where, field)
            for number, item in enumerate(items, 1):
                if not isinstance(item, dict) or not isinstance(item.get("term"), str):
                    raise DataError(path, f"item {number} needs its term: {{term: XIV, …}}", where, field)
                for day in ("start", "end"):
                    if item.get(day) is None and (day == "end" and field == "sessions"):
                        item[day] = item["start"]
                    value = _as_day(item.get(day))
                    if value is None:
                        raise DataError(path, f"item {number}: {day} must be a date (YYYY-MM-DD), not "
                                              f"{item.get(day)!r}", where, field)
                    item[day] = value
                if item["end"] < item["start"]:
                    raise DataError(path, f"item {number} ends before it starts", where, field)
                if field == "sessions":
                    numbers = item.get("numbers", [item.get("number")])
                    if not isinstance(numbers, list) or not numbers or not all(_is(n, (int,)) and n > 0
                                                                               for n in numbers):
                        raise DataError(path, f"item {number}: number must be a whole number (numbers: a list "
                                              "of them)", where, field)
                    item["numbers"] = numbers
    return data["bodies"]
