"""Full-text search over the corpus. Every Whoosh call lives in this module.

Whoosh (here the ``whoosh-reloaded`` fork) is unmaintained; keeping it behind this
module's small API (``ensure_index``, ``SearchIndex.search``, ``SearchIndex.similar``)
means the engine can be replaced without touching anything else.

Index layout under ``root``: one folder per corpus hash (``ix-<hash>``) and a file
``CURRENT`` naming the live one. A new index is written into a temporary folder,
renamed into place, and only then made current by atomically replacing ``CURRENT``;
an interrupted build leaves the previous index untouched.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from whoosh import collectors
from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.analysis import Filter, LanguageAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.searching import Searcher

from .entries import Corpus, Entry
from .vocabulary import Vocabulary, fold, split_compound, words

ANALYSIS_VERSION = "4"  # bump when the analysis or schema changes: forces a rebuild
MAX_QUERY_LENGTH = 200
SNIPPET_SOURCE_CHARS = 4000
MAX_TIER_QUERIES = 12
COMPOUND_RARE_BELOW = 3
ENOUGH_STRICT_HITS = 3  # with this many entries matching most words, skip the loose tier
SIMILAR_TERMS = 12
MAX_LIMIT = 50
# Field weights, applied by repeating a field's text in the one searched field
# ("content"): one posting list per term keeps queries fast at 10,000 entries.
FIELD_WEIGHTS = {"title": 3, "tags": 2, "summary": 2, "body": 1}
_INDEX_NAME = "toolbox"


class QueryError(ValueError):
    """A query that cannot be searched, with a Dutch message for the user."""


class _CompoundFilter(Filter):
    """Adds the parts of known compounds: 'warmtenetten' also yields 'warmte', 'netten'."""

    def __call__(self, tokens):
        for token in tokens:
            # Later filters change the token in place, so split before yielding it.
            parts = split_compound(token.text)
            yield token
            for part in parts:
                token.text = part
                yield token


class _DutchFixups(Filter):
    """Smooths two Snowball-Dutch rough edges: 'plann' → 'plan', 'subsidies' → 'subsidie'."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if (len(text) > 4 and text[-1] == text[-2] and text[-1] not in "aeiou") or (
                len(text) > 5 and text.endswith("ies")
            ):
                text = text[:-1]
            token.text = text
            yield token


def _analyzer(compounds: bool):
    """Dutch analysis; ``compounds`` adds the parts of compounds (index side only)."""
    base = LanguageAnalyzer("nl", expression=r"(?i)[0-9a-zà-ÿ]+(?:[+&][0-9a-zà-ÿ]*)*")
    tokenizer, *filters = base.items
    from whoosh.analysis import CharsetFilter
    from whoosh.support.charset import accent_map

    chain = tokenizer
    for item in filters:
        chain = chain | item
        if item.__class__.__name__ == "LowercaseFilter":
            chain = chain | CharsetFilter(accent_map)
            if compounds:
                chain = chain | _CompoundFilter()
    return chain | _DutchFixups()


ANALYZER = _analyzer(compounds=True)
QUERY_ANALYZER = _analyzer(compounds=False)


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        hash=STORED(),
        type=ID(),
        status=ID(),
        content=TEXT(analyzer=ANALYZER, phrase=False),
        spelling=TEXT(analyzer=_plain_analyzer(), phrase=False),
        tag=KEYWORD(commas=True),
        audience=KEYWORD(commas=True),
        municipality=KEYWORD(commas=True),
    )


def _plain_analyzer():
    from whoosh.analysis import RegexTokenizer

    return RegexTokenizer(r"(?i)[a-zà-ÿ]{4,}") | _Folding()


