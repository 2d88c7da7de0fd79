"""A folder of server code in another language with no manifest (a Python script beside its certificates, no
requirements.txt) is a project: its client-managed calls and its committed private key are found. The same
script against Qlik Cloud's REST API, its key read from the environment, is silent."""

from __future__ import annotations

from pathlib import Path

from mashup_gen.checker import check_paths

TICKET = """import requests

def ticket(server, user):
    url = 'https://{0}:4243/qps/ticket?Xrfkey={1}'.format(server, 'abcdefghijklmnop')
    return requests.post(url, json={'UserDirectory': 'CORP', 'UserId': user}, cert=('client.pem', 'client_key.pem'))
"""
CLOUD = """import os
import requests

def apps():
    headers = {'Authorization': 'Bearer ' + os.environ['QLIK_API_KEY']}
    return requests.get('https://acme.eu.qlikcloud.com/api/v1/items?resourceType=app', headers=headers).json()
"""
KEY = "-----BEGIN RSA PRIVATE KEY-----\\nMIICXAIBAAKBgQDJp0Emg\\n-----END RSA PRIVATE KEY-----\\n"


def rules(path: Path) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.path.rsplit("/", 1)[-1], f.line) for f in check_paths([str(path)]).sorted()]


def test_a_script_folder_without_a_manifest_is_checked(tmp_path: Path) -> None:
    (tmp_path / "qs_ticket.py").write_text(TICKET)
    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "private.key").write_text(KEY.replace("\\\\n", "\\n"))
    assert rules(tmp_path) == [
        ("secret-not-ignored", "private.key", 1),
        ("client-managed-api", "qs_ticket.py", 4),
    ]


def test_a_script_calling_qlik_cloud_with_a_key_from_the_environment_is_silent(tmp_path: Path) -> None:
    (tmp_path / "list_apps.py").write_text(CLOUD)
    assert rules(tmp_path) == []
