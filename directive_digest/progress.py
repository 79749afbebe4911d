"""Progress of a long build, shown on a terminal: each phase's count out of its total, the
rate and the time left (tqdm), then the next phase.

The build reports through a ``Progress``: ``phase(name, total, unit)`` gives a ``Phase`` to
``update(n)`` and ``close()``; a phase without a total (a step that has no count) shows its
elapsed time. ``NO_PROGRESS`` shows nothing: it is what the build uses unless told
otherwise (the API, tests). The command line uses ``for_stream(sys.stderr, quiet)``: tqdm
bars on stderr only when it is a terminal and ``--quiet`` is not given, so pipes, files and
CI logs get no carriage-return noise.

tqdm is imported only when a terminal is there to draw on (it costs ~0.1 s of start-up).
"""
from __future__ import annotations

import os
from typing import Optional, TextIO


class Phase:
    """A phase that shows nothing."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> "Phase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Progress:
    """Shows nothing (not a terminal, ``--quiet``, the API)."""

    def phase(self, name: str, total: Optional[int] = None, unit: str = "") -> Phase:
        return Phase()


NO_PROGRESS = Progress()


class _BarPhase(Phase):
    def __init__(self, bar):
        self.bar = bar

    def update(self, n: int = 1) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


class TerminalProgress(Progress):
    """tqdm bars on ``stream``, one line per phase, each left on screen when done."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def phase(self, name: str, total: Optional[int] = None, unit: str = "") -> Phase:
        from tqdm import tqdm  # only on a terminal: see the module's docstring

        # The terminal's size, followed when it changes; a terminal that tells none (a bare
        # pseudo-terminal: 0 x 0, where tqdm would draw nothing) is taken as 80 x 24.
        width = {"dynamic_ncols": True} if _columns(self.stream) > 0 else {"ncols": 80, "nrows": 24}
        if total is None:  # a step with no count: its name, then how long it took
            bar = tqdm(desc=name, file=self.stream, bar_format="{desc}: {elapsed}", leave=True, **width)
        else:
            bar = tqdm(desc=name, total=total, unit=f" {unit}" if unit else "it", file=self.stream,
                       leave=True, smoothing=0.1, **width)
        return _BarPhase(bar)


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 0


def for_stream(stream: TextIO, quiet: bool = False) -> Progress:
    """Bars on ``stream`` when it is a terminal and the user did not ask for quiet; else none."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        terminal = False
    return TerminalProgress(stream) if terminal and not quiet else NO_PROGRESS
