"""Helpers to build a site with the real ``mkdocs`` and inspect the output."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import REPO, TEST_SITE_URL


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def handle(self):
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()  # the browser may move on before a file is sent


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 for the length of the block; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def mkdocs_build(
    toolbox: Path,
    out: Path,
    edition: str = "public",
    strict: bool = True,
    site_url: str = TEST_SITE_URL,
):
    env = {
        **os.environ,
        "WARMTETOOLBOX_SITE_URL": site_url,
        "WARMTETOOLBOX_TOOLBOX": str(toolbox),
        "WARMTETOOLBOX_EDITION": edition,
        "WARMTETOOLBOX_INDEX_DIR": str(out.parent / "zoekindex"),
    }
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)]
    if strict:
        args.append("--strict")
    return subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def internal_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [
        link
        for link in parser.links
        if not urlsplit(link).scheme and not link.startswith(("#", "//", "mailto:"))
    ]


def broken_links(site: Path) -> list[str]:
    """Relative links in every HTML page that point to nothing in ``site``."""
    broken = []
    for page in site.rglob("*.html"):
        for link in internal_links(page.read_text(encoding="utf-8")):
            path = unquote(urlsplit(link).path)
            if not path:
                continue
            base = site if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    return broken


def readable_bytes(path: Path) -> bytes:
    """A built file's bytes, gzip-decompressed when compressed (sitemap.xml.gz, Pagefind's
    index, fragment, filter and meta files), so scans see the text they hold."""
    import gzip

    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):
            return data
    return data


def pagefind_text(site: Path) -> str:
    """Everything in the site's Pagefind index, decompressed, as one text."""
    files = sorted((site / "pagefind").rglob("*"))
    assert any(p.suffix == ".pf_fragment" for p in files), "geen Pagefind-index gevonden"
    return b"".join(readable_bytes(p) for p in files if p.is_file()).decode("utf-8", "replace")
