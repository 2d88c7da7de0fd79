"""The scenarios of the benchmark, each comparing mashup-gen with what a user would otherwise script.

A scenario prepares its inputs once (untimed), then measures its contenders in alternating rounds; every
run gets a fresh copy of its input, made before the clock starts. Round 0's outputs are kept and checked
(same files from every generator; edits kept and tenant changed after every update), so a fast wrong
answer cannot pass for a fast one. A contender whose tool or command is missing is reported as not
available instead of failing the run.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import workspace as ws
from harness import Run, Series, alternate, run_measured

EXTRA_HINT = "install the benchmark extra: pip install -e '.[bench]'"


@dataclass(frozen=True)
class Settings:
    """How much work one benchmark run does."""

    runs: int = 7
    warmup: int = 1
    projects: int = 200  # scenario 3: projects re-targeted by one `regenerate --recursive`
    cruft_sample: int = 10  # scenario 3: projects the cruft loop really runs over, extrapolated to `projects`
    mashups: int = 500  # scenario 5: mashups checked

    @classmethod
    def quick(cls) -> Settings:
        """Few runs and small sizes: proves the harness works (CI), measures nothing worth quoting."""
        return cls(runs=2, warmup=0, projects=8, cruft_sample=1, mashups=10)


@dataclass
class Ratio:
    """``numerator / denominator`` of two medians, and the target it must meet, if any."""

    name: str
    value: float | None
    limit: float | None = None
    comparison: str = "<="  # "<=" the ratio must not exceed the limit; ">=" it must reach it

    @property
    def met(self) -> bool | None:
        if self.value is None or self.limit is None:
            return None
        return self.value <= self.limit if self.comparison == "<=" else self.value >= self.limit

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": None if self.value is None else round(self.value, 4),
            "target": None if self.limit is None else f"{self.comparison} {self.limit}",
            "met": self.met,
        }


@dataclass
class Result:
    """One scenario's figures."""

    key: str
    title: str
    series: dict[str, Series]
    ratios: list[Ratio] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)  # scenario-specific: files/s, extrapolations
    verification: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "contenders": {label: series.to_json() for label, series in self.series.items()},
            "ratios": [ratio.to_json() for ratio in self.ratios],
            "figures": self.figures,
            "verification": self.verification,
            "notes": self.notes,
        }


def median_ratio(result: Result, numerator: str, denominator: str) -> float | None:
    """The ratio of two contenders' medians, or None when either did not run."""
    top, bottom = result.series[numerator], result.series[denominator]
    if not top.runs or not bottom.runs:
        return None
    return top.median_seconds / bottom.median_seconds


class Bench:
    """A run's shared state: where it works, which tools it has, how much it does."""

    def __init__(self, work: Path, tools: ws.Tools, settings: Settings) -> None:
        self.work = work
        self.tools = tools
        self.settings = settings
        self.env = tools.env
        self.runs_dir = work / "runs"
        self.seeds = work / "seeds"
        self._commands: dict[str, bool] = {}
        self._templates: dict[str, Path] = {}

    # ----- availability -----------------------------------------------------------------------------

    def missing_command(self, command: str) -> str | None:
        """Why ``mashup-gen COMMAND`` cannot be measured, or None when it can."""
        if self.tools.mashup_gen is None:
            return "mashup-gen is not installed in this environment"
        if command not in self._commands:
            self._commands[command] = self.tools.has_command(command)
        return None if self._commands[command] else f"mashup-gen has no `{command}` command yet"

    def missing_tool(self, name: str) -> str | None:
        """Why a third-party tool cannot be measured, or None when it can."""
        if getattr(self.tools, name):
            return None
        if shutil.which("git", path=self.env.get("PATH")) is None:
            return f"{name} needs git, which is not installed"
        return f"{name} not found ({EXTRA_HINT})"

    # ----- inputs -----------------------------------------------------------------------------------

    def template(self, kind: str) -> Path:
        """The cookiecutter- or copier-shaped copy of our template (made once, as a git repository)."""
        if kind not in self._templates:
            dest = self.work / "templates" / kind
            maker = ws.make_cookiecutter_template if kind == "cookiecutter" else ws.make_copier_template
            self._templates[kind] = maker(dest, self.env)
        return self._templates[kind]

    def scratch(self, scenario: str, label: str, round_index: int) -> Path:
        """An empty folder for one run's output.

        Round 0's output is kept for the scenario's verification; any later run's output is removed when
        the next run starts, so 200-project trees do not pile up on disk.
        """
        folder = self.runs_dir / scenario / f"{_slug(label)}-{round_index}"
        if round_index > 1:
            shutil.rmtree(folder.with_name(f"{_slug(label)}-{round_index - 1}"), ignore_errors=True)
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        return folder

    def run(self, argv: list[str], cwd: Path | None = None, ok_status: tuple[int, ...] = (0,)) -> Run:
        return run_measured(argv, cwd=cwd, env=self.env, ok_status=ok_status)

    def seed(self, tool: str) -> Path:
        """A project generated by ``tool`` from the answers, committed, edited by the user, committed again:
        the starting point of every update. All three tools' projects hold the same files."""
        dest = self.seeds / tool / ws.PROJECT_SLUG
        if dest.exists():
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        if tool == "mashup-gen":
            assert self.tools.mashup_gen
            self.run([self.tools.mashup_gen, "new", str(dest), *ws.mashup_gen_new_args()])
        elif tool == "cruft":
            assert self.tools.cruft
            config = ws.cookiecutter_config(self.work / "cookiecutter-config.yaml", self.work)
            template = self.template("cookiecutter")
            self.run([self.tools.cruft, "create", "--no-input", "--config-file", str(config),
                      "--output-dir", str(dest.parent), str(template)])  # fmt: skip
        else:
            assert self.tools.copier
            data = ws.copier_data(self.work / "copier-data.yml")
            template = self.template("copier")
            self.run([self.tools.copier, "copy", "--defaults", "--quiet", "--data-file", str(data),
                      str(template), str(dest)])  # fmt: skip
        ws.commit_all(dest, "generated", self.env)
        ws.apply_edits(dest)
        ws.commit_all(dest, "user edits", self.env)
        return dest

    def cleanup(self, scenario: str) -> None:
        shutil.rmtree(self.runs_dir / scenario, ignore_errors=True)


