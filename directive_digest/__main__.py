"""``python -m directive_digest``: the same command line as ``directive-digest``."""
import sys

from .cli import main

sys.exit(main())
