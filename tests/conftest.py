"""Shared fixtures: the real seed corpus, a built site, and Debian's Chromium via Playwright."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DIGEST_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
SEED_LABELS = SHARED / "corpus" / "seeds.labels.json"
SEED_LABEL_FIXES = Path(__file__).parent / "data" / "seeds.labels.fixes.json"
ARTICLES = ROOT / "articles"
ARTICLE_LABELS = ROOT / "tests" / "data" / "articles.labels.json"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = bool(os.environ.get("CI"))


def need(condition: bool, reason: str) -> None:
    """Skip with a reason outside CI; fail in CI, where everything must be there."""
    if not condition:
        if IN_CI:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    need(SEEDS.is_dir(), f"the shared seed corpus is not at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_labels(seeds_dir) -> list[dict]:
    """The shared seed labels, with the corrections kept here (the shared copy is read-only):
    tests/data/seeds.labels.fixes.json replaces the fields it gives, file by file."""
    labels = json.loads(SEED_LABELS.read_text(encoding="utf-8"))
    fixes = {fix["file"]: fix for fix in json.loads(SEED_LABEL_FIXES.read_text(encoding="utf-8"))}
    return [{**label, **{k: v for k, v in fixes.get(label["file"], {}).items() if k != "note"}} for label in labels]


@pytest.fixture(scope="session")
def article_labels() -> list[dict]:
    return json.loads(ARTICLE_LABELS.read_text(encoding="utf-8"))


def build_site(workdir: Path, inputs: list[Path]) -> Path:
    """Copy the site skeleton into ``workdir``, digest ``inputs`` into it, run mkdocs build --strict.

    Returns the built site directory."""
    for name in ("mkdocs.yml", "overrides", "content", "directive_digest"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, workdir / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(src, workdir / name)
    # Start from the hand-written pages only.
    manifest = workdir / "content" / ".digest-manifest.json"
    if manifest.exists():
        for rel in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
            (workdir / "content" / rel).unlink(missing_ok=True)
        manifest.unlink()
    cmd = [sys.executable, str(ROOT / "build_digest.py"), "--output", "content", "--report", "report.json", "-q"]
    for path in inputs:
        cmd += ["--input", str(path)]
    subprocess.run(cmd, cwd=workdir, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=workdir, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return workdir / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The site built from the bundled sample articles."""
    return build_site(tmp_path_factory.mktemp("sample-site"), [ARTICLES])


# The browser itself has no way out: every request to anything but loopback goes to a proxy that
# refuses it (port 9, discard, is closed). Pages are then only watched, never intercepted: routing
# every request through Playwright made the teardown of one search test hang (context.close() never
# returned in CI, under load), and a watched page cannot hang on its own route handlers.
OFFLINE_ARGS = ("--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>;127.0.0.1;localhost")


@pytest.fixture(scope="session")
def browser():
    need(Path(CHROMIUM).exists(), f"Chromium is not at {CHROMIUM} (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", *OFFLINE_ARGS])
        yield b
        b.close()


def watch_requests(context, record: list, allowed=("file://",)) -> None:
    """Append to ``record`` the address of every request ``context`` makes outside ``allowed``."""
    context.on("request", lambda r: None if r.url.startswith((*allowed, "data:", "blob:")) else record.append(r.url))


@contextlib.contextmanager
def guarded_page(browser, allowed=("file://",)):
    """A page where every request not starting with one of ``allowed`` is recorded (the browser
    cannot reach anything but loopback: OFFLINE_ARGS), and console errors are collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.external_requests = []
    page.console_errors = []
    watch_requests(context, page.external_requests, allowed)
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    try:
        yield page
    finally:
        # Closing a page in the middle of a navigation between file:// pages can hang for good
        # (seen with Chromium 156): let a navigation a test left running finish first.
        with contextlib.suppress(Exception):
            page.wait_for_load_state("load", timeout=15_000)
        context.close()


@contextlib.contextmanager
def served(directory: Path):
    """``directory`` served over HTTP on 127.0.0.1 by a thread; yields its base address."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def offline_page(browser):
    """A page where every request outside file:// is blocked and recorded."""
    with guarded_page(browser) as page:
        yield page


ARTIFACTS = ROOT / "test-artifacts"
