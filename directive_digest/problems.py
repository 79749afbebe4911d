"""What goes wrong with an input, as the user is told: every stage and reader raises or
returns these, and the build report lists them."""
from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """An input the tool cannot read; the message says why."""


@dataclass
class Problem:
    source: str
    reason: str


def internal_error(error: BaseException) -> str:
    """The reason reported for a bug: the user sees this line, never a traceback."""
    return f"internal error: {type(error).__name__}: {error} (please report this file to the maintainers)"
