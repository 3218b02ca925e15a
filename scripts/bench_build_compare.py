"""Compare the project's build with a plain mkdocs-material build of the same Markdown.

    python scripts/bench_build_compare.py [--sizes 1000 10000] [--runs 2] [--serve-size 1000]

For each size a toolbox is generated (``generate_toolbox.py``). Then, alternating and
``--runs`` times each:

- the project's public edition (``mkdocs build`` with this repository's mkdocs.yml,
  history and git dates off, ``WARMTETOOLBOX_SITE_URL`` set); its caches live in a
  temporary folder, so the first run is a cold build and later runs are warm;
- a plain mkdocs-material site: a temporary mkdocs.yml with the same theme settings and
  Material's ``search`` plugin, the entry files copied into its docs folder, out of the nav.

Each run writes into a folder of its own; the folders are removed at the end only (at
10,000 entries and three runs that needs about 1.5 GB in the temporary folder).
It prints the cold (first) and warm (median of the later runs) times, the ratios of both
and of the median of all runs to the plain build's median, the peak RSS of the build process and its
children (the largest single process, from ``wait4``), the number of pages and the size
of the output. With ``--serve-size`` it also starts ``mkdocs serve`` on 127.0.0.1,
edits one entry and times until the served page shows the edit (bounded; the server
is stopped afterwards).

``--repo`` builds another checkout of the project (for a before/after comparison:
``git archive HEAD | tar -x -C /tmp/before`` and ``PYTHONPATH=/tmp/before/plugins``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from generate_toolbox import REPO, generate

SITE_URL = "https://warmtetoolbox.example.nl/"
BUILD_TIMEOUT_S = 3600
SERVE_START_TIMEOUT_S = 900
SERVE_EDIT_TIMEOUT_S = 120


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_measured(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, float]:
    """Wall-clock seconds, peak RSS in bytes (largest process in the tree) and CPU seconds.

    CPU seconds (user + system, the process and the children it waited for) do not
    grow when other work shares the machine, wall-clock seconds do."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except BaseException:
        proc.kill()
        raise
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build mislukt (afsluitcode {proc.returncode}): {' '.join(args)}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss * 1024, cpu  # Linux reports ru_maxrss in kilobytes


def project_env(repo: Path, toolbox: Path, cache: Path) -> dict[str, str]:
    return {
        **os.environ,
        "WARMTETOOLBOX_HISTORY": "false",
        "WARMTETOOLBOX_GIT_DATES": "false",
        "WARMTETOOLBOX_TOOLBOX": str(toolbox),
        "WARMTETOOLBOX_EDITION": "public",
        "WARMTETOOLBOX_SITE_URL": SITE_URL,
        "WARMTETOOLBOX_INDEX_DIR": str(cache / "zoekindex"),
        "NO_MKDOCS_2_WARNING": "1",
    }


def build_project(repo: Path, toolbox: Path, out: Path, cache: Path) -> tuple[float, int, float]:
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs.yml")]
    return run_measured([*args, "-d", str(out)], repo, project_env(repo, toolbox, cache))


