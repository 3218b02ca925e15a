"""A checksum manifest of a finished index folder, and a cheap fingerprint of its files.

Written after the Whoosh commit (``manifest.json``: name, size and SHA-256 of every
index file). ``damage`` verifies a folder against it on open; ``fingerprint`` (size,
modification time and inode per file) lets a running server notice, per request and
without reading the files, that one was truncated, replaced or removed underneath it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

MANIFEST = "manifest.json"
# Files beside the index that are not part of it: caches, locks, the manifest itself.
_NOT_INDEX = ("similar-", "analysis.json", MANIFEST, ".")


def _index_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(_NOT_INDEX) and not p.name.endswith("LOCK")
    )


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def write_manifest(folder: Path) -> None:
    files = {p.name: {"size": p.stat().st_size, "sha256": _digest(p)} for p in _index_files(folder)}
    partial = folder / f".{MANIFEST}.tmp"
    partial.write_text(json.dumps({"files": files}, indent=1), encoding="utf-8")
    os.replace(partial, folder / MANIFEST)


def has_manifest(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def damage(folder: Path) -> str | None:
    """What is wrong with the index files in ``folder`` (in Dutch), or None if intact."""
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        expected = {name: (int(i["size"]), str(i["sha256"])) for name, i in listed.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return f"de controlelijst {MANIFEST} ontbreekt of is onleesbaar"
    try:
        present = {p.name: p for p in _index_files(folder)}
    except OSError:
        return "de map van de zoekindex is onleesbaar"
    for name, (size, sha256) in sorted(expected.items()):
        path = present.pop(name, None)
        try:
            if path is None:
                return f"bestand {name} ontbreekt"
            if path.stat().st_size != size:
                return f"bestand {name} is ingekort of gegroeid"
            if _digest(path) != sha256:
                return f"bestand {name} is gewijzigd"
        except OSError:
            return f"bestand {name} is onleesbaar"
    if present:
        return f"onbekend bestand {sorted(present)[0]}"
    return None


def fingerprint(folder: Path) -> tuple:
    """Size, modification time and inode of every index file: cheap, no reading."""
    try:
        stats = [(p.name, p.stat()) for p in _index_files(folder)]
    except OSError:
        return ()
    return tuple((name, s.st_size, s.st_mtime_ns, s.st_ino) for name, s in stats)
