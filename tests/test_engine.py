"""The Dask engine (``--engine dask``): a local cluster of 2 worker processes builds what the local
process pool builds, byte for byte (the whole output tree, the report, the cache it leaves); an
article that fails, even one that kills its worker, costs that article only; a worker that would
prepare articles differently stops the build with a message, as does a scheduler that cannot be
reached. No timings here (benchmarks/engine.py measures)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dask
import distributed  # noqa: F401 - its configuration loaded before dask.config.set changes a part of it
import pytest

import dying_worker
from conftest import ARTICLES, ROOT, SHARED, need
from directive_digest import cli, dask_engine, workers
from directive_digest.build import build
from directive_digest.dask_engine import DaskEngine
from directive_digest.engine_worker import WorkerMismatch, check_worker, worker_context
from directive_digest.registry import load_registry
from test_bad_input import CASES, write_inputs

build_module = sys.modules["directive_digest.build"]
REAL = SHARED / "corpus" / "real"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, dot files (the manifest) included."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The real corpus (text, HTML, Markdown and JSON pages from the press, 319 files), and beside it
    every bad input of test_bad_input, an export with a broken line, an editor's correction, a
    copy of a real article, and a file too large to read."""
    need(REAL.is_dir(), f"the shared real corpus is not at {REAL}")
    root = tmp_path_factory.mktemp("engine")
    extra = root / "bài thêm"  # sources "bài thêm/…": a folder name with Vietnamese letters and a space
    write_inputs(extra, CASES)
    records = [{"title": "Sơ kết Chỉ thị 05-CT/TW ở phường Trung Đô",
                "text": "Ngày 12/3/2022, Đảng ủy phường Trung Đô sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW "
                        "với 120 đảng viên tham dự.\n\nPhường đã xây dựng 14 mô hình học tập và làm theo Bác.",
                "outlet": "Báo Nghệ An", "url": "https://baonghean.vn/a.html"}]
    (extra / "xuat.jsonl").write_text(json.dumps(records[0], ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    (extra / "tot.override.yaml").write_text("date: 2021-06-25\nauthor: Nguyễn Văn A\n", encoding="utf-8")
    first = sorted(REAL.glob("*.txt"))[0]
    (extra / "ban sao").mkdir()
    shutil.copy2(first, extra / "ban sao" / first.name)
    with open(extra / "khong lo.txt", "wb") as handle:
        handle.truncate(11_000_000)  # refused before reading: never sent to a worker
    return [REAL, root]


def digest(inputs: list[Path], out: Path, *options: str) -> tuple[subprocess.CompletedProcess, dict]:
    report = out.with_suffix(".json")
    cmd = [sys.executable, str(ROOT / "build_digest.py"), "--output", str(out), "--report", str(report), *options]
    for path in inputs:
        cmd += ["--input", str(path)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=out.parent, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result, json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def local(inputs, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, dict]:
    """The local process pool's build of ``inputs``: (output, the run, its report)."""
    out = tmp_path_factory.mktemp("local") / "out"
    run, report = digest(inputs, out, "--engine", "local", "--no-cache")
    assert report["articles"] >= 300
    reported = {p["source"].split("#")[0] for p in report["problems"]}
    assert {f"bài thêm/{name}" for name, _, _ in CASES} | {"bài thêm/khong lo.txt", "bài thêm/xuat.jsonl"} <= reported
    return out, run, report


def test_a_local_cluster_of_two_workers_builds_what_the_local_pool_builds(tmp_path, inputs, local, monkeypatch):
    local_out, local_run, local_report = local
    cluster, cluster_report = digest(inputs, tmp_path / "dask", "--engine", "dask", "--jobs", "2",
                                     "--cache", str(tmp_path / "cache"))
    assert tree(tmp_path / "dask") == tree(local_out)
    assert cluster_report == local_report
    assert cluster.stderr == local_run.stderr  # the same warnings, nothing from Dask
    # The cache the cluster's results were put in: a local build takes every article from it.
    understood: list[str] = []
    monkeypatch.setattr(build_module, "understand", lambda a, r: understood.append(a.source))
    build(inputs, tmp_path / "warm", cache_dir=tmp_path / "cache", jobs=1)
    assert understood == []
    assert tree(tmp_path / "warm") == tree(local_out)


def test_a_scheduler_and_workers_started_apart_build_the_same(tmp_path, inputs, local):
    """As on many machines: `dask scheduler` and `dask worker` started by hand, in a directory of
    their own, and the digest pointed at the scheduler (--scheduler)."""
    dask_command = Path(sys.executable).with_name("dask")
    where = tmp_path / "cluster"
    where.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the package as installed on a worker
    scheduler_file = where / "scheduler.json"
    started = [subprocess.Popen([dask_command, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                 "--scheduler-file", scheduler_file], cwd=where, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
        started.append(subprocess.Popen([dask_command, "worker", address, "--nworkers", "2", "--nthreads", "1",
                                         "--no-dashboard", "--local-directory", where], cwd=where, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        run, report = digest(inputs, tmp_path / "dask", "--engine", "dask", "--scheduler", address, "--no-cache")
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=60)
    assert tree(tmp_path / "dask") == tree(local[0])
    assert report == local[2] and run.stderr == local[1].stderr


def test_an_article_that_kills_its_worker_costs_that_article_only(tmp_path, monkeypatch):
    need(REAL.is_dir(), f"the shared real corpus is not at {REAL}")
    src = tmp_path / "in"
    src.mkdir()
    for path in sorted(REAL.glob("*.*")):  # the top-level pages: text, HTML, Markdown, JSON
        shutil.copy2(path, src / path.name)
    reference = build([src], tmp_path / "reference", jobs=1)
    fatal = src / "chet.txt"
    fatal.write_text(f"Bài làm chết tiến trình\n\nChỉ thị 05-CT/TW được quán triệt. {dying_worker.MARKER}\n",
                     encoding="utf-8")
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(build_module, "understand", dying_worker.understand_or_die)
    # A task whose worker died is not run again elsewhere: fewer workers to restart here.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), DaskEngine(workers=2) as engine:
        report = build([src], tmp_path / "dask", jobs=2, engine=engine)
    *others, problem = sorted(report.problems, key=lambda p: p.source == "chet.txt")
    assert others == reference.problems and problem.source == "chet.txt"
    assert "could not be prepared on a local Dask cluster" in problem.reason and "worker process died" in problem.reason
    assert tree(tmp_path / "dask") == tree(tmp_path / "reference")
    assert report.articles == reference.articles


def test_a_worker_that_differs_stops_the_build_and_says_what_differs(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    real_context = worker_context
    # This process claims another Python: every worker (the real one) now differs from it.
    monkeypatch.setattr(dask_engine, "worker_context", lambda registry: {**real_context(registry), "Python": "2.7.18"})
    out = tmp_path / "out"
    status = cli.main(["--input", str(ARTICLES), "--output", str(out), "--no-cache", "--engine", "dask",
                       "--jobs", "1", "--report", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "differs from this machine: Python 2.7.18 here, " in err and "Traceback" not in err
    assert not list(out.rglob("*.md"))  # nothing written


def test_a_worker_checks_what_it_is_sent_before_preparing():
    """The check a worker's first task makes (for workers that join after the build started)."""
    registry = load_registry()
    expected = worker_context(registry)
    check_worker(expected, registry)
    with pytest.raises(WorkerMismatch, match=r"current year 1999 here, \d{4} there"):
        check_worker({**expected, "current year": 1999}, registry)
    with pytest.raises(WorkerMismatch, match=r"code \(another version of directive-digest"):
        check_worker({**expected, "code": "0" * 64}, registry)


def test_a_scheduler_that_cannot_be_reached_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(dask_engine, "CONNECT_SECONDS", 1)
    status = cli.main(["--input", str(ARTICLES), "--output", str(tmp_path / "out"), "--no-cache",
                       "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--report", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert status == 2 and "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    with pytest.raises(SystemExit) as usage:
        cli.main(["--engine", "local", "--scheduler", "tcp://127.0.0.1:9"])
    assert usage.value.code == 2 and "--scheduler is for --engine dask" in capsys.readouterr().err


def test_nothing_to_prepare_starts_no_cluster(tmp_path):
    """A few files are prepared in this process, as with the local pool; a cached build prepares none."""
    with DaskEngine() as engine:
        build([ARTICLES], tmp_path / "dask", engine=engine)
        assert not engine.started
    build([ARTICLES], tmp_path / "local")
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")
