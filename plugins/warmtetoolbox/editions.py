"""Editions: which entries a site publishes.

``public`` (the default) holds public entries that are not drafts; ``internal``
holds everything. An edition is a selection of the corpus, never a fork.
"""

from __future__ import annotations

from collections.abc import Callable

from .entries import Corpus, Entry

DEFAULT_EDITION = "public"


def _public(entry: Entry) -> bool:
    return entry.visibility == "public" and entry.status != "draft"


def _internal(entry: Entry) -> bool:
    return True


EDITIONS: dict[str, Callable[[Entry], bool]] = {"public": _public, "internal": _internal}


def select_edition(corpus: Corpus, name: str) -> Corpus:
    return corpus.select(EDITIONS[name])
