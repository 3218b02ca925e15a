"""What a plain-text field may hold: no control characters and no Markdown or HTML markup.

Used for entry fields, taxonomy labels and descriptions, and every file's raw text.
All patterns are linear (no nested quantifiers, no unbounded scans per position).
"""

from __future__ import annotations

import re

# C0 controls except tab, newline and carriage return; DEL; C1 controls; the two
# Unicode noncharacters that make XML (the RSS feeds) malformed.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# Markup an entry field may not hold (kept as before: a lone '<' is fine in a title).
ENTRY_MARKUP = re.compile(r"<[A-Za-z/!?]|\]\(|!\[|`|\*\*|__|^\s*#|^\s*(?:-{3,}|={3,})\s*$", re.M)

# Taxonomy text is shown on many pages; it holds no markup characters at all.
_TAXONOMY_MARKUP = re.compile(
    r"[<>`\[\]\\{}|]|\*\*|__|~~|^\s*(?:#|[-+*:]\s|\d+[.)]\s|-{3,}|={3,}|\*{3,}|_{3,})", re.M
)


def control_character(text: str) -> tuple[int, str] | None:
    """(0-based index, character) of the first forbidden control character, or None."""
    match = CONTROL.search(text)
    return (match.start(), match.group()) if match else None


def describe_control(char: str) -> str:
    return f"onzichtbaar stuurteken U+{ord(char):04X} is niet toegestaan; haal het weg"


def has_entry_markup(text: str) -> bool:
    return ENTRY_MARKUP.search(text) is not None


def has_taxonomy_markup(text: str) -> bool:
    return _TAXONOMY_MARKUP.search(text) is not None
