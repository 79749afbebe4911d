"""Front matter YAML written directly, for the shapes it has: the exact text PyYAML writes.

Pages' front matter is a mapping of strings, ints, None, bools, and lists and mappings of
those. ``emit`` writes it as ``yaml.dump(meta, Dumper=CSafeDumper, default_flow_style=False,
allow_unicode=True, sort_keys=False, width=10_000)`` (libyaml's emitter) does, without
building PyYAML nodes and resolving every scalar through Python callbacks: that cost more
than the rest of rendering the page.

It handles only what it can prove it writes the same way, and returns None for anything
else (``dump`` then asks PyYAML): strings with a character libyaml would escape or that
starts a new line (controls, tabs, line breaks, U+FEFF, U+2028/9, characters outside the
BMP), strings long enough for the 10,000-column width to fold them, keys that are not
lower-case identifiers, the same list or mapping twice (PyYAML writes an alias), floats and
any other type. Everything it writes is checked against PyYAML by a property test
(tests/test_front_matter.py).

The rules (libyaml's yaml_emitter_analyze_scalar / select_scalar_style, block context):
a string is written plain unless it would read back as something else (the implicit
resolvers: null, bool, int, float, timestamp, merge, value), is empty, starts or ends with
a space, starts with an indicator (``#,[]{}&*!|>'"%@` ``, ``?``/``:``/``-`` followed by a
space or the end, ``---``, ``...``) or holds ``": "``, a final ``:`` or ``" #"``; then it is
single-quoted with ``'`` doubled.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import yaml
from yaml.resolver import Resolver

# Anything libyaml would not write as is in a plain or single-quoted one-line scalar.
_UNUSUAL = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_NOT_PLAIN = re.compile(r"""\A(?:[#,\[\]{}&*!|>'"%@`]|[?:-](?: |\Z)|---|\.\.\.| )|: |:\Z| #| \Z""")
# ``_NOT_PLAIN``'s opening, matched at the start only (``_not_plain``).
_NOT_PLAIN_START = re.compile(r"""[#,\[\]{}&*!|>'"%@`]|[?:-](?: |\Z)|---|\.\.\.| """)
_KEY = re.compile(r"[a-z_]+\Z")
_RESOLVERS = Resolver.yaml_implicit_resolvers  # first character -> [(tag, regexp)]
# Longer strings could reach the emitter's width (10,000 columns) and be folded.
MAX_STRING = 9_000


_GOOD_KEYS: set = set()  # keys already found writable plain (pages share a few dozen)


class _Unsure(Exception):
    """A value whose YAML this module does not write: PyYAML does."""


def emit(meta: dict) -> Optional[str]:
    """The front matter YAML of ``meta`` (a non-empty dict), or None when PyYAML must write it."""
    if type(meta) is not dict or not meta:
        return None
    out: list[str] = []
    try:
        _mapping(meta, 0, out, None, set())
    except _Unsure:
        return None
    out.append("")
    return "\n".join(out)


def _not_plain(value: str) -> bool:
    """``_NOT_PLAIN.search(value)``: its opening matched at the start, its other branches as
    string tests, instead of a search trying five branches at every position."""
    return bool(": " in value or " #" in value or value.endswith((":", " ")) or _NOT_PLAIN_START.match(value))


@lru_cache(maxsize=4096)  # pure; key figures' sentences, outlets and ids recur (an _Unsure is not remembered)
def _string(value: str) -> str:
    if len(value) > MAX_STRING or _UNUSUAL.search(value):
        raise _Unsure
    if not value or _not_plain(value) or _resolves(value):
        return "'" + value.replace("'", "''") + "'"
    return value


def _resolves(value: str) -> bool:
    """Would ``value``, written plain, read back as something other than a string?"""
    for _tag, regexp in _RESOLVERS.get(value[0], ()):
        if regexp.match(value):
            return True
    return False


def _scalar(value) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    raise _Unsure


def _container(value, seen: set) -> None:
    if id(value) in seen:  # the same object twice: PyYAML would write an anchor and an alias
        raise _Unsure
    seen.add(id(value))


def _mapping(mapping: dict, indent: int, out: list, lead: Optional[str], seen: set) -> None:
    """Block mapping at ``indent``; its first line starts with ``lead`` (after "- ") if given."""
    _container(mapping, seen)
    pad = " " * indent
    head = lead if lead is not None else pad
    for key, value in mapping.items():
        if key not in _GOOD_KEYS:
            if type(key) is not str or not _KEY.match(key) or _resolves(key):
                raise _Unsure
            _GOOD_KEYS.add(key)
        head += key + ":"
        kind = type(value)
        # The common leaves first, written here (what _leaf writes): a page has dozens.
        if kind is str:
            out.append(head + " " + _string(value))
        elif value is None:
            out.append(head + " null")
        elif kind is list and value:  # a sequence in a mapping is not indented
            out.append(head)
            _sequence(value, indent, out, None, seen)
        elif kind is dict and value:
            out.append(head)
            _mapping(value, indent + 2, out, None, seen)
        else:
            out.append(head + " " + _leaf(value, seen))
        head = pad


def _sequence(sequence: list, indent: int, out: list, lead: Optional[str], seen: set) -> None:
    _container(sequence, seen)
    pad = " " * indent
    head = (lead if lead is not None else pad) + "- "
    for item in sequence:
        kind = type(item)
        if kind is str:
            out.append(head + _string(item))
        elif kind is dict and item:
            _mapping(item, indent + 2, out, head, seen)
        elif kind is list and item:
            _sequence(item, indent + 2, out, head, seen)
        else:
            out.append(head + _leaf(item, seen))
        head = pad + "- "


def _leaf(value, seen: set) -> str:
    """A scalar, or an empty list or mapping (written in flow style)."""
    kind = type(value)
    if kind is list or kind is dict:
        _container(value, seen)
        return "[]" if kind is list else "{}"
    return _scalar(value)


# libyaml's emitter when PyYAML has it: the same YAML as the pure-Python one, faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if yaml.__with_libyaml__ else yaml.SafeDumper


def pyyaml_dump(meta: dict) -> str:
    """What python-frontmatter's YAML handler writes for ``meta`` (the reference ``emit`` matches)."""
    return yaml.dump(meta, Dumper=_DUMPER, default_flow_style=False, allow_unicode=True, sort_keys=False,
                     width=10_000)


def dump(meta: dict) -> str:
    """The front matter's YAML: written directly when ``emit`` can, else by PyYAML."""
    direct = emit(meta)
    return direct if direct is not None else pyyaml_dump(meta)
