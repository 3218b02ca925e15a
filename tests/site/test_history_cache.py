"""The build reads the git history once per HEAD (mkdocs serve rebuilds reuse it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date

import pytest
from conftest import FIXTURE_TOOLBOX
from warmtetoolbox.history import history_cache
from warmtetoolbox.model.entries import Corpus
from warmtetoolbox.model.loading import load_toolbox

TODAY = date(2026, 6, 1)
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(FIXTURE_TOOLBOX, tmp_path / "toolbox")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


@pytest.fixture
def reads(monkeypatch):
    calls = []
    real = history_cache.read_history

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(history_cache, "read_history", counting)
    return calls


def test_same_head_and_entries_read_once(repo, reads):
    toolbox = repo / "toolbox"
    corpus = load_toolbox(toolbox, today=TODAY).corpus
    cache = history_cache.HistoryCache()
    first = cache.read(toolbox, corpus, TODAY)
    # an uncommitted edit changes no history
    path = next(toolbox.glob("vragen/*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\nNieuwe zin.\n", encoding="utf-8")
    edited = load_toolbox(toolbox, today=TODAY).corpus
    assert cache.read(toolbox, edited, TODAY) is first
    assert len(reads) == 1


def test_a_commit_a_removed_entry_or_another_day_reads_again(repo, reads):
    toolbox = repo / "toolbox"
    corpus = load_toolbox(toolbox, today=TODAY).corpus
    cache = history_cache.HistoryCache()
    cache.read(toolbox, corpus, TODAY)
    fewer = Corpus(corpus.entries[1:], corpus.taxonomy)
    cache.read(toolbox, fewer, TODAY)
    assert len(reads) == 2
    cache.read(toolbox, fewer, date(2026, 6, 2))
    assert len(reads) == 3
    git(repo, "commit", "-q", "--allow-empty", "-m", "later")
    cache.read(toolbox, fewer, date(2026, 6, 2))
    assert len(reads) == 4


def test_without_git_the_history_is_read_every_time(tmp_path, reads):
    shutil.copytree(FIXTURE_TOOLBOX, tmp_path / "toolbox")
    toolbox = tmp_path / "toolbox"
    corpus = load_toolbox(toolbox, today=TODAY).corpus
    cache = history_cache.HistoryCache()
    first = cache.read(toolbox, corpus, TODAY)
    cache.read(toolbox, corpus, TODAY)
    assert len(reads) == 2 and first.problems  # the Dutch note about the missing repository
