"""Commands for contributors: check, new, schema, bump and stale."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..model import jsonschema_export, scaffold, yamlstrict
from ..model.codeowners import owner_problems
from ..model.files import FileRefused, read_regular
from ..model.loading import TAXONOMY_FILE, load_toolbox
from ..model.plurals import count
from ..model.problems import count_errors, format_json, format_text
from ..model.schema import MAX_FILE_BYTES
from ..model.taxonomy import load_taxonomy
from ..site.editions import edition_problems
from .common import EXIT_OK, EXIT_PROBLEMS, entry_file, fail

SCHEMA_FOLDER = "schema"


def cmd_check(args: argparse.Namespace) -> int:
    from ..reuse.reuse_map import duplicate_warnings, find_duplicates

    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    problems = [
        *result.problems,
        *duplicate_warnings(result.corpus, find_duplicates(result.corpus)),
    ]
    problems += edition_problems(args.toolbox.resolve(), result.corpus.taxonomy, base=Path.cwd())
    problems += owner_problems(result.corpus, Path.cwd())
    if args.base:
        from ..history.basecheck import check_against

        problems += check_against(args.toolbox.resolve(), result.corpus, args.base, date.today())
    render = format_json if args.format == "json" else format_text
    print(render(problems, result.files))
    return EXIT_PROBLEMS if count_errors(problems) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    taxonomy, problems = load_taxonomy(
        args.toolbox / TAXONOMY_FILE, str(args.toolbox / TAXONOMY_FILE)
    )
    if problems:
        return fail("de taxonomie heeft fouten; draai eerst 'warmtetoolbox check'")
    title = " ".join(args.title.split())
    entry_id = scaffold.slugify(title)
    if len(title) < 5 or not entry_id:
        return fail(
            "de titel is te kort of bevat geen letters; kies een titel van minstens 5 tekens"
        )
    unknown = [t for t in args.tag if t not in taxonomy.tags]
    if unknown:
        return fail(f"onbekende tag: {', '.join(unknown)}; kies tags uit {TAXONOMY_FILE}")
    text = scaffold.new_entry_text(
        args.type,
        title,
        taxonomy,
        date.today(),
        tags=args.tag,
        audience=args.audience or ["officers"],
        visibility=args.visibility,
        owner=args.owner,
    )
    path = args.toolbox / args.type / f"{entry_id}.md"
    try:
        scaffold.write_new(path, text)
    except FileExistsError:
        return fail(f"{path} bestaat al; kies een andere titel of bewerk het bestaande item")
    print(f"aangemaakt: {path}")
    print(
        "Vul de samenvatting en de secties in, kies tags en zichtbaarheid, en draai 'warmtetoolbox check'."
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    folder = args.toolbox / SCHEMA_FOLDER
    stale = []
    for name, text in jsonschema_export.render_all().items():
        target = folder / name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(target)
        if not args.check:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if args.check and stale:
        names = ", ".join(str(p) for p in stale)
        return fail(f"JSON Schema niet actueel: {names}; draai 'warmtetoolbox schema'")
    print(
        f"{count(len(stale), 'schema', 'schema’s')} bijgewerkt in {folder}"
        if not args.check
        else "schema's zijn actueel"
    )
    return EXIT_OK


def cmd_bump(args: argparse.Namespace) -> int:
    import sys

    from ..history.bump import BumpError, bump_text, check_changed, write_atomically

    summary = " ".join(args.summary.split())
    if not 3 <= len(summary) <= 300:
        return fail("de samenvatting moet 3 tot 300 tekens lang zijn")
    path = entry_file(args.toolbox, args.id)
    if isinstance(path, str):
        return fail(path)
    try:
        raw = read_regular(path, args.toolbox, MAX_FILE_BYTES)
        note = check_changed(path, raw.decode("utf-8"))
        text, version = bump_text(raw.decode("utf-8"), summary, date.today())
    except FileRefused as exc:
        return fail(f"{path}: {exc}")
    except UnicodeDecodeError:
        return fail(f"{path}: bestand is geen geldige UTF-8; sla het op als UTF-8")
    except BumpError as exc:
        return fail(f"{path}: {exc}")
    except yamlstrict.YamlError as exc:
        return fail(f"{path}:{exc.line}: {exc.message}")
    if note:
        print(f"{path}: {note}", file=sys.stderr)
    write_atomically(path, text)
    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    own = [p for p in result.problems if p.is_error and p.path.endswith(path.name)]
    print(f"{path}: versie {version}, bijgewerkt op {date.today().isoformat()}")
    for problem in own:
        print(problem.format())
    return EXIT_PROBLEMS if own else EXIT_OK


def cmd_stale(args: argparse.Namespace) -> int:
    import json

    from ..history.freshness import parse_within, stale_entries

    try:
        within = parse_within(args.within)
    except ValueError as exc:
        return fail(str(exc))
    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    items = stale_entries(result.corpus, date.today(), within)
    if args.json:
        print(json.dumps([s.as_json() for s in items], ensure_ascii=False, indent=2))
        return EXIT_OK
    for s in items:
        when = (
            f"{s.days_overdue} dagen over tijd"
            if s.days_overdue > 0
            else f"over {-s.days_overdue} dagen"
        )
        print(f"{s.entry.review_by}  {s.entry.path}  ({s.entry.owner}; {when})")
    print(f"{count(len(items), 'item', 'items')} te herzien.")
    return EXIT_OK
