"""``warmtetoolbox check --base <ref>``: a changed entry must get a new version.

Compares each entry of the corpus with the same file at a git ref: when its
content changed, ``version`` must go up by exactly one and ``changes`` must hold
a new item for that version; a version may never go down.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..model.entries import Corpus, Entry
from ..model.loading import split_source, validate_source
from ..model.problems import Problem, error
from .git_history import GitError, repository_root, run_git


def _content(entry: Entry) -> Entry:
    """The entry without the fields that a version bump itself changes, and without
    ``asked_in``: recording that a municipality asked a question (``warmtetoolbox asked``)
    changes no answer, so it needs no new version."""
    return replace(entry, version=0, updated=date.min, changes=(), path="", asked_in=())


def check_against(toolbox: Path, corpus: Corpus, ref: str, today: date) -> list[Problem]:
    repo = repository_root(toolbox)
    if repo is None:
        return [
            error(toolbox.name, 1, "geen git-repository; --base werkt alleen in een git-checkout")
        ]
    try:
        run_git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        return [
            error(
                toolbox.name,
                1,
                f"git-referentie '{ref}' bestaat niet; geef een branch of commit op",
            )
        ]
    prefix = toolbox.resolve().relative_to(repo.resolve()).as_posix()
    problems = []
    known = {e.id for e in corpus} | {i for e in corpus for i in e.former_ids}
    for entry in corpus:
        base = _base_entry(
            repo, ref, f"{prefix}/{entry.type}/{entry.id}.md", entry, corpus, today, known
        )
        if base is not None:
            problems.extend(_compare(entry, base, ref))
    return problems


def _base_entry(repo, ref, path, entry, corpus, today, known) -> Entry | None:
    try:
        raw = run_git(repo, "show", f"{ref}:{path}")
    except GitError:
        return None  # a new entry: nothing to compare with
    source, _ = split_source(raw, entry.type, entry.id, path)
    if source is None:
        return None
    base, _ = validate_source(source, corpus.taxonomy, today, known)
    return base


def _compare(entry: Entry, base: Entry, ref: str) -> list[Problem]:
    if entry.version < base.version:
        return [
            error(
                entry.path,
                1,
                f"'version' ging omlaag van {base.version} naar {entry.version} ten opzichte van {ref}; verhoog haar weer",
            )
        ]
    if _content(entry) == _content(base) and entry.changes == base.changes:
        return []
    hint = f"draai 'warmtetoolbox bump {entry.id} \"<wat er veranderde>\"'"
    problems = []
    if entry.version == base.version:
        problems.append(
            error(
                entry.path,
                1,
                f"inhoud gewijzigd ten opzichte van {ref}, maar 'version' is nog {entry.version}; {hint}",
            )
        )
    elif entry.version > base.version + 1:
        problems.append(
            error(
                entry.path,
                1,
                f"'version' sprong van {base.version} naar {entry.version}; verhoog met één per wijziging",
            )
        )
    old_versions = {c.version for c in base.changes}
    if entry.version != base.version and (
        entry.version in old_versions or entry.version not in {c.version for c in entry.changes}
    ):
        problems.append(
            error(entry.path, 1, f"voeg in 'changes' een regel toe voor versie {entry.version}")
        )
    return problems