def _slug(label: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in label).strip("-")


def _measure(bench: Bench, result: Result, trials: dict[str, Callable[[int], Run]]) -> None:
    """Alternate the available contenders; the unavailable ones are already marked in ``result``."""
    available = {label: trial for label, trial in trials.items() if result.series[label].unavailable is None}
    if available:
        alternate(available, bench.settings.runs, result.series, warmup=bench.settings.warmup)


# ----- 1. new -------------------------------------------------------------------------------------------

MG_NEW, COOKIECUTTER, COPIER_COPY = "mashup-gen new", "cookiecutter --no-input", "copier copy"
MG_NEW_COLD = "mashup-gen new (first run: no template cache)"
IMPORT_CLICK = 'python -c "import click"'  # what any click tool pays to start


def scenario_new(bench: Bench) -> Result:
    """Generating one project: same template, same answers."""
    tools = bench.tools
    result = Result(
        "new",
        "Generate one project (same template, same answers)",
        {
            MG_NEW: Series(MG_NEW, unavailable=bench.missing_command("new")),
            MG_NEW_COLD: Series(MG_NEW_COLD, unavailable=bench.missing_command("new")),
            COOKIECUTTER: Series(COOKIECUTTER, unavailable=bench.missing_tool("cookiecutter")),
            COPIER_COPY: Series(COPIER_COPY, unavailable=bench.missing_tool("copier")),
            IMPORT_CLICK: Series(IMPORT_CLICK),
        },
    )
    outputs: dict[str, Path] = {}

    def keep(label: str, round_index: int, project: Path) -> None:
        if round_index == 0:
            outputs[label] = project

    def mashup_gen(i: int) -> Run:
        project = bench.scratch("new", MG_NEW, i) / ws.PROJECT_SLUG
        keep(MG_NEW, i, project)
        assert tools.mashup_gen
        return bench.run([tools.mashup_gen, "new", str(project), *ws.mashup_gen_new_args()])

    def mashup_gen_cold(i: int) -> Run:
        # A template with Jinja2 keeps its compiled form in Jinja2's bytecode cache, under the temporary
        # folder; an empty one ($TMPDIR) shows what a first run pays (the built-in ones, with MiniJinja, none).
        out = bench.scratch("new", MG_NEW_COLD, i)
        (out / "tmp").mkdir(exist_ok=True)
        assert tools.mashup_gen
        argv = [tools.mashup_gen, "new", str(out / ws.PROJECT_SLUG), *ws.mashup_gen_new_args()]
        return run_measured(argv, env={**bench.env, "TMPDIR": str(out / "tmp")})

    def cookiecutter(i: int) -> Run:
        out = bench.scratch("new", COOKIECUTTER, i)
        keep(COOKIECUTTER, i, out / ws.PROJECT_SLUG)
        assert tools.cookiecutter
        config = ws.cookiecutter_config(bench.work / "cookiecutter-config.yaml", bench.work)
        return bench.run([tools.cookiecutter, "--no-input", "--config-file", str(config), "-o", str(out),
                          str(bench.template("cookiecutter"))])  # fmt: skip

    def copier(i: int) -> Run:
        project = bench.scratch("new", COPIER_COPY, i) / ws.PROJECT_SLUG
        keep(COPIER_COPY, i, project)
        assert tools.copier
        data = ws.copier_data(bench.work / "copier-data.yml")
        return bench.run([tools.copier, "copy", "--defaults", "--quiet", "--data-file", str(data),
                          str(bench.template("copier")), str(project)])  # fmt: skip

    # The templates are made before the clock starts for anyone.
    if result.series[COOKIECUTTER].unavailable is None:
        bench.template("cookiecutter")
    if result.series[COPIER_COPY].unavailable is None:
        bench.template("copier")
    trials = {
        MG_NEW: mashup_gen,
        MG_NEW_COLD: mashup_gen_cold,
        COOKIECUTTER: cookiecutter,
        COPIER_COPY: copier,
        IMPORT_CLICK: lambda i: bench.run([tools.python, "-c", "import click"]),
    }
    _measure(bench, result, trials)

    if MG_NEW in outputs:
        for label in (COOKIECUTTER, COPIER_COPY):
            if label in outputs:
                differing = ws.compare_trees(outputs[MG_NEW], outputs[label])
                result.verification[f"same files as {label}"] = not differing
                if differing:
                    result.notes.append(f"{label} output differs from mashup-gen's in: {', '.join(differing)}")
    result.ratios = [
        Ratio(f"{MG_NEW} / {COOKIECUTTER}", median_ratio(result, MG_NEW, COOKIECUTTER), 0.3),
        Ratio(f"{MG_NEW} / {IMPORT_CLICK}", median_ratio(result, MG_NEW, IMPORT_CLICK), 1.5),
        Ratio(f"{MG_NEW} / {COPIER_COPY}", median_ratio(result, MG_NEW, COPIER_COPY)),
        Ratio(f"{MG_NEW_COLD} / {COOKIECUTTER}", median_ratio(result, MG_NEW_COLD, COOKIECUTTER)),
    ]
    bench.cleanup("new")
    return result


