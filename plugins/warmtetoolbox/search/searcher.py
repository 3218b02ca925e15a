"""Searching the index: query understanding, tiered ranking, suggestions, snippets.

Whoosh (here the ``whoosh-reloaded`` fork) is unmaintained; every Whoosh call lives in
this subpackage, behind a small API (``ensure_index``, ``SearchIndex.search``,
``SearchIndex.similar``), so the engine can be replaced without touching anything else.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TypeVar

from whoosh import collectors
from whoosh import query as Q
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.searching import Searcher

from ..model.entries import Corpus, Entry
from ..model.vocabulary import Vocabulary, words
from .analysis import QUERY_ANALYZER, plain_text
from .index import BuildReport, IndexUnavailable, ensure_index, open_whoosh
from .manifest import damage, fingerprint

MAX_QUERY_LENGTH = 200
SNIPPET_SOURCE_CHARS = 4000
MAX_TIER_QUERIES = 12
COMPOUND_RARE_BELOW = 3
ENOUGH_STRICT_HITS = 3  # with this many entries matching most words, skip the loose tier
# Other phrasings of a concept from the vocabulary: at most this many (the taxonomy's
# preferred ones first), and a phrasing of several words only when one of its words is
# selective (in at most SELECTIVE_SHARE of the entries, or SELECTIVE_MIN): its words are
# matched anywhere in a text, and common words found apart prove nothing while they make
# the query match, and score, most of the toolbox.
OTHER_PHRASINGS = 4
SELECTIVE_SHARE = 0.01
SELECTIVE_MIN = 5
SIMILAR_TERMS = 12
MAX_LIMIT = 50
T = TypeVar("T")
log = logging.getLogger("warmtetoolbox.search")


class QueryError(ValueError):
    """A query that cannot be searched, with a Dutch message for the user."""


@dataclass(frozen=True)
class Filters:
    type: str | None = None
    tag: str | None = None
    audience: str | None = None
    status: str | None = None
    municipality: str | None = None

    def query(self) -> Q.Query | None:
        terms = [Q.Term(name, value) for name, value in vars(self).items() if value]
        return Q.And(terms) if terms else None


@dataclass(frozen=True)
class Hit:
    id: str
    type: str
    title: str
    url: str
    score: float
    snippet: str


@dataclass(frozen=True)
class Results:
    query: str
    total: int
    suggestion: str | None
    hits: tuple[Hit, ...] = field(default=())

    def as_json(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "results": [
                {
                    "id": h.id,
                    "type": h.type,
                    "title": h.title,
                    "url": h.url,
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                }
                for h in self.hits
            ],
        }


def clean_query(raw: str) -> str:
    """Validate and normalise a user's query; raises ``QueryError``."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", raw)
    text = " ".join(text.split())
    if not text:
        raise QueryError("geef een zoekvraag op")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"de zoekvraag is te lang (meer dan {MAX_QUERY_LENGTH} tekens)")
    return text


def _analyzed(text: str) -> list[str]:
    return [t.text for t in QUERY_ANALYZER(text)]


