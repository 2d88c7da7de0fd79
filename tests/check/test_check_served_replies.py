"""secret-served, in every shape a server hands its reply to the browser: a chained reply
(``res.status(200).json(...)``, Fastify's ``reply.code(200).send(...)``), the frameworks' ``json(...)`` helpers
(SvelteKit's +server routes, Remix), and what a framework's server-only data function returns to the page
(Next.js's getServerSideProps props, a Remix loader, a SvelteKit +page.server load), with SvelteKit's private
environment modules as the secret's source. The correct variants send something else, only test the secret, or
hand it to a request whose answer they return."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

KEY_ENV = "QLIK_API_KEY=eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0.abcdefghijklmnopqrstu\n"
NEXT = '{"dependencies": {"next": "14.0.0", "react": "18.2.0"}}'
EXPRESS = '{"dependencies": {"express": "4.19.0"}}'
KIT = '{"devDependencies": {"@sveltejs/kit": "2.0.0", "svelte": "4.0.0"}}'
REMIX = '{"dependencies": {"@remix-run/node": "2.0.0", "@remix-run/react": "2.0.0", "react": "18.2.0"}}'
FETCH = 'fetch("https://acme.eu.qlikcloud.com/api/v1/items", { headers: { Authorization: `Bearer ${%s}` } })'

# shape -> (package.json, file, its text with %s for what is sent, the line the secret is sent on)
SHAPES = {
    "express res.status().json": (
        EXPRESS,
        "server.js",
        'const app = require("express")();\napp.get("/config", (req, res) => {\n  res.status(200).json(%s);\n});\n',
        3,
    ),
    "fastify reply.code().send": (
        '{"dependencies": {"fastify": "4.0.0"}}',
        "server.js",
        'const app = require("fastify")();\napp.get("/config", (req, reply) => {\n  reply.code(200).send(%s);\n});\n',
        3,
    ),
    "next getServerSideProps props": (
        NEXT,
        "pages/index.js",
        "export default function Home(props) { return null; }\nexport async function getServerSideProps() {\n"
        "  return { props: %s };\n}\n",
        3,
    ),
    "remix loader json": (
        REMIX,
        "app/routes/_index.tsx",
        'import { json } from "@remix-run/node";\nexport const loader = async () => {\n  return json(%s);\n};\n'
        "export default function Index() { return null; }\n",
        3,
    ),
    "sveltekit +server json": (
        KIT,
        "src/routes/api/config/+server.ts",
        'import { json } from "@sveltejs/kit";\nexport function GET() {\n  return json(%s);\n}\n',
        3,
    ),
    "sveltekit +page.server load": (
        KIT,
        "src/routes/+page.server.ts",
        "export function load() {\n  return %s;\n}\n",
        2,
    ),
}
SECRETS = {
    "process.env": ("", "process.env.QLIK_API_KEY"),
    "$env/static/private": ('import { QLIK_API_KEY } from "$env/static/private";\n', "QLIK_API_KEY"),
    "$env/dynamic/private": ('import { env } from "$env/dynamic/private";\n', "env.QLIK_API_KEY"),
}


def served(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    # a data function's return is page data (secret-in-page-data), a route's reply secret-served
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule in ("secret-served", "secret-in-page-data")]


def _project(root: Path, shape: str, sent: str, secret: str = "process.env") -> Path:
    package, name, text, _ = SHAPES[shape]
    header, _read = SECRETS[secret]
    if secret != "process.env" and header:
        # the import goes first: every line moves down by one
        text = header + text
    return write(root, {"package.json": package, ".env": KEY_ENV, ".gitignore": ".env\n", name: text % sent})


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_secret_in_the_reply_is_served(tmp_path: Path, shape: str) -> None:
    _project(tmp_path, shape, "{ apiKey: process.env.QLIK_API_KEY }")
    _, name, _, line = SHAPES[shape]
    assert served(tmp_path) == [(name.rsplit("/", 1)[-1], line)]


@pytest.mark.parametrize("secret", ["$env/static/private", "$env/dynamic/private"])
@pytest.mark.parametrize("shape", ["sveltekit +server json", "sveltekit +page.server load"])
def test_a_sveltekit_private_secret_in_the_reply_is_served(tmp_path: Path, shape: str, secret: str) -> None:
    _project(tmp_path, shape, f"{{ apiKey: {SECRETS[secret][1]} }}", secret)
    _, name, _, line = SHAPES[shape]
    assert served(tmp_path) == [(name.rsplit("/", 1)[-1], line + 1)]


@pytest.mark.parametrize(
    "sent",
    [
        "{ ok: true }",
        "{ ok: !!process.env.QLIK_API_KEY }",  # only tested
        "{ ok: Boolean(process.env.QLIK_API_KEY) }",
        f"await (await {FETCH % 'process.env.QLIK_API_KEY'}).json()",  # handed to a request, its answer sent
    ],
)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_reply_that_does_not_send_the_secret_is_silent(tmp_path: Path, shape: str, sent: str) -> None:
    _project(tmp_path, shape, sent)
    assert served(tmp_path) == []


def test_a_name_holding_the_secret_only_tested_is_silent(tmp_path: Path) -> None:
    route = (
        'import { NextResponse } from "next/server";\nconst apiKey = process.env.QLIK_API_KEY;\n'
        "export async function GET() {\n  return NextResponse.json({ ok: !!apiKey });\n}\n"
    )
    write(tmp_path, {"package.json": NEXT, ".env": KEY_ENV, ".gitignore": ".env\n", "app/api/t/route.ts": route})
    assert served(tmp_path) == []
    write(tmp_path, {"app/api/t/route.ts": route.replace("{ ok: !!apiKey }", "{ apiKey }")})
    assert served(tmp_path) == [("route.ts", 4)]


def test_a_data_function_outside_its_framework_is_not_a_reply(tmp_path: Path) -> None:
    """``export function load()`` returning a key in a plain Vite app is browser code (secret-in-code's case),
    not a server's reply."""
    write(tmp_path, {"package.json": '{"devDependencies": {"vite": "5"}}', ".env": KEY_ENV})
    write(tmp_path, {"src/+page.server.ts": "export function load() {\n  return { k: process.env.QLIK_API_KEY };\n}\n"})
    assert served(tmp_path) == []


PY_ROUTE = (
    "import os\nimport requests\nfrom fastapi import FastAPI\napp = FastAPI()\nAPI_KEY = os.environ['QLIK_API_KEY']\n\n"
    '@app.get("/config")\ndef config():\n    return %s\n'
)


@pytest.mark.parametrize(
    "returned",
    ['{"apiKey": os.environ["QLIK_API_KEY"]}', '{"apiKey": os.getenv("QLIK_API_KEY")}', '{"apiKey": API_KEY}'],
)
def test_a_python_route_returning_a_secret_serves_it(tmp_path: Path, returned: str) -> None:
    write(tmp_path, {"requirements.txt": "fastapi\n", "main.py": PY_ROUTE % returned})
    assert served(tmp_path) == [("main.py", 9)]


@pytest.mark.parametrize(
    "returned",
    [
        '{"ok": bool(API_KEY)}',
        'requests.get("https://acme.eu.qlikcloud.com/api/v1/items", headers={"Authorization": "Bearer " + API_KEY})'
        ".json()",
    ],
)
def test_a_python_route_that_does_not_send_the_secret_is_silent(tmp_path: Path, returned: str) -> None:
    write(tmp_path, {"requirements.txt": "fastapi\n", "main.py": PY_ROUTE % returned})
    assert served(tmp_path) == []


def test_a_flask_blueprint_route_returning_a_secret_serves_it(tmp_path: Path) -> None:
    code = (
        "import os\nfrom flask import Blueprint\nbp = Blueprint('api', __name__)\n\n"
        "@bp.route('/token')\ndef token():\n    key = 1\n    return {\n        'token': os.environ['QLIK_API_KEY'],\n"
        "    }\n\ndef helper():\n    return os.environ['QLIK_API_KEY']\n"
    )
    write(tmp_path, {"requirements.txt": "flask\n", "app.py": code})
    assert served(tmp_path) == [("app.py", 9)]


NUXT_HANDLER = (
    "export default defineEventHandler((event) => {\n  const config = useRuntimeConfig(event);\n  return %s;\n});\n"
)


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        ("{ token: config.qlikApiKey }", [("token.ts", 3)]),
        ("{ token: useRuntimeConfig().qlikClientSecret }", [("token.ts", 3)]),
        ("{ host: config.public.qlikHost, tenant: config.qlikTenant }", []),  # no secret
        ("{ ok: !!config.qlikApiKey }", []),  # only tested
        (
            "$fetch(config.qlikHost + '/api/v1/items', { headers: { Authorization: `Bearer ${config.qlikApiKey}` } })",
            [],
        ),
    ],
)
def test_a_nuxt_server_route_returning_a_runtime_config_secret_serves_it(
    tmp_path: Path, returned: str, expected: list
) -> None:
    write(
        tmp_path,
        {"package.json": '{"dependencies": {"nuxt": "3.12.0"}}', "server/api/token.ts": NUXT_HANDLER % returned},
    )
    assert served(tmp_path) == expected


