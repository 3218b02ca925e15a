"""A Content-Security-Policy for generated pages: own scripts only.

Inline scripts that the theme needs are allowed by their SHA-256 hash; every
other script source, inline handler and third-party origin is refused.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for attributes, body in _INLINE_SCRIPT.findall(html):
        if "src=" in attributes.lower():
            continue
        match = _TYPE.search(attributes)
        if (match.group(1).lower() if match else "") not in _EXECUTABLE_TYPES:
            continue  # data blocks such as application/json are never executed
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(html: str) -> str:
    hashes = " ".join(inline_script_hashes(html))
    return "; ".join(d.format(hashes=hashes).replace("  ", " ").strip() for d in DIRECTIVES)


def with_policy(html: str) -> str:
    """``html`` with a CSP meta tag as the first element of its head."""
    match = _HEAD.search(html)
    if not match:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: match.end()] + meta + html[match.end() :]
