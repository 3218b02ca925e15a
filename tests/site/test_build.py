"""A real ``mkdocs build --strict`` of the fixture toolbox, checked on the produced HTML."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import broken_links, mkdocs_build, pagefind_text

pytestmark = pytest.mark.build

QUESTION = "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("public") / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("internal") / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, out, edition="internal")
    assert result.returncode == 0, result.stderr
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_entry_page_shows_all_metadata(public_site: Path):
    html = read(public_site, QUESTION)
    assert '<html lang="nl"' in html
    assert "<h1>Wat kost aansluiten op een warmtenet?</h1>" in html
    for text in [
        "Vraag",
        "Actueel",
        "Versie</dt><dd>2",
        "10 januari 2026",
        "Herzien vóór",
        "10 januari 2027",
        "Redactie Testtoolbox",
        "Gesteld door",
        "Teststad",
        "Oude Haven",
        "Tarieven uitgelegd.",
        "ongeveer 16 uur",
    ]:
        assert text in html, text
    assert 'href="../../tags/warmtenet/"' in html
    assert 'href="../../voor-bewoners/"' in html
    assert 'href="https://www.acm.nl/nl/energie/warmte"' in html
    assert 'href="../../regelgeving/warmtewet-test/"' in html


def test_related_entries_link_both_ways(public_site: Path):
    law = read(public_site, "regelgeving/warmtewet-test/index.html")
    assert "Hier naar verwezen" in law
    assert 'href="../../vragen/wat-kost-aansluiten-op-een-warmtenet/"' in law


def test_abbreviations_become_tooltips(public_site: Path):
    html = read(public_site, QUESTION)
    assert '<abbr title="wijkuitvoeringsplan">WUP</abbr>' in html


def test_overviews_exist_and_list_entries(public_site: Path):
    assert "Wat kost aansluiten op een warmtenet?" in read(public_site, "vragen/index.html")
    tag = read(public_site, "tags/warmtenet/index.html")
    assert "Wat kost aansluiten op een warmtenet?" in tag and "<h2" in tag
    assert "Wat kost aansluiten" in read(public_site, "voor-bewoners/index.html")
    phases = read(public_site, "fasen/index.html")
    assert "Haalbaarheid" in phases and "Wat kost aansluiten" in phases
    glossary = read(public_site, "begrippen/index.html")
    assert "Autoriteit Consument en Markt" in glossary
    assert "review_by" in read(public_site, "bijdragen/velden/index.html")


def test_navigation_never_lists_entries(public_site: Path):
    home = read(public_site, "index.html")
    assert "wat-kost-aansluiten-op-een-warmtenet" not in home
    assert 'href="vragen/"' in home


def test_public_edition_leaves_out_internal_and_draft(public_site: Path):
    assert not (public_site / "aanpak/interne-werkwijze-test").exists()
    assert not (public_site / "praktijk/concept-praktijk-test").exists()
    text = pagefind_text(public_site)
    assert "Wat kost aansluiten op een warmtenet?" in text  # positive control
    assert "Interne werkwijze" not in text and "Concept praktijkvoorbeeld" not in text
    assert "Interne werkwijze" not in read(public_site, "tags/regie-en-organisatie/index.html")


def test_internal_edition_shows_everything(internal_site: Path):
    html = read(internal_site, "aanpak/interne-werkwijze-test/index.html")
    assert "Intern" in html
    draft = read(internal_site, "praktijk/concept-praktijk-test/index.html")
    assert "Concept" in draft and "nog niet definitief" in draft


def test_no_broken_internal_links(public_site: Path, internal_site: Path):
    assert broken_links(public_site) == []
    assert broken_links(internal_site) == []


def test_strict_build_fails_with_the_check_message(tmp_path: Path, cli, workdir: Path):
    path = workdir / "toolbox/vragen/wat-kost-aansluiten-op-een-warmtenet.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: current", "status: klaar"))
    check = cli("check")
    message = next(line for line in check.out.splitlines() if ": fout: " in line)
    # the build reports paths relative to the repository; compare from the type folder on
    tail = message.split("toolbox/", 1)[1]
    result = mkdocs_build(workdir / "toolbox", tmp_path / "site")
    assert result.returncode != 0
    assert tail in result.stderr
    assert "Traceback" not in result.stderr


def test_generated_page_cannot_be_shadowed(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(Path(__file__).resolve().parents[2] / "docs", docs)
    (docs / "begrippen.md").write_text("# Eigen\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    repo_config = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text()
    config.write_text(repo_config, encoding="utf-8")
    shutil.copytree(FIXTURE_TOOLBOX, tmp_path / "toolbox")
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "docs/begrippen.md bestaat al" in result.stderr


def test_reuse_map_is_published(public_site: Path, internal_site: Path):
    page = read(public_site, "hergebruik/index.html")
    assert "Hergebruikkaart" in page and "<svg" in page and "Teststad" in page
    # fictional example places stay in the internal edition, labelled as such
    assert "Voorbeeldgegevens" not in page and "Proefdorp" not in page
    internal = read(internal_site, "hergebruik/index.html")
    assert "Voorbeeldgegevens" in internal and "Proefdorp" in internal
    assert "Mogelijk dubbele vragen" not in page
    assert "Mogelijk dubbele vragen" in read(internal_site, "hergebruik/index.html")
    data = json.loads(read(public_site, "reuse.json"))
    assert data["questions"][0]["id"] == "wat-kost-aansluiten-op-een-warmtenet"
    assert read(public_site, "reuse.csv").startswith("id,titel,")
    checklist = read(public_site, "hergebruik/vragenlijst-kosten-en-financiering/index.html")
    assert "Wat kost aansluiten op een warmtenet?" in checklist


def test_unwritable_cache_folder_gives_a_dutch_warning_not_a_traceback(tmp_path: Path):
    from sitecheck import REPO

    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand waar de zoekindex een map verwacht", encoding="utf-8")
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "WARMTETOOLBOX_TOOLBOX": str(FIXTURE_TOOLBOX),
        "WARMTETOOLBOX_INDEX_DIR": str(blocker / "zoekindex"),
        "WARMTETOOLBOX_HISTORY": "false",
        "WARMTETOOLBOX_GIT_DATES": "false",
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # the caches only save time: without them the site is still built, with a Dutch warning
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "waarschuwing" in proc.stderr and "Not a directory" not in proc.stderr


def test_example_places_only_in_the_internal_edition(public_site: Path, internal_site: Path):
    entry = "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html"
    assert "Proefdorp" not in read(public_site, entry)
    assert "Proefdorp" in read(internal_site, entry) and "Voorbeeldgegevens" in read(
        internal_site, entry
    )
    for path in public_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml"):
            assert "Proefdorp" not in path.read_text("utf-8", "replace"), path
