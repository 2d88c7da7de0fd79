"""Adoption: bring a hand-written or client-managed mashup under mashup-gen.

``plan`` works out every change in memory, as edits at exact offsets of the author's files, so everything else
in the files stays byte for byte as the author wrote it. The checker's facts say what the project does (which
object is the capability API's config, which pages need RequireJS); where to edit comes from the files' syntax
trees (:mod:`mashup_gen.source.places`): only literals are replaced (strings, the literal parts of template
literals, HTML and JSX attribute values), object literals are edited in their own layout, and comments are
never touched (one naming another tenant is listed for the author):

- Qlik resource links become the tenant's absolute ``https://<tenant>/resources/...`` URLs;
- ``require.config`` and the capability API's config object get the tenant's values and the web integration
  id, written as plain literals so that ``regenerate`` can find and re-target them later;
- other tenants' hosts and other web integration ids become the new ones; the app id too, if given;
- API keys are removed from the code, with the ``Authorization`` headers that sent them;
- the page's Content-Security-Policy is widened to let the tenant in;
- when the login flow is missing, or ``fetch`` calls to the tenant miss the web integration header, the
  credentials or the CSRF token, a small script (:data:`HELPER_NAME`) is added that does it for them.

``write`` keeps a ``NAME.mashup-gen-backup`` of every file it changes and writes the project record last.

The package: :mod:`~mashup_gen.adopt.planning` (the steps, in order), :mod:`~mashup_gen.adopt.edits` (the edit
primitives), :mod:`~mashup_gen.adopt.mentions` (the tenant hosts and web integration ids the files name),
:mod:`~mashup_gen.adopt.apps` (the app step), :mod:`~mashup_gen.adopt.helper` (the helper step),
:mod:`~mashup_gen.adopt.policy` (CSP widening), :mod:`~mashup_gen.adopt.writing` (backups, files, then the record).
"""

from __future__ import annotations

from pathlib import Path

from mashup_gen import __version__
from mashup_gen.adopt.helper import HELPER_NAME, helper_script
from mashup_gen.adopt.model import Adoption
from mashup_gen.adopt.planning import Planner
from mashup_gen.adopt.writing import write
from mashup_gen.answers import WEB_INTEGRATION_ID_KEY
from mashup_gen.checker.project import Project
from mashup_gen.checker.scan import whole_folder
from mashup_gen.errors import InvalidValue
from mashup_gen.record import RECORD_NAME, Record, is_project
from mashup_gen.regeneration import ADOPTED
from mashup_gen.tenant import Tenant

__all__ = ["HELPER_NAME", "Adoption", "helper_script", "plan", "write"]

ADOPTED_VERSION = "1"
PATH_EXPECTED = "expected the folder of an existing mashup or web app (holding its HTML pages)"


def plan(path: Path, tenant: Tenant, web_integration_id: str, app_id: str | None = None, display: str = "") -> Adoption:
    """Work out the adoption of the mashup in ``path``; nothing is written.

    Raises :class:`InvalidValue` when ``path`` is not a folder of pages, or is a mashup-gen project already.
    """
    if not path.exists():
        raise InvalidValue(display or str(path), f"{PATH_EXPECTED}; nothing exists at this path")
    if not path.is_dir():
        raise InvalidValue(display or str(path), f"{PATH_EXPECTED}; this is not a folder")
    if is_project(path):
        raise InvalidValue(
            display or str(path),
            f"{PATH_EXPECTED}; it is a mashup-gen project already ({RECORD_NAME}): use `mashup-gen regenerate`",
        )
    nested = next((p.parent for p in path.rglob(RECORD_NAME) if p.parent != path), None)
    if nested is not None:
        raise InvalidValue(
            display or str(path),
            f"{PATH_EXPECTED}; it holds a mashup-gen project ({nested.relative_to(path).as_posix()}): "
            "adopt each mashup's own folder",
        )
    project = Project(whole_folder(path, display))
    if not project.pages:
        unreadable = "; ".join(f"{p.display}: {p.detail}" for p in project.problems)
        raise InvalidValue(
            display or str(path),
            f"{PATH_EXPECTED}; no readable .html page was found" + (f" ({unreadable})" if unreadable else ""),
        )
    adoption = Planner(project, tenant, web_integration_id, app_id).plan()
    for problem in project.problems:
        adoption.manual.append(f"{problem.display}: not adopted: {problem.detail}")
    answers: dict[str, str] = {"tenant": tenant.value, WEB_INTEGRATION_ID_KEY: web_integration_id}
    if app_id:
        answers["app_id"] = app_id
    adoption.record = Record(
        template=ADOPTED,
        template_version=ADOPTED_VERSION,
        answers=answers,
        files={},  # regenerate re-targets adopted projects by replacement, not by a three-way merge
        tool_version=__version__,
    )
    return adoption
