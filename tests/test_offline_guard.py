"""The harness the browser tests stand on: a guarded page records every request that leaves
file:// and the browser cannot reach the network, so "0 external requests" means something."""
from __future__ import annotations

from conftest import guarded_page


def test_a_guarded_page_records_and_cannot_complete_an_external_request(browser, tmp_path):
    page_file = tmp_path / "probe.html"
    page_file.write_text(
        "<!doctype html><meta charset=utf-8><img src='https://example.org/pixel.png'>"
        "<script>window.probe = fetch('https://cdn.example.net/x.js')"
        ".then(() => 'reached', () => 'refused');</script>", encoding="utf-8")
    with guarded_page(browser) as page:
        page.goto(page_file.as_uri())
        assert page.evaluate("window.probe") == "refused"
        page.wait_for_function("document.images[0].complete")
        assert page.evaluate("document.images[0].naturalWidth") == 0
        assert sorted(page.external_requests) == ["https://cdn.example.net/x.js", "https://example.org/pixel.png"]


def test_a_guarded_page_lets_file_pages_load_their_own_files(browser, tmp_path):
    (tmp_path / "a.js").write_text("window.loaded = 42;", encoding="utf-8")
    (tmp_path / "a.html").write_text("<!doctype html><script src='a.js'></script>", encoding="utf-8")
    with guarded_page(browser) as page:
        page.goto((tmp_path / "a.html").as_uri())
        assert page.evaluate("window.loaded") == 42
        assert page.external_requests == [] and page.console_errors == []
