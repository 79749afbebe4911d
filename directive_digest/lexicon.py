"""The press vocabulary cleaning relies on, loaded from ``data/lexicon.yaml``."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .data_checks import check_lexicon
from .problems import DataError
from .vntext import match_key, single_spaced

DATA_DIR = Path(__file__).parent / "data"
_EDGE_PUNCT = re.compile(r"^[\s\-–—•·*|>:]+|[\s\-–—•·*|>:.…]+$")


@functools.lru_cache(maxsize=8192)  # each line is asked about by several lexicon checks
def line_key(line: str) -> str:
    """The key a line is looked up by: match_key without edge punctuation."""
    return _EDGE_PUNCT.sub("", match_key(line)).strip()


_WIDGET_SEPARATOR = re.compile(r"\s{2,}|\s*(?:[|·•»+]|>>)\s*|:\s+|\]\s*\[")


def _widget_parts(line: str) -> list[str]:
    """``_WIDGET_SEPARATOR.split(line)``. In a single-spaced line with no separator but ": "
    (most lines that have one: "… nhấn mạnh: …"), that is splitting at ": ", done by str.split
    instead of the regex, which tries its separators at every character."""
    if not any(map(line.__contains__, "|·•»+>]")) and single_spaced(line) == line:
        return line.split(": ") if ": " in line else [line]
    return _WIDGET_SEPARATOR.split(line)


@dataclass(frozen=True)
class Lexicon:
    section_labels: frozenset[str]
    tail_markers: tuple[str, ...]
    widget_lines: frozenset[str]
    local_party_issuers: tuple[str, ...]  # Party bodies below the centre (match keys, longest first)
    state_issuers: tuple[str, ...]  # State bodies (match keys, longest first)
    party_issuers: tuple[str, ...]
    anniversaries: tuple[tuple[str, int], ...] = ()  # (phrase key, base year), longest first
    metadata_prefixes: tuple[str, ...] = ()
    byline_titles: tuple[str, ...] = ()  # match keys, longest first
    masthead_prefixes: tuple[str, ...] = ()
    masthead_suffixes: tuple[str, ...] = ()
    footer_prefixes: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()  # as written, longest first
    surnames: frozenset[str] = frozenset()

    def is_site_line(self, line: str) -> bool:
        """A short line naming the site: "Báo Kon Tum điện tử", "Cơ quan của Ủy ban Dân tộc"."""
        key = line_key(line)
        if len(key.split()) > 16:
            return False
        if key.startswith(self.masthead_prefixes) or key.endswith(self.masthead_suffixes):  # tuples: any of them
            return True
        return bool(re.match(r"^báo (?!cáo)\w+(?: \w+)?$", key)) and line.strip()[4:5].isupper()

    def is_footer(self, line: str) -> bool:
        key = match_key(line.strip())
        if not key.startswith(self.footer_prefixes):
            return False  # one C-level test for the common case: no prefix at all
        return any(key.startswith(p) and (len(key) == len(p) or not key[len(p)].isalnum())
                   for p in self.footer_prefixes)
    def is_section_label(self, line: str) -> bool:
        return line_key(line) in self.section_labels

    def is_widget(self, line: str) -> bool:
        """"Chia sẻ", or a row of widgets: "In bài viết     Gửi email     Quay lại"."""
        if line_key(line) in self.widget_lines:
            return True
        parts = _widget_parts(line.strip())
        if len(parts) <= 1:
            return False  # one part only (most lines)
        parts = [p for p in (p.strip("[]() ") for p in parts) if p]
        # The cheap conditions first: prose has a part of more than 4 words, and needs no lookups.
        if len(parts) <= 1 or not all(len(p.split()) <= 4 for p in parts):
            return False
        known = sum(1 for p in parts if line_key(p) in self.widget_lines)
        return known > 0 and known >= len(parts) / 2

    def is_metadata(self, line: str) -> bool:
        """"Lượt xem: 1.204", "Từ khóa: Kết luận 01, làm theo Bác"."""
        key = match_key(line.strip())
        if not key.startswith(self.metadata_prefixes):
            return False  # one C-level test for the common case: no prefix at all
        return any(key.startswith(p) and re.match(r"\s*[:(]", key[len(p):]) for p in self.metadata_prefixes)

    def is_tail_marker(self, line: str) -> bool:
        """"Các tin khác", "Bình luận (3)", "Tin liên quan:" — not "Trả lời phỏng vấn, ông nói: …"."""
        key = line_key(line)
        if self.tail_markers and len(key) > len(self.tail_markers[0]) + 12:
            return False  # longer than the longest marker (they are sorted longest first) + 12: prose
        if not key.startswith(self.tail_markers):
            return False  # no marker opens it (most lines): one C-level test, the loop needs one
        for marker in self.tail_markers:
            if key == marker:
                return True
            if key.startswith(marker) and len(key) <= len(marker) + 12 and not key[len(marker)].isalnum() \
                    and not re.search(r"[.!?…]\s*$", line.strip()):
                return True
        return False


# libyaml's loader when PyYAML has it: the same data as yaml.safe_load (tested), read ~10x
# faster; the data files are read at every run's start (~30 ms less, a no-op rebuild included).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if yaml.__with_libyaml__ else yaml.SafeLoader




class _DatesAsWritten(_LOADER):
    """The same loader, with dates kept as written: an impossible one (2016-02-30) then
    reaches the data checks, which name its entry, instead of failing the whole read."""


_DatesAsWritten.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load_data_file(path: Path):
    """A data file of the package (or an editor's copy) as plain Python data; DataError
    saying why when it cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(path, f"cannot read it: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise DataError(path, f"not UTF-8 text (byte {error.start}): save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        reason = f"not valid YAML: {error.problem or error.context}"
        if error.context and error.context_mark and error.problem:  # where the broken part opens
            reason += f" ({error.context} opened on line {error.context_mark.line + 1})"
        raise DataError(path, reason, where) from None
    except yaml.YAMLError as error:
        raise DataError(path, f"not valid YAML: {error}") from None
    except ValueError:  # an impossible date: read again, the checks say which entry
        return yaml.load(text, Loader=_DatesAsWritten)  # noqa: S506 - a safe loader


@functools.lru_cache(maxsize=None)
def load_lexicon(path: str | None = None) -> Lexicon:
    path = Path(path or DATA_DIR / "lexicon.yaml")
    data = check_lexicon(load_data_file(path), path, key=line_key)
    keys = lambda name: [line_key(x) for x in data.get(name, [])]  # noqa: E731
    by_length = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731
    return Lexicon(
        section_labels=frozenset(keys("section_labels")),
        tail_markers=by_length(keys("tail_markers")),
        widget_lines=frozenset(keys("widget_lines")),
        local_party_issuers=by_length(keys("local_party_issuers")),
        state_issuers=by_length(keys("state_issuers")),
        party_issuers=by_length(keys("party_issuers")),
        metadata_prefixes=by_length(match_key(x) for x in data.get("metadata_prefixes", [])),
        masthead_prefixes=by_length(line_key(x) for x in data.get("masthead_prefixes", [])),
        masthead_suffixes=by_length(line_key(x) for x in data.get("masthead_suffixes", [])),
        footer_prefixes=by_length(match_key(x) for x in data.get("footer_prefixes", [])),
        byline_titles=by_length(match_key(x) for x in data.get("byline_titles", [])),
        outlets=by_length(dict.fromkeys(data.get("outlets") or [])),
        surnames=frozenset(data.get("surnames") or []),
        anniversaries=tuple(sorted(((line_key(k), int(v)) for k, v in (data.get("anniversaries") or {}).items()),
                                   key=lambda kv: len(kv[0]), reverse=True)),
    )
