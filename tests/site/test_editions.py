"""Editions: nothing outside an edition leaks into its output, and builds are atomic."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX, REPO, run_cli
from sitecheck import mkdocs_build, readable_bytes
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.site.editions import EditionError, load_edition

pytestmark = pytest.mark.build

MARK = "zqxcanaryzqx"  # survives stemming and lower-casing in the search index

CANARY = """\
---
title: Kanarie {mark} titel over warmtenet
summary: Samenvatting {mark} over het warmtenet en de kosten voor bewoners in de wijk.
tags: [warmtenet, haalbaarheid]
audience: [officers, residents]
visibility: {visibility}
status: {status}
version: 1
updated: 2026-01-10
owner: Eigenaar {mark}
{scope}sources:
  - title: Bron {mark}
    url: https://example.org/{mark}
asked_in:
  - {{municipality: {place}, year: 2024, neighbourhood: Wijk {mark}, context: Context {mark}}}
effort_hours: 12
related: [wat-kost-aansluiten-op-een-warmtenet]
---

## Kort antwoord

Tekst {mark} over warmtenet aansluiten en kosten.

## Toelichting

Meer {mark} tekst.
"""

MUNICIPAL_EDITION = """\
municipality: teststad
site_name: Warmtetoolbox Teststad
colours:
  primary: "#00557f"
