"""Values whose content is computed where the page is served or built, not written in the file."""

from __future__ import annotations

import re

# A server template's or a framework's own expression inside a value ({{ x }}, {% x %}, <%= x %>, <?= $x ?>,
# @Model.X, ${x}, #{x}, Blade's @php echo $x @endphp): what it holds is known only when the page is served, so
# it is never judged.
TEMPLATE_EXPRESSION = re.compile(
    r"\{\{|\{%|\{!!|<%|<\?|\$\{|#\{|(?:^|[\s\"'(=/])@(?:[A-Za-z_]\w*[.(]|\(|php\b)|://@[A-Za-z_(]"
)


# A bundler's replacement of an environment variable in index.html: Vite's %VITE_X%, Create React App's
# %REACT_APP_X% and %PUBLIC_URL%, Vue CLI's %VUE_APP_X% (named by the prefixes they expose, so that a
# percent-encoded URL such as %E2%80%99 is not one).
ENV_REPLACEMENT = re.compile(r"%(?:VITE_|REACT_APP_|VUE_APP_|NEXT_PUBLIC_|PUBLIC_)[A-Z0-9_]*%")


def is_dynamic(value: str) -> bool:
    """True when ``value`` holds a template or framework expression (its real value is unknown)."""
    return bool(TEMPLATE_EXPRESSION.search(value) or ("%" in value and ENV_REPLACEMENT.search(value)))


# Where a server template's own code starts and ends inside a page: {{ ... }}, {% ... %}, <% ... %>, <? ... ?>.
_OPENERS = ("{{", "{%", "<%", "<?")
_CLOSERS = {"{{": "}}", "{%": "%}", "<%": "%>", "<?": "?>"}


def inside_template_code(text: str, offset: int) -> bool:
    """True when ``offset`` in a server template lies inside the template's own code (``{{ '/x' | f }}``): a
    string there belongs to the template language, not to the page's JavaScript."""
    best = -1
    closer = ""
    for opener in _OPENERS:
        at = text.rfind(opener, 0, offset)
        if at > best:
            best, closer = at, _CLOSERS[opener]
    return best != -1 and text.find(closer, best + 2, offset) == -1
