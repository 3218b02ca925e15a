"""Read a toolbox folder into a validated, immutable corpus.

This is the only place that reads entry files; every product works from the
``Corpus`` it returns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from . import yamlstrict
from .bodies import check_abbreviations, check_body
from .bodylimits import check_text_lines
from .bodylinks import link_problems
from .entries import Corpus, Entry
from .files import FileRefused, read_regular
from .load_memo import EntryMemo
from .placeholders import placeholder_problems
from .plaintext import control_character, describe_control
from .problems import Problem, count_errors, error, warning
from .readability import readability_problems
from .schema import ID_PATTERN, MAX_FILE_BYTES, RESERVED_IDS, TYPES
from .sourcecheck import source_problems
from .taxonomy import Taxonomy, load_taxonomy
from .validation import EntryValidator, build_entry

TAXONOMY_FILE = "taxonomy.yml"
_ID = re.compile(ID_PATTERN)
_DELIMITER = re.compile(r"---[ \t]*")
_CLOSING = re.compile(r"(---|\.\.\.)[ \t]*")


@dataclass(frozen=True)
class LoadResult:
    corpus: Corpus
    problems: tuple[Problem, ...]
    files: int

    @property
    def errors(self) -> int:
        return count_errors(self.problems)


@dataclass(frozen=True)
class SourceFile:
    """One entry file split into its parts, before validation."""

    path: str
    entry_type: str
    entry_id: str
    frontmatter: yamlstrict.Parsed
    body: str
    body_line: int


FileWork = tuple[Path, str, bytes]  # a file, its path as shown, its bytes
Validated = tuple[Entry | None, tuple[Problem, ...], int | None, int | None]


def in_order(function: Callable[[FileWork], Validated], items: list[FileWork]) -> list[Validated]:
    """``function`` over ``items``, here and in order (``load_toolbox``'s default map)."""
    return [function(item) for item in items]


def load_toolbox(
    root: Path,
    today: date | None = None,
    base: Path | None = None,
    memo: EntryMemo | None = None,
    map_files: Callable[
        [Callable[[FileWork], Validated], list[FileWork]], list[Validated]
    ] = in_order,
) -> LoadResult:
    """Load and validate every entry under ``root``.

    ``base`` is the folder paths in messages are relative to (default: ``root``'s parent);
    ``memo`` keeps the results per file between loads of one process. ``map_files``
    validates the files the memo does not hold: it applies a function to a list and
    returns the results in order (a front end may spread that over processes).
    """
    today = today or date.today()
    base = base or root.parent
    if not root.is_dir():
        shown = _display(root, base)
        return LoadResult(
            Corpus((), Taxonomy()),
            (error(shown, 1, "map niet gevonden; geef de toolboxmap op met --toolbox"),),
            0,
        )
    taxonomy, problems = load_taxonomy(root / TAXONOMY_FILE, _display(root / TAXONOMY_FILE, base))
    files = sorted(root.rglob("*.md"))
    known_ids = Counter(f.stem for f in files)
    if memo is not None:
        memo.begin((root, base, today, taxonomy, tuple(sorted(known_ids.items()))))
    read = [_read_file(file, root, base, memo) for file in files]
    todo = [
        (file, shown, raw) for file, shown, raw, _, hit in read if raw is not None and hit is None
    ]
    check = partial(_validate_file, taxonomy=taxonomy, today=today, known_ids=known_ids)
    results = map_files(check, todo) if todo else []
    if len(results) != len(todo):  # a map that loses or adds results: never a wrong file
        raise ValueError(f"map_files gave {len(results)} results for {len(todo)} files")
    fresh = iter(results)
    entries: list[Entry] = []
    lines: dict[str, int] = {}
    body_lines: dict[str, int] = {}
    for _, shown, raw, refused, hit in read:
        if raw is None:
            problems.extend(refused)
            continue
        if hit is None:
            hit = next(fresh)
            if memo is not None:
                memo.put(shown, raw, hit)
        entry, file_problems, body_line, former_line = hit
        if body_line is not None:
            body_lines[shown] = body_line
        if former_line is not None:
            lines[shown] = former_line
        problems.extend(file_problems)
        if entry is not None:
            entries.append(entry)
    problems.extend(_unused_tags(taxonomy, entries, _display(root / TAXONOMY_FILE, base)))
    clashes = _former_id_clashes(entries, lines) + link_problems(entries, taxonomy.tags, body_lines)
    problems.extend(clashes)
    refused_paths = {p.path for p in clashes}
    kept = tuple(e for e in entries if e.path not in refused_paths)
    return LoadResult(Corpus(kept, taxonomy), tuple(sorted(problems)), len(files))


def _former_id_clashes(entries: list[Entry], lines: dict[str, int]) -> list[Problem]:
    """A former id is the address of exactly one redirect: no two entries may claim it."""
    ids = {e.id for e in entries}
    claimed: dict[str, Entry] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: e.path):
        for old in entry.former_ids:
            if old in ids:
                problems.append(
                    error(
                        entry.path,
                        lines.get(entry.path, 1),
                        f"vroegere id '{old}' is de id van een ander item; haal haar uit "
                        "'former_ids'",
                    )
                )
            elif old in claimed:
                problems.append(
                    error(
                        entry.path,
                        lines.get(entry.path, 1),
                        f"vroegere id '{old}' staat ook in 'former_ids' van {claimed[old].path}; "
                        "een oud adres kan maar naar één item doorsturen",
                    )
                )
            else:
                claimed[old] = entry
    return problems


