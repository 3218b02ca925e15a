"""One public build of the repository's toolbox per test run, shared by the tests that
look at every page of it (reflow, theme language, HTML validity, print), and a local
server for it. The internal edition (with the example reuse records) is built on demand."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from conftest import REPO
from sitecheck import mkdocs_build, served

REDIRECT = 'http-equiv="refresh"'


@functools.cache
def edition_build(edition: str) -> Path:
    """A build of the repository's toolbox in ``edition`` (once per test run)."""
    root = Path(tempfile.mkdtemp(prefix=f"wtb-{edition}-"))
    atexit.register(shutil.rmtree, root, True)
    out = root / "site"
    result = mkdocs_build(REPO / "toolbox", out, edition=edition)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def public_build() -> Path:
    return edition_build("public")


def html_pages(site: Path) -> list[str]:
    """Every HTML page of ``site`` as a path below it, redirects left out."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if REDIRECT in path.read_text(encoding="utf-8")[:4000]:
            continue
        pages.append(path.relative_to(site).as_posix())
    return pages


def address(page: str) -> str:
    """The address of a built page below the site root (``x/index.html`` -> ``x/``)."""
    return page.removesuffix("index.html")


serve = served  # the site on 127.0.0.1 for the length of a block


# Pages of each type in the public build of the repository's toolbox.
PAGE_TYPES = {
    "home": "index.html",
    "overzicht": "vragen/index.html",
    "item": "vragen/bewoner-wil-niet-meedoen/index.html",
    "onderwerp": "tags/warmtenet/index.html",
    "onderwerpen": "tags/index.html",
    "doelgroep": "voor-bewoners/index.html",
    "fasen": "fasen/index.html",
    "begrippen": "begrippen/index.html",
    "hergebruik": "hergebruik/index.html",
    "nieuw": "nieuw/index.html",
    "zoeken": "zoeken/index.html",
    "over": "over/index.html",
    "404": "404.html",
}


def page_types(site: Path) -> dict[str, str]:
    """``PAGE_TYPES`` plus a question list and an old version, where the build has them."""
    found = dict(PAGE_TYPES)
    lists = sorted(site.glob("hergebruik/vragenlijst-*/index.html"))
    if lists:
        found["vragenlijst"] = lists[0].relative_to(site).as_posix()
    versions = sorted(site.glob("*/*/v1/index.html"))
    versions = [v for v in versions if REDIRECT not in v.read_text(encoding="utf-8")[:4000]]
    if versions:
        found["versie"] = versions[0].relative_to(site).as_posix()
    return found
