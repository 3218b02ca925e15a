"""The ``warmtetoolbox`` command line: Dutch messages, no tracebacks."""

from __future__ import annotations

import argparse
import html
import re
import sys
from datetime import date
from pathlib import Path

from . import jsonschema_export, scaffold, yamlstrict
from .editions import DEFAULT_EDITION, EditionError, load_edition
from .loading import TAXONOMY_FILE, load_toolbox
from .problems import count_errors, format_json, format_text
from .schema import AUDIENCES, TYPES, VISIBILITIES
from .taxonomy import load_taxonomy

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
SCHEMA_FOLDER = "schema"

_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}


def _dutch(message: str) -> str:
    return _ARGPARSE_DUTCH.get(message, message)


class DutchParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _dutch  # argparse looks up its own messages through this name
    parser = DutchParser(
        prog="warmtetoolbox",
        description="Warmtetoolbox: controleer, maak en publiceer toolbox-items.",
    )
    commands = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=DutchParser)
    commands.required = True

    check = commands.add_parser("check", help="controleer alle items en de taxonomie")
    _toolbox_option(check)
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="uitvoer als tekst of JSON"
    )
    check.add_argument(
        "--base",
        metavar="REF",
        help="git-referentie om wijzigingen mee te vergelijken (pull request)",
    )
    check.set_defaults(handler=cmd_check)

    new = commands.add_parser("new", help="maak een nieuw item met het juiste sjabloon")
    new.add_argument("type", choices=tuple(TYPES), help="soort item (map)")
    new.add_argument("title", metavar="titel", help="titel van het nieuwe item")
    _toolbox_option(new)
    new.add_argument(
        "--tag", action="append", default=[], help="tag uit de taxonomie (herhaalbaar)"
    )
    new.add_argument(
        "--audience", action="append", choices=AUDIENCES, default=[], help="doelgroep (herhaalbaar)"
    )
    new.add_argument(
        "--visibility",
        choices=VISIBILITIES,
        default="internal",
        help="zichtbaarheid (standaard: internal)",
    )
    new.add_argument("--owner", default=scaffold.DEFAULT_OWNER, help="organisatie die het bijhoudt")
    new.set_defaults(handler=cmd_new)

    schema = commands.add_parser("schema", help="schrijf de JSON Schema's voor editors")
    _toolbox_option(schema)
    schema.add_argument("--check", action="store_true", help="controleer alleen of ze actueel zijn")
    schema.set_defaults(handler=cmd_schema)

    bump = commands.add_parser("bump", help="verhoog de versie van een item na een wijziging")
    bump.add_argument("id", help="id van het item")
    bump.add_argument("summary", metavar="samenvatting", help="wat er veranderde")
    _toolbox_option(bump)
    bump.set_defaults(handler=cmd_bump)

    stale = commands.add_parser("stale", help="items waarvan de herziening verlopen is")
    _toolbox_option(stale)
    stale.add_argument(
        "--within", default="0d", help="ook items die binnen deze termijn verlopen, bv. 30d"
    )
    stale.add_argument("--json", action="store_true", help="uitvoer als JSON")
    stale.set_defaults(handler=cmd_stale)

    reuse = commands.add_parser("reuse", help="toon de hergebruikkaart van de vragen")
    _toolbox_option(reuse)
    reuse.add_argument("--json", action="store_true", help="uitvoer als JSON")
    reuse.set_defaults(handler=cmd_reuse)

    index = commands.add_parser("index", help="bouw of ververs de zoekindex")
    _toolbox_option(index)
    _index_options(index)
    index.set_defaults(handler=cmd_index)

    search = commands.add_parser("search", help="zoek in de toolbox")
    search.add_argument("query", metavar="zoekvraag", help="waar u naar zoekt")
    _toolbox_option(search)
    _index_options(search)
    for name in ("type", "tag", "audience", "status", "municipality"):
        search.add_argument(f"--{name}", help=f"alleen items met deze {name}")
    search.add_argument("--limit", type=int, default=10, help="aantal resultaten (1-50)")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON")
    search.set_defaults(handler=cmd_search)

    serve = commands.add_parser("serve-search", help="start de zoek-API (alleen lezen)")
    _toolbox_option(serve)
    _index_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8001, help="poort (standaard 8001)")
    serve.add_argument("--threads", type=int, default=8, help="aantal werkdraden")
    serve.set_defaults(handler=cmd_serve_search)

    build = commands.add_parser("build", help="bouw een editie van de site")
    build.add_argument(
        "--edition", default=DEFAULT_EDITION, help="public, internal of gemeente:<naam>"
    )
    build.add_argument("--out", type=Path, required=True, help="map waar de site komt")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    build.set_defaults(handler=cmd_build)
    return parser


