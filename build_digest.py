#!/usr/bin/env python3
"""Digest Vietnamese press articles into front-mattered Markdown for the MkDocs site.

    python build_digest.py [--input PATH ...] [--output DIR]

Defaults: the bundled sample articles in articles/, written into content/.
"""
import sys

from directive_digest.cli import main

if __name__ == "__main__":
    sys.exit(main())
