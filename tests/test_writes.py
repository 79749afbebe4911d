"""Nothing lost: atomic writes, only the tool's own files touched, interrupted runs recover,
one run at a time."""
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from conftest import ROOT
from directive_digest import build, write
from directive_digest.write import LOCK, MANIFEST, Lock, OutputLocked, safe_target, write_pages

ARTICLES = {
    f"bai-{n}.txt": (f"Hội nghị sơ kết Chỉ thị 05-CT/TW tại đơn vị số {n}\n\n"
                     f"Sáng {n}/5/2021, Đảng ủy đơn vị số {n} tổ chức hội nghị sơ kết thực hiện Chỉ thị "
                     f"05-CT/TW với {10 * n} đảng viên tham dự.\n")
    for n in range(1, 7)
}


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def edit_all(src, suffix):
    for path in src.glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + f"\nĐoạn bổ sung {suffix}: hội nghị kết thúc tốt đẹp.\n",
                        encoding="utf-8")


@pytest.mark.parametrize("crash", [RuntimeError("disk gone"), KeyboardInterrupt()])
def test_crash_midway_leaves_every_page_whole_and_next_run_completes(inputs, tmp_path, monkeypatch, crash):
    out = tmp_path / "content"
    build([inputs], out)
    before = snapshot(out)
    edit_all(inputs, "mới")
    real = write.atomic_write
    calls = []

    def flaky(path, data):
        calls.append(path)
        if len(calls) == 4:  # the pending manifest, then two pages, then the crash
            raise crash
        real(path, data)

    monkeypatch.setattr(write, "atomic_write", flaky)
    with pytest.raises(type(crash)):
        build([inputs], out)
    monkeypatch.setattr(write, "atomic_write", real)
    middle = snapshot(out)
    # No temporary files left behind; every page is the old or the new version, never half of one.
    assert not [p for p in middle if p.endswith(".tmp")]
    assert not (out / LOCK).exists()
    changed = [p for p in before if p != MANIFEST and middle.get(p) != before[p]]
    assert len(changed) == 2
    for rel in changed:
        assert "Đoạn bổ sung mới" in middle[rel].decode("utf-8")
    # The next run treats the pages the interrupted run wrote as its own (not as hand edits).
    report = build([inputs], out, report_path=tmp_path / "r.json")
    assert report.written.refused == []
    assert report.ok
    after = snapshot(out)
    assert set(after) == set(before)
    assert all("Đoạn bổ sung mới" in after[p].decode("utf-8") for p in after if p.count("/") == 2
               and not p.endswith("index.md"))
    assert "pending" not in json.loads(after[MANIFEST])


def test_run_killed_with_sigkill_midway_is_recovered(inputs, tmp_path):
    """No finally block runs on SIGKILL: the pending manifest written first is what saves the next run."""
    out = tmp_path / "content"
    build([inputs], out)
    edit_all(inputs, "sau")
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from directive_digest import build, write\n"
        "real, n = write.atomic_write, [0]\n"
        "def killer(path, data):\n"
        "    n[0] += 1\n"
        "    if n[0] == 3:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    real(path, data)\n"
        "write.atomic_write = killer\n"
        "build([Path(sys.argv[1])], Path(sys.argv[2]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(inputs), str(out)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -9
    assert (out / LOCK).exists()  # a dead run's lock: stale, taken over below
    report = build([inputs], out)
    assert report.written.refused == [] and report.ok


def test_hand_written_pages_survive_every_run(inputs, tmp_path):
    out = tmp_path / "content"
    out.mkdir()
    (out / "index.md").write_text("# Trang chủ viết tay\n", encoding="utf-8")
    build([inputs], out)
    page = next(p for p in out.glob("*/*/*.md") if p.name != "index.md")
    note = page.parent / "ghi-chu.md"  # a hand-written page inside a generated directory
    note.write_text("# Ghi chú của biên tập viên\n", encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    edited = page.read_bytes()
    report = build([inputs], out)
    assert any("edited by hand" in reason for _, reason in report.written.refused)
    assert page.read_bytes() == edited
    # Every input gone: generated pages go, hand-written ones (and the hand-edited page) stay.
    empty = tmp_path / "empty"
    empty.mkdir()
    build([empty], out)
    assert (out / "index.md").read_text(encoding="utf-8") == "# Trang chủ viết tay\n"
    assert note.read_text(encoding="utf-8") == "# Ghi chú của biên tập viên\n"
    assert page.read_bytes() == edited


def test_manifest_cannot_make_the_tool_delete_outside_the_output(tmp_path):
    out = tmp_path / "content"
    out.mkdir()
    victim = tmp_path / "victim.md"
    victim.write_text("keep", encoding="utf-8")
    digest = write._digest(b"keep")
    (out / MANIFEST).write_text(json.dumps({"files": {"../victim.md": digest, "/etc/hostname": digest}}),
                                encoding="utf-8")
    write_pages(out, {})
    assert victim.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("relative", ["../x.md", "../../x.md", "a/../../x.md", "/etc/x.md", "", ".", "a/../.."])
def test_safe_target_refuses_paths_outside_the_output(tmp_path, relative):
    with pytest.raises(ValueError):
        safe_target(tmp_path / "out", relative)


def test_safe_target_refuses_a_symlink_leading_out(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ValueError):
        safe_target(out, "link/page.md")
    result = write_pages(out, {"link/page.md": "x"})
    assert result.refused and not (tmp_path / "elsewhere" / "page.md").exists()


HOLD_LOCK = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from directive_digest.write import Lock\n"
    "with Lock(Path(sys.argv[1])):\n"
    "    print('locked', flush=True)\n"
    "    time.sleep(30)\n"
)


