"""Measuring whole processes: wall-clock time and peak memory of one child, medians over alternating rounds.

Every figure is a whole process, start-up included, because that is what a user (or a shell loop) pays.

Peak memory is the child's ``ru_maxrss`` as reaped by ``wait4`` (for a shell loop, Linux reports the larger
of the shell's peak and its biggest waited-for child's, i.e. the biggest ``cruft``). One trap: a child
forked from this harness starts out sharing the harness's pages, and Linux records the *parent's* peak into
the child's ``maxrss`` at ``exec``, so every figure would be at least the harness's own size (~20 MiB).
GNU time, a 2 MiB program, is therefore put between the harness and the tool when it is installed: the tool
is forked from it, and it reports the tool's own peak. Without GNU time the figures carry that floor and
the JSON says so (``memory_method``). ``getrusage(RUSAGE_CHILDREN)`` would be no help either: it is a
running maximum over every child.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class CommandFailed(RuntimeError):
    """A measured command exited with a status it was not expected to; the message holds its output."""


@dataclass(frozen=True)
class Run:
    """One measured process."""

    seconds: float
    peak_rss_kib: int
    status: int


def _find_gnu_time() -> str | None:
    """GNU time's path when it is installed and accepts ``-q -f %M -o FILE`` (BusyBox's does not)."""
    path = shutil.which("time", path="/usr/bin:/bin:/usr/local/bin")
    if path is None:
        return None
    with tempfile.NamedTemporaryFile() as out:
        probe = subprocess.run([path, "-q", "-f", "%M", "-o", out.name, "true"], capture_output=True, check=False)
        text = Path(out.name).read_text(errors="replace").strip()
    return path if probe.returncode == 0 and text.isdigit() else None


GNU_TIME = _find_gnu_time()
MEMORY_METHOD = (
    "GNU time %M (the tool's own peak)"
    if GNU_TIME
    else "wait4 ru_maxrss (no GNU time: every figure includes the harness's own peak as a floor)"
)


def run_measured(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    ok_status: Sequence[int] = (0,),
) -> Run:
    """Run ``argv`` to completion; return its wall time and peak resident memory.

    Output goes to a temporary file rather than a pipe, so a chatty tool never blocks on a full pipe and
    reading it costs nothing while the clock runs; it is only read when the command fails.
    """
    with open(os.devnull, "rb") as stdin, _Capture() as out, tempfile.NamedTemporaryFile() as peak:
        command = [GNU_TIME, "-q", "-f", "%M", "-o", peak.name, *argv] if GNU_TIME else list(argv)
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=dict(env) if env is not None else None, stdin=stdin, stdout=out.file,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        _, wait_status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        status = os.waitstatus_to_exitcode(wait_status)
        process.returncode = status  # reaped by wait4: stop Popen from trying again
        if status not in ok_status:
            raise CommandFailed(f"{shlex.join(argv)} (in {cwd}) exited {status}:\n{out.text()[-4000:]}")
        peak_kib = int(usage.ru_maxrss)
        if GNU_TIME:
            # GNU time writes the figure last (after a "Command exited..." line without -q in old versions).
            peak_kib = int(Path(peak.name).read_text().split()[-1])
    return Run(seconds=seconds, peak_rss_kib=peak_kib, status=status)


class _Capture:
    """A scratch file for a child's output, removed afterwards."""

    def __enter__(self) -> _Capture:
        self.file = tempfile.TemporaryFile()
        return self

    def text(self) -> str:
        self.file.seek(0)
        return self.file.read().decode("utf-8", "replace")

    def __exit__(self, *exc: object) -> None:
        self.file.close()


@dataclass
class Series:
    """The runs of one contender in one scenario."""

    label: str
    runs: list[Run] = field(default_factory=list)
    # Set when the contender could not run at all (tool missing, command not built yet).
    unavailable: str | None = None

    @property
    def median_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_rss_kib(self) -> int:
        return max(run.peak_rss_kib for run in self.runs)

    def to_json(self) -> dict[str, Any]:
        if self.unavailable is not None or not self.runs:
            return {"available": False, "reason": self.unavailable or "no runs"}
        return {
            "available": True,
            "median_s": round(self.median_seconds, 6),
            "min_s": round(min(run.seconds for run in self.runs), 6),
            "runs_s": [round(run.seconds, 6) for run in self.runs],
            "peak_rss_kib": self.peak_rss_kib,
        }


# One contender's single run: prepares its input (untimed) and returns the measured process.
Trial = Callable[[int], Run]


def alternate(trials: Mapping[str, Trial], rounds: int, series: Mapping[str, Series], warmup: int = 1) -> None:
    """Run every contender once per round, rotating who goes first, so drift (cache warmth, a busy
    neighbour) spreads over all of them instead of favouring the one measured last.

    The ``warmup`` rounds are run and dropped: the first run of a tool pays for writing its ``.pyc`` files
    and filling the page cache, which no user pays twice.
    """
    names = list(trials)
    for round_index in range(warmup + rounds):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            run = trials[name](round_index)
            if round_index >= warmup:
                series[name].runs.append(run)
