"""A server template that builds an iframe's URL in its own language (PHP: QLIK_TENANT . '/single/?' . ...,
printed into <iframe src="%s">) frames a page of the tenant, as a written src would: tenant-frame warns at the
joined path. A page of the site's own (not a Qlik path) stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import TENANT, write

PLUGIN = """<?php
const REPORTS_TENANT = 'https://%s';

function report_frame($atts)
{
    $src = REPORTS_TENANT . '%s' . http_build_query(['appid' => $atts['app'], 'sheet' => $atts['sheet']]);
    return sprintf('<iframe src="%%s" title="Report"></iframe>', esc_url($src));
}
"""


def _frames(root: Path) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_paths([str(root)]).sorted() if f.rule == "tenant-frame"]


@pytest.mark.parametrize(("path", "expected"), [("/single/?", [("tenant-frame", 6)]), ("/docs/?", [])])
def test_a_php_built_tenant_page_in_an_iframe(tmp_path: Path, path: str, expected: list) -> None:
    write(tmp_path, {"report-frame.php": PLUGIN % (TENANT, path)})
    assert _frames(tmp_path) == expected
