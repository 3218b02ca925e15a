"""Page addresses. Sites use directory URLs: ``vragen/x.md`` is served at ``vragen/x/``."""

from __future__ import annotations

import posixpath


def url_of(src_path: str) -> str:
    """The site-relative URL of a Markdown source path."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def relative(from_src: str, to_url: str) -> str:
    """A link from the page built from ``from_src`` to ``to_url`` (a site-relative URL)."""
    base = url_of(from_src) or "."
    target = to_url or "."
    path = posixpath.relpath(target, base)
    if to_url.endswith("/") or to_url == "":
        path = "./" if path == "." else f"{path}/"
    return path
