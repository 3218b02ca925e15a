"""Bounds on the work one entry's text causes, so every file that passes ``check`` builds fast.

Python-Markdown is quadratic in some inline elements ('[', unclosed '<a', code spans,
emphasis, entities, hard breaks) and recursive in nested lists and quotes. Counting
them is linear; the limits are in ``schema.BODY_LIMITS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .problems import Problem, error
from .schema import BODY_LIMITS

_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")  # a setext heading (or a rule)
_BLOCK = re.compile(r"[ \t]*(?::[ \t]|!!!|\?\?\?)")  # definitions, admonitions, details
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])")
_WHAT = {
    "links": "links",
    "brackets": "tekens '['",
    "html": "tekens '<' (HTML-elementen)",
    "headings": "koppen en lijnen",
    "blocks": "definities en kaders (': ', '!!!', '???')",
    "list_items": "opsommingstekens",
    "emphasis": "tekens '*' en '_'",
    "code": "tekens '`'",
    "escapes": "tekens '\\' en '&'",
}


def _counts(line: str) -> dict[str, int]:
    stripped = line.lstrip(" \t")
    return {
        "links": line.count("]("),
        "brackets": line.count("["),
        "html": line.count("<"),
        "headings": 1 if stripped.startswith("#") or _UNDERLINE.fullmatch(line) else 0,
        "blocks": 1 if _BLOCK.match(line) else 0,
        "list_items": 1 if _LIST_ITEM.match(line) else 0,
        "emphasis": line.count("*") + line.count("_"),
        "code": line.count("`"),
        "escapes": line.count("\\") + line.count("&"),
    }


def nesting(line: str) -> int:
    """How deep ``line`` sits in lists and quotes: markers plus indentation in steps of 4."""
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    depth, position = indent // 4, 0
    while True:
        match = _CONTAINER.match(line, position)
        if not match:
            return depth
        depth += 1
        position = match.end()


def check_text_lines(path: str, lines: Iterable[tuple[int, str]]) -> list[Problem]:
    """The line-length limit, for every line of a file (frontmatter included)."""
    limit = BODY_LIMITS["line_chars"]
    for number, text in lines:
        if len(text) > limit:
            return [
                error(
                    path,
                    number,
                    f"regel is {len(text)} tekens lang; hoogstens {limit} mag: "
                    "zet witregels tussen de alinea's",
                )
            ]
    return []


def check_limits(path: str, body: str, first_line: int, prose) -> list[Problem]:
    """Element counts over the whole body and nesting depth of prose lines.

    ``prose`` is the list of (line number, text) outside fenced code.
    """
    lines = body.split("\n", BODY_LIMITS["lines"] + 1)
    if len(lines) > BODY_LIMITS["lines"]:
        return [
            error(
                path,
                first_line + BODY_LIMITS["lines"],
                f"de tekst heeft meer dan {BODY_LIMITS['lines']} regels; splits het item op",
            )
        ]
    problems = check_text_lines(path, ((first_line + i, t) for i, t in enumerate(lines)))
    if problems:
        return problems
    totals = dict.fromkeys(_WHAT, 0)
    for offset, line in enumerate(lines):
        for key, count in _counts(line).items():
            totals[key] += count
            if totals[key] > BODY_LIMITS[key]:
                return [
                    error(
                        path,
                        first_line + offset,
                        f"te veel {_WHAT[key]} in één item (meer dan {BODY_LIMITS[key]}); "
                        "splits het item op of vereenvoudig de opmaak",
                    )
                ]
    deepest = BODY_LIMITS["nesting"]
    for number, text in prose:
        if text.strip() and nesting(text) > deepest:
            return [
                error(
                    path,
                    number,
                    f"opsommingen of citaten zijn hier dieper dan {deepest} niveaus genest; "
                    "maak de structuur platter",
                )
            ]
    return []