# ----- 1b. new, qlik-embed template ---------------------------------------------------------------------

MG_NEW_EMBED = "mashup-gen new --template qlik-embed"


def scenario_new_embed(bench: Bench) -> Result:
    """Generating one qlik-embed project: mashup-gen and cookiecutter on templates/qlik-embed, same answers."""
    return _new_embed(bench, "new-embed", "Generate one qlik-embed project (same template, same answers)")


def scenario_new_impersonation(bench: Bench) -> Result:
    """The same qlik-embed project signed in by OAuth impersonation (the page and its backend, server.mjs)."""
    title = "Generate one qlik-embed project with its impersonation backend (same template, same answers)"
    return _new_embed(bench, "new-impersonation", title, ws.IMPERSONATION_ANSWERS)


def _new_embed(bench: Bench, key: str, title: str, answers: dict[str, Any] | None = None) -> Result:
    """mashup-gen and cookiecutter generating templates/qlik-embed with ``answers`` (default EMBED_ANSWERS)."""
    tools = bench.tools
    result = Result(
        key,
        title,
        {
            MG_NEW_EMBED: Series(MG_NEW_EMBED, unavailable=bench.missing_command("new")),
            COOKIECUTTER: Series(COOKIECUTTER, unavailable=bench.missing_tool("cookiecutter")),
        },
    )
    outputs: dict[str, Path] = {}
    config = ws.embed_cookiecutter_config(bench.work / f"cookiecutter-{key}-config.yaml", bench.work, answers)

    def mashup_gen(i: int) -> Run:
        project = bench.scratch(key, MG_NEW_EMBED, i) / ws.EMBED_SLUG
        if i == 0:
            outputs[MG_NEW_EMBED] = project
        assert tools.mashup_gen
        return bench.run([tools.mashup_gen, "new", str(project), *ws.mashup_gen_new_embed_args(answers)])

    def cookiecutter(i: int) -> Run:
        out = bench.scratch(key, COOKIECUTTER, i)
        if i == 0:
            outputs[COOKIECUTTER] = out / ws.EMBED_SLUG
        assert tools.cookiecutter
        return bench.run([tools.cookiecutter, "--no-input", "--config-file", str(config), "-o", str(out),
                          str(ws.EMBED_TEMPLATE)])  # fmt: skip

    _measure(bench, result, {MG_NEW_EMBED: mashup_gen, COOKIECUTTER: cookiecutter})
    if MG_NEW_EMBED in outputs and COOKIECUTTER in outputs:
        differing = ws.compare_trees(outputs[MG_NEW_EMBED], outputs[COOKIECUTTER])
        result.verification[f"same files as {COOKIECUTTER}"] = not differing
        if differing:
            result.notes.append(f"{COOKIECUTTER} output differs from mashup-gen's in: {', '.join(differing)}")
    result.ratios = [Ratio(f"{MG_NEW_EMBED} / {COOKIECUTTER}", median_ratio(result, MG_NEW_EMBED, COOKIECUTTER), 0.3)]
    bench.cleanup(key)
    return result


# ----- 1c. new web app ----------------------------------------------------------------------------------

MG_NEW_WEBAPP, COOKIECUTTER_WEBAPP = "mashup-gen new --template webapp", "cookiecutter --no-input (webapp)"


def scenario_new_webapp(bench: Bench) -> Result:
    """Generating one web app (template webapp, enigma.js vendored): same template, same answers."""
    return _new_webapp(bench, "new-webapp", "Generate one web app (template webapp, same answers)", ws.WEBAPP_ANSWERS)


