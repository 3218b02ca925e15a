"""What happens to a rendered page besides being written: its CSP and its search index.

A front end (the MkDocs adapter) hands every page it renders to ``PageChecks.page``
and calls ``finish`` after the last one. Two other processes do the heavy part while
the front end renders the next pages:

- the CSP check (``csp_worker``): the page gets the policy of the theme's scripts at
  once, the scan for foreign inline code runs in a child process;
- the Pagefind index (``pagefind_live``), or each of its parts: an entry page goes to
  Pagefind as soon as its content is rendered (``content``), before the theme is put
  around it: all that Pagefind reads of an entry page sits in its content
  (``site_search.entry_markup``). A part is written once its last page has arrived,
  while the build goes on.

Only a full build may use the live index (a partial build renders some pages, the index
needs them all); a part that Pagefind's service could not make is built from the
written site afterwards (``pagefind_index.index_site``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .csp import insert_policy
from .csp_worker import BackgroundCheck, CheckError
from .pagefind_index import Bundle, PagefindError
from .pagefind_live import LiveIndex

_DOCUMENT = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body>{}</body></html>'
)


class PageChecks:
    """The CSP check and the live search indexes of one build.

    Each index part gets its own Pagefind service when its first page comes in; when its
    last page is in, the service writes the part and stops. Pages come part by part
    (``pages.generate`` orders entry pages so), so at most ``MAX_LIVE`` services hold
    pages at a time; a part whose pages would need more is built from disk afterwards.
    """

    MAX_LIVE = 2

    def __init__(
        self,
        bundles: tuple[Bundle, ...],
        expected: tuple[int, ...],
        site_dir: Path,
        live_index: bool,
        report: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.bundles = bundles
        self.expected = expected  # per part: the pages of it this build renders
        self.site_dir = Path(site_dir)
        self.live_index = live_index
        self.report = report  # a Dutch line when a part falls back to the disk run
        self._live: dict[int, LiveIndex] = {}  # parts receiving pages
        # parts being written: the thread that waits for Pagefind, its service, its error
        self._writing: dict[int, tuple[threading.Thread, LiveIndex, list]] = {}
        self._written: set[int] = set()
        self._from_disk: set[int] = set()  # parts the service could not make
        self._check: BackgroundCheck | None = None

    def content(self, dest_uri: str, html: str) -> None:
        """The final content of the page written to ``dest_uri`` (the part inside the
        theme): an entry page's goes to the live index of its part."""
        if not self.live_index:
            return
        part = next((n for n, b in enumerate(self.bundles) if b.holds(dest_uri)), None)
        if part is None or part in self._from_disk or part in self._written:
            return
        try:
            live = self._live.get(part)
            if live is None:
                if len(self._live) >= self.MAX_LIVE:
                    raise PagefindError("te veel delen van de zoekindex tegelijk open")
                live = self._live[part] = LiveIndex()
            live.add("/" + dest_uri.removesuffix("index.html"), _DOCUMENT.format(html))
            if live.pages == self.expected[part]:  # the last one: written meanwhile
                self._write(part)
        except PagefindError as exc:
            self._fall_back(part, exc)

    def _write(self, part: int) -> None:
        live = self._live.pop(part)
        output = self.site_dir / self.bundles[part].subdir
        live.start_write(output)
        errors: list[PagefindError] = []

        def wait() -> None:
            try:
                live.write(output)
            except PagefindError as exc:
                errors.append(exc)

        thread = threading.Thread(target=wait, daemon=True)
        self._writing[part] = (thread, live, errors)
        thread.start()

    def page(self, html: str, where: str, allowed: frozenset[str] | None) -> str:
        """``html`` as it is written: with the policy when ``allowed`` (the theme's script
        hashes for this page) is given, and queued for the scan."""
        if allowed is not None:
            html = insert_policy(html, allowed)
            if self._check is None:
                self._check = BackgroundCheck()
            self._check.submit(where, html, allowed)
        return html

    def _fall_back(self, part: int, exc: PagefindError) -> None:
        self.report(
            f"zoekindex {self.bundles[part].subdir}: {exc}; "
            "Pagefind leest de pagina's na de bouw van schijf"
        )
        self._from_disk.add(part)
        live = self._live.pop(part, None)
        if live is not None:
            live.close()

    def finish(self) -> tuple[Bundle, ...]:
        """Wait for both checks. Returns the index parts still to build from the written
        site; raises ``CheckError`` (Dutch) when a page holds foreign inline code or the
        check could not finish."""
        check, self._check = self._check, None
        problems = check.finish() if check is not None else []
        for part in list(self._live):  # fewer pages than expected came: write what came
            self._write(part)
        for part, (thread, _, errors) in self._writing.items():
            thread.join()
            if errors:
                self._fall_back(part, errors[0])
            else:
                self._written.add(part)
        self._writing = {}
        remaining = tuple(b for n, b in enumerate(self.bundles) if n not in self._written)
        if problems:
            raise CheckError("\n".join(problems))
        return remaining

    def close(self) -> None:
        """Stop every child process (a failed build)."""
        if self._check is not None:
            self._check.close()
        for live in [*self._live.values(), *(w[1] for w in self._writing.values())]:
            live.close()
        self._check, self._live, self._writing = None, {}, {}
