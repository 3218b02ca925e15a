"""``warmtetoolbox links`` against a local HTTP server on 127.0.0.1: alive, 404 and a time-out."""

from __future__ import annotations

import http.server
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from warmtetoolbox.site import external_links
from warmtetoolbox.site.external_links import DeadLink, Use, dutch_reason, markdown_report

SLOW_S = 4  # the server's delay; the check waits 1 s, so this link times out


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/traag"):
            time.sleep(SLOW_S)
        status = 200 if self.path.startswith(("/levend", "/robots.txt")) else 404
        if self.path.startswith("/robots.txt"):
            status = 404
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_HEAD = do_GET

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _point_sources_at(workdir: Path, address: str) -> None:
    """Regelgeving names one live and one dead link, the question the same dead one, the fund a slow one."""
    toolbox = workdir / "toolbox"
    law = toolbox / "regelgeving" / "warmtewet-test.md"
    law.write_text(
        law.read_text(encoding="utf-8").replace(
            "    url: https://wetten.overheid.nl/BWBR0033729/\n",
            f"    url: {address}/levend\n  - title: Verdwenen | pagina\n    url: {address}/weg\n",
        ),
        encoding="utf-8",
    )
    question = toolbox / "vragen" / "wat-kost-aansluiten-op-een-warmtenet.md"
    question.write_text(
        question.read_text(encoding="utf-8").replace(
            "https://www.acm.nl/nl/energie/warmte", f"{address}/weg"
        ),
        encoding="utf-8",
    )
    fund = toolbox / "financiering" / "nationaal-fonds-test.md"
    fund.write_text(
        fund.read_text(encoding="utf-8").replace(
            "https://www.rijksoverheid.nl/onderwerpen/energie-thuis/verduurzamen-huis",
            f"{address}/traag",
        ),
        encoding="utf-8",
    )


def test_links_reports_dead_and_slow_links_and_keeps_live_ones(workdir, server):
    _point_sources_at(workdir, server)
    assert run_cli("check", cwd=workdir).code == 0
    report = workdir / "linkrapport.md"
    result = run_cli("links", "--timeout", "1", "--report", str(report), cwd=workdir)
    assert result.code == 1, result.text
    lines = result.out.splitlines()
    assert (
        "toolbox/regelgeving/warmtewet-test.md:16: waarschuwing: bron 'Verdwenen | pagina' "
        f"werkt niet: niet gevonden (HTTP 404) ({server}/weg); "
        "zoek de nieuwe plek van de bron en pas 'url' aan"
    ) in lines
    assert any(
        line.startswith("toolbox/vragen/wat-kost-aansluiten-op-een-warmtenet.md:")
        and "niet gevonden (HTTP 404)" in line
        for line in lines
    )
    assert any(
        line.startswith("toolbox/financiering/nationaal-fonds-test.md:")
        and "geen antwoord binnen 1 seconden" in line
        for line in lines
    )
    assert "/levend" not in result.out
    assert lines[-1] == "3 externe links gecontroleerd: 1 werken, 2 niet."
    assert "Traceback" not in result.text
    body = report.read_text(encoding="utf-8")
    assert "# Dode links in de bronnen" in body
    assert f"| <{server}/weg> | niet gevonden (HTTP 404) |" in body
    assert "Verdwenen \\| pagina" in body  # a title cannot break the table
    assert "/levend" not in body


def test_links_all_alive_exits_zero(workdir, server):
    _point_sources_at(workdir, server)
    for path in (workdir / "toolbox").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("/weg", "/levend").replace("/traag", "/levend"), "utf-8")
    report = workdir / "linkrapport.md"
    result = run_cli("links", "--timeout", "1", "--report", str(report), cwd=workdir)
    assert result.code == 0, result.text
    assert result.out.splitlines()[-1] == "1 externe links gecontroleerd: 1 werken, 0 niet."
    assert "Alle links werken." in report.read_text(encoding="utf-8")


def test_links_without_linkchecker_is_a_dutch_error(workdir, monkeypatch):
    monkeypatch.setattr(external_links, "linkchecker_program", lambda: None)
    with pytest.raises(external_links.LinkCheckError, match="niet geïnstalleerd"):
        external_links.check_urls(["https://voorbeeld.example/"])


def test_links_run_past_its_bound_is_stopped(server):
    with pytest.raises(external_links.LinkCheckError, match="langer dan 1 seconden"):
        external_links.check_urls([f"{server}/traag"], timeout=SLOW_S * 2, bound=1)


def test_links_rejects_bad_options_in_dutch(workdir):
    result = run_cli("links", "--timeout", "0", cwd=workdir)
    assert result.code == 2
    assert "moet een geheel getal van 1 tot en met 120 zijn" in result.err


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        ("404 Not Found", "niet gevonden (HTTP 404)"),
        ("418 I'm a teapot", "foutcode van de server (HTTP 418)"),
        ("ReadTimeout: read timed out", "geen antwoord binnen 7 seconden"),
        ("SSLError: certificate verify failed", "het beveiligingscertificaat klopt niet"),
        ("ConnectionError: Connection refused", "de server is niet bereikbaar"),
        ("something odd", "de link werkt niet"),
    ],
)
def test_reasons_are_dutch(result, reason):
    assert dutch_reason(result, 7) == reason


def test_markdown_report_without_dead_links():
    body = markdown_report([], 5, date(2026, 1, 2))
    assert "Gecontroleerd op 2026-01-02: 5 externe links uit `sources`, 0 werken niet." in body
    dead = [DeadLink("https://x.example/", "weg", (Use("a.md", 3, "a", "<b>"),))]
    assert "`a.md` regel 3 (&lt;b>)" in markdown_report(dead, 1, date(2026, 1, 2))


def test_make_ci_links_leaves_the_report_for_the_issue(workdir, server):
    _point_sources_at(workdir, server)
    stale = workdir / "linkrapport.md"
    stale.write_text("oud overzicht", encoding="utf-8")
    venv = REPO / ".venv"
    done = subprocess.run(
        [
            *("make", "-f", str(REPO / "Makefile"), f"VENV={venv}", "-o", f"{venv}/.installed"),
            *("ci-links", "REPORT=linkrapport.md"),
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0  # dead links: the scheduled job goes on to the issue step
    body = stale.read_text(encoding="utf-8")
    assert "# Dode links in de bronnen" in body and "oud overzicht" not in body
