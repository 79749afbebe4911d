"""The search from file:// in Firefox (Debian's firefox-esr, headless), which treats file://
more strictly than Chromium: driven over Marionette with Mozilla's marionette-driver (no
geckodriver, no browser download). `make test` installs firefox-esr when it is missing.
"""
from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import need
from test_site_search import search_site  # noqa: F401  (the site of the bundled and seed articles)

FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")


@pytest.fixture(scope="module")
def firefox():
    need(Path(FIREFOX).exists(), f"Firefox is not at {FIREFOX} (make test installs Debian's firefox-esr)")
    from marionette_driver.marionette import Marionette

    with tempfile.TemporaryDirectory(prefix="firefox-profile-") as profile:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # No network: every proxy request fails, as offline.
        Path(profile, "user.js").write_text(
            f'user_pref("marionette.port", {port});\nuser_pref("network.proxy.type", 1);\n'
            'user_pref("network.proxy.http", "127.0.0.1");\nuser_pref("network.proxy.http_port", 9);\n'
            'user_pref("network.proxy.ssl", "127.0.0.1");\nuser_pref("network.proxy.ssl_port", 9);\n',
            encoding="utf-8")
        process = subprocess.Popen([FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", profile],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            client = Marionette(host="127.0.0.1", port=port, startup_timeout=60)
            client.start_session()
            yield client
            client.delete_session()
        finally:
            process.kill()
            process.wait()


def _search(ff, query: str) -> list[dict]:
    from marionette_driver.by import By

    box = ff.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.clear()
    box.send_keys(query)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        last = ff.execute_script("return (window.DigestSearch && window.DigestSearch.timings.slice(-1)[0] || {}).query",
                                 sandbox=None)  # the page's own scope, where its globals are
        if last == query:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"no answer to {query!r} in Firefox")
    return ff.execute_script("""return [...document.querySelectorAll('.md-search-result__item')].map(e => ({
        title: e.querySelector('h1').textContent,
        snippet: (e.querySelector('.digest-search-result__snippet') || {}).textContent || '',
        marks: [...e.querySelectorAll('mark')].map(m => m.textContent)}))""")


def test_search_works_from_file_in_firefox(firefox, search_site):  # noqa: F811
    firefox.navigate((search_site / "index.html").as_uri())
    firefox.find_element("css selector", "input.md-search__input").click()
    rows = _search(firefox, "neu guong")
    assert rows and any("Nêu gương" in r["title"] for r in rows[:3]), [r["title"] for r in rows[:3]]
    assert rows[0]["snippet"] and "gương" in rows[0]["marks"]  # the text was inflated and marked
    quoted = _search(firefox, '"học và làm theo Bác"')
    assert quoted and len(quoted) <= len(_search(firefox, "học và làm theo Bác"))
    assert firefox.execute_script("return window.DigestSearch.requested.length", sandbox=None) > 1
