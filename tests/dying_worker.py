"""For tests/test_engine.py: an ``understand`` that kills the process running it on one marked
article, as a crash in a compiled library or the kernel's out-of-memory killer would. It
lives in a module of its own so that the Dask workers can import it by name."""
from __future__ import annotations

import os

from directive_digest.stages import understand

MARKER = "ARTICLE-THAT-KILLS-ITS-WORKER"


def understand_or_die(article, registry):
    if MARKER in article.text:
        os._exit(70)
    return understand(article, registry)