class SearchIndex:
    """An open index plus the corpus it was built from. Thread-safe for searching.

    Files are read without mmap. Before every search the index files are compared
    with how they were when opened (size, time, inode); a search that fails on an
    index whose files no longer match their manifest rebuilds it and tries once more.
    """

    def __init__(self, corpus: Corpus, root: Path):
        self.corpus = corpus
        self.root = root
        self._lock = threading.Lock()
        self._vocabulary = Vocabulary.from_taxonomy(corpus.taxonomy)
        self._plain_bodies: dict[str, str] = {}
        self._open(ensure_index(corpus, root))

    def _open(self, report: BuildReport) -> None:
        try:
            searcher = open_whoosh(report.path).searcher()
        except Exception:  # Whoosh raises anything from an unreadable index
            raise IndexUnavailable(
                f"{report.path}: fout: de zoekindex is onleesbaar; verwijder deze map "
                "en probeer het opnieuw"
            ) from None
        self.report = report
        self._searcher: Searcher = searcher
        self._fingerprint = fingerprint(report.path)

    def _reopen(self) -> None:
        """Verify the index (rebuilding it when damaged) and open it again."""
        old = self._searcher
        report = ensure_index(self.corpus, self.root)
        self._open(report)
        with contextlib.suppress(Exception):  # the old files may be gone or damaged
            old.close()
        if report.damaged:
            log.warning(report.warning())

    def _guarded(self, action: Callable[[], T]) -> T:
        with self._lock:
            if fingerprint(self.report.path) != self._fingerprint:
                self._reopen()
            try:
                return action()
            except QueryError:
                raise
            except Exception:
                if damage(self.report.path) is None:
                    raise
                self._reopen()
                return action()

    def _plain(self, entry: Entry) -> str:
        """The body as plain text for snippets, computed once per entry."""
        text = self._plain_bodies.get(entry.id)
        if text is None:
            text = self._plain_bodies[entry.id] = plain_text(entry.body)[:SNIPPET_SOURCE_CHARS]
        return text

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # query building
    def _alternative(self, phrase: Iterable[str]) -> Q.Query | None:
        terms = [t for word in phrase for t in _analyzed(word)]
        if not terms:
            return None
        per_term = [Q.Term("content", term) for term in dict.fromkeys(terms)]
        return per_term[0] if len(per_term) == 1 else Q.And(per_term)

    def _frequent(self, word: str) -> bool:
        terms = _analyzed(word)
        reader = self._searcher.reader()
        return bool(terms) and reader.doc_frequency("content", terms[0]) >= COMPOUND_RARE_BELOW

    def _selective(self, phrase: tuple[str, ...]) -> bool:
        terms = [t for word in phrase for t in _analyzed(word)]
        if len(terms) <= 1:
            return True
        reader = self._searcher.reader()
        limit = max(SELECTIVE_MIN, SELECTIVE_SHARE * reader.doc_count())
        return min(reader.doc_frequency("content", t) for t in terms) <= limit

    def concept_queries(self, text: str) -> list[Q.Query]:
        """One query per concept in ``text``, each matching any of its phrasings: the
        words as typed, a compound's parts, and the vocabulary's other phrasings
        (``OTHER_PHRASINGS``, selective ones only)."""
        concepts = []
        for concept in self._vocabulary.concepts(text):
            typed, *others = concept.alternatives
            alternatives = [typed]
            if concept.parts and not self._frequent(concept.text):
                # the index holds the parts of every compound it saw; the parts written
                # apart only matter when the compound itself is rare
                alternatives.append(concept.parts)
            others = [p for p in others if p != concept.parts and self._selective(p)]
            alternatives += others[:OTHER_PHRASINGS]
            options = list(
                dict.fromkeys(q for alt in alternatives if (q := self._alternative(alt)))
            )
            if options:
                concepts.append(options[0] if len(options) == 1 else Q.Or(options))
        return concepts

    def _suggest(self, text: str) -> str | None:
        """A corrected query when a word does not occur in the toolbox (typo), else None."""
        reader = self._searcher.reader()
        changed = False
        out = []
        for word in words(text):
            suggestion = word
            if len(word) >= 4 and not reader.frequency("spelling", word):
                found = self._searcher.suggest("spelling", word, limit=8, maxdist=2, prefix=1)
                if found:
                    ranked = sorted(
                        found,
                        key=lambda c: (_distance(word, c), -reader.doc_frequency("spelling", c)),
                    )
                    suggestion, changed = ranked[0], True
            out.append(suggestion)
        return " ".join(out) if changed else None

    def search(self, raw: str, filters: Filters | None = None, limit: int = 10) -> Results:
        text = clean_query(raw)
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError(f"limit moet tussen 1 en {MAX_LIMIT} liggen")
        filter_query = (filters or Filters()).query()
        return self._guarded(lambda: self._search_all(text, filter_query, limit))

    def _search_all(self, text: str, filter_query, limit: int) -> Results:
        results, total = self._run(text, filter_query, limit)
        suggestion = self._suggest(text)
        if suggestion:
            better, better_total = self._run(suggestion, filter_query, limit)
            if better_total:
                results, total = better, better_total
            else:
                suggestion = None
        return Results(text, total, suggestion, tuple(results))

    def _run(self, text: str, filter_query, limit: int) -> tuple[list[Hit], int]:
        """Rank by how many concepts an entry matches, then by score.

        Intersections are fast in Whoosh, unions of common terms are not: so first
        every concept, then all but one, then all but two; a plain union only when
        that still finds too little.
        """
        concepts = self.concept_queries(text)
        if not concepts:
            return [], 0
        hits: dict[str, Hit] = {}
        total = 0
        for loose, query in self._tiers(concepts):
            if loose and len(hits) >= ENOUGH_STRICT_HITS:
                break  # entries matching one word only add little, and cost the most
            tier = []
            for found in (self._search(q, filter_query, limit) for q in query):
                total = max(
                    total, len(found) if found.has_exact_length() else found.estimated_length()
                )
                tier.extend(h for h in found if h["id"] not in hits)
            for hit in sorted(tier, key=lambda h: h.score, reverse=True):
                if len(hits) >= limit:
                    break
                entry = self.corpus.get(hit["id"])
                if entry is not None and entry.id not in hits:
                    snippet = _snippet(hit, entry.summary, self._plain(entry))
                    hits[entry.id] = Hit(
                        entry.id, entry.type, entry.title, entry.url, hit.score, snippet
                    )
            if len(hits) >= limit:
                break
        return list(hits.values()), max(total, len(hits))

    @staticmethod
    def _tiers(concepts: list[Q.Query]):
        """(loose, queries) from strict to loose: all concepts, all but one, all but two, any."""
        n = len(concepts)
        if n == 1:
            yield False, concepts
            return
        for size in range(n, max(1, n - 2), -1):
            combos = itertools.combinations(concepts, size)
            yield False, [Q.And(list(c)) for c in combos][:MAX_TIER_QUERIES]
        yield True, [Q.Or(concepts)]

    def _search(self, query: Q.Query, filter_query, limit: int):
        # replace=0: Whoosh's matcher replacement drops matching documents from the
        # top k of nested And/Or queries (seen with whoosh-reloaded 2.7.5); block-quality
        # skipping stays on. No terms=True: that switches skipping off (5x slower).
        collector = collectors.TopCollector(limit=limit, usequality=True, replace=0)
        if filter_query is not None:
            collector = collectors.FilterCollector(collector, allow=filter_query)
        self._searcher.search_with_collector(query, collector)
        found = collector.results()
        found.fragmenter = ContextFragmenter(maxchars=220, surround=60)
        found.formatter = _MARK
        return found

    def similar(self, entry: Entry, limit: int = 5) -> tuple[str, ...]:
        """Ids of entries that share this entry's key terms (more-like-this)."""
        return self._guarded(lambda: self._similar(entry, limit))

    def _similar(self, entry: Entry, limit: int) -> tuple[str, ...]:
        docnum = self._searcher.document_number(id=entry.id)
        if docnum is None:
            return ()
        text = f"{entry.title} {entry.summary} {self._plain(entry)}"
        keys = self._searcher.key_terms_from_text("content", text, numterms=SIMILAR_TERMS)
        if not keys:
            return ()
        query = Q.Or([Q.Term("content", term, boost=weight) for term, weight in keys])
        collector = collectors.TopCollector(limit=limit, usequality=True, replace=0)
        collector = collectors.FilterCollector(collector, restrict={docnum})
        self._searcher.search_with_collector(query, collector)
        return tuple(hit["id"] for hit in collector.results())


_MARK = HtmlFormatter(tagname="mark")
_MARK.template = "<%(tag)s>%(t)s</%(tag)s>"


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small words only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _snippet(hit, summary: str, body: str) -> str:
    """The best-matching fragments of the summary, else of the body, with <mark>."""
    for text in (summary, body):
        snippet = hit.highlights("content", text=text, top=2)
        if snippet:
            return snippet
    return escape(summary)
