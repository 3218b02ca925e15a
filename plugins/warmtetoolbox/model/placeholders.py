"""The example text that ``warmtetoolbox new`` writes must be replaced before an entry
leaves draft: ``check`` refuses it in title, summary, source titles and body."""

from __future__ import annotations

from .entries import Entry
from .problems import Problem, error
from .scaffold import PLACEHOLDER_SOURCE, SECTION_HINTS
from .yamlstrict import Parsed

# The summary ``scaffold.new_entry_text`` writes (a test keeps the two in step).
SUMMARY = "Vat hier in één of twee zinnen in gewone taal samen waar dit item over gaat."
# ``scaffold.body_template`` writes "Schrijf hier de sectie '<naam>'." for other sections.
SECTION_PREFIX = "Schrijf hier de sectie '"
PLACEHOLDERS = (SUMMARY, PLACEHOLDER_SOURCE["title"], *SECTION_HINTS.values())
_ADVICE = "vervang haar door eigen tekst, of zet 'status: draft' zolang het item niet af is"


def has_placeholder(text: str) -> bool:
    return SECTION_PREFIX in text or any(p in text for p in PLACEHOLDERS)


def placeholder_problems(entry: Entry, parsed: Parsed, body_line: int) -> list[Problem]:
    """Errors for template text left in an entry that is not a draft."""
    if entry.status == "draft":
        return []
    problems = []
    for key in ("title", "summary"):
        if has_placeholder(getattr(entry, key)):
            problems.append(
                error(
                    entry.path,
                    parsed.line((key,), 1),
                    f"'{key}' bevat nog de voorbeeldtekst van 'warmtetoolbox new'; {_ADVICE}",
                )
            )
    for i, source in enumerate(entry.sources):
        if has_placeholder(source.title):
            problems.append(
                error(
                    entry.path,
                    parsed.line(("sources", i, "title"), 1),
                    "'sources' bevat nog de voorbeeldbron van 'warmtetoolbox new' "
                    "(voorbeeldtekst); noem de echte bron met titel en adres",
                )
            )
    for offset, line in enumerate(entry.body.split("\n")):
        if has_placeholder(line):
            problems.append(
                error(
                    entry.path,
                    body_line + offset,
                    f"de tekst bevat nog de voorbeeldtekst van 'warmtetoolbox new'; {_ADVICE}",
                )
            )
    return problems
