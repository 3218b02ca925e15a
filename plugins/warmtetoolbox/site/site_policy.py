"""The Content-Security-Policy of one build: which inline scripts each page may run.

``csp.py`` knows the policy and how to find inline code in a page; this module applies
it to a build: the theme's scripts (read once per set of theme folders), pages rendered
from a template, and HTML files that reach the site as they are (such as docs/*.html).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .csp import ThemeScripts, checked_hashes, insert_policy, policy_meta, with_policy

_META = 'http-equiv="Content-Security-Policy"'


class SitePolicy:
    """The CSP for one site: off (``enabled`` false, as under `mkdocs serve`, whose
    live-reload script a policy would block) or the theme's own scripts only."""

    def __init__(self) -> None:
        self.enabled = True
        self._scripts: tuple[tuple[str, ...], ThemeScripts] | None = None

    def use(self, enabled: bool, theme_dirs: Sequence[str], scope: object) -> None:
        """Set for a build; the theme's templates are read again when its folders change."""
        self.enabled = enabled
        dirs = tuple(map(str, theme_dirs))
        if enabled and (self._scripts is None or self._scripts[0] != dirs):
            themed = ThemeScripts(dirs, scope if isinstance(scope, str) else None)
            self._scripts = (dirs, themed)

    def allowed(self, base_url: str) -> frozenset[str] | None:
        """Hashes of the theme's inline scripts on a page at ``base_url``; None: no CSP."""
        if not self.enabled or self._scripts is None:
            return None
        return self._scripts[1].allowed(base_url)

    def protect(self, html: str, base_url: str, where: str) -> str:
        """``html`` with the policy; raises ``csp.ForeignScript`` (Dutch, naming
        ``where``) when it holds inline code that is not the theme's."""
        allowed = self.allowed(base_url)
        return html if allowed is None else with_policy(html, allowed, where)

    def protect_folder(
        self, site: Path, done: Iterable[str], base_url: Callable[[str], str]
    ) -> None:
        """Every HTML file below ``site`` that this build did not write with the policy
        (``done``: absolute paths) is checked and gets it: a file with inline code that is
        not the theme's raises ``csp.ForeignScript``, whatever its head says. A file that
        holds this policy already (from an earlier build) is left as it is.
        ``base_url(name)`` is the relative root for the file ``name`` (posix, in ``site``)."""
        if not self.enabled or self._scripts is None:
            return
        skip = set(map(os.path.normpath, done))
        for path in sorted(site.rglob("*.html")):
            if os.path.normpath(path) in skip:
                continue
            html = path.read_text(encoding="utf-8", errors="replace")
            name = path.relative_to(site).as_posix()
            allowed = self._scripts[1].allowed(base_url(name))
            hashes = checked_hashes(html, allowed, name)
            if policy_meta(hashes) in html or policy_meta(allowed) in html:
                continue  # written with this policy by an earlier build
            path.write_text(insert_policy(html, hashes), encoding="utf-8")


def has_policy(html: str) -> bool:
    """True when the head of ``html`` holds a CSP meta tag (for pages this build wrote
    itself; ``protect_folder`` checks every other file whatever its head says)."""
    return _META in html[: html.find("</head>") + 1]
