"""Entry history from git: every version of every entry, as it was.

One ``git log`` lists which commits touched which entry files; one
``git cat-file --batch`` reads those files as they were. Each historical file is
split and validated like a current one, so old versions render with the same
templates (and the same editions) as current ones. Git is only read here.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from ..model.entries import Corpus, Entry
from ..model.loading import split_source, validate_source
from ..model.problems import Problem, warning
from ..model.schema import MAX_FILE_BYTES, TYPES
from ..model.validation import KnownIds

GIT_TIMEOUT = 120


@dataclass(frozen=True)
class Version:
    """One version of an entry: its last state in git with that version number."""

    number: int
    entry: Entry
    commit: str
    committed: date

    @property
    def date(self) -> date:
        return self.entry.updated

    @property
    def summary(self) -> str:
        change = next((c for c in self.entry.changes if c.version == self.number), None)
        return change.summary if change else ""


@dataclass(frozen=True)
class History:
    versions: Mapping[str, tuple[Version, ...]] = field(default_factory=dict)  # oldest first
    problems: tuple[Problem, ...] = ()

    def of(self, entry_id: str) -> tuple[Version, ...]:
        return self.versions.get(entry_id, ())


class GitError(RuntimeError):
    pass


def run_git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=data,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(str(exc)) from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout


def repository_root(path: Path) -> Path | None:
    try:
        return Path(run_git(path, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        return None


def read_history(toolbox: Path, corpus: Corpus, today: date) -> History:
    """Versions of the entries in ``corpus`` (and of ids they once had) from git."""
    try:
        return _read_history(toolbox, corpus, today)
    except GitError as exc:  # e.g. a repository without commits yet
        return History(
            problems=(
                _note(toolbox.name, f"git-geschiedenis niet te lezen ({exc}); versies ontbreken"),
            )
        )


def _read_history(toolbox: Path, corpus: Corpus, today: date) -> History:
    shown = toolbox.name
    repo = repository_root(toolbox)
    if repo is None:
        return History(
            problems=(_note(shown, "geen git-repository gevonden; versiegeschiedenis ontbreekt"),)
        )
    problems: list[Problem] = []
    if run_git(repo, "rev-parse", "--is-shallow-repository").strip() == b"true":
        problems.append(
            _note(
                shown, "de git-geschiedenis is onvolledig (shallow clone); oudere versies ontbreken"
            )
        )
    prefix = toolbox.resolve().relative_to(repo.resolve()).as_posix()
    touched = _commits_per_file(repo, prefix)
    wanted = _wanted_paths(corpus, prefix)
    blobs = _read_blobs(
        repo, [(c, p) for p, commits in touched.items() if p in wanted for c, _ in commits]
    )
    known = {e.id for e in corpus} | {i for e in corpus for i in e.former_ids}
    versions: dict[str, dict[int, Version]] = defaultdict(dict)
    for path, commits in touched.items():
        entry_id = wanted.get(path)
        if entry_id is None:
            continue
        for commit, committed in commits:  # newest first: the first seen is a version's last state
            entry = _entry_at(blobs.get((commit, path)), path, corpus, today, known)
            if entry is not None and entry.version not in versions[entry_id]:
                versions[entry_id][entry.version] = Version(entry.version, entry, commit, committed)
    ordered = {i: tuple(sorted(v.values(), key=lambda v: v.number)) for i, v in versions.items()}
    return History(ordered, tuple(problems))


def _note(path: str, message: str) -> Problem:
    return warning(path, 1, message)


def _wanted_paths(corpus: Corpus, prefix: str) -> dict[str, str]:
    """Repository path → current entry id, for current and former file names."""
    paths = {}
    for entry in corpus:
        for entry_id in (entry.id, *entry.former_ids):
            paths[f"{prefix}/{entry.type}/{entry_id}.md"] = entry.id
    return paths


def _commits_per_file(repo: Path, prefix: str) -> dict[str, list[tuple[str, date]]]:
    out = run_git(repo, "log", "--format=%x00%H %cI", "--name-only", "--no-renames", "--", prefix)
    touched: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for record in out.decode("utf-8", "replace").split("\0")[1:]:
        header, *names = record.strip().split("\n")
        commit, stamp = header.split(" ", 1)
        committed = datetime.fromisoformat(stamp.strip()).date()
        for name in names:
            if name.strip():
                touched[name.strip()].append((commit, committed))
    return touched


def _blob_sizes(repo: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Sizes of the files as they were, without reading them (``--batch-check``)."""
    request = "".join(f"{commit}:{path}\n" for commit, path in wanted).encode()
    lines = run_git(repo, "cat-file", "--batch-check", data=request).splitlines()
    sizes = {}
    for key, line in zip(wanted, lines, strict=False):
        header = line.split()
        if len(header) == 3 and header[1] == b"blob":  # else missing: deleted in that commit
            sizes[key] = int(header[2])
    return sizes


def _read_blobs(repo: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    """Old file contents; a version over the size limit of current files is not read."""
    if not wanted:
        return {}
    sizes = _blob_sizes(repo, wanted)
    wanted = [key for key in wanted if sizes.get(key, MAX_FILE_BYTES + 1) <= MAX_FILE_BYTES]
    if not wanted:
        return {}
    request = "".join(f"{commit}:{path}\n" for commit, path in wanted).encode()
    out = run_git(repo, "cat-file", "--batch", data=request)
    blobs = {}
    position = 0
    for key in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":  # missing: deleted in that commit
            continue
        size = int(header[2])
        blobs[key] = out[position : position + size]
        position += size + 1
    return blobs


def _entry_at(raw: bytes | None, path: str, corpus: Corpus, today: date, known: set[str]):
    if raw is None:
        return None
    posix = PurePosixPath(path)
    entry_type, file_id = posix.parent.name, posix.stem
    if entry_type not in TYPES:
        return None
    source, _ = split_source(raw, entry_type, file_id, path)
    if source is None:
        return None
    # Links to other entries do not decide whether a version existed: an old version
    # may name an entry that is internal, a draft or gone. Rendering drops such links.
    known = KnownIds(known, {file_id, *_links(source)})
    entry, _ = validate_source(source, corpus.taxonomy, today, known)
    return entry


def _links(source) -> set[str]:
    data = source.frontmatter.data
    related = data.get("related")
    ids = {i for i in related if isinstance(i, str)} if isinstance(related, list) else set()
    if isinstance(data.get("replaced_by"), str):
        ids.add(data["replaced_by"])
    return ids
