"""Measure `mkdocs build` of the real toolbox and of generated toolboxes.

    python scripts/bench_build.py [--sizes 1000] [--runs 1]

Prints the loading/validation time and the full build time (wall clock), the
number of pages and the size of the output, for each toolbox.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generate_toolbox import REPO, generate
from warmtetoolbox.loading import load_toolbox


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(toolbox: Path, out: Path, edition: str) -> float:
    env = {
        **os.environ,
        "WARMTETOOLBOX_TOOLBOX": str(toolbox),
        "WARMTETOOLBOX_EDITION": edition,
        "NO_MKDOCS_2_WARNING": "1",
        "WARMTETOOLBOX_INDEX_DIR": str(out.parent / "zoekindex"),
    }
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        cwd=REPO,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def measure(name: str, toolbox: Path, runs: int, edition: str) -> None:
    start = time.perf_counter()
    result = load_toolbox(toolbox, today=date.today())
    load_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        times = [build(toolbox, out, edition) for _ in range(runs)]
        pages = sum(1 for _ in out.rglob("index.html"))
        size = folder_size(out) / 1_000_000
    print(
        f"{name:<22} items={len(result.corpus):>6} fouten={result.errors:>3} "
        f"laden={load_seconds:6.2f}s build={statistics.median(times):7.2f}s "
        f"pagina's={pages:>6} grootte={size:7.1f} MB (editie {edition})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Meet de bouwtijd van de site.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--edition", default="internal", choices=("public", "internal"))
    args = parser.parse_args()
    measure("echte toolbox", REPO / "toolbox", args.runs, args.edition)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            toolbox = generate(size, Path(tmp) / f"toolbox-{size}")
            measure(f"gegenereerd {size}", toolbox, args.runs, args.edition)


if __name__ == "__main__":
    main()
