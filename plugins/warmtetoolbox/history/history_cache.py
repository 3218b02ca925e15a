"""The git history, read once per git HEAD: rebuilds under ``mkdocs serve`` reuse it.

History comes from commits only, so an edit that is not committed cannot change it;
what it depends on is the commit (HEAD), the toolbox folder, the day (freshness) and
which entries exist under which paths and former ids (the taxonomy included, as old
versions are read against it). When any of these changes it is read again.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from ..model.entries import Corpus
from .git_history import GitError, History, read_history, run_git


def history_key(toolbox: Path, corpus: Corpus, today: date) -> str | None:
    """What the history of ``corpus`` depends on, hashed; None without a readable HEAD."""
    try:
        head = run_git(toolbox, "rev-parse", "HEAD").decode().strip()
    except GitError:
        return None
    shape = sorted((e.id, e.path, e.former_ids) for e in corpus)
    text = repr((head, str(toolbox.resolve()), today.isoformat(), shape, corpus.taxonomy))
    return hashlib.sha256(text.encode()).hexdigest()


class HistoryCache:
    """Remembers the last history read, for as long as its key holds."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._history: History | None = None

    def read(self, toolbox: Path, corpus: Corpus, today: date) -> History:
        key = history_key(toolbox, corpus, today)
        if key is not None and key == self._key and self._history is not None:
            return self._history
        history = read_history(toolbox, corpus, today)
        self._key, self._history = key, history
        return history