def _toolbox_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--toolbox",
        type=Path,
        default=Path("toolbox"),
        help="map met de items (standaard: toolbox)",
    )


def _index_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--edition",
        default=DEFAULT_EDITION,
        help="editie: public (standaard), internal of gemeente:<naam>",
    )
    parser.add_argument(
        "--index-dir",
        type=Path,
        default=None,
        help="map van de zoekindex (standaard: .cache/zoekindex/<editie>)",
    )


def _open_index(args: argparse.Namespace):
    """Load the corpus, select the edition and open (building if needed) its index."""
    from .search import SearchIndex

    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    if result.errors:
        print(
            f"waarschuwing: {result.errors} fout(en) in de toolbox; die items ontbreken in de index "
            "(zie 'warmtetoolbox check')",
            file=sys.stderr,
        )
    edition = load_edition(args.edition, args.toolbox, result.corpus.taxonomy)
    corpus = edition.select(result.corpus)
    root = args.index_dir or Path(".cache") / "zoekindex" / edition.name.replace(":", "-")
    return SearchIndex(corpus, root)


def cmd_bump(args: argparse.Namespace) -> int:
    from .bump import BumpError, bump_text, write_atomically

    summary = " ".join(args.summary.split())
    if not 3 <= len(summary) <= 300:
        return _fail("de samenvatting moet 3 tot 300 tekens lang zijn")
    matches = sorted(args.toolbox.glob(f"*/{args.id}.md"))
    if len(matches) != 1:
        return _fail(
            f"item '{args.id}' niet gevonden in {args.toolbox}; geef de id (bestandsnaam zonder .md)"
        )
    path = matches[0]
    try:
        text, version = bump_text(path.read_text(encoding="utf-8"), summary, date.today())
    except (BumpError, UnicodeDecodeError) as exc:
        return _fail(f"{path}: {exc}")
    except yamlstrict.YamlError as exc:
        return _fail(f"{path}:{exc.line}: {exc.message}")
    write_atomically(path, text)
    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    own = [p for p in result.problems if p.is_error and p.path.endswith(path.name)]
    print(f"{path}: versie {version}, bijgewerkt op {date.today().isoformat()}")
    for problem in own:
        print(problem.format())
    return EXIT_PROBLEMS if own else EXIT_OK


def cmd_stale(args: argparse.Namespace) -> int:
    import json

    from .freshness import parse_within, stale_entries

    try:
        within = parse_within(args.within)
    except ValueError as exc:
        return _fail(str(exc))
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
    print(f"{len(items)} item(s) te herzien.")
    return EXIT_OK


