"""What every command shares: Dutch argparse, exit codes, options and failure output."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..model.loading import load_toolbox
from ..model.plurals import count
from ..site.editions import DEFAULT_EDITION, load_edition

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

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


def dutch(message: str) -> str:
    return _ARGPARSE_DUTCH.get(message, message)


class DutchParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def toolbox_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--toolbox",
        type=Path,
        default=Path("toolbox"),
        help="map met de items (standaard: toolbox)",
    )


def index_options(parser: argparse.ArgumentParser) -> None:
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


def open_index(args: argparse.Namespace):
    """Load the corpus, select the edition and open (building if needed) its index."""
    from ..search.searcher import SearchIndex

    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    if result.errors:
        print(
            f"waarschuwing: {count(result.errors, 'fout', 'fouten')} in de toolbox; die items ontbreken in de index "
            "(zie 'warmtetoolbox check')",
            file=sys.stderr,
        )
    edition = load_edition(args.edition, args.toolbox, result.corpus.taxonomy)
    corpus = edition.select(result.corpus)
    root = args.index_dir or Path(".cache") / "zoekindex" / edition.name.replace(":", "-")
    return SearchIndex(corpus, root)


def fail(message: str) -> int:
    print(f"warmtetoolbox: fout: {message}", file=sys.stderr)
    return EXIT_USAGE


def entry_file(toolbox: Path, entry_id: str) -> Path | str:
    """The file of entry ``entry_id``, or a Dutch message saying why there is none. The id is
    checked before it is used in a glob, so '**' or '../x' never reach the file system."""
    from ..model.schema import ID_PATTERN

    if not re.fullmatch(ID_PATTERN, entry_id):
        return (
            f"'{entry_id}' is geen id: gebruik kleine letters, cijfers en '-' "
            "(de bestandsnaam zonder .md)"
        )
    matches = sorted(toolbox.glob(f"*/{entry_id}.md"))
    if len(matches) != 1:
        return f"item '{entry_id}' niet gevonden in {toolbox}; geef de id (bestandsnaam zonder .md)"
    return matches[0]
