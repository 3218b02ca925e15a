"""Readable word-level comparison of two texts ("Wat is er veranderd")."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same" | "added" | "removed"
    text: str


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """The words of ``new`` with those added and removed since ``old`` marked."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(b[b1:b2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("removed", "".join(a[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("added", "".join(b[b1:b2])))
    return tuple(p for p in pieces if p.text)


def counts(pieces: tuple[Piece, ...]) -> tuple[int, int]:
    """Number of words added and removed."""
    added = sum(len(p.text.split()) for p in pieces if p.kind == "added")
    removed = sum(len(p.text.split()) for p in pieces if p.kind == "removed")
    return added, removed
