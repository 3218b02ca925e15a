"""Run Pagefind over a built site: the per-edition search index the browser loads.

The binary ships inside the ``pagefind-bin`` wheel (pinned in ``constraints.txt``);
nothing is downloaded. Pagefind writes into ``<site>/pagefind/`` of the folder it is
given, so an edition built in a temporary folder gets its own index, swapped into
place with the rest of the site or not at all.
"""

from __future__ import annotations

import string
import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model.oserrors import dutch_reason
from ..model.schema import TYPES

OUTPUT_SUBDIR = "pagefind"
TIMEOUT_S = 900
# Pagefind holds every page it indexes in memory (about 160 MB per 1,000 large entry
# pages): above this many entries the index is split, one Pagefind run at a time, and the
# search page merges the parts in the browser.
SHARD_PAGES = 2500
# Every entry page sits at <type>/<id>/index.html; a part takes the ids ending in some
# characters. Ids end in all sorts of letters and digits, so each part is a sample of the
# whole toolbox and scores from different parts stay comparable (a split per entry type
# would not: a word rare among 900 rules but common among 4,000 questions).
_PAGE_GLOB = "{{{folders}}}/*[{chars}]/index.html"
_FOLDERS = ",".join(sorted(TYPES))
_ID_ENDS = "0-9a-z"  # every character an id can end in (schema.ID_PATTERN)


@dataclass(frozen=True)
class Bundle:
    """One Pagefind index: its folder in the site, and the pages it holds (None: all)."""

    subdir: str
    glob: str | None = None
    ends: frozenset[str] | None = None  # the last characters of its entries' ids

    @property
    def script(self) -> str:
        return f"{self.subdir}/pagefind.js"

    def holds(self, dest_uri: str) -> bool:
        """Whether the page written to ``dest_uri`` is one of this index's pages (as
        ``glob`` picks them from the built site)."""
        if self.ends is None:
            return False  # every page: only a run over the built site knows them
        folder, _, rest = dest_uri.partition("/")
        entry_id, _, name = rest.partition("/")
        return folder in TYPES and name == "index.html" and entry_id[-1:] in self.ends


def plan(ids: Iterable[str], shard_pages: int = SHARD_PAGES) -> tuple[Bundle, ...]:
    """The site's indexes for entries with these ``ids``: one, or ``ceil(n / shard_pages)``
    parts of about equal size by the last character of the id (the first is the primary)."""
    last = Counter(entry_id[-1] for entry_id in ids if entry_id)
    total = sum(last.values())
    if not total:  # Pagefind refuses a glob that matches no file: an empty index of all
        return (Bundle(OUTPUT_SUBDIR),)
    if total <= max(shard_pages, 1):
        glob = _PAGE_GLOB.format(folders=_FOLDERS, chars=_ID_ENDS)
        return (Bundle(OUTPUT_SUBDIR, glob, frozenset(string.digits + string.ascii_lowercase)),)
    parts: list[list[str]] = [[] for _ in range(min(-(-total // shard_pages), len(last)))]
    sizes = [0] * len(parts)
    for char, count in sorted(last.items(), key=lambda cc: (-cc[1], cc[0])):
        lightest = sizes.index(min(sizes))
        parts[lightest].append(char)
        sizes[lightest] += count
    return tuple(
        Bundle(
            f"{OUTPUT_SUBDIR}/deel-{n}",
            _PAGE_GLOB.format(folders=_FOLDERS, chars="".join(sorted(chars))),
            frozenset(chars),
        )
        for n, chars in enumerate(parts, start=1)
    )


def in_part(bundles: tuple[Bundle, ...]):
    """A sort key for entries: the number of the index part that holds the entry."""
    ends = [(n, b.ends) for n, b in enumerate(bundles) if b.ends is not None]

    def part(entry) -> int:
        return next((n for n, chars in ends if entry.id[-1:] in chars), 0)

    return part


class PagefindError(RuntimeError):
    """Pagefind could not index the site; the message is Dutch."""


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise PagefindError(
            "Pagefind ontbreekt; installeer de vastgepinde pakketten opnieuw met 'make install'"
        ) from None
    try:
        return Path(get_executable())
    except Exception as exc:  # the package raises its own errors when the binary is missing
        raise PagefindError(f"het Pagefind-programma is niet gevonden ({exc})") from None


def index_site(site_dir: Path, bundles: tuple[Bundle, ...], language: str = "nl") -> str:
    """Index the pages of ``site_dir`` marked ``data-pagefind-body`` into ``bundles`` (from
    ``plan``), one Pagefind run after the other; returns Pagefind's log."""
    return "".join(_run(site_dir, bundle, language) for bundle in bundles)


def _run(site_dir: Path, bundle: Bundle, language: str) -> str:
    args = [str(executable()), "--site", str(site_dir), "--output-subdir", bundle.subdir]
    if bundle.glob:
        args += ["--glob", bundle.glob]
    args += ["--force-language", language, "--quiet"]
    try:
        proc = subprocess.run(
            args, capture_output=True, text=True, errors="replace", timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise PagefindError(f"Pagefind was na {TIMEOUT_S} seconden niet klaar") from None
    except OSError as exc:
        raise PagefindError(f"Pagefind kon niet starten ({dutch_reason(exc)})") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise PagefindError("Pagefind kon de site niet indexeren: " + " ".join(detail))
    return proc.stdout


class BackgroundIndexer:
    """Pagefind after a partial rebuild, without holding up the live reload.

    One run at a time; a rebuild during a run asks for one more run afterwards."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self._report = report  # a Dutch line when a run fails
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False

    def start(self, site: Path, bundles) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = True
                return
            self._thread = threading.Thread(target=self._run, args=(site, bundles), daemon=True)
            self._thread.start()

    def _run(self, site: Path, bundles) -> None:
        while True:
            try:
                index_site(site, bundles)
            except PagefindError as exc:
                self._report(f"zoekindex niet bijgewerkt: {exc}")
            with self._lock:
                if not self._again:
                    self._thread = None
                    return
                self._again = False