"""


def add_canary(toolbox: Path, entry_id: str, *, visibility="public", status="current",
               scope=None, place="teststad", mark=MARK) -> None:  # fmt: skip
    text = CANARY.format(
        mark=mark,
        visibility=visibility,
        status=status,
        scope=f"scope: {scope}\n" if scope else "",
        place=place,
    )
    (toolbox / "vragen" / f"{entry_id}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def canary_toolbox(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("canary") / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, root)
    taxonomy = root / "taxonomy.yml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8")
        .replace("regions:\n", "regions:\n  anderregio: {label: Anderregio}\n")
        .replace(
            "municipalities:\n",
            "municipalities:\n  anderstad: {label: Anderstad, region: anderregio}\n",
        ),
        encoding="utf-8",
    )
    add_canary(root, f"kanarie-intern-{MARK}", visibility="internal")
    add_canary(root, f"kanarie-concept-{MARK}", status="draft", place="anderstad")
    # shown in public, but asked in a fictional example place: only that record has the mark
    add_canary(root, "kanarie-voorbeeldplaats", place="proefdorp", mark="zqxshownzqx")
    shown = root / "vragen" / "kanarie-voorbeeldplaats.md"
    text = shown.read_text(encoding="utf-8")
    text = text.replace("neighbourhood: Wijk zqxshownzqx", f"neighbourhood: Wijk {MARK}")
    text = text.replace("context: Context zqxshownzqx", f"context: {MARK}")
    # a source deeper than a start page: no warning outside the quoted-field form, so the
    # load memo keeps this entry (as shown) and the scan below checks what it keeps
    text = text.replace("example.org/zqxshownzqx", "example.org/rapporten/zqxshownzqx-2024.pdf")
    shown.write_text(text, "utf-8")
    (root / "edities").mkdir()
    (root / "edities" / "teststad.yml").write_text(MUNICIPAL_EDITION, encoding="utf-8")
    result = load_toolbox(root)
    assert result.errors == 0, [p.format() for p in result.problems]
    return root


def scan(folder: Path, marker: str) -> list[str]:
    """Every file below ``folder`` (binary, gzip'ed and index files too) that holds ``marker``."""
    hits = []
    needle = marker.lower().encode()
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = readable_bytes(path)
        if needle in data.lower():
            hits.append(str(path.relative_to(folder)))
    return hits


def build(toolbox: Path, edition: str, out: Path) -> Path:
    result = mkdocs_build(toolbox, out / "site", edition=edition)
    assert result.returncode == 0, result.stderr
    return out


def test_public_edition_leaks_nothing(canary_toolbox, tmp_path):
    out = build(canary_toolbox, "public", tmp_path)
    files = {p.suffix for p in (out / "site").rglob("*") if p.is_file()}
    assert {".html", ".json", ".xml", ".gz", ".csv", ".js", ".css"} <= files
    assert any((out / "bouw").rglob("*.json"))  # the build's caches were scanned too
    assert scan(out, MARK) == []
    assert "Anderstad" not in (out / "site" / "hergebruik" / "index.html").read_text("utf-8")
    assert (out / "site" / "vragen" / "kanarie-voorbeeldplaats" / "index.html").exists()
    memo = next((out / "bouw").rglob("laden.pickle"))  # the load memo was scanned too
    assert b"zqxshownzqx" in memo.read_bytes()  # it keeps that entry, without the record
    cold = pages_without_build_time(out / "site")
    build(canary_toolbox, "public", tmp_path)  # warm: the caches of the first build
    assert scan(out, MARK) == []
    assert pages_without_build_time(out / "site") == cold


def pages_without_build_time(site: Path) -> dict:
    """Every page, without the build's clock time (git dates fall back to it)."""
    return {p: re.sub(r'title="[^"]* UTC"', "", p.read_text("utf-8")) for p in site.rglob("*.html")}


def test_internal_edition_holds_the_canaries(canary_toolbox, tmp_path):
    """Positive control: the scan finds the marker where it must be, index files included."""
    out = build(canary_toolbox, "internal", tmp_path)
    hits = scan(out, MARK)
    assert any(h.startswith("site/vragen/kanarie-intern-") for h in hits)
    assert any(h.startswith("site/pagefind/fragment/") for h in hits)  # decompressed
    assert "site/reuse.json" in hits and "site/sitemap.xml" in hits
    assert any(h.startswith("bouw/") for h in hits)  # and the build's caches


def test_municipal_edition_leaves_out_other_scopes(canary_toolbox, tmp_path):
    elsewhere = canary_toolbox.parent / "elsewhere"
    shutil.copytree(canary_toolbox, elsewhere / "toolbox")
    add_canary(elsewhere / "toolbox", f"kanarie-elders-{MARK}", scope="anderstad")
    add_canary(elsewhere / "toolbox", "kanarie-eigen-gemeente", scope="teststad", mark="zqxownzqx")
    add_canary(elsewhere / "toolbox", "kanarie-eigen-regio", scope="testregio", mark="zqxregionzqx")
    out = build(elsewhere / "toolbox", "gemeente:teststad", tmp_path)
    assert scan(out, MARK) == []
    site = out / "site"
    assert (site / "vragen" / "kanarie-eigen-gemeente" / "index.html").exists()
    assert (site / "vragen" / "kanarie-eigen-regio" / "index.html").exists()
    assert scan(out, "zqxownzqx") and scan(out, "zqxregionzqx")
    home = (site / "index.html").read_text("utf-8")
    assert "Warmtetoolbox Teststad" in home
    assert "editie.css" in home and "#00557f" in (site / "stylesheets/editie.css").read_text()


def test_public_build_of_elsewhere_scope_is_included(canary_toolbox, tmp_path):
    add_canary(canary_toolbox, "kanarie-landelijk-zichtbaar", scope="anderstad")
    try:
        out = build(canary_toolbox, "public", tmp_path)
        assert (out / "site/vragen/kanarie-landelijk-zichtbaar/index.html").exists()
    finally:
        (canary_toolbox / "vragen/kanarie-landelijk-zichtbaar.md").unlink()


def test_internal_edition_has_banner_and_noindex(canary_toolbox, tmp_path):
    site = build(canary_toolbox, "internal", tmp_path) / "site"
    for page in ("index.html", "vragen/index.html", "begrippen/index.html"):
        html = (site / page).read_text("utf-8")
        assert "Interne editie" in html
        assert '<meta name="robots" content="noindex, nofollow">' in html
    public = build(canary_toolbox, "public", tmp_path / "p") / "site"
    assert "Interne editie" not in (public / "index.html").read_text("utf-8")
    assert "noindex" not in (public / "index.html").read_text("utf-8")


def test_every_page_has_a_content_security_policy(canary_toolbox, tmp_path):
    site = build(canary_toolbox, "public", tmp_path) / "site"
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        head = html[: html.index("</head>")]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, page
        assert "script-src 'self'" in head
        if "<script>" in html or "<script " in html.replace("<script src", ""):
            assert "'sha256-" in head
        csp_at = head.index("Content-Security-Policy")
        assert "<script" not in head[:csp_at], f"script before the policy in {page}"


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("municipality: atlantis\n", 1, "staat niet in de taxonomie"),
        ("colours:\n  primary: rood\n", 2, "hexcode"),
        ("logo: ../../geheim.svg\n", 1, "'logo'"),
        ("kleur: '#000000'\n", 1, "onbekend veld 'kleur'"),
        ("site_name: [\n", 2, "staat nog open"),
    ],
)
def test_bad_edition_file(tmp_path, content, line, words):
    root = tmp_path / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, root)
    (root / "edities").mkdir()
    (root / "edities" / "teststad.yml").write_text(content, encoding="utf-8")
    taxonomy = load_toolbox(root).corpus.taxonomy
    with pytest.raises(EditionError) as caught:
        load_edition("gemeente:teststad", root, taxonomy)
    assert f"toolbox/edities/teststad.yml:{line}: fout:" in str(caught.value)
    assert words in str(caught.value)


