"""The run's environment: terminal or not, colours. Tests pass their own instead of monkeypatching."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Environment:
    """What the commands need to know about where they run."""

    stdin_isatty: bool = False
    stdout_isatty: bool = False
    colors: bool = False

    @classmethod
    def from_system(cls) -> Environment:
        """The real process's environment (``NO_COLOR`` turns colours off)."""
        stdout_tty = sys.stdout.isatty()
        return cls(
            stdin_isatty=sys.stdin.isatty(),
            stdout_isatty=stdout_tty,
            colors=stdout_tty and "NO_COLOR" not in os.environ,
        )
