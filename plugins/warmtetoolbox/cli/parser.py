"""The argument parser of ``warmtetoolbox``: every command, its options and its handler."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..model import scaffold
from ..model.schema import AUDIENCES, TYPES, VISIBILITIES
from ..site.editions import DEFAULT_EDITION
from .common import DutchParser, dutch, index_options, toolbox_option
from .content_commands import cmd_bump, cmd_check, cmd_new, cmd_schema, cmd_stale
from .forge_commands import add_forge_commands
from .links_command import add_links_command
from .search_commands import cmd_index, cmd_search, cmd_serve_search
from .site_commands import cmd_build, cmd_reuse


def build_parser() -> argparse.ArgumentParser:
    argparse._ = dutch  # argparse looks up its own messages through this name
    parser = DutchParser(
        prog="warmtetoolbox",
        description="Warmtetoolbox: controleer, maak en publiceer toolbox-items.",
    )
    commands = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=DutchParser)
    commands.required = True

    check = commands.add_parser("check", help="controleer alle items en de taxonomie")
    toolbox_option(check)
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
    toolbox_option(new)
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
    toolbox_option(schema)
    schema.add_argument("--check", action="store_true", help="controleer alleen of ze actueel zijn")
    schema.set_defaults(handler=cmd_schema)

    bump = commands.add_parser("bump", help="verhoog de versie van een item na een wijziging")
    bump.add_argument("id", help="id van het item")
    bump.add_argument("summary", metavar="samenvatting", help="wat er veranderde")
    toolbox_option(bump)
    bump.set_defaults(handler=cmd_bump)

    stale = commands.add_parser("stale", help="items waarvan de herziening verlopen is")
    toolbox_option(stale)
    stale.add_argument(
        "--within", default="0d", help="ook items die binnen deze termijn verlopen, bv. 30d"
    )
    stale.add_argument("--json", action="store_true", help="uitvoer als JSON")
    stale.set_defaults(handler=cmd_stale)

    reuse = commands.add_parser("reuse", help="toon de hergebruikkaart van de vragen")
    toolbox_option(reuse)
    reuse.add_argument("--json", action="store_true", help="uitvoer als JSON")
    reuse.set_defaults(handler=cmd_reuse)

    index = commands.add_parser("index", help="bouw of ververs de zoekindex")
    toolbox_option(index)
    index_options(index)
    index.set_defaults(handler=cmd_index)

    search = commands.add_parser("search", help="zoek in de toolbox")
    search.add_argument("query", metavar="zoekvraag", help="waar u naar zoekt")
    toolbox_option(search)
    index_options(search)
    for name in ("type", "tag", "audience", "status", "municipality"):
        search.add_argument(f"--{name}", help=f"alleen items met deze {name}")
    search.add_argument("--limit", type=int, default=10, help="aantal resultaten (1-50)")
    search.add_argument("--json", action="store_true", help="uitvoer als JSON")
    search.set_defaults(handler=cmd_search)

    serve = commands.add_parser("serve-search", help="start de zoek-API (alleen lezen)")
    toolbox_option(serve)
    index_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    serve.add_argument("--port", type=_whole(1, 65535), default=8001, help="poort (standaard 8001)")
    serve.add_argument("--threads", type=_whole(1, 64), default=8, help="aantal werkdraden (1-64)")
    serve.set_defaults(handler=cmd_serve_search)

    build = commands.add_parser("build", help="bouw een editie van de site")
    build.add_argument(
        "--edition", default=DEFAULT_EDITION, help="public, internal of gemeente:<naam>"
    )
    build.add_argument("--out", type=Path, required=True, help="map waar de site komt")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    build.add_argument(
        "--site-url",
        default=None,
        help="webadres waar deze editie komt (standaard: $WARMTETOOLBOX_SITE_URL)",
    )
    build.set_defaults(handler=cmd_build)
    add_links_command(commands)
    add_forge_commands(commands)
    return parser


def _whole(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``, else a Dutch error."""

    def parse(text: str) -> int:
        value = int(text) if re.fullmatch(r"-?[0-9]{1,9}", text.strip()) else None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"moet een geheel getal van {low} tot en met {high} zijn, niet {text!r}"
            )
        return value

    return parse
