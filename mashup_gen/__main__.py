"""``python -m mashup_gen`` and the ``mashup-gen`` executable (exit statuses: :mod:`mashup_gen.cli`)."""

from __future__ import annotations


def run() -> None:
    """Run the command line and end the process with its exit status."""
    from mashup_gen.cli import run as run_cli

    run_cli()


if __name__ == "__main__":
    run()
