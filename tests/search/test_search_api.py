"""`warmtetoolbox serve-search` under waitress: bad input never gives a 500."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    workdir: Path = tmp_path_factory.mktemp("api")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "warmtetoolbox", "serve-search",
            "--toolbox", str(FIXTURE_TOOLBOX), "--index-dir", str(workdir / "ix"),
            "--port", str(port), "--edition", "internal",
        ],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"server stopte: {proc.stdout.read()}")
            time.sleep(0.1)
    yield base
    proc.terminate()
    output, _ = proc.communicate(timeout=10)
    assert "Traceback" not in output, output


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """Send a request line as raw bytes (so invalid UTF-8 reaches the server)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        request = (
            b"GET "
            + target.encode("latin-1")
            + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def get(base: str, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_search_returns_results(server):
    status, data = get(server, "/api/search?q=warmte+net&limit=2")
    assert status == 200
    assert data["results"][0]["id"] == "wat-kost-aansluiten-op-een-warmtenet"
    assert len(data["results"]) <= 2


def test_filters_and_suggestion(server):
    status, data = get(server, "/api/search?q=warmtnet&type=vragen")
    assert status == 200
    assert data["suggestion"] == "warmtenet"
    assert {r["type"] for r in data["results"]} == {"vragen"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?q=%22ongesloten",
        "/api/search?q=warmte+AND+OR+NOT+(",
        "/api/search?q=warm*+%3Farm+title%3Ax",
        "/api/search?q=" + "a" * 150,
        "/api/search?q=%00%01wko%7F",
        "/api/search?q=%E2%80%AEwarmte",
    ],
)
def test_odd_queries_give_200(server, path):
    status, data = get(server, path)
    assert status == 200, data
    assert "results" in data


@pytest.mark.parametrize(
    "path",
    [
        "/api/search",
        "/api/search?q=",
        "/api/search?q=" + "x" * 10_000,
        "/api/search?q=" + "warmte+" * 40,
        "/api/search?q=wko&limit=0",
        "/api/search?q=wko&limit=1000",
        "/api/search?q=wko&limit=abc",
        "/api/search?q=wko&q=net",
        "/api/search?q=wko&onbekend=1",
        "/api/search?q=%FF%FE",
    ],
)
def test_bad_queries_give_4xx_in_dutch(server, path):
    status, data = get(server, path)
    assert 400 <= status < 500, (status, data)
    assert isinstance(data.get("fout"), str) and data["fout"]


def test_raw_invalid_utf8_in_url(server):
    # waitress itself refuses raw non-ASCII bytes in the request line with a 400
    status, _ = raw_get(server, "/api/search?q=\xff\xfewarmte")
    assert status == 400
    # percent-encoded invalid UTF-8 reaches the application: a Dutch JSON 400
    status, body = raw_get(server, "/api/search?q=%C3%28warmte")
    assert status == 400
    assert "UTF-8" in json.loads(body)["fout"]


def test_unknown_path_and_method(server):
    assert get(server, "/onbekend")[0] == 404
    request = urllib.request.Request(server + "/api/search?q=wko", method="POST", data=b"")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 405


@pytest.mark.load
def test_twenty_concurrent_clients(server):
    queries = ["warmtenet", "wup", "aansluitkosten", "warmtnet", "fonds", "werkwijze", "%22x", ""]
    deadline = time.monotonic() + 60

    def client(number: int) -> list[int]:
        codes = []
        for i in range(25):
            if time.monotonic() > deadline:
                break
            q = queries[(number + i) % len(queries)]
            codes.append(get(server, f"/api/search?q={q}&limit=5")[0])
        return codes

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = [code for result in pool.map(client, range(20)) for code in result]
    assert len(codes) >= 200
    assert set(codes) <= {200, 400}
    assert codes.count(200) > 0
