"""Progress: on a terminal each phase shows its count out of the total, the rate and the time
left; through a pipe (CI logs, redirected output) or under --quiet, nothing of it."""
from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Optional

import pytest

from benchmarks.synth import generate
from conftest import ARTICLES, ROOT
from directive_digest.progress import NO_PROGRESS, TerminalProgress, for_stream

PHASES = ("checking inputs", "preparing articles", "merging copies, grouping, rendering", "writing pages")


def command(tmp_path: Path, *options: str) -> list[str]:
    return [sys.executable, str(ROOT / "build_digest.py"), "--input", str(ARTICLES), "--output", str(tmp_path / "out"),
            "--cache", str(tmp_path / "cache"), "--report", str(tmp_path / "report.json"), *options]


def on_terminal(cmd: list[str], typing: Optional[Callable[[bytes], bytes]] = None) -> tuple[int, str]:
    """Run ``cmd`` as a shell runs it in a terminal window: a pseudo-terminal is its controlling
    terminal, stdin, stdout and stderr. ``typing(shown so far)`` gives the keys to type then
    (b"": none). Returns the exit status and what the terminal showed."""
    pid, controller = pty.fork()
    if pid == 0:  # the child: the terminal's session
        try:
            os.execv(cmd[0], cmd)
        finally:
            os._exit(127)
    shown, deadline = bytearray(), time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the program closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        keys = typing(bytes(shown)) if typing else b""
        if keys:
            os.write(controller, keys)
    os.close(controller)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


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


@pytest.mark.parametrize("engine", [["--engine", "local"], ["--engine", "dask", "--jobs", "2"]], ids=["local", "dask"])
def test_ctrl_c_on_a_terminal_stops_the_build_with_one_line(tmp_path, seeds_dir, engine):
    """Ctrl-C typed in the terminal (SIGINT to every process of the build, workers included)
    while articles are being prepared: exit 130, one line saying so, no traceback from any process."""
    articles = tmp_path / "articles"
    generate(3000, articles, [seeds_dir])
    cmd = [sys.executable, str(ROOT / "build_digest.py"), "--input", str(articles), "--output", str(tmp_path / "out"),
           "--no-cache", "--report", str(tmp_path / "report.json"), *engine]
    typed = []

    def ctrl_c(shown: bytes) -> bytes:
        """Ctrl-C once articles are being prepared: the terminal sends SIGINT to its foreground processes."""
        if typed or b"/3000 [" not in shown.rpartition(b"preparing articles:")[2]:
            return b""
        time.sleep(0.5)  # well into the work
        typed.append(True)
        return b"\x03"

    status, shown = on_terminal(cmd, ctrl_c)
    assert typed, shown
    assert status == 130, shown
    assert "interrupted: the previous output is left as it was" in shown
    assert "Traceback" not in shown and "KeyboardInterrupt" not in shown, shown
