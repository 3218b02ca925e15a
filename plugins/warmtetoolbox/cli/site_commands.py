"""Commands that publish: build an edition, and show the reuse map."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..model.loading import load_toolbox
from ..model.plurals import count
from .common import EXIT_OK, fail

EXIT_INTERRUPTED = 130


def cmd_build(args: argparse.Namespace) -> int:
    from ..site.sitebuild import BuildFailed, BuildInterrupted, build_edition

    try:
        notices = build_edition(args.config, args.edition, args.out, site_url=args.site_url)
    except BuildInterrupted as exc:
        fail(str(exc))
        return EXIT_INTERRUPTED
    except BuildFailed as exc:
        return fail(str(exc))
    for notice in notices:
        print(notice, file=sys.stderr)
    print(f"editie '{args.edition}' gebouwd in {args.out}")
    return EXIT_OK


def cmd_reuse(args: argparse.Namespace) -> int:
    import json

    from ..reuse.reuse_map import compute

    result = load_toolbox(args.toolbox.resolve(), base=Path.cwd())
    if result.errors:
        print(
            f"waarschuwing: {count(result.errors, 'fout', 'fouten')} in de toolbox; die items tellen niet mee",
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
