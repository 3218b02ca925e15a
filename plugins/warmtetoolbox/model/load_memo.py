"""What validating each toolbox file gave, kept between loads and between builds."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import re
import sys
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path

import yaml
from pyphen import __version__ as pyphen_version

from .atomic_files import replacing
from .code_version import code_digest
from .entries import Entry


class EntryMemo:
    """What validating each file gave in the previous load.

    ``mkdocs serve`` loads the toolbox after every save; a file whose bytes did not
    change, under the same taxonomy, date and set of ids, gives the same result. Every
    file is still read (a digest of its bytes is the key), so nothing goes stale.

    With a ``path`` the results are also kept between processes, in a pickle file in the
    build cache (``save``), under a digest of the context and of this package's code.
    The cache folder must be trusted like the search index beside it (Whoosh pickles
    too); a file that cannot be read is ignored.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._context: bytes | None = None
        self._results: dict[str, tuple[bytes, tuple]] = {}
        self._stored: bytes | None = None  # the context of the file, once read
        self._stored_keys: AbstractSet[str] = frozenset()  # the files it holds
        self._changed = False

    def begin(self, context: object) -> None:
        # the code: this package's, the YAML parser's, the hyphenation's and Python's
        code = (code_digest(), yaml.__version__, yaml.__with_libyaml__, pyphen_version, sys.version)
        digest = hashlib.blake2b(
            repr((code, context)).encode("utf-8", "surrogatepass"), digest_size=20
        ).digest()
        if digest == self._context:
            return
        self._context, self._results, self._changed = digest, {}, True
        if self.path is not None and self._stored is None:
            self._stored, results = _read_memo(self.path)
            if self._stored == digest:
                self._results, self._changed = results, False
                self._stored_keys = frozenset(results)

    def get(self, shown: str, raw: bytes) -> tuple | None:
        hit = self._results.get(shown)
        if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == _digest(raw):
            return hit[1]
        return None

    def put(self, shown: str, raw: bytes, result: tuple) -> None:
        self._results[shown] = (_digest(raw), result)
        self._changed = True

    def save(self, published: Mapping[str, Entry] | None = None) -> None:
        """Write the results to ``path`` if they changed since it was read; raises OSError.

        ``published`` (path → entry, as an edition shows it) keeps the file to what that
        edition shows: a cache beside a public edition holds nothing the edition leaves
        out, not even a dropped ``asked_in`` record. A file whose entry the edition shows
        changed is kept as shown only when each of its problems is about a field the
        edition shows unchanged and quotes nothing left out (``_safe``); a hit then gives
        the entry as the edition shows it, which the edition's selection leaves as it is."""
        if self.path is None or self._context is None:
            return
        kept = self._results if published is None else _shown(self._results, published)
        if not self._changed and kept.keys() == self._stored_keys:
            return  # the file holds exactly this already
        with replacing(self.path, binary=True) as out:
            pickle.dump((self._context, kept), out, pickle.HIGHEST_PROTOCOL)
        self._stored, self._changed = self._context, False
        self._stored_keys = kept.keys()


def _shown(results: dict, published: Mapping[str, Entry]) -> dict:
    kept = {}
    for shown, (digest, result) in results.items():
        entry = result[0]
        public = published.get(entry.path) if entry is not None else None
        if public is None or (public != entry and not _safe(entry, public, result[1])):
            continue  # left out, or a problem may be about what the edition leaves out
        kept[shown] = (digest, result if public == entry else (public, *result[1:]))
    return kept


_NAMED = re.compile(r"'([^'\[.]+)")  # "'summary' is moeilijk ...": the field it is about


def _safe(entry: Entry, public: Entry, problems: tuple) -> bool:
    """True when every problem of ``entry`` is about a field the edition shows unchanged
    (its message starts with that field's quoted name) and quotes nothing left out.
    Fails closed: a message in any other form counts as unsafe."""
    changed = {
        f.name
        for f in dataclasses.fields(entry)
        if getattr(entry, f.name) != getattr(public, f.name)
    }
    texts = _left_out(entry, public)
    for problem in problems:
        message = str(getattr(problem, "message", problem))
        named = _NAMED.match(message)
        if named is None or named.group(1).strip() in changed:
            return False
        if any(text in message.casefold() for text in texts):
            return False
    return True


def _left_out(entry: Entry, public: Entry) -> list[str]:
    """The texts of ``entry`` that ``public`` (the same entry as an edition shows it) lacks."""
    texts: list[str] = []
    for field in dataclasses.fields(entry):
        mine, shown = getattr(entry, field.name), getattr(public, field.name)
        if mine == shown:
            continue
        items = [i for i in mine if i not in shown] if isinstance(mine, tuple) else [mine]
        for item in items:
            if dataclasses.is_dataclass(item):
                texts += [str(getattr(item, f.name)) for f in dataclasses.fields(item)]
            else:
                texts.append(str(item))
    return [text.casefold() for text in texts if text and text != "None"]


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20).digest()


def _read_memo(path: Path) -> tuple[bytes | None, dict]:
    try:
        with path.open("rb") as source:
            context, results = pickle.load(source)
    except Exception:  # missing, damaged or from other code: start afresh
        return b"", {}
    if not isinstance(context, bytes) or not isinstance(results, dict):
        return b"", {}
    return context, results
