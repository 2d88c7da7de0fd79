"""A Vue component that loads the capability API itself (a script element for the tenant's require.js, then
``require(['js/qlik'])``) is mounted into the app's page by its entry: when that entry signs in before it
mounts the app, the component is no page of its own that lacks the sign-in (login-missing-on-page)."""

from __future__ import annotations

import json
from pathlib import Path

from check_support import ID, LOGIN, TENANT, write

from mashup_gen.checker import check_paths

APP = "133dab5d-8f56-4d40-b3e0-a6b401391bde"
COMPONENT = f"""<template><div ref="el" style="height: 400px"></div></template>
<script setup>
import {{ ref, onMounted }} from 'vue';
const el = ref(null);
onMounted(() => {{
  const script = document.createElement('script');
  script.src = 'https://{TENANT}/resources/assets/external/requirejs/require.js';
  script.onload = () => {{
    window.require.config({{ baseUrl: 'https://{TENANT}/resources', webIntegrationId: '{ID}' }});
    window.require(['js/qlik'], (qlik) => qlik.openApp('{APP}', {{ host: '{TENANT}', prefix: '/', port: 443,
      isSecure: true, webIntegrationId: '{ID}' }}).getObject(el.value, 'abc'));
  }};
  document.head.appendChild(script);
}});
</script>
"""


def test_a_component_mounted_after_the_entrys_sign_in_needs_none_of_its_own(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": json.dumps(
                {"name": "v", "dependencies": {"vue": "3.4.0"}, "devDependencies": {"vite": "5"}}
            ),
            "index.html": '<!doctype html><html><body><div id="app"></div>'
            '<script type="module" src="/src/main.js"></script></body></html>\n',
            "src/login.js": "export function signIn() {\n  return " + LOGIN.rstrip().rstrip(";") + ";\n}\n",
            "src/main.js": "import { createApp } from 'vue';\nimport App from './App.vue';\n"
            "import { signIn } from './login';\nsignIn().then(() => createApp(App).mount('#app'));\n",
            "src/App.vue": COMPONENT,
        },
    )
    rules = {f.rule for f in check_paths([str(tmp_path)]).findings}
    assert not rules & {"login-missing-on-page", "login-missing"}, rules
