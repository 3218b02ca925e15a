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
from warmtetoolbox.model.loading import load_toolbox


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(toolbox: Path, out: Path, edition: str, history: bool = True) -> float:
    env = {
        **os.environ,
        "WARMTETOOLBOX_HISTORY": "true" if history else "false",
        "WARMTETOOLBOX_GIT_DATES": "true" if history else "false",
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
    for history in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "site"
            first = build(toolbox, out, edition, history)  # builds the search index
            again = [build(toolbox, out, edition, history) for _ in range(runs)]
            pages = sum(1 for _ in out.rglob("index.html"))
            size = folder_size(out) / 1_000_000
        label = "met geschiedenis en git-datums" if history else "zonder geschiedenis en git-datums"
        print(
            f"{name:<18} items={len(result.corpus):>5} fouten={result.errors:>2} "
            f"laden={load_seconds:5.2f}s eerste build={first:6.2f}s herbouw={statistics.median(again):6.2f}s "
            f"pagina's={pages:>5} grootte={size:6.1f} MB ({label}, editie {edition})"
        )


def commit_versions(toolbox: Path, share: float = 0.2) -> None:
    """Put a generated toolbox in its own git repository, some entries in two versions."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.org"}  # fmt: skip

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=toolbox, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "Generated toolbox")
    files = sorted(toolbox.glob("*/*.md"))
    for path in files[: int(len(files) * share)]:
        text = path.read_text(encoding="utf-8")
        text = text.replace("version: 1\n", "version: 2\n", 1)
        text = text.replace(
            "\n---\n",
            "\nchanges:\n- {version: 2, date: 2026-01-01, summary: Bijgewerkt.}\n---\n",
            1,
        )
        path.write_text(text + "\nEen aanvulling in versie twee.\n", encoding="utf-8")
    git("commit", "-q", "-am", "Second versions")


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
            commit_versions(toolbox)
            measure(f"gegenereerd {size}", toolbox, args.runs, args.edition)


if __name__ == "__main__":
    main()
