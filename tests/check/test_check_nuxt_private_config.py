"""A Qlik setting written as a private key of Nuxt's runtimeConfig (``runtimeConfig: { qlikWebIntegrationId:
'...', public: {...} }``) and read by browser code (a composable's ``useRuntimeConfig().qlikWebIntegrationId``):
Nuxt gives the client only ``runtimeConfig.public``, so the value is undefined in the page. env-not-in-browser at
the key in nuxt.config (it must move under public). The same key under public, or a private key read only by
server routes, is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import APP, ID, TENANT, write

CONFIG = """export default defineNuxtConfig({
  ssr: false,
  runtimeConfig: {
    PRIVATE
    public: {
      qlikTenant: 'TENANT',
      qlikAppId: 'APP',
      PUBLIC
    },
  },
})
"""
COMPOSABLE = """export function useQlikSession() {
  const config = useRuntimeConfig()
  const wid = READ
  return fetch(`https://${config.public.qlikTenant}/api/v1/users/me`, {
    credentials: 'include',
    headers: { 'qlik-web-integration-id': wid },
  })
}
"""


def unshipped(root: Path) -> list[tuple[str, int]]:
    found = check_paths([str(root)]).sorted()
    return [(f.path.rsplit("/", 1)[-1], f.line) for f in found if f.rule == "env-not-in-browser"]


@pytest.mark.parametrize(
    ("private", "public", "read", "where", "expected"),
    [
        (f"qlikWebIntegrationId: '{ID}',", "", "config.qlikWebIntegrationId", "composables", [("nuxt.config.ts", 4)]),
        ("", f"qlikWebIntegrationId: '{ID}',", "config.public.qlikWebIntegrationId", "composables", []),
        (f"qlikWebIntegrationId: '{ID}',", "", "config.qlikWebIntegrationId", "server/api", []),
    ],
    ids=["private-read-in-browser", "public", "private-read-by-server"],
)
def test_nuxt_private_config(tmp_path: Path, private: str, public: str, read: str, where: str, expected) -> None:
    config = CONFIG.replace("PRIVATE", private).replace("PUBLIC", public)
    files = {
        "package.json": '{"dependencies": {"nuxt": "^3.13.0"}}',
        "nuxt.config.ts": config.replace("TENANT", TENANT).replace("APP", APP),
        f"{where}/useQlikSession.ts": COMPOSABLE.replace("READ", read),
        "app.vue": "<template><div>Sales</div></template>\n",
    }
    assert unshipped(write(tmp_path, files)) == expected
