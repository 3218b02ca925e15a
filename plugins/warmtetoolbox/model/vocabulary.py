"""How officers and residents phrase things: abbreviations, synonyms, compounds.

Engine-independent: turns a raw query into *concepts*, each a set of alternative
phrasings. The search module maps them onto index terms.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from .taxonomy import Taxonomy

# Parts of common Dutch compounds in this field. A word made of two of these
# ("aansluitkosten", "warmtenetten") also matches its parts, and the parts written
# apart ("warmte net") match the compound.
COMPOUND_PARTS = tuple(
    sorted(
        [
            "aansluit",
            "aansluiting",
            "aansluitingen",
            "aardgas",
            "afval",
            "bewoners",
            "bodem",
            "bouw",
            "buiten",
            "collectief",
            "collectieve",
            "dak",
            "energie",
            "financiering",
            "fonds",
            "gas",
            "gebouw",
            "gemeente",
            "gemeenten",
            "geluid",
            "grond",
            "huur",
            "huurders",
            "isolatie",
            "kosten",
            "koude",
            "label",
            "lening",
            "lucht",
            "middel",
            "net",
            "netten",
            "netwerk",
            "opslag",
            "oppervlakte",
            "plan",
            "plannen",
            "pomp",
            "pompen",
            "prijs",
            "rest",
            "ruimte",
            "stroom",
            "subsidie",
            "tarief",
            "tarieven",
            "temperatuur",
            "transitie",
            "uitvoering",
            "uitvoerings",
            "unit",
            "units",
            "vastrecht",
            "visie",
            "warmte",
            "water",
            "wijk",
            "woning",
            "woningen",
        ],
        key=len,
        reverse=True,
    )
)
_LINKS = ("s", "en", "e")
_WORD = re.compile(r"[0-9a-zà-ÿ]+(?:[+&][0-9a-zà-ÿ]*)*", re.IGNORECASE)


def fold(text: str) -> str:
    """Lowercase and strip accents: 'geïsoleerd' → 'geisoleerd'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Words repeat across a corpus: fold each distinct one once per process.
_fold_word = functools.lru_cache(maxsize=1 << 18)(fold)


def words(text: str) -> list[str]:
    return [_fold_word(w) for w in _WORD.findall(text)]


@functools.lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Split ``word`` into known parts, or return () when it is not a known compound."""
    word = fold(word)
    for head in COMPOUND_PARTS:
        if not word.startswith(head) or len(word) - len(head) < 3:
            continue
        rest = word[len(head) :]
        for link in ("", *_LINKS):
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if tail in COMPOUND_PARTS:
                return (head, tail)
            deeper = split_compound(tail)
            if deeper:
                return (head, *deeper)
    return ()


@dataclass(frozen=True)
class Concept:
    """One thing the user asked about, with the phrasings that mean the same."""

    text: str
    alternatives: tuple[tuple[str, ...], ...]  # each alternative is a sequence of words
    parts: tuple[str, ...] = ()  # for a compound word: its parts (also an alternative)


@dataclass(frozen=True)
class Vocabulary:
    """Equivalent phrasings, both ways: abbreviation ⇄ expansion, synonym ⇄ synonym."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    # per group, the concept's name as the taxonomy writes it: an abbreviation's expansion,
    # a synonym group's first phrase
    names: tuple[str, ...] = ()
    # first word of a phrase -> (group number, phrase): a text is matched against the
    # phrases that can start at its words only, not against every phrase of the taxonomy
    by_first: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for number, group in enumerate(self.groups):
            for phrase in group:
                if phrase:
                    index.setdefault(phrase[0], []).append((number, phrase))
        object.__setattr__(self, "by_first", {k: tuple(v) for k, v in index.items()})

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> Vocabulary:
        groups = [
            (tuple(words(abbr)), tuple(words(expansion)))
            for abbr, expansion in taxonomy.abbreviations.items()
        ]
        names = [expansion for expansion in taxonomy.abbreviations.values()]
        groups.extend(tuple(tuple(words(p)) for p in group) for group in taxonomy.synonyms)
        names.extend(group[0] for group in taxonomy.synonyms)
        return cls(tuple(tuple(p for p in g if p) for g in groups), tuple(names))

    def name(self, number: int) -> str:
        return self.names[number] if number < len(self.names) else " ".join(self.groups[number][0])

    def concepts(self, query: str) -> list[Concept]:
        """The concepts in ``query``: known phrases first (longest wins), then single words."""
        tokens = words(query)
        concepts: list[Concept] = []
        i = 0
        while i < len(tokens):
            match = self._longest_phrase(tokens, i)
            if match:
                length, group = match
                phrase = tuple(tokens[i : i + length])
                others = tuple(p for p in group if p != phrase)
                concepts.append(Concept(" ".join(phrase), (phrase, *others)))
                i += length
                continue
            concepts.append(self._word_concept(tokens, i))
            i += 1
        return concepts

    def _longest_phrase(self, tokens: list[str], start: int):
        best = None
        for number, phrase in self.by_first.get(tokens[start], ()):
            end = start + len(phrase)
            if tuple(tokens[start:end]) == phrase and (best is None or len(phrase) > best[0]):
                best = (len(phrase), self.groups[number])
        return best

    def _word_concept(self, tokens: list[str], i: int) -> Concept:
        word = tokens[i]
        alternatives: list[tuple[str, ...]] = [(word,)]
        parts = split_compound(word)
        if parts:
            alternatives.append(parts)
        return Concept(word, tuple(alternatives), parts)
