"""Near-duplicate questions: the same question asked in other words.

Each question title becomes a sparse vector of features: synonym groups from the
taxonomy, the question's intent (cost, time, who, where, ...), and light-stemmed
content words with their compound parts. Pairs are scored by cosine similarity.
Candidates come from an inverted index over the rarer features, so questions are
never compared all against all.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model.vocabulary import Vocabulary, split_compound, words

DEFAULT_THRESHOLD = 0.35
INTENT_WEIGHT = 2.0
TOPIC_MIN = 0.35  # below this topic similarity, the score is scaled down
INTENT_MISSING = 0.8
INTENT_CONFLICT = 0.45
WEAK_INTENTS = {"amount"}  # "hoeveel" and "hoe hoog" say little on their own
PART_WEIGHT = 0.5
# A feature shared by more than this share of questions does not make pairs on its own.
CANDIDATE_MAX_SHARE = 0.01
CANDIDATE_MIN_LIST = 50

# What a question asks about, whatever the topic: two questions on the same topic
# with a different intent ("what does it cost" / "who owns it") are different questions.
INTENTS: dict[str, tuple[str, ...]] = {
    "cost": ("kost", "kosten", "betaal", "betalen", "prijs", "prijzen", "tarief", "tarieven",
             "bedrag", "duur", "geld", "goedkoop", "vraagt"),
    "amount": ("hoeveel", "hoog", "hoe groot", "veel"),
    "time": ("wanneer", "moment", "termijn", "datum", "welk moment", "wanneer wordt"),
    "who": ("wie",),
    "where": ("waar", "plek", "plaats", "plaatsen"),
    "difference": ("verschil", "verschillen", "of een"),
    "fit": ("geschikt", "past", "passen", "haalbaar", "haalbare", "realistisch", "optie",
            "verstandig", "alternatief", "goede"),
    "reliable": ("betrouwbaar", "betrouwbare", "zeker", "leveringszekerheid"),
    "permission": ("vergunning", "toestemming", "instemmen", "instemming"),
    "refuse": ("niet mee", "weigeren", "weigert", "niet meedoen", "niet wil"),
    "how": ("hoe pak", "aanpakken", "hoe verduurzaam", "hoe werken", "samenwerken"),
    "role": ("rol", "taak"),
    "risk": ("risico", "risicos", "aansprakelijk", "uitvalt", "sluit"),
    "content": ("staan", "onderdelen", "inhoud", "horen"),
    "loan": ("lening", "lenen", "financiering"),
    "subsidy": ("subsidie", "subsidies"),
    "use": ("verbruik", "verbruikt", "stroom"),
}  # fmt: skip

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
        "waarom",
        "wat",
        "we",
        "welk",
        "welke",
        "wij",
        "wordt",
        "worden",
        "zal",
        "zijn",
        "zo",
        "zou",
        "straks",
        "er",
        "nodig",
        "heeft",
        "hebben",
        "hebt",
        "houd",
        "houden",
        "krijgen",
        "maakt",
        "maken",
        "gebeurt",
        "gebeuren",
        "wel",
        "later",
        "alsnog",
        "goed",
        "bewoner",
        "bewoners",
        "woning",
        "woningen",
        "huis",
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
    ]
)
_SUFFIXES = ("heden", "ingen", "ing", "en", "es", "e", "s")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1([^aeiou])$")
PREFIX_LENGTH = 6
PREFIX_WEIGHT = 0.5


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


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    score: float


def intent_agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when both ask the same kind of thing, less when one or both say nothing, least
    when they ask different things ("what does it cost" / "who owns it")."""
    if a & b or (not a and not b):
        return 1.0
    if not a or not b:
        return INTENT_MISSING
    weak = {f"intent:{name}" for name in WEAK_INTENTS}
    if a <= weak or b <= weak:
        return INTENT_MISSING
    return INTENT_CONFLICT


