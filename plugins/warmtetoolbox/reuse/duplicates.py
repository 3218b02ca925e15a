"""Near-duplicate questions: the same question asked in other words.

Each question (title, summary and short answer) becomes a sparse vector of features
(``features``): the taxonomy's concepts, the question's intent and light-stemmed content
words with their compound parts. Pairs are scored by cosine similarity, lowered when the
questions ask different things about one topic. Candidates come from an inverted index
over the rarer features, so questions are never compared all against all. Each pair
names the concepts both questions share: the reason shown by ``check`` and ``reuse``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model.vocabulary import Vocabulary, words
from .features import STOP_WORDS, WEAK_INTENTS, Featurizer, stem

__all__ = ["DEFAULT_THRESHOLD", "DuplicateFinder", "Pair", "stem"]

DEFAULT_THRESHOLD = 0.35
INTENT_WEIGHT = 2.0
TOPIC_MIN = 0.35  # below this topic similarity, the score is scaled down
INTENT_PARTIAL = 0.8  # both ask one thing alike, one asks more
INTENT_MISSING = 0.5  # one asks a specific thing, the other does not
INTENT_CONFLICT = 0.35
INTENT_WEAK_MISSING = 0.9
INTENT_WEAK_CONFLICT = 0.7
# A feature shared by more than this share of questions does not make pairs on its own.
CANDIDATE_MAX_SHARE = 0.005
CANDIDATE_MIN_LIST = 50
REASON_CONCEPTS = 4
MAX_FEATURES = 24  # per question: keeps each comparison short

Text = str | tuple[str, str, str]


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    score: float
    concepts: tuple[str, ...] = ()  # the shared concepts, strongest first

    @property
    def reason(self) -> str:
        if not self.concepts:
            return "dezelfde woorden"
        return "gedeelde begrippen: " + ", ".join(self.concepts)


def intent_agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when both ask the same kind of thing, less when one asks something the other
    does not ("what is it" / "how often is it updated"), least when they ask different
    things ("what does it cost" / "who owns it"). Weak intents ("hoeveel", "wie") only
    count when neither question has a stronger one."""
    strong_a, strong_b = a - WEAK_INTENTS, b - WEAK_INTENTS
    if strong_a or strong_b:
        if strong_a == strong_b:
            return 1.0
        if strong_a & strong_b:
            return INTENT_PARTIAL
        return INTENT_MISSING if not (strong_a and strong_b) else INTENT_CONFLICT
    if a & b or (not a and not b):
        return 1.0
    return INTENT_WEAK_MISSING if not (a and b) else INTENT_WEAK_CONFLICT


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {f: w / norm for f, w in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


def _fields(text: Text) -> tuple[str, str, str]:
    return (text, "", "") if isinstance(text, str) else text


class DuplicateFinder:
    """Scores question pairs; ``documents`` (id → title, or title, summary and short
    answer) give the feature weights (IDF)."""

    def __init__(
        self, vocabulary: Vocabulary, documents: Mapping[str, Text], background: Iterable[Text] = ()
    ):
        """``background`` texts (other entries) only sharpen the feature weights."""
        documents = {key: _fields(text) for key, text in documents.items()}
        background = [_fields(text) for text in background]
        lexicon = frozenset(
            w
            for fields in [*documents.values(), *background]
            for w in words(fields[0])
            if len(w) >= 4 and w not in STOP_WORDS
        )
        self.featurizer = Featurizer(vocabulary, lexicon)
        self.raw = {key: self.featurizer.features(*fields) for key, fields in documents.items()}
        df: Counter = Counter()
        for features in self.raw.values():
            df.update(features.keys())
        for fields in background:
            df.update(self.featurizer.features(*fields).keys())
        total = max(len(self.raw) + len(background), 1)
        self.idf = {f: math.log((1 + total) / (1 + n)) + 1 for f, n in df.items()}
        self.df = df
        self.vectors = {key: self._vector(features) for key, features in self.raw.items()}
        titles = {key: self.featurizer.features(fields[0]) for key, fields in documents.items()}
        self.title_vectors = {key: self._vector(features) for key, features in titles.items()}

    def _vector(self, features: Counter) -> tuple[dict[str, float], dict[str, float], frozenset]:
        """Unit vectors of all features (intents weigh extra) and of the topic alone,
        and the set of intents."""
        intents = frozenset(f for f in features if f.startswith("intent:"))
        weights = {f: count * self.idf.get(f, 1.0) for f, count in features.items()}
        if len(weights) > MAX_FEATURES:  # the heaviest features carry the cosine
            weights = dict(sorted(weights.items(), key=lambda fw: -fw[1])[:MAX_FEATURES])
        full = {f: w * (INTENT_WEIGHT if f in intents else 1.0) for f, w in weights.items()}
        topic = {f: w for f, w in weights.items() if f not in intents}
        return _unit(full), _unit(topic), intents

    def score(self, a: str, b: str) -> float:
        """Cosine similarity, lowered when the questions ask different things about
        the same topic, or the same kind of thing about different topics. The better of
        the whole questions and their titles alone: a summary may only add evidence."""
        return max(
            self._score(self.vectors[a], self.vectors[b]),
            self._score(self.title_vectors[a], self.title_vectors[b]),
        )

    @staticmethod
    def _score(vector_a, vector_b) -> float:
        full_a, topic_a, intents_a = vector_a
        full_b, topic_b, intents_b = vector_b
        full = _dot(full_a, full_b)
        if not full:
            return 0.0
        gate = min(1.0, _dot(topic_a, topic_b) / TOPIC_MIN) if topic_a and topic_b else 1.0
        return full * intent_agreement(intents_a, intents_b) * gate

    def shared_concepts(self, a: str, b: str) -> tuple[str, ...]:
        """Names of the concepts both questions hold, the strongest first."""
        full_a, full_b = self.vectors[a][0], self.vectors[b][0]
        shared = sorted(
            (f for f in full_a if f.startswith("c:") and f in full_b),
            key=lambda f: (-full_a[f] * full_b[f], f),
        )
        names = self.featurizer.names
        return tuple(names[int(f[2:])] for f in shared[:REASON_CONCEPTS])

    def candidates(self) -> Iterable[tuple[str, str]]:
        """Pairs whose titles share at least one feature that is not too common."""
        limit = max(CANDIDATE_MIN_LIST, int(CANDIDATE_MAX_SHARE * len(self.vectors)))
        postings: dict[str, list[str]] = defaultdict(list)
        for key, (_, topic, _) in self.title_vectors.items():
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
                found.append(Pair(a, b, round(score, 3), self.shared_concepts(a, b)))
        return sorted(found, key=lambda p: (-p.score, p.a, p.b))
