"""``python -m mashup_gen`` and the ``mashup-gen`` executable."""

from __future__ import annotations

import os
import sys


def run() -> None:
    """Run the command line; turn any unexpected failure into one line instead of a traceback."""
    from mashup_gen.cli import main

    try:
        status = main.main(prog_name="mashup-gen", standalone_mode=False)
    except KeyboardInterrupt:
        sys.stderr.write("Aborted.\n")
        sys.exit(130)
    except Exception as exc:  # click's own errors are handled below; this is the last line of defence
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.stderr.write("Aborted.\n")
            sys.exit(1)
        if os.environ.get("MASHUP_GEN_DEBUG"):
            raise
        sys.stderr.write(
            f"mashup-gen: internal error: {type(exc).__name__}: {exc}\n"
            "Please report it; set MASHUP_GEN_DEBUG=1 to see the details.\n"
        )
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    run()
