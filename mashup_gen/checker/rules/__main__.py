"""``python -m mashup_gen.checker.rules --markdown``: print the rule table the README holds."""

from __future__ import annotations

import argparse
import sys

from mashup_gen.checker.rules import markdown_table


def main(argv: list[str] | None = None) -> int:
    """Print the registry's rules as a Markdown table (the only output there is)."""
    parser = argparse.ArgumentParser(prog="python -m mashup_gen.checker.rules", description=__doc__)
    parser.add_argument("--markdown", action="store_true", required=True, help="print the README's rule table")
    parser.parse_args(argv)
    sys.stdout.write(markdown_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
