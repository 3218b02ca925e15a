"""Abbreviation tooltips: ``<abbr title>`` around the taxonomy's abbreviations, in one pass.

Replaces Python-Markdown's ``abbr`` definitions appended to every page: its tree
processor looks up each sibling's index per inserted element, which is quadratic on a
paragraph with many abbreviations. Here the finished HTML is scanned once: text
between tags gets its abbreviations wrapped, except inside code, existing ``abbr``
elements, scripts and styles. Theme-independent, so it outlives the MkDocs adapter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

# Elements whose text stays as it is: code and preformatted text, an abbreviation
# that is already marked, and anything that is not prose.
SKIPPED = frozenset({"abbr", "code", "kbd", "math", "pre", "samp", "script", "style", "svg"})
# A tag or comment. ``[^<>]`` stops a scan at the next '<', so text full of '<' stays linear.
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*>", re.S)


class Abbreviations:
    """A compiled set of abbreviations, applied to HTML pages."""

    def __init__(self, definitions: Mapping[str, str]):
        self.titles = {
            escape(abbr, quote=False): escape(" ".join(title.split()))
            for abbr, title in definitions.items()
            if abbr.strip() and title.strip()
        }
        keys = sorted(self.titles, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w&])(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")
            if keys
            else None
        )

    def _wrap(self, match: re.Match) -> str:
        text = match.group(0)
        return f'<abbr title="{self.titles[text]}">{text}</abbr>'

    def apply(self, html: str) -> str:
        if self._pattern is None:
            return html
        out: list[str] = []
        position = 0
        skipped = 0  # depth inside elements whose text is left alone
        for tag in _TAG.finditer(html):
            text = html[position : tag.start()]
            out.append(text if skipped else self._pattern.sub(self._wrap, text))
            out.append(tag.group(0))
            name = (tag.group(2) or "").lower()
            if name in SKIPPED and not tag.group(0).endswith("/>"):
                skipped = max(0, skipped - 1) if tag.group(1) else skipped + 1
            position = tag.end()
        rest = html[position:]
        out.append(rest if skipped else self._pattern.sub(self._wrap, rest))
        return "".join(out)
