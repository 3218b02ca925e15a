"""A Content-Security-Policy for generated pages: own scripts only.

The inline scripts a page may run are the theme's own: they are read from the
theme's template files at build start (``ThemeScripts``), never from the page that
is being protected. A script template that only varies by ``base_url`` is rendered
for the page's own ``base_url``; a template with any other variable is not allowed.
A page holding any other inline script or an inline event handler fails the build;
every third-party origin is refused.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from .inline_scan import DATA_TYPES, UNCLEAR, SegmentMemo, inline_code

_TEMPLATE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_EXPRESSION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_BASE_URL_EXPRESSIONS = {
    "base_url": False,
    "config.extra.scope | d(base_url)": True,  # the theme's storage scope
}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' {hashes}",  # Pagefind's search runs as WebAssembly
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


class ForeignScript(ValueError):
    """A page holds an inline script that is not the theme's; the message is Dutch."""


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class ThemeScripts:
    """The inline scripts of the theme's templates, as an allowlist of hashes."""

    def __init__(self, theme_dirs: Iterable[str | Path], scope: str | None = None):
        self.fixed: set[str] = set()
        self.templates: list[list[str | bool]] = []  # literal text; True/False: a slot
        self.scope = scope
        self._cache: dict[str, frozenset[str]] = {}
        for folder in theme_dirs:
            for path in sorted(Path(folder).rglob("*.html")):
                self._read(path.read_text(encoding="utf-8", errors="replace"))

    def _read(self, template: str) -> None:
        for attributes, body in _TEMPLATE_SCRIPT.findall(template):
            if "src=" in attributes.lower() or any(t in attributes for t in DATA_TYPES):
                continue
            if "{%" in body or "{#" in body:
                continue  # control flow inside a script: cannot be known in advance
            parts: list[str | bool] = []
            for index, piece in enumerate(_EXPRESSION.split(body)):
                if index % 2 == 0:
                    parts.append(piece)
                elif piece in _BASE_URL_EXPRESSIONS:
                    parts.append(_BASE_URL_EXPRESSIONS[piece])
                else:
                    break  # a variable we cannot vouch for
            else:
                if len(parts) == 1:
                    self.fixed.add(script_hash(body))
                else:
                    self.templates.append(parts)

    def allowed(self, base_url: str) -> frozenset[str]:
        """Hashes of every theme script as it is rendered on a page with ``base_url``."""
        if base_url not in self._cache:
            rendered = set(self.fixed)
            for parts in self.templates:
                text = "".join(
                    p if isinstance(p, str) else (self.scope if p and self.scope else base_url)
                    for p in parts
                )
                rendered.add(script_hash(text))
            self._cache[base_url] = frozenset(rendered)
        return self._cache[base_url]


def policy(hashes: Iterable[str] = ()) -> str:
    joined = " ".join(sorted(set(hashes)))
    return "; ".join(d.format(hashes=joined).replace("  ", " ").strip() for d in DIRECTIVES)


def foreign_code(
    html: str, allowed: frozenset[str], where: str, memo: SegmentMemo | None = None
) -> str | None:
    """The Dutch error (naming ``where``) when ``html`` holds an inline script outside
    ``allowed`` or an inline event handler; None when it holds neither. ``memo``: the
    segments of pages scanned before (``SegmentMemo``)."""
    return _problem(*inline_code(html, memo), allowed, where)


def _problem(scripts: list[str], handlers: list[str], allowed: frozenset[str], where: str):
    foreign = [body for body in scripts if script_hash(body) not in allowed]
    if not foreign and not handlers:
        return None
    shown = " ".join(foreign[0].split())[:60] if foreign else handlers[0]
    if not foreign and shown.startswith(UNCLEAR):
        return (
            f"{where}: fout: de pagina bevat HTML die een browser anders kan lezen dan deze "
            f"controle ({shown.removeprefix(UNCLEAR + ': ')!r}); schrijf eindtags zonder "
            "extra tekens, sluit commentaar af met -->, en zet geen <script> of <style> "
            "in <svg> of <math>"
        )
    return (
        f"{where}: fout: de pagina bevat een inline script of event-handler die niet van "
        f"het thema komt ({shown!r}); haal die weg of zet de code in een .js-bestand in "
        "docs/ en voeg het toe via extra_javascript"
    )


def insert_policy(html: str, hashes: Iterable[str]) -> str:
    """``html`` with a CSP meta tag allowing ``hashes`` as the first element of its head."""
    match = _HEAD.search(html)
    if not match:
        return html
    return html[: match.end()] + policy_meta(hashes) + html[match.end() :]


def policy_meta(hashes: Iterable[str]) -> str:
    """The CSP meta tag allowing ``hashes``, as ``insert_policy`` writes it."""
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'


def with_policy(html: str, allowed: frozenset[str], where: str) -> str:
    """``html`` with a CSP meta tag allowing the inline scripts it holds.

    Raises ``ForeignScript`` (Dutch, naming ``where``) when the page holds an inline
    script outside ``allowed`` or an inline event handler.
    """
    return insert_policy(html, checked_hashes(html, allowed, where))


def checked_hashes(html: str, allowed: frozenset[str], where: str) -> set[str]:
    """The hashes of the inline scripts ``html`` holds (one scan). Raises
    ``ForeignScript`` (Dutch, naming ``where``) for one outside ``allowed`` or an inline
    event handler."""
    scripts, handlers = inline_code(html)
    problem = _problem(scripts, handlers, allowed, where)
    if problem:
        raise ForeignScript(problem)
    return {script_hash(body) for body in scripts}
