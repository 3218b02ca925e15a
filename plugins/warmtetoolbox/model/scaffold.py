"""Write a new, valid entry from a type's body template (``warmtetoolbox new``)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import frontmatter
import yaml

from .schema import REG_FIN, TYPES
from .taxonomy import Taxonomy

DEFAULT_OWNER = "Redactie Warmtetoolbox"
MAX_ID_LENGTH = 80
PLACEHOLDER_SOURCE = {
    "title": "Officiële bron (vervang door de juiste pagina)",
    "url": "https://www.rijksoverheid.nl/",
}
SECTION_HINTS = {
    "Kort antwoord": "Schrijf hier in eenvoudige taal (B1) het antwoord in een paar korte zinnen.",
}


class _Dumper(yaml.SafeDumper):
    """Writes repeated values (such as today's date) in full: the loader refuses aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def slugify(title: str) -> str:
    """An id from a title: lowercase ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_ID_LENGTH:
            break
        slug = candidate
    return slug


def body_template(entry_type: str) -> str:
    parts = []
    for section in TYPES[entry_type].sections:
        hint = SECTION_HINTS.get(section, f"Schrijf hier de sectie '{section}'.")
        parts.append(f"## {section}\n\n{hint}\n")
    return "\n".join(parts)


def new_entry_text(
    entry_type: str,
    title: str,
    taxonomy: Taxonomy,
    today: date,
    tags: list[str],
    audience: list[str],
    visibility: str,
    owner: str = DEFAULT_OWNER,
) -> str:
    meta: dict = {
        "title": title,
        "summary": "Vat hier in één of twee zinnen in gewone taal samen waar dit item over gaat.",
        "tags": tags or [next(iter(taxonomy.tags))],
        "audience": audience,
        "visibility": visibility,
        "status": "draft",
        "version": 1,
        "updated": today,
        "owner": owner,
    }
    if entry_type in REG_FIN:
        meta["review_by"] = today + timedelta(days=365)
        meta["sources"] = [PLACEHOLDER_SOURCE]
    meta["changes"] = [{"version": 1, "date": today, "summary": "Eerste versie."}]
    post = frontmatter.Post(body_template(entry_type), **meta)
    return frontmatter.dumps(post, Dumper=_Dumper, sort_keys=False, allow_unicode=True) + "\n"


def write_new(path: Path, text: str) -> None:
    """Create ``path``; raises ``FileExistsError`` rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
