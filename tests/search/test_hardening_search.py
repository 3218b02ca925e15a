"""Hardening of the search service: odd input, waitress limits, a damaged index (issue 11)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX, run_cli
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.search import index as index_module
from warmtetoolbox.search.api import make_app
from warmtetoolbox.search.manifest import damage, fingerprint
from warmtetoolbox.search.searcher import Results, SearchIndex
from warmtetoolbox.search.server import Limits, create
from warmtetoolbox.search.similar import similar_map


def corpus():
    return load_toolbox(FIXTURE_TOOLBOX, base=FIXTURE_TOOLBOX.parent).corpus


class FakeIndex:
    def search(self, query, filters, limit):
        return Results(query, 0, None, ())


def call(app, query: str, method: str = "GET") -> tuple[str, dict]:
    seen = {}

    def start_response(status, headers):
        seen["status"] = status

    environ = {"PATH_INFO": "/api/search", "REQUEST_METHOD": method, "QUERY_STRING": query}
    body = b"".join(app(environ, start_response))
    return seen["status"], json.loads(body)


@pytest.mark.parametrize("limit", ["%C2%B2", "%E2%91%A4", "%D9%A3", "%EF%BC%95", "+5", "-1"])
def test_unicode_digits_in_limit_give_dutch_400(limit):
    status, data = call(make_app(FakeIndex()), f"q=wko&limit={limit}")
    assert status.startswith("400"), (status, data)
    assert "limit moet" in data["fout"]


def test_post_is_refused_in_dutch():
    status, data = call(make_app(FakeIndex()), "q=wko", method="POST")
    assert status.startswith("405")
    assert data["fout"] == "alleen GET is toegestaan"


# --- serve-search as a subprocess -------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.index_dir = workdir / "ix"
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "warmtetoolbox", "serve-search",
                "--toolbox", str(FIXTURE_TOOLBOX), "--index-dir", str(self.index_dir),
                "--port", str(self.port), "--edition", "internal", "--threads", "4",
            ],
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    pytest.fail(f"server stopte: {self.proc.stdout.read()}")
                time.sleep(0.1)
        pytest.fail("server start niet")

    def raw(self, request: bytes, timeout: float = 10) -> tuple[int, dict, bytes]:
        """Send raw bytes; return status, headers and body of the answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(request)
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        headers = dict(line.decode().lower().split(": ", 1) for line in lines[1:])
        return int(lines[0].split(b" ")[1]), headers, body

    def get(self, target: str, timeout: float = 10) -> tuple[int, dict]:
        request = f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        status, _, body = self.raw(request.encode(), timeout)
        return status, json.loads(body)

    def stop(self) -> str:
        self.proc.terminate()
        output, _ = self.proc.communicate(timeout=10)
        return output


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    output = running.stop()
    assert "Traceback" not in output, output
    assert "Task queue depth" not in output, output


OVERSIZE = b"GET /api/search?q=wko HTTP/1.1\r\nHost: x\r\nX-Groot: "
BAD_REQUESTS = [
    # raw non-ASCII bytes in the request line
    b"GET /api/search?q=\xff\xfewarmte HTTP/1.1\r\nHost: x\r\n\r\n",
    # a header line without a colon, and one with a space before the colon
    b"GET /api/search?q=wko HTTP/1.1\r\nHost: x\r\nKapot\r\n\r\n",
    b"GET /api/search?q=wko HTTP/1.1\r\nHost : x\r\n\r\n",
    # oversize headers: exactly the limit, so that nothing stays unread (which would
    # make the server's close a reset that can swallow its answer)
    OVERSIZE.ljust(Limits().max_request_header_size, b"a"),
    # a body announced of 100 MB (never sent)
    b"POST /api/search?q=wko HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n",
    # a small body, chunked
    b"POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhallo\r\n0\r\n\r\n",
    # an unknown transfer encoding: 501, as RFC 9112 asks (not a crash; Dutch JSON too)
    b"GET /api/search?q=wko HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
]


