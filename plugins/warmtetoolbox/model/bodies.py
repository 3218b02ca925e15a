"""Rules for the Markdown body: required sections, the raw-HTML allowlist and work bounds.

Every pattern here runs in linear time: no nested or adjacent ambiguous quantifiers, no
scan to the end of the line from every position, no slicing the line per match.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .bodylimits import check_limits
from .problems import Problem, error, warning
from .schema import ALLOWED_HTML_ATTRIBUTES, ALLOWED_HTML_TAGS, TYPES

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"##[ \t]+(\S.*)")
_TICKS = re.compile(r"`+")
_TAG = re.compile(r"<\s*(?:(/)\s*)?([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>?")
_ATTRIBUTE = re.compile(r"([^\s=\"'/>]+)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# Words in capitals that look like an abbreviation: WUP, SDE++, CO2 (not I, II, ...).
# (The two capitals are counted in Python: '[A-Z][A-Z0-9]*[A-Z]...' backtracks quadratically.)
_ABBREVIATION = re.compile(r"(?<![\w/.-])([A-Z][A-Z0-9]*\+*)(?![\w/+]|\.\w)")
_URL = re.compile(r"\]\([^()\]]*\)|<[^<>]*>|https?://\S+")
_ROMAN = re.compile(r"[IVXLC]+")


def strip_code_spans(line: str) -> str:
    """``line`` without code spans (a run of n backticks up to the next run of n), linearly."""
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        width = runs[i][1] - runs[i][0]
        following[i] = last.get(width)
        last[width] = i
    kept, position, i = [], 0, 0
    while i < len(runs):
        closing = following[i]
        if closing is None:
            i += 1
            continue
        kept.append(line[position : runs[i][0]])
        position = runs[closing][1]
        i = closing + 1
    kept.append(line[position:])
    return "".join(kept)


def prose_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for body lines outside fenced code, code spans removed."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
                continue
            if marker.startswith(fence):
                fence = None
                continue
        if fence is None:
            yield first_line + offset, strip_code_spans(line)


def check_body(
    path: str, entry_type: str, body: str, first_line: int, abbreviations=frozenset()
) -> list[Problem]:
    if not body.strip():
        return [error(path, first_line, "de tekst onder de frontmatter is leeg; schrijf het item")]
    lines = list(prose_lines(body, first_line))
    limits = check_limits(path, body, first_line, lines)
    if limits:
        return limits
    return [
        *_check_sections(path, entry_type, lines, first_line),
        *_check_html(path, lines),
        *_check_links(path, lines),
        *check_abbreviations(path, lines, abbreviations),
    ]


def check_abbreviations(path: str, lines, declared) -> list[Problem]:
    """Warn once per file for each capitalised abbreviation the taxonomy does not explain."""
    seen: set[str] = set()
    problems = []
    for number, text in lines:
        for match in _ABBREVIATION.finditer(_URL.sub(" ", text)):
            word = match.group(1)
            capitals = sum(1 for c in word if "A" <= c <= "Z")
            if capitals < 2 or word in declared or word in seen or _ROMAN.fullmatch(word):
                continue
            seen.add(word)
            problems.append(
                warning(
                    path,
                    number,
                    f"afkorting '{word}' staat niet in de taxonomie; voeg haar toe onder "
                    "'abbreviations' in toolbox/taxonomy.yml",
                )
            )
    return problems


def _check_sections(path, entry_type, lines, first_line) -> list[Problem]:
    found = {
        m.group(1).rstrip().rstrip("#").rstrip() for _, text in lines if (m := _HEADING.match(text))
    }
    return [
        error(
            path,
            first_line,
            f"sectie '## {section}' ontbreekt; een item van type {entry_type} heeft de koppen "
            + ", ".join(f"'## {s}'" for s in TYPES[entry_type].sections),
        )
        for section in TYPES[entry_type].sections
        if section not in found
    ]


def _check_html(path: str, lines) -> list[Problem]:
    problems = []
    for number, text in lines:
        for match in _TAG.finditer(text):
            name = match.group(2).lower()
            if _AUTOLINK.match(text, match.start() + 1) and not match.group(1):
                problems.extend(_check_url(path, number, text[match.start() + 1 : match.end()]))
                continue
            if name not in ALLOWED_HTML_TAGS:
                allowed = ", ".join(f"<{t}>" for t in sorted(ALLOWED_HTML_TAGS))
                problems.append(
                    error(
                        path,
                        number,
                        f"HTML-element <{name}> is niet toegestaan; gebruik Markdown "
                        f"(toegestaan zijn alleen {allowed})",
                    )
                )
                continue
            problems.extend(_check_attributes(path, number, name, match.group(3)))
    return problems


def _check_attributes(path: str, number: int, tag: str, raw: str) -> list[Problem]:
    problems = []
    for match in _ATTRIBUTE.finditer(raw):
        attribute = match.group(1).lower()
        if attribute.startswith("on"):
            problems.append(
                error(
                    path,
                    number,
                    f"attribuut '{attribute}' in <{tag}> voert script uit; haal het weg",
                )
            )
        elif attribute not in ALLOWED_HTML_ATTRIBUTES:
            problems.append(
                error(
                    path,
                    number,
                    f"attribuut '{attribute}' in <{tag}> is niet toegestaan; "
                    f"alleen {', '.join(sorted(ALLOWED_HTML_ATTRIBUTES))}",
                )
            )
        value = (match.group(2) or "").strip("\"'")
        problems.extend(_check_url(path, number, value))
    return problems


def _check_links(path: str, lines) -> list[Problem]:
    problems = []
    for number, text in lines:
        targets = [m.group(1) for m in _LINK_TARGET.finditer(text)]
        reference = _REFERENCE.match(text)
        if reference:
            targets.append(reference.group(1))
        for target in targets:
            problems.extend(_check_url(path, number, target))
    return problems


def _check_url(path: str, number: int, url: str) -> list[Problem]:
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    if cleaned.startswith(_BAD_SCHEMES):
        scheme = cleaned.split(":", 1)[0]
        return [
            error(
                path,
                number,
                f"een link met '{scheme}:' is niet toegestaan; gebruik een https://-adres",
            )
        ]
    return []
