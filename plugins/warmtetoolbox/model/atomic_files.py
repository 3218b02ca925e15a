"""Files replaced whole or not at all: written beside the target, then renamed over it.

Caches and indexes are read by the next build or by another process; a half-written
file must never be what they find. A failed write leaves the old file as it was and
no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def replacing(path: Path, binary: bool = False) -> Iterator[IO]:
    """An open file that replaces ``path`` when the ``with`` block ends without an error
    (its folder is made first); raises OSError."""
    partial = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") if binary else partial.open("w", encoding="utf-8") as out:
            yield out
        os.replace(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file; raises OSError."""
    with replacing(path) as out:
        out.write(text)
