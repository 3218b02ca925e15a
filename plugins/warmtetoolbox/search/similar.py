"""Similar topics: for every entry, the entries that share its key terms."""

from __future__ import annotations

import json
import os

from .searcher import SearchIndex


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
