"""The navigation rendered once per folder is the navigation each page would get."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import mkdocs_build
from warmtetoolbox.integrations.nav_cache import NavCache

pytestmark = pytest.mark.build

SIDEBAR = re.compile(r'<div class="md-sidebar__inner">(.*?)</nav>', re.S)


def test_pages_in_the_navigation_get_no_key_and_others_their_folder():
    overview, entry, version = (
        SimpleNamespace(url=u) for u in ("vragen/", "vragen/a/", "vragen/a/v1/")
    )
    nav = SimpleNamespace(pages=[overview], items=[overview])
    assert NavCache.key(overview, nav) is None
    assert NavCache.key(entry, nav) == "vragen/"
    assert NavCache.key(version, nav) == "vragen/a/"
    assert NavCache.key(SimpleNamespace(url="404.html"), nav) is None
    assert NavCache.key(None, nav) is None


def test_a_page_with_navigation_items_inside_its_own_folder_gets_no_key():
    """Reproduces a review finding: 'gids/' and 'anders/' shared the key '/' although
    'gids/stap/' (in the navigation) is 'stap/' from one and '../gids/stap/' from the other."""
    guide, other = SimpleNamespace(url="gids/"), SimpleNamespace(url="anders/")
    step = SimpleNamespace(url="gids/stap/")
    link = SimpleNamespace(url="extra/lijst.xml", children=None)
    nav = SimpleNamespace(pages=[step], items=[SimpleNamespace(children=[step]), link])
    assert NavCache.key(guide, nav) is None
    assert NavCache.key(other, nav) == "/"
    assert NavCache.key(SimpleNamespace(url="extra/"), nav) is None  # a link inside it
    cache = NavCache()
    assert cache.store("vragen/", "<nav>") == "<nav>" and cache.get("vragen/") == "<nav>"
    cache.reset()
    assert cache.get("vragen/") is None


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nav") / "site"
    assert mkdocs_build(FIXTURE_TOOLBOX, out, edition="internal").returncode == 0
    return out


def _sidebar(site: Path, path: str) -> str:
    match = SIDEBAR.search((site / path).read_text(encoding="utf-8"))
    assert match, path
    return match.group(1)


def test_entry_pages_link_the_navigation_from_their_own_folder(site: Path):
    question = _sidebar(site, "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html")
    approach = _sidebar(site, "aanpak/interne-werkwijze-test/index.html")
    assert 'href="../"' in question and 'href="../../vragen/"' not in question
    assert 'href="../../vragen/"' in approach
    assert question != approach
    for html in (question, approach):
        assert "md-nav__link--active" not in html


def test_a_page_in_the_navigation_marks_itself(site: Path):
    overview = _sidebar(site, "vragen/index.html")
    assert "md-nav__link--active" in overview
    entry = _sidebar(site, "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html")
    assert entry.replace('href="../', 'href="') != overview  # not the overview's copy
