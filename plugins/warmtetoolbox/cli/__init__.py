"""The ``warmtetoolbox`` command line: Dutch messages, no tracebacks.

Holds one module per command group (``content_commands``, ``search_commands``,
``site_commands``, ``links_command``, ``forge_commands``) plus the parser and what they
share. May import every layer below:
``model``, ``search``, ``reuse``, ``history`` and ``site``; never ``mkdocs_plugin``.
"""

from __future__ import annotations

import sys

from ..model.oserrors import describe
from ..site.editions import EditionError
from .common import fail
from .parser import build_parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("warmtetoolbox: afgebroken", file=sys.stderr)
        return 130
    except EditionError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(describe(exc))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
