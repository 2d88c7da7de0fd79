"""Values whose content is computed where the page is served or built, not written in the file."""

from __future__ import annotations

import re

# A server template's or a framework's own expression inside a value ({{ x }}, {% x %}, <%= x %>, <?= $x ?>,
# @Model.X, ${x}, #{x}): what it holds is known only when the page is served, so it is never judged.
TEMPLATE_EXPRESSION = re.compile(
    r"\{\{|\{%|\{!!|<%|<\?|\$\{|#\{|(?:^|[\s\"'(=/])@(?:[A-Za-z_]\w*[.(]|\()|://@[A-Za-z_(]"
)


def is_dynamic(value: str) -> bool:
    """True when ``value`` holds a template or framework expression (its real value is unknown)."""
    return bool(TEMPLATE_EXPRESSION.search(value))
