"""Benchmark mashup-gen against cookiecutter, cruft and copier on the same work.

    python bench/run.py [--quick] [--json PATH] [--markdown PATH] [--only SCENARIO ...] [--work DIR]

Run it with the Python of an environment holding mashup-gen and the ``bench`` extra
(``pip install -e '.[bench]'``); the tools are taken from that environment's ``bin`` folder. It prints a
table and writes the figures as JSON (default ``bench/results/latest.json``). See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shlex
import shutil
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import workspace as ws
from harness import MEMORY_METHOD
from scenarios import SCENARIOS, Bench, Result, Settings

SCHEMA_VERSION = 1
HERE = Path(__file__).resolve().parent
DEFAULT_JSON = HERE / "results" / "latest.json"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few runs and small sizes (CI: proves it works)")
    parser.add_argument("--runs", type=int, help="measured runs per contender (default 7; quick 2)")
    parser.add_argument("--projects", type=int, help="projects for the --recursive scenario (default 200)")
    parser.add_argument("--cruft-sample", type=int, help="projects the cruft loop really runs (default 10)")
    parser.add_argument("--mashups", type=int, help="mashups for the check scenario (default 500)")
    parser.add_argument("--only", nargs="+", choices=list(SCENARIOS), help="run only these scenarios")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where to write the figures ({DEFAULT_JSON})")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown (e.g. bench/latest.md)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed after)")
    parser.add_argument(
        "--bin-dir", type=Path, default=Path(sys.executable).parent,
        help="where mashup-gen, cookiecutter, cruft and copier are installed (default: this Python's)",
    )  # fmt: skip
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    base = Settings.quick() if args.quick else Settings()
    return Settings(
        runs=args.runs or base.runs,
        warmup=base.warmup,
        projects=args.projects or base.projects,
        cruft_sample=args.cruft_sample or base.cruft_sample,
        mashups=args.mashups or base.mashups,
    )


def tool_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in ("mashup-gen", "cookiecutter", "cruft", "copier", "click", "jinja2"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def report(results: list[Result], settings: Settings, quick: bool, command: str, seconds: float) -> dict[str, Any]:
    """The JSON document (its layout is checked by tests/bench/test_bench.py)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "command": command,
        "quick": quick,
        "settings": {
            "runs": settings.runs,
            "warmup": settings.warmup,
            "projects": settings.projects,
            "cruft_sample": settings.cruft_sample,
            "mashups": settings.mashups,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(terse=True),
        },
        "tools": tool_versions(),
        "memory_method": MEMORY_METHOD,
        "elapsed_s": round(seconds, 1),
        "scenarios": {result.key: result.to_json() for result in results},
    }


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "NOT met", None: "-"}[met]


def table_rows(results: list[Result]) -> list[tuple[str, ...]]:
    """One row per contender and one per ratio: (scenario, what, median s, peak MiB, note)."""
    rows: list[tuple[str, ...]] = []
    for result in results:
        for label, series in result.series.items():
            if series.runs:
                rows.append((result.title, label, f"{series.median_seconds:.3f}",
                             f"{series.peak_rss_kib / 1024:.1f}", f"{len(series.runs)} runs"))  # fmt: skip
            else:
                rows.append((result.title, label, "-", "-", f"not available: {series.unavailable}"))
        for ratio in result.ratios:
            value = "-" if ratio.value is None else f"{ratio.value:.3f}"
            target = f"target {ratio.comparison} {ratio.limit}" if ratio.limit is not None else ""
            note = f"{target}: {_verdict(ratio.met)}" if target else ""
            rows.append((result.title, f"ratio {ratio.name}", value, "", note))
        for name, value in result.figures.items():
            rows.append((result.title, name, str(value), "", ""))
        for name, ok in result.verification.items():
            rows.append((result.title, f"check: {name}", "yes" if ok else "NO", "", ""))
    return rows


HEADER = ("scenario", "what", "median s / value", "peak MiB", "note")


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]
    widths[1] = min(widths[1], 60)
    last = None
    for row in [HEADER, *rows]:
        shown = list(row)
        if row[0] == last:
            shown[0] = ""
        last = row[0]
        print("  ".join(cell.ljust(width) for cell, width in zip(shown, widths, strict=True)).rstrip())


def markdown(document: dict[str, Any], rows: list[tuple[str, ...]]) -> str:
    """The figures as Markdown: a line on how they were made, then one table per scenario."""
    machine, settings = document["machine"], document["settings"]
    tools = ", ".join(f"{name} {version}" for name, version in document["tools"].items() if version)
    lines = [
        "# Latest benchmark figures",
        "",
        f"`{document['command']}`, {document['generated_at']}: {machine['cpus']} CPUs, Python "
        f"{machine['python']}, {machine['platform']}; {tools}.",
        "",
        f"Whole processes; medians of {settings['runs']} runs after {settings['warmup']} warm-up "
        f"round{'' if settings['warmup'] == 1 else 's'}, the "
        f"tools alternating within each round; peak memory is the largest resident set of any run "
        f"({document['memory_method']}). `check:` rows confirm the tools did the same work.",
    ]
    current = None
    for scenario, *cells in rows:
        if scenario != current:
            current = scenario
            lines += ["", f"## {scenario}", "", "| " + " | ".join(HEADER[1:]) + " |", "|---|---:|---:|---|"]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


MARKER = ".mashup-gen-bench"


def prepare_work(requested: Path | None) -> Path:
    """An empty working folder: a new temporary one, or ``--work`` (emptied if an earlier run made it).

    A ``--work`` folder that holds anything else is refused rather than emptied: it may be someone's.
    """
    if requested is None:
        work = Path(tempfile.mkdtemp(prefix="mashup-gen-bench-"))
    else:
        work = requested.resolve()
        if work.exists() and any(work.iterdir()):
            if not (work / MARKER).exists():
                raise SystemExit(f"--work {requested}: expected a new or empty folder, or one an earlier run made")
            shutil.rmtree(work)
        work.mkdir(parents=True, exist_ok=True)
    (work / MARKER).touch()
    return work


def compile_bytecode() -> None:
    """Give mashup-gen's modules their bytecode, as an installed package has.

    The other tools are installed packages, whose .pyc files pip wrote at install time; an editable
    mashup-gen (or one run with PYTHONDONTWRITEBYTECODE set) would otherwise compile its sources on every
    run, which measures the machine's compiler instead of the tool.
    """
    import compileall

    import mashup_gen

    compileall.compile_dir(Path(mashup_gen.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = settings_from(args)
    command = "python bench/run.py" + "".join(f" {shlex.quote(a)}" for a in (sys.argv[1:] if argv is None else argv))
    work = prepare_work(args.work)
    compile_bytecode()
    tools = ws.Tools.find(args.bin_dir, work / "home")
    bench = Bench(work, tools, settings)
    started = time.perf_counter()
    results: list[Result] = []
    try:
        for key, scenario in SCENARIOS.items():
            if args.only and key not in args.only:
                continue
            print(f"[bench] {key} ...", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            results.append(scenario(bench))
            print(f"[bench] {key} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    document = report(results, settings, args.quick, command, time.perf_counter() - started)
    rows = table_rows(results)
    print_table(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.json}", file=sys.stderr)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(markdown(document, rows), encoding="utf-8")
    # A failed verification (a tool produced the wrong project) is an error; a missed target is a finding.
    failed = [name for r in results for name, ok in r.verification.items() if not ok]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