class _Folding(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


_MARKDOWN = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[#*_`>|]+")


def plain_text(markdown: str) -> str:
    """Readable text from Markdown, for indexing and snippets."""
    return " ".join(_MARKDOWN.sub(lambda m: m.group(1) or " ", markdown).split())


def entry_hash(entry: Entry, corpus: Corpus) -> str:
    tag_labels = [corpus.taxonomy.tags[t].label for t in entry.tags if t in corpus.taxonomy.tags]
    return hashlib.sha256(f"{entry!r}{tag_labels!r}".encode()).hexdigest()[:20]


def corpus_hash(corpus: Corpus) -> str:
    digest = hashlib.sha256(ANALYSIS_VERSION.encode())
    digest.update(repr(corpus.taxonomy).encode())
    for entry in corpus:
        digest.update(entry_hash(entry, corpus).encode())
    return digest.hexdigest()[:24]


def _document(entry: Entry, corpus: Corpus) -> dict:
    tags = corpus.taxonomy.tags
    tag_text = " ".join(tags[t].label for t in entry.tags if t in tags)
    body = plain_text(entry.body)
    fields = {"title": entry.title, "tags": tag_text, "summary": entry.summary, "body": body}
    content = " \n".join(" \n".join([text] * FIELD_WEIGHTS[name]) for name, text in fields.items())
    return {
        "id": entry.id,
        "hash": entry_hash(entry, corpus),
        "type": entry.type,
        "status": entry.status,
        "content": content,
        "spelling": f"{entry.title} {entry.summary} {tag_text} {body}",
        "tag": ",".join(entry.tags),
        "audience": ",".join(entry.audience),
        "municipality": ",".join(sorted({a.municipality for a in entry.asked_in})),
    }


# -- building ---------------------------------------------------------------


@dataclass(frozen=True)
class BuildReport:
    path: Path
    rebuilt: bool
    added: int = 0
    removed: int = 0


def _current(root: Path) -> Path | None:
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if name and whoosh_index.exists_in(path, _INDEX_NAME) else None


def ensure_index(corpus: Corpus, root: Path) -> BuildReport:
    """Make the index under ``root`` match ``corpus``; re-index only changed entries."""
    target_name = f"ix-{corpus_hash(corpus)}"
    current = _current(root)
    if current is not None and current.name == target_name:
        return BuildReport(current, rebuilt=False)
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    try:
        added, removed = _write(corpus, current, work)
        final = root / target_name
        if final.exists():
            shutil.rmtree(final)
        os.replace(work, final)
        _point_current(root, target_name)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _remove_old(root, keep=target_name)
    return BuildReport(final, rebuilt=True, added=added, removed=removed)


def _write(corpus: Corpus, previous: Path | None, work: Path) -> tuple[int, int]:
    wanted = {e.id: (e, entry_hash(e, corpus)) for e in corpus}
    old: dict[str, str] = {}
    if previous is not None and _same_analysis(previous):
        # Copy the index files only: caches computed from the old corpus stay behind.
        ignore = shutil.ignore_patterns("similar-*.json", "*LOCK", "analysis.json")
        shutil.copytree(previous, work, dirs_exist_ok=True, ignore=ignore)
        ix = whoosh_index.open_dir(str(work), indexname=_INDEX_NAME)
        with ix.searcher() as searcher:
            old = {f["id"]: f["hash"] for f in searcher.all_stored_fields()}
    else:
        ix = whoosh_index.create_in(str(work), _schema(), indexname=_INDEX_NAME)
    stale = [i for i, h in old.items() if i not in wanted or wanted[i][1] != h]
    fresh = [e for i, (e, h) in wanted.items() if old.get(i) != h]
    writer = ix.writer(limitmb=256)
    for entry_id in stale:
        writer.delete_by_term("id", entry_id)
    for entry in fresh:
        writer.add_document(**_document(entry, corpus))
    writer.commit(optimize=len(fresh) > 0.5 * max(len(wanted), 1))
    (work / "analysis.json").write_text(json.dumps({"version": ANALYSIS_VERSION}))
    return len(fresh), len(stale)


def _same_analysis(path: Path) -> bool:
    try:
        return json.loads((path / "analysis.json").read_text())["version"] == ANALYSIS_VERSION
    except (OSError, ValueError, KeyError):
        return False


def _point_current(root: Path, name: str) -> None:
    pointer = root / f".CURRENT-{os.getpid()}"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, root / "CURRENT")


def _remove_old(root: Path, keep: str) -> None:
    for child in root.iterdir():
        if child.is_dir() and child.name.startswith("ix-") and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)


# -- searching ----------------------------------------------------------------


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
    """An open index plus the corpus it was built from. Thread-safe for searching."""

    def __init__(self, corpus: Corpus, root: Path):
        self.corpus = corpus
        self.report = ensure_index(corpus, root)
        self._index = whoosh_index.open_dir(str(self.report.path), indexname=_INDEX_NAME)
        self._searcher: Searcher = self._index.searcher()
        self._lock = threading.Lock()
        self._vocabulary = Vocabulary.from_taxonomy(corpus.taxonomy)
        self._plain_bodies: dict[str, str] = {}

    def _plain(self, entry: Entry) -> str:
        """The body as plain text for snippets, computed once per entry."""
        text = self._plain_bodies.get(entry.id)
        if text is None:
            text = self._plain_bodies[entry.id] = plain_text(entry.body)[:SNIPPET_SOURCE_CHARS]
        return text

    def close(self) -> None:
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

    def concept_queries(self, text: str) -> list[Q.Query]:
        """One query per concept in ``text``, each matching any of its phrasings."""
        concepts = []
        for concept in self._vocabulary.concepts(text):
            alternatives = list(concept.alternatives)
            if concept.parts and self._frequent(concept.text):
                # the index holds the parts of every compound it saw; the parts written
                # apart only matter when the compound itself is rare
                alternatives.remove(concept.parts)
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
        with self._lock:
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
        with self._lock:
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


def similar_map(index: SearchIndex, limit: int = 5) -> dict[str, tuple[str, ...]]:
    """More-like-this for every entry, cached beside the index it was computed from."""
    cache = index.report.path / f"similar-{limit}.json"
    try:
        return {k: tuple(v) for k, v in json.loads(cache.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError):
        pass
    result = {entry.id: index.similar(entry, limit) for entry in index.corpus}
    partial = cache.with_suffix(f".tmp-{os.getpid()}")
    partial.write_text(json.dumps(result), encoding="utf-8")
    os.replace(partial, cache)
    return result


def _snippet(hit, summary: str, body: str) -> str:
    """The best-matching fragments of the summary, else of the body, with <mark>."""
    for text in (summary, body):
        snippet = hit.highlights("content", text=text, top=2)
        if snippet:
            return snippet
    return escape(summary)
