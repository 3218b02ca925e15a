"""The cyclic garbage collector during a full build.

A build of 10,000 entries keeps the toolbox, its pages and MkDocs's page objects in
memory to the end; every full collection of the cyclic GC walks all of them again, a
few seconds in all. What is made before the pages are rendered lives to the end of
the build, so it is left out of the collections (``gc.freeze``). `mkdocs serve` lives
on and rebuilds: there nothing is frozen, or every rebuild would pile up.
"""

from __future__ import annotations

import gc


def keep(full_build: bool) -> None:
    """Leave every object made so far out of later collections (a full build only)."""
    if full_build:
        gc.freeze()
