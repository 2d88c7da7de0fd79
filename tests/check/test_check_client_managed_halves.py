"""client-managed-api: a tool made for both kinds of Qlik that keeps each kind's code in its own folder
(ExamplesClientManaged/ beside ExamplesQcs/, onprem/ beside cloud/): the client-managed half runs where it is
meant to. A client-managed folder alone, or beside a folder of another name, is judged as moved."""

from __future__ import annotations

from pathlib import Path

import pytest

from mashup_gen.checker import check_paths
from tests.check_support import write

PROGRAM = 'class Program { static void Main() { Console.WriteLine(client.Get("/qrs/about")); } }\n'
CSPROJ = '<Project Sdk="Microsoft.NET.Sdk"></Project>\n'


@pytest.mark.parametrize(
    ("other", "expected"),
    [("ExamplesQcs", []), ("Tools", ["ExamplesClientManaged/About/Program.cs"])],
    ids=["beside its Qlik Cloud twin", "beside another folder"],
)
def test_the_client_managed_half_of_a_tool_made_for_both(tmp_path: Path, other: str, expected: list[str]) -> None:
    write(
        tmp_path,
        {
            "ExamplesClientManaged/About/Program.cs": PROGRAM,
            "ExamplesClientManaged/About/About.csproj": CSPROJ,
            f"{other}/About/Program.cs": 'class Program { static void Main() { client.Get("/api/v1/users/me"); } }\n',
            f"{other}/About/About.csproj": CSPROJ,
        },
    )
    found = [
        f.path.split(str(tmp_path) + "/", 1)[-1]
        for f in check_paths([str(tmp_path)]).sorted()
        if f.rule == "client-managed-api"
    ]
    assert found == expected
