"""python -m directive_digest.search CONTENT_DIR OUT_DIR: write the search index."""
from __future__ import annotations

import argparse
import json
import sys
import time

from . import build


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split(":")[0])
    p.add_argument("content_dir", help="the digest's Markdown pages (MkDocs docs_dir)")
    p.add_argument("out_dir", help="where the index goes (a site's search/ folder); replaced")
    p.add_argument("--cache", metavar="DIR", help="keep what each page gave here, for the next run (safe to delete)")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="read and count pages in N processes (default 1: the site build runs beside it)")
    p.add_argument("--stats", action="store_true", help="print figures about the index as JSON")
    args = p.parse_args(argv)
    start = time.perf_counter()
    figures = build(args.content_dir, args.out_dir,
                    on_error=lambda path, reason: print(f"search index: {path} left out: {reason}", file=sys.stderr),
                    cache_dir=args.cache, jobs=max(1, args.jobs))
    figures["seconds"] = round(time.perf_counter() - start, 2)
    if args.stats:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
