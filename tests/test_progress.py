"""Progress: on a terminal each phase shows its count out of the total, the rate and the time
left; through a pipe (CI logs, redirected output) or under --quiet, nothing of it."""
from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import ARTICLES, ROOT
from directive_digest.progress import NO_PROGRESS, TerminalProgress, for_stream

PHASES = ("checking inputs", "preparing articles", "merging copies, grouping, rendering", "writing pages")


def command(tmp_path: Path, *options: str) -> list[str]:
    return [sys.executable, str(ROOT / "build_digest.py"), "--input", str(ARTICLES), "--output", str(tmp_path / "out"),
            "--cache", str(tmp_path / "cache"), "--report", str(tmp_path / "report.json"), *options]


def on_terminal(cmd: list[str]) -> tuple[int, str]:
    """Run ``cmd`` with a pseudo-terminal as its stdin, stdout and stderr, as in a shell window;
    what it showed, and its exit status."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(cmd, stdin=terminal, stdout=terminal, stderr=terminal, close_fds=True)
    os.close(terminal)
    shown = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the program closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return process.wait(timeout=120), shown.decode("utf-8", "replace")


def test_a_terminal_shows_each_phase_with_count_rate_and_time_left(tmp_path):
    status, shown = on_terminal(command(tmp_path))
    assert status == 0, shown
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    files = len([p for p in ARTICLES.rglob("*") if p.is_file()])
    for phase in PHASES:
        assert phase in shown
    assert f"{files}/{files} [" in shown and " files/s]" in shown  # preparing: all of them, and the rate
    assert f"{report['pages']}/{report['pages']} [" in shown and " pages/s]" in shown
    assert "<00:00" in shown  # the time left
    assert "\r" in shown.replace("\r\n", "")  # redrawn in place, not a line per update
    assert f"{report['articles']} articles -> {report['pages']} pages" in shown  # the summary as before


def test_quiet_on_a_terminal_shows_no_progress(tmp_path):
    status, shown = on_terminal(command(tmp_path, "--quiet"))
    assert status == 0, shown
    assert not any(phase in shown for phase in PHASES)


def test_a_pipe_gets_no_progress_and_the_usual_lines(tmp_path):
    result = subprocess.run(command(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not any(phase in result.stderr + result.stdout for phase in PHASES)
    assert "\r" not in result.stderr + result.stdout
    assert " articles -> " in result.stdout


def test_progress_is_for_terminals_only():
    assert for_stream(io.StringIO()) is NO_PROGRESS
    controller, terminal = pty.openpty()
    try:
        with open(terminal, "w", closefd=False) as stream:
            assert isinstance(for_stream(stream), TerminalProgress)
            assert for_stream(stream, quiet=True) is NO_PROGRESS
    finally:
        os.close(controller)
        os.close(terminal)
