"""The theme's navigation, rendered once per folder instead of once per page.

Material renders the whole navigation into every page. For a page that is not in the
navigation (every entry page) nothing in it is marked active, so it only differs by
the folder its relative links start from: all entry pages of one folder share it,
unless the navigation links into a page's own folder.
``base.html`` asks ``key(page, nav)``; pages in the navigation get no key and are
rendered as before. ``reset`` runs at the start of every build (``mkdocs serve``).
"""

from __future__ import annotations

import posixpath


class NavCache:
    def __init__(self) -> None:
        self._html: dict[str, str] = {}

    def reset(self) -> None:
        self._html.clear()

    @staticmethod
    def key(page, nav) -> str | None:
        url = getattr(page, "url", None)
        if not isinstance(url, str) or not url.endswith("/") or nav is None:
            return None
        if page in nav.pages:  # its own item is active: rendered for this page alone
            return None
        # links into the page's own folder start differently from each sibling's
        if any(target.startswith(url) for target in _urls(getattr(nav, "items", ()))):
            return None
        return posixpath.dirname(url.rstrip("/")) + "/"

    def get(self, key: str | None) -> str | None:
        return self._html.get(key) if key is not None else None

    def store(self, key: str | None, html: str) -> str:
        if key is not None:
            self._html[key] = html
        return html


def _urls(items) -> list[str]:
    """Every address the navigation links to (pages and links, in sections too)."""
    found: list[str] = []
    for item in items or ():
        url = getattr(item, "url", None)
        if isinstance(url, str):
            found.append(url)
        found += _urls(getattr(item, "children", None))
    return found
