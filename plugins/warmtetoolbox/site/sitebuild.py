"""Build one edition of the site into a folder, all or nothing.

The site is built by a real ``mkdocs build --strict`` into a temporary folder next
to the target; only a successful build is moved into place. A failed or
interrupted build leaves the previous site untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TAIL_LINES = 15


class BuildFailed(RuntimeError):
    """The build did not succeed; the message is Dutch and says why."""


def build_edition(config: Path, edition: str, out: Path) -> None:
    if not config.is_file():
        raise BuildFailed(f"{config} niet gevonden; geef met --config de mkdocs.yml op")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-bouw-", dir=out.parent))
    try:
        _run_mkdocs(config, edition, staging / "site")
        _swap_into_place(staging / "site", out, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run_mkdocs(config: Path, edition: str, target: Path) -> None:
    env = {**os.environ, "WARMTETOOLBOX_EDITION": edition, "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(config),
        "-d",
        str(target),
    ]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and "│" not in ln]
        detail = "\n".join(lines[-TAIL_LINES:])
        raise BuildFailed(
            f"de build van editie '{edition}' is mislukt; de vorige site blijft staan\n{detail}"
        )


def _swap_into_place(built: Path, out: Path, staging: Path) -> None:
    """Replace ``out`` by ``built`` with two renames; the old site goes last."""
    if out.exists():
        old = staging / "vorige"
        os.replace(out, old)
        try:
            os.replace(built, out)
        except OSError:
            os.replace(old, out)
            raise
    else:
        os.replace(built, out)
