"""Versioned entries: git history, version pages, comparisons, redirects, feeds,
the pull-request check, ``bump`` and ``stale``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX, run_cli
from sitecheck import broken_links, mkdocs_build

pytestmark = pytest.mark.build

ENTRY = "toolbox/vragen/wat-kost-aansluiten-op-een-warmtenet.md"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Redactie",
    "GIT_AUTHOR_EMAIL": "redactie@example.org",
    "GIT_COMMITTER_NAME": "Redactie",
    "GIT_COMMITTER_EMAIL": "redactie@example.org",
}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def write_version(repo: Path, version: int, *, visibility: str, body_extra: str) -> None:
    path = repo / ENTRY
    text = (FIXTURE_TOOLBOX / "vragen/wat-kost-aansluiten-op-een-warmtenet.md").read_text("utf-8")
    changes = "".join(
        f"  - {{version: {n}, date: 2026-0{n}-10, summary: {s}}}\n"
        for n, s in reversed(list(enumerate(SUMMARIES[:version], 1)))
    )
    head, _, rest = text.partition("changes:\n")
    rest = rest.split("---\n", 1)[1]
    head = head.replace("version: 2", f"version: {version}").replace(
        "updated: 2026-01-10", f"updated: 2026-0{version}-10"
    )
    head = head.replace("visibility: public", f"visibility: {visibility}")
    path.write_text(f"{head}changes:\n{changes}---\n{rest}{body_extra}\n", encoding="utf-8")


SUMMARIES = ["Eerste versie.", "Interne aantekening toegevoegd.", "Tarieven van dit jaar verwerkt."]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(FIXTURE_TOOLBOX, root / "toolbox")
    git(root, "init", "-q", "-b", "main")
    write_version(root, 1, visibility="public", body_extra="Versie een noemt de aansluitbijdrage.")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add question")
    write_version(
        root,
        2,
        visibility="internal",
        body_extra="Interne notitie geheimzzz over onderhandelingen.",
    )
    git(root, "commit", "-q", "-am", "Internal note")
    write_version(
        root,
        3,
        visibility="public",
        body_extra="Versie drie noemt het vastrecht en de aansluitbijdrage.",
    )
    git(root, "commit", "-q", "-am", "New tariffs")
    return root


def build(repo: Path, edition: str, out: Path) -> Path:
    result = mkdocs_build(repo / "toolbox", out / "site", edition=edition)
    assert result.returncode == 0, result.stderr
    return out / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_public_edition_versions(repo, tmp_path):
    site = build(repo, "public", tmp_path)
    base = "vragen/wat-kost-aansluiten-op-een-warmtenet"
    current = page(site, base)
    assert "Versiegeschiedenis" in current
    assert "/vragen/wat-kost-aansluiten-op-een-warmtenet/v1/" in current
    assert "Interne aantekening" not in current  # v2 was internal then
    assert not (site / base / "v2").exists()
    old = page(site, f"{base}/v1")
    assert (
        'U bekijkt versie 1 van <time datetime="2026-01-10">10 januari 2026</time>; de actuele versie is'
        in old
    )
    assert 'de actuele versie is <a href="../">versie 3</a>' in old and "Versie een noemt" in old
    newest = page(site, f"{base}/v3")
    assert "Dit is versie 3 van" in newest and "de actuele versie" in newest
    assert "Wat is er veranderd" in newest
    assert "Ten opzichte van" in newest and "versie 1</a>" in newest  # compared with v1, not v2
    assert "<ins>drie" in newest.replace("<ins> ", "<ins>") or "<ins>" in newest
    assert "<del>" in newest
    assert "geheimzzz" not in "".join(
        p.read_text("utf-8", "replace")
        for p in site.rglob("*.*")
        if p.suffix in (".html", ".json", ".xml")
    )
    assert broken_links(site) == []


def test_internal_edition_shows_every_version(repo, tmp_path):
    site = build(repo, "internal", tmp_path)
    base = "vragen/wat-kost-aansluiten-op-een-warmtenet"
    v2 = page(site, f"{base}/v2")
    assert "geheimzzz" in v2 and "U bekijkt versie 2" in v2
    assert "Interne aantekening toegevoegd." in page(site, base)
    assert "versie 2</a>" in page(site, f"{base}/v3")


def test_feeds_and_recent_changes(repo, tmp_path):
    site = build(repo, "public", tmp_path)
    feed = json.loads((site / "feeds/vragen.json").read_text("utf-8"))
    versions = [
        i["_warmtetoolbox"]["version"]
        for i in feed["items"]
        if i["_warmtetoolbox"]["id"] == "wat-kost-aansluiten-op-een-warmtenet"
    ]
    assert versions == [3, 1]
    assert feed["items"][0]["content_text"] == "Tarieven van dit jaar verwerkt."
    rss = (site / "feeds/alles.xml").read_text("utf-8")
    assert "<title>Wat kost aansluiten op een warmtenet? (versie 3)</title>" in rss
    assert "Interne aantekening" not in rss
    assert "Tarieven van dit jaar verwerkt." in page(site, "nieuw")
    internal = build(repo, "internal", tmp_path / "intern")
    assert "Interne aantekening toegevoegd." in (internal / "feeds/alles.xml").read_text("utf-8")


def test_renamed_entry_redirects(repo, tmp_path):
    clone = tmp_path / "hernoemd"
    shutil.copytree(repo, clone)
    old = clone / ENTRY
    new = old.with_name("kosten-aansluiting-warmtenet.md")
    text = old.read_text("utf-8").replace(
        "owner:", "former_ids: [wat-kost-aansluiten-op-een-warmtenet]\nowner:"
    )
    new.write_text(text, encoding="utf-8")
    old.unlink()
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Rename entry")
    site = build(clone, "public", tmp_path)
    redirect = (site / "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html").read_text("utf-8")
    assert 'http-equiv="refresh" content="0; url=../kosten-aansluiting-warmtenet/"' in redirect
    current = page(site, "vragen/kosten-aansluiting-warmtenet")
    assert "/vragen/kosten-aansluiting-warmtenet/v1/" in current  # history follows the former id
    assert (site / "vragen/kosten-aansluiting-warmtenet/v1/index.html").exists()


def test_base_check_catches_a_change_without_bump(repo, tmp_path):
    clone = tmp_path / "pr"
    shutil.copytree(repo, clone)
    path = clone / ENTRY
    path.write_text(
        path.read_text("utf-8").replace("Versie drie", "Versie drie, verbeterd,"), encoding="utf-8"
    )
    result = run_cli("check", "--base", "main", cwd=clone)
    assert result.code == 1
    assert (
        f"{ENTRY}:1: fout: inhoud gewijzigd ten opzichte van main, maar 'version' is nog 3"
        in result.out
    )
    bumped = run_cli("bump", "wat-kost-aansluiten-op-een-warmtenet", "Tekst verbeterd.", cwd=clone)
    assert bumped.code == 0, bumped.text
    text = path.read_text("utf-8")
    assert "version: 4" in text and f"updated: {date.today().isoformat()}" in text
    assert "- {version: 4, date: " in text and 'summary: "Tekst verbeterd."}' in text
    assert run_cli("check", "--base", "main", cwd=clone).code == 0
    write_version(clone, 2, visibility="public", body_extra="Terug naar versie twee.")
    down = run_cli("check", "--base", "main", cwd=clone)
    assert "'version' ging omlaag van 3 naar 2" in down.out


def test_base_check_refs_and_bump_errors(repo, tmp_path):
    assert "bestaat niet" in run_cli("check", "--base", "geen-branch", cwd=repo).out
    missing = run_cli("bump", "bestaat-niet", "Iets veranderd.", cwd=repo)
    assert missing.code == 2 and "niet gevonden" in missing.err and "Traceback" not in missing.text


def test_shallow_clone_warns_once_and_builds(repo, tmp_path):
    shallow = tmp_path / "ondiep"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True
    )
    result = mkdocs_build(shallow / "toolbox", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("shallow clone") == 1
    assert "waarschuwing" in result.stderr


def overdue_toolbox(tmp_path: Path) -> None:
    """The fixture toolbox with the regulation's review date in the past."""
    shutil.copytree(FIXTURE_TOOLBOX, tmp_path / "toolbox")
    law = tmp_path / "toolbox/regelgeving/warmtewet-test.md"
    law.write_text(
        law.read_text("utf-8").replace("review_by: 2027-01-10", "review_by: 2026-02-01"),
        encoding="utf-8",
    )


