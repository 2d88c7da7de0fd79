"""Qlik's own runtime modules, served by the stand-in tenant from the npm packages in tests/node_modules.

In a browser @qlik/api asks the tenant's runtime (``<tenant>/qlik-embed/main.js``, ``QlikMain.import``) for
``auth@v1``, ``qix@v1`` and ``invoke-fetch@v1`` (see :mod:`standin.oauth`). In Node the package uses its own
chunks for the same names; this module reads which ones from the package's
``chunks/public-runtime-modules-*.js`` and the stand-in runtime imports exactly those files, so the browser
runs Qlik's code, not a re-implementation. Files are served under ``/qlik-embed/npm/<package>/<path>``:

- ES modules (packages with ``"type": "module"``) with their bare specifiers (``lodash-es/merge.js``,
  ``extend``, ``enigma.js``) pointed at the same route and ``process.env.NODE_ENV`` as ``"production"``, as
  a bundler for browsers does;
- CommonJS/UMD files (``extend``, ``enigma.js``) wrapped as an ES module whose default export is
  ``module.exports``.

Node-only imports (``ws``, ``fs``) sit behind the package's own ``isNode()`` checks and stay as they are.

@qlik/api also asks the runtime about the platform (``getPlatform``): ``QlikMain.getRootUrl()``,
``QlikMain.PRODUCT_INFO`` (``composition.deploymentType``) and ``QlikMain.resourceNeedsCredentials(url)``;
without them a host outside ``*.qlikcloud.com`` is taken for client-managed Qlik Sense on Windows. The
stand-in runtime (static/qlik-embed-main.js) answers as a Qlik Cloud tenant.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
API_PACKAGE = NODE_MODULES / "@qlik" / "api"
ROUTE = "/qlik-embed/npm/"
# Bare specifiers in static `from "x"` and dynamic `import("x")`: not relative, not absolute, not a URL.
_BARE = re.compile(r'(\bfrom\s*|\bimport\s*\(\s*)"((?:@[\w.-]+/)?\w[\w.-]*(?:/[^"]*)?)"')
_RUNTIME_IMPORT = re.compile(
    r'if \(isNode\) return import\("\./(?P<file>[^"]+)"\)(?:\.then\(\((?P<arg>\w+)\) => (?P=arg)\.(?P<export>\w+)\))?;'
    r'\s*return \(await importRuntimeModulePromise\)\("(?P<name>[^"]+)"'
)


def runtime_modules(package: Path = API_PACKAGE) -> dict[str, dict[str, str | None]]:
    """Runtime module name (``auth@v1``...) -> ``{"url": route path of the chunk, "export": name or None}``.

    Empty when @qlik/api is not installed.
    """
    chunks = sorted((package / "chunks").glob("public-runtime-modules-*.js")) if package.is_dir() else []
    if not chunks:
        return {}
    source = chunks[0].read_text(encoding="utf-8")
    relative = package.relative_to(NODE_MODULES).as_posix()
    return {
        m["name"]: {"url": f"{ROUTE}{relative}/chunks/{m['file']}", "export": m["export"]}
        for m in _RUNTIME_IMPORT.finditer(source)
    }


def resolve(route_path: str) -> Path | None:
    """The file under tests/node_modules a route path names, or None (outside it, or absent)."""
    relative = route_path.removeprefix(ROUTE)
    if not relative or relative == route_path or "\\" in relative:
        return None
    candidate = (NODE_MODULES / relative).resolve()
    if not candidate.is_relative_to(NODE_MODULES.resolve()) or not candidate.is_file():
        return None
    return candidate


def _package_root(file: Path) -> Path:
    for parent in file.parents:
        if (parent / "package.json").is_file():
            return parent
        if parent == NODE_MODULES:
            break
    return file.parent


def _package_json(root: Path) -> dict[str, object]:
    try:
        data = json.loads((root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _specifier_route(specifier: str) -> str | None:
    """Where a bare specifier resolves to on the route, or None for a package that is not installed."""
    parts = specifier.split("/")
    name_len = 2 if specifier.startswith("@") else 1
    package = "/".join(parts[:name_len])
    root = NODE_MODULES / package
    if not (root / "package.json").is_file():
        return None
    rest = "/".join(parts[name_len:])
    if not rest:
        main = str(_package_json(root).get("module") or _package_json(root).get("main") or "index.js")
        rest = main.removeprefix("./")
        if not rest.endswith(".js"):
            rest += ".js"
    return f"{ROUTE}{package}/{rest}"


@functools.lru_cache(maxsize=64)
def _served(path: Path, mtime: float) -> bytes:
    source = path.read_text(encoding="utf-8")
    root = _package_root(path)
    if _package_json(root).get("type") != "module":
        # CommonJS or UMD: run it with a module object of its own and export what it assigned.
        wrapped = "var module = { exports: {} }; var exports = module.exports;\n" + source
        return (wrapped + "\nexport default module.exports;\n").encode()

    def point(match: re.Match[str]) -> str:
        target = _specifier_route(match[2])
        return match[0] if target is None else f'{match[1]}"{target}"'

    # As every bundler for browsers does: the build mode is a constant, not a Node global.
    source = source.replace("process.env.NODE_ENV", '"production"')
    return _BARE.sub(point, source).encode()


def module_source(path: Path) -> bytes:
    """The file as the browser gets it: an ES module whose imports the stand-in can serve."""
    return _served(path, path.stat().st_mtime)