def plain_project(repo: Path, toolbox: Path, where: Path) -> Path:
    """A plain Material project with the entry Markdown and the same theme settings."""
    config = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    docs = where / "docs"
    for path in sorted(toolbox.glob("*/*.md")):
        target = docs / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (docs / "index.md").write_text("# Warmtetoolbox\n", encoding="utf-8")
    plain = {
        "site_name": "Warmtetoolbox",
        "site_url": SITE_URL,
        "theme": config["theme"],
        "plugins": ["search"],
        "markdown_extensions": config["markdown_extensions"],
        "nav": [{"Home": "index.md"}],
        "validation": {"nav": {"omitted_files": "info"}},
    }
    (where / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    return where


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml with its !ENV tags (their default value)."""


_Loader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if node.value else None
)


def build_plain(project: Path, out: Path) -> tuple[float, int, float]:
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return run_measured([*args, "-d", str(out)], project, env)


def pages_and_size(out: Path) -> tuple[int, float]:
    return sum(1 for _ in out.rglob("*.html")), folder_size(out) / 1_000_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, marker: str, timeout: float) -> float | None:
    """Seconds until ``url`` contains ``marker``; None after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def measure_serve(repo: Path, toolbox: Path, cache: Path, edits: int = 3) -> list[float | None]:
    """Seconds from editing one entry under `mkdocs serve` until the page shows it.

    The internal edition, as ``make serve`` shows it."""
    entry = sorted(toolbox.glob("vragen/*.md"))[len(list(toolbox.glob("vragen/*.md"))) // 2]
    url_path = f"{entry.parent.name}/{entry.stem}/"
    port = free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(repo / "mkdocs.yml")]
    args += ["--dev-addr", f"127.0.0.1:{port}"]
    env = {**project_env(repo, toolbox, cache), "WARMTETOOLBOX_EDITION": "internal"}
    proc = subprocess.Popen(
        args,
        cwd=repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = entry.read_text(encoding="utf-8")
    times: list[float | None] = []
    try:
        title = yaml.safe_load(original.split("---")[1])["title"]
        if wait_for(url, str(title).split()[0], SERVE_START_TIMEOUT_S) is None:
            raise SystemExit(f"mkdocs serve gaf na {SERVE_START_TIMEOUT_S} s geen pagina")
        for n in range(edits):
            time.sleep(1.5)  # let the watcher settle after the previous build
            marker = f"benchmarkwijziging{n}x{int(time.time())}"
            start = time.perf_counter()
            entry.write_text(original + f"\n{marker}\n", encoding="utf-8")
            seen = wait_for(url, marker, SERVE_EDIT_TIMEOUT_S)
            times.append(None if seen is None else time.perf_counter() - start)
            if seen is None:
                break
    finally:
        entry.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return times


def compare(size: int, runs: int, repo: Path, work: Path) -> dict:
    toolbox = generate(size, work / f"toolbox-{size}")
    plain = plain_project(repo, toolbox, work / f"plain-{size}")
    cache = work / f"cache-{size}"
    project_runs: list[tuple[float, int, float]] = []
    plain_runs: list[tuple[float, int, float]] = []
    # Every run writes a new folder and none is removed before the end: removing tens of
    # thousands of files makes creating files slower for a while afterwards on this
    # machine's disk, and a removal between runs would always fall just before a
    # project run (the two sites' removal would weigh on one side only).
    for n in range(runs):
        out_p = work / f"site-project-{size}-{n}"
        out_m = work / f"site-plain-{size}-{n}"
        project_runs.append(build_project(repo, toolbox, out_p, cache))
        plain_runs.append(build_plain(plain, out_m))
        print(
            f"  {size}: run {n + 1}: project {project_runs[-1][0]:.1f} s, "
            f"plain Material {plain_runs[-1][0]:.1f} s "
            f"(CPU {project_runs[-1][2]:.1f} s / {plain_runs[-1][2]:.1f} s)",
            flush=True,
        )
    result = {
        "size": size,
        "project": statistics.median(run[0] for run in project_runs),
        "project_cold": project_runs[0][0],
        "project_warm": statistics.median(run[0] for run in project_runs[1:]),
        "plain": statistics.median(run[0] for run in plain_runs),
        "cpu_project": statistics.median(run[2] for run in project_runs),
        "cpu_plain": statistics.median(run[2] for run in plain_runs),
        "rss_project": max(run[1] for run in project_runs),
        "rss_plain": max(run[1] for run in plain_runs),
        "out_project": pages_and_size(out_p),
        "out_plain": pages_and_size(out_m),
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Vergelijk de build met een kale Material-build.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--serve-size", type=int, default=1000, help="0 = niet meten")
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args()
    repo = args.repo.resolve()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        for size in args.sizes:
            rows.append(compare(size, max(2, args.runs), repo, Path(tmp)))
        serve = []
        if args.serve_size:
            toolbox = Path(tmp) / f"toolbox-{args.serve_size}"
            if not toolbox.exists():
                generate(args.serve_size, toolbox)
            serve = measure_serve(repo, toolbox, Path(tmp) / "cache-serve")
    print()
    print("| items | project koud / warm | kale Material | verhouding koud / warm / mediaan "
          "| CPU project / kaal | piek-RSS project / kaal | uitvoer project | uitvoer kaal |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        pages_p, mb_p = r["out_project"]
        pages_m, mb_m = r["out_plain"]
        print(
            f"| {r['size']:,} | {r['project_cold']:.1f} s / {r['project_warm']:.1f} s "
            f"| {r['plain']:.1f} s | {r['project_cold'] / r['plain']:.2f}× / "
            f"{r['project_warm'] / r['plain']:.2f}× / {r['project'] / r['plain']:.2f}× "
            f"| {r['cpu_project']:.1f} s / {r['cpu_plain']:.1f} s "
            f"({r['cpu_project'] / r['cpu_plain']:.2f}×) "
            f"| {r['rss_project'] / 1e6:.0f} MB / {r['rss_plain'] / 1e6:.0f} MB "
            f"| {pages_p:,} HTML-bestanden, {mb_p:.0f} MB | {pages_m:,} HTML-bestanden, {mb_m:.0f} MB |"
        )
    if args.serve_size:
        shown = ", ".join("geen wijziging gezien" if t is None else f"{t:.2f} s" for t in serve)
        print(f"\nmkdocs serve, één item gewijzigd ({args.serve_size} items): {shown}")


if __name__ == "__main__":
    main()
