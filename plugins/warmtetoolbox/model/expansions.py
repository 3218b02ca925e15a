"""What else a reader may type for what a text says: the vocabulary applied at index time.

A search engine that cannot expand queries itself (the site's Pagefind index) gets these
phrasings stored beside each entry instead: the other forms of every abbreviation and
synonym group the text contains (``SpUk`` → ``specifieke uitkering``, ``warmtenet`` →
``stadsverwarming``) and the parts of its compounds (``warmtenetten`` → ``warmte netten``).
The same ``Vocabulary`` serves the query side of the Whoosh search.
"""

from __future__ import annotations

from .vocabulary import Vocabulary, split_compound, words


def _present(tokens: list[str], vocabulary: Vocabulary) -> set[tuple[str, ...]]:
    """Every vocabulary phrase that occurs in ``tokens``: one pass over the text, testing
    only the phrases that start with the word at hand."""
    present: set[tuple[str, ...]] = set()
    by_first = vocabulary.by_first
    for index, token in enumerate(tokens):
        for _, phrase in by_first.get(token, ()):
            if phrase not in present and tuple(tokens[index : index + len(phrase)]) == phrase:
                present.add(phrase)
    return present


def expansions(text: str, vocabulary: Vocabulary, per_group: int | None = None) -> list[str]:
    """Phrasings that mean what ``text`` says but that it does not contain, in a stable order.

    ``per_group`` keeps at most that many phrasings of each group (its first, preferred
    ones): a long text touches many concepts, and the index should not grow with all
    their phrasings.

    Linear in the length of ``text`` (one pass; at each word only the phrases that
    start with it are tested).
    """
    tokens = words(text)
    phrases = _present(tokens, vocabulary)
    found: dict[str, None] = {}
    matched = {
        number
        for token in set(tokens)
        for number, p in vocabulary.by_first.get(token, ())
        if p in phrases
    }
    for number in sorted(matched):  # the taxonomy's order
        missing = [p for p in vocabulary.groups[number] if p not in phrases]
        for phrase in missing[:per_group]:
            found[" ".join(phrase)] = None
    present = set(tokens)
    for word in sorted(present):
        parts = split_compound(word)
        if parts:
            joined = " ".join(parts)
            if joined not in found:
                found[joined] = None
    return list(found)
