"""Entries whose review date has passed or is near: the review cycle."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ..model.entries import Corpus, Entry


@dataclass(frozen=True)
class Stale:
    entry: Entry
    days_overdue: int  # negative: due in that many days

    def as_json(self) -> dict:
        e = self.entry
        return {
            "id": e.id,
            "type": e.type,
            "title": e.title,
            "owner": e.owner,
            "review_by": e.review_by.isoformat(),
            "days_overdue": self.days_overdue,
            "path": e.path,
        }


def stale_entries(corpus: Corpus, today: date, within_days: int = 0) -> tuple[Stale, ...]:
    """Entries with ``review_by`` before ``today + within_days``, most overdue first."""
    limit = today + timedelta(days=within_days)
    found = [
        Stale(e, (today - e.review_by).days)
        for e in corpus
        if e.review_by is not None and e.review_by < limit and e.status != "withdrawn"
    ]
    return tuple(sorted(found, key=lambda s: (-s.days_overdue, s.entry.id)))


def by_owner(items: tuple[Stale, ...]) -> list[tuple[str, list[Stale]]]:
    groups: dict[str, list[Stale]] = defaultdict(list)
    for item in items:
        groups[item.entry.owner].append(item)
    return sorted(groups.items(), key=lambda group: group[0].casefold())


MAX_WITHIN_DAYS = 36_500  # a century: further ahead than any review date
_WITHIN = re.compile(r"([0-9]+)([dw]?)")


def parse_within(text: str) -> int:
    """'30d', '2w' or '30' → days, at most a century; raises ValueError in Dutch."""
    match = _WITHIN.fullmatch(text.strip().lower())
    if not match:
        raise ValueError(f"'{text}' is geen termijn; schrijf bijvoorbeeld 30d of 2w")
    digits = match.group(1).lstrip("0") or "0"
    days = int(digits[:9]) * (7 if match.group(2) == "w" else 1)
    if len(digits) > 9 or days > MAX_WITHIN_DAYS:
        raise ValueError(
            f"termijn '{text}' is te lang; hoogstens {MAX_WITHIN_DAYS} dagen (100 jaar)"
        )
    return days