def scenario_new_webapp_oauth(bench: Bench) -> Result:
    """Generating one web app signing in with OAuth2 (@qlik/api from jsDelivr, pinned): same template, answers."""
    return _new_webapp(
        bench,
        "new-webapp-oauth",
        "Generate one OAuth2 web app (template webapp --auth oauth2, same answers)",
        ws.WEBAPP_OAUTH_ANSWERS,
    )


def _new_webapp(bench: Bench, name: str, title: str, answers: dict[str, Any]) -> Result:
    """mashup-gen and cookiecutter on templates/webapp with ``answers``; their outputs compared."""
    tools = bench.tools
    result = Result(
        name,
        title,
        {
            MG_NEW_WEBAPP: Series(MG_NEW_WEBAPP, unavailable=bench.missing_command("new")),
            COOKIECUTTER_WEBAPP: Series(COOKIECUTTER_WEBAPP, unavailable=bench.missing_tool("cookiecutter")),
        },
    )
    outputs: dict[str, Path] = {}
    config = ws.cookiecutter_config(bench.work / f"cookiecutter-{name}.yaml", bench.work, answers)
    template = bench.work / "templates" / "cookiecutter-webapp"

    def mashup_gen(i: int) -> Run:
        project = bench.scratch(name, MG_NEW_WEBAPP, i) / ws.PROJECT_SLUG
        if i == 0:
            outputs[MG_NEW_WEBAPP] = project
        assert tools.mashup_gen
        return bench.run([tools.mashup_gen, "new", str(project), *ws.mashup_gen_new_webapp_args(answers)])

    def cookiecutter(i: int) -> Run:
        out = bench.scratch(name, COOKIECUTTER_WEBAPP, i)
        if i == 0:
            outputs[COOKIECUTTER_WEBAPP] = out / ws.PROJECT_SLUG
        assert tools.cookiecutter
        return bench.run([tools.cookiecutter, "--no-input", "--config-file", str(config), "-o", str(out),
                          str(template)])  # fmt: skip

    if result.series[COOKIECUTTER_WEBAPP].unavailable is None and not template.exists():
        ws.make_cookiecutter_template(template, bench.env, ws.WEBAPP_TEMPLATE)
    _measure(bench, result, {MG_NEW_WEBAPP: mashup_gen, COOKIECUTTER_WEBAPP: cookiecutter})
    if MG_NEW_WEBAPP in outputs and COOKIECUTTER_WEBAPP in outputs:
        differing = ws.compare_trees(outputs[MG_NEW_WEBAPP], outputs[COOKIECUTTER_WEBAPP])
        result.verification[f"same files as {COOKIECUTTER_WEBAPP}"] = not differing
        if differing:
            result.notes.append(f"{COOKIECUTTER_WEBAPP} output differs from mashup-gen's in: {', '.join(differing)}")
    ratio = median_ratio(result, MG_NEW_WEBAPP, COOKIECUTTER_WEBAPP)
    result.ratios = [Ratio(f"{MG_NEW_WEBAPP} / {COOKIECUTTER_WEBAPP}", ratio, 0.3)]
    bench.cleanup(name)
    return result


# ----- 2. regenerate one project -----------------------------------------------------------------------

MG_REGEN, CRUFT_UPDATE, COPIER_UPDATE = "mashup-gen regenerate", "cruft update", "copier update"


def mashup_gen_regenerate(bench: Bench, project: Path, recursive: bool = False) -> list[str]:
    assert bench.tools.mashup_gen
    return [bench.tools.mashup_gen, "regenerate", *(["--recursive"] if recursive else []),
            "--tenant", ws.NEW_TENANT, str(project)]  # fmt: skip


def cruft_update_args(bench: Bench) -> list[str]:
    # -r re-derives the template's private `__` variables (the tenant URL, host, port) from the new tenant;
    # without it cruft would keep the old derived values. --not-strict: the template has not moved on.
    assert bench.tools.cruft
    return [bench.tools.cruft, "update", "--skip-apply-ask", "--not-strict", "--refresh-private-variables",
            "--variables-to-update", json.dumps({"tenant": ws.NEW_TENANT})]  # fmt: skip


