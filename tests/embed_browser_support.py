"""Shared pieces of the browser tests that open a generated qlik-embed page and then let Qlik's own @qlik/api
(from the stand-in tenant's runtime) use the host config qlik-embed derived from it."""

from __future__ import annotations

import re
from typing import Any

from browser_support import TIMEOUT_MS
from playwright.sync_api import Page, Route

from tests.embed_support import PACKAGE, pinned_version
from tests.impersonation_support import APP_ID

CDN = "https://cdn.jsdelivr.net/npm/@qlik/embed-web-components@"

# In the page: once qlik-embed has mounted its element, with the host config qlik-embed derived from the page
# (as Qlik's runtime does for the element): read the signed-in user over REST with @qlik/api's own
# invoke-fetch module, open the app with its qix module and read a hypercube.
OPEN_APP = """async (appId) => {
  const seen = window.__standinQlikEmbed;
  const entry = seen.mounted[0];
  const qix = await window.QlikMain.import("qix@v1");
  const rest = await window.QlikMain.import("invoke-fetch@v1");
  try {
    const options = { hostConfig: entry.hostConfig };
    const me = await rest.invokeFetch("users", { method: "get", pathTemplate: "/api/v1/users/me", options });
    const doc = await qix.openAppSession({ appId, hostConfig: entry.hostConfig }).getDoc();
    const layout = await doc.getAppLayout();
    const cube = await doc.createSessionObject({
      qInfo: { qType: "embed-host-config-test" },
      qHyperCubeDef: {
        qDimensions: [{ qDef: { qFieldDefs: ["Region"] } }],
        qMeasures: [{ qDef: { qDef: "Sum(Sales)" } }],
        qInitialDataFetch: [{ qWidth: 2, qHeight: 50 }],
      },
    });
    const rows = (await cube.getLayout()).qHyperCube.qDataPages[0].qMatrix;
    return { user: me.data.name, title: layout.qTitle, rows: rows.map((r) => r.map((c) => c.qText)) };
  } catch (error) {
    return { error: String((error && error.message) || error) };
  }
}"""


def embed_network(route: Route) -> None:
    """The pinned npm package in place of the CDN; loopback servers as they are; nothing else."""
    url = route.request.url
    if url.startswith(CDN):
        version, _, path = url[len(CDN) :].partition("/")
        if version == pinned_version() and path in ("dist/index.js", "dist/oauth-callback.js"):
            headers = {"content-type": "application/javascript", "access-control-allow-origin": "*"}
            route.fulfill(status=200, body=(PACKAGE / path).read_bytes(), headers=headers)
        else:
            route.fulfill(status=404, body="not in the pinned package")
    elif re.match(r"^https?://(127\.0\.0\.1|localhost)[:/]", url):
        route.continue_()
    else:
        route.abort()


def mounted(page: Page, url: str | None = None) -> dict[str, Any]:
    """Open the page at ``url`` (or stay on the current one); wait until the tenant's runtime saw its element;
    return what it recorded."""
    if url is not None:
        page.goto(url)
    page.wait_for_function(
        "() => { const r = window.__standinQlikEmbed; return !!r && r.mounted.length + r.refused.length >= 1 }",
        timeout=TIMEOUT_MS,
    )
    return page.evaluate("window.__standinQlikEmbed")  # type: ignore[no-any-return]


def open_app(page: Page) -> dict[str, Any]:
    """Open the app with @qlik/api's qix and the host config of the page's first element; rows or error."""
    return page.evaluate(OPEN_APP, APP_ID)  # type: ignore[no-any-return]
