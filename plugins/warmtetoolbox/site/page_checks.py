"""What happens to a rendered page besides being written: its CSP and its search index.

A front end (the MkDocs adapter) hands every page it renders to ``PageChecks.page``
and calls ``finish`` after the last one. Two other processes do the heavy part while
the front end renders the next pages:

- the CSP check (``csp_worker``): the page gets the policy of the theme's scripts at
  once, the scan for foreign inline code runs in a child process;
- the first Pagefind index (``pagefind_live``): an entry page goes to Pagefind as soon
  as its content is rendered (``content``), before the theme is put around it: all that
  Pagefind reads of an entry page sits in its content (``site_search.entry_markup``).
  The index is written once the last of them has arrived, while the theme pages render.

Only a full build may use the live index (a partial build renders some pages, the index
needs them all); the other index parts, and the first when Pagefind's service fails,
are built from the written site afterwards (``pagefind_index.index_site``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from .csp import insert_policy
from .csp_worker import BackgroundCheck, CheckError
from .pagefind_index import Bundle, PagefindError
from .pagefind_live import LiveIndex

log = logging.getLogger(__name__)
_DOCUMENT = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body>{}</body></html>'
)


class PageChecks:
    """The CSP check and the live search index of one build."""

    def __init__(
        self, bundles: tuple[Bundle, ...], expected: int, site_dir: Path, live_index: bool
    ) -> None:
        self.bundles = bundles
        self.expected = expected  # pages of the first index this build renders
        self.output = Path(site_dir) / bundles[0].subdir
        self.live_index = live_index and expected > 0
        self._live: LiveIndex | None = None
        self._check: BackgroundCheck | None = None

    def content(self, dest_uri: str, html: str) -> None:
        """The final content of the page written to ``dest_uri`` (the part inside the
        theme): an entry page's goes to the live index."""
        if not self.live_index or not self.bundles[0].holds(dest_uri):
            return
        try:
            if self._live is None:
                self._live = LiveIndex()
            self._live.add("/" + dest_uri.removesuffix("index.html"), _DOCUMENT.format(html))
            if self._live.pages == self.expected:  # the last one: Pagefind writes the
                self._live.start_write(self.output)  # index while other pages render
        except PagefindError as exc:
            self._fall_back(exc)

    def page(self, html: str, where: str, allowed: frozenset[str] | None) -> str:
        """``html`` as it is written: with the policy when ``allowed`` (the theme's script
        hashes for this page) is given, and queued for the scan."""
        if allowed is not None:
            html = insert_policy(html, allowed)
            if self._check is None:
                self._check = BackgroundCheck()
            self._check.submit(where, html, allowed)
        return html

    def _fall_back(self, exc: PagefindError) -> None:
        log.info("zoekindex: %s; Pagefind leest de pagina's na de bouw van schijf", exc)
        self.live_index = False
        if self._live is not None:
            self._live.close()
            self._live = None

    def finish(self) -> tuple[Bundle, ...]:
        """Wait for both checks. Returns the index parts still to build from the written
        site; raises ``CheckError`` (Dutch) when a page holds foreign inline code or the
        check could not finish."""
        check, self._check = self._check, None
        problems = check.finish() if check is not None else []
        remaining = self.bundles
        live, self._live = self._live, None
        if live is not None and self.live_index:
            try:
                live.write(self.output)
                remaining = self.bundles[1:]
            except PagefindError as exc:
                self._fall_back(exc)
        if problems:
            more = f" (en nog {len(problems) - 1} pagina's)" if len(problems) > 1 else ""
            raise CheckError(problems[0] + more)
        return remaining

    def close(self) -> None:
        """Stop both child processes (a failed build)."""
        for child in (self._check, self._live):
            if child is not None:
                child.close()
        self._check = self._live = None
