"""``bump`` refuses when the entry's content did not change (issue 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURE_TOOLBOX, run_cli
from warmtetoolbox.history.bump import content_key

ENTRY = "toolbox/vragen/wat-kost-aansluiten-op-een-warmtenet.md"
ID = "wat-kost-aansluiten-op-een-warmtenet"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.nl",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.nl",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_TOOLBOX, repo / "toolbox")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    return repo


def test_bump_refuses_unchanged_entry_in_git(tmp_path):
    repo = repository(tmp_path)
    before = (repo / ENTRY).read_text("utf-8")
    result = run_cli("bump", ID, "Niets veranderd.", cwd=repo)
    assert result.code == 2, result.text
    assert "inhoud is niet veranderd sinds de laatste versie in git" in result.err
    assert "Traceback" not in result.text
    assert (repo / ENTRY).read_text("utf-8") == before


def test_bump_accepts_changed_entry_in_git(tmp_path):
    repo = repository(tmp_path)
    path = repo / ENTRY
    path.write_text(path.read_text("utf-8").replace("Meer uitleg", "Betere uitleg"), "utf-8")
    path.write_text(path.read_text("utf-8") + "\nEen extra zin.\n", "utf-8")
    result = run_cli("bump", ID, "Uitleg aangevuld.", cwd=repo)
    assert result.code == 0, result.text
    assert "version: 3" in path.read_text("utf-8")


def test_bump_refuses_second_bump_of_the_same_change(tmp_path):
    repo = repository(tmp_path)
    path = repo / ENTRY
    path.write_text(path.read_text("utf-8") + "\nEen extra zin.\n", "utf-8")
    assert run_cli("bump", ID, "Zin toegevoegd.", cwd=repo).code == 0
    git(repo, "commit", "-q", "-am", "bump")
    again = run_cli("bump", ID, "Nog eens.", cwd=repo)
    assert again.code == 2 and "niet veranderd" in again.err


def test_bump_of_new_uncommitted_entry_is_allowed(tmp_path):
    repo = repository(tmp_path)
    shutil.copy(repo / ENTRY, repo / "toolbox/vragen/een-nieuwe-vraag-over-warmte.md")
    result = run_cli("bump", "een-nieuwe-vraag-over-warmte", "Nieuwe vraag.", cwd=repo)
    assert result.code == 0, result.text


def test_bump_after_committing_the_change_unbumped_is_allowed(tmp_path):
    """Edit, commit, then bump (as 'check --base' asks): the content differs from the
    version as it was first committed, so there is something to record."""
    repo = repository(tmp_path)
    path = repo / ENTRY
    path.write_text(path.read_text("utf-8") + "\nEen extra zin.\n", "utf-8")
    git(repo, "commit", "-q", "-am", "edit without bump")
    result = run_cli("bump", ID, "Zin toegevoegd.", cwd=repo)
    assert result.code == 0, result.text
    assert "version: 3" in path.read_text("utf-8")


def test_bump_twice_before_commit_is_refused(tmp_path):
    repo = repository(tmp_path)
    path = repo / ENTRY
    path.write_text(path.read_text("utf-8") + "\nEen extra zin.\n", "utf-8")
    assert run_cli("bump", ID, "Zin toegevoegd.", cwd=repo).code == 0
    path.write_text(path.read_text("utf-8") + "\nNog een zin.\n", "utf-8")
    again = run_cli("bump", ID, "Nog een zin.", cwd=repo)
    assert again.code == 2, again.text
    assert "al verhoogd naar versie 3" in again.err
    assert "version: 3" in path.read_text("utf-8")


def test_bump_outside_git_says_it_could_not_compare(tmp_path):
    """Outside git there is no earlier version to compare with: bump raises the version
    and says that it could not check whether the content changed."""
    shutil.copytree(FIXTURE_TOOLBOX, tmp_path / "toolbox")
    result = run_cli("bump", ID, "Zin toegevoegd.", cwd=tmp_path)
    assert result.code == 0, result.text
    assert "geen eerdere versie in git" in result.err
    assert "version: 3" in (tmp_path / ENTRY).read_text("utf-8")


def test_content_key_ignores_version_date_and_changes_only():
    text = (tmp := (FIXTURE_TOOLBOX / "vragen" / f"{ID}.md").read_text("utf-8"))
    bumped = text.replace("version: 2", "version: 3").replace(
        "updated: 2026-01-10", "updated: 2026-02-01"
    )
    bumped = bumped.replace(
        "changes:\n", "changes:\n  - {version: 3, date: 2026-02-01, summary: x.}\n"
    )
    assert content_key(bumped) == content_key(tmp)
    assert content_key(text.replace("status: current", "status: outdated")) != content_key(text)
    assert content_key(text + "x") != content_key(text)
