"""qlik-embed and @qlik/api host configs written as JavaScript objects (``<QlikEmbed hostConfig={...}>``, a React
provider's ``value={{ host, clientId, redirectUri, authType }}``, ``auth.setDefaultHostConfig({...})``), read from
the syntax trees once per project for every rule that judges them."""

from __future__ import annotations

from dataclasses import dataclass

from mashup_gen.checker.facts.model import Place
from mashup_gen.checker.project import Project, Unit


@dataclass(frozen=True)
class HostConfig:
    """One object literal with a ``host`` and a ``clientId`` or ``authType``: qlik-embed's host config."""

    unit: Unit
    values: dict[str, str]  # key -> the value's source text
    spans: dict[str, tuple[int, int]]  # key -> the value's file span

    def place(self, key: str) -> Place:
        start, end = self.spans[key]
        return Place(self.unit.file, start, end)

    def literal(self, key: str) -> str | None:
        """The value of ``key`` when it is a plain string literal."""
        text = self.values.get(key, "")
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'`" and "${" not in text:
            return text[1:-1]
        return None


def host_configs(project: Project) -> list[HostConfig]:
    """The host config objects of the code the browser runs, in file order."""
    found = []
    for unit in project.units:
        code = unit.script.code
        # The syntax facts cost a walk of the tree: read them only where such an object can be.
        if not unit.in_browser or "host" not in code or ("clientId" not in code and "authType" not in code):
            continue
        if unit.syntax is None:
            continue
        for values, spans in zip(unit.syntax.objects, unit.syntax.object_spans, strict=False):
            if "host" in values and ("clientId" in values or "authType" in values):
                found.append(HostConfig(unit, values, spans))
    return found
