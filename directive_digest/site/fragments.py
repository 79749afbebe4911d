"""The home page's generated part (content/index.md: ``--8<-- "_digest/overview.md"``),
included here rather than by pymdownx.snippets, whose preprocessor then ran on every page
of the site. Only hand-written top-level pages include, and only from ``_digest/``."""
from __future__ import annotations

import logging
import os
import re

log = logging.getLogger("mkdocs.plugins.directive_digest")

INCLUDE = re.compile(r'^--8<-- "(_digest/[\w.-]+\.md)"[ \t]*$', re.MULTILINE)


def include_fragments(markdown: str, src_uri: str, docs_dir: str) -> str:
    """``markdown`` of the page ``src_uri`` with its fragments put in (a missing one is a
    warning, which fails a strict build)."""
    if "/" in src_uri or "--8<--" not in markdown:
        return markdown

    def fragment(match):
        path = os.path.join(docs_dir, match.group(1))
        try:
            with open(path, encoding="utf-8") as f:
                return f.read().rstrip("\n")
        except OSError:
            log.warning("directive-digest: %s includes %s, which is missing (run directive-digest first)",
                        src_uri, match.group(1))
            return ""
    return INCLUDE.sub(fragment, markdown)
