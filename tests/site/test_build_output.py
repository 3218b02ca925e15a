"""A successful build lists only what needs attention (issue 13)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import mkdocs_build
from warmtetoolbox.model.bodylinks import SITE_PAGES

pytestmark = pytest.mark.build

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.nl",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.nl",
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LOG = re.compile(r"^(DEBUG|INFO|WARNING|ERROR)\s+-\s+(.*)$")


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    base = tmp_path_factory.mktemp("uitvoer")
    toolbox = base / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, toolbox)
    question = toolbox / "vragen" / "wat-kost-aansluiten-op-een-warmtenet.md"
    question.write_text(question.read_text("utf-8") + "\nMeten volgens de NEN.\n", "utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *args], cwd=base, check=True, capture_output=True, env=GIT_ENV)
    result = mkdocs_build(toolbox, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site", result


def log_lines(output: str) -> list[str]:
    lines = (_LOG.match(_ANSI.sub("", line)) for line in output.splitlines())
    return [f"{m.group(1)} {m.group(2)}" for m in lines if m]


def test_build_output_is_a_handful_of_lines(build):
    _, result = build
    lines = log_lines(result.stdout + result.stderr)
    assert len(lines) <= 5, "\n".join(lines)
    assert not any('not included in the "nav"' in line for line in lines)
    assert not any("items geladen" in line for line in lines)


def test_build_output_keeps_what_needs_attention(build):
    _, result = build
    lines = log_lines(result.stdout + result.stderr)
    assert any("afkorting 'NEN'" in line for line in lines), "\n".join(lines)


def test_known_site_pages_exist_in_a_build(build):
    """The model's list of pages a body may link to matches the pages the site has."""
    site, _ = build
    for page in SITE_PAGES:
        stem = page.removesuffix(".md")
        folder = stem.removesuffix("index") if stem.endswith("index") else f"{stem}/"
        assert (site / folder / "index.html").is_file(), page
