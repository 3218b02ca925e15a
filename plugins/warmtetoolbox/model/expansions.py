"""What else a reader may type for what a text says: the vocabulary applied at index time.

A search engine that cannot expand queries itself (the site's Pagefind index) gets these
phrasings stored beside each entry instead: the other forms of every abbreviation and
synonym group the text contains (``SpUk`` → ``specifieke uitkering``, ``warmtenet`` →
``stadsverwarming``) and the parts of its compounds (``warmtenetten`` → ``warmte netten``).
The same ``Vocabulary`` serves the query side of the Whoosh search.
"""

from __future__ import annotations

from collections import defaultdict

from .vocabulary import Vocabulary, split_compound, words


def _positions(tokens: list[str]) -> dict[str, list[int]]:
    where: dict[str, list[int]] = defaultdict(list)
    for index, token in enumerate(tokens):
        where[token].append(index)
    return where


def _occurs(phrase: tuple[str, ...], tokens: list[str], where: dict[str, list[int]]) -> bool:
    if not phrase:
        return False
    length = len(phrase)
    return any(tuple(tokens[i : i + length]) == phrase for i in where.get(phrase[0], ()))


def expansions(text: str, vocabulary: Vocabulary, per_group: int | None = None) -> list[str]:
    """Phrasings that mean what ``text`` says but that it does not contain, in a stable order.

    ``per_group`` keeps at most that many phrasings of each group (its first, preferred
    ones): a long text touches many concepts, and the index should not grow with all
    their phrasings.

    Linear in the length of ``text`` (one pass to index word positions; only phrases
    whose first word occurs are tested, and only where it occurs).
    """
    tokens = words(text)
    where = _positions(tokens)
    present = set(where)
    found: dict[str, None] = {}
    matched = {
        number
        for token in present
        for number, phrase in vocabulary.by_first.get(token, ())
        if _occurs(phrase, tokens, where)
    }
    for number in sorted(matched):  # the taxonomy's order
        missing = [p for p in vocabulary.groups[number] if not _occurs(p, tokens, where)]
        for phrase in missing[:per_group]:
            found[" ".join(phrase)] = None
    for word in sorted(present):
        parts = split_compound(word)
        if parts:
            joined = " ".join(parts)
            if joined not in found:
                found[joined] = None
    return list(found)
