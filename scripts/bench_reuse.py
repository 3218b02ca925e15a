"""Benchmark the reuse map (with near-duplicate detection) on generated questions.

    python scripts/bench_reuse.py [--sizes 1000 10000]

Generates toolboxes holding only questions, then times ``reuse.compute`` (which
finds the duplicate pairs through an inverted index, never all pairs), and measures its
peak memory in a second, traced run.
"""

from __future__ import annotations

import time
import tracemalloc
from datetime import date
from pathlib import Path

import generate_toolbox
from generate_toolbox import run_for_sizes
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.reuse.reuse_map import compute


def bench(size: int, workdir: Path) -> None:
    toolbox = generate_toolbox.generate(size, workdir / f"vragen-{size}", only_type="vragen")
    corpus = load_toolbox(toolbox, today=date.today()).corpus
    start = time.perf_counter()
    reuse = compute(corpus, date.today())
    seconds = time.perf_counter() - start
    # memory in a second run: tracemalloc slows Python down several times over
    tracemalloc.start()
    start = time.perf_counter()
    compute(corpus, date.today())
    traced = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1_000_000
    tracemalloc.stop()
    print(
        f"{size:>6} vragen: hergebruikkaart {seconds:6.2f}s (met tracemalloc {traced:6.2f}s, "
        f"piekgeheugen {peak:6.1f} MB), {len(reuse.duplicates)} mogelijke dubbelen, "
        f"{len(reuse.gaps)} prioriteiten"
    )


if __name__ == "__main__":
    run_for_sizes("Meet de hergebruikkaart.", bench)
