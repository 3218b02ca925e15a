"""What a question is about and what it asks, as weighted sparse features.

Three kinds of features:

- ``c:N`` — a *concept* of the taxonomy: the synonym and abbreviation groups, joined when
  they share a phrasing (``WKO`` ⇄ ``warmte-koudeopslag`` ⇄ ``bodemenergie``). Phrases match
  on light-stemmed words, and inside compounds ("bodemwarmtepomp" holds "bodemwarmte").
- ``w:`` and ``p:`` — content words (light-stemmed), their compound parts and their first
  letters, for what the taxonomy does not know yet.
- ``intent:`` — what the question asks (cost, time, who, ...), read from the title only:
  summaries describe, titles ask. Negation is not an intent ("moet ik meedoen" and "kan ik
  weigeren" ask the same), so "niet", "blijven" and "moeten" are stop words.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

from ..model.vocabulary import Vocabulary, split_compound, words

# Weights of the parts of a question: the title asks, the summary and short answer explain.
FIELD_WEIGHTS = (1.0, 0.6, 0.3)
PART_WEIGHT = 0.5
CONCEPT_WEIGHT = 3.0  # a concept says more about the question than any one word
INSIDE_WEIGHT = 0.7  # a concept found inside a compound
PREFIX_LENGTH = 6
PREFIX_WEIGHT = 0.5
MIN_INSIDE = 4  # shortest concept phrase recognised inside a compound

INTENTS: dict[str, tuple[str, ...]] = {
    "cost": ("kost", "kosten", "prijs", "prijzen", "tarief", "tarieven", "bedrag", "duur",
             "duurder", "goedkoop", "goedkoper", "betaal", "betalen"),
    "payer": ("wie betaalt", "wie betalen", "wie draait op", "financier", "financiert",
              "financieren", "verdeelt", "verdelen"),
    "amount": ("hoeveel", "hoe hoog", "hoe groot", "veel"),
    "time": ("wanneer", "welk moment", "termijn", "datum", "hoeveel tijd", "hoe lang", "klaar"),
    "frequency": ("hoe vaak", "geactualiseerd", "actueel", "actualiseren"),
    "why": ("waarom",),
    "who": ("wie",),
    "where": ("waar", "plek", "plaats", "plaatsen", "welke kaart", "welke bron"),
    "difference": ("verschil", "verschillen"),
    "fit": ("geschikt", "past", "passen", "haalbaar", "haalbare", "realistisch", "optie",
            "verstandig", "alternatief"),
    "reliable": ("betrouwbaar", "betrouwbare", "zeker", "leveringszekerheid"),
    "permission": ("vergunning", "omgevingsvergunning", "toestemming"),
    "rules": ("norm", "geluidsnorm", "milieuregels", "regels gelden", "voldoen"),
    "publish": ("publiceren", "openbaar", "openbare"),
    "risk": ("risico", "risicos", "aansprakelijk", "misgaat", "uitvalt", "sluit"),
    "decide": ("bepaalt", "stelt vast", "vaststellen", "wie beslist", "besluit", "besluiten"),
    "how": ("hoe pak", "aanpakken", "opstellen", "hoe stel"),
    "content": ("staan", "onderdelen", "inhoud", "horen"),
    "refuse": ("niet mee", "weigeren", "weigert", "niet meedoen", "niet wil"),
    "lessons": ("lessen", "geleerd", "ervaringen"),
    "value": ("waarde",),
    "move": ("verhuizen",),
    "become": ("word ik", "worden"),
    "loan": ("lening", "lenen", "financiering"),
    "subsidy": ("subsidie", "subsidies"),
}  # fmt: skip
WEAK_INTENTS = frozenset({"intent:amount", "intent:fit", "intent:where", "intent:who"})

STOP_WORDS = frozenset(
    [
        "aan",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "het",
        "hij",
        "hoe",
        "ik",
        "in",
        "is",
        "je",
        "jij",
        "kan",
        "kunnen",
        "maar",
        "met",
        "mijn",
        "moet",
        "moeten",
        "na",
        "naar",
        "niet",
        "nog",
        "nu",
        "of",
        "om",
        "onze",
        "ons",
        "op",
        "over",
        "te",
        "tot",
        "uit",
        "van",
        "voor",
        "wat",
        "we",
        "welk",
        "welke",
        "wij",
        "wordt",
        "zal",
        "zijn",
        "zo",
        "zou",
        "straks",
        "nodig",
        "heeft",
        "hebben",
        "hebt",
        "houd",
        "houden",
        "krijgen",
        "krijg",
        "krijgt",
        "maakt",
        "maken",
        "gebeurt",
        "gebeuren",
        "wel",
        "later",
        "alsnog",
        "goed",
        "mag",
        "mogen",
        "blijven",
        "blijft",
        "gebruik",
        "gebruiken",
        "wijk",
        "wijken",
        "buurt",
        "buurten",
        "u",
        "uw",
        "hun",
        "haar",
        "ze",
        "zij",
        "men",
        "iets",
        "iemand",
        "ook",
        "toch",
        "echt",
        "allemaal",
        "dus",
        "even",
        "eens",
        "weer",
        "worden",
        "werd",
        "geen",
        "gaat",
        "gaan",
        "ga",
        "komt",
        "komen",
        "kun",
        "doe",
        "doen",
        "doet",
        "we",
        "wil",
        "willen",
        "waarin",
        "waarmee",
        "daar",
        "hier",
        "dan",
        "vooral",
        "veel",
        "meer",
        "minder",
        "als",
    ]
)
_SUFFIXES = ("heden", "ingen", "ing", "en", "es", "e", "s")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1([^aeiou])$")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light Dutch stemmer: strips common endings, undoubles consonants and vowels.

    'aansluitingen' → 'aansluit', 'betrouwbare' and 'betrouwbaar' → 'betrouwbar'.
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return _DOUBLE_VOWEL.sub(r"\1\2", word)


def concept_groups(vocabulary: Vocabulary) -> tuple[dict[tuple[str, ...], int], dict[int, str]]:
    """Stemmed phrase → concept number, joining groups that share a phrasing; and the
    concept's name (of the first group in the taxonomy that holds it)."""
    parent = list(range(len(vocabulary.groups)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    owner: dict[tuple[str, ...], int] = {}
    for number, group in enumerate(vocabulary.groups):
        for phrase in group:
            key = tuple(stem(w) for w in phrase)
            if key in owner:
                a, b = root(owner[key]), root(number)
                parent[max(a, b)] = min(a, b)
            else:
                owner[key] = number
    phrases = {key: root(number) for key, number in owner.items()}
    # a concept is named after its largest group (a synonym group rather than an abbreviation)
    best: dict[int, int] = {}
    for number, group in enumerate(vocabulary.groups):
        top = root(number)
        if top not in best or len(group) > len(vocabulary.groups[best[top]]):
            best[top] = number
    return phrases, {top: vocabulary.name(number) for top, number in best.items()}


class Featurizer:
    """Turns question texts into weighted features.

    ``lexicon`` holds the words seen in all texts: a word that is two known words
    glued together ("warmtenetaansluiting") also counts as its parts.
    """

    def __init__(self, vocabulary: Vocabulary, lexicon: frozenset[str] = frozenset()):
        self.lexicon = lexicon
        self._inside_cache: dict[str, set[int]] = {}
        self.concepts, self.names = concept_groups(vocabulary)
        self.intents = {
            tuple(stem(w) for w in words(v)): i for i, vs in INTENTS.items() for v in vs
        }
        self.single = {key[0]: n for key, n in self.concepts.items() if len(key) == 1}
        self.longest = max((len(p) for p in (*self.concepts, *self.intents)), default=1)
        self.starts = frozenset(p[0] for p in (*self.concepts, *self.intents))

    def features(self, title: str, summary: str = "", answer: str = "") -> Counter:
        found: Counter = Counter()
        for field, (text, weight) in enumerate(
            zip((title, summary, answer), FIELD_WEIGHTS, strict=True)
        ):
            if text:
                self._text(text, weight, found, with_intents=field == 0, with_words=field < 2)
        return found

    def _text(
        self, text: str, weight: float, found: Counter, with_intents: bool, with_words: bool
    ) -> None:
        """Count concepts and intents (longest phrase first), then the words left; the
        short answer, long and general, adds its concepts only."""
        tokens = words(text)
        stems = [stem(t) for t in tokens]
        i = 0
        while i < len(tokens):
            longest = min(self.longest, len(tokens) - i) if stems[i] in self.starts else 0
            for length in range(longest, 0, -1):
                key = tuple(stems[i : i + length])
                if length == 1 and tokens[i] in STOP_WORDS and key not in self.intents:
                    continue
                if key in self.concepts:
                    found[f"c:{self.concepts[key]}"] += CONCEPT_WEIGHT * weight
                    if with_intents and key in self.intents:
                        found[f"intent:{self.intents[key]}"] += weight
                    i += length
                    break
                if key in self.intents:
                    if with_intents:
                        found[f"intent:{self.intents[key]}"] += weight
                    i += length
                    break
            else:
                if with_words:
                    self._word(tokens[i], stems[i], weight, found)
                i += 1

    def _word(self, token: str, stemmed: str, weight: float, found: Counter) -> None:
        if token in STOP_WORDS or len(token) < 3:
            return
        found[f"w:{stemmed}"] += weight
        if len(stemmed) > PREFIX_LENGTH:
            found[f"p:{stemmed[:PREFIX_LENGTH]}"] += PREFIX_WEIGHT * weight
        for concept in self._inside(stemmed):
            found[f"c:{concept}"] += CONCEPT_WEIGHT * INSIDE_WEIGHT * weight
        parts = self.parts(token)
        # adjacent parts joined: "warmtenetaansluiting" also holds "warmtenet"
        if len(parts) > 2:
            for head, tail in itertools.pairwise(parts):
                found[f"w:{stem(head + tail)}"] += PART_WEIGHT * weight
        for part in parts:
            stemmed_part = stem(part)
            concept = self.single.get(stemmed_part)
            if concept is not None:
                found[f"c:{concept}"] += CONCEPT_WEIGHT * PART_WEIGHT * weight
            else:
                found[f"w:{stemmed_part}"] += PART_WEIGHT * weight

    def _inside(self, stemmed: str) -> set[int]:
        """Concepts named at the start or end of a compound ("bodemwarmtepomp")."""
        cached = self._inside_cache.get(stemmed)
        if cached is None:
            cached = self._inside_cache[stemmed] = self._find_inside(stemmed)
        return cached

    def _find_inside(self, stemmed: str) -> set[int]:
        found = set()
        for cut in range(MIN_INSIDE, len(stemmed) - MIN_INSIDE + 1):
            for piece in (stemmed[:cut], stemmed[cut:]):
                concept = self.single.get(piece) or self.single.get(stem(piece))
                if concept is not None:
                    found.add(concept)
        return found

    def parts(self, token: str) -> tuple[str, ...]:
        known = split_compound(token)
        if known:
            return known
        for i in range(len(token) - 3, 2, -1):
            head, tail = token[:i], token[i:]
            for head_form in (head, head[:-1] if head.endswith("s") else None):
                if head_form and head_form in self.lexicon and tail in self.lexicon:
                    return (head_form, tail)
        return ()
