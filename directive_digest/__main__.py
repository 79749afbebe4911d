"""``python -m directive_digest``: the same command line as ``directive-digest``; ``python -m
directive_digest site …`` builds the site (directive_digest/shards/command.py)."""
import sys

from .cli import main
from .shards.command import main as site_main

if sys.argv[1:2] == ["site"]:  # python -m directive_digest site …: build the site (shards/command.py)
    sys.exit(site_main(sys.argv[2:]))
sys.exit(main())
