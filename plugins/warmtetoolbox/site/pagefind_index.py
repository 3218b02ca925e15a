"""Run Pagefind over a built site: the per-edition search index the browser loads.

The binary ships inside the ``pagefind-bin`` wheel (pinned in ``constraints.txt``);
nothing is downloaded. Pagefind writes into ``<site>/pagefind/`` of the folder it is
given, so an edition built in a temporary folder gets its own index, swapped into
place with the rest of the site or not at all.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..model.oserrors import dutch_reason

OUTPUT_SUBDIR = "pagefind"
TIMEOUT_S = 900


class PagefindError(RuntimeError):
    """Pagefind could not index the site; the message is Dutch."""


def _executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise PagefindError(
            "Pagefind ontbreekt; installeer de vastgepinde pakketten opnieuw met 'make install'"
        ) from None
    try:
        return Path(get_executable())
    except Exception as exc:  # the package raises its own errors when the binary is missing
        raise PagefindError(f"het Pagefind-programma is niet gevonden ({exc})") from None


def index_site(site_dir: Path, language: str = "nl") -> str:
    """Index every page of ``site_dir`` marked ``data-pagefind-body``; returns Pagefind's log."""
    args = [
        str(_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--force-language",
        language,
        "--quiet",
    ]
    try:
        proc = subprocess.run(
            args, capture_output=True, text=True, errors="replace", timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise PagefindError(f"Pagefind was na {TIMEOUT_S} seconden niet klaar") from None
    except OSError as exc:
        raise PagefindError(f"Pagefind kon niet starten ({dutch_reason(exc)})") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise PagefindError("Pagefind kon de site niet indexeren: " + " ".join(detail))
    return proc.stdout
