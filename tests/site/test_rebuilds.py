"""Partial rebuilds under `mkdocs serve --dirty`: which generated pages changed."""

from __future__ import annotations

from warmtetoolbox.site.generated import GeneratedPage
from warmtetoolbox.site.rebuilds import ChangeTracker, fingerprint


def pages(**contents: str) -> list[GeneratedPage]:
    return [GeneratedPage(f"{name}.md", text) for name, text in contents.items()]


def test_first_build_changes_every_page():
    tracker = ChangeTracker()
    assert tracker.update(pages(a="A", b="B"), "ctx") == {"a.md", "b.md"}
    assert tracker.full


def test_only_pages_whose_content_changed_are_rebuilt():
    tracker = ChangeTracker()
    tracker.update(pages(a="A", b="B", c="C"), "ctx")
    assert tracker.update(pages(a="A", b="B2", c="C"), "ctx") == {"b.md"}
    assert not tracker.full
    assert tracker.update(pages(a="A", b="B2", c="C"), "ctx") == frozenset()


def test_new_and_removed_pages():
    tracker = ChangeTracker()
    tracker.update(pages(a="A", b="B"), "ctx")
    assert tracker.update(pages(a="A", d="D"), "ctx") == {"d.md"}
    assert tracker.removed == {"b.md"}


def test_a_changed_context_rebuilds_everything():
    tracker = ChangeTracker()
    tracker.update(pages(a="A", b="B"), fingerprint("taxonomy 1", "public"))
    changed = tracker.update(pages(a="A", b="B"), fingerprint("taxonomy 2", "public"))
    assert changed == {"a.md", "b.md"} and tracker.full


def test_fingerprint_separates_its_parts():
    assert fingerprint("ab", "c") != fingerprint("a", "bc")
    assert fingerprint("x") == fingerprint("x")


def test_dirty_serve_rebuild_renders_only_the_edited_page(tmp_path, monkeypatch):
    """Two builds as `mkdocs serve --dirty` makes them, in one process."""
    import os
    import shutil
    import time
    from pathlib import Path

    from conftest import FIXTURE_TOOLBOX, REPO
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    toolbox = tmp_path / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, toolbox)
    site = tmp_path / "site"
    for name, value in {
        "WARMTETOOLBOX_TOOLBOX": str(toolbox),
        "WARMTETOOLBOX_EDITION": "internal",
        "WARMTETOOLBOX_HISTORY": "false",
        "WARMTETOOLBOX_GIT_DATES": "false",
        "WARMTETOOLBOX_INDEX_DIR": str(tmp_path / "cache" / "zoekindex"),
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(REPO)
    url = "http://127.0.0.1:8000/"

    def config():
        loaded = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(site))
        loaded.site_url = url
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, serve_url=url, dirty=True)
    edited = site / "vragen" / "wat-kost-aansluiten-op-een-warmtenet" / "index.html"
    other = site / "regelgeving" / "warmtewet-test" / "index.html"
    gone = site / "aanpak" / "interne-werkwijze-test" / "index.html"
    assert edited.is_file() and other.is_file() and gone.is_file()
    other_mtime = os.stat(other).st_mtime_ns
    time.sleep(0.01)

    source = toolbox / "vragen" / "wat-kost-aansluiten-op-een-warmtenet.md"
    source.write_text(source.read_text("utf-8") + "\nbenchmarkwijziging\n", encoding="utf-8")
    build(config(), serve_url=url, dirty=True)
    assert "benchmarkwijziging" in edited.read_text("utf-8")
    assert os.stat(other).st_mtime_ns == other_mtime  # not rendered again

    (toolbox / "aanpak" / "interne-werkwijze-test.md").unlink()
    build(config(), serve_url=url, dirty=True)
    assert not gone.exists()  # the page of a removed entry goes
    assert Path(site / "index.html").is_file()
