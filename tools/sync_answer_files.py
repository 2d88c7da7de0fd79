"""Rewrite (``--write``) or verify (``--check``) the files derived from the answer declarations.

Each built-in template's cookiecutter.json and README.md's table of answers derive from
``mashup_gen.answers.ANSWERS``; run this after changing a declaration.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mashup_gen.answer_files import sync

if __name__ == "__main__":
    sys.exit(sync(Path(__file__).resolve().parent.parent, sys.argv[1:]))
