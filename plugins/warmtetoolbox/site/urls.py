"""Page addresses. Sites use directory URLs: ``vragen/x.md`` is served at ``vragen/x/``."""

from __future__ import annotations

import functools
import ipaddress
import posixpath
from urllib.parse import urlsplit

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def url_of(src_path: str) -> str:
    """The site-relative URL of a Markdown source path."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _segments(path: str) -> list[str] | None:
    """The folders of a site-relative path; None when it steps up (``..``)."""
    parts = [p for p in path.split("/") if p and p != "."]
    return None if ".." in parts else parts


@functools.lru_cache(maxsize=1 << 16)
def relative(from_src: str, to_url: str) -> str:
    """A link from the page built from ``from_src`` to ``to_url`` (a site-relative URL)."""
    base = url_of(from_src) or "."
    target = to_url or "."
    start, goal = _segments(base), _segments(target)
    if start is None or goal is None:
        path = posixpath.relpath(target, base)
    else:  # what posixpath.relpath gives, without its calls to the file system's cwd
        common = 0
        while common < min(len(start), len(goal)) and start[common] == goal[common]:
            common += 1
        path = "/".join([".."] * (len(start) - common) + goal[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        path = "./" if path == "." else f"{path}/"
    return path


def published_url(site_url: str | None) -> str | None:
    """The address an edition is published at, ending in '/'; None when ``site_url`` is
    missing or is not a real address (no http(s), no host, or this machine itself)."""
    if not site_url or not isinstance(site_url, str):
        return None
    try:
        parts = urlsplit(site_url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host or host in _LOCAL_NAMES:
        return None
    try:
        if ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified:
            return None
    except ValueError:
        pass  # a name, not an address
    url = site_url.strip()
    return url if url.endswith("/") else url + "/"
