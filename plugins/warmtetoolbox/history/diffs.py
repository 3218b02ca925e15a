"""Readable comparison of two versions ("Wat is er veranderd"), per paragraph.

Bodies are compared as the text a reader sees, not as Markdown: headings, list
markers, emphasis and link syntax are dropped, link texts kept. Paragraphs are
aligned first, then the words of each changed paragraph; unchanged paragraphs are
left out and counted. Both steps are bounded, so a huge version cannot make the
build slow.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[^\s]+")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_TAG = re.compile(r"<[^<>\n]*>")
_BLOCK_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+|\|)")
_INLINE_MARK = re.compile(r"(\*\*|__|\*|`|\|)")
MAX_WORDS = 5_000  # per paragraph pair compared word by word; beyond: replaced as a whole
MAX_PARAGRAPHS = 2_000


@dataclass(frozen=True)
class Piece:
    kind: str  # "same" | "added" | "removed"
    text: str


@dataclass(frozen=True)
class Paragraph:
    pieces: tuple[Piece, ...]
    skipped_before: int = 0  # unchanged paragraphs left out before this one


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """The words of ``new`` with those added and removed since ``old`` marked."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) > MAX_WORDS or len(b) > MAX_WORDS:
        return tuple(p for p in (Piece("removed", old), Piece("added", new)) if p.text)
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


def paragraphs(markdown: str) -> list[str]:
    """The paragraphs a reader sees, as plain text (headings and list items included)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = [_BLOCK_MARK.sub("", line) for line in block.splitlines()]
        text = " ".join(" ".join(lines).split())
        text = _INLINE_MARK.sub("", _TAG.sub(" ", _LINK.sub(r"\1", text)))
        text = " ".join(text.split())
        if text:
            out.append(text)
    return out


def paragraph_diff(old: str, new: str) -> tuple[Paragraph, ...]:
    """Changed paragraphs of ``new`` against ``old``, each with its words marked."""
    a, b = paragraphs(old)[:MAX_PARAGRAPHS], paragraphs(new)[:MAX_PARAGRAPHS]
    changed: list[Paragraph] = []
    skipped = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            skipped += a2 - a1
            continue
        olds, news = a[a1:a2], b[b1:b2]
        for index in range(max(len(olds), len(news))):
            before = olds[index] if index < len(olds) else ""
            after = news[index] if index < len(news) else ""
            changed.append(Paragraph(word_diff(before, after), skipped))
            skipped = 0
    if changed and skipped:
        changed.append(Paragraph((), skipped))
    return tuple(changed)


def counts(pieces) -> tuple[int, int]:
    """Number of words added and removed, over pieces or paragraphs of pieces."""
    flat = [p for item in pieces for p in (item.pieces if isinstance(item, Paragraph) else (item,))]
    added = sum(len(p.text.split()) for p in flat if p.kind == "added")
    removed = sum(len(p.text.split()) for p in flat if p.kind == "removed")
    return added, removed
