"""``warmtetoolbox links``: check the external ``sources`` URLs and report the dead ones."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..model.loading import load_toolbox
from ..model.plurals import count
from ..site.external_links import (
    DEFAULT_THREADS,
    DEFAULT_TIMEOUT_S,
    LinkCheckError,
    check_urls,
    collect,
    dead_links,
    markdown_report,
    text_report,
)
from .common import EXIT_OK, EXIT_PROBLEMS, fail, toolbox_option


def add_links_command(commands) -> None:
    links = commands.add_parser(
        "links", help="controleer de externe links in 'sources' (met LinkChecker)"
    )
    toolbox_option(links)
    links.add_argument(
        "--timeout",
        type=_one_to_120,
        default=DEFAULT_TIMEOUT_S,
        help=f"seconden wachten per link (1-120, standaard {DEFAULT_TIMEOUT_S})",
    )
    links.add_argument(
        "--threads",
        type=_one_to_120,
        default=DEFAULT_THREADS,
        help=f"links tegelijk (1-120, standaard {DEFAULT_THREADS})",
    )
    links.add_argument(
        "--report",
        type=Path,
        default=None,
        help="schrijf het overzicht als Markdown (voor een issue)",
    )
    links.set_defaults(handler=cmd_links)


def _one_to_120(text: str) -> int:
    """An argparse type for seconds and thread counts, with a Dutch error."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 120:
        raise argparse.ArgumentTypeError(
            f"moet een geheel getal van 1 tot en met 120 zijn, niet {text!r}"
        )
    return int(text)


def cmd_links(args: argparse.Namespace) -> int:
    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    if result.errors:
        print(
            f"waarschuwing: {count(result.errors, 'fout', 'fouten')} in de toolbox; de links van die items "
            "tellen niet mee (zie 'warmtetoolbox check')",
            file=sys.stderr,
        )
    uses = collect(result.corpus, Path.cwd())
    try:
        broken = check_urls(uses, timeout=args.timeout, threads=args.threads)
    except LinkCheckError as exc:
        return fail(str(exc))
    dead = dead_links(uses, broken)
    for line in text_report(dead):
        print(line)
    if args.report is not None:
        args.report.write_text(markdown_report(dead, len(uses), date.today()), encoding="utf-8")
    alive = len(uses) - len(dead)
    print(f"{len(uses)} externe links gecontroleerd: {alive} werken, {len(dead)} niet.")
    return EXIT_PROBLEMS if dead else EXIT_OK
