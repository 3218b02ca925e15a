"""``.gitlab/dode_links_issue.py`` keeps one issue, against a fake GitLab API on 127.0.0.1."""

from __future__ import annotations

import http.server
import importlib.util
import json
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
from conftest import REPO

_SPEC = importlib.util.spec_from_file_location(
    "dode_links_issue", REPO / ".gitlab/dode_links_issue.py"
)
issue_script = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(issue_script)


class FakeGitLab:
    def __init__(self, open_issues: list[dict]):
        self.open_issues = open_issues
        self.calls: list[tuple[str, str, dict]] = []


def _handler(api: FakeGitLab):
    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            api.calls.append((self.command, self.path, form))
            assert self.headers["PRIVATE-TOKEN"] == "geheim"
            answer = api.open_issues if self.command == "GET" else {"iid": 7}
            data = json.dumps(answer).encode()
            self.send_response(201 if self.command == "POST" else 200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def gitlab() -> Iterator[callable]:
    servers = []

    def start(open_issues: list[dict]) -> tuple[FakeGitLab, dict[str, str]]:
        api = FakeGitLab(open_issues)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        env = {
            "CI_API_V4_URL": f"http://127.0.0.1:{httpd.server_address[1]}/api/v4",
            "CI_PROJECT_ID": "42",
            "LINKS_TOKEN": "geheim",
        }
        return api, env

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def test_dead_links_open_one_issue(gitlab, tmp_path):
    report = tmp_path / "linkrapport.md"
    report.write_text("# Dode links in de bronnen\n", encoding="utf-8")
    api, env = gitlab([])
    assert issue_script.main([str(report), "2"], env) == 1  # make exits 2 on dead links
    method, path, form = api.calls[-1]
    assert (method, path) == ("POST", "/api/v4/projects/42/issues")
    assert form == {
        "title": "Dode links in de bronnen",
        "description": "# Dode links in de bronnen\n",
        "labels": "dode-links",
    }
    assert "labels=dode-links" in api.calls[0][1] and "state=opened" in api.calls[0][1]


def test_dead_links_update_the_open_issue(gitlab, tmp_path):
    report = tmp_path / "linkrapport.md"
    report.write_text("nieuw overzicht", encoding="utf-8")
    api, env = gitlab([{"iid": 3}])
    assert issue_script.main([str(report), "1"], env) == 1
    assert api.calls[1:] == [
        ("PUT", "/api/v4/projects/42/issues/3", {"description": "nieuw overzicht"})
    ]


def test_all_links_alive_close_the_issue(gitlab, tmp_path):
    api, env = gitlab([{"iid": 3}])
    assert issue_script.main([str(tmp_path / "geen.md"), "0"], env) == 0
    assert [c[:2] for c in api.calls[1:]] == [
        ("POST", "/api/v4/projects/42/issues/3/notes"),
        ("PUT", "/api/v4/projects/42/issues/3"),
    ]
    assert api.calls[-1][2] == {"state_event": "close"}


def test_failed_check_or_missing_token_touch_no_issue(gitlab, tmp_path, capsys):
    api, env = gitlab([])
    assert issue_script.main([str(tmp_path / "geen.md"), "2"], env) == 2
    assert issue_script.main([str(tmp_path / "geen.md"), "1"], {**env, "LINKS_TOKEN": ""}) == 2
    assert api.calls == []
    err = capsys.readouterr().err
    assert "de linkcontrole zelf mislukte" in err and "LINKS_TOKEN" in err
