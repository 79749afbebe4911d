"""Pages without the theme's whitespace-only lines (site/compact.py): fewer bytes, the same page."""
from __future__ import annotations

from directive_digest.site.compact import without_blank_lines


def test_whitespace_only_lines_go_and_every_break_keeps_one_line_break():
    html = "<ul>\n    \n\t\n  <li>Một</li>\n\n\n  <li>Hai</li>\n</ul>\n"
    assert without_blank_lines(html) == "<ul>\n  <li>Một</li>\n  <li>Hai</li>\n</ul>\n"


def test_pre_textarea_script_and_style_are_kept_as_written():
    kept = ("<pre><code>a\n\n   \nb</code></pre>", "<TEXTAREA>x\n\n\ny</TEXTAREA>",
            "<script>var s = `dòng\n\n  \ncuối`;</script>", "<style>\n\n  a { color: red }\n\n</style>")
    html = "<div>\n\n" + "\n\n  \n".join(kept) + "\n   \n</div>"
    out = without_blank_lines(html)
    assert all(k in out for k in kept)
    assert out == "<div>\n" + "\n".join(kept) + "\n</div>"


def test_a_line_of_no_break_spaces_is_text():
    html = "<p>\n\u00a0\u00a0\n</p>\n\n"
    assert without_blank_lines(html) == "<p>\n\u00a0\u00a0\n</p>\n"
