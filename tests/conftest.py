"""Shared fixtures: a copy of the fixture toolbox and ways to run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_TOOLBOX = REPO / "tests" / "fixtures" / "toolbox"

VALID_QUESTION = """\
---
title: Hoe werkt een warmtepomp in een oud huis?
summary: Een warmtepomp werkt goed als het huis goed geïsoleerd is en lage temperatuur verwarming heeft.
tags: [techniek, warmtepomp, verkennen]
audience: [residents]
visibility: public
status: current
version: 1
updated: 2026-01-10
owner: Redactie Testtoolbox
---

## Kort antwoord

Isoleer eerst.

## Toelichting

Meer uitleg.
"""


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


TEST_SITE_URL = "https://warmtetoolbox.example.nl/"


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run ``warmtetoolbox``; a published address is set unless ``env`` says otherwise."""
    proc = subprocess.run(
        [sys.executable, "-m", "warmtetoolbox", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "WARMTETOOLBOX_SITE_URL": TEST_SITE_URL,
            "PYTHONWARNINGS": "error::SyntaxWarning",
            **(env or {}),
        },
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder with a fresh copy of the fixture toolbox under ``toolbox/``."""
    shutil.copytree(FIXTURE_TOOLBOX, tmp_path / "toolbox")
    return tmp_path


@pytest.fixture
def cli(workdir: Path):
    def call(*args: str) -> Result:
        return run_cli(*args, cwd=workdir)

    return call


@pytest.fixture(scope="session", autouse=True)
def package_stays_this_repository():
    """Fails the run when a test reinstalled the package from somewhere else (a clone):
    every later run would then silently test that copy instead of this repository."""
    import sysconfig

    yield
    for pth in Path(sysconfig.get_paths()["purelib"]).glob("__editable__*warmtetoolbox*.pth"):
        target = pth.read_text(encoding="utf-8").strip()
        assert Path(target).resolve() == (REPO / "plugins").resolve(), (
            f"{pth} wijst naar {target}; herstel met: .venv/bin/pip install --no-deps -e ."
        )
