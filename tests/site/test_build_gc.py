"""A full build leaves what lives to its end out of the cyclic GC; serve does not."""

from __future__ import annotations

import gc

from warmtetoolbox.site import build_gc


def test_only_a_full_build_freezes_what_exists():
    kept = [{"lang": "nl"} for _ in range(100)]
    before = gc.get_freeze_count()
    try:
        build_gc.keep(False)  # mkdocs serve
        assert gc.get_freeze_count() == before
        build_gc.keep(True)
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()