def test_unknown_edition_names(tmp_path):
    taxonomy = load_toolbox(FIXTURE_TOOLBOX).corpus.taxonomy
    for name in ("geheim", "gemeente:bestaat-niet", "gemeente:../x"):
        with pytest.raises(EditionError):
            load_edition(name, FIXTURE_TOOLBOX, taxonomy)


def test_build_command_is_atomic(canary_toolbox, tmp_path):
    config = tmp_path / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    text = text.replace("!ENV [WARMTETOOLBOX_TOOLBOX, toolbox]", str(canary_toolbox))
    text = text.replace("!ENV [WARMTETOOLBOX_INDEX_DIR, .cache/zoekindex]", str(tmp_path / "ix"))
    config.write_text(f"docs_dir: {REPO / 'docs'}\n" + text, encoding="utf-8")
    out = tmp_path / "uit"
    first = run_cli(
        "build", "--edition", "public", "--out", str(out), "--config", str(config), cwd=tmp_path
    )
    assert first.code == 0, first.text
    marker = out / "index.html"
    before = marker.read_text("utf-8")
    broken = run_cli(
        "build",
        "--edition",
        "gemeente:nergens",
        "--out",
        str(out),
        "--config",
        str(config),
        cwd=tmp_path,
    )
    assert broken.code == 2
    assert "de vorige site blijft staan" in broken.err
    assert "Traceback" not in broken.text
    assert marker.read_text("utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".uit-")) == []
    internal = run_cli(
        "build", "--edition", "internal", "--out", str(out), "--config", str(config), cwd=tmp_path
    )
    assert internal.code == 0, internal.text
    assert "Interne editie" in marker.read_text("utf-8")


def test_entry_scoped_to_an_example_place_stays_internal(canary_toolbox, tmp_path):
    add_canary(canary_toolbox, "kanarie-voorbeeldplaats", scope="proefdorp", mark="zqxfictiezqx")
    try:
        public = build(canary_toolbox, "public", tmp_path / "p")
        assert scan(public, "zqxfictiezqx") == []
        internal = build(canary_toolbox, "internal", tmp_path / "i")
        assert scan(internal, "zqxfictiezqx")
    finally:
        (canary_toolbox / "vragen/kanarie-voorbeeldplaats.md").unlink()
