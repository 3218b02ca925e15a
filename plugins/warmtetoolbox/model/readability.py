"""Readability of text for residents: Flesch-Douma, the Dutch Flesch reading ease.

``textstat`` computes it (``set_lang("nl")``: 206.835 - 0.93 × words per sentence
- 77 × syllables per word, syllables counted with Pyphen's Dutch hyphenation).
Scores run from about 0 (very hard) to 100 (very easy); 60 or more is plain
language (B1) for most readers.
"""

from __future__ import annotations

import re
import threading

import textstat

from .entries import Entry
from .problems import Problem, warning
from .yamlstrict import Parsed

MINIMUM_SCORE = 60
SHORT_ANSWER = "Kort antwoord"
_LOCK = threading.Lock()  # textstat keeps its language in module state
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]*>|[*_`#>|]")
_URL = re.compile(r"https?://\S+")


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader reads: link text kept, addresses and markup dropped."""
    text = _LINK.sub(r"\1", markdown)
    text = _URL.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    lines = [re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", line) for line in text.split("\n")]
    return " ".join(" ".join(lines).split())


def flesch_douma(text: str) -> float | None:
    """The Flesch-Douma score of ``text`` (Markdown allowed); None for text without words."""
    plain = plain_text(text)
    if not re.search(r"\w", plain):
        return None
    with _LOCK:
        textstat.set_lang("nl")
        return round(float(textstat.flesch_reading_ease(plain)), 1)


def section(body: str, heading: str) -> tuple[int, str] | None:
    """(line offset of the heading, text) of the level-2 section ``heading`` in ``body``."""
    lines = body.split("\n")
    start = next(
        (i for i, line in enumerate(lines) if line.strip().rstrip("#").strip() == f"## {heading}"),
        None,
    )
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start, "\n".join(lines[start + 1 : end])


def readability_problems(entry: Entry, parsed: Parsed, body_line: int) -> list[Problem]:
    """Warnings for a summary or short answer below ``MINIMUM_SCORE``, for entries whose
    audience includes residents."""
    if "residents" not in entry.audience:
        return []
    texts = [("'summary'", parsed.line(("summary",), 1), entry.summary)]
    found = section(entry.body, SHORT_ANSWER)
    if found:
        texts.append((f"'## {SHORT_ANSWER}'", body_line + found[0], found[1]))
    problems = []
    for name, line, text in texts:
        score = flesch_douma(text)
        if score is not None and score < MINIMUM_SCORE:
            problems.append(
                warning(
                    entry.path,
                    line,
                    f"{name} is moeilijk te lezen voor bewoners (Flesch-Douma {score:g}, "
                    f"minimaal {MINIMUM_SCORE}); schrijf op B1-niveau: korte zinnen, gewone "
                    "woorden, leg begrippen uit",
                )
            )
    return problems
