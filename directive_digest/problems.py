"""What goes wrong, as the user is told: with an input (every stage and reader raises or
returns these, and the build report lists them), or with a data file an editor changed."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional


class InputError(Exception):
    """An input the tool cannot read; the message says why."""


@dataclass
class Problem:
    source: str
    reason: str


def internal_error(error: BaseException) -> str:
    """The reason reported for a bug: the user sees this line, never a traceback."""
    return f"internal error: {type(error).__name__}: {error} (please report this file to the maintainers)"


class DataError(Exception):
    """A data file (the directive registry, the lexicon) that cannot be used: a user's
    mistake to fix, not a bug. Says the file, the entry and the field."""

    def __init__(self, path: Path, reason: str, entry: Optional[str] = None, field: Optional[str] = None):
        self.path, self.reason, self.entry, self.field = Path(path), reason, entry, field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [str(self.path)] + ([self.entry] if self.entry else []) + ([f"field '{self.field}'"] if self.field else [])
        return ": ".join(where + [self.reason])
