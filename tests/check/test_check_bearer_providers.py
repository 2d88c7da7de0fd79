"""A browser app that signs every request of a kind in with a token in one place: an axios request interceptor
(Authorization: Bearer from @qlik/api's auth.getAccessToken or the project's backend), Angular's HttpInterceptor
(setHeaders: { Authorization }), ky's beforeRequest hook, jQuery's ajaxSetup. Those requests carry an OAuth
token, so the cookie's rules (credentials, qlik-web-integration-id, qlik-csrf-token) do not apply to them. An
interceptor that adds another header signs nothing in: the requests are still judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

REST = ("rest-no-credentials", "rest-no-web-integration-id", "rest-no-csrf")
AXIOS = (
    "import axios from 'axios';\nimport { auth } from '@qlik/api';\n"
    f"const api = axios.create({{ baseURL: 'https://{TENANT}/api/v1' }});\n"
    "api.interceptors.request.use(async (config) => {\n"
    "  config.headers[HEADER] = `Bearer ${await auth.getAccessToken()}`;\n"
    "  return config;\n});\n"
    "api.post('/items', { name: 'x' }).then((r) => console.log(r.data));\n"
)
ANGULAR = (
    "import { HttpInterceptorFn } from '@angular/common/http';\n"
    "export const tokenInterceptor: HttpInterceptorFn = (req, next) => next(req.clone({ setHeaders: { "
    "HEADER: `Bearer ${sessionStorage.getItem('token')}` } }));\n"
)
SERVICE = (
    "import { Injectable } from '@angular/core';\nimport { HttpClient } from '@angular/common/http';\n"
    "@Injectable({ providedIn: 'root' })\nexport class Qlik {\n  constructor(private http: HttpClient) {}\n"
    f"  apps() {{ return this.http.post('https://{TENANT}/api/v1/items', {{}}); }}\n}}\n"
)


def rest(root: Path) -> list[str]:
    return sorted(f.rule for f in check_paths([str(root)]).findings if f.rule in REST)


@pytest.mark.parametrize(
    "files",
    [
        {"src/main.js": AXIOS.replace("HEADER", "'Authorization'")},
        {"src/app/token.interceptor.ts": ANGULAR.replace("HEADER", "Authorization"), "src/app/qlik.ts": SERVICE},
    ],
    ids=["axios interceptor", "Angular interceptor"],
)
def test_requests_signed_in_with_a_token_in_one_place(tmp_path: Path, files: dict[str, str]) -> None:
    write(tmp_path, files | {"package.json": '{"dependencies":{"axios":"1","@qlik/api":"2.19.0"}}'})
    assert rest(tmp_path) == []


def test_an_interceptor_adding_another_header_signs_nothing_in(tmp_path: Path) -> None:
    files = {
        "src/main.js": AXIOS.replace("[HEADER]", "['X-Request-Id']").replace(
            "`Bearer ${await auth.getAccessToken()}`", "uuid()"
        )
    }
    write(tmp_path, files | {"package.json": '{"dependencies":{"axios":"1"}}'})
    assert "rest-no-credentials" in rest(tmp_path)
