"""Commands over the Whoosh index: index, search and serve-search."""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys

from ..model.plurals import count
from .common import EXIT_OK, EXIT_USAGE, fail, open_index


def _open(args: argparse.Namespace):
    """The index, or None after a Dutch message when it can be neither opened nor built."""
    from ..search.index import IndexUnavailable

    try:
        index = open_index(args)
    except IndexUnavailable as exc:
        print(f"warmtetoolbox: {exc}", file=sys.stderr)
        return None
    if index.report.damaged:
        print(index.report.warning(), file=sys.stderr)
    return index


def cmd_index(args: argparse.Namespace) -> int:
    index = _open(args)
    if index is None:
        return EXIT_USAGE
    with index:
        report = index.report
    if report.rebuilt:
        print(
            f"zoekindex bijgewerkt: {count(report.added, 'item', 'items')} toegevoegd, "
            f"{report.removed} verwijderd ({report.path})"
        )
    else:
        print(f"zoekindex is al actueel ({report.path})")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    import json

    from ..search.searcher import Filters, QueryError

    filters = Filters(args.type, args.tag, args.audience, args.status, args.municipality)
    index = _open(args)
    if index is None:
        return EXIT_USAGE
    with index:
        try:
            results = index.search(args.query, filters, args.limit)
        except QueryError as exc:
            return fail(str(exc))
    if args.json:
        print(json.dumps(results.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if results.suggestion:
        print(f"Bedoelde u: {results.suggestion}?")
    print(f"{count(results.total, 'resultaat', 'resultaten')} voor '{results.query}'")
    for number, hit in enumerate(results.hits, 1):
        snippet = re.sub(r"</?mark>", "*", html.unescape(hit.snippet))
        print(f"{number:>2}. {hit.title}  [{hit.type}]  /{hit.url}\n    {snippet}")
    return EXIT_OK


def cmd_serve_search(args: argparse.Namespace) -> int:
    from ..search.api import make_app
    from ..search.index import os_reason
    from ..search.server import create

    index = _open(args)
    if index is None:
        return EXIT_USAGE
    try:
        server = create(make_app(index), args.host, args.port, args.threads)
    except OSError as exc:
        index.close()
        return fail(
            f"kan niet luisteren op {args.host}:{args.port} ({os_reason(exc)}); kies een andere --port"
        )
    print(f"zoek-API op http://{args.host}:{args.port}/api/search?q=… ({len(index.corpus)} items)")
    # waitress and the index log warnings: plain Dutch lines, no "WARNING:name:" prefix
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        index.close()
    return EXIT_OK
