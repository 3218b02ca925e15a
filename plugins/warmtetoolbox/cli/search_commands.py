"""Commands over the Whoosh index: index, search and serve-search."""

from __future__ import annotations

import argparse
import html
import re

from .common import EXIT_OK, fail, open_index


def cmd_index(args: argparse.Namespace) -> int:
    with open_index(args) as index:
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

    from ..search.searcher import Filters, QueryError

    filters = Filters(args.type, args.tag, args.audience, args.status, args.municipality)
    with open_index(args) as index:
        try:
            results = index.search(args.query, filters, args.limit)
        except QueryError as exc:
            return fail(str(exc))
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

    from ..search.api import make_app

    index = open_index(args)
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
        return fail(
            f"kan niet luisteren op {args.host}:{args.port} ({exc.strerror or exc}); kies een andere --port"
        )
    finally:
        index.close()
    return EXIT_OK
