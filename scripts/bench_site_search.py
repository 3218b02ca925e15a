"""Measure the site's own search (Pagefind) on generated toolboxes.

    python scripts/bench_site_search.py [--sizes 1000 10000]

For each size: builds the public edition (history and git dates off), then reports
the time Pagefind adds to the build (Pagefind run again on the same output), the size
of the index, and, in headless Chromium, the bytes a browser fetches for the first
search on /zoeken/ (search files only, and everything) and the time until the first
results show.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generate_toolbox import REPO, generate, run_for_sizes
from warmtetoolbox.model.schema import TYPES
from warmtetoolbox.site.pagefind_index import index_site, plan

CHROMIUM = os.environ.get("WARMTETOOLBOX_CHROMIUM", "/usr/bin/chromium")
QUERY = "warmtenet kosten"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def build(toolbox: Path, out: Path) -> float:
    env = {
        **os.environ,
        "WARMTETOOLBOX_HISTORY": "false",
        "WARMTETOOLBOX_GIT_DATES": "false",
        "WARMTETOOLBOX_TOOLBOX": str(toolbox),
        "WARMTETOOLBOX_EDITION": "public",
        "WARMTETOOLBOX_INDEX_DIR": str(out.parent / "zoekindex"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    start = time.perf_counter()
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml")]
    subprocess.run([*args, "-d", str(out)], cwd=REPO, env=env, check=True)
    return time.perf_counter() - start


def first_search(site: Path) -> tuple[int, int, float]:
    """(search bytes, all bytes, seconds to first results) for one search in Chromium."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            page.on(
                "requestfinished",
                lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]),
            )
            start = time.perf_counter()
            page.goto(f"{base}zoeken/?q={QUERY.replace(' ', '+')}")
            page.locator(".wtb-search__result").first.wait_for(timeout=60_000)
            elapsed = time.perf_counter() - start
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    search = sum(
        size
        for url, size in sizes.items()
        if "/pagefind/" in url or ("/zoeken/" in url and url.endswith(".json"))
    )
    search += sum(size for url, size in sizes.items() if url.endswith("zoeken.js"))
    return search, sum(sizes.values()), elapsed


def folder_kb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024


def bench(size: int, workdir: Path) -> None:
    workdir = workdir / str(size)
    toolbox = generate(size, workdir / "toolbox")
    out = workdir / "site"
    total = build(toolbox, out)
    shutil.rmtree(out / "pagefind")
    ids = [d.name for t in TYPES for d in (out / t).iterdir() if (d / "index.html").is_file()]
    start = time.perf_counter()
    index_site(out, plan(ids))  # as the build does: in parts above SHARD_PAGES entries
    pagefind_s = time.perf_counter() - start
    search_bytes, all_bytes, seconds = first_search(out)
    print(
        f"{size:>6} items | build {total:6.1f} s, of which Pagefind {pagefind_s:5.1f} s "
        f"({100 * pagefind_s / total:4.1f} %) | index {folder_kb(out / 'pagefind') / 1024:6.1f} MB | "
        f"first search: {search_bytes / 1024:6.0f} KB search files, "
        f"{all_bytes / 1024:6.0f} KB in all, results after {seconds:4.2f} s",
        flush=True,
    )


def main() -> None:
    run_for_sizes(__doc__.splitlines()[0], bench, default_sizes=(1000, 10000))


if __name__ == "__main__":
    main()
