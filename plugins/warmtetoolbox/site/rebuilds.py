"""Which generated pages changed since the previous build of the same process.

``mkdocs serve`` rebuilds the whole site after every save. With ``--dirty`` MkDocs
renders only the pages whose file says it was modified; for generated pages MkDocs
cannot know, so the adapter asks this tracker. A page counts as changed when its
content differs from the previous build's, or when anything every page depends on
(the taxonomy, the edition, the configuration) differs. The first build changes all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from .generated import GeneratedPage


def fingerprint(*parts: object) -> str:
    """A short digest of everything that shapes every page (taxonomy, edition, config)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _digest(content: str) -> bytes:
    return hashlib.blake2b(content.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ChangeTracker:
    """Remembers the pages of the previous build; says which changed and which went away."""

    def __init__(self) -> None:
        self._context: str | None = None
        self._digests: dict[str, bytes] = {}
        self.changed: frozenset[str] = frozenset()
        self.removed: frozenset[str] = frozenset()
        self.full = True  # the last update changed every page

    def update(self, pages: Iterable[GeneratedPage], context: str) -> frozenset[str]:
        """Take this build's pages; return the source paths of the changed ones."""
        digests = {page.src_path: _digest(page.text()) for page in pages}
        self.full = context != self._context
        if self.full:
            changed = set(digests)
        else:
            changed = {path for path, d in digests.items() if self._digests.get(path) != d}
        self.removed = frozenset(set(self._digests) - set(digests))
        self._context, self._digests = context, digests
        self.changed = frozenset(changed)
        return self.changed

    def drop_removed(self, outputs: dict[str, str]) -> None:
        """Delete the output files (``outputs``: source path → file, made by earlier builds
        of this process) of pages that went away: `mkdocs serve --dirty` never empties
        its folder."""
        for src in self.removed:
            output = outputs.pop(src, None)
            if output:
                Path(output).unlink(missing_ok=True)
