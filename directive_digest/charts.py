"""Charts drawn at build time as inline SVG: no JavaScript, no network, same bytes every run.

Accessible: ``role="img"`` with a ``<title>`` and a ``<desc>`` that states every value, so a
screen reader (and the search index) gets the numbers, not a picture of them. Colours come
from the theme's CSS variables, so the chart follows the light and dark palettes.
"""
from __future__ import annotations

from html import escape

BAR_WIDTH = 36
GAP = 14
PLOT_HEIGHT = 120
TOP = 22  # room for the count above the tallest bar
BOTTOM = 24  # room for the year labels
LEFT = 8


def bar_chart(values: list[tuple[str, int]], title: str, chart_id: str) -> str:
    """A vertical bar chart of (label, count), as one line of SVG inside a <figure>.

    One line: Python-Markdown passes a raw HTML block through untouched only when it
    has no blank line inside."""
    if not values:
        return ""
    top = max(count for _, count in values) or 1
    width = LEFT * 2 + len(values) * (BAR_WIDTH + GAP) - GAP
    height = TOP + PLOT_HEIGHT + BOTTOM
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    description = "; ".join(f"{label}: {count} bài" for label, count in values)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="digest-chart__svg" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<line class="digest-chart__axis" x1="0" y1="{TOP + PLOT_HEIGHT}" x2="{width}" y2="{TOP + PLOT_HEIGHT}"/>',
    ]
    for index, (label, count) in enumerate(values):
        x = LEFT + index * (BAR_WIDTH + GAP)
        bar = round(PLOT_HEIGHT * count / top)
        y = TOP + PLOT_HEIGHT - bar
        middle = x + BAR_WIDTH // 2
        parts.append(f'<g><rect class="digest-chart__bar" x="{x}" y="{y}" width="{BAR_WIDTH}" height="{bar}"/>'
                     f'<text class="digest-chart__value" x="{middle}" y="{y - 6}" text-anchor="middle">{count}</text>'
                     f'<text class="digest-chart__label" x="{middle}" y="{TOP + PLOT_HEIGHT + 16}" '
                     f'text-anchor="middle">{escape(label)}</text></g>')
    parts.append("</svg>")
    return f'<figure class="digest-chart">{"".join(parts)}<figcaption>{escape(title)}</figcaption></figure>'
