"""Advice on an entry's sources and review date: warnings, never errors.

A source must name the page that supports the claim. ``is_home_or_section`` decides
when an address is only a home page or a section of a site:

- no path (``https://www.rvo.nl``, ``https://www.rvo.nl/``, also with only a fragment);
- or exactly one path segment that is a known section name (``SECTIONS``), a home
  file (``index.html``, ``default.aspx``, ``home``), or a single word without digits
  (``/onderwerpen``, ``/wko/``, ``/monitoring``).

Everything else counts as a specific page: two or more segments, a query
(``?id=12``), or one segment that holds a digit (``BWBR0033729``,
``stcrt-2023-6282.html``), a file extension, or two or more words
(``verduurzamen-kantoren``) and is not a known section name.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .entries import Entry
from .problems import Problem, warning
from .yamlstrict import Parsed

# Section names of more than one word that Dutch government sites use.
SECTIONS = frozenset(
    {
        "subsidies-financiering",
        "subsidies-en-financiering",
        "over-ons",
        "veelgestelde-vragen",
        "wet-en-regelgeving",
        "wetten-en-regelingen",
        "onderwerpen-a-z",
        "nieuws-en-actueel",
    }
)
_HOME_FILE = re.compile(r"(index|default|home)(\.[a-z]{2,5})?")
_EXTENSION = re.compile(r"\.[a-z0-9]{2,5}$")
_WORDS = re.compile(r"[-_]+")


def is_home_or_section(url: str) -> bool:
    """True when ``url`` is a site's home page or the root of one of its sections."""
    parts = urlsplit(url)
    if parts.query:
        return False
    segments = [s for s in parts.path.split("/") if s]
    if not segments:
        return True
    if len(segments) > 1:
        return False
    segment = segments[0].lower()
    if segment in SECTIONS or _HOME_FILE.fullmatch(segment):
        return True
    if any(c.isdigit() for c in segment) or _EXTENSION.search(segment):
        return False
    return len([w for w in _WORDS.split(segment) if w]) < 2


def source_problems(entry: Entry, parsed: Parsed) -> list[Problem]:
    """Warnings for ``http://`` sources, home pages and section roots, and a missing review date."""
    problems = []
    for i, source in enumerate(entry.sources):
        line = parsed.line(("sources", i, "url"), 1)
        if urlsplit(source.url).scheme == "http":
            problems.append(
                warning(
                    entry.path,
                    line,
                    f"bron '{source.title}' gebruikt http://; gebruik het https://-adres van "
                    "de pagina",
                )
            )
        if is_home_or_section(source.url):
            problems.append(
                warning(
                    entry.path,
                    line,
                    f"bron '{source.title}' is een startpagina of rubriek ({source.url}); "
                    "verwijs naar de pagina die de bewering onderbouwt",
                )
            )
    if entry.review_by is None:
        problems.append(
            warning(
                entry.path,
                1,
                "'review_by' ontbreekt; zet de datum waarop het item opnieuw moet worden "
                "beoordeeld (JJJJ-MM-DD), bijvoorbeeld over een jaar",
            )
        )
    return problems
