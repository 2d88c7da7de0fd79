"""Helpers for the browser tests: launching Chromium, watching a page, generating and mutating projects."""

from __future__ import annotations

import contextlib
import os
import re
import socket
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Frame, Page, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Upper bound of every wait in the browser tests, in milliseconds.
TIMEOUT_MS = 8_000
APP_ID = "0c9f3a4e-6f0b-4d3c-9f3e-2a7d5b8e1c44"
KPI_OBJECT = "QVwQm"
#: `--object` arguments of a default generated project, and the element id -> object id they give.
OBJECT_ARGS = (f"kpi={KPI_OBJECT}", "CurrentSelections")
ELEMENTS = {"kpi": KPI_OBJECT, "CurrentSelections": "CurrentSelections"}


def chromium_path() -> str:
    """Return Debian's Chromium; skip without it locally, but fail under CI, which must install it."""
    if CHROMIUM.is_file():
        return str(CHROMIUM)
    reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must install it, browser tests may not be skipped there")
    pytest.skip(reason)


@contextlib.contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, for the ``with`` block (a test module's one browser)."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def fresh_context(browser: Browser, route: Callable[[Route], None] | None = None) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies or sessionStorage carried over) with the tests' time limits; every
    request goes through ``route`` when one is given."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    if route is not None:
        context.route("**/*", route)
    try:
        yield context
    finally:
        context.close()


def closed_port() -> int:
    """A loopback port with nothing listening on it (for a 'wrong host')."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PageWatch:
    """Console errors and page errors of a page, split at each main-frame navigation."""

    page: Page
    all_errors: list[str] = field(default_factory=list)
    current_errors: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)
        self.page.on("framenavigated", self._on_navigated)

    def _add(self, text: str) -> None:
        self.all_errors.append(text)
        self.current_errors.append(text)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "") if message.location else ""
            self._add(f"console: {message.text} ({location})")

    def _on_page_error(self, error: Error) -> None:
        self._add(f"pageerror: {error.message}")

    def _on_navigated(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.navigations.append(frame.url)
            self.current_errors = []


def status_text(page: Page) -> str:
    """The text of the page's #mashup-status element."""
    return page.locator("#mashup-status").text_content(timeout=TIMEOUT_MS) or ""


def wait_for_problem(page: Page) -> str:
    """Wait until #mashup-status shows an error; return its text."""
    page.wait_for_selector("#mashup-status[data-state='error']", state="attached", timeout=TIMEOUT_MS)
    return status_text(page)


def expect_rendered(page: Page, elements: dict[str, str], timeout_ms: int = TIMEOUT_MS) -> None:
    """Assert every element holds its rendered Qlik object, visible and with room to be seen."""
    for element_id, object_id in elements.items():
        marker = page.locator(f"[id='{element_id}'] .standin-object[data-standin-object-id='{object_id}']")
        try:
            marker.wait_for(state="visible", timeout=timeout_ms)
        except Error as exc:
            status = page.locator("#mashup-status").text_content(timeout=1_000)
            raise AssertionError(f"object {object_id} not rendered in #{element_id}; status: {status!r}") from exc
        # A Qlik visualization takes its element's size: an element without height shows nothing.
        box = page.locator(f"[id='{element_id}']").bounding_box(timeout=timeout_ms)
        assert box is not None and box["height"] >= 24 and box["width"] >= 100, (element_id, box)


def expect_not_rendered(page: Page, elements: dict[str, str]) -> None:
    """Assert no element holds a rendered Qlik object."""
    for element_id in elements:
        assert page.locator(f"[id='{element_id}'] .standin-object").count() == 0, element_id


def cli_args(
    dest: Path,
    tenant_url: str,
    web_integration_id: str,
    app_id: str = APP_ID,
    objects: Sequence[str] = OBJECT_ARGS,
    title: str = "Stand-in mashup",
) -> list[str]:
    """Arguments of `mashup-gen new` for a project against the given tenant."""
    args = ["new", str(dest), "--tenant", tenant_url, "--web-integration-id", web_integration_id]
    args += ["--app-id", app_id, "--title", title, "--no-input"]
    for obj in objects:
        args += ["--object", obj]
    return args


def run_cli(args: list[str]) -> str:
    """Run mashup-gen in-process; fail the test with its output unless it exits 0."""
    from tests.cli_support import cli_ok

    return cli_ok(*args).output


def generate(dest: Path, tenant_url: str, web_integration_id: str, **kwargs: object) -> Path:
    """Generate a project with `mashup-gen new`; return its folder."""
    run_cli(cli_args(dest, tenant_url, web_integration_id, **kwargs))  # type: ignore[arg-type]
    assert (dest / "index.html").is_file(), sorted(p.name for p in dest.iterdir())
    return dest


def project_scripts(project: Path) -> list[Path]:
    """The project's own JavaScript files."""
    return sorted(p for p in project.rglob("*.js") if "node_modules" not in p.parts)


def mutate(project: Path, pattern: str, replacement: str, *, files: Sequence[Path] = ()) -> Path:
    """Apply a regex substitution to exactly one of the project's files; return that file.

    Fails when the pattern matches nowhere, so a template change cannot silently disarm a mutation test.
    """
    candidates = list(files) or [*project_scripts(project), *sorted(project.rglob("*.html"))]
    hits: list[Path] = []
    for path in candidates:
        text = path.read_text(encoding="utf-8")
        new, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        if count:
            path.write_text(new, encoding="utf-8")
            hits.append(path)
    assert len(hits) == 1, f"mutation {pattern!r} applied to {hits}; update the mutation for the template"
    return hits[0]
