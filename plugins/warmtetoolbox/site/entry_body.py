"""An entry's text as a page shows it: the part for everyone, and a marked part for
municipalities ("## Voor gemeenten") that residents can skip."""

from __future__ import annotations

import re
from dataclasses import dataclass

MUNICIPAL_HEADING = "Voor gemeenten"
_SECTION = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.M)
NOTE = '<p class="wtb-for-municipalities__note">Dit deel is voor gemeenten. Bewoners kunnen het overslaan.</p>'


@dataclass(frozen=True)
class Body:
    main: str
    municipal: str = ""  # Markdown of the section for municipalities, heading and note included
    rest: str = ""  # sections after it


def split_body(markdown: str) -> Body:
    """Split off the first ``## Voor gemeenten`` section (up to the next ``##`` heading)."""
    headings = list(_SECTION.finditer(markdown))
    for index, heading in enumerate(headings):
        if heading.group(1).strip().lower() != MUNICIPAL_HEADING.lower():
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(markdown)
        section = markdown[heading.end() : end].strip("\n")
        municipal = f"## {MUNICIPAL_HEADING}\n\n{NOTE}\n\n{section}\n"
        return Body(markdown[: heading.start()], municipal, markdown[end:])
    return Body(markdown)
