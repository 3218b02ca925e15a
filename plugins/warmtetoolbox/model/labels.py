"""Dutch labels and formats for what the frontmatter stores in English."""

from __future__ import annotations

from datetime import date

from .plurals import number
from .schema import LABELS

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

# The audience overview pages, keyed by the frontmatter value.
AUDIENCE_PAGES = {
    "residents": "voor-bewoners",
    "officers": "voor-ambtenaren",
    "council": "voor-raadsleden",
    "professionals": "voor-professionals",
}


def dutch_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def label(value: str, kind: str) -> str:
    """Dutch label of an enum value, e.g. ``label("draft", "status")`` → ``Concept``."""
    return LABELS.get(kind, {}).get(value, value)


def hours(value: float | None) -> str:
    """Hours as Dutch readers write them: 1.782, 2,5."""
    if value is None:
        return ""
    return number(value)
