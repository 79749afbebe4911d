"""The directive page's chart in a real browser, offline: drawn, named for screen readers, no script."""
import re


def test_directive_chart_is_drawn_and_named_offline(sample_site, offline_page):
    page = offline_page
    page.goto((sample_site / "ket-luan-01-kl-tw" / "index.html").as_uri())
    chart = page.locator("figure.digest-chart svg[role=img]")
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    bars = page.locator("figure.digest-chart rect.digest-chart__bar")
    assert bars.count() >= 2 and all(bars.nth(i).bounding_box()["height"] > 0 for i in range(bars.count()))
    name = page.get_by_role("img", name=re.compile("Số bài viết về Kết luận 01"))
    assert name.count() == 1
    fill = page.evaluate("getComputedStyle(document.querySelector('rect.digest-chart__bar')).fill")
    assert fill not in ("", "rgb(0, 0, 0)")  # the theme colour, not the SVG default
    # The chart itself asks for nothing (Material's search worker is the site's business).
    assert not [u for u in page.external_requests if "chart" in u or u.endswith(".svg")]
