"""CODEOWNERS from the taxonomy: who reviews a change to which file.

The taxonomy maps each entry ``owner`` to forge handles (``owners``) and names the
``maintainers``, who review the code, the entry format, the taxonomy and the workflows.
GitHub and GitLab both read a ``CODEOWNERS`` file at the repository root, and on both
the last matching line wins: the file starts with the maintainers for everything, then
one line per toolbox folder (its most common owner) with a line per entry that differs,
and ends with the files only maintainers review.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .entries import Corpus, Entry
from .problems import Problem, warning
from .schema import TYPES

FILE_NAME = "CODEOWNERS"
HEADER = (
    "# Gemaakt met 'warmtetoolbox codeowners' uit 'owners' en 'maintainers' in de taxonomie.\n"
    "# Niet met de hand bewerken: pas de taxonomie aan en draai de opdracht opnieuw.\n"
    "# Op GitHub en GitLab telt de laatste regel die bij een bestand past.\n"
)
# Below the toolbox folder: files only maintainers review.
MAINTAINED_IN_TOOLBOX = ("taxonomy.yml", "schema/", "edities/")
# Below the repository root, when present: code, build and forge configuration.
MAINTAINED_IN_REPOSITORY = (
    "plugins/",
    "scripts/",
    "tests/",
    ".github/",
    ".gitlab/",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    "Makefile",
    "mkdocs.yml",
    "pyproject.toml",
    "constraints.txt",
    FILE_NAME,
)
_SAFE_PATH = re.compile(r"[A-Za-z0-9_./-]*")
_OWNER_LINE = re.compile(r"owner\s*:")


class CodeownersError(ValueError):
    """Why no CODEOWNERS can be written, in Dutch."""


def render(corpus: Corpus, toolbox: str, repository: Path | None = None) -> str:
    """The CODEOWNERS text; ``toolbox`` is the toolbox folder relative to the repository
    root (``toolbox``); code lines are written for the paths ``repository`` holds."""
    taxonomy = corpus.taxonomy
    maintainers = " ".join(taxonomy.maintainers)
    if not maintainers and not any(taxonomy.owners.values()):
        raise CodeownersError(
            "de taxonomie noemt geen 'owners' en geen 'maintainers'; zet daar de namen op "
            "GitHub of GitLab, bijvoorbeeld maintainers: ['@warmtetoolbox/beheer']"
        )
    if not _SAFE_PATH.fullmatch(toolbox):
        raise CodeownersError(
            f"de toolboxmap '{toolbox}' bevat tekens die CODEOWNERS niet goed leest; "
            "gebruik letters, cijfers, '-', '_' en '/'"
        )
    prefix = "/" + (f"{toolbox.strip('/')}/" if toolbox.strip("/.") else "")
    lines = [HEADER]
    if maintainers:
        lines += ["# Alles wat hieronder niet anders staat: de beheerders.", f"* {maintainers}", ""]
    lines.append("# Items: per map de beheerder van de meeste items, daarna de uitzonderingen.")
    for folder in TYPES:
        lines += _folder_lines(corpus.of_type(folder), f"{prefix}{folder}/", taxonomy, maintainers)
    if maintainers:
        lines += ["", "# Taxonomie, itemformaat, edities, code en workflows: de beheerders."]
        lines += [f"{prefix}{path} {maintainers}" for path in MAINTAINED_IN_TOOLBOX]
        for path in MAINTAINED_IN_REPOSITORY:
            if path == FILE_NAME or repository is None or (repository / path).exists():
                lines.append(f"/{path} {maintainers}")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def _folder_lines(entries, folder: str, taxonomy, maintainers: str) -> list[str]:
    def handles(entry: Entry) -> str:
        return " ".join(taxonomy.owners.get(entry.owner, ())) or maintainers

    entries = sorted(entries, key=lambda e: e.id)
    counts = Counter(handles(e) for e in entries)
    if not counts:
        return []
    common = max(counts, key=lambda h: (counts[h], h))
    lines = [f"{folder} {common}".rstrip()] if common else []
    lines += [f"{folder}{e.id}.md {handles(e)}".rstrip() for e in entries if handles(e) != common]
    return lines


def owner_problems(corpus: Corpus, base: Path) -> list[Problem]:
    """A warning per entry whose ``owner`` has no forge handle, once the taxonomy names
    owners or maintainers (the project then keeps a CODEOWNERS file)."""
    taxonomy = corpus.taxonomy
    if not taxonomy.owners and not taxonomy.maintainers:
        return []
    fallback = (
        "nu kijken de beheerders (maintainers) het na"
        if taxonomy.maintainers
        else "nu kijkt niemand het na"
    )
    return [
        warning(
            entry.path,
            _owner_line(base / entry.path),
            f"beheerder '{entry.owner}' heeft geen naam op GitHub of GitLab: zet hem onder "
            f"'owners' in de taxonomie en draai 'warmtetoolbox codeowners' ({fallback})",
        )
        for entry in corpus
        if not taxonomy.owners.get(entry.owner)
    ]


def _owner_line(path: Path) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if _OWNER_LINE.match(line)), 1)
