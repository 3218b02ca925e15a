"""Dutch text analysis for the Whoosh index: tokens, stems, accents, compound parts.

Whoosh pickles these analyzers into every index it writes; moving or renaming a
class here means raising ``ANALYSIS_VERSION`` in ``index.py``.
"""

from __future__ import annotations

import re

from whoosh.analysis import Filter, LanguageAnalyzer

from ..model.vocabulary import fold, split_compound


class _CompoundFilter(Filter):
    """Adds the parts of known compounds: 'warmtenetten' also yields 'warmte', 'netten'."""

    def __call__(self, tokens):
        for token in tokens:
            # Later filters change the token in place, so split before yielding it.
            parts = split_compound(token.text)
            yield token
            for part in parts:
                token.text = part
                yield token


class _DutchFixups(Filter):
    """Smooths two Snowball-Dutch rough edges: 'plann' → 'plan', 'subsidies' → 'subsidie'."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if (len(text) > 4 and text[-1] == text[-2] and text[-1] not in "aeiou") or (
                len(text) > 5 and text.endswith("ies")
            ):
                text = text[:-1]
            token.text = text
            yield token


def _analyzer(compounds: bool):
    """Dutch analysis; ``compounds`` adds the parts of compounds (index side only)."""
    base = LanguageAnalyzer("nl", expression=r"(?i)[0-9a-zà-ÿ]+(?:[+&][0-9a-zà-ÿ]*)*")
    tokenizer, *filters = base.items
    from whoosh.analysis import CharsetFilter
    from whoosh.support.charset import accent_map

    chain = tokenizer
    for item in filters:
        chain = chain | item
        if item.__class__.__name__ == "LowercaseFilter":
            chain = chain | CharsetFilter(accent_map)
            if compounds:
                chain = chain | _CompoundFilter()
    return chain | _DutchFixups()


ANALYZER = _analyzer(compounds=True)
QUERY_ANALYZER = _analyzer(compounds=False)


def plain_analyzer():
    from whoosh.analysis import RegexTokenizer

    return RegexTokenizer(r"(?i)[a-zà-ÿ]{4,}") | _Folding()


class _Folding(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


_MARKDOWN = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[#*_`>|]+")


def plain_text(markdown: str) -> str:
    """Readable text from Markdown, for indexing and snippets."""
    return " ".join(_MARKDOWN.sub(lambda m: m.group(1) or " ", markdown).split())
