"""Similar topics for an open search index (CLI, tests): the build's one-pass method.

The site build calls ``similar_topics`` directly and opens no index."""

from __future__ import annotations

import contextlib
import json

from ..model.atomic_files import write_atomically
from ..model.vocabulary import Vocabulary
from .searcher import SearchIndex
from .similar_topics import similar_topics


def _cached(text: str, ids: set[str]) -> dict[str, tuple[str, ...]] | None:
    """The cached map if it has the right shape for these entries, else None."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or set(data) != ids:
        return None
    for similar in data.values():
        if not isinstance(similar, list) or not all(s in ids for s in similar):
            return None
    return {k: tuple(v) for k, v in data.items()}


def similar_map(index: SearchIndex, limit: int = 5) -> dict[str, tuple[str, ...]]:
    """Similar topics of every entry of the index, cached beside the index.

    A cache that is unreadable or of the wrong shape is computed again."""
    cache = index.report.path / f"similar-{limit}.json"
    ids = {entry.id for entry in index.corpus}
    with contextlib.suppress(OSError, UnicodeDecodeError):
        found = _cached(cache.read_text(encoding="utf-8"), ids)
        if found is not None:
            return found
    corpus = index.corpus
    result = similar_topics(corpus, Vocabulary.from_taxonomy(corpus.taxonomy), None, limit)
    with contextlib.suppress(OSError):  # the cache only saves time
        write_atomically(cache, json.dumps({k: list(v) for k, v in result.items()}))
    return result
