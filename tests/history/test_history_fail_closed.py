"""History fails closed: a version whose visibility cannot be established publishes
nothing of itself, its change line included; old versions obey the size limit."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import mkdocs_build

pytestmark = pytest.mark.build

ENTRY = "toolbox/vragen/wat-kost-aansluiten-op-een-warmtenet.md"
SECRET_CHANGE = "Geheime wijzigingsregel zzq."
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Redactie",
    "GIT_AUTHOR_EMAIL": "redactie@example.org",
    "GIT_COMMITTER_NAME": "Redactie",
    "GIT_COMMITTER_EMAIL": "redactie@example.org",
}


def git(repo: Path, *args: str) -> None:
    proc = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    )
    assert proc.returncode == 0, proc.stderr


def entry_text(version: int, *, visibility: str, tags: str, extra: str = "") -> str:
    text = (FIXTURE_TOOLBOX / "vragen/wat-kost-aansluiten-op-een-warmtenet.md").read_text("utf-8")
    summaries = {1: "Eerste versie.", 2: SECRET_CHANGE, 3: "Tarieven van dit jaar."}
    changes = "".join(
        f"  - {{version: {n}, date: 2026-0{n}-10, summary: {summaries[n]}}}\n"
        for n in range(version, 0, -1)
    )
    head, _, rest = text.partition("changes:\n")
    rest = rest.split("---\n", 1)[1]
    head = (
        head.replace("version: 2", f"version: {version}")
        .replace("updated: 2026-01-10", f"updated: 2026-0{version}-10")
        .replace("visibility: public", f"visibility: {visibility}")
        .replace("tags: [kosten-en-financiering, warmtenet, haalbaarheid]", f"tags: [{tags}]")
    )
    return f"{head}changes:\n{changes}---\n{rest}{extra}\n"


def published_text(site: Path) -> str:
    return "".join(
        p.read_text("utf-8", "replace")
        for p in site.rglob("*.*")
        if p.suffix in (".html", ".json", ".xml", ".csv", ".txt")
    )


def build(toolbox: Path, out: Path, edition: str = "public") -> Path:
    result = mkdocs_build(toolbox, out, edition=edition)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """v1 public; v2 internal with a tag that a later commit removes; v3 public."""
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(FIXTURE_TOOLBOX, root / "toolbox")
    taxonomy = root / "toolbox/taxonomy.yml"
    base_tags = "kosten-en-financiering, warmtenet, haalbaarheid"
    original = taxonomy.read_text("utf-8")
    extra_tag = (
        "      tijdelijk-label:\n"
        "        label: Tijdelijk label\n"
        "        description: Een tag die later uit de taxonomie verdwijnt.\n"
    )
    taxonomy.write_text(original.replace("      warmtenet:\n", extra_tag + "      warmtenet:\n"))
    git(root, "init", "-q", "-b", "main")
    (root / ENTRY).write_text(entry_text(1, visibility="public", tags=base_tags), "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "v1")
    (root / ENTRY).write_text(
        entry_text(2, visibility="internal", tags=base_tags + ", tijdelijk-label"), "utf-8"
    )
    git(root, "commit", "-q", "-am", "v2 internal")
    (root / ENTRY).write_text(entry_text(3, visibility="public", tags=base_tags), "utf-8")
    taxonomy.write_text(original)
    git(root, "commit", "-q", "-am", "v3 public; tag removed")
    return root


def test_unvalidatable_internal_version_leaks_nothing(repo, tmp_path):
    site = build(repo / "toolbox", tmp_path / "site")
    text = published_text(site)
    assert SECRET_CHANGE not in text
    assert "Tarieven van dit jaar." in text  # the current change line stays
    internal = build(repo / "toolbox", tmp_path / "intern", edition="internal")
    assert SECRET_CHANGE in published_text(internal)  # the internal edition shows it


def test_copy_without_git_leaks_no_old_change_line(repo, tmp_path):
    copy = tmp_path / "kopie"
    shutil.copytree(repo / "toolbox", copy / "toolbox")
    site = build(copy / "toolbox", tmp_path / "site")
    text = published_text(site)
    assert SECRET_CHANGE not in text
    entry_page = (site / "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html").read_text()
    assert "Eerste versie." not in entry_page  # nor v1: without git it cannot be established
    assert "Tarieven van dit jaar." in text


def test_old_version_over_the_size_limit_is_not_published(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_TOOLBOX, root / "toolbox")
    tags = "kosten-en-financiering, warmtenet, haalbaarheid"
    git(root, "init", "-q", "-b", "main")
    huge = "Heel lange oude tekst. " * 100_000  # about 2.3 MB
    (root / ENTRY).write_text(entry_text(1, visibility="public", tags=tags, extra=huge), "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "v1 huge")
    (root / ENTRY).write_text(entry_text(2, visibility="public", tags=tags), "utf-8")
    git(root, "commit", "-q", "-am", "v2 small")
    site = build(root / "toolbox", tmp_path / "site")
    assert not (site / "vragen/wat-kost-aansluiten-op-een-warmtenet/v1").exists()
    largest = max(p.stat().st_size for p in site.rglob("*.html"))
    assert largest < 1024 * 1024


def test_history_survives_a_related_link_to_a_non_public_entry(tmp_path):
    """A public entry whose ``related`` names an internal or draft entry keeps its old
    versions in the public edition (the link is dropped in rendering, not the version)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_TOOLBOX, root / "toolbox")
    tags = "kosten-en-financiering, warmtenet, haalbaarheid"
    git(root, "init", "-q", "-b", "main")
    linked = "related: [warmtewet-test, nationaal-fonds-test, interne-werkwijze-test]"
    v1 = entry_text(1, visibility="public", tags=tags).replace(
        "related: [warmtewet-test, nationaal-fonds-test]", linked
    )
    assert linked in v1
    (root / ENTRY).write_text(v1, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "v1 links to an internal entry")
    v2 = entry_text(2, visibility="public", tags=tags).replace("Eerste versie.", "Eerste versie.")
    v2 = v2.replace(
        "{version: 2, date: 2026-02-10, summary: Geheime wijzigingsregel zzq.}",
        "{version: 2, date: 2026-02-10, summary: Tweede versie.}",
    )
    (root / ENTRY).write_text(
        v2.replace("related: [warmtewet-test, nationaal-fonds-test]", linked), "utf-8"
    )
    git(root, "commit", "-q", "-am", "v2")
    site = build(root / "toolbox", tmp_path / "site")
    base = site / "vragen/wat-kost-aansluiten-op-een-warmtenet"
    assert (base / "v1/index.html").exists()
    v1_page = (base / "v1/index.html").read_text("utf-8")
    assert "Verhuisd" not in v1_page and "interne-werkwijze-test" not in v1_page
    assert "interne-werkwijze-test" not in (base / "index.html").read_text("utf-8")