CLIENT_CHART = (
    '"use client";\nexport default function Chart(props: { apiKey?: string; n?: number }) {\n  return null;\n}\n'
)
SERVER_PAGE = (
    'import Chart from "./Chart";\nimport Table from "./Table";\n'
    "export default async function Page() {\n  return <main>%s</main>;\n}\n"
)


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        ("<Chart apiKey={process.env.QLIK_API_KEY} />", [("page.tsx", 4)]),  # a client component's props
        ("<div data-key={process.env.QLIK_API_KEY} />", [("page.tsx", 4)]),  # written into the page
        ("<Table apiKey={process.env.QLIK_API_KEY} />", []),  # a server component's prop stays on the server
        ("<Chart n={await count(process.env.QLIK_API_KEY)} />", []),  # handed to a call, its answer passed
        ("<Chart apiKey={process.env.QLIK_HOST} />", []),  # no secret
    ],
)
def test_a_server_component_handing_a_secret_to_the_client(tmp_path: Path, element: str, expected: list) -> None:
    write(tmp_path, {"package.json": NEXT, ".env": KEY_ENV, ".gitignore": ".env\n", "app/Chart.tsx": CLIENT_CHART})
    write(tmp_path, {"app/Table.tsx": "export default function Table(props: { apiKey?: string }) { return null; }\n"})
    write(tmp_path, {"app/page.tsx": SERVER_PAGE % element})
    assert served(tmp_path) == expected
