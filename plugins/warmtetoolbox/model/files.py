"""Reading toolbox files safely: regular files inside the toolbox, with a bounded read.

A symbolic link to ``/dev/zero``, a named pipe, a folder named like an entry or a link
to a file outside the toolbox must never hang, exhaust memory or be published; each
gives a Dutch reason instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .oserrors import dutch_reason

_NOT_REGULAR = (
    "is geen gewoon bestand (maar een apparaat, pijp of socket); vervang het door een tekstbestand"
)


class FileRefused(Exception):
    """Why a file is not read, in Dutch (without the path)."""


def read_regular(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file inside ``root`` of at most ``limit`` bytes.

    Symbolic links are followed only when their target lies inside ``root``. The file is
    opened without blocking (a named pipe does not hang), checked with ``fstat`` on the
    open descriptor and read at most ``limit + 1`` bytes.
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        raise FileRefused("te veel symbolische links (een kring?); haal de link weg") from None
    if path.is_symlink() and not resolved.exists():
        raise FileRefused("symbolische link naar een bestand dat niet bestaat; haal de link weg")
    try:
        mode = resolved.stat().st_mode  # without opening: a device is refused unopened
    except OSError as exc:
        raise FileRefused(f"kan het bestand niet openen: {dutch_reason(exc)}") from None
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise FileRefused(_NOT_REGULAR)
    if not resolved.is_relative_to(root.resolve()):
        raise FileRefused(
            "verwijst naar een bestand buiten de toolbox; zet het bestand zelf in de map"
        )
    try:
        # the checked target itself, never a link swapped in since
        fd = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_NOFOLLOW)
    except OSError as exc:
        raise FileRefused(f"kan het bestand niet openen: {dutch_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused("is een map, geen bestand; haal de map weg of hernoem haar")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(_NOT_REGULAR)
        if info.st_size > limit:
            raise FileRefused(_too_large(limit))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileRefused(f"kan het bestand niet lezen: {dutch_reason(exc)}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileRefused(_too_large(limit))
    return b"".join(chunks)


def _too_large(limit: int) -> str:
    return f"bestand is groter dan {limit // 1024} kB; splits het op"