def scenario_regenerate(bench: Bench) -> Result:
    """Re-targeting one project with user edits to another tenant."""
    tools = bench.tools
    result = Result(
        "regenerate",
        "Re-target one edited project to a new tenant",
        {
            MG_REGEN: Series(MG_REGEN, unavailable=bench.missing_command("regenerate")),
            CRUFT_UPDATE: Series(CRUFT_UPDATE, unavailable=bench.missing_tool("cruft")),
            COPIER_UPDATE: Series(COPIER_UPDATE, unavailable=bench.missing_tool("copier")),
        },
    )
    seeds = {
        label: bench.seed(tool)
        for label, tool in ((MG_REGEN, "mashup-gen"), (CRUFT_UPDATE, "cruft"), (COPIER_UPDATE, "copier"))
        if result.series[label].unavailable is None or (label == MG_REGEN and tools.mashup_gen)
    }
    outputs: dict[str, Path] = {}

    def fresh(label: str, i: int) -> Path:
        project = ws.copy_project(seeds[label], bench.scratch("regenerate", label, i) / ws.PROJECT_SLUG)
        if i == 0:
            outputs[label] = project
        return project

    def mashup_gen(i: int) -> Run:
        return bench.run(mashup_gen_regenerate(bench, fresh(MG_REGEN, i)))

    def cruft(i: int) -> Run:
        return bench.run(cruft_update_args(bench), cwd=fresh(CRUFT_UPDATE, i))

    def copier(i: int) -> Run:
        assert tools.copier
        return bench.run([tools.copier, "update", "--defaults", "--quiet", "--conflict", "inline",
                          "--data", f"tenant={ws.NEW_TENANT}"], cwd=fresh(COPIER_UPDATE, i))  # fmt: skip

    _measure(bench, result, {MG_REGEN: mashup_gen, CRUFT_UPDATE: cruft, COPIER_UPDATE: copier})
    for label, project in outputs.items():
        problems = ws.check_regenerated(project)
        result.verification[f"{label}: edits kept, tenant changed"] = not problems
        result.notes += [f"{label}: {problem}" for problem in problems]
    if MG_REGEN in outputs:
        for label in (CRUFT_UPDATE, COPIER_UPDATE):
            if label in outputs:
                differing = ws.compare_trees(outputs[MG_REGEN], outputs[label])
                result.verification[f"same files as {label}"] = not differing
                if differing:
                    result.notes.append(f"{label} result differs from mashup-gen's in: {', '.join(differing)}")
    result.ratios = [
        Ratio(f"{MG_REGEN} / {CRUFT_UPDATE}", median_ratio(result, MG_REGEN, CRUFT_UPDATE), 0.3),
        Ratio(f"{MG_REGEN} / {COPIER_UPDATE}", median_ratio(result, MG_REGEN, COPIER_UPDATE), 0.15),
    ]
    bench.cleanup("regenerate")
    return result


# ----- 3. regenerate many projects ---------------------------------------------------------------------