def cmd_reuse(args: argparse.Namespace) -> int:
    import json

    from .reuse import compute

    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    if result.errors:
        print(
            f"waarschuwing: {result.errors} fout(en) in de toolbox; die items tellen niet mee",
            file=sys.stderr,
        )
    reuse = compute(result.corpus, date.today())
    if args.json:
        print(json.dumps(reuse.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    totals = reuse.totals
    if reuse.example_data:
        print("Let op: voorbeeldgegevens (verzonnen gemeenten).")
    print(
        f"{totals['questions']} vragen, {totals['asked']} keer gesteld door {totals['municipalities']} gemeenten; "
        f"{totals['reused_questions']} vragen komen bij twee of meer gemeenten terug."
    )
    print(
        f"Bespaard uitzoekwerk (geschat): {reuse.total.hours:g} uur = {reuse.total.fte:.2f} fte (1 fte = 1.500 uur)."
    )
    print("\nMeest hergebruikt:")
    for number, q in enumerate(reuse.questions[:10], 1):
        saved = "—" if q.hours_saved is None else f"{q.hours_saved:g} uur"
        print(
            f"{number:>3}. {q.entry.title}  ({q.asked_count}x, {len(q.municipalities)} gemeenten, {saved})"
        )
    if reuse.gaps:
        print("\nPrioriteiten:")
        for gap in reuse.gaps:
            print(f"  - {gap.id}: {gap.reason}")
    if reuse.duplicates:
        print("\nMogelijk dubbel:")
        for pair in reuse.duplicates:
            print(f"  - {pair.a} ~ {pair.b} ({pair.score:.2f})")
    return EXIT_OK


def cmd_index(args: argparse.Namespace) -> int:
    with _open_index(args) as index:
        report = index.report
    if report.rebuilt:
        print(
            f"zoekindex bijgewerkt: {report.added} item(s) toegevoegd, {report.removed} verwijderd ({report.path})"
        )
    else:
        print(f"zoekindex is al actueel ({report.path})")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    import json

    from .search import Filters, QueryError

    filters = Filters(args.type, args.tag, args.audience, args.status, args.municipality)
    with _open_index(args) as index:
        try:
            results = index.search(args.query, filters, args.limit)
        except QueryError as exc:
            return _fail(str(exc))
    if args.json:
        print(json.dumps(results.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if results.suggestion:
        print(f"Bedoelde u: {results.suggestion}?")
    print(f"{results.total} resultaat/resultaten voor '{results.query}'")
    for number, hit in enumerate(results.hits, 1):
        snippet = re.sub(r"</?mark>", "*", html.unescape(hit.snippet))
        print(f"{number:>2}. {hit.title}  [{hit.type}]  /{hit.url}\n    {snippet}")
    return EXIT_OK


def cmd_serve_search(args: argparse.Namespace) -> int:
    import waitress

    from .api import make_app

    index = _open_index(args)
    print(f"zoek-API op http://{args.host}:{args.port}/api/search?q=… ({len(index.corpus)} items)")
    try:
        waitress.serve(
            make_app(index),
            host=args.host,
            port=args.port,
            threads=args.threads,
            ident="warmtetoolbox",
        )
    except OSError as exc:
        return _fail(
            f"kan niet luisteren op {args.host}:{args.port} ({exc.strerror or exc}); kies een andere --port"
        )
    finally:
        index.close()
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .sitebuild import BuildFailed, build_edition

    try:
        build_edition(args.config, args.edition, args.out)
    except BuildFailed as exc:
        return _fail(str(exc))
    print(f"editie '{args.edition}' gebouwd in {args.out}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .reuse import duplicate_warnings, find_duplicates

    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    problems = [
        *result.problems,
        *duplicate_warnings(result.corpus, find_duplicates(result.corpus)),
    ]
    if args.base:
        from .basecheck import check_against

        problems += check_against(args.toolbox.resolve(), result.corpus, args.base, date.today())
    render = format_json if args.format == "json" else format_text
    print(render(problems, result.files))
    return EXIT_PROBLEMS if count_errors(problems) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    taxonomy, problems = load_taxonomy(
        args.toolbox / TAXONOMY_FILE, str(args.toolbox / TAXONOMY_FILE)
    )
    if problems:
        return _fail("de taxonomie heeft fouten; draai eerst 'warmtetoolbox check'")
    title = " ".join(args.title.split())
    entry_id = scaffold.slugify(title)
    if len(title) < 5 or not entry_id:
        return _fail(
            "de titel is te kort of bevat geen letters; kies een titel van minstens 5 tekens"
        )
    unknown = [t for t in args.tag if t not in taxonomy.tags]
    if unknown:
        return _fail(f"onbekende tag(s): {', '.join(unknown)}; kies tags uit {TAXONOMY_FILE}")
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
        return _fail(f"{path} bestaat al; kies een andere titel of bewerk het bestaande item")
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
        return _fail(f"JSON Schema niet actueel: {names}; draai 'warmtetoolbox schema'")
    print(
        f"{len(stale)} schema('s) bijgewerkt in {folder}"
        if not args.check
        else "schema's zijn actueel"
    )
    return EXIT_OK


def _fail(message: str) -> int:
    print(f"warmtetoolbox: fout: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("warmtetoolbox: afgebroken", file=sys.stderr)
        return 130
    except EditionError as exc:
        return _fail(str(exc))
    except OSError as exc:
        name = exc.filename or ""
        return _fail(f"{name}: {exc.strerror or exc}".strip(": "))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
