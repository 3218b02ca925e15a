"""Weighted terms of an entry, for similar topics: the project's one vocabulary, no index.

An entry's terms are its folded words (``vocabulary.words``), the parts of known
compounds (``split_compound``) and, for every phrase of the taxonomy's abbreviations
and synonyms, one shared *concept* term, so ``WUP`` and ``wijkuitvoeringsplan`` count
as the same thing. Fields weigh as in the search index: title 3, tags 2, summary 2,
body 1.

Counting is the costly part at 10,000 entries, so the counts are cached per entry,
keyed by a hash of what they are computed from (the entry's text fields, its tag
labels, the vocabulary and ``VECTORS_VERSION``): an edit recounts only that entry.
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..model.atomic_files import write_atomically
from ..model.entries import Corpus, Entry
from ..model.vocabulary import Vocabulary, split_compound, words

VECTORS_VERSION = "1"  # bump when the counting changes: invalidates every cached vector
FIELD_WEIGHTS = {"title": 3, "tags": 2, "summary": 2, "body": 1}
CACHE_NAME = "termen.json"
# the same reading of Markdown as the search index (analysis.plain_text), without Whoosh
_MARKDOWN = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[#*_`>|]+")


def plain_markdown(markdown: str) -> str:
    return _MARKDOWN.sub(lambda m: m.group(1) or " ", markdown)


class TermCounter:
    """Counts terms of texts with one vocabulary (phrases matched longest first)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for number, group in enumerate(vocabulary.groups):
            concept = f"={number}"
            for phrase in group:
                self._phrases.setdefault(phrase[0], []).append((phrase, concept))
        for options in self._phrases.values():
            options.sort(key=lambda option: len(option[0]), reverse=True)
        self._chunks: dict[str, list[str]] = {}
        self.fingerprint = self.fingerprint_of(vocabulary)

    @staticmethod
    def fingerprint_of(vocabulary: Vocabulary) -> str:
        return hashlib.sha256(repr(vocabulary.groups).encode()).hexdigest()[:16]

    def tokens(self, text: str) -> list[str]:
        """``words(text)``, remembered per whitespace-separated chunk (the costly folding)."""
        memo = self._chunks
        if len(memo) > 500_000:
            memo.clear()
        tokens: list[str] = []
        for chunk in text.split():
            found = memo.get(chunk)
            if found is None:
                found = memo[chunk] = words(chunk)
            tokens.extend(found)
        return tokens

    def add(self, counts: Counter, text: str, weight: int) -> None:
        tokens = self.tokens(text)
        phrases = self._phrases
        for i, token in enumerate(tokens):
            if len(token) < 2:
                continue
            counts[token] += weight
            for part in split_compound(token):
                counts[part] += weight
            for phrase, concept in phrases.get(token, ()):
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    counts[concept] += weight
                    break

    def entry_counts(self, entry: Entry, tag_text: str) -> dict[str, int]:
        counts: Counter = Counter()
        fields = {
            "title": entry.title,
            "tags": tag_text,
            "summary": entry.summary,
            "body": plain_markdown(entry.body),
        }
        for name, text in fields.items():
            self.add(counts, text, FIELD_WEIGHTS[name])
        return dict(counts)


def tag_text(entry: Entry, corpus: Corpus) -> str:
    tags = corpus.taxonomy.tags
    return " ".join(tags[t].label for t in entry.tags if t in tags)


def entry_key(entry: Entry, tags: str, fingerprint: str) -> str:
    """What an entry's counts depend on, hashed."""
    text = repr((VECTORS_VERSION, fingerprint, entry.title, tags, entry.summary, entry.body))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _read_cache(path: Path) -> dict[str, dict[str, int]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: counts
        for key, counts in data.items()
        if isinstance(counts, dict)
        and all(isinstance(n, int) and not isinstance(n, bool) for n in counts.values())
    }


_REASONS = {
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EEXIST: "een deel van het pad is een bestand, geen map",
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
}


def cache_problem(path: Path, exc: OSError) -> str:
    """A Dutch line for a cache that could not be written (the build goes on)."""
    reason = _REASONS.get(exc.errno or 0, f"systeemfout {exc.errno}")
    return (
        f"{path}: waarschuwing: de bouwcache kon niet worden geschreven ({reason}); "
        "de site wordt wel gebouwd, maar de volgende build rekent alles opnieuw uit"
    )


def corpus_keys(corpus: Corpus, vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """Ids (sorted) and keys of every entry: what their counts depend on. Cheap: nothing
    is counted and no cache is read."""
    fingerprint = TermCounter.fingerprint_of(vocabulary)
    ids: list[str] = []
    keys: list[str] = []
    for entry in sorted(corpus, key=lambda e: e.id):
        ids.append(entry.id)
        keys.append(entry_key(entry, tag_text(entry, corpus), fingerprint))
    return ids, keys


def corpus_counts(
    corpus: Corpus,
    vocabulary: Vocabulary,
    cache_dir: Path | None,
    report: Callable[[str], None] | None = None,
    keyed: tuple[list[str], list[str]] | None = None,
) -> tuple[list[str], list[dict[str, int]], list[str], int]:
    """Ids, term counts and keys of every entry, and how many were counted anew.

    ``cache_dir`` None counts everything and caches nothing; a cache that cannot be
    written is passed to ``report`` as a Dutch line. ``keyed``: ``corpus_keys`` of
    ``corpus`` when the caller has them already."""
    counter = TermCounter(vocabulary)
    path = cache_dir / CACHE_NAME if cache_dir is not None else None
    cached = _read_cache(path) if path is not None else {}
    ids, keys = keyed or corpus_keys(corpus, vocabulary)
    by_id = {entry.id: entry for entry in corpus}
    vectors: list[dict[str, int]] = []
    fresh = 0
    for entry_id, key in zip(ids, keys, strict=True):
        counts = cached.get(key)
        if counts is None:
            entry = by_id[entry_id]
            counts = counter.entry_counts(entry, tag_text(entry, corpus))
            fresh += 1
        vectors.append(counts)
    if path is not None and (fresh or len(cached) != len(set(keys))):
        try:
            write_atomically(path, json.dumps(dict(zip(keys, vectors, strict=True))))
        except OSError as exc:
            if report is not None:
                report(cache_problem(path.parent, exc))
    return ids, vectors, keys, fresh
