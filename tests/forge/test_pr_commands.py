"""The pull-request commands, exactly as the workflows run them (through ``make``), on a clone.

A clone of the committed repository gets one changed entry: ``make ci-base`` fails until the
version is raised with ``warmtetoolbox bump``. The clone uses this repository's ``.venv``
(``VENV=…``, and ``-o`` keeps make from reinstalling it), so nothing is installed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import REPO

VENV = REPO / ".venv"
BOUND_S = 300  # a hang guard, not a benchmark
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(args),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=BOUND_S,
        env={**os.environ, **GIT_ENV, "WARMTETOOLBOX_SITE_URL": ""},
        check=False,
    )


def _make(target: str, *variables: str, cwd: Path) -> subprocess.CompletedProcess:
    """``make <target>`` as the workflows call it, with this repository's venv."""
    return _run("make", f"VENV={VENV}", "-o", f"{VENV}/.installed", target, *variables, cwd=cwd)


def test_pr_check_fails_without_bump_and_passes_after(tmp_path):
    clone = tmp_path / "kloon"
    done = _run("git", "clone", "--quiet", str(REPO), str(clone), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    branch = _run("git", "rev-parse", "--abbrev-ref", "HEAD", cwd=clone).stdout.strip()
    base = f"origin/{branch}"
    _run("git", "checkout", "--quiet", "-b", "wijziging", cwd=clone)
    entry = sorted((clone / "toolbox" / "vragen").glob("*.md"))[0]
    entry.write_text(
        entry.read_text(encoding="utf-8").rstrip("\n") + "\n\nEen extra zin voor de test.\n",
        encoding="utf-8",
    )
    _run("git", "commit", "--quiet", "-am", "Change one entry", cwd=clone)

    check = _make("ci-check", cwd=clone)
    assert check.returncode == 0, check.stdout + check.stderr
    without = _make("ci-base", f"BASE={base}", cwd=clone)
    assert without.returncode != 0
    relative = entry.relative_to(clone).as_posix()
    assert f"{relative}:1: fout:" in without.stdout, without.stdout
    assert f"warmtetoolbox bump {entry.stem}" in without.stdout

    bump = _run(
        str(VENV / "bin" / "warmtetoolbox"),
        "bump",
        entry.stem,
        "Extra uitleg toegevoegd",
        cwd=clone,
    )
    assert bump.returncode == 0, bump.stdout + bump.stderr
    _run("git", "commit", "--quiet", "-am", "Bump the changed entry", cwd=clone)
    after = _make("ci-base", f"BASE={base}", cwd=clone)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "Traceback" not in without.stderr + after.stderr
