"""The benchmark's working folder: one template in three shapes, the same answers, the same user edits.

Our ``templates/capability`` is the source. It already is a cookiecutter template, so the cookiecutter (and
cruft) copy is that folder committed to a git repository; the copier copy is translated from it
(``{{ cookiecutter.x }}`` -> ``{{ x }}``, ``__`` variables -> copier computed values). Every tool gets the
same answers and every project the same edits, and :func:`compare_trees` checks that the tools really
produce the same files, so the figures compare the same work.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SOURCE_TEMPLATE = REPO / "templates" / "capability"
PROJECT_SLUG = "sales-dashboard"

# The answers every tool is given. Values are already in the normalised form mashup-gen stores, so the
# cookiecutter and copier renders can match ours byte for byte.
ANSWERS: dict[str, Any] = {
    "title": "Sales dashboard",
    "tenant": "acme.eu.qlikcloud.com",
    "web_integration_id": "Xq3LwT7vKp2mN9sR4dFh6jBz8cYa1eGu",
    "app_id": "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",
    "origins": "http://localhost:8000",
    "objects": {"CurrentSelections": "CurrentSelections", "kpi": "QVwQm", "sales": "jRpXz"},
}
# The web app template (scenario new-webapp) takes the same values plus its hypercube. cookiecutter reads a
# list default as a choice and accepts only a subset of it, so the lists are the template's own defaults.
WEBAPP_TEMPLATE = REPO / "templates" / "webapp"
WEBAPP_ANSWERS: dict[str, Any] = {
    **{key: value for key, value in ANSWERS.items() if key != "objects"},
    "dimensions": ["Region"],
    "measures": ["Sum(Sales)"],
}
# The same web app signing in with OAuth2 (scenario new-webapp-oauth): an OAuth client instead of the web
# integration; cookiecutter keeps the web integration id's default, as mashup-gen does when it is not used.
WEBAPP_OAUTH_ANSWERS: dict[str, Any] = {
    **{key: value for key, value in WEBAPP_ANSWERS.items() if key != "web_integration_id"},
    "auth": "oauth2",
    "client_id": "3f6e2a9c41d84b07a5c1e8f2d9b6047a",
}
# The re-targeting every regenerate scenario performs: a move to another region.
NEW_TENANT = "acme.us.qlikcloud.com"

# The user's edits, applied to every tool's project and committed before it is updated. Each is a few lines
# away from any line holding the tenant, so a line-based merge in any of the tools can keep it cleanly.
EDITS: dict[str, tuple[str, str]] = {
    "index.html": (
        "</h1>\n",
        '</h1>\n    <p class="mashup-tagline">Sales, live from Qlik Cloud</p>\n',
    ),
    "mashup.js": (
        "// The first error says most (an unknown app fails every object after it), so later ones wait.",
        "// Acme: the first Qlik error is the one our support desk asks for; later ones wait.",
    ),
    "qlik-session.js": (
        "// sessionStorage can be unavailable (privacy settings); then the page never redirects on its own.",
        "// Acme: sessionStorage may be blocked by our kiosk profile; then never redirect automatically.",
    ),
    "mashup.css": (
        ".mashup-selections { grid-column: 1 / -1; height: 48px; }\n",
        ".mashup-selections { grid-column: 1 / -1; height: 48px; }\n.mashup-tagline { margin: 4px 0 0; }\n",
    ),
}

# Files that are each tool's own bookkeeping, left out when comparing what the tools generated.
RECORDS = {".mashup-gen.json", ".cruft.json", ".copier-answers.yml", ".git"}

_COOKIECUTTER_REF = re.compile(r"\bcookiecutter\.(?:__)?")


@dataclass(frozen=True)
class Tools:
    """The executables measured, and the environment every one of them runs in."""

    python: str
    mashup_gen: str | None
    cookiecutter: str | None
    cruft: str | None
    copier: str | None
    env: dict[str, str]

    @classmethod
    def find(cls, bin_dir: Path, home: Path) -> Tools:
        """Tools from ``bin_dir`` (the benchmark's virtualenv) first, then ``PATH``.

        HOME and the XDG folders point into the working folder, so no tool reads or writes the user's
        configuration, replay files or caches; git identity comes from the environment for the same reason.
        """
        search = os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")])

        def which(name: str) -> str | None:
            return shutil.which(name, path=search)

        env = dict(os.environ)
        env.update(
            PATH=search,
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            GIT_AUTHOR_NAME="bench",
            GIT_AUTHOR_EMAIL="bench@example.invalid",
            GIT_COMMITTER_NAME="bench",
            GIT_COMMITTER_EMAIL="bench@example.invalid",
            GIT_CONFIG_NOSYSTEM="1",
            # Rich-based tools (cruft) draw boxes to the terminal width; keep their output small and plain.
            NO_COLOR="1",
            COLUMNS="100",
        )
        env.pop("MASHUP_GEN_DEBUG", None)
        home.mkdir(parents=True, exist_ok=True)
        python = which("python") or which("python3") or "python3"
        # cruft and copier work on git repositories (the template's and the project's): no git, no them.
        has_git = which("git") is not None
        cruft = which("cruft") if has_git else None
        copier = which("copier") if has_git else None
        return cls(python, which("mashup-gen"), which("cookiecutter"), cruft, copier, env)

    def has_command(self, command: str) -> bool:
        """Whether this mashup-gen has ``command`` yet (commands land one by one)."""
        if self.mashup_gen is None:
            return False
        result = subprocess.run([self.mashup_gen, command, "--help"], env=self.env, capture_output=True, check=False)
        return result.returncode == 0


def git(cwd: Path, *args: str, env: Mapping[str, str]) -> str:
    """Run git quietly in ``cwd``; raise with its output when it fails."""
    result = subprocess.run(["git", *args], cwd=cwd, env=dict(env), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} in {cwd} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def commit_all(folder: Path, message: str, env: Mapping[str, str], tag: str | None = None) -> None:
    """Make ``folder`` a git repository (if it is not one yet) and commit everything in it.

    Without git this does nothing: only cruft and copier need the repositories, and they are then reported
    as not available (see ``Tools.find``).
    """
    if shutil.which("git", path=env.get("PATH")) is None:
        return
    if not (folder / ".git").exists():
        git(folder, "init", "--quiet", "--initial-branch=main", env=env)
    git(folder, "add", "--all", env=env)
    git(folder, "commit", "--quiet", "--no-verify", "--allow-empty", "-m", message, env=env)
    if tag:
        git(folder, "tag", tag, env=env)


def make_cookiecutter_template(dest: Path, env: Mapping[str, str], source: Path = SOURCE_TEMPLATE) -> Path:
    """Our template as is, in a git repository of its own (cruft needs one; cookiecutter does not mind)."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__", ".DS_Store"))
    commit_all(dest, f"{source.name} template", env)
    return dest