def test_second_run_is_refused_while_another_process_writes(inputs, tmp_path):
    out = tmp_path / "content"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputLocked):
            build([inputs], out)
        cli = subprocess.run([sys.executable, str(ROOT / "build_digest.py"), "--input", str(inputs), "--output",
                              str(out), "--report", str(tmp_path / "r.json")], cwd=tmp_path, capture_output=True,
                             text=True)
        assert cli.returncode == 2
        assert "another run" in cli.stderr and "Traceback" not in cli.stderr
    finally:
        holder.kill()
        holder.wait()
    # The holder died without releasing: its lock is stale and the next run proceeds.
    assert (out / LOCK).exists()
    assert build([inputs], out).articles == len(ARTICLES)
    assert not (out / LOCK).exists()


def test_lock_is_released_on_error(tmp_path):
    with pytest.raises(RuntimeError):
        with Lock(tmp_path):
            raise RuntimeError("boom")
    assert not (tmp_path / LOCK).exists()
    with Lock(tmp_path):
        with pytest.raises(OutputLocked):
            with Lock(tmp_path):
                pass


def test_a_page_that_cannot_be_written_costs_that_page_only(inputs, tmp_path):
    out = tmp_path / "content"
    first = build([inputs], out)
    page = sorted(first.written.written)[-1]
    (out / page).unlink()
    (out / page).mkdir()  # a directory where the page goes
    (out / page / "x").write_text("giữ", encoding="utf-8")
    report = build([inputs], out)
    assert [(p, r.split(":")[0]) for p, r in report.written.refused] == [(page, "cannot write")]
    assert (out / page / "x").read_text(encoding="utf-8") == "giữ"
    assert len(report.written.unchanged) == len(first.written.written) - 1
    # Once the obstacle is gone, the page comes back.
    (out / page / "x").unlink()
    (out / page).rmdir()
    assert build([inputs], out).written.written == [page]


# --- pages staged ahead by pool workers (write.stage_page / install_staged) ---------------

@pytest.fixture
def pooled(monkeypatch):
    """Builds of the fixture's six articles go through the pool (which stages their pages)."""
    from directive_digest import workers

    monkeypatch.setattr(workers, "PARALLEL_THRESHOLD", 1)
    return lambda inputs, out, **kw: build([inputs], out, jobs=2, **kw)


def test_staged_pages_are_moved_into_place_and_equal_written_ones(inputs, tmp_path, pooled, monkeypatch):
    installed = []
    real = write.install_staged
    monkeypatch.setattr(write, "install_staged", lambda s, t: real(s, t) and not installed.append(t))
    pooled(inputs, tmp_path / "pooled")
    build([inputs], tmp_path / "serial", jobs=1)
    assert snapshot(tmp_path / "pooled") == snapshot(tmp_path / "serial")
    assert len(installed) == len(ARTICLES)  # every article page came staged, and only those
    assert all(Path(t).parent.parent.parent == tmp_path / "pooled" for t in installed)
    assert not (tmp_path / "pooled" / write.STAGING).exists()


def test_a_crashed_runs_staged_pages_are_never_used(inputs, tmp_path, pooled):
    out = tmp_path / "content"
    pooled(inputs, out)
    before = snapshot(out)
    page = next(p for p in before if p.count("/") == 2 and not p.endswith("index.md"))
    # A leftover named after that page's digest but holding other bytes: removed, not installed.
    edit_all(inputs, "mới")
    build([inputs], tmp_path / "expected", jobs=1)
    new_bytes = (tmp_path / "expected" / page).read_bytes()
    staging = out / write.STAGING
    (staging / "12345").mkdir(parents=True)  # a worker's directory
    (staging / "12345" / f"{write._digest(new_bytes)}.page").write_bytes(b"half a page")
    pooled(inputs, out)
    assert (out / page).read_bytes() == new_bytes
    assert not staging.exists()