class Featurizer:
    """Turns question titles into weighted features.

    ``lexicon`` holds the words seen in all titles: a word that is two known words
    glued together ("warmtenetaansluiting") also counts as its parts.
    """

    def __init__(self, vocabulary: Vocabulary, lexicon: frozenset[str] = frozenset()):
        self.lexicon = lexicon
        phrases: dict[tuple[str, ...], str] = {}
        for number, group in enumerate(vocabulary.groups):
            for phrase in group:
                phrases.setdefault(phrase, f"syn:{number}")
        for intent, variants in INTENTS.items():
            for variant in variants:
                phrases[tuple(words(variant))] = f"intent:{intent}"
        self.phrases = phrases
        self.longest = max((len(p) for p in phrases), default=1)

    def features(self, text: str) -> Counter:
        """Phrases first (on all words, then again without stop words), then single words."""
        found: Counter = Counter()
        rest = self._phrases(words(text), found, shortest=2)
        content = [t for t in rest if t not in STOP_WORDS]
        for token in self._phrases(content, found, shortest=1):
            self._word(token, found)
        return found

    def _phrases(self, tokens: list[str], found: Counter, shortest: int) -> list[str]:
        """Count known phrases (longest first); return the tokens that are left."""
        rest = []
        i = 0
        while i < len(tokens):
            for length in range(min(self.longest, len(tokens) - i), shortest - 1, -1):
                feature = self.phrases.get(tuple(tokens[i : i + length]))
                if feature:
                    found[feature] += 1
                    i += length
                    break
            else:
                rest.append(tokens[i])
                i += 1
        return rest

    def _word(self, token: str, found: Counter) -> None:
        if token in STOP_WORDS or len(token) < 3:
            return
        stemmed = stem(token)
        found[f"w:{stemmed}"] += 1
        if len(stemmed) > PREFIX_LENGTH:
            found[f"p:{stemmed[:PREFIX_LENGTH]}"] += PREFIX_WEIGHT
        for part in self.parts(token):
            feature = self.phrases.get((part,)) or f"w:{stem(part)}"
            found[feature] += PART_WEIGHT
            if len(part) > PREFIX_LENGTH:
                found[f"p:{stem(part)[:PREFIX_LENGTH]}"] += PREFIX_WEIGHT * PART_WEIGHT

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


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {f: w / norm for f, w in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


class DuplicateFinder:
    """Scores question pairs; ``documents`` give the feature weights (IDF)."""

    def __init__(
        self, vocabulary: Vocabulary, documents: Mapping[str, str], background: Iterable[str] = ()
    ):
        """``background`` texts (other titles) only sharpen the feature weights."""
        background = list(background)
        texts = [*documents.values(), *background]
        lexicon = frozenset(
            w for text in texts for w in words(text) if len(w) >= 4 and w not in STOP_WORDS
        )
        self.featurizer = Featurizer(vocabulary, lexicon)
        self.raw = {key: self.featurizer.features(text) for key, text in documents.items()}
        df: Counter = Counter()
        for features in [*self.raw.values(), *map(self.featurizer.features, background)]:
            df.update(features.keys())
        total = max(len(self.raw) + len(background), 1)
        self.idf = {f: math.log((1 + total) / (1 + n)) + 1 for f, n in df.items()}
        self.df = df
        self.vectors = {key: self._vector(features) for key, features in self.raw.items()}

    def _vector(self, features: Counter) -> tuple[dict[str, float], dict[str, float], frozenset]:
        """Unit vectors of all features (intents weigh extra) and of the topic alone,
        and the set of intents."""
        intents = frozenset(f for f in features if f.startswith("intent:"))
        weights = {f: count * self.idf.get(f, 1.0) for f, count in features.items()}
        full = {f: w * (INTENT_WEIGHT if f in intents else 1.0) for f, w in weights.items()}
        topic = {f: w for f, w in weights.items() if f not in intents}
        return _unit(full), _unit(topic), intents

    def score(self, a: str, b: str) -> float:
        """Cosine similarity, lowered when the questions ask different things about
        the same topic, or the same kind of thing about different topics."""
        full_a, topic_a, intents_a = self.vectors[a]
        full_b, topic_b, intents_b = self.vectors[b]
        full = _dot(full_a, full_b)
        if not full:
            return 0.0
        gate = min(1.0, _dot(topic_a, topic_b) / TOPIC_MIN) if topic_a and topic_b else 1.0
        return full * intent_agreement(intents_a, intents_b) * gate

    def candidates(self) -> Iterable[tuple[str, str]]:
        """Pairs that share at least one feature that is not too common."""
        limit = max(CANDIDATE_MIN_LIST, int(CANDIDATE_MAX_SHARE * len(self.vectors)))
        postings: dict[str, list[str]] = defaultdict(list)
        for key, (_, topic, _) in self.vectors.items():
            for feature in topic:
                if not feature.startswith("p:"):  # word prefixes are too weak to pair on
                    postings[feature].append(key)
        seen: set[tuple[str, str]] = set()
        for keys in postings.values():
            if len(keys) > limit:
                continue
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    if pair not in seen:
                        seen.add(pair)
                        yield pair

    def pairs(
        self, threshold: float = DEFAULT_THRESHOLD, distinct: Iterable[tuple[str, str]] = ()
    ) -> list[Pair]:
        """Candidate pairs scoring at least ``threshold``, minus pairs judged distinct."""
        skip = {tuple(sorted(p)) for p in distinct}
        found = []
        for a, b in self.candidates():
            if (a, b) in skip:
                continue
            score = self.score(a, b)
            if score >= threshold:
                found.append(Pair(a, b, round(score, 3)))
        return sorted(found, key=lambda p: (-p.score, p.a, p.b))
