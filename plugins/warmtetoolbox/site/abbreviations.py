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
# Terms are explained in running text only: not in headings, links or the page title.
TERM_SKIPPED = SKIPPED | {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "title",
    "button",
    "label",
    "dt",
    "th",
}
# A tag or comment. ``[^<>]`` stops a scan at the next '<', so text full of '<' stays linear.
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*>", re.S)


class Abbreviations:
    """A compiled set of abbreviations (every occurrence) and terms (the first occurrence
    on a page, in any case), applied to HTML pages."""

    def __init__(self, definitions: Mapping[str, str], terms: Mapping[str, str] | None = None):
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

        self.terms = {
            term.casefold(): escape(" ".join(text.split()))
            for term, text in (terms or {}).items()
            if term.strip() and text.strip()
        }
        words = sorted(self.terms, key=len, reverse=True)
        self._terms = (
            re.compile(r"(?<![\w&-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I)
            if words
            else None
        )
        self._seen: set[str] = set()

    def _wrap(self, match: re.Match) -> str:
        text = match.group(0)
        return f'<abbr title="{self.titles[text]}">{text}</abbr>'

    def _wrap_term(self, match: re.Match) -> str:
        text = match.group(0)
        key = text.casefold()
        if key in self._seen:
            return text
        self._seen.add(key)
        return f'<abbr class="wtb-term" title="{self.terms[key]}">{text}</abbr>'

    def _text(self, text: str, terms: bool) -> str:
        if self._pattern is not None:
            text = self._pattern.sub(self._wrap, text)
        if terms and self._terms is not None:
            # after the abbreviations: text inside a new <abbr> is markup now, not text,
            # so terms are matched only in the pieces between tags
            pieces = re.split(r"(<abbr [^>]*>[^<]*</abbr>)", text)
            text = "".join(
                piece if piece.startswith("<abbr") else self._terms.sub(self._wrap_term, piece)
                for piece in pieces
            )
        return text

    def apply(self, html: str) -> str:
        if self._pattern is None and self._terms is None:
            return html
        self._seen = set()
        out: list[str] = []
        position = 0
        skipped = 0  # depth inside elements whose text is left alone
        term_skipped = 0  # depth inside elements where terms are not explained
        for tag in _TAG.finditer(html):
            text = html[position : tag.start()]
            # most text between tags is a line break: nothing to look up there
            plain = skipped or text.isspace() or not text
            out.append(text if plain else self._text(text, terms=not term_skipped))
            out.append(tag.group(0))
            name = (tag.group(2) or "").lower()
            if not tag.group(0).endswith("/>"):
                step = -1 if tag.group(1) else 1
                if name in SKIPPED:
                    skipped = max(0, skipped + step)
                if name in TERM_SKIPPED:
                    term_skipped = max(0, term_skipped + step)
            position = tag.end()
        rest = html[position:]
        out.append(rest if skipped else self._text(rest, terms=not term_skipped))
        return "".join(out)
