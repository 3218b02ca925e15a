"""Similar topics: for every entry, the entries that share its key terms."""

from __future__ import annotations

import contextlib
import json
import os

from .searcher import SearchIndex


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
    """More-like-this for every entry, cached beside the index it was computed from.

    A cache that is unreadable or of the wrong shape is computed again."""
    cache = index.report.path / f"similar-{limit}.json"
    ids = {entry.id for entry in index.corpus}
    with contextlib.suppress(OSError, UnicodeDecodeError):
        found = _cached(cache.read_text(encoding="utf-8"), ids)
        if found is not None:
            return found
    result = {entry.id: index.similar(entry, limit) for entry in index.corpus}
    partial = cache.with_suffix(f".tmp-{os.getpid()}")
    with contextlib.suppress(OSError):  # the cache only saves time
        partial.write_text(json.dumps(result), encoding="utf-8")
        os.replace(partial, cache)
    return result
