"""missing-file for an OAuth redirect URI that names a route (``${origin}/auth/callback``, no file extension) in
a framework that routes by files: Next.js (app/ with its route groups, pages/), Nuxt (pages/), SvelteKit
(src/routes/), Remix (app/routes/, flat or nested), Astro (src/pages/). The route is there when a route file or a
file of public/ answers it, or when other code names the path (a client router, a rewrite, a server route);
a dynamic or catch-all route may answer anything, and an app without file routing is not judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

CLIENT_ID = "0123456789abcdef0123456789abcdef"
HOST_CONFIG = (
    'import { auth } from "@qlik/api";\nexport function signIn() {\n  auth.setDefaultHostConfig({ host: '
    f'"https://{TENANT}", authType: "oauth2", clientId: "{CLIENT_ID}",\n'
    "    redirectUri: `${window.location.origin}/auth/callback` });\n}\n"
)
FRAMEWORKS = {
    "next": ('{"dependencies": {"next": "14.2.0", "react": "18.2.0", "@qlik/api": "1.0.0"}}', "lib/qlik.ts"),
    "nuxt": ('{"dependencies": {"nuxt": "3.12.0", "@qlik/api": "1.0.0"}}', "composables/qlik.ts"),
    "sveltekit": (
        '{"devDependencies": {"@sveltejs/kit": "2.0.0"}, "dependencies": {"@qlik/api": "1"}}',
        "src/lib/qlik.ts",
    ),
    "remix": ('{"dependencies": {"@remix-run/react": "2.0.0", "@qlik/api": "1.0.0"}}', "app/qlik.client.ts"),
    "astro": ('{"dependencies": {"astro": "4.0.0", "@qlik/api": "1.0.0"}}', "src/lib/qlik.ts"),
}
# framework -> route files that answer /auth/callback
ROUTES = {
    "next": [
        "app/auth/callback/page.tsx",
        "app/(public)/auth/callback/page.tsx",
        "src/app/auth/callback/route.ts",
        "pages/auth/callback.tsx",
        "pages/auth/callback.page.tsx",  # pageExtensions
        "apps/web/app/auth/callback/page.tsx",  # a workspace's app
        "pages/auth/callback/index.jsx",
        "public/auth/callback/index.html",
    ],
    "nuxt": ["pages/auth/callback.vue", "pages/auth/callback/index.vue", "server/routes/auth/callback.ts"],
    "sveltekit": [
        "src/routes/auth/callback/+page.svelte",
        "src/routes/auth/callback/+server.ts",
        "static/auth/callback.html",
    ],
    "remix": [
        "app/routes/auth.callback.tsx",
        "app/routes/auth/callback.tsx",
        "app/routes/_public.auth.callback.tsx",  # a pathless layout
        "app/routes/auth_.callback.tsx",  # out of the parent layout
    ],
    "astro": ["src/pages/auth/callback.astro", "src/pages/auth/callback/index.astro"],
}


def missing(root: Path) -> list[tuple[str, int]]:
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(root)]).sorted() if f.rule == "missing-file"]


def _project(root: Path, framework: str, *extra: str) -> Path:
    package, module = FRAMEWORKS[framework]
    write(root, {"package.json": package, module: HOST_CONFIG})
    return write(root, {name: "export default function Route() { return null; }\n" for name in extra})


@pytest.mark.parametrize("framework", sorted(FRAMEWORKS))
def test_a_redirect_route_no_file_answers_is_missing(tmp_path: Path, framework: str) -> None:
    _project(tmp_path, framework, "public/other.html" if framework != "sveltekit" else "static/other.html")
    assert missing(tmp_path) == [(FRAMEWORKS[framework][1].rsplit("/", 1)[-1], 4)]


@pytest.mark.parametrize(("framework", "route"), [(f, r) for f, routes in sorted(ROUTES.items()) for r in routes])
def test_a_route_file_answers_it(tmp_path: Path, framework: str, route: str) -> None:
    _project(tmp_path, framework, route)
    assert missing(tmp_path) == []


@pytest.mark.parametrize(
    "extra",
    [
        {"app/[...slug]/page.tsx": "export default function P() { return null; }\n"},  # a catch-all route
        {"app/auth/[step]/page.tsx": "export default function P() { return null; }\n"},  # a dynamic segment
        {"middleware.ts": 'export const config = { matcher: ["/auth/callback"] };\n'},  # other code names it
        {
            "next.config.js": 'module.exports = { rewrites: async () => [{ source: "/auth/callback", destination: '
            '"/api/cb" }] };\n'
        },
    ],
)
def test_a_route_that_may_answer_otherwise_is_silent(tmp_path: Path, extra: dict) -> None:
    _project(tmp_path, "next")
    write(tmp_path, extra)
    assert missing(tmp_path) == []


def test_an_app_without_file_routing_is_not_judged(tmp_path: Path) -> None:
    """A Vite single-page app's router (or its host's fallback to index.html) answers paths no file names."""
    write(tmp_path, {"package.json": '{"devDependencies": {"vite": "5"}, "dependencies": {"@qlik/api": "1"}}'})
    write(tmp_path, {"index.html": '<script type="module" src="/src/qlik.ts"></script>\n', "src/qlik.ts": HOST_CONFIG})
    assert missing(tmp_path) == []


def test_only_a_url_or_a_path_is_a_route(tmp_path: Path) -> None:
    """The strings after a redirectUri key that are no URL (a type's neighbours, an error message) name nothing."""
    code = (
        "interface Options {\n  redirectUri: string;\n  scope: string;\n}\n"
        'export function check(o: Options) {\n  if (!o.redirectUri) throw new Error("Redirect URI is required");\n'
        '  return { redirectUri: o.redirectUri, scope: "user_default" };\n}\n'
    )
    write(tmp_path, {"package.json": FRAMEWORKS["sveltekit"][0], "src/lib/qlik.ts": code})
    assert missing(tmp_path) == []