def _to_copier(text: str) -> str:
    return _COOKIECUTTER_REF.sub("", text)


def make_copier_template(dest: Path, env: Mapping[str, str]) -> Path:
    """Translate the cookiecutter template into a copier one, as a tagged git repository.

    Questions keep their names and defaults; each ``__`` variable becomes a computed value (a question with
    ``when: false``, which copier evaluates but neither asks nor stores). The project folder becomes
    ``_subdirectory``; copier renders its contents straight into the destination.
    """
    variables = json.loads((SOURCE_TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    prompts = variables.get("__prompts__", {})
    config: dict[str, Any] = {
        "_subdirectory": "project",
        "_templates_suffix": "",  # every file is a template, as in cookiecutter
        "_answers_file": ".copier-answers.yml",
    }
    for key, raw in variables.items():
        if key == "__prompts__" or (key.startswith("_") and not key.startswith("__")):
            continue  # cookiecutter-only settings; copier's own settings also start with "_"
        if key.startswith("__"):
            config[key[2:]] = {"type": "str", "default": _to_copier(str(raw)), "when": False}
        elif isinstance(raw, dict):
            config[key] = {"type": "yaml", "default": raw, "help": prompts.get(key, key)}
        else:
            config[key] = {"type": "str", "default": _to_copier(str(raw)), "help": prompts.get(key, key)}
    dest.mkdir(parents=True)
    # JSON is YAML, so copier.yml needs no YAML writer here.
    (dest / "copier.yml").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    project = dest / "project"
    source_project = next(p for p in SOURCE_TEMPLATE.iterdir() if p.is_dir() and "cookiecutter" in p.name)
    for source in sorted(source_project.rglob("*")):
        target = project / _to_copier(source.relative_to(source_project).as_posix())
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_to_copier(source.read_text(encoding="utf-8")), encoding="utf-8")
    # cookiecutter's include folder: copier finds `{% include %}`d files at the template's root instead.
    for source in sorted((SOURCE_TEMPLATE / "templates").glob("*")):
        (dest / source.name).write_text(_to_copier(source.read_text(encoding="utf-8")), encoding="utf-8")
    (project / "{{ _copier_conf.answers_file }}").write_text(
        "# Changes here will be overwritten by Copier; do not edit manually\n{{ _copier_answers|to_nice_yaml -}}\n",
        encoding="utf-8",
    )
    commit_all(dest, "capability template (copier)", env, tag="v1.0.0")
    return dest


def apply_edits(project: Path) -> None:
    """Make the user's edits; fail loudly if the template no longer has the lines they anchor on."""
    for name, (old, new) in EDITS.items():
        path = project / name
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise RuntimeError(f"{path}: the benchmark's edit anchor {old!r} is gone; update bench/workspace.py")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check_regenerated(project: Path) -> list[str]:
    """What is wrong with a project after re-targeting: edits lost, old tenant left, conflict markers."""
    problems = []
    for name, (_old, new) in EDITS.items():
        text = (project / name).read_text(encoding="utf-8")
        if new not in text:
            problems.append(f"{name}: the user's edit was lost")
        if "<<<<<<<" in text or ">>>>>>>" in text:
            problems.append(f"{name}: conflict markers")
    for name in ("index.html", "mashup.js"):
        text = (project / name).read_text(encoding="utf-8")
        if ANSWERS["tenant"] in text:
            problems.append(f"{name}: still names the old tenant")
        if NEW_TENANT not in text:
            problems.append(f"{name}: does not name the new tenant")
    rejects = [p.name for p in project.rglob("*.rej")]
    if rejects:
        problems.append(f"rejected hunks: {', '.join(rejects)}")
    return problems


def tree_files(root: Path) -> dict[str, bytes]:
    """The generated files under ``root`` (tool records and .git left out), by relative path."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not RECORDS.intersection(relative.parts):
            files[relative.as_posix()] = path.read_bytes()
    return files


def compare_trees(reference: Path, other: Path) -> list[str]:
    """Relative paths whose content differs between two generated projects (empty: the same output)."""
    left, right = tree_files(reference), tree_files(other)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def copy_project(seed: Path, dest: Path) -> Path:
    """A fresh copy of a prepared project (its git repository included) for one measured run, on disk."""
    shutil.copytree(seed, dest, symlinks=True)
    settle()
    return dest


def settle() -> None:
    """Put what the benchmark itself just wrote (a fresh copy to work on) on disk before a timed run.

    A user's project was written long before they regenerate it. Without this, a tool that flushes its own
    writes (fsync, as mashup-gen does for every file it replaces) also waits for the page cache the
    benchmark's copy left, and the measure is of the copy."""
    if hasattr(os, "sync"):
        os.sync()


# What a line comment looks like in each kind of file a project copy gets one in (see distinct_copy).
_COMMENTS = {
    ".html": "<!-- {} -->",
    ".js": "// {}",
    ".mjs": "// {}",
    ".jsx": "// {}",
    ".ts": "// {}",
    ".tsx": "// {}",
    ".css": "/* {} */",
    ".env": "# {}",
}


def distinct_copy(seed: Path, dest: Path, index: int) -> Path:
    """A copy of ``seed`` (without .git) whose every page, script, stylesheet and env file differs from every
    other copy's: its own app id (replaced everywhere, the record included) and a comment line naming it.
    A team's folder holds different projects, not one project many times: a checker that keeps what it
    learnt of a text must not be measured on the same texts over and over."""
    shutil.copytree(seed, dest, ignore=shutil.ignore_patterns(".git"))
    app_id = f"{index:08x}-6a55-4b8e-9d3e-4f0f5b6c7d8e"
    for path in dest.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        text = data.decode("utf-8").replace(ANSWERS["app_id"], app_id)
        comment = _COMMENTS.get(path.suffix.lower() or path.name.lower())
        if comment is not None:
            text += ("" if text.endswith("\n") else "\n") + comment.format(f"project copy {index}") + "\n"
        path.write_text(text, encoding="utf-8")
    return dest


def cookiecutter_config(path: Path, work: Path, answers: Mapping[str, Any] = ANSWERS) -> Path:
    """A cookiecutter user config holding the answers (the one way to pass the ``objects`` dict to the CLI),
    and keeping cookiecutter's replay and clone folders inside the working folder."""
    config = {
        "default_context": {"project_slug": PROJECT_SLUG, **answers},
        "cookiecutters_dir": str(work / "cookiecutters"),
        "replay_dir": str(work / "cookiecutter_replay"),
    }
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")  # JSON is YAML
    return path


def copier_data(path: Path) -> Path:
    """The answers as a copier ``--data-file``."""
    path.write_text(json.dumps({"project_slug": PROJECT_SLUG, **ANSWERS}, indent=2) + "\n", encoding="utf-8")
    return path


def mashup_gen_new_args() -> list[str]:
    """``mashup-gen new`` options carrying :data:`ANSWERS`."""
    args = [
        "--no-input",
        "--title", ANSWERS["title"],
        "--tenant", ANSWERS["tenant"],
        "--web-integration-id", ANSWERS["web_integration_id"],
        "--app-id", ANSWERS["app_id"],
        "--origin", ANSWERS["origins"],
    ]  # fmt: skip
    for element, object_id in ANSWERS["objects"].items():
        args += ["--object", f"{element}={object_id}"]
    return args


# ----- the qlik-embed template (scenario `new-embed`) -------------------------------------------------------

EMBED_TEMPLATE = REPO / "templates" / "qlik-embed"
EMBED_SLUG = "sales-portal"
# OAuth2 sign-in, two objects and a sheet; in the normalised form mashup-gen stores. The answers a user does
# not give (web integration id, redirect URI) keep their template defaults in every tool.
EMBED_ANSWERS: dict[str, Any] = {
    "title": "Sales portal",
    "tenant": "acme.eu.qlikcloud.com",
    "auth": "oauth2",
    "client_id": "3f6e2a9c41d84b07a5c1e8f2d9b6047a",
    "app_id": "1f5c9a9e-6a55-4b8e-9d3e-4f0f5b6c7d8e",
    "origins": "https://portal.example.com http://localhost:8000",
    "objects": {"CurrentSelections": "CurrentSelections", "sales": "jRpXz"},
    "sheets": "DzDMb",
    "ui": "analytics",
}


# The same project signed in by OAuth impersonation: the page, and server.mjs, the backend asking for tokens.
IMPERSONATION_ANSWERS: dict[str, Any] = {**EMBED_ANSWERS, "auth": "impersonation"}


def embed_cookiecutter_config(path: Path, work: Path, answers: dict[str, Any] | None = None) -> Path:
    """A cookiecutter user config holding ``answers`` (default :data:`EMBED_ANSWERS`; see
    :func:`cookiecutter_config`)."""
    config = {
        "default_context": {"project_slug": EMBED_SLUG, **(answers or EMBED_ANSWERS)},
        "cookiecutters_dir": str(work / "cookiecutters"),
        "replay_dir": str(work / "cookiecutter_replay"),
    }
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


def mashup_gen_new_embed_args(answers: dict[str, Any] | None = None) -> list[str]:
    """``mashup-gen new --template qlik-embed`` options carrying ``answers`` (default :data:`EMBED_ANSWERS`)."""
    a = answers or EMBED_ANSWERS
    args = ["--no-input", "--template", "qlik-embed", "--title", a["title"], "--tenant", a["tenant"],
            "--auth", a["auth"], "--client-id", a["client_id"], "--app-id", a["app_id"], "--ui", a["ui"]]  # fmt: skip
    for origin in a["origins"].split():
        args += ["--origin", origin]
    for element, object_id in a["objects"].items():
        args += ["--object", f"{element}={object_id}"]
    for sheet in a["sheets"].split():
        args += ["--sheet", sheet]
    return args


def mashup_gen_new_webapp_args(answers: dict[str, Any] | None = None) -> list[str]:
    """``mashup-gen new --template webapp`` options carrying ``answers`` (:data:`WEBAPP_ANSWERS` by default;
    with ``auth``, the sign-in and the id it needs)."""
    a = WEBAPP_ANSWERS if answers is None else answers
    args = [
        "--template", "webapp",
        "--no-input",
        "--title", a["title"],
        "--tenant", a["tenant"],
        "--app-id", a["app_id"],
        "--origin", a["origins"],
    ]  # fmt: skip
    if a.get("auth") == "oauth2":
        args += ["--auth", "oauth2", "--client-id", a["client_id"]]
    else:
        args += ["--web-integration-id", a["web_integration_id"]]
    for dimension in a["dimensions"]:
        args += ["--dimension", dimension]
    for measure in a["measures"]:
        args += ["--measure", measure]
    return args


# ----- a mixed tree of projects (scenario `check-mixed`) ------------------------------------------------

#: Framework-shaped projects written for the benchmark (see bench/fixtures/README.md).
FIXTURES = REPO / "bench" / "fixtures"
FRAMEWORK_FIXTURES = ("vite-react", "next-app")


def mixed_kinds() -> dict[str, list[str] | None]:
    """Each kind of project in the mixed tree: ``mashup-gen new`` options for a generated one, None for a
    fixture copied from :data:`FIXTURES`."""
    return {
        "capability": mashup_gen_new_args(),
        "webapp": mashup_gen_new_webapp_args(),
        "webapp-oauth2": mashup_gen_new_webapp_args(WEBAPP_OAUTH_ANSWERS),
        "qlik-embed-oauth2": mashup_gen_new_embed_args(),
        "qlik-embed-impersonation": mashup_gen_new_embed_args(IMPERSONATION_ANSWERS),
        **{name: None for name in FRAMEWORK_FIXTURES},
    }


def mixed_sources(mashup_gen: str, seeds: Path, env: Mapping[str, str]) -> dict[str, Path]:
    """One project of every kind of :func:`mixed_kinds`: generated under ``seeds`` once, or a fixture."""
    sources: dict[str, Path] = {}
    for kind, args in mixed_kinds().items():
        if args is None:
            sources[kind] = FIXTURES / kind
            continue
        seed = seeds / kind
        if not seed.exists():
            subprocess.run([mashup_gen, "new", str(seed), *args], env=dict(env), capture_output=True, check=True)
        sources[kind] = seed
    return sources


def make_mixed_tree(mashup_gen: str, seeds: Path, root: Path, copies: int, env: Mapping[str, str]) -> int:
    """``copies`` projects of every kind of :func:`mixed_kinds` under ``root`` (a team's folder of projects,
    no .git, each copy distinct: :func:`distinct_copy`), interleaved as a real folder is; returns how many
    projects it holds."""
    sources = mixed_sources(mashup_gen, seeds, env)
    root.mkdir(parents=True)
    for index in range(copies):
        for number, (kind, source) in enumerate(sources.items()):
            distinct_copy(source, root / f"{kind}-{index:03d}", index * len(sources) + number)
    return copies * len(sources)