def test_stale_lists_overdue_entries(tmp_path):
    overdue_toolbox(tmp_path)
    result = run_cli("stale", "--json", cwd=tmp_path)
    data = json.loads(result.out)
    assert [d["id"] for d in data] == ["warmtewet-test"]
    assert data[0]["days_overdue"] > 0 and data[0]["owner"] == "Redactie Testtoolbox"
    soon = json.loads(run_cli("stale", "--within", "500d", "--json", cwd=tmp_path).out)
    assert {d["id"] for d in soon} >= {"warmtewet-test", "nationaal-fonds-test"}
    assert run_cli("stale", "--within", "morgen", cwd=tmp_path).code == 2


def test_stale_page_in_internal_edition(tmp_path):
    overdue_toolbox(tmp_path)
    internal = build(tmp_path, "internal", tmp_path / "i")
    stale = page(internal, "te-herzien")
    assert "Redactie Testtoolbox" in stale and "Warmtewet (testitem)" in stale
    assert "Herziening verlopen sinds 1 februari 2026" in page(
        internal, "regelgeving/warmtewet-test"
    )
    public = build(tmp_path, "public", tmp_path / "p")
    assert not (public / "te-herzien").exists()


def test_recording_where_a_question_was_asked_needs_no_new_version(repo, tmp_path):
    clone = tmp_path / "pr"
    shutil.copytree(repo, clone)
    asked = run_cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "teststad", "--jaar", "2025",
        cwd=clone,
    )  # fmt: skip
    assert asked.code == 0, asked.text
    result = run_cli("check", "--base", "main", cwd=clone)
    assert result.code == 0, result.out
