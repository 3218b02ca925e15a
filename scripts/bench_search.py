"""Benchmark the search index on generated toolboxes.

    python scripts/bench_search.py [--sizes 1000 10000]

Prints, per size: loading time, index build time, index size, the time of a
rebuild with nothing changed and with one entry changed, and query latency
p50/p95 over a fixed mix of 200 queries (searcher reused, as in the API).
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from generate_toolbox import WORDS, generate, run_for_sizes
from warmtetoolbox.model.entries import Corpus
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.search.index import ensure_index
from warmtetoolbox.search.searcher import SearchIndex

FIXED_QUERIES = [
    "WUP", "TVW", "aansluitkosten warmtenet", "gemeenten samenwerken capaciteit",
    "moet ik van het gas af", "warmte net", "warmtenetten", "warmtpomp isolatie",
    "vve appartement", "subsidie isolatie", "netcongestie", "aquathermie", "geluid buitenunit",
    "monument", "huurders instemming", "kosten voor bewoners", "bodemenergie wko",
]  # fmt: skip


def query_mix(count: int = 200, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    mix = list(FIXED_QUERIES)
    while len(mix) < count:
        mix.append(" ".join(rng.sample(WORDS, rng.randint(1, 4))))
    return mix[:count]


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1_000_000


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def bench(size: int, workdir: Path) -> None:
    toolbox = generate(size, workdir / f"toolbox-{size}")
    start = time.perf_counter()
    corpus = load_toolbox(toolbox, today=date.today()).corpus
    load_s = time.perf_counter() - start
    root = workdir / f"ix-{size}"
    start = time.perf_counter()
    report = ensure_index(corpus, root)
    build_s = time.perf_counter() - start
    size_mb = folder_mb(report.path)
    start = time.perf_counter()
    ensure_index(corpus, root)
    unchanged_s = time.perf_counter() - start
    first = corpus.entries[0]
    changed = Corpus(
        (replace(first, summary=first.summary + " Gewijzigd."), *corpus.entries[1:]),
        corpus.taxonomy,
    )
    start = time.perf_counter()
    incremental = ensure_index(changed, root)
    incremental_s = time.perf_counter() - start
    with SearchIndex(changed, root) as index:
        for q in FIXED_QUERIES:  # warm up caches
            index.search(q)
        latencies = []
        for q in query_mix():
            start = time.perf_counter()
            index.search(q, limit=10)
            latencies.append((time.perf_counter() - start) * 1000)
    print(
        f"{size:>6} items: laden {load_s:5.2f}s, index bouwen {build_s:6.2f}s "
        f"({size_mb:5.1f} MB), ongewijzigd {unchanged_s * 1000:5.0f} ms, "
        f"1 item gewijzigd {incremental_s:5.2f}s (+{incremental.added}/-{incremental.removed}), "
        f"zoeken p50 {statistics.median(latencies):5.1f} ms, p95 {percentile(latencies, 95):5.1f} ms"
    )


if __name__ == "__main__":
    run_for_sizes("Meet de zoekindex.", bench)