def _unused_tags(taxonomy: Taxonomy, entries: list[Entry], path: str) -> list[Problem]:
    used = {tag for entry in entries for tag in entry.tags}
    return [
        warning(path, 1, f"tag '{slug}' wordt door geen enkel item gebruikt")
        for slug in taxonomy.tags
        if slug not in used
    ]


def _display(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _read_file(file: Path, root: Path, base: Path, memo: EntryMemo | None):
    """(file, path as shown, bytes or None, why not read, the memo's result or None)."""
    shown = _display(file, base)
    raw, refused = _read_raw(file, root, shown)
    hit = memo.get(shown, raw) if memo is not None and raw is not None else None
    return file, shown, raw, refused, hit


def _validate_file(
    work: FileWork, taxonomy: Taxonomy, today: date, known_ids: Counter
) -> Validated:
    """What validating one read file gives (its entry when valid, and its problems).

    A valid entry also gets the editorial checks: template text, sources, review date
    and readability."""
    file, shown, raw = work
    return _validate_raw(raw, file, shown, taxonomy, today, known_ids)


def _validate_raw(
    raw: bytes, file: Path, shown: str, taxonomy: Taxonomy, today: date, known_ids: Counter
) -> tuple[Entry | None, tuple[Problem, ...], int | None, int | None]:
    """Entry, problems, body line and ``former_ids`` line of one file's bytes."""
    source, problems = split_source(raw, file.parent.name, file.stem, shown)
    if source is None:
        return None, tuple(problems), None, None
    if known_ids[source.entry_id] > 1:
        problems.append(
            error(
                shown, 1, f"id '{source.entry_id}' komt in meer mappen voor; hernoem een van beide"
            )
        )
    entry, more = validate_source(source, taxonomy, today, known_ids.keys())
    problems += more
    if entry is not None:
        problems += placeholder_problems(entry, source.frontmatter, source.body_line)
        problems += source_problems(entry, source.frontmatter)
        problems += readability_problems(entry, source.frontmatter, source.body_line)
    former_line = None
    if "former_ids" in source.frontmatter.data:
        former_line = source.frontmatter.line(("former_ids",), 1)
    kept = entry if not count_errors(problems) else None
    return kept, tuple(problems), source.body_line, former_line


def validate_source(
    source: SourceFile, taxonomy: Taxonomy, today: date, known_ids: AbstractSet[str]
) -> tuple[Entry | None, list[Problem]]:
    """Validate split frontmatter and body; an ``Entry`` when there is no error."""
    meta = source.frontmatter.data
    validator = EntryValidator(
        source.path, source.entry_type, source.frontmatter, taxonomy, today, known_ids
    )
    values = validator.validate(meta)
    title_lines = [
        (source.frontmatter.line((key,), 1), meta[key])
        for key in ("title", "summary")
        if isinstance(meta.get(key), str)
    ]
    problems = validator.problems + check_body(
        source.path, source.entry_type, source.body, source.body_line, taxonomy.abbreviations
    )
    problems += check_abbreviations(source.path, title_lines, taxonomy.abbreviations)
    if count_errors(problems):
        return None, problems
    entry = build_entry(source.entry_id, source.entry_type, source.path, values, source.body)
    return entry, problems


def _read_raw(file: Path, root: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes after checking its location and size."""
    location = _check_location(file, root, shown)
    if location:
        return None, location
    try:
        return read_regular(file, root, MAX_FILE_BYTES), []
    except FileRefused as exc:
        return None, [error(shown, 1, str(exc))]


def split_source(
    raw: bytes, entry_type: str, entry_id: str, shown: str
) -> tuple[SourceFile | None, list[Problem]]:
    """Decode a file's bytes and split them into frontmatter and body."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [error(shown, line, "bestand is geen geldige UTF-8; sla het op als UTF-8")]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = control_character(text)
    if control:
        line = text.count("\n", 0, control[0]) + 1
        return None, [error(shown, line, describe_control(control[1]))]
    lines = text.split("\n")
    too_long = check_text_lines(shown, enumerate(lines, start=1))
    if too_long:
        return None, too_long
    if not lines or not _DELIMITER.fullmatch(lines[0]):
        return None, [
            error(shown, 1, "frontmatter ontbreekt: begin het bestand met een regel '---'")
        ]
    end = next((i for i in range(1, len(lines)) if _CLOSING.fullmatch(lines[i])), None)
    if end is None:
        return None, [
            error(shown, 1, "frontmatter wordt niet afgesloten: zet een regel '---' na de velden")
        ]
    try:
        parsed = yamlstrict.parse("\n".join(lines[1:end]), first_line=2)
    except yamlstrict.YamlError as exc:
        return None, [error(shown, exc.line, exc.message)]
    if not isinstance(parsed.data, dict):
        return None, [error(shown, 2, "frontmatter moet uit 'veld: waarde'-regels bestaan")]
    body = "\n".join(lines[end + 1 :])
    return SourceFile(shown, entry_type, entry_id, parsed, body, end + 2), []


def _check_location(file: Path, root: Path, shown: str) -> list[Problem]:
    relative = file.relative_to(root)
    folder = relative.parts[0] if len(relative.parts) > 1 else ""
    if len(relative.parts) != 2 or folder not in TYPES:
        folders = ", ".join(TYPES)
        return [
            error(
                shown,
                1,
                f"items horen direct in een van de mappen {folders}; verplaats dit bestand",
            )
        ]
    if not _ID.fullmatch(file.stem) or file.stem in RESERVED_IDS:
        return [
            error(
                shown,
                1,
                f"bestandsnaam '{file.name}' is geen geldige id: gebruik kleine letters, cijfers "
                "en '-' (bijvoorbeeld wat-kost-een-warmtenet.md), en niet 'index'",
            )
        ]
    return []
