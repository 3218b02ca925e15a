"""The published address: feeds, sitemap and canonical links carry the configured
``site_url``; without a real one, no absolute address points at localhost, and
``warmtetoolbox build`` of a public edition refuses to publish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX, REPO, run_cli
from sitecheck import mkdocs_build, readable_bytes
from warmtetoolbox.site.urls import published_url

pytestmark = pytest.mark.build


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://warmte.example.nl", "https://warmte.example.nl/"),
        ("https://warmte.example.nl/toolbox/", "https://warmte.example.nl/toolbox/"),
        ("http://127.0.0.1:8000/", None),
        ("http://localhost:8000/", None),
        ("http://[::1]/", None),
        ("", None),
        (None, None),
        ("ftp://warmte.example.nl/", None),
        ("https:///zonder-host", None),
    ],
)
def test_published_url(given, expected):
    assert published_url(given) == expected


LOCAL_LINK = re.compile(
    r'(?:href="|src="|<loc>|<link>|"url": ")https?://(?:127\.0\.0\.1|localhost|\[::1\])'
)


def all_text(site: Path) -> str:
    return "".join(
        readable_bytes(p).decode("utf-8", "replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".gz", ".txt")
    )


def test_configured_address_reaches_feeds_sitemap_and_canonical_links(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, site, site_url="https://warmte.example.nl/toolbox/")
    assert result.returncode == 0, result.stderr[-2000:]
    feed = (site / "feeds/alles.xml").read_text("utf-8")
    assert "<link>https://warmte.example.nl/toolbox/</link>" in feed
    assert (
        "https://warmte.example.nl/toolbox/vragen/"
        in readable_bytes(site / "sitemap.xml.gz").decode()
    )
    assert (
        'rel="canonical" href="https://warmte.example.nl/toolbox/'
        in (site / "index.html").read_text()
    )
    assert not LOCAL_LINK.search(all_text(site))


def test_without_an_address_no_absolute_link_points_at_localhost(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, site, site_url="")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not LOCAL_LINK.search(all_text(site))
    assert not (site / "feeds").exists()  # feeds need absolute addresses
    assert "feed" in (site / "nieuw/index.html").read_text("utf-8")  # says why there is none


def test_build_command_refuses_a_public_edition_without_an_address(tmp_path):
    result = run_cli(
        "build",
        "--edition",
        "public",
        "--out",
        str(tmp_path / "uit"),
        "--config",
        str(REPO / "mkdocs.yml"),
        cwd=tmp_path,
        env={"WARMTETOOLBOX_SITE_URL": ""},
    )
    assert result.code == 2, result.text
    assert "WARMTETOOLBOX_SITE_URL" in result.err and "--site-url" in result.err
    assert "Traceback" not in result.text
    assert not (tmp_path / "uit").exists()
