"""embed-unknown-element: @qlik/embed-web-components' loader defines more than <qlik-embed>: an app's opening
selections, <qlik-initial-selections> (with <field> and <bookmark> children) and <qlik-app-open-action>, are its
elements too (customElements.define in its dist/index.js), so they are silent; an element it does not define
(<qlik-selections>) is still an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, TENANT, write

LOADER = (
    '<script crossorigin="anonymous" type="application/javascript" '
    'src="https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@1.6.0/dist/index.js" '
    f'data-host="https://{TENANT}" data-auth-type="Oauth2" data-client-id="0123456789abcdef0123456789abcdef" '
    'data-redirect-uri="https://www.example.com/oauth-callback.html" data-access-token-storage="session"></script>'
)
OPENING = (
    f'<qlik-initial-selections app-id="{APP}" clear-all>\n'
    '  <field name="Region" values="Europe;Asia"></field>\n'
    "</qlik-initial-selections>\n"
    f'<qlik-app-open-action app-id="{APP}"></qlik-app-open-action>\n'
)


def unknown(folder: Path) -> list[str]:
    return [f.message for f in check_paths([str(folder)]).sorted() if f.rule == "embed-unknown-element"]


def page(body: str) -> str:
    chart = f'<qlik-embed ui="analytics/chart" app-id="{APP}" object-id="abcDEF"></qlik-embed>'
    return f"<!doctype html>\n<html><head>\n{LOADER}\n</head><body>\n{body}{chart}\n</body></html>\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [(OPENING, 0), (f'<qlik-selections app-id="{APP}"></qlik-selections>\n', 1)],
    ids=["the package's own elements", "an element nobody defines"],
)
def test_the_loader_s_own_elements_are_known(tmp_path: Path, body: str, expected: int) -> None:
    assert len(unknown(write(tmp_path, {"index.html": page(body)}))) == expected
