"""A state container's first value: ``createContext<Settings>({ host: '', appId: '', webIntegrationId: '' })``,
``useState({...})``, Vue's ``ref({ host: '', clientId: '', authType: 'oauth2' })``, Svelte's ``writable({...})``.
The app sets the state when it has loaded its settings (a Provider's value, setState, ``state.value = {...}``):
the empty strings are no value left to fill in (no placeholder) and no host config missing its client id (no
embed-oauth-no-client-id). The same objects written as plain constants are still reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

VITE = '{"type":"module","dependencies":{"react":"18","vue":"3","@qlik/api":"2.19.0"},"devDependencies":{"vite":"5"}}'
PAGE = (
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>'
)
SETTINGS = "{ host: '', clientId: '', appId: '', webIntegrationId: '' }"
REACT = (
    "import {{ createContext, useState }} from 'react';\n"
    "export interface Settings {{ host: string; clientId: string; appId: string; webIntegrationId: string }}\n"
    "export const SettingsContext = {first};\n"
    "export function useSettings() {{\n  const [s, setS] = {second};\n"
    "  fetch('/settings.json').then((r) => r.json()).then(setS);\n  return s;\n}}\n"
)
HOST_CONFIG = "{ host: '', clientId: '', authType: 'oauth2' }"
VUE = (
    "import {{ ref }} from 'vue';\nimport {{ auth }} from '@qlik/api';\nconst hostConfig = {value};\n"
    "export async function init() {{\n  const cfg = await (await fetch('/qlik.json')).json();\n"
    "  hostConfig.value = {{ ...hostConfig.value, ...cfg, redirectUri: `${{location.origin}}/cb.html` }};\n"
    "  auth.setDefaultHostConfig(hostConfig.value);\n}}\n"
)


def rules(root: Path, names: tuple[str, ...]) -> list[str]:
    return sorted({f.rule for f in check_paths([str(root)]).findings if f.rule in names})


def project(root: Path, files: dict[str, str]) -> None:
    main = (
        "import { useSettings } from './settings';\nimport { init } from './qlik';\nconsole.log(useSettings, init);\n"
    )
    write(root, {"package.json": VITE, "index.html": PAGE, "src/main.tsx": main} | files)


def test_state_containers_start_empty(tmp_path: Path) -> None:
    react = REACT.format(first=f"createContext<Settings>({SETTINGS})", second=f"useState<Settings>({SETTINGS})")
    project(tmp_path, {"src/settings.tsx": react, "src/qlik.js": VUE.format(value=f"ref({HOST_CONFIG})")})
    assert rules(tmp_path, ("placeholder", "embed-oauth-no-client-id")) == []


@pytest.mark.parametrize(
    ("files", "rule"),
    [
        ({"src/settings.tsx": REACT.format(first=SETTINGS, second=f"useState({SETTINGS})")}, "placeholder"),
        ({"src/qlik.js": VUE.format(value=HOST_CONFIG).replace(".value", "")}, "embed-oauth-no-client-id"),
    ],
    ids=["plain settings constant", "plain host config"],
)
def test_plain_constants_are_still_reported(tmp_path: Path, files: dict[str, str], rule: str) -> None:
    project(tmp_path, files)
    assert rules(tmp_path, (rule,)) == [rule]
