"""The residents' page: entries grouped by the questions residents ask, in plain words.

Groups follow what an entry's title asks about, then the tags it carries, so no entry
needs extra metadata. Abbreviations in the short summaries are written out
the first time they appear on the page: residents on a phone get no tooltips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model.entries import Entry

# (anchor, heading, words in the title, tags). An entry goes to the first group whose
# words occur in its title; failing that, the first group whose tags it carries;
# failing that, the first group. Shown in SHOWN order.
GROUPS = (
    ("mijn-huis", "Wat betekent het voor mijn huis en mijn wijk?",
     re.compile(r"merk ik|in huis|dorp|buitengebied|comfort|warm genoeg|advies", re.I),
     set()),
    ("huren-vve-monument", "Huurt u, woont u in een VvE of in een monument?",
     re.compile(r"huur|vve|vereniging van eigenaars|appartement|monument|corporatie", re.I),
     {"vve", "monumenten"}),
    ("kosten", "Wat kost het, en welke subsidies en leningen zijn er?",
     re.compile(r"kost|betaal|prijs|tarie|subsidie|geld|lening|lenen|fonds|vastrecht|bespaar", re.I),
     {"kosten-en-financiering"}),
    ("meedoen", "Moet ik meedoen, en wie beslist wat?",
     re.compile(r"meedoen|mee doen|mee wil|bezwaar|beslis|verplicht|weiger|aanwijz|wanneer|"
                r"advies|warmtewet|bescherming|rechten", re.I),
     {"juridisch", "participatie-en-communicatie"}),
    ("techniek", "Wat verandert er aan de techniek in huis?",
     re.compile(r"warmtepomp|isol|koken|afleverset|buitenunit|geluid|temperatuur|ketel|"
                r"waterstof|gas\b|aquathermie|bodem|stroom", re.I),
     {"techniek"}),
)  # fmt: skip
SHOWN = ("mijn-huis", "kosten", "meedoen", "techniek", "huren-vve-monument")


def _group_of(entry: Entry) -> str:
    for anchor, _, words, _ in GROUPS:
        if words.search(entry.title):
            return anchor
    tags = set(entry.tags)
    for anchor, _, _, wanted in GROUPS:
        if tags & wanted:
            return anchor
    return GROUPS[0][0]


@dataclass(frozen=True)
class Group:
    anchor: str
    heading: str
    entries: tuple[Entry, ...]


def _asked(entry: Entry) -> int:
    return len(entry.asked_in)


def resident_groups(entries: Iterable[Entry]) -> list[Group]:
    """Non-empty groups in reading order; questions first, most asked first, then by title."""
    members: dict[str, list[Entry]] = {group[0]: [] for group in GROUPS}
    for entry in entries:
        members[_group_of(entry)].append(entry)
    headings = {group[0]: group[1] for group in GROUPS}
    groups = []
    for anchor in SHOWN:
        ordered = sorted(
            members[anchor], key=lambda e: (e.type != "vragen", -_asked(e), e.title.casefold())
        )
        if ordered:
            groups.append(Group(anchor, headings[anchor], tuple(ordered)))
    return groups


class Explainer:
    """Writes out each abbreviation the first time it appears: 'ACM' → 'ACM (Autoriteit …)'."""

    def __init__(self, abbreviations: Mapping[str, str]):
        self.titles = {k: " ".join(v.split()) for k, v in abbreviations.items() if k.strip()}
        keys = sorted(self.titles, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w&])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w(])")
            if keys
            else None
        )
        self.seen: set[str] = set()

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text

        def explain(match: re.Match) -> str:
            abbr = match.group(0)
            if abbr in self.seen:
                return abbr
            self.seen.add(abbr)
            title = self.titles[abbr]
            return abbr if title.casefold() in text.casefold() else f"{abbr} ({title})"

        return self._pattern.sub(explain, text)
