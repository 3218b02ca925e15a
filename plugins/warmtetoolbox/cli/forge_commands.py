"""Commands for the forge: ``codeowners`` (who reviews what) and ``asked`` (reuse records)."""

from __future__ import annotations

import argparse
import difflib
import re
from datetime import date
from pathlib import Path

from ..model.codeowners import FILE_NAME, CodeownersError, render
from ..model.files import FileRefused, read_regular
from ..model.loading import TAXONOMY_FILE, load_toolbox, split_source, validate_source
from ..model.problems import count_errors
from ..model.schema import FIRST_YEAR, MAX_FILE_BYTES
from ..model.taxonomy import Taxonomy, load_taxonomy
from .common import EXIT_OK, EXIT_PROBLEMS, entry_file, fail, toolbox_option

QUESTIONS = "vragen"


def add_forge_commands(commands) -> None:
    owners = commands.add_parser(
        "codeowners", help="schrijf CODEOWNERS uit 'owners' en 'maintainers' in de taxonomie"
    )
    toolbox_option(owners)
    owners.add_argument(
        "--file",
        type=Path,
        default=Path(FILE_NAME),
        help="het bestand, in de hoofdmap van de repository (standaard: CODEOWNERS)",
    )
    owners.add_argument("--check", action="store_true", help="controleer alleen of het actueel is")
    owners.set_defaults(handler=cmd_codeowners)

    asked = commands.add_parser("asked", help="zet bij een vraag dat een gemeente haar ook stelde")
    asked.add_argument("id", help="id van de vraag")
    asked.add_argument("--gemeente", required=True, help="gemeente uit de taxonomie (slug)")
    asked.add_argument("--jaar", required=True, type=_year, help="jaar waarin de vraag speelde")
    asked.add_argument("--context", help="waarbij de vraag speelde, bv. bewonersavond")
    asked.add_argument("--wijk", help="wijk of buurt (optioneel)")
    toolbox_option(asked)
    asked.set_defaults(handler=cmd_asked)


def _year(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text.strip()):
        raise argparse.ArgumentTypeError(f"geef een jaartal van vier cijfers, niet {text!r}")
    return int(text)


def cmd_codeowners(args: argparse.Namespace) -> int:
    target = args.file
    repository = target.resolve().parent
    try:
        toolbox = args.toolbox.resolve().relative_to(repository).as_posix()
    except ValueError:
        return fail(
            f"de toolboxmap {args.toolbox} ligt niet in de map van {target}; CODEOWNERS hoort "
            "in de hoofdmap van de repository"
        )
    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    if result.errors:
        return fail("de toolbox heeft fouten; draai eerst 'warmtetoolbox check' en herstel ze")
    try:
        text = render(result.corpus, toolbox, repository)
    except CodeownersError as exc:
        return fail(str(exc))
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current != text:
            return fail(
                f"{target} is niet actueel met de taxonomie en de items; "
                "draai 'warmtetoolbox codeowners' en commit het resultaat"
            )
        print(f"{target} is actueel")
        return EXIT_OK
    if current == text:
        print(f"{target} was al actueel")
        return EXIT_OK
    target.write_text(text, encoding="utf-8")
    print(f"{target} bijgewerkt")
    return EXIT_OK


def cmd_asked(args: argparse.Namespace) -> int:
    from ..history.asked import AskedError, AskedRecord, add_asked_text
    from ..history.bump import write_atomically

    today = date.today()
    if not FIRST_YEAR <= args.jaar <= today.year:
        return fail(
            f"het jaar moet van {FIRST_YEAR} tot en met {today.year} zijn, niet {args.jaar}"
        )
    path = entry_file(args.toolbox, args.id)
    if isinstance(path, str):
        return fail(path)
    if path.parent.name != QUESTIONS:
        return fail(
            f"{path} is geen vraag: alleen vragen ({args.toolbox}/{QUESTIONS}/) houden bij "
            "welke gemeenten ze stelden"
        )
    taxonomy_path = args.toolbox / TAXONOMY_FILE
    taxonomy, problems = load_taxonomy(taxonomy_path, str(taxonomy_path))
    if count_errors(problems):
        return fail("de taxonomie heeft fouten; draai eerst 'warmtetoolbox check'")
    if args.gemeente not in taxonomy.municipalities:
        return fail(_unknown_place(args.gemeente, taxonomy, taxonomy_path))
    record = AskedRecord(
        args.gemeente, args.jaar, _text(args.wijk) or None, _text(args.context) or None
    )
    known = {f.stem for f in args.toolbox.glob("*/*.md")}
    try:
        text = read_regular(path, args.toolbox, MAX_FILE_BYTES).decode("utf-8")
    except FileRefused as exc:
        return fail(f"{path}: {exc}")
    except UnicodeDecodeError:
        return fail(f"{path}: bestand is geen geldige UTF-8; sla het op als UTF-8")
    entry, problems = _validate(text, path, taxonomy, today, known)
    if entry is None:
        return fail(f"{path} heeft fouten; herstel die eerst ('warmtetoolbox check')")
    for i, asked in enumerate(entry.asked_in):
        if (asked.municipality, asked.year) == (record.municipality, record.year):
            return fail(
                f"{path}: {args.gemeente} staat al met {args.jaar} in 'asked_in' "
                f"(record {i + 1}); er is niets gewijzigd"
            )
    try:
        new_text = add_asked_text(text, record)
    except AskedError as exc:
        return fail(f"{path}: {exc}")
    entry, problems = _validate(new_text, path, taxonomy, today, known)
    if entry is None:
        for problem in problems:
            if problem.is_error:
                print(problem.format())
        return fail(f"{path}: het nieuwe record is niet geldig; er is niets gewijzigd")
    write_atomically(path, new_text)
    label = taxonomy.municipalities[args.gemeente].label
    print(f"{path}: {label} ({args.jaar}) toegevoegd aan 'asked_in'")
    return EXIT_OK if not count_errors(problems) else EXIT_PROBLEMS


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _validate(text: str, path: Path, taxonomy: Taxonomy, today: date, known: set[str]):
    source, problems = split_source(text.encode("utf-8"), path.parent.name, path.stem, str(path))
    if source is None:
        return None, problems
    return validate_source(source, taxonomy, today, known)


def _unknown_place(slug: str, taxonomy: Taxonomy, where: Path) -> str:
    if slug in taxonomy.regions:
        return f"'{slug}' is een regio, geen gemeente; geef een gemeente uit {where}"
    by_label = {place.label.casefold(): key for key, place in taxonomy.municipalities.items()}
    close = by_label.get(slug.casefold()) or next(
        iter(difflib.get_close_matches(slug.casefold(), list(taxonomy.municipalities), n=1)), None
    )
    hint = f"; bedoelde u '{close}'?" if close else ""
    return (
        f"gemeente '{slug}' staat niet in de taxonomie{hint or '.'} Een nieuwe gemeente zet u onder "
        f"'municipalities' in {where}"
    )
