"""Every page type of the public build passes the Nu Html Checker (vnu) with 0 errors.

The checker is the validator project's own jar from the npm package ``vnu-jar`` and runs
on Java (Debian's ``default-jre-headless``); ``make java`` installs both and ``make test``
passes the jar as WARMTETOOLBOX_VNU_JAR."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from public_site import page_types, public_build

pytestmark = pytest.mark.build


def checker() -> list[str]:
    """The command that runs the checker, or a Dutch failure that says how to install it."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java niet gevonden: draai 'make java' (Debian-pakket default-jre-headless)")
    configured = os.environ.get("WARMTETOOLBOX_VNU_JAR")
    jars = [Path(configured)] if configured else sorted(REPO.glob(".cache/vnu-*/**/vnu.jar"))
    if not jars or not jars[-1].is_file():
        pytest.fail("Nu Html Checker (vnu.jar) niet gevonden: draai 'make java'")
    return [java, "-Xss4m", "-jar", str(jars[-1]), "--errors-only", "--format", "json"]


def errors(paths: list[Path], root: Path | None = None) -> list[str]:
    proc = subprocess.run(
        [*checker(), *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    report = json.loads(proc.stderr or proc.stdout or '{"messages": []}')
    return [
        f"{_shown(m.get('url', '?'), root)}:{m.get('lastLine', '?')}: "
        f"{m.get('message', '')} [{m.get('extract', '').strip()[:120]}]"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]


def _shown(url: str, root: Path | None) -> str:
    path = Path(url.removeprefix("file:"))
    return path.relative_to(root).as_posix() if root and path.is_relative_to(root) else path.name


def test_the_checker_reports_invalid_html(tmp_path):
    bad = tmp_path / "fout.html"
    bad.write_text(
        '<!doctype html><html lang="nl"><title>x</title><p><input type="checkbox" '
        'autocomplete="off"><label tabindex="">y</label></p></html>',
        encoding="utf-8",
    )
    found = errors([bad])
    assert len(found) == 2, found


def test_every_page_type_has_no_html_errors():
    site = public_build()
    pages = page_types(site)
    for kind in ("vragenlijst", "versie"):
        assert kind in pages, f"de publieke bouw heeft geen pagina van het type {kind}"
    paths = [site / page for page in pages.values()]
    found = errors(paths, site.resolve())
    print("\n".join(found))
    assert found == [], f"{len(found)} fouten van de Nu Html Checker:\n" + "\n".join(found)