@pytest.mark.parametrize("crash", [RuntimeError("disk gone"), KeyboardInterrupt()])
def test_crash_midway_through_staged_pages_leaves_every_page_whole(inputs, tmp_path, pooled, monkeypatch, crash):
    out = tmp_path / "content"
    pooled(inputs, out)
    before = snapshot(out)
    edit_all(inputs, "mới")
    real_write, real_install = write.atomic_write, write.install_staged
    calls = []

    def counted(real):
        def flaky(*args):
            if real is real_install and not os.path.exists(args[0]):
                return real(*args)  # nothing staged for that page: no write here (atomic_write's next)
            calls.append(args[0])  # a staged page, or the target written
            if len(calls) == 4:  # the pending manifest, then two pages, then the crash
                raise crash
            return real(*args)
        return flaky

    monkeypatch.setattr(write, "atomic_write", counted(real_write))
    monkeypatch.setattr(write, "install_staged", counted(real_install))
    with pytest.raises(type(crash)):
        pooled(inputs, out)
    monkeypatch.setattr(write, "atomic_write", real_write)
    monkeypatch.setattr(write, "install_staged", real_install)
    assert any(str(path).endswith(".page") for path in calls)  # staged pages were among those moved
    middle = snapshot(out)
    assert not [p for p in middle if p.endswith(".tmp") or write.STAGING in p]
    assert not (out / LOCK).exists()
    changed = [p for p in before if p != MANIFEST and middle.get(p) != before[p]]
    assert len(changed) == 2
    for rel in changed:
        assert "Đoạn bổ sung mới" in middle[rel].decode("utf-8")
    report = pooled(inputs, out)
    assert report.written.refused == [] and report.ok
    after = snapshot(out)
    assert set(after) == set(before)
    assert all("Đoạn bổ sung mới" in after[p].decode("utf-8") for p in after if p.count("/") == 2
               and not p.endswith("index.md"))
    assert "pending" not in json.loads(after[MANIFEST])


@pytest.mark.parametrize("files", [{}, {"a.md": "0" * 64}, {
    "chỉ-thị/2021/bài \"một\".md": "ab", "tab\there.md": "\\ back", "ctrl\x01\x1f.md": "é\u2028\ud7ff",
    "_digest/overview.md": "x"}])
def test_manifest_is_exactly_what_json_dumps_writes(files):
    for manifest in ({"generator": "directive_digest", "files": files},
                     {"generator": "directive_digest", "files": files, "pending": {"z.md": "1", **files}}):
        assert write.manifest_json(manifest) == json.dumps(manifest, ensure_ascii=False, indent=1)
    odd = {"generator": "directive_digest", "files": {"a.md": None}}
    assert write.manifest_json(odd) == json.dumps(odd, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("relative", ["index.md", "a/b.md", "a//b.md", "./a/b.md", "a/./b.md", "a/b/", "a/b.md"])
def test_targets_are_the_clean_path_under_the_root(tmp_path, relative):
    targets = write.Targets(tmp_path)
    assert targets("a/b.md") == str(tmp_path.resolve() / "a" / "b.md")  # a directory known already
    expected = tmp_path.resolve() / PurePosixPath(relative)
    assert targets(relative) == str(expected) == str(safe_target(tmp_path, relative))


def test_targets_refuse_a_symlinked_page_or_directory_leading_out(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "a").mkdir(parents=True)
    outside.mkdir()
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "a" / "link.md").symlink_to(outside / "x.md")
    (root / "a" / "inner.md").symlink_to(root / "a" / "real.md")
    targets = write.Targets(root)
    assert targets("a/page.md") == str(root.resolve() / "a" / "page.md")
    for relative in ("out/x.md", "a/link.md", "out/y.md"):
        with pytest.raises(ValueError):
            targets(relative)
    assert targets("a/inner.md") == str(root.resolve() / "a" / "real.md")


def test_staged_pages_are_found_in_every_workers_directory(tmp_path):
    staging = tmp_path / write.STAGING
    for worker, page in (("101", b"one"), ("202", b"two")):
        (staging / worker).mkdir(parents=True)
        write.stage_page(staging / worker, page)
    (staging / "202" / ".half.page.202.tmp").write_bytes(b"half")  # a write cut short: not a page
    (staging / "stray").write_bytes(b"not a directory")
    found = write.staged_pages(staging)
    assert found == {write._digest(b"one"): f"{staging / '101'}/{write._digest(b'one')}.page",
                     write._digest(b"two"): f"{staging / '202'}/{write._digest(b'two')}.page"}
    assert write.staged_pages(tmp_path / "missing") == {}


def test_packed_pages_are_written_as_their_text_and_never_unpacked_when_unchanged(tmp_path, monkeypatch):
    text = "---\ntitle: Học tập và làm theo tư tưởng\n---\n\nĐảng bộ xã Kim Liên sơ kết 5 năm.\n"
    packed = write.PackedPage(text.encode("utf-8"))
    assert len(packed.packed) < len(text.encode("utf-8")) * 2 and packed.data() == text.encode("utf-8")
    first = write_pages(tmp_path / "out", {"a/index.md": packed, "b/index.md": text})
    assert sorted(first.written) == ["a/index.md", "b/index.md"]
    assert (tmp_path / "out" / "a" / "index.md").read_bytes() == (tmp_path / "out" / "b" / "index.md").read_bytes()

    def unpacked(self):
        raise AssertionError("an unchanged page was unpacked")
    monkeypatch.setattr(write.PackedPage, "data", unpacked)
    copy = pickle.loads(pickle.dumps(packed))  # as a worker or the cache hands it over
    again = write_pages(tmp_path / "out", {"a/index.md": copy, "b/index.md": text})
    assert sorted(again.unchanged) == ["a/index.md", "b/index.md"] and not again.written
