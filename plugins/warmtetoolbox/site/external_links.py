"""External links: the ``sources`` URLs of the toolbox, checked with LinkChecker, reported in Dutch.

LinkChecker (PyPI ``linkchecker``) runs as a separate program: the URLs go in on standard
input, one CSV line per broken link comes out. Every run is bounded: LinkChecker gets a
timeout per connection and the whole run a hard limit, after which it is stopped.
"""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model.entries import Corpus

DEFAULT_TIMEOUT_S = 15
DEFAULT_THREADS = 8
_STATUS = re.compile(r"^\s*(\d{3})\b")
_STATUS_TEXT = {
    400: "ongeldig verzoek",
    401: "inloggen nodig",
    403: "geen toegang",
    404: "niet gevonden",
    410: "verwijderd",
    429: "te veel verzoeken",
    500: "fout op de server",
    502: "fout op de server",
    503: "server tijdelijk niet beschikbaar",
    504: "server gaf geen antwoord",
}


class LinkCheckError(Exception):
    """LinkChecker is missing, stopped with an error or ran past its bound (Dutch message)."""


@dataclass(frozen=True)
class Use:
    """One place a URL is named: the entry file, its line and the source's title."""

    path: str
    line: int
    entry_id: str
    title: str


@dataclass(frozen=True)
class DeadLink:
    url: str
    reason: str
    uses: tuple[Use, ...]


def collect(corpus: Corpus, base: Path) -> dict[str, tuple[Use, ...]]:
    """Every ``sources`` URL of the corpus, in a stable order, with where it is named."""
    found: dict[str, list[Use]] = {}
    for entry in corpus:
        lines = _lines(base / entry.path)
        for source in entry.sources:
            line = next((n for n, text in enumerate(lines, 1) if source.url in text), 1)
            found.setdefault(source.url, []).append(Use(entry.path, line, entry.id, source.title))
    return {url: tuple(found[url]) for url in sorted(found)}


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def linkchecker_program() -> str | None:
    """The ``linkchecker`` next to this Python (the project's venv), else on ``PATH``."""
    return shutil.which("linkchecker", path=str(Path(sys.executable).parent)) or shutil.which(
        "linkchecker"
    )


def run_bound(count: int, timeout: int, threads: int) -> int:
    """Seconds the whole run may take: every wave of ``threads`` links may time out twice."""
    return 30 + math.ceil(count / threads) * timeout * 2


def check_urls(
    urls: Iterable[str],
    timeout: int = DEFAULT_TIMEOUT_S,
    threads: int = DEFAULT_THREADS,
    bound: int | None = None,
) -> dict[str, str]:
    """Check ``urls``; returns the broken ones with a Dutch reason."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return {}
    program = linkchecker_program()
    if program is None:
        raise LinkCheckError(
            "LinkChecker is niet geïnstalleerd; draai 'make install' (het pakket linkchecker)"
        )
    bound = bound or run_bound(len(urls), timeout, threads)
    command = [
        program,
        "--stdin",
        "--recursion-level=0",
        f"--timeout={timeout}",
        f"--threads={threads}",
        "--no-status",
        "--no-warnings",
        "--output=csv",
    ]
    try:
        done = subprocess.run(
            command,
            input="\n".join(urls) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=bound,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LinkCheckError(
            f"de linkcontrole duurde langer dan {bound} seconden en is gestopt; "
            "probeer het later opnieuw of verlaag --timeout"
        ) from None
    except OSError:
        raise LinkCheckError(f"LinkChecker ({program}) kon niet worden gestart") from None
    if done.returncode not in (0, 1):
        raise LinkCheckError(
            f"LinkChecker stopte met afsluitcode {done.returncode}; "
            "draai 'linkchecker --stdin' met de hand om te zien waarom"
        )
    return _broken(done.stdout, set(urls), timeout)


def _broken(output: str, asked: set[str], timeout: int) -> dict[str, str]:
    rows = [line for line in output.splitlines() if line and not line.startswith("#")]
    broken: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        url = row.get("urlname") or ""
        if url in asked and row.get("valid") == "False":
            broken[url] = dutch_reason(row.get("result") or "", timeout)
    return broken


def dutch_reason(result: str, timeout: int) -> str:
    """LinkChecker's (English) result as a short Dutch reason."""
    status = _STATUS.match(result)
    if status:
        code = int(status.group(1))
        return f"{_STATUS_TEXT.get(code, 'foutcode van de server')} (HTTP {code})"
    lowered = result.lower()
    if "timeout" in lowered or "timed out" in lowered:
        return f"geen antwoord binnen {timeout} seconden"
    if "ssl" in lowered or "certificate" in lowered:
        return "het beveiligingscertificaat klopt niet"
    if "name or service" in lowered or "nodename" in lowered or "resolve" in lowered:
        return "de domeinnaam bestaat niet (meer)"
    if "connection" in lowered or "refused" in lowered:
        return "de server is niet bereikbaar"
    return "de link werkt niet"


def dead_links(uses: dict[str, tuple[Use, ...]], broken: dict[str, str]) -> list[DeadLink]:
    return [DeadLink(url, broken[url], uses[url]) for url in uses if url in broken]


def text_report(dead: list[DeadLink]) -> list[str]:
    """One ``pad:regel: waarschuwing: …`` line per place a dead link is named."""
    return [
        f"{use.path}:{use.line}: waarschuwing: bron '{use.title}' werkt niet: {link.reason} "
        f"({link.url}); zoek de nieuwe plek van de bron en pas 'url' aan"
        for link in dead
        for use in link.uses
    ]


def markdown_report(dead: list[DeadLink], checked: int, today: date) -> str:
    """The body of the one issue that lists every dead link (Dutch Markdown)."""
    head = [
        "# Dode links in de bronnen",
        "",
        f"Gecontroleerd op {today.isoformat()}: {checked} externe links uit `sources`, "
        f"{len(dead)} {'werkt' if len(dead) == 1 else 'werken'} niet.",
        "",
    ]
    if not dead:
        return "\n".join([*head, "Alle links werken.", ""])
    table = ["| link | probleem | gebruikt in |", "| --- | --- | --- |"]
    for link in dead:
        places = "<br>".join(
            f"`{use.path}` regel {use.line} ({_cell(use.title)})" for use in link.uses
        )
        table.append(f"| <{link.url}> | {link.reason} | {places} |")
    advice = [
        "",
        "## Wat te doen",
        "",
        "1. Zoek de nieuwe plek van de bron (of een andere officiële bron met datum).",
        "2. Pas `url` (en zo nodig `title`) aan in het item.",
        '3. Verhoog de versie: `warmtetoolbox bump <id> "Bron bijgewerkt"`, of in de webeditor: '
        "`version` + 1, `updated` op vandaag en een regel bovenaan `changes`.",
        "4. Open een pull request; de controle draait vanzelf.",
        "",
        "Dit overzicht wordt bijgewerkt door de geplande linkcontrole.",
        "",
    ]
    return "\n".join([*head, *table, *advice])


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")
