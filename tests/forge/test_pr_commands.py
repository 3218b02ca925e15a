"""The pull-request commands, exactly as the workflows run them (through ``make``), on a clone.

A clone of the committed repository gets one changed entry: ``make ci-base`` fails until the
version is raised with ``warmtetoolbox bump``. The clone uses this repository's ``.venv``
(``VENV=…``, and ``-o`` keeps make from reinstalling it), so nothing is installed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

VENV = REPO / ".venv"
BOUND_S = 300  # a hang guard, not a benchmark
ADDRESS = "https://voorbeeld.github.io/warmtetoolbox"  # as actions/configure-pages gives it
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
    # "-o" is not passed on to a recursive make (not even through MAKEFLAGS), so the ci-*
    # targets never call $(MAKE) (tests/forge/test_workflows.py checks that) and the clone's
    # install inputs are older than the venv (see _clone).
    return _run("make", f"VENV={VENV}", "-o", f"{VENV}/.installed", target, *variables, cwd=cwd)


@pytest.fixture(autouse=True)
def _venv_untouched():
    """No make call here may reinstall the shared venv (it would point at the clone)."""
    stamp = VENV / ".installed"
    before = stamp.stat().st_mtime_ns if stamp.exists() else None
    yield
    assert (stamp.stat().st_mtime_ns if stamp.exists() else None) == before, "venv reinstalled"


def _clone(tmp_path: Path) -> Path:
    """A clone of the committed repository whose install inputs are older than the venv."""
    clone = tmp_path / "kloon"
    done = _run("git", "clone", "--quiet", str(REPO), str(clone), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("pyproject.toml", "constraints.txt"):
        os.utime(clone / name, (0, 0))  # a second guard besides -o: nothing to reinstall for
    return clone


def test_pr_check_fails_without_bump_and_passes_after(tmp_path):
    clone = _clone(tmp_path)
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

    build = _make("ci-build", f"SITE_URL={ADDRESS}", "OUT=site-publiek", cwd=clone)
    assert build.returncode == 0, build.stdout + build.stderr
    page = clone / "site-publiek" / "vragen" / entry.stem / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Een extra zin voor de test." in html
    assert f'rel="canonical" href="{ADDRESS}/vragen/{entry.stem}/"' in html


def test_publishing_puts_municipal_editions_under_the_pages_address(tmp_path):
    clone = _clone(tmp_path)
    names = sorted(p.stem for p in (clone / "toolbox" / "edities").glob("*.yml"))
    assert names, "geen gemeente-edities om te publiceren"
    for name in names:
        made = _make("ci-edition", f"NAAM={name}", f"PAGES_URL={ADDRESS}", cwd=clone)
        assert made.returncode == 0, made.stdout + made.stderr
    public = _make("ci-build", f"SITE_URL={ADDRESS}", "OUT=site-publiek", cwd=clone)
    assert public.returncode == 0, public.stdout + public.stderr
    joined = _make("ci-assemble", "OUT=site-publiek", cwd=clone)
    assert joined.returncode == 0, joined.stdout + joined.stderr
    for name in names:
        home = (clone / "site-publiek" / f"gemeente-{name}" / "index.html").read_text("utf-8")
        assert f'rel="canonical" href="{ADDRESS}/gemeente-{name}/"' in home
    again = _make("ci-assemble", "OUT=site-publiek", cwd=clone)
    assert again.returncode != 0 and "bestaat al" in again.stderr
