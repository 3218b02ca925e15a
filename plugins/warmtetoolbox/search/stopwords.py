"""Dutch stop words, from the same Snowball list the Whoosh analysis uses."""

from __future__ import annotations

from whoosh.lang import stopwords_for_language

from ..model.vocabulary import fold


def dutch_stop_words() -> frozenset[str]:
    return frozenset(fold(w) for w in stopwords_for_language("nl"))