def scenario_recursive(bench: Bench) -> Result:
    """Re-targeting many projects: one ``regenerate --recursive`` against a shell loop of ``cruft update``."""
    settings = bench.settings
    n, small, sample = settings.projects, max(1, settings.projects // 4), settings.cruft_sample
    mg_big, mg_small = f"mashup-gen regenerate --recursive ({n})", f"mashup-gen regenerate --recursive ({small})"
    loop = f"shell loop of cruft update ({sample} of {n})"
    missing_regenerate = bench.missing_command("regenerate")
    result = Result(
        "recursive",
        f"Re-target {n} edited projects",
        {
            mg_big: Series(mg_big, unavailable=missing_regenerate),
            mg_small: Series(mg_small, unavailable=missing_regenerate),
            loop: Series(loop, unavailable=bench.missing_tool("cruft")),
        },
    )
    trees: dict[str, Path] = {}
    if missing_regenerate is None:
        seed = bench.seed("mashup-gen")
        for label, count in ((mg_big, n), (mg_small, small)):
            trees[label] = _many(seed, bench.seeds / _slug(label), count)
    if result.series[loop].unavailable is None:
        trees[loop] = _many(bench.seed("cruft"), bench.seeds / "cruft-sample", sample)
    outputs: dict[str, Path] = {}

    def fresh(label: str, i: int) -> Path:
        root = bench.scratch("recursive", label, i) / "projects"
        shutil.copytree(trees[label], root, symlinks=True)
        ws.settle()
        if i == 0:
            outputs[label] = root
        return root

    def mashup_gen(label: str) -> Callable[[int], Run]:
        return lambda i: bench.run(mashup_gen_regenerate(bench, fresh(label, i), recursive=True))

    def cruft_loop(i: int) -> Run:
        # What a user would script: one `cruft update` per project folder, stopping at the first failure.
        root = fresh(loop, i)
        projects = [str(p) for p in sorted(root.iterdir())]
        command = " ".join(shlex.quote(part) for part in cruft_update_args(bench))
        script = f'for d in "$@"; do (cd "$d" && {command} >/dev/null) || exit 1; done'
        return bench.run(["sh", "-c", script, "sh", *projects])

    _measure(bench, result, {mg_big: mashup_gen(mg_big), mg_small: mashup_gen(mg_small), loop: cruft_loop})

    for label, root in outputs.items():
        projects = sorted(p for p in root.iterdir() if p.is_dir())
        problems = {p.name: ws.check_regenerated(p) for p in (projects[0], projects[-1])}
        bad = {name: found for name, found in problems.items() if found}
        result.verification[f"{label}: edits kept, tenant changed (first and last project)"] = not bad
        result.notes += [f"{label}: {name}: {'; '.join(found)}" for name, found in bad.items()]

    big, small_series, loop_series = result.series[mg_big], result.series[mg_small], result.series[loop]
    if loop_series.runs:
        per_project = loop_series.median_seconds / sample
        result.figures["cruft loop seconds per project"] = round(per_project, 4)
        result.figures[f"cruft loop over {n} projects, extrapolated (s)"] = round(per_project * n, 3)
    per_project_ms = None
    if big.runs:
        result.figures["mashup-gen seconds per project"] = round(big.median_seconds / n, 5)
        per_project_ms = big.median_seconds / n * 1000
    result.ratios.append(Ratio(f"{mg_big}: milliseconds per project", per_project_ms, 5))
    speedup = None
    if big.runs and loop_series.runs:
        speedup = (loop_series.median_seconds / sample * n) / big.median_seconds
    result.ratios.append(Ratio(f"cruft loop ({n}, extrapolated) / {mg_big}", speedup, 30, ">="))
    growth = None
    if big.runs and small_series.runs:
        growth = big.peak_rss_kib / small_series.peak_rss_kib
        result.figures[f"peak memory growth {small} -> {n} projects (KiB)"] = (
            big.peak_rss_kib - small_series.peak_rss_kib
        )
    # "Memory that does not grow with the number of projects": 4x the projects may cost at most 10% more.
    result.ratios.append(Ratio(f"peak memory ({n}) / peak memory ({small})", growth, 1.1))
    bench.cleanup("recursive")
    return result


def _many(seed: Path, dest: Path, count: int) -> Path:
    """``count`` copies of a prepared project under ``dest`` (made once, copied again for every run)."""
    if dest.exists():
        return dest
    dest.mkdir(parents=True)
    for index in range(count):
        shutil.copytree(seed, dest / f"{ws.PROJECT_SLUG}-{index:03d}", symlinks=True)
    return dest


# ----- 4. --help --------------------------------------------------------------------------------------

MG_HELP = "mashup-gen --help"


def scenario_help(bench: Bench) -> Result:
    """Start-up: the whole tool's ``--help`` against merely importing click."""
    tools = bench.tools
    result = Result(
        "help",
        "Start-up: --help",
        {
            MG_HELP: Series(MG_HELP, unavailable=None if tools.mashup_gen else "mashup-gen is not installed"),
            IMPORT_CLICK: Series(IMPORT_CLICK),
        },
    )
    mashup_gen_path = tools.mashup_gen or ""
    _measure(
        bench,
        result,
        {
            MG_HELP: lambda i: bench.run([mashup_gen_path, "--help"]),
            IMPORT_CLICK: lambda i: bench.run([tools.python, "-c", "import click"]),
        },
    )
    result.ratios = [Ratio(f"{MG_HELP} / {IMPORT_CLICK}", median_ratio(result, MG_HELP, IMPORT_CLICK), 1.5)]
    return result


# ----- 5. check ---------------------------------------------------------------------------------------


def scenario_check(bench: Bench) -> Result:
    """``check`` over many mashups: files per second."""
    count = bench.settings.mashups
    label = f"mashup-gen check ({count} mashups)"
    result = Result(
        "check", f"Check {count} mashups", {label: Series(label, unavailable=bench.missing_command("check"))}
    )
    root = bench.seeds / "check-corpus"
    if bench.tools.mashup_gen and not root.exists():
        seed = bench.seed("mashup-gen")
        root.mkdir(parents=True)
        for index in range(count):
            # Without .git: a team's folder of mashups, not a folder of repositories; each its own.
            ws.distinct_copy(seed, root / f"mashup-{index:03d}", index)
    files = sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0
    mashup_gen_path = bench.tools.mashup_gen or ""
    # Exit status 1 means "ran and found problems", which is a finished check.
    _measure(bench, result, {label: lambda i: bench.run([mashup_gen_path, "check", str(root)], ok_status=(0, 1))})
    series = result.series[label]
    result.figures["mashups"] = count
    result.figures["files in the tree"] = files
    if series.runs:
        # The files check itself says it read (pages and scripts; not the README or the record), from one
        # untimed run with the JSON report.
        report = subprocess.run(
            [mashup_gen_path, "check", "--format", "json", str(root)], env=bench.env, capture_output=True, check=False
        )
        try:
            summary = json.loads(report.stdout)["summary"]
            checked, projects = int(summary["files"]), int(summary["projects"])
        except (ValueError, KeyError, TypeError):
            checked, projects = files, count
            result.notes.append("check --format json gave no summary; files per second counts every file")
        result.verification["check found every mashup"] = projects == count
        result.figures["files checked"] = checked
        result.figures["files per second"] = round(checked / series.median_seconds, 1)
        result.figures["mashups per second"] = round(count / series.median_seconds, 1)
        result.figures["exit status"] = series.runs[-1].status
    return result


# ----- 5b. check over a mixed tree ------------------------------------------------------------------------

MIXED_TARGET_FILES_PER_S = 1000.0


def scenario_check_mixed(bench: Bench) -> Result:
    """``check`` over a tree of every kind of project: the three templates' (capability, web app with the
    cookie and with OAuth2, qlik-embed with OAuth2 and with impersonation and its server.mjs) and two
    framework apps (Vite + React with .env, Next.js with a route handler): files per second."""
    kinds = ws.mixed_kinds()
    copies = max(1, bench.settings.mashups // len(kinds))  # about as many projects as scenario `check`
    count = copies * len(kinds)
    label = f"mashup-gen check (mixed tree: {count} projects)"
    result = Result(
        "check-mixed",
        f"Check a mixed tree of {count} projects ({len(kinds)} kinds)",
        {label: Series(label, unavailable=bench.missing_command("check"))},
    )
    root = bench.seeds / "check-mixed"
    if bench.tools.mashup_gen and not root.exists():
        ws.make_mixed_tree(bench.tools.mashup_gen, bench.seeds / "mixed-seeds", root, copies, bench.env)
    files = sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0
    mashup_gen_path = bench.tools.mashup_gen or ""
    _measure(bench, result, {label: lambda i: bench.run([mashup_gen_path, "check", str(root)], ok_status=(0, 1))})
    series = result.series[label]
    result.figures["kinds"] = ", ".join(kinds)
    result.figures["projects"] = count
    result.figures["files in the tree"] = files
    if series.runs:
        report = subprocess.run(
            [mashup_gen_path, "check", "--format", "json", str(root)], env=bench.env, capture_output=True, check=False
        )
        try:
            document = json.loads(report.stdout)
            summary = document["summary"]
            checked, projects = int(summary["files"]), int(summary["projects"])
            errors = int(summary["errors"])
        except (ValueError, KeyError, TypeError):
            checked, projects, errors = files, 0, -1
            result.notes.append("check --format json gave no summary; files per second counts every file")
        result.verification["check found every project"] = projects == count
        # Every project is correct for Qlik Cloud as generated or written: an error would be a false one.
        result.verification["no error in any project"] = errors == 0
        result.figures["files checked"] = checked
        result.figures["files per second"] = round(checked / series.median_seconds, 1)
        result.figures["projects per second"] = round(count / series.median_seconds, 1)
        result.figures["exit status"] = series.runs[-1].status
        result.ratios = [
            Ratio("files checked per second", checked / series.median_seconds, MIXED_TARGET_FILES_PER_S, ">=")
        ]
    return result


# ----- 5c. check one project -------------------------------------------------------------------------------

ONE_PROJECT_TARGET_S = 0.5  # "a single project answers in well under a second" (issue 16), start-up included


def scenario_check_one(bench: Bench) -> Result:
    """``check`` of a single project, one of each kind of the mixed tree, as a developer runs it on their own
    project: the process's start-up included. The slowest kind's median must stay well under a second."""
    kinds = ws.mixed_kinds()
    labels = {kind: f"mashup-gen check (one {kind} project)" for kind in kinds}
    result = Result(
        "check-one",
        "Check a single project (one of each kind)",
        {label: Series(label, unavailable=bench.missing_command("check")) for label in labels.values()},
    )
    mashup_gen_path = bench.tools.mashup_gen
    if not mashup_gen_path or bench.missing_command("check"):
        return result
    sources = ws.mixed_sources(mashup_gen_path, bench.seeds / "mixed-seeds", bench.env)
    _measure(
        bench,
        result,
        {
            labels[kind]: (lambda i, path=path: bench.run([mashup_gen_path, "check", str(path)], ok_status=(0, 1)))
            for kind, path in sources.items()
        },
    )
    measured = {
        kind: result.series[label].median_seconds for kind, label in labels.items() if result.series[label].runs
    }
    if measured:
        slowest = max(measured, key=lambda kind: measured[kind])
        result.figures["slowest kind"] = slowest
        result.ratios = [
            Ratio("slowest single project: median seconds", measured[slowest], ONE_PROJECT_TARGET_S),
        ]
    return result


# ----- 6. check --online -------------------------------------------------------------------------------

ONLINE_DELAY_S = 0.05  # every REST answer of the stand-in tenant is held back this long
ONLINE_TARGET_S = 2.0
ONLINE_KEY = "bench-api-key-0123456789abcdef"
# One web integration per this many projects (a team's per-customer integration); every project its own app.
PROJECTS_PER_WEB_INTEGRATION = 4


def _standin() -> tuple[Any, str | None]:
    """The stand-in tenant class from tests/standin, or why it cannot run."""
    import sys

    tests = str(ws.REPO / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    try:
        from standin import REQUIREJS_PATH, Tenant
    except ImportError as exc:
        return None, f"the stand-in tenant cannot be imported: {exc}"
    if not REQUIREJS_PATH.is_file():
        return None, "the stand-in tenant needs `npm ci --prefix tests` (RequireJS and jQuery)"
    return Tenant, None


def _online_tree(bench: Bench, tenant: Any, root: Path, count: int) -> tuple[int, int]:
    """``count`` projects on ``tenant``, each with its own app, sharing web integrations that allow them.

    One project is generated; the others are copies with its web integration id and app id replaced (the
    ids are unique strings in every file and the record). Returns (web integrations, apps).
    """
    assert bench.tools.mashup_gen
    origin = ws.ANSWERS["origins"]
    integrations = [
        tenant.add_web_integration([origin]) for _ in range((count + PROJECTS_PER_WEB_INTEGRATION - 1)
                                                            // PROJECTS_PER_WEB_INTEGRATION)
    ]  # fmt: skip
    apps = [f"{index:08x}-0000-4000-8000-{index:012x}" for index in range(count)]
    seed = root.parent / "online-seed"
    shutil.rmtree(seed, ignore_errors=True)
    args = [arg if arg != ws.ANSWERS["tenant"] else tenant.url for arg in ws.mashup_gen_new_args()]
    bench.run([bench.tools.mashup_gen, "new", str(seed), *args])
    old_wid, old_app = ws.ANSWERS["web_integration_id"], ws.ANSWERS["app_id"]
    for index in range(count):
        tenant.add_app(apps[index])
        project = root / f"project-{index:03d}"
        shutil.copytree(seed, project)
        for path in project.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                new = data.replace(old_wid.encode(), integrations[index // PROJECTS_PER_WEB_INTEGRATION].encode())
                new = new.replace(old_app.encode(), apps[index].encode())
                if new != data:
                    path.write_bytes(new)
    return len(integrations), len(apps)


def scenario_online(bench: Bench) -> Result:
    """``check --online`` over many projects against a stand-in tenant that answers after 50 ms."""
    count = bench.settings.projects
    label = f"mashup-gen check --online ({count} projects)"
    offline = f"mashup-gen check, offline ({count} projects)"
    tenant_class, missing = _standin()
    unavailable = bench.missing_command("check") or missing
    result = Result(
        "online",
        f"check --online over {count} projects (every REST answer after {ONLINE_DELAY_S * 1000:.0f} ms)",
        {label: Series(label, unavailable=unavailable), offline: Series(offline, unavailable=unavailable)},
    )
    if result.series[label].unavailable is not None or tenant_class is None:
        return result
    assert bench.tools.mashup_gen
    env = {**bench.env, "QLIK_API_KEY": ONLINE_KEY}
    with tenant_class(api_keys=[ONLINE_KEY]) as tenant:
        root = bench.seeds / "online" / "projects"
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        integrations, apps = _online_tree(bench, tenant, root, count)
        tenant.management.delay = ONLINE_DELAY_S
        argv = [bench.tools.mashup_gen, "check", "--online", str(root)]
        offline_argv = [bench.tools.mashup_gen, "check", str(root)]
        before = len(tenant.requests)
        _measure(
            bench,
            result,
            {
                label: lambda i: run_measured(argv, env=env, ok_status=(0, 1)),
                # The same files without the tenant: what going online adds on top of reading them.
                offline: lambda i: run_measured(offline_argv, env=env, ok_status=(0, 1)),
            },
        )
        series = result.series[label]
        runs = len(series.runs) + bench.settings.warmup
        requests = len(tenant.requests) - before
        report = subprocess.run([*argv, "--format", "json"], env=env, capture_output=True, check=False, text=True)
    try:
        summary = json.loads(report.stdout)["summary"]
    except (ValueError, KeyError):
        summary = {}
    expected_requests = 1 + integrations + apps  # the key check, then each web integration and app once
    result.verification["every project checked, no finding"] = (
        report.returncode == 0 and summary.get("projects") == count and summary.get("errors") == 0
    )
    result.verification["each web integration and app fetched once per run"] = requests == runs * expected_requests
    result.figures["projects"] = count
    result.figures["web integrations"] = integrations
    result.figures["apps"] = apps
    result.figures["requests per run"] = expected_requests
    result.figures["stand-in delay per request (s)"] = ONLINE_DELAY_S
    if series.runs:
        result.figures["requests one after another would take (s)"] = round(expected_requests * ONLINE_DELAY_S, 2)
    result.ratios = [
        Ratio(
            f"{label}: median seconds",
            series.median_seconds if series.runs else None,
            ONLINE_TARGET_S,
        ),
        Ratio(f"{label} / {offline}", median_ratio(result, label, offline)),
    ]
    return result


SCENARIOS: dict[str, Callable[[Bench], Result]] = {
    "new": scenario_new,
    "new-embed": scenario_new_embed,
    "new-impersonation": scenario_new_impersonation,
    "new-webapp": scenario_new_webapp,
    "new-webapp-oauth": scenario_new_webapp_oauth,
    "regenerate": scenario_regenerate,
    "recursive": scenario_recursive,
    "help": scenario_help,
    "check": scenario_check,
    "check-mixed": scenario_check_mixed,
    "check-one": scenario_check_one,
    "online": scenario_online,
}