def test_every_error_is_dutch_json(server):
    for request in BAD_REQUESTS:
        status, headers, body = server.raw(request)
        expected = 501 if b"gzip" in request else range(400, 500)
        assert status == expected or status in expected, (request[:60], status, body)
        assert headers["content-type"] == "application/json; charset=utf-8", request[:60]
        assert json.loads(body)["fout"], request[:60]
    status, data = server.get("/api/search?q=wko&limit=%C2%B2")
    assert status == 400 and "limit moet" in data["fout"]
    status, headers, body = server.raw(
        b"DELETE /api/search?q=wko HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert status == 405 and json.loads(body)["fout"] == "alleen GET is toegestaan"
    assert server.get("/api/search?q=warmtenet")[0] == 200


@pytest.mark.load
def test_answers_while_150_idle_connections_are_open(server):
    idle = []
    try:
        for number in range(150):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            if number % 2:  # half of them trickle a request that never ends
                sock.sendall(b"GET /api/search?q=")
            idle.append(sock)
        status, data = server.get("/api/search?q=warmtenet", timeout=15)
        assert status == 200 and data["results"]
    finally:
        for sock in idle:
            sock.close()


@pytest.mark.load
def test_many_requests_log_no_queue_depth(server):
    def client():
        for _ in range(10):
            server.get("/api/search?q=warmtenet+aansluiten", timeout=30)

    clients = [threading.Thread(target=client) for _ in range(12)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join(timeout=60)
    # the fixture asserts that "Task queue depth" was not logged


def truncate_index(index_dir: Path) -> None:
    files = list(index_dir.glob("ix-*/*.seg"))
    assert files
    for path in files:
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size // 3)


def test_server_answers_after_its_index_is_truncated(server):
    assert server.get("/api/search?q=warmtenet")[0] == 200
    truncate_index(server.index_dir)
    status, data = server.get("/api/search?q=warmtenet", timeout=60)
    assert status == 200 and data["results"], data
    assert server.proc.poll() is None
    assert server.get("/api/search?q=wup")[0] == 200


# --- waitress limits, in process -------------------------------------------------


def test_trickling_connection_is_closed_after_the_request_deadline():
    limits = Limits(channel_timeout=1, cleanup_interval=1, request_deadline=1)
    server = create(make_app(FakeIndex()), "127.0.0.1", 0, threads=1, limits=limits)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.effective_port
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            closed = False
            for byte in b"GET /api/search?q=" + b"a" * 40:
                try:
                    sock.sendall(bytes([byte]))
                except OSError:
                    closed = True
                    break
                sock.settimeout(0.25)
                try:
                    if sock.recv(1) == b"":
                        closed = True
                        break
                except TimeoutError:
                    pass
            assert closed, "trage verbinding werd niet gesloten"
    finally:
        server.close()
        thread.join(timeout=10)


# --- a damaged index ----------------------------------------------------------------


def test_truncated_index_is_rebuilt_by_the_cli(tmp_path):
    args = ["--toolbox", str(FIXTURE_TOOLBOX), "--index-dir", str(tmp_path / "ix")]
    assert run_cli("index", *args, cwd=tmp_path).code == 0
    truncate_index(tmp_path / "ix")
    for command in (["search", "warmtenet"], ["index"]):
        result = run_cli(*command, *args, cwd=tmp_path)
        assert result.code == 0, result.text
        assert "Traceback" not in result.text
    truncate_index(tmp_path / "ix")
    result = run_cli("index", *args, cwd=tmp_path)
    assert result.code == 0 and "Traceback" not in result.text
    assert "waarschuwing: de zoekindex was beschadigd" in result.err
    assert "opnieuw opgebouwd" in result.err


def test_damaged_index_is_detected_and_rebuilt(tmp_path):
    data = corpus()
    with SearchIndex(data, tmp_path) as index:
        first = index.report.path
        assert index.search("warmtenet").hits
    truncate_index(tmp_path)
    with SearchIndex(data, tmp_path) as index:
        assert index.report.rebuilt and index.report.damaged
        assert index.report.path == first
        assert index.search("warmtenet").hits
    with SearchIndex(data, tmp_path) as index:
        assert not index.report.rebuilt and not index.report.damaged


def test_search_failing_on_a_damaged_index_rebuilds_it(tmp_path, monkeypatch):
    data = corpus()
    with SearchIndex(data, tmp_path) as index:
        truncate_index(tmp_path)
        # as if the truncation happened after the per-request check
        index._fingerprint = fingerprint(index.report.path)
        real = SearchIndex._search_all
        calls = []

        def failing_once(self, *args):
            calls.append(1)
            if len(calls) == 1:
                raise EOFError("truncated")
            return real(self, *args)

        monkeypatch.setattr(SearchIndex, "_search_all", failing_once)
        assert index.search("warmtenet").hits
        assert index.report.damaged and len(calls) == 2
        assert damage(index.report.path) is None


@pytest.mark.build
def test_mkdocs_build_does_not_depend_on_the_search_index(tmp_path):
    """The site build computes similar topics without Whoosh: a broken index (here one
    the CLI built and that was truncated since) cannot break it."""
    from sitecheck import mkdocs_build

    built = run_cli("index", "--toolbox", str(FIXTURE_TOOLBOX), "--index-dir",
                    str(tmp_path / "zoekindex" / "public"), cwd=tmp_path)  # fmt: skip
    assert built.code == 0, built.text
    truncate_index(tmp_path / "zoekindex" / "public")
    result = mkdocs_build(FIXTURE_TOOLBOX, tmp_path / "site2")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Aborted" not in result.stderr


def test_unwritable_index_dir_gives_dutch_error(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    args = ["--toolbox", str(FIXTURE_TOOLBOX), "--index-dir", str(blocker / "ix")]
    for command in (["index"], ["search", "warmtenet"]):
        result = run_cli(*command, *args, cwd=tmp_path)
        assert result.code == 2, result.text
        assert "Traceback" not in result.text
        assert "zoekindex" in result.err and "Not a directory" not in result.err


@pytest.mark.parametrize("content", ["[]", '{"x": 5}', '{"x": [1]}', "null", "{"])
def test_similar_cache_of_wrong_shape_is_recomputed(tmp_path, content):
    data = corpus()
    with SearchIndex(data, tmp_path) as index:
        expected = similar_map(index)
        (index.report.path / "similar-5.json").write_text(content)
        assert similar_map(index) == expected


def test_simultaneous_builds_do_not_race(tmp_path, monkeypatch):
    real_write = index_module._write
    active, peak, entered = [0], [0], threading.Event()
    guard = threading.Lock()

    def write(*args):
        with guard:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        entered.set()
        time.sleep(0.5)  # give the other build every chance to enter as well
        try:
            return real_write(*args)
        finally:
            with guard:
                active[0] -= 1

    monkeypatch.setattr(index_module, "_write", write)
    data = corpus()
    errors = []

    def build():
        try:
            index_module.ensure_index(data, tmp_path)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert peak[0] == 1
    assert len(list(tmp_path.glob("ix-*"))) == 1


# --- arguments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "option",
    [["--port", "-1"], ["--port", "0"], ["--port", "70000"], ["--port", "x"],
     ["--threads", "0"], ["--threads", "65"], ["--threads", "-3"]],
)  # fmt: skip
def test_serve_search_arguments_are_checked(tmp_path, option):
    result = run_cli("serve-search", "--toolbox", str(FIXTURE_TOOLBOX), *option, cwd=tmp_path)
    assert result.code == 2, result.text
    assert "Traceback" not in result.text
    assert "fout:" in result.err
    assert ("1 tot en met 65535" if option[0] == "--port" else "1 tot en met 64") in result.err
